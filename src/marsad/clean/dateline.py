"""Datelines at the head of a body: `بوابة اوكرانيا -كييف في28يونيو 2021 –`, `بيروت (رويترز) -`,
`طرطوس-سانا`, `القاهرة - أ ش أ:`. Found by shape (a short prefix closed by a dash or colon that
names a place, an agency or a date), not by a list of outlets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.text.dates import DateOptions, publication_date
from marsad.text.normalize import match_key

# a dash or colon that closes the prefix; the body after it starts with a letter or a quote.
_SEPARATOR = re.compile(r"\s*[-–—:]+\s*")
_BODY_START = re.compile(r"[^\W\d_]|[«“\"]")
_SENTENCE_PUNCT = re.compile(r"[.!?؟«»“”\"]")
_AGENCY_PAREN = re.compile(r"\(([^()]{1,30})\)")
_VERBISH = re.compile(
    r"(?:^|\s)(?:قال|قالت|اكد|اكدت|اعلن|اعلنت|ذكر|ذكرت|افاد|افادت|ان|انه|التي|الذي)(?:\s|$)"
)


@dataclass(frozen=True)
class Dateline:
    """What a dateline says: its text, the outlet or agency, the place and a publication date."""

    text: str
    source: str | None
    place: str | None
    published: str | None  # YYYY-MM-DD


def find_date(text: str, month_first: bool | None = None) -> str | None:
    """The first fully written day date in `text`, as YYYY-MM-DD (the date grammar of `text.dates`);
    `month_first` reads 05/03/2013 as 3 May (None: when `text` itself reads as English)."""
    found = publication_date(text, DateOptions(month_first=month_first))
    return found.isoformat() if found else None


def split_dateline(paragraph: str, max_words: int = 9) -> tuple[Dateline | None, str]:
    """Split a dateline off the head of the first body paragraph; return it and the rest.

    The longest acceptable prefix wins, so `بوابة اوكرانيا -كييف في28يونيو 2021 –بينما` keeps the
    outlet, the place and the date together."""
    for m in reversed(list(_SEPARATOR.finditer(paragraph[:120]))):
        found = _dateline_at(paragraph, m.start(), m.end(), m.group().strip(), max_words)
        if found is not None:
            return found, paragraph[m.end() :].strip()
    return None, paragraph


def _dateline_at(paragraph: str, start: int, end: int, sep: str, max_words: int) -> Dateline | None:
    head = paragraph[:start].strip()
    rest = paragraph[end:].strip()
    if len(head) < 2 or not rest or not _BODY_START.match(rest) or _SENTENCE_PUNCT.search(head):
        return None
    hkey = match_key(head)
    words = hkey.split()
    if not words or len(words) > max_words or _VERBISH.search(hkey):
        return None
    date = find_date(head)
    paren = _AGENCY_PAREN.search(head)
    # A colon closes only the `place - agency:` shape, so `وقال الوزير:` never becomes a dateline.
    if sep.startswith(":") and not (date or paren or re.search(r"[-–—]", head)):
        return None
    if not (date or paren or len(words) <= 4):
        return None
    parts = [p.strip() for p in re.split(r"\s*[-–—]\s*", _AGENCY_PAREN.sub(" ", head)) if p.strip()]
    source = place = None
    if paren:
        source = paren.group(1).strip()
        place = _place_of(parts[0]) if parts else None  # `عمان 3 أيار (بترا)`: عمان
    elif len(parts) >= 2:
        # `بوابة اوكرانيا -كييف في28يونيو 2021` (outlet, then place and date) or `طرطوس-سانا`
        # (place, then agency): the part holding the date is the place.
        if date and find_date(parts[0]) is None:
            source, place = parts[0], _place_of(parts[1])
        else:
            place, source = parts[0], parts[1]
    elif parts:
        place = _place_of(parts[0])
    return Dateline(text=paragraph[:end].strip(), source=source, place=place, published=date)


def _place_of(part: str) -> str | None:
    """`كييف في28يونيو 2021` -> `كييف`."""
    return re.split(r"\s+في\s*|\s*\d|\s+في$", part)[0].strip() or None


def dateline_only(line: str) -> Dateline | None:
    """A line that is nothing but a dateline: `طرطوس-سانا`, `القاهرة - أ ش أ`."""
    key = match_key(line)
    words = key.split()
    if not 1 <= len(words) <= 5 or not re.search(r"\S\s*[-–—]\s*\S", line):
        return None
    parts = [p.strip() for p in re.split(r"\s*[-–—]\s*", line.strip()) if p.strip()]
    if len(parts) != 2:
        return None
    return Dateline(text=line.strip(), source=parts[1], place=parts[0], published=find_date(line))
