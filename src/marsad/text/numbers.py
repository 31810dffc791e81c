"""Numbers in Arabic news text → values: digits (Arabic-Indic too), separators, number words, scales.

    find_numbers("تعهد بتقديم 436 مليون دولار")      # [NumberMention("436 مليون", 11, 20, 436000000, None)]
    find_numbers("زهاء عشرة آلاف مقاتل")             # [NumberMention("عشرة آلاف", 5, 14, 10000, "approx")]

A mention is a run of number tokens: digits (`10,000`, `13.5`, `0،5`, `٥٦`) or number words (`ثلاثة
وعشرون`, `مئتين`, `ثلاثمائة`), joined with the scales that follow them (`436 مليون`, `2.5 مليار`, `عشرة
آلاف`). Its qualifier (approximation or bound) is read from the words around it: نحو، زهاء، حوالي، قرابة،
ما يقرب من → "approx"; ما لا يقل عن، على الأقل → "at_least"; أكثر من، ما يزيد على → "more_than";
أقل من → "less_than"; ما لا يزيد عن → "at_most".

Numbers that are not quantities keep a `kind`: a year (`عام 2014`, `يونيو 2022`, a bare `في 2016`), a
date (`12 يوليو`, `14/5/2015`), a clock time (`10:30`), or an identifier (`القرار 2254`, `الفصل 227`,
`كوفيد-19`, `مجموعة العشرين`). Pure functions over the display text; offsets index that text.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from marsad.text.normalize import fold_digits, match_key

Number = int | float

MAX_EXPONENT = 30
"""Larger values (more than 31 digits before the point) are not read as numbers: no news quantity is that
large, and such runs (serial numbers, garbage) would not survive conversion to int or JSON."""


@dataclass(frozen=True)
class NumberMention:
    """A number in the text: `text[start:end]` as written, its value and what kind of number it is."""

    text: str
    start: int
    end: int
    value: Number
    qualifier: str | None = None
    kind: str = "quantity"  # "quantity" | "year" | "date" | "time" | "id"


# ------------------------------------------------------------------------------------------ vocabulary
# Keys are match_key forms (أ/إ/آ → ا, ة → ه, ى → ي, no diacritics or tatweel).


def _keyed(table: dict[str, int]) -> dict[str, int]:
    return {match_key(k): v for k, v in table.items()}


_UNITS = _keyed({
    "واحد": 1, "واحدة": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
    "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
})  # fmt: skip
_TEN = _keyed({"عشرة": 10, "عشر": 10})
_TENS = _keyed({
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
})  # fmt: skip
_HUNDRED_WORDS = _keyed({
    "مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200, "مئتا": 200,
    "مئتي": 200, "مائتا": 200, "مائتي": 200,
    **{stem + h: v * 100 for stem, v in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                                         ("ثمان", 8), ("تسع", 9)) for h in ("مئة", "مائة")},
})  # fmt: skip
_HUNDRED = match_key("مئة"), match_key("مائة")
# Scales: value, and whether the word can stand alone as a count. Plurals (آلاف، ملايين) need a count
# before them: a bare `آلاف من` is "thousands of", not a number.
_SCALES = {match_key(k): v for k, v in {
    "ألف": (1000, True), "ألفا": (1000, True), "آلاف": (1000, False), "ألفان": (2000, True),
    "ألفين": (2000, True), "مليون": (10**6, True), "مليونا": (10**6, True), "ملايين": (10**6, False),
    "مليونان": (2 * 10**6, True), "مليونين": (2 * 10**6, True), "مليار": (10**9, True),
    "مليارا": (10**9, True), "مليارات": (10**9, False), "ملياران": (2 * 10**9, True),
    "مليارين": (2 * 10**9, True), "بليون": (10**9, True), "بلايين": (10**9, False),
    "تريليون": (10**12, True),
}.items()}  # fmt: skip
# After a count, a dual scale multiplies by its base: `20 ألفين` does not occur, but `ألفين` alone is 2000.
_DUAL_SCALE_BASE = {match_key(k): v for k, v in {
    "ألفان": 1000, "ألفين": 1000, "مليونان": 10**6, "مليونين": 10**6, "ملياران": 10**9, "مليارين": 10**9,
}.items()}  # fmt: skip
# Definite number words after a counted noun: المهاجرين الأربعة, مساراته العسكرية الخمسة.
_DEFINITE_OK = {k for k, v in _UNITS.items() if v >= 3} | set(_TEN)

_PREFIXES = ("وب", "ول", "و", "ف", "ب", "ل", "ك")
# The ordinal stems that take عشر / عشرة after them (الحادي عشر، السادسة عشرة: no count of ten); the
# date grammar builds its ordinal days from them too.
ORDINAL_STEMS = ("حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع")
_ORDINALS = frozenset(
    match_key(article + stem + ending)
    for stem in ORDINAL_STEMS
    for ending in ("", "ة")
    for article in ("", "ال")
)


def _joins(before: str, kind: str) -> bool:
    """Number words that و joins into one number: a larger part before a smaller (مئة وخمسون، ألف
    وخمسمائة، ثلاثة آلاف وخمسة) or a unit before its tens (خمسة وعشرون). Tens after tens, or a unit after
    a unit, are two numbers."""
    if before in ("hundred", "scale"):
        return True
    return before == "unit" and kind == "tens"


# Qualifiers before the number (token keys, longest first) and after it.
_Cue = tuple[tuple[tuple[str, ...], str], ...]
_BEFORE_WORDS: _Cue = (
    (("ما", "لا", "يقل", "عن"), "at_least"), (("لا", "يقل", "عن"), "at_least"),
    (("ما", "لا", "يقل", "على"), "at_least"), (("ما", "لا", "يزيد", "عن"), "at_most"),
    (("ما", "لا", "يزيد", "على"), "at_most"), (("لا", "يزيد", "عن"), "at_most"),
    (("ما", "يزيد", "على"), "more_than"), (("ما", "يزيد", "عن"), "more_than"),
    (("يزيد", "على"), "more_than"), (("يزيد", "عن"), "more_than"),
    (("ما", "يقرب", "من"), "approx"), (("يقرب", "من"), "approx"), (("ما", "يناهز"), "approx"),
    (("ما", "يفوق"), "more_than"), (("في", "حدود"), "approx"), (("اكثر", "من"), "more_than"),
    (("ازيد", "من"), "more_than"), (("اقل", "من"), "less_than"), (("يناهز",), "approx"),
    (("يفوق",), "more_than"), (("نحو",), "approx"), (("زهاء",), "approx"), (("حوالي",), "approx"),
    (("قرابة",), "approx"), (("حوالى",), "approx"),
)  # fmt: skip
_AFTER_WORDS: _Cue = ((("على", "الأقل"), "at_least"), (("تقريبا",), "approx"))
_BEFORE: _Cue = tuple((tuple(match_key(w) for w in words), label) for words, label in _BEFORE_WORDS)
_AFTER: _Cue = tuple((tuple(match_key(w) for w in words), label) for words, label in _AFTER_WORDS)

_MONTHS = frozenset(
    match_key(m)
    for m in (
        "يناير فبراير مارس أبريل ابريل مايو يونيو يونيه يوليو يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
        "جانفي فيفري أفريل ماي جوان جويلية أوت كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين"
    ).split()
)
# Words before a number that make it a year.
_YEAR_CUES = frozenset(
    "عام العام لعام بعام والعام سنه السنه لسنه بسنه منذ حتي صيف خريف شتاء ربيع مطلع اواخر اوائل منتصف "
    "موسم الموسم لموسم ميزانيه".split()
)
# Words before a number that make it an identifier, not a quantity.
_ID_CUES = frozenset(
    "القرار قرار الرقم رقم برقم عدد الفصل فصل المرسوم مرسوم القانون قانون الماده ماده الماد الفقره "
    "الامر امر الطريق طريق الصفحه الحلقه النسخه الرحله رحله الطائره الدوري مجموعه كوفيد كورونا الاصدار "
    "المنشور منشور البند بند الدائره الكتيبه اللواء الفرقه".split()
)

# Words ending in -ا after a year that are not counted nouns.
_NOT_COUNTED = frozenset("ايضا كذلك وفقا طبقا تقريبا سابقا لاحقا حاليا اساسا خصوصا خاصه".split())

_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,٫٬،]\d+)*)"
    r"|(?P<word>[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640]+)"
    r"|(?P<sym>[%٪:/\-–—])"
)


@dataclass(frozen=True)
class _Tok:
    kind: str  # "num" | "word" | "sym"
    start: int
    end: int
    key: str  # match_key of a word; the folded digits of a number; the symbol


@lru_cache(maxsize=1 << 17)
def _key(word: str) -> str:
    """match_key of one word, cached: the vocabulary of news repeats."""
    return match_key(word)


def _tokens(folded: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(folded):
        kind = m.lastgroup or "sym"
        raw = m.group()
        out.append(_Tok(kind, m.start(), m.end(), _key(raw) if kind == "word" else raw))
    return out


def _digits_value(raw: str) -> Decimal | None:
    """Value of a digit group: `10,000` and `1.000.000` are thousands; `13.5`, `0،5`, `1,5` decimals."""
    parts = re.split(r"[.,٫٬،]", raw)
    seps = re.findall(r"[.,٫٬،]", raw)
    if not seps:
        return Decimal(raw)
    thousands = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3
    if thousands and (all(s in ",٬" for s in seps) or (len(seps) > 1 and all(s == "." for s in seps))):
        return Decimal("".join(parts))
    if len(seps) == 1:
        return Decimal(f"{parts[0]}.{parts[1]}")
    return None  # 1.2.3: a version or a date, not a number


def _strip_prefix(key: str, table: Container[str]) -> tuple[str, str]:
    """(prefix, stem) when the key is a clitic-prefixed form of a word in `table` (وعشرون, بعشرة)."""
    if key in table:
        return "", key
    for p in _PREFIXES:
        if key.startswith(p) and key[len(p) :] in table:
            return p, key[len(p) :]
    return "", key


@lru_cache(maxsize=1 << 16)
def _word_class(key: str) -> tuple[str, int, str] | None:
    """(class, value, prefix) of a number word: unit, ten, tens, hundred or scale.

    A clitic (و، ب، ل …) is taken off only a stem of four letters or more (بعشرة، وعشرون), or off any
    stem after و: `لست` is "I am not", not ل + ست.
    """
    for table, cls in ((_UNITS, "unit"), (_TEN, "ten"), (_TENS, "tens"), (_HUNDRED_WORDS, "hundred")):
        prefix, stem = _strip_prefix(key, table)
        if stem in table and (not prefix or prefix == "و" or len(stem) >= 4):
            return cls, table[stem], prefix  # type: ignore[index]
    prefix, stem = _strip_prefix(key, _SCALES)
    if stem in _SCALES and (not prefix or prefix == "و" or len(stem) >= 3):
        return "scale", _SCALES[stem][0], prefix
    if key.startswith("ال") and key[2:] in _DEFINITE_OK:
        return ("ten" if key[2:] in _TEN else "unit"), (_TEN | _UNITS)[key[2:]], "ال"
    return None


def _as_number(d: Decimal) -> Number:
    return int(d) if d == d.to_integral_value() else float(d)


class _Reader:
    """Reads number phrases off the token list."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(fold_digits(text))

    def read(self) -> list[NumberMention]:
        out: list[NumberMention] = []
        i = 0
        n = len(self.toks)
        while i < n:
            got = self._phrase(i)
            if got is None:
                i += 1
                continue
            j, value, standalone_scale = got
            if value is not None and value and value.adjusted() > MAX_EXPONENT:
                value = None  # a run of thousands of digits, or scales piled up: noise, not a quantity
            if value is not None:
                start, end = self.toks[i].start, self.toks[j - 1].end
                tok0 = self.toks[i]
                if tok0.kind == "word":
                    cls = _word_class(tok0.key)
                    if cls and cls[2] and cls[2] != "ال":
                        start += len(cls[2])  # keep the clitic out of the mention: بعشرة → عشرة
                kind = self._kind(i, j, value)
                out.append(
                    NumberMention(
                        self.text[start:end], start, end, _as_number(value), self._qualifier(i, j), kind
                    )
                )
            i = j
        return out

    # A phrase: digits [scale]* | words joined by و with scales; returns (end index, value, bare scale).
    def _phrase(self, i: int) -> tuple[int, Decimal | None, bool] | None:
        toks = self.toks
        t = toks[i]
        if t.kind == "num":
            if i + 2 < len(toks) and toks[i + 1].key == "/" and toks[i + 2].kind == "num":
                return self._skip_date(i), None, False
            value = _digits_value(t.key)
            if value is None:
                return i + 1, None, False
            j = i + 1
            while j < len(toks) and toks[j].kind == "word" and self._adjacent(j - 1, j):
                cls = _word_class(toks[j].key)
                if not cls or cls[0] != "scale" or cls[2]:
                    break
                value *= _DUAL_SCALE_BASE.get(toks[j].key, cls[1])
                j += 1
            return j, value, False
        if t.kind != "word":
            return None
        if t.key.startswith("اثن") and self.text[t.start : t.start + 1] == "أ":
            return None  # أثنى عليه: praised, not اثنى (two)
        return self._words(i)

    def _glued_to_a_name(self, t: _Tok) -> bool:
        """Digits written onto Latin letters (G20، F16، COVID19): a name's part. Onto an Arabic word they
        are mostly a space left out (`البالغ82 عاما`, `بقيمة195 مليون دولار`) and stay a number."""
        k = t.start
        while k > 0 and self.text[k - 1].isascii() and self.text[k - 1].isalpha():
            k -= 1
        return k < t.start

    def _skip_date(self, i: int) -> int:
        j = i
        while j + 2 < len(self.toks) and self.toks[j + 1].key == "/" and self.toks[j + 2].kind == "num":
            j += 2
        return j + 1

    def _adjacent(self, a: int, b: int) -> bool:
        """Only spaces (or nothing) between tokens a and b."""
        return not self.text[self.toks[a].end : self.toks[b].start].strip()

    def _words(self, i: int) -> tuple[int, Decimal | None, bool] | None:
        toks = self.toks
        total = Decimal(0)
        current = Decimal(0)
        j = i
        seen_any = False
        last_cls = ""
        if i > 0 and toks[i].key in _TEN and toks[i - 1].key in _ORDINALS and self._adjacent(i - 1, i):
            return i + 1, None, False  # السادسة عشرة: the sixteenth, not ten
        while j < len(toks) and toks[j].kind == "word":
            if j > i and not self._adjacent(j - 1, j):
                break
            key = toks[j].key
            if key in ("احد", "احدي") and j + 1 < len(toks) and toks[j + 1].key in _TEN and not seen_any:
                current, seen_any, last_cls = Decimal(11), True, "ten"  # أحد عشر، إحدى عشرة
                j += 2
                continue
            if j > i and key == "و" and j + 1 < len(toks) and _word_class(toks[j + 1].key):
                j += 1  # `ثلاثة و عشرون`: a detached conjunction
                key = toks[j].key
                conj = True
            else:
                conj = False
            cls = _word_class(key)
            if cls is None:
                break
            kind, value, prefix = cls
            if j > i and not conj and prefix and prefix != "و":
                break  # بعشرة after a number word starts something else
            if j > i and prefix == "" and not conj and kind not in ("scale", "ten") and key not in _HUNDRED:
                break  # two number words side by side without و are two numbers
            if j > i and (prefix == "و" or conj) and kind == "scale":
                break
            if j > i and (prefix == "و" or conj) and not _joins(last_cls, kind):
                break  # خمسين وستين في المئة, ثلاثة وأربعة: two numbers, not their sum
            if kind == "ten" and j > i and last_cls == "unit" and not conj and prefix == "":
                current += value  # teens: ثلاثة عشر
            elif kind == "scale":
                if current == 0:
                    if key in _SCALES and not _SCALES[key][1] and not seen_any:
                        return j + 1, None, True  # آلاف، ملايين alone: "thousands of"
                    current = Decimal(1)
                total += current * (_DUAL_SCALE_BASE.get(key[len(prefix) :], value))
                current = Decimal(0)
            elif kind == "hundred" and key in _HUNDRED and 0 < current < 10 and not conj:
                current *= 100  # ثلاث مائة
            else:
                current += value
            seen_any = True
            last_cls = kind
            j += 1
        if not seen_any:
            return None
        return j, total + current, False

    def _kind(self, i: int, j: int, value: Decimal) -> str:
        toks = self.toks
        first = toks[i]
        prev = toks[i - 1] if i > 0 else None
        prev2 = toks[i - 2] if i > 1 else None
        nxt = toks[j] if j < len(toks) else None
        if first.kind == "num":
            if self._glued_to_a_name(first):
                return "id"  # G20, F16: part of a name
            if nxt is not None and nxt.key == ":" and j + 1 < len(toks) and toks[j + 1].kind == "num":
                return "time"
            if prev is not None and prev.key == ":" and prev2 is not None and prev2.kind == "num":
                return "time"
            if prev is not None and prev.key in ("-", "–") and prev2 is not None and prev2.kind == "word":
                if prev2.key in _ID_CUES or self._adjacent(i - 2, i - 1) or prev2.key.isascii():
                    return "id"
        if prev is not None and prev.kind == "word":
            pkey = prev.key
            for p in ("", *_PREFIXES):
                if pkey.startswith(p) and pkey[len(p) :] in _ID_CUES and first.kind == "num":
                    return "id"
            if pkey.lstrip("وب") in ("مجموعه", "المجموعه", "كوفيد") or pkey in ("مجموعه", "المجموعه"):
                return "id"
        if first.kind == "num" and first.key.isdigit() and j == i + 1:
            n = int(first.key)
            if 1 <= n <= 31 and nxt is not None and nxt.kind == "word" and nxt.key in _MONTHS:
                return "date"
            if len(first.key) == 4 and 1800 <= n <= 2100:
                if prev is not None and (prev.key in _YEAR_CUES or prev.key in _MONTHS):
                    return "year"
                if not self._counted_noun_follows(j):
                    return "year"
        return "quantity"

    def _counted_noun_follows(self, j: int) -> bool:
        """A noun counted by the number follows it (`1873 مهاجراً`), so a year-like number is a count."""
        if j >= len(self.toks) or not self._adjacent(j - 1, j):
            return False
        nxt = self.toks[j]
        if nxt.key in ("%", "٪"):
            return True
        if nxt.kind != "word":
            return False
        raw = self.text[nxt.start : nxt.end]
        if nxt.key in _NOT_COUNTED:
            return False
        return raw.endswith(("اً", "ًا", "ا")) and not nxt.key.startswith("ال") or nxt.key in ("من",)

    def _qualifier(self, i: int, j: int) -> str | None:
        toks = self.toks
        keys_before = [t.key for t in toks[max(0, i - 4) : i]]
        for words, label in _BEFORE:
            k = len(words)
            if len(keys_before) < k:
                continue
            tail = keys_before[-k:]
            # The first word may carry a clitic: بنحو, وحوالي, بحوالى.
            head = tail[0]
            if tail[1:] == list(words[1:]) and (
                head == words[0] or any(head == p + words[0] for p in _PREFIXES)
            ):
                return label
        for words, label in _AFTER:
            k = len(words)
            for skip in range(0, 3):
                seg = [t.key for t in toks[j + skip : j + skip + k]]
                if tuple(seg) == words:
                    return label
        return None


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in `text`, in order, with its value, qualifier and kind (see the module docstring)."""
    if not text:
        return []
    return _Reader(text).read()


def quantities(text: str) -> list[NumberMention]:
    """Only the numbers that count or measure something (no years, dates, times or identifiers)."""
    return [m for m in find_numbers(text) if m.kind == "quantity"]
