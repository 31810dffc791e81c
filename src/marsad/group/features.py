"""Per-article event features: weighted stemmed terms, the event date, places, actors, passage shingles.

`extract(article, opts) -> ArticleFeatures` is pure; the result holds only plain values (str, int,
float, lists and dicts of them), so the engine can store it as a row and rebuild the event index from
rows without re-reading articles.

- Terms: language-aware (Arabic: match_key + the Light10 light stemmer; Latin-script languages:
  Snowball via PyStemmer), stop words from `resources/group/stopwords_*.txt`; title and lead count
  more than the body. Numbers of two digits or more are kept (`#83`): tolls and counts name events.
- Event date: day-precision dates in the title and lead, read against the publication date (أمس → the
  day before); the first ones and the title's count most; the publication date is the fallback. An
  undated article may still date a day-month without a year: the first such day on or after the latest
  fully written date in its text (a 2018 context makes «السادس من فبراير» 6 February 2019).
- Places: the gazetteer (`places.py`) over title, lead and body, plus mountains and localities found
  by shape (جبل المغيلة، منطقة عين زيان); nationality adjectives count half.
- Actors: capitalised name sequences in Latin script (Lindsay Lohan → `lindsay lohan`, `lohan`).
- Shingles: stable hashes of a sample of the body's word 5-grams, to see reused passages.
- Sentence vector: the multilingual encoder's vector of the title and lead (`semantic.py`), what
  lets an English or French article join an Arabic event.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import Stemmer

from marsad.group.places import Gazetteer, gazetteer, token_key
from marsad.group.semantic import embed
from marsad.model import Article
from marsad.text.dates import find_dates
from marsad.text.latin_dates import month_number
from marsad.text.normalize import match_key
from marsad.text.tokenize import sentences, tokens

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"^\d+$")
_GLUED_NUMBER = re.compile(r"^[\u0621-\u064a]{1,3}(\d+)$")
_YEAR_TOKEN = re.compile(r"(?<![\d/.,:$-])(19[5-9]\d|20\d\d)(?![\d%,.]\d|\d)")
_URLISH = re.compile(r"^\s*(?:https?\s*:|www\s*\.)", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2}|[a-z]{3,9})/(?:(\d{1,2})/)?")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEARS = (1900, 2100)  # publication years taken as given (the date grammar's own range)
_LATIN_WORD = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'’\-]*$")
_SNOWBALL = {"en": "english", "fr": "french", "es": "spanish", "tr": "turkish", "de": "german",
             "it": "italian", "pt": "portuguese", "nl": "dutch", "ru": "russian"}  # fmt: skip
# Relative words: a date read from them needs the publication date, never a guessed one.
_RELATIVE_WORDS = re.compile(
    r"امس|اليوم|غدا|البارحه|الليله|الماضي|المقبل|القادم|الجاري|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت"
)
# Words that introduce a place the gazetteer may not know: a mountain, a village, a district.
_MOUNTAIN = frozenset({"جبل", "جبال", "مرتفعات"})  # and سلسلة before جبال: alone it is a series (of tweets)
_LOCALITY = frozenset({"منطقه", "قريه", "دوار", "بلده", "معتمديه", "حي", "مخيم", "مدينه", "ولايه", "محافظه"})
_AND_PLACE = _LOCALITY | {"ميناء"}  # `مدينة وميناء الحديدة`: "a city and port", no name after the first word
# Capitalised words that are parts of many names, not names (Betty Ford Center, Superior Court).
_GENERIC_NAME_WORDS = frozenset(
    """
center centre clinic hospital university college school institute department ministry agency office police
court county city state states street road avenue house hall church party company corp inc ltd group club
team association council committee commission union news times post daily weekly magazine press tv radio
north south east west new national international general federal world america american
""".split()
)
# Words after منطقة/مدينة… that describe rather than name the place.
_NOT_NAMES = frozenset({
    "معينه", "معين", "الحدوديه", "الحدودي", "العسكريه", "العسكري", "المحيطه", "المجاوره", "الصناعيه",
    "الشماليه", "الجنوبيه", "الشرقيه", "الغربيه", "الوسطي", "الحره", "المنكوبه", "المعنيه", "المذكوره",
    "نفسها", "كامل", "اخري", "الاولي", "الثانيه", "الاخيره", "الجديده", "القديمه", "الكبري", "الصغري",
    "الخضراء", "العازله", "الامنيه",
    # a direction, an ordinal or a description, not a name (منطقة شرق الفرات, مدينة ثانية, منطقة جبلية)
    "شرق", "غرب", "شمال", "جنوب", "وسط", "الشرق", "الغرب", "الشمال", "الجنوب", "الوسط", "ثانيه", "ثالثه",
    "قريبه", "بعيده", "جديده", "جبليه", "سكنيه", "استراتيجيه", "صناعيه", "عسكريه", "حدوديه", "نائيه",
    # football's and money's areas (منطقة الجزاء, منطقة الهبوط, منطقة اليورو)
    "الجزاء", "جزاء", "الهبوط", "هبوط", "اليورو", "يورو",
})  # fmt: skip
_NAME_LINKS = frozenset({
    "عبد", "ابو", "ابي", "بني", "سيدي", "عين", "بئر", "بير", "ام", "بن", "راس", "وادي", "سان", "سانت",
    "الملك", "الامير", "الشيخ",  # مدينة الملك عبدالله
})  # fmt: skip


@dataclass(frozen=True)
class FeatureOptions:
    """Tunables of feature extraction (documented defaults)."""

    title_weight: float = 3.0  # a title word counts as three body words
    lead_weight: float = 2.0  # so does (twice) a word of the lead
    lead_chars: int = 400  # the lead: the first sentences of the body up to this many characters
    body_chars: int = 6000  # the body is read up to here (long articles drift off the event)
    arabic_stemmer: str = "light10"  # "light10" (prefix/suffix stripping) or "snowball"
    nisba_weight: float = 0.5  # a nationality adjective is half a place name
    shingle_size: int = 5  # word n-grams hashed for passage reuse
    shingle_sample: int = 4  # keep one n-gram hash in this many (by hash value, so stable)
    max_shingles: int = 200
    date_chars: int = 600  # dates are read in the title and this head of the body
    semantic: bool = True  # a sentence vector of the title and lead (see `semantic`)
    sem_chars: int = 600  # the head of the body the vector reads


@dataclass
class ArticleFeatures:
    """What the event grouping needs from one article, as plain values (storable as a row)."""

    id: str
    language: str
    published: str | None
    title: str | None
    terms: dict[str, float] = field(default_factory=dict)  # stem -> weighted count
    head: list[str] = field(default_factory=list)  # distinct stems of title and lead
    dates: list[tuple[str, float]] = field(default_factory=list)  # candidate event days, weight
    date: str | None = None  # the best candidate (or the publication date)
    years: list[int] = field(default_factory=list)  # years the text dates things in (undated articles)
    # the years are background only (month, season or year mentions): the event is no earlier
    years_floor: bool = False
    weekdays: list[int] = field(default_factory=list)  # weekdays the title/lead name (undated articles)
    # days of the year ("MM-DD") the title, dateline or lead write without a year (undated articles)
    monthdays: list[str] = field(default_factory=list)
    # the competitions and sports a sports report's title and lead name (`كاس:تونس`, `sport:طايره`)
    competitions: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # the kinds of happening the title names (`fire`)
    places: dict[str, float] = field(default_factory=dict)  # place id -> weight
    focus_places: list[str] = field(default_factory=list)  # places of the title, lead and dateline
    actors: dict[str, float] = field(default_factory=dict)  # actor key -> weight
    shingles: list[int] = field(default_factory=list)
    sem: str = ""  # the title and lead's sentence vector, quantised (`semantic.embed`)
    published_given: bool = True  # `published` came with the page, not from a dateline

    def to_row(self) -> dict[str, object]:
        """A JSON-ready dict (the engine's storage row)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_row(cls, row: dict[str, object]) -> ArticleFeatures:
        f = cls(**row)  # type: ignore[arg-type]
        f.dates = [(str(d), float(w)) for d, w in f.dates]
        return f


# ------------------------------------------------------------------------------------------------ words


@cache
def stop_words(language: str) -> frozenset[str]:
    """The shipped stop words of a language (keys), empty when there is no list."""
    try:
        text = (
            resources.files("marsad").joinpath(f"resources/group/stopwords_{language}.txt").read_text("utf-8")
        )
    except FileNotFoundError:
        return frozenset()
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return frozenset(match_key(w) for w in words)


_L10_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_L10_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def light10(word: str) -> str:
    """Larkey's Light10 Arabic light stemmer on a match_key (ة already folded to ه)."""
    if len(word) > 3 and word.startswith("و"):
        word = word[1:]
    for p in _L10_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            word = word[len(p) :]
            break
    for s in _L10_SUFFIXES:
        if len(word) - len(s) >= 2 and word.endswith(s):
            word = word[: -len(s)]
    return word


@cache
def _snowball(language: str) -> Stemmer.Stemmer | None:
    name = "arabic" if language == "ar" else _SNOWBALL.get(language)
    return Stemmer.Stemmer(name) if name else None


def stemmer_for(language: str, arabic: str = "light10"):  # noqa: ANN201 - a str -> str callable
    """A word-key -> stem function for a language."""
    snow = _snowball(language)
    if language == "ar" and arabic == "light10":
        return light10
    if snow is None:
        return lambda w: w
    return snow.stemWord


def _language(article: Article) -> str:
    return _language_code(article.language, (article.title or "") + " ".join(article.paragraphs)[:500])


def _language_code(language: str | None, sample: str) -> str:
    """`ar-SA` -> `ar`; an unknown language is Arabic when most of the sample's letters are."""
    lang = (language or "").split("-")[0].lower()
    if lang in ("", "und"):
        letters = len(_LETTER.findall(sample)) or 1
        return "ar" if len(_ARABIC.findall(sample)) / letters > 0.5 else "en"
    return lang


def words_of(text: str, language: str, opts: FeatureOptions) -> list[str]:
    """Stems of the content words (and numbers) of a text."""
    out = []
    for tok in tokens(text):
        stem = _term(token_key(tok), language, opts.arabic_stemmer)
        if stem is not None:
            out.append(stem)
    return out


def surface_forms(
    terms: Iterable[str], text: str, language: str | None, opts: FeatureOptions | None = None
) -> dict[str, str]:
    """Each of `terms` as `text` first writes it: a stem (`رحمت`, `#83`) read as the word it came from
    (`رحمته`, `83`), for people to read. Terms the text does not hold are left out."""
    wanted = set(terms)
    if not wanted:
        return {}
    arabic = (opts or FeatureOptions()).arabic_stemmer
    language = _language_code(language, text[:500])
    out: dict[str, str] = {}
    for tok in tokens(text):
        term = _term(token_key(tok), language, arabic)
        if term in wanted and term not in out:
            out[term] = tok
            if len(out) == len(wanted):
                break
    return out


@lru_cache(maxsize=400_000)
def _term(key: str, language: str, arabic: str) -> str | None:
    """The term a word key counts as (a stem, `#83` for a number), None for a stop word (memoised:
    news vocabulary repeats)."""
    glued = _GLUED_NUMBER.match(key)
    if glued:  # الـ83، بـ128: a number behind a clitic is the number
        key = glued.group(1)
    if _DIGITS.match(key):
        return "#" + key if len(key) >= 2 else None
    if len(key) < 2 or key in stop_words(language):
        return None
    if _ARABIC.search(key):
        if key in stop_words("ar"):
            return None
        stem = stemmer_for("ar", arabic)(key)
    else:
        stem = stemmer_for("en" if language == "ar" else language, arabic)(key)
    return stem if len(stem) >= 2 else None


# ------------------------------------------------------------------------------------------------ parts


def _sections(article: Article, opts: FeatureOptions) -> tuple[str, str, str]:
    """Title, lead and the rest of the body (capped); an untitled article lends its first sentence.
    A subtitle opens the lead: the deck says what and where (`في اجتماع يستضيفه بومبيو بواشنطن`)."""
    body = "\n".join(article.paragraphs)[: opts.body_chars]
    title = article.title or ""
    sents = sentences(body)
    if not title and sents:
        title, sents = sents[0], sents[1:]
    if article.subtitle:
        sents = [*sentences(article.subtitle), *sents]
    lead_parts: list[str] = []
    used = 0
    for s in sents:
        if used and used + len(s) > opts.lead_chars:
            break
        lead_parts.append(s)
        used += len(s)
    lead = " ".join(lead_parts)
    rest = " ".join(sents[len(lead_parts) :])
    return title, lead, rest


def _published(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        found = date.fromisoformat(article.published[:10])
    except ValueError:
        return None
    # a metadata date no news was published on (0001-01-01, 9999-12-31) dates nothing
    return found if _YEARS[0] <= found.year <= _YEARS[1] else None


FUTURE_DAYS = 60  # an article's day mentions more than this after its publication day are not its event's
# A day more than this before the publication day is mostly background (a birth, the deal signed three
# years ago, last year's coup) and weighs PAST_WEIGHT of a recent one: a single such day in the lead no
# longer outweighs the publication day, a day in the title still does
PAST_DAYS = 30
PAST_WEIGHT = 0.3


def event_dates(title: str, head: str, full: str, ref: date | None) -> list[tuple[str, float]]:
    """Candidate event days with weights: day-precision mentions of title and head, first ones first."""
    text = title + "\n" + head
    out: dict[str, float] = {}
    if ref is not None:
        # a day long after the publication is a deadline or a plan (`يواجهون الترحيل بحلول 5 يناير
        # 2020` in a report of May 2018), not the day of what is reported: a date on the event would
        # put a 2018 story at the top of a list ordered by its latest event, in 2020
        last = ref + timedelta(days=FUTURE_DAYS)
        mentions = [m for m in find_dates(text, ref) if m.precision == "day" and m.value <= last]
        first = ref - timedelta(days=PAST_DAYS)
        for rank, m in enumerate(mentions):
            w = (1.5 if m.start < len(title) else 1.0) / (1 + 0.5 * rank)
            w *= PAST_WEIGHT if m.value < first else 1.0
            key = m.value.isoformat()
            out[key] = out.get(key, 0.0) + w
        pub = ref.isoformat()
        out[pub] = out.get(pub, 0.0) + 0.4
    else:
        out = _undated_days(text, full)
    return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))


def _undated_days(text: str, full: str) -> dict[str, float]:
    """Days an article without a publication date gives: written dates, and day-months without a
    year placed on or after the latest fully written date of the whole text."""
    out: dict[str, float] = {}
    explicit = [m for m in find_dates(full) if not m.relative and m.precision in ("day", "month")]
    for rank, m in enumerate(m for m in find_dates(text) if m.precision == "day" and not m.relative):
        out[m.value.isoformat()] = out.get(m.value.isoformat(), 0.0) + 1.0 / (1 + 0.5 * rank)
    if not explicit:
        return out
    floor = max(m.value for m in explicit)
    guess = floor + timedelta(days=182)
    later = {m.start: m for m in find_dates(text, guess + timedelta(days=365))}
    rank = 0
    for m in find_dates(text, guess):
        if m.precision != "day" or not m.relative or _RELATIVE_WORDS.search(match_key(m.text)):
            continue
        other = later.get(m.start)
        if other is None or (other.value.month, other.value.day) != (m.value.month, m.value.day):
            continue  # not a day-month whose year is all that is missing
        value = m.value if m.value >= floor else m.value.replace(year=m.value.year + 1)
        out[value.isoformat()] = out.get(value.isoformat(), 0.0) + 0.8 / (1 + 0.5 * rank)
        rank += 1
    return out


def text_years(full: str, url: str | None = None) -> tuple[list[int], bool]:
    """Years the text dates things in, most written first (ties: the later year); a date in the
    article's URL comes first. Latin-script text is read for bare years only (the date grammar is
    Arabic). The flag is True when the years are background only: an Arabic text whose dates are all
    months, seasons or years (`صيف 2014`, `مارس 2019`) tells what came before its event, not when
    the event was, so the event is no earlier than the latest of them."""
    found = [m for m in find_dates(full) if not m.relative]
    years = Counter(m.value.year for m in found)
    latin = not _ARABIC.search(full[:2000])
    if latin:
        years.update(int(y) for y in _YEAR_TOKEN.findall(full))
    ranked = [y for y, _ in sorted(years.items(), key=lambda kv: (-kv[1], -kv[0]))]
    from_url = url_date(url)
    if from_url:
        ranked = [from_url.year] + [y for y in ranked if y != from_url.year]
    floor = bool(ranked) and not latin and not from_url and all(m.precision != "day" for m in found)
    return ranked[:3], floor


# A word's start, with the conjunction, preposition and article it may carry (`وبالكرة`, `للكرة`, `لكأس`)
_AT_WORD = r"(?:^|\s)(?:[وف]?(?:لل|بال|ال|ل|ب))?"

# A competition as sports desks name it: `كأس تونس`, `كأس الكاف`, `تصفيات كان 2019`, `رابطة الأبطال
# الإفريقية`, `دوري أبطال أوروبا`, `الرابطة العالمية للكرة الطائرة`; and the sport (`لكرة القدم`).
_CUP = re.compile(_AT_WORD + r"كاس\s+(?:ال)?([^\W\d_]{2,})")
_QUALIFIERS = re.compile(_AT_WORD + r"تصفيات\s+(?:ال)?([^\W\d_]{2,})")
_CHAMPIONS = re.compile(_AT_WORD + r"(?:رابطه|دوري)\s+(?:ال)?ابطال(?:\s+(?:ال)?([^\W\d_]{2,}))?")
_WORLD_LEAGUE = re.compile(_AT_WORD + r"(?:رابطه العالميه|دوري العالمي)(?=\s|$)")
_SPORT = re.compile(_AT_WORD + r"كره\s+(?:ال)?(قدم|طايره|يد|سله|ماء)(?=\s|$)")
_CONTINENT = {
    "اوروبا": "اوروبا",
    "اوروبيه": "اوروبا",
    "اروبيه": "اوروبا",
    "افريقيا": "افريقيا",
    "افريقيه": "افريقيا",
    "اسيا": "اسيا",
    "اسيويه": "اسيا",
    "اسياويه": "اسيا",
    "العرب": "العرب",
}
# a sports report has one of these (a competition's words alone are not enough: `تصفيات جسدية`)
_SPORTS_WORD = re.compile(
    _AT_WORD + r"(?:مباراه|مقابله|منتخب|نادي|فريق|لاعب|مدرب|دوري|بطوله|ملعب|مونديال|"
    r"تشكيله|جوله|شوط|اشواط|هدف|هدفين|اهداف)(?=\s|$)"
)
# what a qualifying round's name may say before the competition's (`التصفيات المؤهلة لأمم إفريقيا`)
_QUALIFYING = frozenset({"موهله", "تمهيديه", "اوليه", "نهائيه", "قاريه"})


def competitions(text: str) -> list[str]:
    """The competitions (`كاس:تونس`, `ابطال:افريقيا`, `تصفيات:كان`, `رابطه عالميه`) and sports
    (`sport:قدم`) a sports report's title and lead name: two reports of one club in the national cup
    and in a continental one are two stories, as are a football and a volleyball tournament."""
    key = match_key(text)
    out: list[str] = []
    if not _SPORT.search(key) and not _SPORTS_WORD.search(key):
        return out  # `تصفيات جسدية` are killings, `كأس من الماء` a glass: only sports reports are read
    for m in _CUP.finditer(key):
        if not key[: m.start()].endswith(("قناه", "قنوات")):  # `قناة الكأس القطرية`: a TV channel
            out.append("كاس:" + m.group(1))
    for m in _QUALIFIERS.finditer(key):
        if m.group(1) not in _QUALIFYING:  # `التصفيات المؤهلة لأمم إفريقيا`: the cup's name follows
            out.append("تصفيات:" + m.group(1))
    for m in _CHAMPIONS.finditer(key):
        out.append("ابطال:" + _CONTINENT.get(m.group(1) or "", ""))
    if _WORLD_LEAGUE.search(key):
        out.append("رابطه عالميه")
    for m in _SPORT.finditer(key):
        out.append("sport:" + m.group(1))
    return list(dict.fromkeys(out))


# What kind of happening a headline reports, by its head nouns: a fire is not an attack, whatever city
# and week they share (`حريق لندن` and `هجوم لندن`). Each kind with the name an explanation shows.
_KINDS = {
    "fire": ("حريق", re.compile(_AT_WORD + r"(?:حريق|حرائق|احتراق)(?=\s|$)")),
    "attack": ("هجوم", re.compile(
        _AT_WORD + r"(?:هجوم|هجمات|اعتداء|اعتداءات|تفجير|تفجيرات|انفجار|انفجارين|دهس|طعن)(?=\s|$)"
    )),
    "quake": ("زلزال", re.compile(_AT_WORD + r"(?:زلزال|زلازل|هزه ارضيه)(?=\s|$)")),
    "flood": ("فيضان", re.compile(_AT_WORD + r"(?:فيضان|فيضانات|سيول)(?=\s|$)")),
}  # fmt: skip
KIND_NAMES = {kind: name for kind, (name, _) in _KINDS.items()}


def happening_kinds(title: str) -> list[str]:
    """The kinds of happening a headline names (`fire`, `attack`, `quake`, `flood`)."""
    key = match_key(title)
    return [k for k, (_, rx) in _KINDS.items() if rx.search(key)]


# A day after these words is when something began (`منذ 21 نوفمبر`), not the day of what is reported
_SINCE = re.compile(r"(?:\bمنذ|\bdepuis|\bsince|\bdesde|\bseit)\W+(?:(?:le|el|the|dem)\W+)?$", re.I)


def text_monthdays(text: str) -> list[str]:
    """Days of the year ("MM-DD") a text writes without a year (`عمان 3 أيار (بترا)`, `15 كانون الثاني`),
    first two: all an undated article tells of its day, and enough to tell 3 May from 15 January. The
    text is read against two references months and years apart: a mention whose month and day stay
    had only its year missing (not `أمس`, `الخميس` or `today`, which move with the reference)."""
    later = {m.start: m for m in find_dates(text, date(2004, 2, 10))}
    out: list[str] = []
    for m in find_dates(text, date(2001, 7, 1)):
        if m.precision != "day" or not m.relative or _RELATIVE_WORDS.search(match_key(m.text)):
            continue
        other = later.get(m.start)
        if other is None or (other.value.month, other.value.day) != (m.value.month, m.value.day):
            continue
        if _SINCE.search(text[max(0, m.start - 16) : m.start]):
            continue  # `depuis le 21 novembre`
        key = f"{m.value.month:02d}-{m.value.day:02d}"
        if key not in out:
            out.append(key)
    return out[:2]


_WEEKDAY_KEYS = {"الاحد": 6, "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5}
_LATIN_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_LATIN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def text_weekdays(text: str) -> list[int]:
    """Weekdays (Monday = 0) a title or lead names for its happening (`يوم الاثنين`, `on Monday`), as
    the date grammar reads them (a bare الاثنين is "the two" unless it sits in a date slot)."""
    out: list[int] = []
    for m in find_dates(text, date(2000, 1, 1)):
        if not m.relative:
            continue
        for w in match_key(m.text).split():
            wd = _WEEKDAY_KEYS.get(w[1:] if w[:1] in "وب" and w[1:] in _WEEKDAY_KEYS else w)
            if wd is not None and wd not in out:
                out.append(wd)
    for found in _LATIN_WEEKDAY.finditer(text):
        wd = _LATIN_WEEKDAYS.index(found.group(1).lower())
        if wd not in out:
            out.append(wd)
    return out[:2]


def url_date(url: str | None) -> date | None:
    """The date many news URLs carry (/2013/05/03/, /2013/may/03/, /2013/mai/03/), or None."""
    if not url:
        return None
    m = _URL_DATE.search(url.lower())
    if not m:
        return None
    month = m.group(2)
    mon = int(month) if month.isdigit() else month_number(month) or 0
    day = int(m.group(3) or 1)
    try:
        return date(int(m.group(1)), mon, day)
    except ValueError:
        return None


def _url_of(article: Article) -> str | None:
    """The article's URL, or a title or first line that is one (scraped records often start so)."""
    if article.url:
        return article.url
    for line in (article.title, article.paragraphs[0] if article.paragraphs else None):
        if line and _URLISH.match(line):
            return line.replace(" ", "")
    return None


# a headline opening with its place: a few words closed by a colon (`الكاف : قتلى وجرحى في حادث مرور`)
_HEADLINE_PLACE = re.compile(r"^\s*[^\s:]+(?:\s+[^\s:]+){0,3}\s*[:：]")


def find_places(words: list[str], gaz: Gazetteer, placed: bool = False) -> list[_Found]:
    """The places in display tokens, by gazetteer and shape (`placed`: the tokens open with a place's
    slot, see `Gazetteer.find`), in text order."""
    mentions = gaz.find(words, placed)
    found = [_Found(m.place, m.nisba, m.other, placed and m.start == 0, m.start) for m in mentions]
    covered = {i for m in mentions for i in range(m.start, m.end)}
    keys = [token_key(w) for w in words]
    for i, k in enumerate(keys[:-1]):
        bare = k[1:] if k[:1] in ("و", "ب", "ف") and len(k) > 3 else k
        if bare in _MOUNTAIN or (bare == "سلسله" and keys[i + 1] in _MOUNTAIN):
            prefix = "mount:"
        elif bare in _LOCALITY:
            prefix = "loc:"
        else:
            continue
        j = i + 1
        if keys[j] in _MOUNTAIN and j + 1 < len(keys):  # سلسلة جبال ورغة
            j += 1
        if not _ARABIC.search(keys[j]) or keys[j] in stop_words("ar") or keys[j] in _NOT_NAMES:
            continue
        if keys[j].startswith("لل") or (keys[j][:1] == "و" and keys[j][1:] in _AND_PLACE):
            continue  # مخيم للاجئين (a camp for refugees), مدينة وميناء (a city and port)
        name = [keys[j]]
        if keys[j] in _NAME_LINKS and j + 1 < len(keys):
            name.append(keys[j + 1])
        if i in covered or j in covered:
            continue  # the gazetteer knows it
        place = prefix + " ".join(n[2:] if n.startswith("ال") and len(n) > 4 else n for n in name)
        found.append(_Found(place, False, None, False, i))
    found.sort(key=lambda m: m.start)
    return found


class _Found(NamedTuple):
    place: str
    nisba: bool  # named only by a nationality adjective
    other: str | None  # another place of the same name (see `Gazetteer.resolve`)
    slot: bool  # in a dateline's or headline's place slot
    start: int


def _resolve(found: list[list[_Found]], gaz: Gazetteer) -> list[list[tuple[str, bool]]]:
    """(place, is an adjective) of each section's mentions, a name of two places read as the one the
    article's other places are in (طرابلس with لبنان is Tripoli, Lebanon)."""
    countries = {c for ms in found for m in ms if m.other is None and (c := gaz.country(m.place))}
    return [[(gaz.resolve(m.place, m.other, countries, m.slot), m.nisba) for m in ms] for ms in found]


def latin_actors(text: str) -> list[str]:
    """Capitalised name sequences in Latin script, not at a sentence start when a single word; the
    last word of a longer name too (Lindsay Lohan → lohan) unless it is a generic word (Center)."""
    out: list[str] = []
    stops = stop_words("en") | stop_words("fr") | stop_words("es") | _GENERIC_NAME_WORDS
    for sent in sentences(text):
        words = tokens(sent)
        caps = sum(1 for w in words if w[:1].isupper())
        if len(words) >= 4 and caps >= 0.7 * len(words):
            continue  # a Title Case headline: capitals say nothing there
        run: list[str] = []
        for i, w in enumerate(words + [""]):
            cap = bool(w) and _LATIN_WORD.match(w) is not None and w[0].isupper() and w.lower() not in stops
            if cap and not (i == 0 and len(words) > 1 and not (words[1][:1].isupper())):
                run.append(w)
                continue
            if run and (len(run) > 1 or len(run[0]) > 3):
                out.append(" ".join(match_key(x) for x in run))
                if len(run) > 1 and match_key(run[-1]) not in _GENERIC_NAME_WORDS:
                    out.append(match_key(run[-1]))
            run = []
    return out


def _shingles(keys: list[str], opts: FeatureOptions) -> list[int]:
    n = opts.shingle_size
    out: set[int] = set()
    for i in range(len(keys) - n + 1):
        h = zlib.crc32(" ".join(keys[i : i + n]).encode("utf-8"))
        if h % opts.shingle_sample == 0:
            out.add(h)
    return sorted(out)[: opts.max_shingles]


# ------------------------------------------------------------------------------------------------ stage


def extract(article: Article, opts: FeatureOptions | None = None) -> ArticleFeatures:
    """Event features of one article (pure)."""
    opts = opts or FeatureOptions()
    lang = _language(article)
    title, lead, rest = _sections(article, opts)
    terms: defaultdict[str, float] = defaultdict(float)
    title_words = words_of(title, lang, opts)
    lead_words = words_of(lead, lang, opts)
    for w in title_words:
        terms[w] += opts.title_weight
    for w in lead_words:
        terms[w] += opts.lead_weight
    for w in words_of(rest, lang, opts):
        terms[w] += 1.0
    head = sorted(set(title_words) | set(lead_words))

    full = "\n".join(article.paragraphs)[: opts.body_chars]
    ref = _published(article)
    url = _url_of(article)
    dates = event_dates(title, full[: opts.date_chars], full, ref)
    if ref is None and not dates and url_date(url):
        dates = [(url_date(url).isoformat(), 0.4)]  # type: ignore[union-attr]
    years, floor = ([ref.year], False) if ref else text_years((article.title or "") + "\n" + full, url)
    weekdays = text_weekdays(title + "\n" + lead) if ref is None and not dates else []
    undated_head = "\n".join((title, article.dateline or "", full[: opts.date_chars]))
    monthdays = text_monthdays(undated_head) if ref is None and not dates else []

    gaz = gazetteer()
    places: defaultdict[str, float] = defaultdict(float)
    focus: list[str] = []
    sections = ((title, opts.title_weight), (lead, opts.lead_weight), (rest, 1.0))
    found = [
        find_places(tokens(section), gaz, n == 0 and _HEADLINE_PLACE.match(title) is not None)
        for n, (section, _) in enumerate(sections)
    ]
    # where the reporter files from: often, not always, where it happened
    found.append(find_places(tokens(article.dateline), gaz, placed=True) if article.dateline else [])
    *in_sections, in_dateline = _resolve(found, gaz)
    for (_, weight), mentions in zip(sections, in_sections, strict=True):
        for pid, nisba in mentions:
            places[pid] += weight * (opts.nisba_weight if nisba else 1.0)
            if weight > 1.0 and not nisba and pid not in focus:
                focus.append(pid)
    for pid, _ in in_dateline:
        places[pid] += 1.0

    actors: defaultdict[str, float] = defaultdict(float)
    if lang != "ar":
        for section, weight in ((title, opts.title_weight), (lead, opts.lead_weight), (rest, 1.0)):
            for a in latin_actors(section):
                actors[a] += weight
        for a in [a for a in actors if a in _place_keys(gaz)]:
            del actors[a]

    body_keys = [token_key(t) for t in tokens(full)]
    return ArticleFeatures(
        id=article.id,
        language=lang,
        published=ref.isoformat() if ref else None,
        published_given=article.published_given,
        title=article.title or (title[:200] if title else None),
        terms={k: round(v, 3) for k, v in sorted(terms.items())},
        head=head,
        dates=[(d, round(w, 3)) for d, w in dates],
        date=dates[0][0] if dates else None,
        years=years,
        years_floor=floor,
        weekdays=weekdays,
        monthdays=monthdays,
        competitions=competitions(title + "\n" + lead) if lang == "ar" else [],
        kinds=happening_kinds(title) if lang == "ar" else [],
        places={k: round(v, 3) for k, v in sorted(places.items())},
        focus_places=focus,
        actors={k: round(v, 3) for k, v in sorted(actors.items())},
        shingles=_shingles(body_keys, opts),
        sem=embed([(article.title or "") + "\n" + full[: opts.sem_chars]])[0] if opts.semantic else "",
    )


@cache
def _place_keys(gaz: Gazetteer) -> frozenset[str]:
    return gaz.name_keys()


def tf_weight(count: float) -> float:
    """Sublinear term frequency."""
    return 1.0 + math.log(count) if count > 0 else 0.0
