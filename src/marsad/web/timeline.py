"""A story's timeline as an SVG layout, computed on the server (no JavaScript, works offline).

Time runs right to left, as Arabic is read: the earliest event is at the right end of the axis. An
event without a date is placed by the day it was first reported (drawn hollow); one with neither is
listed under the chart. Labels take the first free lane above or below the axis so they do not overlap;
the events with most articles are labelled first, and one that finds no free lane is a dot with its
title as a tooltip (a story of a hundred events would otherwise print its labels over one another).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from marsad.web.dates import ARABIC_MONTHS, parse_partial

WIDTH = 960
PAD = 90  # room for a label centred on the first and last marks
AXIS_Y = 130
LANES = (-28, 46, -62, 80)  # label baselines relative to the axis: above, below, higher, lower
LABEL_CHARS = 26
CHAR_PX = 7.5


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Mark:
    id: str
    x: float
    label_y: float
    label_x: float  # the label's centre: kept inside the chart at its ends
    label: str
    title: str
    when: str  # the date shown
    exact: bool  # dated by the event itself (else by its first report)
    stem_y1: float
    stem_y2: float


@dataclass
class Timeline:
    width: int = WIDTH
    height: int = 2 * AXIS_Y
    axis_y: int = AXIS_Y
    x_start: float = PAD
    x_end: float = WIDTH - PAD
    ticks: list[Tick] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    undated: list[dict[str, object]] = field(default_factory=list)


def _when(event: dict[str, object]) -> tuple[date, str, bool] | None:
    for key, exact in (("date", True), ("reported", False)):
        value = event.get(key)
        if isinstance(value, str):
            parsed = parse_partial(value)
            if parsed is not None:
                return parsed, value, exact
    return None


def _short(text: str, n: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _ticks(lo: date, hi: date, x_of: object) -> list[Tick]:
    assert callable(x_of)
    if (hi - lo).days > 2 * 366:
        years = range(lo.year + (lo > date(lo.year, 1, 1)), hi.year + 1)
        step = max(1, len(years) // 10)
        return [Tick(x_of(date(y, 1, 1)), str(y)) for y in years[::step]]
    if (hi - lo).days > 62:
        months = []
        y, m = lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            if date(y, m, 1) >= lo:
                months.append(date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        step = max(1, len(months) // 8)
        return [Tick(x_of(d), f"{ARABIC_MONTHS[d.month - 1]} {d.year}") for d in months[::step]]
    return [Tick(x_of(lo), lo.isoformat())] + ([Tick(x_of(hi), hi.isoformat())] if hi != lo else [])


def layout(events: list[dict[str, object]], width: int = WIDTH) -> Timeline:
    """Positions of the events of one story (brief records with id, title, date, reported)."""
    t = Timeline(width=width, x_start=PAD, x_end=width - PAD)
    placed: list[tuple[date, str, bool, dict[str, object]]] = []
    for e in events:
        found = _when(e)
        if found is None:
            t.undated.append(e)
        else:
            placed.append((*found, e))
    if not placed:
        return t
    lo = min(p[0] for p in placed)
    hi = max(p[0] for p in placed)
    span = max((hi - lo).days, 1)

    def x_of(d: date) -> float:
        if hi == lo:
            return width / 2
        # right to left: the earliest date at the right end
        return round(t.x_end - (d - lo).days / span * (t.x_end - t.x_start), 1)

    t.ticks = _ticks(lo, hi, x_of)
    taken: list[list[tuple[float, float]]] = [[] for _ in LANES]  # label extents in each lane
    ranked = sorted(placed, key=lambda p: (-_articles(p[3]), p[0], str(p[3].get("id"))))
    marks: list[tuple[date, str, Mark]] = []
    for d, shown, exact, e in ranked:
        x = x_of(d)
        label = _short(str(e.get("title") or shown))
        half = len(label) * CHAR_PX / 2
        label_x = min(max(x, half + 4), width - half - 4)
        lo_x, hi_x = label_x - half - 4, label_x + half + 4
        lane = next((i for i, spans in enumerate(taken) if all(b < lo_x or a > hi_x for a, b in spans)), None)
        if lane is None:
            label, dy = "", 0
        else:
            taken[lane].append((lo_x, hi_x))
            dy = LANES[lane]
        mark = Mark(
            id=str(e.get("id")), x=x, label_y=AXIS_Y + dy, label_x=label_x, label=label,
            title=str(e.get("title") or ""),
            when=shown, exact=exact,
            stem_y1=AXIS_Y - 6 if dy < 0 else AXIS_Y + 6, stem_y2=AXIS_Y + dy + (6 if dy < 0 else -16),
        )  # fmt: skip
        marks.append((d, mark.id, mark))
    t.marks = [m for _, _, m in sorted(marks, key=lambda dm: (dm[0], dm[1]))]  # in time order
    return t


def _articles(event: dict[str, object]) -> int:
    n = event.get("articles_count")
    return n if isinstance(n, int) else 0
