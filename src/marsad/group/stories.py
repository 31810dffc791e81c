"""Stories: events linked by topic, actors and places across time; a timeline is a story's events by date.

Online and candidate-based like the event index: when an article opens a new event, that event is
scored against the stories that share its rarer terms, specific places or actors (postings capped,
never every story), and joins the best one when

    cosine(article, story centroid) + head_weight * title/lead cosine + place and actor agreement
    − a small penalty per month between the event and the story
    − `size_cost` for each doubling of the story past `size_free` events (`growth_cost`, as for events)
    − `competition_conflict` when the report names a competition or sport (`كأس تونس`, `كأس الكاف`,
      `لكرة الطائرة`) and the story names others, none of its: one club plays the national cup and a
      continental one in the same weeks, and their reports share every word but the competition's
    − `kind_conflict` when the event's headline names a kind of happening (a fire, an attack, an
      earthquake, a flood) and the story's headlines name others, none of it: a tower fire in London
      is not a story of the city's terror attacks of the same weeks

clears `join_threshold` (lower than an event's: a story is a topic, not a happening, and may span
years), else it starts a story of its own. Articles joining existing events feed their story's
centroid too. `relink()` reconsiders the stories of one event with their grown event: a first article
can be a poor picture of its event.

A story's centroid is the sum of its articles: with every event it takes in it reads more like its
whole section (football, the economy, health studies) than like one story, and any article of that
section comes to clear the bar. On 12k ANT articles a third of the events ended in stories of 50 events
or more ("a British firm seeks a US waiver" holding 207 economy events, "Kyiv on alert before the final"
167 Premier League ones). Past `size_free` events, each doubling of a story now asks ~0.035 more: the
section blobs break up, while a story with its own actors and places (Hodeidah, the US-China tariffs,
the Facebook data scandal) stays whole.

State is plain rows (`state()` / `StoryIndex.from_state`), like the event index.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import asdict, dataclass, field
from datetime import date

from marsad.group.events import Event, EventIndex, _accumulate, _unit, growth_cost
from marsad.group.features import ArticleFeatures
from marsad.group.lazy import LazyRows, Postings, RowLoader, filed_rows, prefetch
from marsad.group.places import gazetteer


@dataclass(frozen=True)
class StoryOptions:
    """Tunables of story linking (documented defaults)."""

    join_threshold: float = 0.22
    head_weight: float = 0.6
    place_agree: float = 0.05
    actor_weight: float = 0.3  # times the actor cosine
    month_penalty: float = -0.01  # per month between the event and the story's nearest event
    max_month_penalty: float = -0.10
    query_terms: int = 15
    max_postings: int = 64
    max_candidates: int = 60
    centroid_terms: int = 600
    size_free: int = 10  # events a story holds before it asks more of the next one
    size_cost: float = 0.035  # for each doubling beyond that
    # the event's report names a competition (or sport) and the story names others, none of its
    competition_conflict: float = -0.15
    # the event's headline names a kind of happening (a fire, an attack) and the story's others, none of it
    kind_conflict: float = -0.15
    # `relink` judges a grown event by the places at least this share of its members name (as many as
    # its most named one): a follow-up's other city is not where the event is
    relink_place_share: float = 0.5


@dataclass
class Story:
    """A story's state: its events and the aggregate the linking compares against."""

    id: str
    title: str | None = None
    events: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    head: dict[str, float] = field(default_factory=dict)
    focus: dict[str, float] = field(default_factory=dict)
    actors: dict[str, float] = field(default_factory=dict)
    days: list[str] = field(default_factory=list)  # first and last known day
    competitions: dict[str, float] = field(default_factory=dict)  # competition/sport key -> articles
    kinds: dict[str, float] = field(default_factory=dict)  # kind of happening its headlines name -> articles


@dataclass
class StoryAssignment:
    event: str
    story: str
    score: float
    new: bool
    explanation: dict[str, object] = field(default_factory=dict)


class StoryIndex:
    """Online story linking over events (see the module docstring)."""

    def __init__(self, opts: StoryOptions | None = None) -> None:
        self.opts = opts or StoryOptions()
        # story id -> story; a loaded index reads a story from its store on first use (`from_store`)
        self.stories: MutableMapping[str, Story] = {}
        self.event_story: dict[str, str] = {}
        self._postings = Postings()
        # story id -> the keys it was filed under (may be stale: a superset of the lists it is in)
        self._filed: dict[str, set[str]] = {}
        self.comparisons = 0
        # stories opened or fed since the last relink (the others were reconsidered then)
        self._touched: set[str] = set()
        # stories opened, fed, given or losing an event, or removed since this index was made or
        # loaded (what a store has to rewrite or delete), and the events that changed story
        self.changed: set[str] = set()
        self.moved_events: set[str] = set()

    # -------------------------------------------------------------------------------------- adding

    def update(self, event: Event, new: bool, f: ArticleFeatures, idx: EventIndex) -> StoryAssignment:
        """Place a new event in a story, or feed an existing event's story with its new article."""
        vec = idx._vector(f.terms)
        if not new and event.id in self.event_story:
            story = self.stories[self.event_story[event.id]]
            self._feed(story, f, vec, idx)
            return StoryAssignment(event.id, story.id, 1.0, False, {"follows_event": True})
        keys = self._keys(f, vec, idx)
        best: tuple[float, str] | None = None
        for sid in self._candidates(keys):
            self.comparisons += 1
            s, _ = self._score(f, vec, event.date(), self.stories[sid], idx, explain=False)
            if best is None or s > best[0] + 1e-12:
                best = (s, sid)
        if best is not None and best[0] >= self.opts.join_threshold:
            sid = best[1]
            score, why = self._score(f, vec, event.date(), self.stories[sid], idx)  # the same, explained
            story, is_new = self.stories[sid], False
        else:
            sid = "st-" + event.id[3:]
            while sid in self.stories:
                sid += "x"
            story = self.stories[sid] = Story(sid, event.title())
            score, is_new = 1.0, True
            why = {"new": True, "best_other": best[1] if best else None,
                   "best_score": round(best[0], 3) if best else None}  # fmt: skip
        story.events.append(event.id)
        self.event_story[event.id] = sid
        self._feed(story, f, vec, idx)
        self._file(sid, keys)
        return StoryAssignment(event.id, sid, round(score, 4), is_new, why)

    def _feed(self, story: Story, f: ArticleFeatures, vec: dict[str, float], idx: EventIndex) -> None:
        idx._forget(story.id, "s", head=False)
        self._touched.add(story.id)
        self.changed.add(story.id)
        _accumulate(story.centroid, vec)
        if len(story.centroid) > self.opts.centroid_terms:
            keep = sorted(story.centroid, key=lambda t: (-story.centroid[t], t))[: self.opts.centroid_terms]
            story.centroid = {t: story.centroid[t] for t in keep}
        idx.grow_head("sh:" + story.id, story.head, f.head)
        _accumulate(story.focus, {p: 1.0 for p in f.focus_places})
        _accumulate(story.actors, f.actors)
        _accumulate(story.competitions, {c: 1.0 for c in f.competitions})
        _accumulate(story.kinds, {k: 1.0 for k in f.kinds})
        if f.date:
            days = sorted({*story.days, f.date})
            story.days = [days[0], days[-1]]

    # -------------------------------------------------------------------------------------- scoring

    def _score(
        self,
        f: ArticleFeatures,
        vec: dict[str, float],
        day: str | None,
        s: Story,
        idx: EventIndex,
        explain: bool = True,
    ) -> tuple[float, dict[str, object]]:
        """Score of an event (through its new article) against a story; with `explain`, its parts."""
        o = self.opts
        cos, shared = idx._cosine(vec, s.centroid, "sc:" + s.id, top=8 if explain else 0)
        head, _ = idx._cosine(idx.head_vector(f), s.head, "sh:" + s.id, top=0)
        gaz = gazetteer()
        mine = [p for p in f.focus_places if gaz.kind(p) != "country"]
        theirs = [q for q in s.focus if gaz.kind(q) != "country"]
        places = sorted({p for p in mine for q in theirs if gaz.relation(p, q) == 1})
        place_part = o.place_agree if places else 0.0
        actor_cos = 0.0
        if f.actors and s.actors:
            va, vb = idx._actor_vector(f.actors), idx._actor_vector(s.actors)
            actor_cos = sum(x * vb.get(k, 0.0) for k, x in va.items())
        months = _months_apart(day or f.date, s.days)
        time_part = max(o.max_month_penalty, o.month_penalty * months) if months else 0.0
        size_part = growth_cost(len(s.events), o.size_free, o.size_cost)
        rival = _competitions_differ(f.competitions, s.competitions)
        comp_part = o.competition_conflict if rival else 0.0
        other_kind = bool(f.kinds and s.kinds and not set(f.kinds) & set(s.kinds))
        kind_part = o.kind_conflict if other_kind else 0.0
        parts = (place_part, o.actor_weight * actor_cos, time_part, size_part, comp_part, kind_part)
        total = cos + o.head_weight * head + sum(parts)
        if not explain:
            return total, {}
        return total, {
            "cosine": round(cos, 3),
            "head": round(head, 3),
            "shared_places": places,
            "actor": round(actor_cos, 3),
            "months_apart": months,
            "story_size": round(size_part, 3),
            "other_competition": rival,
            "other_kind": other_kind,
            "shared_terms": shared[:8],
        }

    # -------------------------------------------------------------------------------------- retrieval

    def _keys(self, f: ArticleFeatures, vec: dict[str, float], idx: EventIndex) -> list[str]:
        ranked = sorted(vec, key=lambda t: (-vec[t] * idx.idf(t), t))[: self.opts.query_terms]
        gaz = gazetteer()
        places = [p for p in f.focus_places if gaz.kind(p) != "country"]
        actors = sorted(f.actors, key=lambda a: (-f.actors[a], a))[:6]
        return ["t:" + t for t in ranked] + ["p:" + p for p in places] + ["a:" + a for a in actors]

    def _file(self, sid: str, keys: list[str]) -> None:
        filed = self._filed.setdefault(sid, set())
        self._postings.prefetch(keys)
        for k in keys:
            plist = self._postings.edit(k)
            if sid in plist:
                plist.remove(sid)
            plist.append(sid)
            filed.add(k)
            if len(plist) > self.opts.max_postings:
                del plist[0]

    def _candidates(self, keys: list[str], exclude: str | None = None) -> list[str]:
        hits: Counter[str] = Counter()
        self._postings.prefetch(keys)
        for k in keys:
            for sid in self._postings.get(k) or ():
                if sid != exclude and sid in self.stories:
                    hits[sid] += 1
        ranked = sorted(hits, key=lambda s: (-hits[s], s))[: self.opts.max_candidates]
        prefetch(self.stories, ranked)
        return ranked

    # -------------------------------------------------------------------------------------- upkeep

    def relink(self, events: Mapping[str, Event], idx: EventIndex) -> list[tuple[str, str]]:
        """Move the event of each one-event story into a better story, judged on the grown event
        (the stories fed since the last relink: the others were reconsidered then)."""
        moved: list[tuple[str, str]] = []
        for sid in [s for s in self.stories if s in self._touched]:
            story = self.stories.get(sid)
            if story is None or len(story.events) != 1 or story.events[0] not in events:
                continue
            e = events[story.events[0]]
            f = ArticleFeatures(id=e.id, language="", published=None, title=e.title(), terms={},
                                head=sorted(e.head), date=e.date(),
                                focus_places=e.main_places(self.opts.relink_place_share),
                                actors=e.actors, competitions=sorted(story.competitions),
                                kinds=sorted(story.kinds))  # fmt: skip
            vec = _unit(e.centroid)
            best: tuple[float, str] | None = None
            for other in self._candidates(self._keys(f, vec, idx), exclude=sid):
                self.comparisons += 1
                s, _ = self._score(f, vec, e.date(), self.stories[other], idx, explain=False)
                if best is None or s > best[0] + 1e-12:
                    best = (s, other)
            if best is not None and best[0] >= self.opts.join_threshold:
                target = self.stories[best[1]]
                idx._forget(target.id, "s")
                target.events.append(e.id)
                for name in ("centroid", "head", "focus", "actors", "competitions", "kinds"):
                    _accumulate(getattr(target, name), getattr(story, name))
                target.days = (
                    sorted({*target.days, *story.days})[:1] + sorted({*target.days, *story.days})[-1:]
                )
                self.event_story[e.id] = target.id
                self.changed.update((target.id, sid))
                self.moved_events.add(e.id)
                filed = sorted(self._filed.pop(sid, set()))  # its own lists, not the whole index
                self._postings.prefetch(filed)
                for k in filed:
                    plist = self._postings.get(k)
                    if plist is not None and sid in plist:
                        self._postings.edit(k).remove(sid)
                del self.stories[sid]
                moved.append((e.id, target.id))
        self._touched.clear()
        return moved

    def merge_events(self, gone: str, kept: str) -> None:
        """Book-keeping after the event index merged `gone` into `kept` (kept's story is to be
        reconsidered: its event grew)."""
        if kept in self.event_story:
            self._touched.add(self.event_story[kept])
        sid = self.event_story.pop(gone, None)
        if sid is None:
            return
        story = self.stories[sid]
        story.events.remove(gone)
        self.changed.add(sid)
        if not story.events:
            del self.stories[sid]

    # -------------------------------------------------------------------------------------- reading

    def story_of(self, event_id: str) -> str | None:
        return self.event_story.get(event_id)

    def timeline(self, sid: str, events: Mapping[str, Event]) -> list[str]:
        """The story's events in time order (undated ones last, in arrival order)."""
        order = {e: i for i, e in enumerate(self.stories[sid].events)}
        return sorted(self.stories[sid].events, key=lambda e: (events[e].date() or "9999", order[e]))

    def title(self, sid: str, events: Mapping[str, Event]) -> str | None:
        """The title of the story's largest event (the first one on ties)."""
        prefetch(events, self.stories[sid].events)
        evs = [events[e] for e in self.stories[sid].events if e in events]
        if not evs:
            return self.stories[sid].title
        return max(evs, key=lambda e: (e.size, -self.stories[sid].events.index(e.id))).title()

    def state(self) -> dict[str, object]:
        """Everything the index holds, as plain rows (an index with no store behind it)."""
        return {
            **self.shared_state(),
            "postings": dict(self._postings.items()),
            "stories": [asdict(s) for s in self.stories.values()],
        }

    def shared_state(self) -> dict[str, object]:
        """The state without the story rows and posting lists: the options."""
        return {"options": asdict(self.opts)}

    def row(self, story_id: str) -> dict[str, object]:
        """A story's stored row: its state and the keys it was filed under (`from_store` reads it)."""
        return {**asdict(self.stories[story_id]), "filed": sorted(self._filed.get(story_id, ()))}

    def postings_held(self) -> Iterator[tuple[str, list[str]]]:
        """The posting lists held in memory (every list of an index read whole)."""
        return self._postings.items()

    def postings_changed(self) -> dict[str, list[str]]:
        """The posting lists changed since the index was made or loaded (what a store has to write)."""
        return self._postings.changed()

    @classmethod
    def from_state(cls, state: dict[str, object], opts: StoryOptions | None = None) -> StoryIndex:
        """An index from `state()` (read whole)."""
        idx = cls(opts or StoryOptions(**state["options"]))  # type: ignore[arg-type]
        for row in state["stories"]:  # type: ignore[attr-defined]
            row = dict(row)
            filed = row.pop("filed", None)
            s = Story(**row)
            idx.stories[s.id] = s
            for e in s.events:
                idx.event_story[e] = s.id
            if filed:
                idx._filed.setdefault(s.id, set()).update(filed)
        lists = {k: list(v) for k, v in state["postings"].items()}  # type: ignore[attr-defined]
        idx._postings.replace(lists)
        for k, plist in lists.items():
            for sid in plist:
                idx._filed.setdefault(sid, set()).add(k)
        return idx

    @classmethod
    def from_store(
        cls, shared: dict[str, object], ids: list[str], event_story: dict[str, str],
        rows: RowLoader[dict[str, object]], postings: RowLoader[list[str]], opts: StoryOptions | None = None,
    ) -> StoryIndex:  # fmt: skip
        """An index over a store, read as it is used (see `EventIndex.from_store`): every story id in
        creation order, the event -> story map, and loaders of story rows and posting lists."""
        idx = cls(opts or StoryOptions(**shared["options"]))  # type: ignore[arg-type]
        idx.event_story = event_story

        idx.stories = LazyRows(ids, filed_rows(rows, idx._filed, Story))
        idx._postings = Postings(postings)
        return idx


def _competitions_differ(mine: list[str], theirs: Mapping[str, float]) -> bool:
    """The report names competitions (or sports) and the story names others, none of the report's:
    `كاس:تونس` against `كاس:كاف`, `sport:قدم` against `sport:طايره`."""
    for sport in (True, False):
        a = [c for c in mine if c.startswith("sport:") == sport]
        b = [c for c in theirs if c.startswith("sport:") == sport]
        if a and b and not any(_same_competition(x, y) for x in a for y in b):
            return True
    return False


def _same_competition(x: str, y: str) -> bool:
    """One competition, or one of a kind left unnamed (`ابطال:`, a bare `رابطة الأبطال`, agrees with
    `ابطال:افريقيا`)."""
    kind_x, _, name_x = x.partition(":")
    kind_y, _, name_y = y.partition(":")
    return kind_x == kind_y and (name_x == name_y or not name_x or not name_y)


def _months_apart(day: str | None, span: list[str]) -> int:
    """Whole months between a day and the nearest end of a story's span (0 when unknown or inside)."""
    if not day or not span:
        return 0
    d, lo, hi = date.fromisoformat(day), date.fromisoformat(span[0]), date.fromisoformat(span[-1])
    gap = (lo - d).days if d < lo else (d - hi).days if d > hi else 0
    return math.floor(gap / 30)
