"""Dates written with month names in Latin-script languages: English, French, Spanish, Turkish, German,
Italian and Portuguese (`16 September 2013`, `Sep. 15, 2013`, `le 1er mai 2013`, `12 de marzo de 2020`,
`15 Eylül 2013`, `Dec.14`), plus weekdays and yesterday/today read against the publication date.

The Arabic grammar (`dates.py`) already reads numeric dates in any script (`16/09/2013`, `2013-09-16`); this
module adds the month names, so an English or French page gets a publication date from its dateline or
timestamp line and an event date from its lead, as an Arabic one does. Month and weekday names come from
babel's locales (wide and abbreviated, accented and plain), minus abbreviations that are common words
(`set`, `out`). `find_latin_dates` returns plain tuples; `dates.find_dates` merges them with the Arabic
mentions.

Rules for what the text leaves open (as in the Arabic grammar):
- A day and month without a year take the year of the nearest preceding written day or month date when it
  ends within `carry_chars`, else the year that puts them closest to `ref`; with neither they are dropped.
  `May` without a year must be capitalised (`may 5` is more often a verb and a number).
- A weekday is the most recent such day on or before `ref` (`last Monday`, `lundi dernier`, `el lunes
  pasado`: strictly before; `next Monday`, `lundi prochain`, `el próximo lunes`: strictly after).
- yesterday/today/tomorrow words are `ref` − 1, `ref`, `ref` + 1. Every relative form needs `ref`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import NamedTuple

from babel.dates import get_day_names, get_month_names

_LOCALES = ("en", "fr", "es", "tr", "de", "it", "pt")
_NOT_MONTHS = frozenset({"set", "out"})  # Portuguese/Italian abbreviations that are English words
_RELATIVE_DAYS = {
    -1: ("yesterday", "hier", "ayer", "dün", "gestern", "ieri", "ontem"),
    0: ("today", "aujourd'hui", "aujourd’hui", "hoy", "bugün", "heute", "oggi", "hoje"),
    1: ("tomorrow", "demain", "yarın", "domani", "amanhã"),
}
_BEFORE = ("last", "past", "dernier", "pasado", "geçen")  # `last Monday`, `lundi dernier`, `el lunes pasado`
_AFTER = ("next", "coming", "prochain", "próximo", "gelecek")


class LatinDate(NamedTuple):
    start: int
    end: int
    value: date
    precision: str  # "day" or "month"
    relative: bool


def fold(word: str) -> str:
    """Lower case without accents or a final dot: `Févr.` -> `fevr`, `Eylül` -> `eylul`."""
    s = unicodedata.normalize("NFKD", word.lower().replace("ı", "i"))
    return "".join(c for c in s if not unicodedata.combining(c)).rstrip(".")


@cache
def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for loc in _LOCALES:
        for width in ("wide", "abbreviated"):
            for ctx in ("format", "stand-alone"):
                for m, name in get_month_names(width, ctx, loc).items():
                    out.setdefault(name.lower().rstrip("."), m)
    out["sept"] = 9
    keys = {k: v for k, v in out.items() if fold(k) not in _NOT_MONTHS}
    return {**keys, **{fold(k): v for k, v in keys.items()}}


def month_number(name: str) -> int | None:
    """The month a Latin-script month name or abbreviation names (`september`, `Sept.`, `juin`), or None."""
    return _months().get(fold(name))


@cache
def _shifts() -> dict[str, int]:
    """Folded yesterday/today/tomorrow words -> days from the reference, and folded last/next cues ->
    -1 (strictly before) or +1 (strictly after)."""
    out = {fold(w): k for k, ws in _RELATIVE_DAYS.items() for w in ws}
    return {**out, **{fold(w): -1 for w in _BEFORE}, **{fold(w): 1 for w in _AFTER}}


@cache
def _weekdays() -> dict[str, int]:
    out: dict[str, int] = {}
    for loc in _LOCALES:
        for d, name in get_day_names("wide", "format", loc).items():
            out[name.lower()] = d
            out[fold(name)] = d
    return out


def latin_date_words() -> frozenset[str]:
    """Month and weekday names (wide and abbreviated, as written and folded), lower case: what a
    timestamp line in a Latin-script language is made of."""
    words = set(_months())
    for loc in _LOCALES:
        for width in ("wide", "abbreviated"):
            for name in get_day_names(width, "format", loc).values():
                words.update((name.lower().rstrip("."), fold(name)))
    return frozenset(words)


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))  # type: ignore[call-overload]


@cache
def _grammar() -> re.Pattern[str]:
    month = _alt(_months())
    year = r"(?:1[89]|20)\d\d(?!\d)"
    day = r"[0-3]?\d(?:st|nd|rd|th|er|º)?"
    weekday = _alt(_weekdays())
    rel = _alt(w for ws in _RELATIVE_DAYS.values() for w in ws)
    cue = _alt({*_BEFORE, *_AFTER, *map(fold, _BEFORE + _AFTER)})  # próximo and proximo
    return re.compile(
        # 16 September 2013, 15 Sep 2013, 1er mai 2013, 12 de marzo de 2020, 14 December
        rf"(?<![\w.])(?P<d1>{day})\.?\s*(?:de\s+|of\s+)?(?P<m1>{month})(?!\w)\.?"
        rf"(?:,?\s*(?:(?:de|del)\s+)?(?P<y1>{year}))?"
        # September 16, 2013, Sep. 16 2013, Dec.14
        rf"|(?<!\w)(?P<m2>{month})(?!\w)\.?\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
        rf"(?:,?\s*(?P<y2>{year}))?"
        # September 2013, sept. 2013, marzo de 2020
        rf"|(?<!\w)(?P<m3>{month})(?!\w)\.?,?\s*(?:(?:de|del)\s+)?(?P<y3>{year})"
        # (last|next) Monday (dernier|prochain); el (próximo) lunes (pasado)
        rf"|(?<!\w)(?:(?P<b4>{cue})\s+)?(?P<w4>{weekday})(?!\w)"
        rf"(?:\s+(?P<a4>{cue})(?!\w))?"
        rf"|(?<!\w)(?P<r5>{rel})(?!\w)",
        re.IGNORECASE,
    )


_LATIN = re.compile(r"[A-Za-zÀ-ÿĞğİıŞş]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def latin_text(text: str, head: int = 1000) -> bool:
    """The text is written in a Latin script: more Latin than Arabic letters in its head (an Arabic article
    quoting a name in Latin letters is not)."""
    latin = len(_LATIN.findall(text, 0, head))
    return latin > 0 and latin > len(_ARABIC.findall(text, 0, head))


_ENGLISH = frozenset("the and of to was is in that for with on by from has have were".split())
_OTHER = frozenset(
    """de la le el et y que les des del los las une ve bir ile için der die und das il di che per do da os
    em""".split()
)
_WORDS = re.compile(r"[^\W\d_]+")


def english_text(text: str, head: int = 2000) -> bool:
    """The text reads as English (its head has at least 3 English function words and more than twice
    as many as French, Spanish, Turkish, German, Italian or Portuguese ones): where numeric dates are
    written month first."""
    return _english(text[:head])


@lru_cache(maxsize=64)
def _english(head: str) -> bool:
    if not latin_text(head):
        return False
    words = _WORDS.findall(head.lower())
    en = sum(w in _ENGLISH for w in words)
    return en >= 3 and en > 2 * sum(w in _OTHER for w in words)


def find_latin_dates(text: str, ref: date | None = None, carry_chars: int = 400) -> list[LatinDate]:
    """Dates written with Latin-script month names, weekdays and relative words, in text order."""
    if not latin_text(text):
        return []
    months, out = _months(), []
    anchor: tuple[date, int] | None = None  # last written day/month date and where it ended
    for m in _matches(text):
        near = anchor[0] if anchor and m.start() - anchor[1] <= carry_chars else None
        try:
            found = _value(m, months, ref, near)
        except (ValueError, OverflowError):  # a reference at the ends of the calendar (year 1 or 9999)
            found = None
        if found is None:
            continue
        value, precision, relative = found
        out.append(LatinDate(m.start(), m.end(), value, precision, relative))
        if not relative:
            anchor = (value, m.end())
    return out


_WORD = re.compile(r"[^\W\d_]+")


@cache
def _names() -> frozenset[str]:
    """Every word a match holds (month, weekday or relative word), folded: what a scan looks for first."""
    words = {*_months(), *_weekdays(), *(w for ws in _RELATIVE_DAYS.values() for w in ws)}
    words.update([fold(w) for w in words])
    return frozenset(w for name in words for w in _WORD.findall(name))


def _matches(text: str) -> list[re.Match[str]]:
    """The grammar's matches, tried only around the words it needs (a scan of a whole text with the
    grammar is several times slower than a look at its words)."""
    names, grammar = _names(), _grammar()
    out: list[re.Match[str]] = []
    windows: list[list[int]] = []
    for w in _WORD.finditer(text):
        lw = w.group().lower()
        if lw in names or (not lw.isascii() and fold(lw) in names):
            lo, hi = max(0, w.start() - 16), w.end() + 24
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
    for lo, hi in windows:
        for m in grammar.finditer(text, lo, min(hi, len(text))):
            if not out or m.start() >= out[-1].end():
                out.append(m)
    return out


def _value(
    m: re.Match[str], months: dict[str, int], ref: date | None, near: date | None
) -> tuple[date, str, bool] | None:
    g = m.groupdict()
    if g["r5"]:
        if ref is None:
            return None
        return ref + timedelta(days=_shifts()[fold(g["r5"])]), "day", True
    if g["w4"]:
        return _weekday(g["w4"], g["b4"] or g["a4"], ref)
    if g["m3"]:
        month = months.get(fold(g["m3"]))
        return (date(int(g["y3"]), month, 1), "month", False) if month else None
    name, day_text, year = (g["m1"], g["d1"], g["y1"]) if g["m1"] else (g["m2"], g["d2"], g["y2"])
    month = months.get(fold(name))
    day = int(re.match(r"\d+", day_text).group())  # type: ignore[union-attr]
    if not month or not 1 <= day <= 31:
        return None
    if year:
        return _day(int(year), month, day, False)
    if fold(name) == "may" and not name.startswith("M"):
        return None
    around = near or ref
    if around is None:
        return None
    year_of = min((around.year - 1, around.year, around.year + 1),
                  key=lambda y: abs((date(y, month, min(day, 28)) - around).days))  # fmt: skip
    return _day(year_of, month, day, True)


def _day(year: int, month: int, day: int, relative: bool) -> tuple[date, str, bool] | None:
    try:
        return date(year, month, day), "day", relative
    except ValueError:  # 31 February, 31 April: not a date
        return None


def _weekday(name: str, cue: str | None, ref: date | None) -> tuple[date, str, bool] | None:
    wd = _weekdays().get(fold(name))
    if ref is None or wd is None:
        return None
    shift = _shifts().get(fold(cue)) if cue else None
    if shift == 1:
        return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7), "day", True
    back = (ref.weekday() - wd) % 7
    return ref - timedelta(days=back or (7 if shift == -1 else 0)), "day", True
