"""Online event clustering: each new article joins the best candidate event or opens a new one.

An event is one happening at a time and place. Text similarity finds what an article is about; the
event needs more: a compatible date, no conflicting place, no conflicting actors. So an article is
scored against each *candidate* event, found through inverted indexes (its rarest terms, its focus
places, its actors, shared passage shingles, its vector), never against every event:

    score = cosine(article tf-idf, event centroid)          # IDF kept incrementally
          + head_weight * cosine(title+lead words, event's title+lead words)
          + date term       (same day +, a few days −, weeks apart −−; an article that writes
                             its own day five days or more from the event's, and shares no
                             named actor with it, −− : another happening of the same kind)
          + place term      (same or nested place +, disjoint known places −; the same kind of
                             happening in the same city or region within a day +: a reaction)
          + actor term      (shared names +, only different names −)
          + reuse term      (shared passages +, within the date window: weeks apart they are
                             background a follow-up recycles, not the same happening)
          + vector term     (title+lead sentence vectors far apart −; see `semantic`)
          + size term       (an event past `size_free` articles asks more with each doubling)

and joins the best event when the score clears `join_threshold`. Adding an article never
re-clusters what came before; its cost is bounded by the posting caps, not by the corpus size.
`merge_pass()` joins events that turn out to be one (found and scored the same way).

Across languages words cannot match: for an article in another language than most of an event's,
the two text terms give way to the sentence vectors' cosine (`xl_weight * (cosine - xl_center)`)
when that is higher, and such events are found through random-hyperplane codes of the vectors,
filed under the event's day (an article looks up its day and the days either side).

The index state is plain rows (`state()` / `EventIndex.from_state`): events with their centroid,
dates, places, actors and postings can be stored by the engine and reloaded to go on adding.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache

import numpy as np

from marsad.group import semantic
from marsad.group.features import KIND_NAMES, ArticleFeatures, tf_weight
from marsad.group.lazy import LazyRows, Postings, RowLoader, filed_rows, prefetch
from marsad.group.places import gazetteer
from marsad.text.tokenize import is_question, without_media_kicker


@dataclass(frozen=True)
class EventOptions:
    """Tunables of event clustering (documented defaults; one set for every language)."""

    join_threshold: float = 0.30  # score an article needs to join an event
    head_weight: float = 0.5  # weight of the title+lead similarity
    # date term by the best day difference between the article's and the event's dates
    date_unknown: float = -0.12  # without a date on either side, the text must carry more
    date_same_day: float = 0.05
    date_per_day: float = -0.03  # per day apart beyond the first
    date_far: float = -0.30  # beyond `date_window` days
    # and this for each day beyond it: a topic reported every day (a war, a league) writes the same
    # words for months, and -0.30 alone let an event grow into a topic of 700 articles over eight months
    date_far_per_day: float = -0.005
    # and this when the article writes its own day (in its title or lead: `اليوم`, `أمس`, a date) more
    # than `date_written_window` days from the event's main days and shares no named actor with it: it
    # reports another happening of the same kind (the next missile intercepted, the next road accident
    # in the region, the next match of a tournament), in the words of the last one. In ar_events_dev no
    # two reports of one event are so dated more than 4 days apart, while 181 pairs of one story's
    # different events are; ECB+'s follow-ups weeks later (a player's arrest, then his charges) name the
    # same people. Arabic features carry no actors yet, so for Arabic the day alone decides
    date_far_written: float = -0.5
    date_written_window: int = 4
    date_weekday: float = 0.05  # an undated article names the weekday of the event's day: as a same day
    date_window: int = 10
    # an event past `size_free` articles needs `size_cost` more score for each doubling: a big event's
    # centroid is its topic's (a month of a war, the royal court's week), near every report of it, and
    # without this events grew to hundreds of articles of different happenings (a 264-article "event"
    # of allegiance pledges, court appointments and Eid receptions in SaudiNewsNet)
    size_free: int = 16
    size_cost: float = 0.1
    place_agree: float = 0.06
    # the article's headline names a kind of happening (an attack, a fire) that most of the event's
    # headlines name, in a place they share (a city or region, not a country), a day apart or less:
    # a reaction (`تونس تدين الاعتداءات الإرهابية في لندن`) or a follow-up in other words than the
    # first reports, about that happening
    same_happening: float = 0.15
    place_conflict: float = -0.15
    year_conflict: float = -0.10  # the article and the event are dated in different years
    actor_weight: float = 0.5  # times (actor cosine - actor_center): shared main names +, none −
    actor_center: float = 0.1
    # passages shared with an event more than `date_window` days away count nothing: a verdict a month
    # after a trial's opening recycles the charges' paragraphs (15 shared passages joined the two at 62k)
    reuse_per_shingle: float = 0.02
    reuse_max: float = 0.20
    # candidate retrieval
    query_terms: int = 12  # the article's top terms looked up in the term index
    index_terms: int = 12  # terms under which an article files its event
    max_postings: int = 64  # most recent events kept per posting list
    common_df: float = 0.15  # terms in more than this share of articles are not looked up (N >= 50)
    max_candidates: int = 100
    centroid_terms: int = 400  # the centroid keeps its heaviest terms
    # a remembered centroid norm's document-frequency parts are summed again when the corpus has
    # grown by this factor since (the corpus-size part is always current; see `EventIndex._norm`)
    norm_refresh: float = 1.1
    merge_threshold: float = 0.35  # score two events need to merge in `merge_pass`
    # the merge pass repairs an event split because its first report or two were a poor picture of it:
    # two events that each grew past this many articles on their own stay two. Without it merges
    # chained (one 726-article "event" of Eid festivals, royal audiences and hospital visits in
    # SaudiNewsNet), and in ECB+ every merge of two grown events joined two different events
    merge_smaller: int = 2
    # sentence vectors (see `semantic`): sem_weight * (vector cosine - sem_center)
    sem_weight: float = 2.0
    sem_center: float = 0.4
    sem_max: float = 0.0  # the most the vector term adds (0: it only takes away)
    # across languages words cannot match: an article whose language is not the event's main one is
    # scored on its sentence vector instead (when that scores higher): xl_weight * (cosine - xl_center)
    xl_weight: float = 1.0
    xl_center: float = 0.25
    # events in other languages are found by their vectors: `vector_bands` keys of `vector_bits`
    # random-hyperplane signs each, under the event's day (an article looks up its day and the two
    # around it), at most `xl_candidates` of them scored
    vector_bands: int = 8
    vector_bits: int = 4
    xl_candidates: int = 20


@dataclass
class Assignment:
    """Where an article went and why."""

    article: str
    event: str
    score: float
    new: bool
    explanation: dict[str, object] = field(default_factory=dict)


@dataclass
class Event:
    """An event's state as plain values: members, centroid, supported dates, places, actors."""

    id: str
    articles: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # article id -> title
    centroid: dict[str, float] = field(default_factory=dict)  # term -> summed unit tf of members
    head: dict[str, float] = field(default_factory=dict)  # title/lead stem -> members using it
    dates: dict[str, float] = field(default_factory=dict)  # day -> support
    published: list[str] = field(default_factory=list)  # first and last publication day given with a page
    years: dict[str, float] = field(default_factory=dict)
    weekdays: dict[str, float] = field(default_factory=dict)  # weekdays undated members name
    monthdays: dict[str, float] = field(default_factory=dict)  # days of the year ("MM-DD") they write
    places: dict[str, float] = field(default_factory=dict)
    focus: dict[str, float] = field(default_factory=dict)  # focus place -> members naming it
    actors: dict[str, float] = field(default_factory=dict)
    kinds: dict[str, float] = field(default_factory=dict)  # kind of happening headlines name -> members
    shingles: list[int] = field(default_factory=list)
    centrality: dict[str, float] = field(default_factory=dict)  # article id -> score when it joined
    sem: str = ""  # summed sentence vectors of the members (`semantic.add_member`)
    languages: dict[str, float] = field(default_factory=dict)  # language -> members

    @property
    def size(self) -> int:
        return len(self.articles)

    def date(self) -> str | None:
        """The most supported day (the earliest among equals), or None when no member gives one."""
        return _main_days(self.dates, 1)[0] if self.dates else None

    def main_kinds(self) -> list[str]:
        """The kinds of happening the headlines of at least half its members name: what the event is
        (one report of an election that names a bombing does not make the election a bombing)."""
        return sorted(k for k, n in self.kinds.items() if 2 * n >= self.size)

    def main_places(self, share: float) -> list[str]:
        """The focus places named by at least `share` of as many members as its most named one: the
        places of the event, not of one member (the Manchester bomber's father arrested in Tripoli)."""
        top = max(self.focus.values(), default=0.0)
        return sorted(p for p, n in self.focus.items() if n >= share * top)

    def place(self) -> str | None:
        """The most named focus place, the most specific kind first."""
        if not self.focus:
            return None
        gaz = gazetteer()
        rank = {"city": 2, "region": 1, "country": 0}

        def key(p: str) -> tuple[float, int]:
            return (self.focus[p], rank.get(gaz.kind(p), 2))

        return place_name(max(sorted(self.focus), key=key))

    def title(self) -> str | None:
        """The title of the most central member (highest score when it joined; the founder first)
        that tells rather than asks: a question headline (`ما الذي ناقشه ترامب مع أمير قطر؟`) names
        an event only when no member has another. A media kicker (`شاهد..`, `بالصور..`) is cut."""
        if not self.articles:
            return None
        _, best = max(
            enumerate(self.articles),
            key=lambda ia: (
                not is_question(self.titles.get(ia[1]) or "?"),
                self.centrality.get(ia[1], 0.0),
                -ia[0],
            ),
        )
        title = self.titles.get(best)
        return without_media_kicker(title) if title else title


def place_name(pid: str) -> str:
    """Display name of a place id."""
    if pid.startswith("mount:"):
        return "جبل " + pid[6:]
    if pid.startswith("loc:"):
        return pid[4:]
    p = gazetteer().places.get(pid)
    return p.name if p else pid


_MAIN_DAYS = 3  # an event's days that are compared with an article's (its most supported ones)
_MAIN_PLACES = 3  # and its places (an event of hundreds of local reports names every town)


def _main(keys: Iterable[str], weights: dict[str, float], n: int) -> list[str]:
    """The `n` keys of most weight (all of them when there are no more)."""
    keys = list(keys)
    return keys if len(keys) <= n else heapq.nlargest(n, keys, key=lambda k: (weights[k], k))


# the weight of an article's top day when it is written in the title or lead (`features.event_dates`
# gives a mention 1.0 or more, the publication day alone 0.4)
_WRITTEN_DAY = 1.0


def _main_days(dates: dict[str, float], n: int = _MAIN_DAYS) -> list[str]:
    """An event's `n` most supported days, most first, the earliest first among equals: its day is
    the first, and a series whose every day has one report does not walk forward by its latest."""
    return heapq.nsmallest(n, dates, key=lambda d: (-dates[d], d))


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


# An event's aggregates that a merge adds up
_SUMMED = (
    "centroid", "head", "dates", "years", "weekdays", "monthdays", "places", "focus", "actors", "kinds"
)  # fmt: skip


def _circular_days(a: str, b: str) -> int:
    """Days between two days of the year ("MM-DD"), round the turn of the year (a leap year's
    calendar, so 02-29 is a day)."""
    gap = abs((date.fromisoformat("2000-" + a) - date.fromisoformat("2000-" + b)).days)
    return min(gap, 366 - gap)


def growth_cost(size: int, free: int, per_doubling: float) -> float:
    """The score a group of `size` asks of a newcomer: nothing up to `free`, then `per_doubling` more
    for each doubling past it. Events (articles) and stories (events) both grow into their topic's
    blob without it: a big group's centroid reads like its whole topic, near every report of it."""
    return -per_doubling * math.log2(size / free) if size > free else 0.0


class EventIndex:
    """Online event clustering over article features (see the module docstring)."""

    def __init__(self, opts: EventOptions | None = None) -> None:
        self.opts = opts or EventOptions()
        # event id -> event; a loaded index reads an event from its store on first use (`from_store`)
        self.events: MutableMapping[str, Event] = {}
        self.df: Counter[str] = Counter()
        self.actor_df: Counter[str] = Counter()
        self.n_docs = 0
        self.article_event: dict[str, str] = {}
        self._postings = Postings()  # key ("t:", "p:", "a:", "s:", "v:") -> event ids
        # event id -> the keys it was filed under (may be stale: a superset of the lists it is in)
        self._filed: dict[str, set[str]] = {}
        self.comparisons = 0  # article-event scorings, for tests and benchmarks
        self._idf_cache: dict[str, float] = {}
        self._idf2_cache: dict[str, float] = {}  # idf squared, what norms and cosines weigh by
        self._idf_at = -1
        self._log_n = 0.0  # log(n_docs + 1), with the caches above
        self._ldf: dict[str, float] = {}  # term -> log(df + 0.5), dropped when its df changes
        # centroid key -> (size, n_docs, A, B, C): the parts of its norm (see `_norm`)
        self._norms: dict[str, tuple[int, int, float, float, float]] = {}
        self._query: list[tuple[dict[str, float], int, dict[str, float], float]] = []
        self._head: tuple[ArticleFeatures, dict[str, float]] | None = None
        self._shingles: tuple[ArticleFeatures, frozenset[int]] | None = None
        self._sem: dict[str, np.ndarray | None] = {}  # event id -> unit sentence vector (a cache)
        self._sem_query: tuple[ArticleFeatures, np.ndarray | None, list[str]] | None = None
        self.languages: Counter[str] = Counter()  # articles per language (what cross lookups need)
        # events opened or grown since the last merge pass (the others were checked then)
        self._dirty: set[str] = set()
        # events opened, grown, merged or merged away since this index was made or loaded: what a
        # store has to rewrite (or, for the ones gone, delete) to hold the index as it is now
        self.changed: set[str] = set()
        # why the last merge pass merged each event it merged away: absorbed id -> the kept event,
        # the score and its parts (a member's link explanation says how it came to its final event)
        self.merge_reasons: dict[str, dict[str, object]] = {}

    # ------------------------------------------------------------------------------------ weights

    def idf(self, term: str) -> float:
        """Inverse document frequency over the articles this index has seen (kept incrementally):
        log((N + 1) / (df + 0.5)), computed as log(N + 1) - log(df + 0.5) so that the second part,
        which changes only for the terms of each new article, is remembered across articles."""
        self._fresh()
        v = self._idf_cache.get(term)
        if v is None:
            v = self._idf_cache[term] = self._log_n - self._log_df(term)
        return v

    def _log_df(self, term: str) -> float:
        v = self._ldf.get(term)
        if v is None:
            v = self._ldf[term] = math.log(self.df.get(term, 0) + 0.5)
        return v

    def _fresh(self) -> None:
        """Drop the idf caches when the corpus has grown."""
        if self._idf_at != self.n_docs:
            self._idf_cache.clear()
            self._idf2_cache.clear()
            self._idf_at = self.n_docs
            self._log_n = math.log(self.n_docs + 1)

    def _idf2(self, terms: Iterable[str]) -> dict[str, float]:
        """The squared idf of these terms (and of every term asked for before, at this corpus size)."""
        self._fresh()
        cache = self._idf2_cache
        for t in terms:
            if t not in cache:
                cache[t] = self.idf(t) ** 2
        return cache

    def _norm(self, key: str, c: dict[str, float]) -> float:
        """Idf-weighted norm of a centroid. With L = log(N + 1) and d = log(df + 0.5) for each term,
        norm^2 = sum x^2 (L - d)^2 = L^2 A - 2 L B + C, where A, B and C are sums over the centroid's
        terms that do not depend on N: they are remembered while the centroid stays the same, and
        summed again when the corpus has grown by `norm_refresh` (the d of its terms have moved
        since). Recomputing the norm for every candidate was the bulk of a scoring."""
        self._fresh()
        hit = self._norms.get(key)
        if hit is not None and hit[0] == len(c) and hit[1] * self.opts.norm_refresh >= self.n_docs:
            a, b, cc = hit[2], hit[3], hit[4]
        else:
            a = b = cc = 0.0
            ldf, log_df = self._ldf, self._log_df
            for t, x in c.items():
                d = ldf.get(t)
                if d is None:
                    d = log_df(t)
                x2 = x * x
                a += x2
                b += x2 * d
                cc += x2 * d * d
            self._norms[key] = (len(c), self.n_docs, a, b, cc)
        el = self._log_n
        return math.sqrt(max(el * el * a - 2.0 * el * b + cc, 0.0)) or 1.0

    def _vector(self, terms: dict[str, float]) -> dict[str, float]:
        """Unit-length sublinear tf (no idf: idf is applied at comparison time, as it moves)."""
        v = {t: tf_weight(w) for t, w in terms.items()}
        n = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / n for t, x in v.items()}

    def _cosine(
        self, q: dict[str, float], c: dict[str, float], key: str | None = None, top: int = 8
    ) -> tuple[float, list[str]]:
        """Cosine of two tf vectors under the current idf, and the `top` shared terms by contribution.
        `key` names a centroid whose norm may be remembered (see `_norm`)."""
        if not q or not c:
            return 0.0, []
        # one article is compared with many candidates in a row: its weights are computed once
        memo = next((m for m in self._query if m[0] is q and m[1] == self.n_docs), None)
        if memo is not None:
            qw, qn = memo[2], memo[3]
        else:
            idf2 = self._idf2(q)
            qw = {t: x * idf2[t] for t, x in q.items()}
            qn = math.sqrt(sum(x * w for x, w in zip(q.values(), qw.values(), strict=True))) or 1.0
            self._query = [(q, self.n_docs, qw, qn), *self._query[:1]]  # the text and the head vectors
        if key is None:
            c2 = self._idf2(c)
            cn = math.sqrt(sum(x * x * c2[t] for t, x in c.items())) or 1.0
        else:
            cn = self._norm(key, c)
        if len(q) <= len(c):
            parts = {t: w * c[t] for t, w in qw.items() if t in c}
        else:  # the smaller side is walked (two centroids in the merge pass)
            parts = {t: qw[t] * x for t, x in c.items() if t in qw}
        shared = heapq.nsmallest(top, parts, key=lambda t: (-parts[t], t)) if top else []
        return sum(parts.values()) / (qn * cn), shared

    # ------------------------------------------------------------------------------------ retrieval

    def _keys(self, f: ArticleFeatures | Event, vec: dict[str, float]) -> list[str]:
        """Posting keys to look up (and file under): rare top terms, focus places, actors, shingles."""
        # a term in more than `common_df` of the documents (by its idf) is not looked up
        floor = -math.log(self.opts.common_df) if self.n_docs >= 50 else 0.0
        ranked = sorted(vec, key=lambda t: (-vec[t] * self.idf(t), t))
        terms = [t for t in ranked if self.idf(t) >= floor][: self.opts.query_terms]
        gaz = gazetteer()
        focus = f.focus_places if isinstance(f, ArticleFeatures) else list(f.focus)
        places = [p for p in focus if gaz.kind(p) != "country"]
        actors = sorted(f.actors, key=lambda a: (-f.actors[a], a))[:6]
        return (
            ["t:" + t for t in terms]
            + ["p:" + p for p in places]
            + ["a:" + a for a in actors]
            + ["s:" + str(s) for s in f.shingles[:50]]
        )

    def _article_vector(self, f: ArticleFeatures) -> tuple[np.ndarray | None, list[str]]:
        """The article's unit sentence vector and its band codes (`vector_bands` random-hyperplane
        signs of `vector_bits` each), decoded once while the article is being placed."""
        if self._sem_query is None or self._sem_query[0] is not f:
            v = semantic.unit(f.sem)
            codes: list[str] = []
            if v is not None:
                n = self.opts.vector_bits
                bits = "".join("1" if x > 0 else "0" for x in _planes(self.opts.vector_bands * n) @ v)
                codes = [f"{b}.{bits[b * n : (b + 1) * n]}" for b in range(self.opts.vector_bands)]
            self._sem_query = (f, v, codes)
        return self._sem_query[1], self._sem_query[2]

    @staticmethod
    def _vector_keys(codes: list[str], day: str | None, lookup: bool) -> list[str]:
        """Posting keys of a vector's band codes: under its day (`v:DAY:`, or `v:-:` when undated) and
        under any day (`v:*:`). An event is filed under both; a dated article looks up its day, the
        days either side and the undated events, an undated one looks up any day."""
        if not lookup:
            days = [day or "-", "*"]
        elif day is None:
            days = ["*"]
        else:
            d = date.fromisoformat(day)
            days = [(d + timedelta(days=k)).isoformat() for k in (-1, 0, 1)] + ["-"]
        return [f"v:{x}:{c}" for x in days for c in codes]

    @staticmethod
    def _foreign(language: str, e: Event) -> bool:
        """The event is mostly in other languages than this one (both known)."""
        if not language or not e.languages:
            return False
        return e.languages.get(language, 0.0) * 2 < sum(e.languages.values())

    def _cross_candidates(self, f: ArticleFeatures, exclude: str | None, have: list[str]) -> list[str]:
        """Events in other languages whose sentence vectors fall near the article's, around its day."""
        if not f.sem or not f.language or self.opts.xl_candidates <= 0:
            return []
        if not any(lang != f.language for lang in self.languages):
            return []  # every article so far is in this language: nothing to look for
        keys = self._vector_keys(self._article_vector(f)[1], f.date, lookup=True)
        found = self.candidates(keys, exclude, keep=lambda e: self._foreign(f.language, e))
        return [e for e in found if e not in have][: self.opts.xl_candidates]

    def _file(self, event_id: str, keys: list[str]) -> None:
        filed = self._filed.setdefault(event_id, set())
        self._postings.prefetch(keys)
        for k in keys:
            plist = self._postings.edit(k)
            if event_id in plist:
                plist.remove(event_id)
            plist.append(event_id)
            filed.add(k)
            if len(plist) > self.opts.max_postings:
                del plist[0]

    def candidates(
        self, keys: list[str], exclude: str | None = None, keep: Callable[[Event], bool] | None = None
    ) -> list[str]:
        """Events sharing posting keys (and passing `keep`), most keys first (then most recent), capped."""
        hits: Counter[str] = Counter()
        order: dict[str, int] = {}
        self._postings.prefetch(keys)
        lists = [self._postings.get(k) or [] for k in keys]
        if keep is not None:
            prefetch(self.events, [e for plist in lists for e in plist])
        for plist in lists:
            for rank, eid in enumerate(plist):
                if eid != exclude and eid in self.events and (keep is None or keep(self.events[eid])):
                    hits[eid] += 1
                    order[eid] = max(order.get(eid, 0), rank)
        ranked = sorted(hits, key=lambda e: (-hits[e], -order[e], e))[: self.opts.max_candidates]
        prefetch(self.events, ranked)
        return ranked

    # ------------------------------------------------------------------------------------ scoring

    def score(
        self, f: ArticleFeatures, vec: dict[str, float], e: Event, explain: bool = True
    ) -> tuple[float, dict[str, object]]:
        """Score of an article against one event, and (with `explain`) its parts."""
        x, why = self.evidence(f, vec, e, explain)
        o = self.opts
        date_part = (
            o.date_unknown * x["date_unknown"]
            + o.date_same_day * x["date_same"]
            + o.date_per_day * x["date_days"]
            + o.date_far * x["date_far"]
            + o.date_far_per_day * x["date_far_days"]
            + o.date_far_written * x["date_far_written"]
            + o.date_weekday * x["date_weekday"]
        )
        place_part = o.place_agree * x["place_agree"] + o.place_conflict * x["place_conflict"]
        place_part += o.same_happening * x["happening"]
        actor_part = o.actor_weight * (x["actor"] - o.actor_center * x["actor_both"])
        reuse_part = 0.0 if x["date_far"] else min(o.reuse_max, o.reuse_per_shingle * x["reused"])
        year_part = o.year_conflict * x["year_conflict"]
        sem_part = min(o.sem_max, o.sem_weight * (x["sem"] - o.sem_center * x["sem_both"]))
        text = x["cosine"] + o.head_weight * x["head"]
        if x["foreign"]:  # words cannot match across languages: the vectors speak for the text
            sem_part = max(0.0, o.xl_weight * (x["sem"] - o.xl_center) - text)
        size_part = growth_cost(e.size, o.size_free, o.size_cost)
        total = text + date_part + year_part + place_part + actor_part + reuse_part + sem_part + size_part
        if not explain:
            return total, why
        if x["foreign"]:
            why["across_languages"] = True
        why.update(
            date=round(date_part, 3), year=round(year_part, 3), place=round(place_part, 3),
            actor=round(actor_part, 3), vector=round(sem_part, 3), size=round(size_part, 3),
        )  # fmt: skip
        return total, why

    def evidence(
        self, f: ArticleFeatures, vec: dict[str, float], e: Event, explain: bool = True
    ) -> tuple[dict[str, float], dict[str, object]]:
        """The raw evidence an article gives for one event (what `score` weighs), and (with `explain`)
        its display: candidates are scored without it, and only the chosen one is explained."""
        cos, shared = self._cosine(vec, e.centroid, "c:" + e.id, top=8 if explain else 0)
        head, _ = self._cosine(self.head_vector(f), e.head, "h:" + e.id, top=0)
        dated = self._delta(f.dates, e.dates)
        # the article's own day is written in its title or lead, not only its publication day
        written = bool(f.dates) and f.dates[0][1] >= _WRITTEN_DAY
        delta = dated if dated is not None else self._monthday_delta(f, e)
        # days beyond the event's first month: by publication days, or by the days of the year compared
        far_days = (
            self._published_far(f, e) if dated is not None or delta is None else self._beyond_month(delta)
        )
        weekday = delta is None and bool(f.weekdays) and self._weekday_agrees(f.weekdays, e)
        place, agree, conflict = self._place_part(f.focus_places, e.focus)
        # the kind of happening the event is, named by the article in a place they share within a day
        kinds = self._kinds(f, e) if delta is not None and delta <= 1 and place > 0 else []
        actor, a_agree = self._actor_cosine(f.actors, e.actors)
        reused = len(self._shingle_set(f).intersection(e.shingles))
        sem = self._sem_cosine(f, e)
        window = self.opts.date_window
        x = {
            "cosine": cos,
            "head": head,
            "date_unknown": float(delta is None and not weekday),
            "date_weekday": float(weekday),
            "date_same": float(delta == 0),
            "date_days": float(delta - 1) if delta is not None and 1 <= delta <= window else 0.0,
            "date_far": float(delta is not None and delta > window),
            "date_far_days": far_days,
            "date_far_written": float(
                dated is not None and dated > self.opts.date_written_window and written and not actor
            ),
            "year_conflict": float(self._year_conflict(f, e, dated)),
            "place_agree": float(place > 0),
            "place_conflict": float(place < 0),
            "happening": float(bool(kinds)),
            "actor": actor,
            "actor_both": float(bool(f.actors and e.actors)),
            "reused": float(reused),
            "sem": sem or 0.0,
            "sem_both": float(sem is not None),
            "foreign": float(sem is not None and self._foreign(f.language, e)),
        }
        if not explain:
            return x, {}
        why: dict[str, object] = {
            "cosine": round(cos, 3),
            "head": round(head, 3),
            "days_apart": delta,
            "shared_places": [place_name(p) for p in agree],
            "conflicting_places": [place_name(p) for p in conflict],
            "shared_actors": a_agree,
            "same_happening": [KIND_NAMES[k] for k in kinds],
            "reused_passages": reused,
            "vector_cosine": None if sem is None else round(sem, 3),
            "shared_terms": shared[:8],
        }
        return x, why

    @staticmethod
    def _kinds(f: ArticleFeatures, e: Event) -> list[str]:
        """The kinds of happening the article's headline names that the event is (`Event.main_kinds`)."""
        return sorted(set(f.kinds).intersection(e.main_kinds())) if f.kinds else []

    def _shingle_set(self, f: ArticleFeatures) -> frozenset[int]:
        """The article's passage shingles as a set (one object while it is being placed: an event
        holds up to a thousand shingles, and building a set of them for each candidate cost more
        than looking its list up in the article's)."""
        if self._shingles is None or self._shingles[0] is not f:
            self._shingles = (f, frozenset(f.shingles))
        return self._shingles[1]

    def _sem_cosine(self, f: ArticleFeatures, e: Event) -> float | None:
        """Cosine of the article's and the event's sentence vectors (None where one has none)."""
        if not f.sem or not e.sem:
            return None
        q = self._article_vector(f)[0]
        if e.id not in self._sem:
            self._sem[e.id] = semantic.direction(e.sem)
        c = self._sem[e.id]
        if q is None or c is None:
            return None
        return float(q @ c)

    @staticmethod
    def _delta(a: list[tuple[str, float]], b: dict[str, float]) -> int | None:
        """Days between the article's two main days and the nearest of the event's main days (None:
        unknown). Not any day a member named: an event of many members names a day near every
        other, and each match made it bigger (one event of 2,447 football articles over nine months
        on 31.5k ANT articles)."""
        if not a or not b:
            return None
        return min(_days(d1, d2) for d1, _ in a[:2] for d2 in _main_days(b))

    def _beyond_month(self, days: int) -> float:
        """Days beyond an event's first month (three date windows)."""
        return float(max(0, days - 3 * self.opts.date_window))

    @staticmethod
    def _monthday_delta(f: ArticleFeatures, e: Event) -> int | None:
        """Days between the article's and the event's days of the year, where one side wrote no year
        (`عمان 3 أيار (بترا)` against 15 January): the year is unknown, the day of the year is not."""
        a = f.monthdays if not f.dates else [d[5:] for d, _ in f.dates[:2]]
        b = [d[5:] for d in _main_days(e.dates)] if e.dates else _main(e.monthdays, e.monthdays, 2)
        if not a or not b:
            return None
        return min(_circular_days(x, y) for x in a for y in b)

    def _published_far(self, f: ArticleFeatures, e: Event) -> float:
        """Days by which the article was published outside the event's first month: after its first
        report (or before its last one) by more than three date windows."""
        if not f.published or not f.published_given or not e.published:
            return 0.0
        first, last = e.published[0], e.published[-1]
        return self._beyond_month(
            _days(f.published, first) if f.published > first else _days(last, f.published)
        )

    @staticmethod
    def _year_conflict(f: ArticleFeatures, e: Event, delta: int | None) -> bool:
        """The years an undated text points to and the event's years differ (background years
        only conflict with an event dated before the latest of them)."""
        if delta is not None or not f.years or not e.years:
            return False
        top = max(sorted(e.years), key=lambda y: e.years[y])
        if f.years_floor:
            return int(top) < max(f.years)
        return not (f.years[0] == int(top) or int(top) in f.years)

    @staticmethod
    def _weekday_agrees(weekdays: list[int], e: Event) -> bool:
        """The event's day falls on a weekday the article names."""
        day = e.date()
        return day is not None and date.fromisoformat(day).weekday() in weekdays

    def _place_part(self, a: list[str], b: dict[str, float]) -> tuple[float, list[str], list[str]]:
        """+1 with shared (or nested) specific places, -1 when every known place conflicts, else 0."""
        gaz = gazetteer()
        sa = [p for p in a if gaz.kind(p) != "country"]
        sb = _main((p for p in b if gaz.kind(p) != "country"), b, _MAIN_PLACES)
        if not sa or not sb:
            return 0.0, [], []
        agree = sorted({p for p in sa for q in sb if gaz.relation(p, q) == 1})
        if agree:
            return 1.0, agree, []
        conflict = sorted({p for p in sa for q in sb if gaz.relation(p, q) == -1})
        known = [p for p in sa if p in gaz.places or p.startswith("mount:")]
        if (
            conflict
            and known
            and all(any(gaz.relation(p, q) == -1 or _mountains_differ(p, q) for q in sb) for p in known)
        ):
            return -1.0, [], conflict
        return 0.0, [], []

    def _actor_cosine(self, a: dict[str, float], b: dict[str, float]) -> tuple[float, list[str]]:
        """Names: the idf-weighted cosine of the two name profiles (rare shared names count)."""
        if not a or not b:
            return 0.0, []
        va, vb = self._actor_vector(a), self._actor_vector(b)
        cos = sum(x * vb.get(k, 0.0) for k, x in va.items())
        shared = sorted((k for k in va if k in vb), key=lambda k: (-va[k] * vb[k], k))
        return cos, shared[:6]

    def _actor_vector(self, actors: dict[str, float]) -> dict[str, float]:
        v = {k: tf_weight(1.0 + w) * math.log((self.n_docs + 1) / (self.actor_df.get(k, 0) + 0.5))
             for k, w in actors.items()}  # fmt: skip
        n = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {k: x / n for k, x in v.items()}

    # ------------------------------------------------------------------------------------ adding

    def add(self, f: ArticleFeatures) -> Assignment:
        """Assign one article to an event (joining the best candidate or opening a new one)."""
        if f.id in self.article_event:
            eid = self.article_event[f.id]
            return Assignment(f.id, eid, 1.0, False, {"already": True})
        self.n_docs += 1
        for t in f.terms:
            self.df[t] += 1
            self._ldf.pop(t, None)
        for a in f.actors:
            self.actor_df[a] += 1
        if f.language:
            self.languages[f.language] += 1
        vec = self._vector(f.terms)
        keys = self._keys(f, vec)
        cands = self.candidates(keys)
        cands += self._cross_candidates(f, None, cands)
        best: tuple[float, str] | None = None
        for eid in cands:
            s, _ = self.score(f, vec, self.events[eid], explain=False)
            if best is None or s > best[0] + 1e-12:
                best = (s, eid)
        self.comparisons += len(cands)
        if best is not None and best[0] >= self.opts.join_threshold:
            eid = best[1]
            score, why = self.score(f, vec, self.events[eid])  # the same score, with its parts
            new = False
        else:
            eid = "ev-" + f.id[:24]
            while eid in self.events:
                eid += "x"
            self.events[eid] = Event(id=eid)
            score = 1.0 if best is None else best[0]
            why = {
                "new": True,
                "best_other": best[1] if best else None,
                "best_score": round(best[0], 3) if best else None,
            }
            new = True
        why["candidates"] = len(cands)
        why["threshold"] = self.opts.join_threshold
        self._join(self.events[eid], f, vec, score if not new else 1.0)
        self._file(eid, keys + self._vector_keys(self._article_vector(f)[1], f.date, lookup=False))
        self.article_event[f.id] = eid
        self._dirty.add(eid)
        return Assignment(f.id, eid, round(score, 4), new, why)

    def head_vector(self, f: ArticleFeatures) -> dict[str, float]:
        """The article's title/lead words as a vector (one object while it is being placed)."""
        if self._head is None or self._head[0] is not f:
            self._head = (f, {t: 1.0 for t in f.head})
        return self._head[1]

    def _forget(self, event_id: str, prefix: str = "", head: bool = True) -> None:
        """The event's (or, with prefix "s", the story's) centroids changed: their norms are stale
        (`head=False`: the head's norm parts were kept current by `grow_head`)."""
        self._norms.pop(prefix + "c:" + event_id, None)
        if head:
            self._norms.pop(prefix + "h:" + event_id, None)
        if not prefix:
            self._sem.pop(event_id, None)

    def grow_head(self, key: str, head: dict[str, float], terms: Iterable[str]) -> None:
        """Count one more member using each of `terms` in a head profile (in place), and keep the
        remembered norm parts of `key` current: a head is not cut, so a large event's or story's
        head has thousands of terms, and summing them all again after each new member was a large
        part of placing an article."""
        hit = self._norms.get(key)
        a = b = cc = 0.0
        for t in dict.fromkeys(terms):
            x = head.get(t, 0.0)
            head[t] = x + 1.0
            if hit is not None:
                d = self._log_df(t)
                dx = 2.0 * x + 1.0  # (x + 1)^2 - x^2
                a += dx
                b += dx * d
                cc += dx * d * d
        if hit is not None:
            self._norms[key] = (len(head), hit[1], hit[2] + a, hit[3] + b, hit[4] + cc)

    def _join(self, e: Event, f: ArticleFeatures, vec: dict[str, float], score: float) -> None:
        self._forget(e.id, head=False)
        self.changed.add(e.id)
        e.articles.append(f.id)
        if f.title:
            e.titles[f.id] = f.title
        e.centrality[f.id] = round(score, 4)
        _accumulate(e.centroid, vec)
        if len(e.centroid) > self.opts.centroid_terms:
            keep = sorted(e.centroid, key=lambda t: (-e.centroid[t], t))[: self.opts.centroid_terms]
            e.centroid = {t: e.centroid[t] for t in keep}
        self.grow_head("h:" + e.id, e.head, f.head)
        if f.dates:  # the member's main day only: its other days may be of other happenings
            _accumulate(e.dates, {f.dates[0][0]: 1.0})
        if f.published and f.published_given:  # a dateline's day may be a year off (ECB+)
            e.published = sorted({*e.published, f.published})
            e.published = [e.published[0], e.published[-1]]
        _accumulate(e.weekdays, {str(w): 1.0 for w in f.weekdays})
        _accumulate(e.monthdays, {d: 1.0 for d in f.monthdays[:1]})
        if not f.years_floor:  # background years say when the event was not, not when it was
            _accumulate(e.years, {str(y): 1.0 for y in f.years[:1]})
        _accumulate(e.places, f.places)
        _accumulate(e.focus, {p: 1.0 for p in f.focus_places})
        _accumulate(e.actors, f.actors)
        _accumulate(e.kinds, {k: 1.0 for k in f.kinds})
        e.shingles = sorted(set(e.shingles) | set(f.shingles))[:1000]
        if f.sem:
            e.sem = semantic.add_member(e.sem, f.sem)
        if f.language:
            _accumulate(e.languages, {f.language: 1.0})

    # ------------------------------------------------------------------------------------ merging

    def merge_pass(self) -> list[tuple[str, str]]:
        """Join events that score as one, one of them small (`merge_smaller`); returns (absorbed,
        kept) pairs. Candidate-based too, and only from the events opened or grown since the last
        pass: two events that were both left alone were already checked, so a pass costs what was
        added, not the size of the index."""
        merged: list[tuple[str, str]] = []
        self.merge_reasons = {}
        order = {e: i for i, e in enumerate(self.events)}  # creation order: the older event is kept
        for eid in [e for e in self.events if e in self._dirty]:
            e = self.events.get(eid)
            if e is None:
                continue
            f = _as_features(e)
            vec = _unit(e.centroid)
            near = self.candidates(self._keys(e, vec), exclude=eid)
            for other in near + self._cross_candidates(f, eid, near):
                o = self.events[other]
                if min(len(o.articles), len(e.articles)) > self.opts.merge_smaller:
                    continue
                self.comparisons += 1
                s, _ = self.score(f, vec, o, explain=False)
                if s >= self.opts.merge_threshold:
                    _, why = self.score(f, vec, o)  # the same score, with its parts
                    keep, gone = (o, e) if order[other] < order[eid] else (e, o)
                    self.merge_reasons[gone.id] = {"merged_into": keep.id, "score": round(s, 4), **why}
                    self._absorb(keep, gone)
                    merged.append((gone.id, keep.id))
                    break
        self._dirty.clear()
        return merged

    def _absorb(self, keep: Event, gone: Event) -> None:
        self._forget(keep.id)
        self._forget(gone.id)
        self.changed.update((keep.id, gone.id))
        keep.articles += gone.articles
        keep.titles.update(gone.titles)
        keep.centrality.update(gone.centrality)
        for name in _SUMMED:
            _accumulate(getattr(keep, name), getattr(gone, name))
        keep.published = sorted({*keep.published, *gone.published})
        keep.published = keep.published[:1] + keep.published[-1:] if keep.published else []
        keep.shingles = sorted(set(keep.shingles) | set(gone.shingles))[:1000]
        keep.sem = semantic.add_total(keep.sem, gone.sem)
        _accumulate(keep.languages, gone.languages)
        for a in gone.articles:
            self.article_event[a] = keep.id
        # the posting lists `gone` was filed under (not every list: that would cost the index's size
        # per merge) now point at `keep`
        kept = self._filed.setdefault(keep.id, set())
        filed = sorted(self._filed.pop(gone.id, set()))
        self._postings.prefetch(filed)
        for k in filed:
            plist = self._postings.get(k)
            if plist is not None and gone.id in plist:
                plist = self._postings.edit(k)
                plist.remove(gone.id)
                if keep.id not in plist:
                    plist.append(keep.id)
                kept.add(k)
        del self.events[gone.id]

    # ------------------------------------------------------------------------------------ state

    def state(self) -> dict[str, object]:
        """Everything the index holds, as plain rows (an index with no store behind it)."""
        return {
            **self.shared_state(),
            "postings": dict(self._postings.items()),
            "events": [asdict(e) for e in self.events.values()],
        }

    def shared_state(self) -> dict[str, object]:
        """The state without the event rows and posting lists: options, counts, document frequencies."""
        return {
            "options": asdict(self.opts),
            "n_docs": self.n_docs,
            "df": dict(self.df),
            "actor_df": dict(self.actor_df),
            "languages": dict(self.languages),
        }

    def row(self, event_id: str) -> dict[str, object]:
        """An event's stored row: its state and the keys it was filed under (`from_store` reads it)."""
        return {**asdict(self.events[event_id]), "filed": sorted(self._filed.get(event_id, ()))}

    def postings_held(self) -> Iterator[tuple[str, list[str]]]:
        """The posting lists held in memory (every list of an index read whole)."""
        return self._postings.items()

    def postings_changed(self) -> dict[str, list[str]]:
        """The posting lists changed since the index was made or loaded (what a store has to write)."""
        return self._postings.changed()

    @classmethod
    def from_state(cls, state: dict[str, object], opts: EventOptions | None = None) -> EventIndex:
        """An index from `state()` (read whole)."""
        idx = cls(opts or EventOptions(**state["options"]))  # type: ignore[arg-type]
        idx.n_docs = int(state["n_docs"])  # type: ignore[call-overload]
        idx.df = Counter(state["df"])  # type: ignore[call-overload]
        idx.actor_df = Counter(state["actor_df"])  # type: ignore[call-overload]
        for row in state["events"]:  # type: ignore[attr-defined]
            row = dict(row)
            filed = row.pop("filed", None)
            e = Event(**row)
            idx.events[e.id] = e
            for a in e.articles:
                idx.article_event[a] = e.id
            idx.languages.update(e.languages)
            if filed:
                idx._filed.setdefault(e.id, set()).update(filed)
        lists = {k: list(v) for k, v in state["postings"].items()}  # type: ignore[attr-defined]
        idx._postings.replace(lists)
        for k, plist in lists.items():
            for eid in plist:
                idx._filed.setdefault(eid, set()).add(k)
        return idx

    @classmethod
    def from_store(
        cls, shared: dict[str, object], ids: list[str], article_event: dict[str, str],
        rows: RowLoader[dict[str, object]], postings: RowLoader[list[str]], opts: EventOptions | None = None,
    ) -> EventIndex:  # fmt: skip
        """An index over a store, read as it is used: `shared` (`shared_state()`), every event id in
        creation order, the article -> event map, and loaders of event rows (`row()`) and posting lists
        by id/key. A run then reads the events and lists its articles touch, not the whole index."""
        idx = cls(opts or EventOptions(**shared["options"]))  # type: ignore[arg-type]
        idx.n_docs = int(shared["n_docs"])  # type: ignore[call-overload]
        idx.df = Counter(shared["df"])  # type: ignore[call-overload]
        idx.actor_df = Counter(shared["actor_df"])  # type: ignore[call-overload]
        idx.languages = Counter(shared["languages"])  # type: ignore[call-overload]
        idx.article_event = article_event

        idx.events = LazyRows(ids, filed_rows(rows, idx._filed, Event))
        idx._postings = Postings(postings)
        return idx


@cache
def _planes(n: int) -> np.ndarray:
    """n random hyperplanes of the vector space, the same in every process and every run."""
    return np.random.default_rng(20220628).standard_normal((n, semantic.DIMS)).astype(np.float32)


def _unit(v: dict[str, float]) -> dict[str, float]:
    n = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / n for t, x in v.items()}


def _accumulate(into: dict[str, float], add: dict[str, float]) -> None:
    for k, v in add.items():
        into[k] = round(into.get(k, 0.0) + v, 6)


def _mountains_differ(p: str, q: str) -> bool:
    return p.startswith("mount:") and q.startswith("mount:") and p != q


def _as_features(e: Event) -> ArticleFeatures:
    """An event seen as one (big) article, to score it against other events."""
    top_dates = [(d, e.dates[d]) for d in _main_days(e.dates)]
    return ArticleFeatures(
        id=e.id,
        language=max(sorted(e.languages), key=lambda k: e.languages[k]) if e.languages else "",
        published=e.published[0] if e.published else None,
        title=e.title(),
        terms=e.centroid,
        head=sorted(e.head),
        dates=top_dates,
        date=e.date(),
        years=sorted((int(y) for y in e.years), key=lambda y: -e.years[str(y)])[:3],
        weekdays=[] if e.dates else sorted(int(w) for w in e.weekdays),
        monthdays=[] if e.dates else _main(e.monthdays, e.monthdays, 2),
        places=e.places,
        focus_places=sorted(e.focus),
        actors=e.actors,
        kinds=e.main_kinds(),
        shingles=e.shingles[:200],
        sem=semantic.quantise(semantic.total(e.sem)) if e.sem else "",
    )
