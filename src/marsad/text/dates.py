"""Date grammar for Arabic news: spans that name a day, month, season or year, resolved to `date`s.

Reads every regional month naming (Egyptian/Gulf يناير, Levantine/Iraqi كانون الثاني, Maghreb جانفي; the table
comes from babel's Arabic locales plus spellings babel lacks), glossed forms (`يونيو (حزيران) 2022`,
`آذار / مارس 2011`), ordinal days (`السادس من فبراير`), numeric dates, seasons, Hijri dates (converted with
`hijridate`) and relative forms (أمس، اليوم، الخميس، يناير الماضي) resolved against the article's date.

Matching runs on a key folded one character to one character (alef/hamza, yeh, teh marbuta, digits), so
match offsets are offsets into the original text; only harakat, tatweel and invisible marks are dropped,
and a short table maps the key back. One master regex, compiled once at import, holds the grammar; it is
tried only at word starts just before an anchor (a 4-digit number, a month, weekday or relative word),
which a second, literal-led regex finds in one fast pass (~1,000–1,500 articles a second).

Rules for what the text leaves open:
- A bare weekday (`الخميس`, `يوم الخميس`) is the most recent such day on or before `ref` (news reports what
  happened: the day itself counts); `الخميس الماضي` is strictly before `ref`; `الخميس المقبل/القادم` strictly
  after. `أمس (الأربعاء)` and `اليوم الأربعاء` are one mention, valued by the relative word.
- A day or month without a year (`السادس من فبراير (شباط)`) takes the year that puts it closest to the
  nearest preceding explicit day/month date in the same text, when one ends within `year_carry_chars`
  (a narrative of 2018 keeps its year, December → January rolls over); otherwise the year closest to `ref`.
  With neither, the mention is dropped, as is every relative form when `ref` is None.
- `يناير الماضي` is the last January strictly before ref's month, `يناير المقبل` the next one after it;
  `12 ديسمبر الماضي` the last 12 December before ref; `مارس من العام الماضي` March of ref's year − 1.
- A day and month without a year after قوى/ثورة/شارع… name something (قوى 14 آذار، شارع 26 يوليو): skipped.
- A year alone needs a cue (عام/سنة/العام, or في/منذ/خلال/حتى/بحلول/قبل/بعد… not followed by a counted noun)
  and a value in [min_year, max_year]: bare numbers (القرار 2254, 2000 شخص) are not years.
- Numeric dates are day/month/year; month/day/year only when the middle number cannot be a month (4/22/1948).
- Seasons are meteorological: spring Mar–May, summer Jun–Aug, autumn Sep–Nov, winter Dec of the year before
  to Feb (`شتاء 2020` = 2019-12-01 … 2020-02-29). Weeks run Saturday to Friday (`الأسبوع الماضي`).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from functools import cache

from babel.dates import get_month_names
from hijridate import Hijri

from marsad.text.latin_dates import english_text, find_latin_dates
from marsad.text.numbers import ORDINAL_STEMS

__all__ = ["DateMention", "DateOptions", "find_dates", "publication_date", "published_day"]


@dataclass(frozen=True)
class DateOptions:
    """Tunables of the date grammar."""

    min_year: int = 1900  # Gregorian years outside [min_year, max_year] are not read as years
    max_year: int = 2100
    hijri_min_year: int = 1300  # Hijri years (with هـ or a Hijri month) inside this range are read
    hijri_max_year: int = 1500
    year_carry_chars: int = 400  # a date without a year borrows one from an explicit date this close before
    dateline_chars: int = 400  # `publication_date` looks for a full date in this head of the text
    # 05/03/2013 read month first (3 May)? None: when the text reads as English (`latin_dates.english_text`)
    month_first: bool | None = None


_DEFAULTS = DateOptions()


@dataclass(frozen=True)
class DateMention:
    """A date written in the text: span as written (offsets into the original), value and precision.

    `value` is the first day of the period and `end_value` its last (equal for day precision). `precision`
    is "day", "week", "month", "season" or "year". `relative` is True when the value was not fully written:
    resolved against `ref` (أمس، الخميس، يناير الماضي) or a year borrowed from a nearby date.
    """

    text: str
    start: int
    end: int
    value: date
    precision: str
    relative: bool
    end_value: date


# --- the key: one character for one, so a match's offsets are the text's offsets -------------------------

# fmt: off
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ئ": "ي", "ی": "ي", "ؤ": "و",
    "ة": "ه", "ۃ": "ه", "ۀ": "ه", "ھ": "ه", "ہ": "ه", "ک": "ك", "،": ",", "٫": ".", "٬": ",",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ", "\t": " ",
}
# fmt: on
_FOLD.update(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789", strict=True))
# Chained `str.replace` (a C scan per pair, skipped when absent) runs ~15x faster than `str.translate`.
_FOLD_PAIRS = tuple(_FOLD.items())
# Harakat and tatweel ride on the letter before them: dropped from the key, kept in the span.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad"
_DROP = re.compile(f"[{_MARKS}{_INVISIBLE}]+")
_MARK_CHARS = re.compile(f"[{_MARKS}]*")


def _fold_chars(text: str) -> str:
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def _fold(text: str) -> str:
    return " ".join(_DROP.sub("", _fold_chars(text)).split())


class _Key:
    """The folded key of a text and the map from key offsets back to text offsets."""

    __slots__ = ("key", "_kstarts", "_ostarts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        folded = _fold_chars(text)
        self._kstarts: list[int] = []
        self._ostarts: list[int] = []
        if not _DROP.search(folded):
            self.key = folded
            return
        # Kept segments between dropped runs; news text has a few dozen, so the map is short.
        parts: list[str] = []
        pos = klen = 0
        for m in _DROP.finditer(folded):
            if m.start() > pos:
                self._kstarts.append(klen)
                self._ostarts.append(pos)
                parts.append(folded[pos : m.start()])
                klen += m.start() - pos
            pos = m.end()
        if pos < len(folded):
            self._kstarts.append(klen)
            self._ostarts.append(pos)
            parts.append(folded[pos:])
        self.key = "".join(parts)

    def _orig(self, k: int) -> int:
        if not self._kstarts:
            return k
        i = bisect_right(self._kstarts, k) - 1
        return self._ostarts[i] + k - self._kstarts[i]

    def span(self, kstart: int, kend: int) -> tuple[int, int]:
        """Text offsets of key[kstart:kend]; harakat and tatweel after the last letter stay in the span."""
        start, end = self._orig(kstart), self._orig(kend - 1) + 1
        mark_run = _MARK_CHARS.match(self._text, end)
        return start, mark_run.end() if mark_run else end


# --- vocabularies (key forms) ----------------------------------------------------------------------------

# Egypt/Gulf, Levant/Iraq (كانون الثاني), Algeria/Tunisia (جانفي), Morocco (يوليوز), Mauritania (أغشت).
_BABEL_LOCALES = (
    *("ar", "ar_EG", "ar_SA", "ar_SY", "ar_IQ", "ar_LB", "ar_JO", "ar_PS"),
    *("ar_DZ", "ar_TN", "ar_LY", "ar_MA", "ar_MR"),
)
# Spellings outlets use that no CLDR locale lists (Egyptian -يه endings, Levantine names without ال).
_MONTH_EXTRA = {
    "يونيه": 6, "يوليه": 7, "اغسطس": 8, "ابريل": 4, "كانون ثاني": 1, "كانون اول": 12, "تشرين اول": 10,
    "تشرين ثاني": 11, "اذار": 3, "ايار": 5, "ايلول": 9, "جانفييه": 1, "سيبتمبر": 9, "دسمبر": 12,
}  # fmt: skip
_HIJRI_MONTHS = {
    "محرم": 1, "المحرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع اول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4,
    "ربيع ثاني": 4, "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الاخر": 6,
    "جمادي الثانيه": 6, "جمادي الثاني": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}  # fmt: skip
_WEEKDAYS = {
    "الاثنين": 0, "الاتنين": 0, "الثلاثاء": 1, "الثلثاء": 1, "الاربعاء": 2, "الاربعا": 2, "الخميس": 3,
    "الجمعه": 4, "السبت": 5, "الاحد": 6,
}  # fmt: skip
# الاثنين is also "the two", الأحد "the One": read bare only in a date-like slot (see _weekday).
_AMBIGUOUS_WEEKDAYS = {"الاثنين", "الاتنين", "الاحد"}
_SHORT_MONTHS = {"اب", "ماي"}
_SEASONS = {"ربيع": (3, 5), "صيف": (6, 8), "خريف": (9, 11), "شتاء": (12, 2), "شتا": (12, 2)}


@cache
def _gregorian_months() -> dict[str, int]:
    """Key form of every Arabic month name in babel's locales, plus the spellings babel lacks."""
    table: dict[str, int] = {}
    for locale in _BABEL_LOCALES:
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context=context, locale=locale).items():
                if not name.isascii():
                    table.setdefault(_fold(name), number)
    for name, number in _MONTH_EXTRA.items():
        table.setdefault(_fold(name), number)
    return table


def _ordinals() -> dict[str, int]:
    """Masculine ordinal day words 1–31 (السادس، الحادي عشر، الحادي والعشرين), with and without ال."""
    units = ["اول", *ORDINAL_STEMS[1:], "عاشر"]
    compound = {1: [ORDINAL_STEMS[0], "واحد"], **{n: [units[n - 1]] for n in range(2, 10)}}
    tens = {20: ["عشرين", "عشرون"], 30: ["ثلاثين", "ثلاثون"]}
    forms: dict[str, int] = {}

    def add(words: list[str], value: int) -> None:
        for art in ("", "ال"):
            forms[" ".join([art + words[0], *words[1:]])] = value

    for n, word in enumerate(units, 1):
        add([word], n)
    for n, words in compound.items():
        for word in words:
            add([word, "عشر"], 10 + n)
            for ten in tens[20]:
                for art in ("", "ال"):
                    add([word, f"و{art}{ten}"], 20 + n)
            if n == 1:
                for ten in tens[30]:
                    for art in ("", "ال"):
                        add([word, f"و{art}{ten}"], 31)
    for value, words in tens.items():
        for word in words:
            add([word], value)
    return forms


_ORDINALS = _ordinals()

# --- the grammar -----------------------------------------------------------------------------------------

_S = r"[^\S\n]"  # a space that does not cross a line
_L = r"[^\W\d_]"  # a letter
# Word start (maybe right after a glued conjunction: وأمس، فاليوم) and word end; digits may touch: في28يونيو.
_WB, _WE = rf"(?:(?<!{_L})|(?<=(?<!{_L})[وف]))", rf"(?!{_L})"
# A number starts after a space or punctuation, or glued to في/ب/و/ل (في28يونيو), never after a digit,
# a decimal point, a letter run (الـ83 keys as ال83), a slash or a colon (times, ratios, URLs).
_NUM = rf"(?:(?<![\w.,:/+\-])|(?<=(?<!{_L})في)|(?<=(?<!{_L})[وبل]))"
_NUM_END = r"(?!\d|[.,]\d)"


_Trie = dict[str, "_Trie"]


def _alt(words: Iterable[str]) -> str:
    """A regex matching any of the key-form phrases, as a prefix trie (longest first, spaces match runs).

    Python's regex engine tries alternatives one by one; a trie fails on the first letter once per branch.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        alts = [(f"{_S}+" if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{emit(root)})"


_PREPS = ("في", "منذ", "خلال", "حتي", "بحلول", "قبل", "بعد", "مع", "بين", "بتاريخ", "تاريخ")
_PERIODS = ("مطلع", "اوائل", "اواخر", "منتصف", "نهايه", "بدايه", "اواسط")
_QUALS = (*_PERIODS, "اول", "اخر")
_CUES = (
    *(f"{p}{a}{w}" for p in ("", "ب", "ل") for a in ("", "ال") for w in ("عام", "عامي", "سنه", "سنتي")),
    "للعام",
    "للسنه",
)
_RELS = ("الماضي", "المنصرم", "الفائت", "المقبل", "القادم", "الجاري", "الحالي")
_UNITS = ("اسبوع", "شهر", "عام", "سنه")


def _first_words() -> set[str]:
    """The words a rule can start with: a match attempt anywhere else fails on one lookahead."""
    phrases = [*_gregorian_months(), *_HIJRI_MONTHS, *_ORDINALS, *_WEEKDAYS, *_PREPS, *_QUALS, *_CUES]
    phrases += ["شهر", "يوم", "هذا", "هذه", "اول", "امس", "بامس", "الامس", "بالامس", "غدا", "اليوم"]
    phrases += [f"{a}{s}" for a in ("", "ال") for s in ("صيف", "خريف", "ربيع", "شتاء", "شتا")]
    phrases += [f"{a}{u}" for a in ("ال", "بال", "لال", "لل") for u in _UNITS]
    return {phrase.split()[0] for phrase in phrases}


def _grammar() -> re.Pattern[str]:
    month = _alt(_gregorian_months())
    hmonth = _alt(_HIJRI_MONTHS)
    weekday = _alt(_WEEKDAYS)
    ordinal = _alt(_ORDINALS)
    rel = rf"{_alt(_RELS)}ه?"
    prep = _alt(_PREPS)
    period = _alt(_PERIODS)
    qual = _alt(_QUALS)
    cue = _alt(_CUES)
    era = rf"(?:{_S}*(?:م|ميلادي|ميلاديه|للميلاد){_WE})?"
    hijri_suffix = rf"(?:ه|هجري|هجريه|للهجره){_WE}"
    wd_prefix = rf"(?:{_WB}(?:يوم{_S}+)?(?:{weekday}){_WE}{_S}*,?{_S}*(?:الموافق{_S}+)?)?"

    def mon(name: str) -> str:
        return rf"{_WB}(?P<{name}>{month}){_WE}"

    def gloss(name: str) -> str:
        # `يونيو (حزيران)`, `آذار / مارس`, and Reuters' bare `مارس آذار`.
        return rf"(?:(?:{_S}*[(/]{_S}*|{_S}+){mon(name)}(?:{_S}*\))?)?"

    def year(name: str) -> str:
        # `يونيو 2021`, `يونيو، 2021`, `أكتوبر - 2019`, `أبريل/2020` (a month name's own slash or dash may
        # touch the year: the name has already made it a date)
        sep = rf"{_S}*(?:[,/-]{_S}*)?(?:من{_S}+)?(?:(?:عام|العام|سنه){_S}*)?"
        after = r"(?:(?<![\w.,:+])|(?<=[\w)]/)|(?<=[\w)]-))"
        return rf"(?:{sep}\(?{_S}*(?:{_NUM}|{after})(?P<{name}>\d{{4}}){_NUM_END}(?:{_S}*\))?{era})?"

    def when(name: str) -> str:
        """What follows a month: its year, `الماضي` (name_r) or `من العام الماضي` (name_ry)."""
        this_year = rf"هذ[اه]{_S}+(?:العام|السنه)"
        year_rel = rf"(?:ال)?(?:عام|سنه){_S}+(?:قبل{_S}+)?{rel}|{this_year}"
        return (
            rf"(?:{_S}+(?P<{name}_r>{rel}){_WE}"
            rf"|{_S}*,?{_S}*(?:من{_S}+)?(?P<{name}_ry>{year_rel}){_WE}|{year(name + '_y')})"
        )

    def day(name: str) -> str:
        return rf"(?:{_NUM}(?P<{name}_d>\d{{1,2}})(?!\d)|{_WB}(?P<{name}_o>{ordinal}){_WE})"

    rules = {
        "dmy": rf"{wd_prefix}{day('dmy')}{_S}*(?:[/-]{_S}*)?(?:من{_S}+)?(?:شهر{_S}+)?{mon('dmy_m')}"
        rf"{gloss('dmy_g')}{when('dmy')}",
        # d/m/y with slashes (spaced in Wojood: `( 28 / 8 / 1996 )`), dots or dashes; y-m-d.
        "num": rf"{wd_prefix}{_NUM}(?:(?P<num_a>\d{{1,2}})"
        rf"(?:{_S}*/{_S}*(?P<num_b>\d{{1,2}}){_S}*/{_S}*(?:\({_S}*)?"
        rf"|(?P<num_sep>[.-])(?P<num_b2>\d{{1,2}})(?P=num_sep))"
        rf"(?P<num_y>\d{{4}}){_NUM_END}(?:{_S}*\))?"
        rf"|(?P<num_iy>\d{{4}})(?P<num_isep>[-/.])(?P<num_im>\d{{1,2}})(?P=num_isep)"
        rf"(?P<num_id>\d{{1,2}})(?!\d))",
        "hij": rf"(?:{day('hij')}{_S}*(?:/{_S}*)?(?:من{_S}+)?)?(?:{_WB}شهر{_S}+)?"
        rf"{_WB}(?P<hij_m>{hmonth}){_WE}{_S}*(?:/{_S}*)?(?:(?:عام|سنه){_S}+)?"
        rf"{_NUM}(?P<hij_y>\d{{4}})(?!\d)(?:{_S}*{hijri_suffix})?",
        "dcur": rf"{day('dcur')}{_S}*(?:من{_S}+)?(?:هذا{_S}+)?الشهر(?:{_S}+(?P<dcur_r>{rel}))?{_WE}",
        "my": rf"(?:{_WB}{prep}{_S}+)?(?P<my_s>(?:{_WB}(?P<my_q>{qual}){_S}+)?(?:{_WB}(?P<my_sh>شهر){_S}+)?)"
        rf"{mon('my_m')}{gloss('my_g')}{when('my')}",
        "sea": rf"{_WB}(?:ال)?(?P<sea_n>صيف|خريف|ربيع|شتاء|شتا){_S}+(?:(?:عام|العام){_S}+)?{_NUM}"
        rf"(?P<sea_y>\d{{4}}){_NUM_END}",
        "hy": rf"(?:{_WB}{cue}{_S}*)?(?:\({_S}*)?{_NUM}(?P<hy_y>\d{{4}})(?!\d)(?:{_S}*\))?"
        rf"{_S}*{hijri_suffix}",
        "yr": rf"(?:{_WB}(?P<yr_p>{prep}){_S}+)?(?P<yr_s>(?:{_WB}(?P<yr_q>{period}){_S}+)?"
        rf"(?:{_WB}(?P<yr_c>{cue}){_S}*)?)(?P<yr_o>\({_S}*)?{_NUM}(?P<yr_y>\d{{4}}){_NUM_END}"
        rf"(?P<yr_cl>{_S}*\))?{era}",
        "rd": rf"{_WB}(?P<rd_w>اول{_S}+(?:من{_S}+)?امس|امس{_S}+الاول|بعد{_S}+غد|يوم{_S}+غد|غدا|ب?(?:ال)?امس"
        rf"|اليوم){_WE}(?:{_S}*,?{_S}*\(?{_S}*{_WB}(?P<rd_wd>{weekday}){_WE}(?:{_S}*\))?)?",
        "rp": rf"{_WB}(?:(?:[بل]?ال|لل)(?P<rp_u>اسبوع|شهر|عام|سنه){_S}+(?P<rp_r>{rel})"
        rf"|هذ[اه]{_S}+ال(?P<rp_this>اسبوع|شهر|عام|سنه)){_WE}",
        "wd": rf"{_WB}(?P<wd_y>يوم{_S}+)?(?P<wd_n>{weekday}){_WE}(?:{_S}+(?P<wd_r>{rel}){_WE})?",
    }
    gate = rf"(?=[\d(]|{_alt(_first_words())})"
    return re.compile(gate + "(?:" + "|".join(f"(?P<{name}>{body})" for name, body in rules.items()) + ")")


_GRAMMAR = _grammar()
# Every rule's match holds one of these anchors: a 4-digit number, a month or weekday name or a relative
# word. The grammar, whose lookarounds defeat the regex engine's fast scanning (~8 µs a character), is only
# tried at the few word starts just before an anchor; the anchor regex starts every branch with a literal,
# so the engine skips through the text on a first-character check.
_ANCHOR = re.compile(
    rf"[0-9]{{4}}|هذ[اه]{_S}+ال{_alt(_UNITS)}|"
    + _alt({*_gregorian_months(), *_HIJRI_MONTHS, *_WEEKDAYS, *_RELS, "امس", "اليوم", "غد", "الشهر"})
)
_ANCHOR_REACH = 6  # words a match may start before its first anchor: الحادي والعشرين من شهر مارس


def _starts(key: str, lo: int, hi: int) -> Iterator[int]:
    """Positions in [lo, hi] where a rule may start (a superset of what the grammar accepts): after a
    non-letter (space, punctuation: «أمس), after a glued و/ف (وأمس، .واليوم), a digit after letters (في28)."""
    prev2 = key[lo - 2] if lo > 1 else " "
    prev = key[lo - 1] if lo else " "
    for i in range(lo, min(hi + 1, len(key))):
        c = key[i]
        if c != " " and (not prev.isalpha() or c.isdigit() or (prev in "وف" and not prev2.isalpha())):
            yield i
        prev2, prev = prev, c


def _scan(key: str) -> Iterator[re.Match[str]]:
    """What `_GRAMMAR.finditer(key)` yields, trying the grammar only at starts within reach of an anchor."""
    done = 0
    for anchor in _ANCHOR.finditer(key):
        a = anchor.start()
        if a < done:
            continue
        floor = max(done, key.rfind("\n", done, a) + 1)  # matches never cross a line
        lo = a
        for _ in range(_ANCHOR_REACH):
            space = key.rfind(" ", floor, lo - 1) if lo > floor else -1
            if space < 0:
                lo = floor
                break
            lo = space + 1
        for start in _starts(key, lo, a):
            if start < done:
                continue
            m = _GRAMMAR.match(key, start)
            if m:
                yield m
                done = m.end()
                if done > a:
                    break
        # Every start up to the anchor has been tried: the next anchor's window need not try them again.
        done = max(done, a + 1)


# A number after في/منذ… that counts something is not a year: `في 2000 مدرسة`, `منذ 1900 عام`.
_COUNTED = re.compile(
    rf"{_S}*(?:%|عام|عاما|سنه|سنوات|يوم|يوما|ايام|شهر|اشهر|ساعه|دقيقه|شخص|اشخاص|قتيل|جندي|طفل|"
    rf"مقاتل|عنصر|دولار|يورو|جنيه|ريال|درهم|دينار|ليره|الف|مليون|مليار|متر|كيلو\w*|طن|برميل|بالمئه|"
    rf"بالمائه|في{_S}+الم[يا]?ئه|منزل|مدرسه|عائله|اسره|مريض|اصابه|حاله|نسمه){_WE}"
)
# `اليوم` followed by these is "the day": اليوم التالي، اليوم العالمي، اليوم الذي.
_DAY_NOUN = re.compile(
    rf"{_S}+(?:التالي|الاول|الثاني|الثالث|الرابع|الخامس|الاخير|العالمي|الوطني|الدولي|الذي|نفسه|ذاته|"
    rf"السابق|الموعود|المحدد|المقرر|المفتوح|الدراسي|الكامل|الواحد|الختامي|الافتتاحي){_WE}"
)
_THAT_DAY = re.compile(rf"(?<!{_L})(?:ذلك|نفس|ذات|تلك|في){_S}+$")
# Bare الاثنين/الأحد read as a weekday next to a time word or as an aside: `مساء الأحد`, `، الاثنين،`.
_TIME_WORD_BEFORE = re.compile(rf"(?:(?:مساء|صباح|ظهر|عصر|فجر|ليله|ليل|منذ|حتي|امس|اليوم){_S}*|[,(]{_S}*)$")
_PUNCT_AFTER = re.compile(rf"{_S}*[,.;)]")
_NUMBERED_BEFORE = re.compile(
    rf"(?<!{_L})(?:رقم|الرقم|القرار|قرار|الماده|ماده|البند|بند|العدد|عدد|القانون|قانون|المرسوم|مرسوم){_S}*$"
)
# A day and month without a year after these names something: قوى 14 آذار، ثورة 25 يناير، شارع 26 يوليو.
_NAMED_BEFORE = re.compile(
    rf"(?<!{_L})(?:قوي|تيار|تحالف|تكتل|تكتلي|فريق|حركه|ثوره|انتفاضه|شارع|ميدان|جسر|كوبري|مدينه|حي|نادي|ملعب)"
    rf"(?:{_S}+\d{{1,2}}{_S}+و)?{_S}+$"
)
# سوق الخميس, جامع الجمعة: places named after a weekday.
_PLACE_BEFORE = re.compile(rf"(?<!{_L})(?:سوق|مسجد|جامع|شارع|ميدان){_S}+$")
_PAIR_BEFORE = re.compile(rf"(?<!{_L})(?:بين|كلا|كلتا|من|الي|هذين|ان){_S}+$")


# --- resolution ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    start: int  # key offsets
    end: int
    value: date
    last: date
    precision: str
    relative: bool


@dataclass(frozen=True)
class _Ctx:
    key: str
    ref: date | None
    opts: DateOptions
    anchor: date | None  # the nearest preceding explicit day/month date within reach


_UMM_AL_QURA = (1343, 1500)  # the years hijridate's table covers


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _hijri(y: int, m: int, d: int) -> date | None:
    """Gregorian date of a Hijri one: Umm al-Qura via hijridate, the tabular calendar outside 1343–1500."""
    if _UMM_AL_QURA[0] <= y <= _UMM_AL_QURA[1]:
        try:
            return date(*Hijri(y, m, d).to_gregorian().datetuple())
        except ValueError:  # 30 in a 29-day month
            return None
    if not (1 <= m <= 12 and 1 <= d <= 30):
        return None
    jdn = d + (59 * (m - 1) + 1) // 2 + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439
    try:
        return date.fromordinal(jdn - 1721425)
    except ValueError:
        return None


def _hijri_month_span(y: int, m: int) -> tuple[date, date] | None:
    first = _hijri(y, m, 1)
    nxt = _hijri(y + m // 12, m % 12 + 1, 1)
    return (first, nxt - timedelta(days=1)) if first and nxt else None


def _nearest_year(m: int, d: int, around: date) -> int | None:
    """The year that puts (m, d) closest to `around` (d = 0 for a whole month: its first day)."""
    best: tuple[int, int] | None = None
    for y in (around.year - 1, around.year, around.year + 1):
        candidate = _safe_date(y, m, d or 1)
        if candidate is None:
            continue
        gap = abs((candidate - around).days) if d else abs((y * 12 + m) - (around.year * 12 + around.month))
        if best is None or gap < best[0]:
            best = (gap, y)
    return best[1] if best else None


def _missing_year(m: int, d: int, ctx: _Ctx) -> tuple[int, bool] | None:
    around = ctx.anchor or ctx.ref
    if around is None:
        return None
    y = _nearest_year(m, d, around)
    return (y, True) if y is not None else None


def _day_value(m: re.Match[str], name: str) -> int | None:
    digits = m.group(f"{name}_d")
    if digits is not None:
        return int(digits)
    return _ORDINALS.get(" ".join(m.group(f"{name}_o").split()))


def _gyear(text: str | None, opts: DateOptions) -> int | None:
    if text is None:
        return None
    y = int(text)
    return y if opts.min_year <= y <= opts.max_year else None


def _month_number(text: str) -> int:
    return _gregorian_months()[" ".join(text.split())]


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    n = y * 12 + m - 1 + delta
    return n // 12, n % 12 + 1


def _direction(word: str) -> int:
    """-1 for الماضي-like, +1 for المقبل-like, 0 for الجاري/الحالي."""
    word = word.removesuffix("ه")
    return -1 if word in ("الماضي", "المنصرم", "الفائت") else 1 if word in ("المقبل", "القادم") else 0


def _year_of(m: re.Match[str], name: str, month: int, d: int, ctx: _Ctx) -> tuple[int, bool] | None:
    """The year of a day (d > 0) or month (d = 0) mention, and whether it was inferred rather than written.

    Written (`2019`); relative to ref (`يناير الماضي`: the last January before ref's month, `12 ديسمبر
    الماضي`: the last 12 December before ref, `من العام الماضي`); or missing (see the module docstring).
    """
    written = m.group(f"{name}_y")
    if written is not None:
        y = _gyear(written, ctx.opts)
        return (y, False) if y is not None else None
    ref = ctx.ref
    year_rel = m.group(f"{name}_ry")
    if year_rel is not None:
        if ref is None:
            return None
        # العام قبل الماضي is two years back; هذا العام's last word (العام) has no direction.
        words = year_rel.split()
        step = -2 if "قبل" in words else _direction(words[-1])
        return ref.year + step, True
    month_rel = m.group(f"{name}_r")
    if month_rel is None:
        return _missing_year(month, d, ctx)
    if ref is None:
        return None
    step, here, now = _direction(month_rel), (month, d), (ref.month, ref.day if d else 0)
    if step < 0:
        return (ref.year if here < now else ref.year - 1), True
    if step > 0:
        return (ref.year if here > now else ref.year + 1), True
    return ref.year, True


def _dmy(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    d = _day_value(m, "dmy")
    month = _month_number(m.group("dmy_m"))
    if d is None or not 1 <= d <= 31:
        return None
    if m.group("dmy_y") is None and _NAMED_BEFORE.search(ctx.key, max(0, m.start() - 24), m.start()):
        return None
    found = _year_of(m, "dmy", month, d, ctx)
    value = _safe_date(found[0], month, d) if found else None
    return _Found(m.start(), m.end(), value, value, "day", found[1]) if found and value else None


_CLOCK_12H = re.compile(r"[^\S\n]*\d{1,2}:\d{2}(?::\d{2})?[^\S\n]*(?:[ap]\.?m\b\.?)", re.IGNORECASE)


def _num(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m.group("num_iy"):
        y, mo, d = int(m.group("num_iy")), int(m.group("num_im")), int(m.group("num_id"))
    else:
        y, d, mo = int(m.group("num_y")), int(m.group("num_a")), int(m.group("num_b") or m.group("num_b2"))
        # only month/day/year can make sense of 4/22/1948; English pages write 05/03/2013 month first, and
        # so do the stamps of US-made publishing systems, whose clock says AM or PM (`4/3/2020 11:36:05 PM`)
        first = ctx.opts.month_first
        if first is None and _CLOCK_12H.match(ctx.key, m.end()):
            first = True
        if mo > 12 >= d or (d <= 12 and mo <= 12 and (english_text(ctx.key) if first is None else first)):
            d, mo = mo, d
    if not ctx.opts.min_year <= y <= ctx.opts.max_year:
        return None
    value = _safe_date(y, mo, d)
    return _Found(m.start(), m.end(), value, value, "day", False) if value else None


def _hij(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    y, month = int(m.group("hij_y")), _HIJRI_MONTHS[" ".join(m.group("hij_m").split())]
    if not ctx.opts.hijri_min_year <= y <= ctx.opts.hijri_max_year:
        return None
    has_day = m.group("hij_d") is not None or m.group("hij_o") is not None
    if has_day:
        d = _day_value(m, "hij")
        value = _hijri(y, month, d) if d and 1 <= d <= 30 else None
        return _Found(m.start(), m.end(), value, value, "day", False) if value else None
    period = _hijri_month_span(y, month)
    return _Found(m.start(), m.end(), period[0], period[1], "month", False) if period else None


def _dcur(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    d = _day_value(m, "dcur")
    if ctx.ref is None or d is None:
        return None
    y, mo = _shift_month(ctx.ref.year, ctx.ref.month, _direction(m.group("dcur_r") or "الجاري"))
    value = _safe_date(y, mo, d)
    return _Found(m.start(), m.end(), value, value, "day", True) if value else None


def _my(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    month = _month_number(m.group("my_m"))
    start = m.start("my_s")
    said = any(m.group(g) is not None for g in ("my_y", "my_r", "my_ry"))
    # A month alone is a date only when something says so (في مارس، مطلع يناير، يونيو (حزيران)):
    # bare مايو is often دي مايو, bare مارس a verb; آب/ماي alone are too short to trust (في إب is a city).
    if not said:
        if not (m.group("my_g") or m.group("my_q") or m.group("my_sh") or start > m.start()):
            return None
        if m.group("my_m") in _SHORT_MONTHS and not m.group("my_g"):
            return None
    found = _year_of(m, "my", month, 0, ctx)
    if found is None:
        return None
    y, relative = found
    return _Found(start, m.end(), date(y, month, 1), _month_end(y, month), "month", relative)


def _sea(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    y = _gyear(m.group("sea_y"), ctx.opts)
    if y is None:
        return None
    first, last = _SEASONS[m.group("sea_n")]
    first_year = y - 1 if first > last else y
    return _Found(m.start(), m.end(), date(first_year, first, 1), _month_end(y, last), "season", False)


def _hy(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    y = int(m.group("hy_y"))
    if not ctx.opts.hijri_min_year <= y <= ctx.opts.hijri_max_year:
        return None
    first, nxt = _hijri(y, 1, 1), _hijri(y + 1, 1, 1)
    if first is None or nxt is None:
        return None
    return _Found(m.start(), m.end(), first, nxt - timedelta(days=1), "year", False)


def _yr(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    y = _gyear(m.group("yr_y"), ctx.opts)
    if y is None:
        return None
    if not (m.group("yr_c") or m.group("yr_p") or m.group("yr_q")):
        # A year in brackets is a year (`النكبة (1948)`, captions `… (1948).`), unless it numbers
        # something: `القرار (2139)`.
        if not (m.group("yr_o") and m.group("yr_cl")):
            return None
        if _NUMBERED_BEFORE.search(ctx.key, max(0, m.start() - 12), m.start()):
            return None
    if not m.group("yr_c") and _COUNTED.match(ctx.key, m.end()):
        return None
    return _Found(m.start("yr_s"), m.end(), date(y, 1, 1), date(y, 12, 31), "year", False)


_REL_DAYS = {"امس": -1, "اليوم": 0, "غدا": 1}


def _rd(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if ctx.ref is None:
        return None
    word = " ".join(m.group("rd_w").split())
    if word.startswith("اول") or word.endswith("الاول"):
        offset = -2
    elif word.startswith("بعد"):
        offset = 2
    elif word.startswith("يوم") or word == "غدا":
        offset = 1
    elif word.endswith("امس"):
        offset = -1
    else:  # اليوم, only as "today": not اليوم التالي / ذلك اليوم
        if m.group("rd_wd") is None and _DAY_NOUN.match(ctx.key, m.end()):
            return None
        # ذلك اليوم is "that day"; في اليوم mostly "a day" (400 ألف برميل في اليوم).
        if _THAT_DAY.search(ctx.key, max(0, m.start() - 8), m.start()):
            return None
        offset = 0
    value = ctx.ref + timedelta(days=offset)
    return _Found(m.start(), m.end(), value, value, "day", True)


def _rp(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if ctx.ref is None:
        return None
    word = m.group("rp_r")
    step = _direction(word) if word else 0
    unit, ref = m.group("rp_u") or m.group("rp_this"), ctx.ref
    if unit == "اسبوع":
        first = ref - timedelta(days=(ref.weekday() - 5) % 7) + timedelta(weeks=step)
        return _Found(m.start(), m.end(), first, first + timedelta(days=6), "week", True)
    if unit == "شهر":
        y, mo = _shift_month(ref.year, ref.month, step)
        return _Found(m.start(), m.end(), date(y, mo, 1), _month_end(y, mo), "month", True)
    y = ref.year + step
    return _Found(m.start(), m.end(), date(y, 1, 1), date(y, 12, 31), "year", True)


def _weekday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if ctx.ref is None:
        return None
    name, word = m.group("wd_n"), m.group("wd_r")
    if name in _AMBIGUOUS_WEEKDAYS and not (m.group("wd_y") or word):
        before = ctx.key[max(0, m.start() - 12) : m.start()]
        if _PAIR_BEFORE.search(before):
            return None
        if not (_TIME_WORD_BEFORE.search(before) or _PUNCT_AFTER.match(ctx.key, m.end())):
            return None
    if _PLACE_BEFORE.search(ctx.key, max(0, m.start() - 8), m.start()):
        return None
    wd, ref = _WEEKDAYS[name], ctx.ref
    step = _direction(word) if word else -1
    if step > 0:
        value = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    elif word and step < 0:
        value = ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
    else:  # bare, or الجاري: this week's, on or before ref
        value = ref - timedelta(days=(ref.weekday() - wd) % 7)
    return _Found(m.start(), m.end(), value, value, "day", True)


_RULES: dict[str, Callable[[re.Match[str], _Ctx], _Found | None]] = {
    "dmy": _dmy, "num": _num, "hij": _hij, "dcur": _dcur, "my": _my, "sea": _sea, "hy": _hy, "yr": _yr,
    "rd": _rd, "rp": _rp, "wd": _weekday,
}  # fmt: skip


def _trim(key: str, start: int, end: int) -> tuple[int, int]:
    """Drop an unbalanced bracket (and the spaces beside it) at either end of a span."""
    span = key[start:end]
    if span.endswith(")") and span.count(")") > span.count("("):
        end = start + len(span[:-1].rstrip())
    span = key[start:end]
    if span.startswith("(") and span.count("(") > span.count(")"):
        start = end - len(span[1:].lstrip())
    return start, end


def find_dates(text: str, ref: date | None = None, opts: DateOptions = _DEFAULTS) -> list[DateMention]:
    """Every date mention in `text`, in order; relative forms resolve against `ref`, the publication date."""
    keyed = _Key(text)
    key = keyed.key
    mentions: list[DateMention] = []
    anchor: tuple[date, int] | None = None  # last explicit day/month date and where it ended
    for m in _scan(key):
        near = anchor[0] if anchor and m.start() - anchor[1] <= opts.year_carry_chars else None
        try:
            found = _RULES[m.lastgroup or ""](m, _Ctx(key, ref, opts, near))
        except (ValueError, OverflowError):  # a reference at the ends of the calendar (year 1 or 9999)
            found = None
        if found is None:
            continue
        kstart, kend = _trim(key, found.start, found.end)
        start, end = keyed.span(kstart, kend)
        mentions.append(
            DateMention(text[start:end], start, end, found.value, found.precision, found.relative, found.last)
        )
        if not found.relative and found.precision in ("day", "month"):
            anchor = (found.value, kend)
    latin = find_latin_dates(text, ref, opts.year_carry_chars)
    if latin:  # month names in English, French, Spanish, Turkish … (numeric dates are read above)
        taken = [(m.start, m.end) for m in mentions]
        for d in latin:
            if any(s < d.end and d.start < e for s, e in taken):
                continue
            last = d.value if d.precision == "day" else _month_end(d.value.year, d.value.month)
            span = text[d.start : d.end]
            mentions.append(DateMention(span, d.start, d.end, d.value, d.precision, d.relative, last))
        mentions.sort(key=lambda m: m.start)
    return mentions


_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def published_day(value: str | None) -> str | None:
    """A publication date as metadata gives it, as YYYY-MM-DD: ISO dates and timestamps (the day as
    written, in the writer's time zone), RSS/e-mail dates (`Fri, 03 May 2013 10:20:00 GMT`) and any
    full date the grammar reads (`05/03/2013`, `May 3, 2013`, `28 يونيو 2021`); None when it names no day."""
    if not value or not value.strip():
        return None
    iso = _ISO_DAY.match(value)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    found = publication_date(value[:200])
    return found.isoformat() if found else None


def publication_date(text: str, opts: DateOptions = _DEFAULTS) -> date | None:
    """The date a dateline or byline gives: the first full written date in the head of the text."""
    for mention in find_dates(text[: opts.dateline_chars], None, opts):
        if mention.precision == "day" and not mention.relative:
            return mention.value
    return None
