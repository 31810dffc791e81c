"""Numeric facts: quantities with what they count, per article, then grouped across an event's articles.

    extract_facts("a1", ["وتعهد بلينكن بتقديم 436 مليون دولار إضافي كمساعدات إنسانية"])
    # [FactMention(article="a1", text="436 مليون دولار", value=436000000, unit="USD", ...)]
    group_facts({"a1": [...], "a2": [...]})
    # [Fact(text=..., value=436000000, unit="USD", articles=["a1", "a2"], status="agreed")]

A fact is a quantity from `marsad.text.numbers` (years, dates, times and identifiers are not facts) with
its unit: the counted noun after the number (`14 قتيلاً` → dead, `436 مليون دولار` → USD, `10000 من
مقاتلي داعش` → fighters, `65 بالمائة` → %), or before it for the definite forms (`أعضائه الـ83`,
`المهاجرين الأربعة`). Units come from a small vocabulary; any other counted noun is kept as `thing` (its
light stem) so that `20 قاطرة` and `10 قاطرات` still compare.

Grouping (one event's articles): mentions with the same value and compatible units are one fact
(members ~ countries, people ~ any count of people, no unit ~ any unit); a fact reported by one article
is "single", by several "agreed", and "conflict" when another fact of the same unit and thing has a
different value and each side has an article the other lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.text.normalize import match_key
from marsad.text.numbers import Number, NumberMention, find_numbers
from marsad.text.tokenize import sentences


@dataclass(frozen=True)
class FactMention:
    """One quantity in one article: `text` is the number phrase with its unit as written."""

    article: str
    text: str
    value: Number
    unit: str | None
    thing: str | None
    qualifier: str | None
    sentence: str
    paragraph: int
    start: int  # offsets of `text` in the paragraph
    end: int
    units: frozenset[str] = frozenset()  # every unit the words around allow (الدول الـ83 الأعضاء)


@dataclass
class Fact:
    """One claim across an event's articles (export shape: text, value, unit, articles, status)."""

    text: str
    value: Number
    unit: str | None
    articles: list[str]
    status: str  # "agreed" | "conflict" | "single"
    thing: str | None = None
    mentions: dict[str, str] = field(default_factory=dict)  # article -> number phrase as written
    qualifier: str | None = None

    def to_export(self) -> dict[str, object]:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "articles": list(self.articles),
            "status": self.status,
            "mentions": dict(self.mentions),
        }


# ------------------------------------------------------------------------------------------- units

_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
_PRONOUNS = ("هما", "هم", "هن", "ها", "ه", "كم", "نا")
_ENDINGS = ("يين", "يون", "ات", "ين", "ون", "ي", "ا", "ه")


def stem(word: str) -> str:
    """Light stem of a noun for unit lookup: clitics, pronoun, case, plural endings off
    (إصابتهم → اصاب, قتيلاً → قتيل, أعضائه → اعضاء)."""
    k = match_key(word)
    for p in _PREFIXES:
        if k.startswith(p) and len(k) - len(p) >= 3:
            k = k[len(p) :]
            break
    for s in _PRONOUNS:
        if k.endswith(s) and len(k) - len(s) >= 3:
            k = k[: -len(s)]
            if k.endswith("ت"):
                k = k[:-1] + "ه"  # the construct form of -ة: إصابتهم
            break
    if k.endswith("اي"):
        k = k[:-1] + "ء"  # the hamza seat of a construct form: أعضائه
    for s in _ENDINGS:
        if k.endswith(s) and len(k) - len(s) >= 3:
            k = k[: -len(s)]
            break
    return k


def _vocab(table: dict[str, str]) -> dict[str, str]:
    return {stem(w): unit for words, unit in table.items() for w in words.split()}


# Written forms → unit; each form is stemmed at load, so singular, plural and case forms can be listed.
_UNITS = _vocab({
    "دولار دولارا دولارات": "USD",
    "يورو أورو اورو": "EUR",
    "دينار دينارا": "dinar",
    "ريال ريالا": "riyal",
    "جنيه جنيها جنيهات": "pound",
    "درهم دراهم": "dirham",
    "ليرة ليرات": "lira",
    "روبل": "RUB",
    "بالمائة بالمئة بالمائه %": "%",
    "قتيل قتيلا قتلى ضحية ضحايا شهيد شهيدا شهداء جثة جثث": "dead",
    "جريح جريحا جرحى مصاب مصابا مصابين إصابة إصابات": "injured",
    "شخص شخصا أشخاص نسمة مواطن مواطنا مواطنين فرد أفراد نفر إنسان": "people",
    "مقاتل مقاتلا مقاتلين مقاتلو مقاتلي مسلح مسلحا مسلحين مسلحي إرهابي إرهابيا إرهابيين": "fighters",
    "جندي جنديا جنود عسكري عسكريا عسكريين": "soldiers",
    "مهاجر مهاجرا مهاجرين مهاجرون": "migrants",
    "لاجئ لاجئا لاجئين لاجئون": "refugees",
    "نازح نازحا نازحين": "displaced",
    "طفل طفلا أطفال": "children",
    "معتقل معتقلا معتقلين أسير أسيرا أسرى سجين سجينا سجناء": "prisoners",
    "عضو عضوا أعضاء": "members",
    "دولة دول بلد بلدا بلدان": "countries",
    "كيلومتر كيلومترا كيلومترات كلم": "km",
    "متر مترا أمتار": "m",
    "طن طنا أطنان": "t",
    "قنطار قناطير": "quintals",
    "كيلوغرام كيلوغراما كلغ كغ": "kg",
    "برميل براميل": "barrels",
    "عام عاما أعوام سنة سنوات سنين": "years",
    "شهر شهرا أشهر شهور": "months",
    "يوم يوما أيام": "days",
    "ساعة ساعات": "hours",
    "دقيقة دقائق": "minutes",
})  # fmt: skip
_PERSON_UNITS = frozenset(
    {"people", "dead", "injured", "fighters", "soldiers", "migrants", "refugees", "displaced", "children",
     "prisoners"}
)  # fmt: skip
_CURRENCY_OF = {
    stem(w): code
    for words, code in {
        "تونسي": "TND", "جزائري": "DZD", "عراقي": "IQD", "أردني": "JOD", "كويتي": "KWD", "ليبي": "LYD",
        "بحريني": "BHD", "سعودي": "SAR", "قطري": "QAR", "عماني": "OMR", "يمني": "YER", "إيراني": "IRR",
        "مصري": "EGP", "إسترليني": "GBP", "استرليني": "GBP", "سوداني": "SDG", "لبناني": "LBP",
        "سوري": "SYP", "تركية": "TRY", "تركي": "TRY", "مغربي": "MAD", "إماراتي": "AED",
        "أمريكي": "USD", "أميركي": "USD",
    }.items()
    for w in words.split()
}  # fmt: skip
_GENERIC_CURRENCY = {"dinar", "riyal", "pound", "dirham", "lira"}
_PERCENT_AFTER = (("في", "المائه"), ("في", "الميه"), ("في", "المايه"))
_DEATH_CUES = frozenset(stem(w) for w in "مقتل بحياة وفاة مصرع قتل حتفهم حتف مصرعهم قتلوا لقوا".split())
_STOP_THINGS = frozenset(
    match_key(w)
    for w in "من في على إلى الى عن مع أو و ما لا التي الذي الذين اللذين فقط أخرى آخرين آخر آخرون منها منهم "
    "بين حتى قد كما خلال بعد قبل هي هو هم".split()
)


_WORD = re.compile(r"[%٪]|[\u0621-\u064a\u064b-\u065f\u0670\u0640]+")
_WORD_BEFORE = re.compile(r"([\u0621-\u064a\u064b-\u065f\u0670\u0640]+)[\s\u0640]*$")
_DEFINITE_MARK = re.compile(r"(?:^|\s)[وبلف]?ال\u0640*\s*$")  # الـ83، بالـ 30


def _words_after(text: str, end: int, n: int) -> list[tuple[str, int, int]]:
    """Up to n words after `end`, stopping at sentence or clause punctuation."""
    out: list[tuple[str, int, int]] = []
    pos = end
    for m in _WORD.finditer(text, end):
        if len(out) >= n:
            break
        gap = text[pos : m.start()]
        if any(c in gap for c in ".؛()") or (out and any(c in gap for c in '،,:«»"“”')):
            break
        out.append((m.group(), m.start(), m.end()))
        pos = m.end()
    return out


def _word_before(text: str, start: int) -> tuple[str, int] | None:
    m = _WORD_BEFORE.search(text, 0, start)
    return (m.group(1), m.start(1)) if m else None


def _unit_of(text: str, num: NumberMention) -> tuple[str | None, str | None, frozenset[str], int, int]:
    """(unit, thing, every unit allowed, start, end of the phrase) for a number in `text`."""
    after = _words_after(text, num.end, 4)
    keys = [match_key(w) for w, _, _ in after]
    start, end = num.start, num.end
    if after and after[0][0] in "%٪":
        return "%", None, frozenset({"%"}), start, after[0][2]
    if len(keys) >= 2 and tuple(keys[:2]) in _PERCENT_AFTER:
        return "%", None, frozenset({"%"}), start, after[1][2]
    # The definite forms count the noun before them: أعضائه الـ83، المهاجرين الأربعة، الدول الـ83 الأعضاء.
    mark = _DEFINITE_MARK.search(text, 0, num.start)
    # واحد/واحدة follow their noun like an adjective: بيوم واحد، درجة واحدة.
    definite = mark is not None or num.text.startswith("ال") or match_key(num.text) in ("واحد", "واحده")
    before = _word_before(text, mark.start() if mark else num.start)
    units: list[str] = []
    thing = None
    k = 1 if keys and keys[0] == "من" and len(after) > 1 else 0  # 10000 من مقاتلي داعش
    if k < len(after) and keys[k] not in _STOP_THINGS and stem(after[k][0]) not in _STOP_THINGS:  # 4.76 قبله
        word, _, w_end = after[k]
        unit = _UNITS.get(stem(word))
        if unit is not None:
            units.append(unit)
            end = w_end
            if unit in _GENERIC_CURRENCY and k + 1 < len(after):
                code = _CURRENCY_OF.get(stem(after[k + 1][0]))
                if code:
                    units[-1] = code
                    end = after[k + 1][2]
        elif not definite and not keys[k].startswith("ال"):
            thing, end = stem(word), w_end  # 20 قاطرة، 9 مخابئ
    if definite and before is not None and not before[0].endswith("ية"):
        b_unit = _UNITS.get(stem(before[0]))  # (not an adjective in -ية: مساراته العسكرية الخمسة)
        if b_unit is not None and b_unit not in units:
            units.append(b_unit)
        counted = b_unit is not None or stem(before[0]) not in _STOP_THINGS  # not الإفراج عن | الثلاثة
        if b_unit is None and thing is None and not units and counted:
            thing = stem(before[0])
        if counted:
            start = before[1]
    if before is not None or after:
        # مقتل أربعة أشخاص، أودت بحياة 130 شخصا، لقي 14 شخصا حتفهم
        cue = (before is not None and stem(before[0]) in _DEATH_CUES) or any(
            stem(w) in _DEATH_CUES for w, _, _ in after[k + 1 : k + 4]
        )
        if cue and not units:
            units.append("dead")
        elif cue and units[0] == "people":
            units[0] = "dead"
    unit = units[0] if units else None
    return unit, thing or unit, frozenset(units), start, end


def extract_facts(article_id: str, paragraphs: list[str]) -> list[FactMention]:
    """Every quantity of one article with its unit and sentence."""
    out: list[FactMention] = []
    for p_index, para in enumerate(paragraphs):
        sents = sentences(para)
        for num in find_numbers(para):
            if num.kind != "quantity":
                continue
            unit, thing, allowed, start, end = _unit_of(para, num)
            sentence = next((s for s in sents if num.text in s and para.find(s) <= num.start), para)
            out.append(
                FactMention(
                    article=article_id,
                    text=para[start:end],
                    value=num.value,
                    unit=unit,
                    thing=thing,
                    qualifier=num.qualifier,
                    sentence=sentence,
                    paragraph=p_index,
                    start=start,
                    end=end,
                    units=allowed,
                )
            )
    return out


# ---------------------------------------------------------------------------------------- grouping

_COMPATIBLE = frozenset(
    {frozenset({"members", "countries"})} | {frozenset({"people", u}) for u in _PERSON_UNITS}
)


def _compatible(g: _Group, m: FactMention) -> bool:
    """Units that can name the same count; a mention without unit joins only if it names no thing."""
    a, b = g.units, m.units
    if a & b:
        return True
    if not a or not b:
        return (not a and not b) or (not a and g.thing is None) or (not b and m.thing is None)
    return any(frozenset({x, y}) in _COMPATIBLE for x in a for y in b)


@dataclass
class _Group:
    value: Number
    units: frozenset[str]
    mentions: list[FactMention]

    @property
    def articles(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.article, None)
        return list(seen)

    @property
    def unit(self) -> str | None:
        """The most specific unit its mentions give (dead over people, members over countries)."""
        units = [m.unit for m in self.mentions if m.unit is not None]
        for u in units:
            if u not in ("people", "countries"):
                return u
        return units[0] if units else None

    @property
    def thing(self) -> str | None:
        for m in self.mentions:
            if m.thing is not None:
                return m.thing
        return None


def group_facts(mentions_by_article: dict[str, list[FactMention]]) -> list[Fact]:
    """The facts of one event: mentions grouped across its articles, with agreement status."""
    groups: list[_Group] = []
    for mentions in mentions_by_article.values():
        for m in mentions:
            target = None
            for g in groups:
                if g.value == m.value and _compatible(g, m) and _same_thing(g, m):
                    target = g
                    break
            if target is None:
                groups.append(_Group(m.value, m.units, [m]))
            else:
                target.mentions.append(m)
                target.units = target.units | m.units
    facts = []
    for g in groups:
        arts = g.articles
        status = "single" if len(arts) == 1 else "agreed"
        if _conflicts(g, groups, mentions_by_article):
            status = "conflict"
        first = g.mentions[0]
        phrases: dict[str, str] = {}
        for m in g.mentions:
            phrases.setdefault(m.article, m.text)
        facts.append(
            Fact(
                text=first.sentence.strip(),
                value=g.value,
                unit=g.unit,
                articles=arts,
                status=status,
                thing=g.thing,
                mentions=phrases,
                qualifier=first.qualifier,
            )
        )
    return facts


def _same_thing(g: _Group, m: FactMention) -> bool:
    """Counted things without a unit must match (`قاطرة` and `قاطرات`); a missing side matches."""
    if g.units or m.units:
        return True
    gt = g.thing
    return gt is None or m.thing is None or gt == m.thing


def _conflicts(g: _Group, groups: list[_Group], by_article: dict[str, list[FactMention]]) -> bool:
    """Two articles each give one count of the same kind of thing, in similar words, and the counts
    differ (`14 قتيلاً` here, `20 قتيلاً` there). Shares, durations and sums of money are left out: one
    event has many of them, and unit alone does not tell which claim they belong to."""
    unit = g.unit
    if unit is None or unit in _NO_CONFLICT or unit.isupper():
        return False
    mine = set(g.articles)
    for other in groups:
        if other is g or other.value == g.value or other.unit != unit:
            continue
        theirs = set(other.articles)
        a_only, b_only = mine - theirs, theirs - mine
        if not a_only or not b_only:
            continue
        single = [a for a in (*a_only, *b_only) if _values_of(by_article[a], unit) == 1]
        if len(single) < 2:
            continue  # an article with several counts of that unit is counting different things
        if len(_content_words(g) & _content_words(other)) >= 2:
            return True
    return False


_NO_CONFLICT = frozenset(
    {"%", "years", "months", "days", "hours", "minutes", "km", "m", "t", "kg", "quintals"}
)


def _values_of(mentions: list[FactMention], unit: str) -> int:
    return len({m.value for m in mentions if m.unit == unit})


def _content_words(g: _Group) -> set[str]:
    return {w for m in g.mentions for w in match_key(m.sentence).split() if len(w) > 3 and not w.isdigit()}
