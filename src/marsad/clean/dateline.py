"""Datelines at the head of a body: `بوابة اوكرانيا -كييف في28يونيو 2021 –`, `بيروت (رويترز) -`,
`طرطوس-سانا`, `القاهرة - أ ش أ:`. Found by shape (a short prefix closed by a dash or colon that
names a place, an agency or a date), not by a list of outlets.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from marsad.group.places import gazetteer
from marsad.text.credits import agency_keys
from marsad.text.dates import DateOptions, find_dates, publication_date
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
    dashed = _dashes(paragraph)
    for m in reversed(list(_SEPARATOR.finditer(dashed[:120]))):
        found = _dateline_at(dashed, m.start(), m.end(), m.group().strip(), max_words)
        if found is not None:
            text = paragraph[: len(found.text)].strip()
            return dataclasses.replace(found, text=text), paragraph[m.end() :].strip()
    return None, paragraph


# A tatweel standing alone between spaces is a dash (`الرياضي ـ الكويت`, `ناصر الطميحي ـ جدة`); one
# inside a word only stretches it.
_TATWEEL_DASH = re.compile(r"(?<=\s)ـ+(?=\s)|^ـ+(?=\s)")


def _dashes(text: str) -> str:
    """`text` with each lone tatweel run as as many hyphens (offsets are kept)."""
    return _TATWEEL_DASH.sub(lambda m: "-" * len(m.group()), text)


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
        elif _is_place(parts[1]) and not _is_place(parts[0]):  # `الرياضي ـ الكويت ـ`: outlet, place
            source, place = parts[0], parts[1]
        else:
            place, source = parts[0], parts[1]
    elif parts:
        place = _place_of(parts[0])
    return Dateline(text=paragraph[:end].strip(), source=source, place=place, published=date)


def _place_of(part: str) -> str | None:
    """`كييف في28يونيو 2021` -> `كييف`."""
    return re.split(r"\s+في\s*|\s*\d|\s+في$", part)[0].strip() or None


def dateline_only(line: str) -> Dateline | None:
    """A line that is nothing but a dateline: `طرطوس-سانا`, `القاهرة - أ ش أ`, or a place, its day
    (in both calendars) and the agency: `بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس`."""
    key = match_key(line)
    words = key.split()
    dashed = _dashes(line)
    if not re.search(r"\S\s*[-–—]\s*\S", dashed):
        return _dated_line(line) if len(words) <= _DATED_LINE_WORDS else None
    if not 1 <= len(words) <= 5:
        return None
    parts = [p.strip() for p in re.split(r"\s*[-–—]\s*", dashed.strip()) if p.strip()]
    if len(parts) != 2:
        return None
    place, source = parts
    if _is_place(source) and not _is_place(place):  # `الرياضي ـ الكويت`: the outlet, then the place
        place, source = source, place
    return Dateline(text=line.strip(), source=source, place=place, published=find_date(line))


def place_line(line: str) -> Dateline | None:
    """A line that is only a place or an agency, as some outlets print over the body: `جدة`, `مكة المكرمة`,
    `واس`. (A word or three that is neither, `عين اليوم`, `متابعات`, a writer's name, is left alone.)"""
    text = line.strip()
    if not 1 <= len(text.split()) <= 3 or re.search(r"[\d.,،:;!?؟«»\"()/-]", text):
        return None
    if _is_place(text):
        return Dateline(text=text, source=None, place=text, published=None)
    if match_key(text) in agency_keys():
        return Dateline(text=text, source=text, place=None, published=None)
    return None


def joined(first: Dateline, then: Dateline) -> Dateline:
    """Two dateline lines as one (`حامد القرشي – عين اليوم`, then `جدة`): a gazetteer place wins the
    place over a writer's name read as one."""
    place = first.place or then.place
    if then.place and not _is_place(first.place or ""):
        place = then.place
    return Dateline(
        text=f"{first.text} {then.text}", source=first.source or then.source, place=place,
        published=first.published or then.published,
    )  # fmt: skip


def _is_place(text: str) -> bool:
    """A name of the gazetteer (`الكويت`, `جدة`, `مكة المكرمة`)."""
    return gazetteer().is_name(text)


_DATED_LINE_WORDS = 16
_GLUED = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
# what may stand between and around the dates: `الموافق`, the era letters, a comma
_DATE_GLUE = re.compile(r"^(?:\s|[,،/]|الموافق|الموافقه|م|هـ|ه)*$")
_BEFORE_DATE = frozenset(match_key(w) for w in "في يوم منذ حتى من إلى الى بتاريخ قبل بعد".split())
_WEEKDAYS = frozenset(
    match_key(w) for w in "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت".split()
)


def _dated_line(line: str) -> Dateline | None:
    """`PLACE DAY [= DAY] [AGENCY]` with no dash: one to three words of place, fully written days
    (nothing but `الموافق` and era letters between them), then a known agency; without the agency,
    the day must be written in both calendars."""
    text = line
    line = _GLUED.sub(" ", line)  # `الدمام25 شوال 1436هـ`: the date grammar reads spaced words
    found = [m for m in find_dates(line) if m.precision == "day" and not m.relative]
    if not found:
        return None
    head = line[: found[0].start].strip()
    tail = line[found[-1].end :].strip()
    between = [line[a.end : b.start] for a, b in zip(found, found[1:], strict=False)]
    if not all(_DATE_GLUE.match(match_key(g) or "") for g in between):
        return None
    tail = tail.strip("() ")
    tail_words = [w for w in match_key(tail).split() if not _DATE_GLUE.match(w)]
    head_words = match_key(head).split()
    # a known agency after the day, or the day in two calendars: a sentence's first words before a
    # date (`تبدأ الدراسة 10 أغسطس 2015 للطلاب`) have neither
    agency = " ".join(tail_words) in agency_keys()
    if not 1 <= len(head_words) <= 3 or (tail_words and not agency) or not (agency or len(found) > 1):
        return None
    if re.search(r"[\d.!?؟«»“”\":]", head + " " + tail) or head_words[-1] in _BEFORE_DATE:
        return None
    place = None if all(w in _WEEKDAYS for w in head_words) else head
    source = " ".join(tail.split()[-len(tail_words) :]) if tail_words else None
    return Dateline(text=text.strip(), source=source, place=place, published=found[0].value.isoformat())
