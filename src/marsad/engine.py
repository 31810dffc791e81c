"""The engine runs the stages over inputs and persists the results; the only module that touches
the store.

Pages are written in batches, each batch one transaction: an interrupted ingest leaves whole pages
or nothing, and re-running it skips what is already there (pages and articles are keyed by content
hashes), so it finishes the work.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, insert, select

from marsad.clean.segment import SegmentOptions, segment
from marsad.clean.teasers import drop_teasers, paragraph_keys
from marsad.dedup import minhash
from marsad.dedup.minhash import DedupOptions
from marsad.extract.entities import Mention, attach, canonicalize, name_key, spelling_keys
from marsad.extract.facts import FactMention, extract_facts, group_facts
from marsad.extract.mentions import article_mentions
from marsad.extract.quotes import QuoteMention, extract_quotes
from marsad.group.events import EventIndex, EventOptions
from marsad.group.features import ArticleFeatures, FeatureOptions
from marsad.group.features import extract as extract_features
from marsad.group.lazy import prefetch
from marsad.group.stories import StoryIndex, StoryOptions
from marsad.model import Article, BadInput, DroppedLine, RawPage
from marsad.store import Store, StoreError, groups, schema
from marsad.store.search import index_articles, index_entities, index_events
from marsad.summarize.summary import SummaryOptions, summarize
from marsad.text.dates import published_day
from marsad.text.lang import detect_language
from marsad.text.normalize import match_key
from marsad.text.tokenize import sentences


@dataclass(frozen=True)
class EngineOptions:
    """Tunables of a run (documented defaults)."""

    segment: SegmentOptions = field(default_factory=SegmentOptions)
    dedup: DedupOptions = field(default_factory=DedupOptions)
    #: articles per transaction: bigger is faster, smaller loses less work to a kill
    batch_articles: int = 500
    #: group articles into events and stories after storing them
    group: bool = True
    #: extract quotes and numeric facts from each article
    extract: bool = True
    #: an article body longer than this is stored without quotes, facts and entities: extraction grows
    #: faster than linearly with a paragraph's sentences, and no news article is that long (the longest
    #: of the 62k in the shared corpora has 34k characters): it is a scraping accident (a page on one line)
    extract_max_chars: int = 60_000
    features: FeatureOptions = field(default_factory=FeatureOptions)
    events: EventOptions = field(default_factory=EventOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)
    summary: SummaryOptions = field(default_factory=SummaryOptions)
    #: a run adding at most this share of the entity mentions canonicalised in the last full pass
    #: (counting the runs since) attaches its own entities to the stored ones by spelling instead of
    #: canonicalising every stored mention again (see `Ingest._entity_update`); 0: always in full
    entities_full_share: float = 0.05


ENTITY_COUNTS = "entity_mentions"
GENERATION = "grouping_generation"  # meta: how many grouping passes the store holds (see `Grouping`)
"""Meta key: [mentions canonicalised in the last full pass, mentions attached to entities since]."""


@dataclass
class EntityUpdate:
    """What a grouping pass writes to the entities: every entity again (`full`: rows and links), or
    the entities of its own articles (`new_rows`, and `additions` to stored ones: id -> (spellings,
    {article: mentions})) and the stored ones to `recount`; `counts` for `ENTITY_COUNTS`."""

    counts: tuple[int, int]
    full: tuple[list[dict[str, object]], list[tuple[str, str, int]]] | None = None
    new_rows: list[dict[str, object]] = field(default_factory=list)
    additions: dict[str, tuple[set[str], dict[str, int]]] = field(default_factory=dict)
    recount: set[str] = field(default_factory=set)


UNSEEN_CHUNK = 256
"""Pages looked up in the store at once to skip those it holds already."""


@dataclass
class IngestReport:
    """What one ingest did, for the one-line summary."""

    pages_read: int = 0
    pages_unchanged: int = 0
    articles: int = 0
    duplicates: int = 0
    skipped: list[BadInput] = field(default_factory=list)
    pages_empty: int = 0  # pages read in which no article was found (all furniture, or a title alone)

    def summary(self) -> str:
        empty = f", {self.pages_empty} pages with no article" if self.pages_empty else ""
        return (
            f"{self.pages_read} pages read ({self.pages_unchanged} unchanged){empty}, {self.articles} new "
            f"articles, {self.duplicates} duplicates, {len(self.skipped)} inputs skipped"
        )


@dataclass
class Keyed:
    """An article with what the store needs besides it, computed before any store access: the keys
    of duplicate detection, its quotes and its numeric facts."""

    article: Article
    signature: np.ndarray | None
    bands: list[int]
    quotes: list[QuoteMention] = field(default_factory=list)
    facts: list[FactMention] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    features: ArticleFeatures | None = None  # its event features (when the run groups)
    paragraph_keys: list[int | None] = field(default_factory=list)  # `clean.teasers.paragraph_keys`


Stored = tuple[Article, "ArticleFeatures | None"]
"""A new original article just stored, with its event features when the page stage computed them."""


@dataclass
class PageResult:
    """A page run through the stages, ready to store."""

    page: RawPage
    content_hash: str
    articles: list[Keyed]
    dropped: list[DroppedLine]  # lines dropped outside any article (a page with no article)


def _hash(*parts: str | None) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def page_hash(page: RawPage) -> str:
    """Hash of everything the stages read from a page."""
    return _hash(page.kind, page.text, page.title, page.source, page.published, page.url, page.language)


def process_page(page: RawPage, opts: EngineOptions) -> PageResult:
    """Page -> clean articles with ids, content hashes and MinHash bands (pure: no store)."""
    segs = segment(page, opts.segment)
    given = published_day(page.published)  # the day the page came with, if any
    out: list[Keyed] = []
    for pos, seg in enumerate(segs):
        chash = minhash.content_hash(match_key(seg.title or ""), match_key("\n".join(seg.paragraphs)))
        article = Article(
            id=_hash(page.page, str(pos), chash)[:20],
            page=page.page,
            position=pos,
            paragraphs=seg.paragraphs,
            title=seg.title,
            subtitle=seg.subtitle,
            dateline=seg.dateline.text if seg.dateline else None,
            source=page.source or seg.source,
            published=given or seg.published,
            published_given=given is not None,
            url=page.url or seg.url,
            language=page.language or detect_language(seg.title, seg.paragraphs),
            content_hash=chash,
            dropped=seg.dropped,
        )
        out.append(derive(Keyed(article, None, []), opts))
    dropped = [] if out else [DroppedLine(0, page.text[:200], "no article found")]
    return PageResult(page, page_hash(page), out, dropped)


def derive(k: Keyed, opts: EngineOptions) -> Keyed:
    """Fill in what is computed from an article's text: its near-duplicate signature and bands, quotes,
    facts, entity mentions and (when the run groups) event features. In place; returns `k`."""
    sig = minhash.signature(match_key("\n".join(k.article.paragraphs)), opts.dedup)
    k.signature, k.bands = sig, (minhash.band_keys(sig, opts.dedup) if sig is not None else [])
    k.quotes, k.facts, k.mentions = extracts(k.article, opts)
    # the event features are pure too: computed on the workers, they are off the grouping's serial path
    k.features = extract_features(k.article, opts.features) if opts.group else None
    k.paragraph_keys = paragraph_keys(k.article)
    return k


Extracts = tuple[list[QuoteMention], list[FactMention], list[Mention]]


def extracts(article: Article, opts: EngineOptions) -> Extracts:
    """The quotes, numeric facts and entity mentions of one article (none where `opts.extract` is off
    or the body is longer than `opts.extract_max_chars`)."""
    if not opts.extract or sum(map(len, article.paragraphs)) > opts.extract_max_chars:
        return [], [], []
    paras = article.paragraphs
    return extract_quotes(paras), extract_facts(article.id, paras), entity_mentions(article)


def extract_batch(articles: list[Article], opts: EngineOptions) -> list[Extracts]:
    """`extracts` over a batch of articles (what `reextract` maps over worker processes)."""
    return [extracts(a, opts) for a in articles]


def process_item(item: RawPage | BadInput, opts: EngineOptions) -> PageResult | BadInput:
    """`process_page` for one item of a reader's stream; a bad input passes through, and a page the
    stages fail on costs that page only: it comes back as a `BadInput` naming the page and the error."""
    if isinstance(item, BadInput):
        return item
    try:
        return process_page(item, opts)
    except Exception as exc:  # a bug must cost one page, not the whole run
        return page_failure(item, f"{type(exc).__name__}: {exc}")


def page_failure(page: RawPage, what: str) -> BadInput:
    """A page that could not be processed, reported like a bad input: by its file, then the page."""
    where = "" if page.page in (page.origin, os.path.basename(page.origin)) else f"page {page.page}: "
    return BadInput(page.origin, f"{where}cannot process ({what}; please report this)")


PageMapper = Callable[[Iterable[RawPage | BadInput], EngineOptions], Iterable[PageResult | BadInput]]
"""Runs the pure per-page stage over a reader's stream, yielding its results in input order."""


def serial_map(inputs: Iterable[RawPage | BadInput], opts: EngineOptions) -> Iterator[PageResult | BadInput]:
    """The per-page stage in this process, one page at a time."""
    for item in inputs:
        yield process_item(item, opts)


@cache
def model_available() -> bool:
    """Whether the NER model ships with this install (built by scripts/train_ner.py)."""
    found = resources.files("marsad").joinpath("resources", "ner", "crf_main.tsv.gz").is_file()
    if not found:
        print("marsad: the NER model is not installed: entities are not extracted", file=sys.stderr)
    return found


def entity_mentions(article: Article) -> list[Mention]:
    """Named-entity mentions of an article (title and body), by the packaged NER model."""
    if not model_available():
        return []
    texts = [article.title or ""] + [x for p in article.paragraphs for x in sentences(p)]
    return article_mentions(article.id, texts)


def mention_row(m: Mention) -> list[object]:
    return m.row()


def fact_row(m: FactMention) -> dict[str, object]:
    """A fact mention as a JSON-able row."""
    row = {k: getattr(m, k) for k in m.__dataclass_fields__}
    row["units"] = sorted(m.units)
    return row


def fact_from_row(row: dict[str, object]) -> FactMention:
    units: list[str] = row.get("units") or []  # type: ignore[assignment]
    return FactMention(**{**row, "units": frozenset(units)})  # type: ignore[arg-type]


class Ingest:
    """Stores processed pages, deciding duplicates against everything stored before.

    Each batch costs a handful of queries, whatever its size: what the store already has (pages,
    article ids, content hashes, LSH bands) is fetched with one query each, and the batch's own
    articles are matched against each other in memory, in input order."""

    def __init__(self, store: Store, opts: EngineOptions) -> None:
        self.store = store
        self.opts = opts
        self.report = IngestReport()

    def write(self, conn: Connection, results: list[PageResult]) -> list[Stored]:
        """Store a batch of pages in one transaction; the new original (non-duplicate) articles, in
        ingest order, with their event features (the article as stored reads back equal to it)."""
        known_pages = self.store.existing_pages(conn, [(r.page.page, r.content_hash) for r in results])
        keyed = [k for r in results if (r.page.page, r.content_hash) not in known_pages for k in r.articles]
        known_ids = self.store.existing_articles(conn, [k.article.id for k in keyed])
        leads = self._drop_teasers(conn, [k for k in keyed if k.article.id not in known_ids])
        originals = self.store.originals_by_hash(conn, [k.article.content_hash for k in keyed])
        by_band: dict[int, list[tuple[str, np.ndarray]]] = {}
        for band, aid, original, blob in self.store.band_members(conn, [b for k in keyed for b in k.bands]):
            by_band.setdefault(band, []).append((original or aid, minhash.from_blob(blob)))
        seq = self.store.next_seq(conn)
        page_seq = self.store.next_page_seq(conn)
        rows: list[tuple[Article, int, bytes | None, list[int], int | None]] = []
        extracted: list[Keyed] = []
        for r in results:
            if (r.page.page, r.content_hash) in known_pages:
                self.report.pages_unchanged += 1
                continue
            known_pages.add((r.page.page, r.content_hash))
            self.report.pages_empty += not r.articles
            for k in r.articles:
                a = k.article
                if a.id in known_ids:
                    continue
                known_ids.add(a.id)
                similarity = self._decide(k, originals, by_band)
                rows.append((a, seq, minhash.to_blob(k.signature) if k.signature is not None else None,
                             [] if a.duplicate_of else k.bands, similarity))  # fmt: skip
                if not a.duplicate_of:  # a duplicate's quotes and facts are its original's
                    extracted.append(k)
                seq += 1
            self.store.add_page(
                conn, r.page.page, r.content_hash, r.page.origin, r.page.kind, len(r.articles), r.dropped,
                page_seq,
            )  # fmt: skip
            page_seq += 1
        self.store.add_articles(conn, rows, [(leads[a.id], a.id) for a, *_ in rows if a.id in leads])
        index_articles(self.store, [a.id for a, *_ in rows], conn=conn)
        groups.save_extracts(
            conn,
            [(k.article.id, q.speaker, q.text, q.paragraph) for k in extracted for q in k.quotes],
            {
                k.article.id: {
                    "facts": [fact_row(m) for m in k.facts],
                    "mentions": [mention_row(m) for m in k.mentions],
                    # an article grouped after a crash is read back from the store: say what is not
                    # in its row (the publication day came from its dateline)
                    **({} if k.article.published_given else {"published_given": False}),
                }
                for k in extracted
            },
        )
        return [(k.article, k.features) for k in extracted]

    def _drop_teasers(self, conn: Connection, keyed: list[Keyed]) -> dict[str, int]:
        """Drop from each article the teasers of the articles stored before it or in its batch (see
        `clean.teasers`: an outlet's "latest" block often teases the stories filed just after, and a
        batch's pages are the same whatever runs the page stage or wherever an interrupted run was
        resumed) and derive its signature, quotes, facts and features again; the lead key of each
        article that has one."""
        out = {
            k.article.id: k.paragraph_keys[0]
            for k in keyed
            if k.paragraph_keys and k.paragraph_keys[0] is not None
        }
        known = self.store.known_leads(
            conn, [x for k in keyed for x in k.paragraph_keys[1:] if x is not None]
        )
        known.update(out.values())
        for k in keyed:
            if drop_teasers(k.article, k.paragraph_keys, known):
                derive(k, self.opts)
        return out

    def _decide(
        self, k: Keyed, originals: dict[str, str], by_band: dict[int, list[tuple[str, np.ndarray]]]
    ) -> int | None:
        """Mark the article a duplicate of the earliest original it repeats; index it if it is one."""
        a = k.article
        similarity = None
        original = originals.get(a.content_hash)
        if original is None and k.signature is not None:
            best = None
            for band in k.bands:
                for cand, sig in by_band.get(band, ()):
                    sim = minhash.similarity(k.signature, sig)
                    if sim >= self.opts.dedup.threshold and (best is None or sim > best[1]):
                        best = (cand, sim)
            if best is not None:
                original, similarity = best[0], round(best[1] * 100)
        a.duplicate_of = original
        if original is None:
            originals[a.content_hash] = a.id
            if k.signature is not None:
                for band in k.bands:
                    by_band.setdefault(band, []).append((a.id, k.signature))
        else:
            originals.setdefault(a.content_hash, original)
            self.report.duplicates += 1
        self.report.articles += 1
        return similarity

    def _entities(
        self,
        event_of: dict[str, str],
        mentions: list[Mention] | None = None,
        story_of: Mapping[str, str] | None = None,
    ) -> tuple[list[dict[str, object]], list[tuple[str, str, int]]]:
        """Canonical entities over every stored article's mentions (or these `mentions`), with the
        events their articles are in (`event_of`) and their stories (`story_of`, article -> story)."""
        if mentions is None:
            mentions = self._mentions()
        ents = canonicalize(mentions, story_of)
        tops = schema.top_events(
            (e.id, event_of[aid], n) for e in ents for aid, n in e.articles.items() if aid in event_of
        )
        out: list[dict[str, object]] = [
            {"id": e.id, "name": e.name, "type": e.type, "key": name_key(e.name),
             "variants": json.dumps(e.variants, ensure_ascii=False),
             "mentions": sum(e.articles.values()), "articles_count": len(e.articles),
             "events_count": tops.get(e.id, (0, []))[0],
             "top_events": json.dumps(tops.get(e.id, (0, []))[1], ensure_ascii=False)}
            for e in ents
        ]  # fmt: skip
        return out, [(e.id, aid, n) for e in ents for aid, n in e.articles.items()]

    def _mentions(self, ids: Iterable[str] | None = None) -> list[Mention]:
        """The entity mentions of every stored article (or of the articles `ids`), in ingest order."""
        with self.store.engine.connect() as conn:
            rows = groups.fact_mentions(conn, "mentions", ids=ids)
        return [Mention.from_row(aid, row) for aid, ms in rows.items() for row in ms]

    def _entity_update(
        self,
        event_of: dict[str, str],
        new_ids: list[str],
        moved: list[str],
        everything: bool,
        story_of: Mapping[str, str] | None = None,
    ) -> EntityUpdate:
        """How this pass updates the stored entities. Canonicalising every stored mention costs time in
        proportion to the store, whatever the run adds, so a run adding few mentions (at most
        `entities_full_share` of those canonicalised in the last full pass, counting the runs linked
        since) canonicalises its own articles' mentions and attaches each entity to the stored one
        with a spelling of it (`entities.attach`); a larger run, the first one, and `refresh`
        canonicalise everything again. `moved`: articles now in another event (a merge)."""
        counts = self._entity_counts()
        mentions = self._mentions(new_ids) if new_ids else []
        share = self.opts.entities_full_share
        if everything or counts is None or not counts[0] or counts[1] + len(mentions) > share * counts[0]:
            everyone = self._mentions()
            return EntityUpdate(full=self._entities(event_of, everyone, story_of), counts=(len(everyone), 0))
        local = canonicalize(mentions, story_of)
        wanted = {(e.type, k) for e in local for k in spelling_keys(e.variants)}
        with self.store.engine.connect() as conn:
            known, rank = groups.entity_spellings(conn, wanted, [e.id for e in local])
            recount = groups.entity_ids_of_articles(conn, moved)
        target = attach(local, known, rank)
        upd = EntityUpdate(counts=(counts[0], counts[1] + len(mentions)), recount=recount)
        for e in local:
            to = target.get(e.id)
            if to is None:
                upd.new_rows.append({"id": e.id, "name": e.name, "type": e.type, "key": name_key(e.name),
                                     "variants": json.dumps(e.variants, ensure_ascii=False),
                                     "links": dict(e.articles)})  # fmt: skip
                continue
            spellings, arts = upd.additions.setdefault(to, (set(), {}))
            spellings.update(e.variants)
            for aid, n in e.articles.items():
                arts[aid] = arts.get(aid, 0) + n
        return upd

    def _entity_counts(self) -> tuple[int, int] | None:
        """(mentions canonicalised in the last full pass, mentions attached since), if recorded."""
        with self.store.engine.connect() as conn:
            value = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == ENTITY_COUNTS)
            ).scalar_one_or_none()
        if value is None:
            return None
        full, linked = json.loads(value)
        return int(full), int(linked)

    def _save_entities(self, conn: Connection, upd: EntityUpdate, event_of: dict[str, str]) -> list[str]:
        """Write an entity update (in the pass's transaction); the ids whose search entries change."""
        if upd.full is not None:
            changed = groups.save_entities(conn, *upd.full)
        else:
            changed = groups.add_entities(conn, upd.new_rows, upd.additions, upd.recount, event_of)
        conn.execute(delete(schema.meta).where(schema.meta.c.key == ENTITY_COUNTS))
        conn.execute(insert(schema.meta).values(key=ENTITY_COUNTS, value=json.dumps(list(upd.counts))))
        return changed

    def _summaries(
        self, members: dict[str, list[str]], fresh: dict[str, Article]
    ) -> dict[str, list[dict[str, object]]]:
        """Summaries of these events (id -> member article ids)."""
        need = sorted({aid for ids in members.values() for aid in ids if aid not in fresh})
        with self.store.engine.connect() as conn:
            stored = {a.id: a for a in groups.articles_by_id(conn, need)}
        arts = {**stored, **fresh}
        return {
            eid: summarize([arts[aid] for aid in ids if aid in arts], self.opts.summary)
            for eid, ids in members.items()
        }

    def _event_facts(self, members: dict[str, list[str]]) -> dict[str, list[dict]]:  # type: ignore[type-arg]
        """Facts of these events (id -> member article ids): the same quantity agreed on, or in conflict."""
        event_of = {aid: eid for eid, ids in members.items() for aid in ids}
        with self.store.engine.connect() as conn:
            mentions = groups.fact_mentions(conn, ids=event_of)
        by_event: dict[str, dict[str, list[FactMention]]] = defaultdict(dict)
        for aid, rows in mentions.items():  # in ingest order
            if rows:
                by_event[event_of[aid]][aid] = [fact_from_row(r) for r in rows]
        return {eid: [f.to_export() for f in group_facts(by_art)] for eid, by_art in by_event.items()}

    def run(
        self,
        inputs: Iterable[RawPage | BadInput],
        on_bad: Callable[[BadInput], None] | None = None,
        on_page: Callable[[IngestReport], None] | None = None,
        mapper: PageMapper | None = None,
    ) -> IngestReport:
        """Process the pages (here, or mapped over a cluster by `mapper`), store them in batches in
        input order, then group. The batches and what is written are the same whatever the mapper."""
        grouping = Grouping(self) if self.opts.group else None
        batch: list[PageResult] = []
        size = 0
        for result in (mapper or serial_map)(self._unseen(inputs, on_page), self.opts):
            if isinstance(result, BadInput):
                self.report.skipped.append(result)
                if on_bad:
                    on_bad(result)
                continue
            self.report.pages_read += 1
            batch.append(result)
            size += max(1, len(result.articles))
            if size >= self.opts.batch_articles:
                self._flush(batch, grouping)
                batch, size = [], 0
            if on_page:
                on_page(self.report)
        if batch:
            self._flush(batch, grouping)
        if grouping is not None:
            grouping.finish()
        return self.report

    def _unseen(
        self, inputs: Iterable[RawPage | BadInput], on_page: Callable[[IngestReport], None] | None
    ) -> Iterator[RawPage | BadInput]:
        """The inputs without the pages the store already holds with the same content: re-running an
        interrupted ingest goes straight to the pages it had not stored (they are counted unchanged)."""
        chunk: list[RawPage | BadInput] = []
        for item in inputs:
            chunk.append(item)
            if len(chunk) >= UNSEEN_CHUNK:
                yield from self._drop_known(chunk, on_page)
                chunk = []
        yield from self._drop_known(chunk, on_page)

    def _drop_known(
        self, items: list[RawPage | BadInput], on_page: Callable[[IngestReport], None] | None
    ) -> Iterator[RawPage | BadInput]:
        hashes = {id(x): (x.page, page_hash(x)) for x in items if isinstance(x, RawPage)}
        if not hashes:
            yield from items
            return
        with self.store.engine.connect() as conn:
            known = self.store.existing_pages(conn, list(hashes.values()))
        for item in items:
            if id(item) in hashes and hashes[id(item)] in known:
                self.report.pages_read += 1
                self.report.pages_unchanged += 1
                if on_page:
                    on_page(self.report)
                continue
            yield item

    def group(self) -> None:
        """Put every article not yet in an event into one (online: what is grouped stays), link
        events into stories, and store both indexes with the new links in one transaction."""
        Grouping(self).finish()

    def _flush(self, batch: list[PageResult], grouping: Grouping | None = None) -> None:
        with self.store.transaction() as conn:
            fresh = self.write(conn, batch)
        if grouping is not None:  # grouped as they are stored: the driver groups while workers clean
            for article, features in fresh:
                grouping.add(article, features)


class Grouping:
    """Events and stories built as articles are stored: `add` puts one article into the online event
    and story indexes (the driver does this while workers process later pages); `finish` runs the
    merge pass, summaries, facts and canonical entities and stores it all in one transaction. Nothing is
    stored before `finish`: an interrupted run leaves its articles ungrouped, and the next run's
    grouping takes them first, in ingest order, so the result is that of an uninterrupted run."""

    def __init__(self, ingest: Ingest) -> None:
        self.ingest = ingest
        self.opts = ingest.opts
        ev_opts, st_opts = self.opts.events, self.opts.stories
        engine = ingest.store.engine
        # the indexes are read as the run uses them: the events, stories and posting lists its articles
        # touch (a store from before schema 4, with the lists inside `group_state`, is read whole
        # once, and written back in the new form by `finish`)
        self.old_form = False
        with engine.connect() as conn:
            self.generation = _generation(conn)
            ev_shared = groups.load_shared(conn, "events")
            st_shared = groups.load_shared(conn, "stories")
            self.stored = ev_shared is not None
            if ev_shared is None or st_shared is None:
                self.idx, self.st = EventIndex(ev_opts), StoryIndex(st_opts)
            elif "postings" in ev_shared:
                self.old_form = True
                ev_state = groups.load_index_state(conn, "events", groups.events, "events")
                st_state = groups.load_index_state(conn, "stories", groups.stories, "stories")
                self.idx = EventIndex.from_state(ev_state, ev_opts)  # type: ignore[arg-type]
                self.st = StoryIndex.from_state(st_state, st_opts)  # type: ignore[arg-type]
            else:

                def reader(fn: Callable[..., Any], *args: object) -> Callable[[list[str]], Any]:
                    def read(keys: list[str]) -> Any:
                        with engine.connect() as c:
                            return fn(c, *args, keys)

                    return read

                self.idx = EventIndex.from_store(
                    ev_shared, groups.row_ids(conn, groups.events), groups.article_event_map(conn),
                    reader(groups.load_rows, groups.events), reader(groups.load_postings, "events"),
                    ev_opts,
                )  # fmt: skip
                self.st = StoryIndex.from_store(
                    st_shared, groups.row_ids(conn, groups.stories), groups.event_story_map(conn),
                    reader(groups.load_rows, groups.stories), reader(groups.load_postings, "stories"),
                    st_opts,
                )  # fmt: skip
            leftover = list(groups.ungrouped_articles(conn))
        self.links: list[tuple[str, str, float, dict[str, object]]] = []
        self.fresh: dict[str, Article] = {}
        for article in leftover:
            self.add(article)

    def story_of(self) -> dict[str, str]:
        """Article -> story, for every grouped article whose event is in a story."""
        ev_story = self.st.event_story
        return {a: ev_story[e] for a, e in self.idx.article_event.items() if e in ev_story}

    def add(self, article: Article, features: ArticleFeatures | None = None) -> None:
        """Put one stored original article into an event (and its event into a story); `features` are
        its event features when they were computed with the page."""
        f = features if features is not None else extract_features(article, self.opts.features)
        a = self.idx.add(f)
        self.st.update(self.idx.events[a.event], a.new, f, self.idx)
        self.links.append((article.id, a.event, round(a.score, 4), a.explanation))
        self.fresh[article.id] = article

    def finish(self, everything: bool = False) -> None:
        """Merge pass, story links, summaries, facts, entities and search; stored in one transaction.
        Only what changed is rewritten: the events and stories this pass opened, grew, merged or
        moved (their rows, summaries, facts and search entries); the rest stay as stored, unless
        `everything` (see `rewrite_all`)."""
        if not self.links and self.stored and not everything and not self.old_form:
            return
        idx, st, links = self.idx, self.st, self.links
        moved = idx.merge_pass()
        for gone, kept in moved:
            st.merge_events(gone, kept)
        st.relink(idx.events, idx)
        # where each merged-away event ended up (merges chain: a kept event may be absorbed later)
        into = dict(moved)

        def final(eid: str) -> str:
            while eid in into:
                eid = into[eid]
            return eid

        def merged(eid: str, why: dict[str, object]) -> dict[str, object]:
            """The explanation with the reasons of the merges that took its event to the final one."""
            path = []
            while eid in into:
                if eid in idx.merge_reasons:
                    path.append(idx.merge_reasons[eid])
                eid = into[eid]
            return groups.with_merges(why, path) if path else why

        links = [(aid, final(eid), s, merged(eid, x)) for aid, eid, s, x in links]
        # the events that grew, merged or moved to another story are rewritten (with their summaries
        # and facts), the ones merged away deleted
        rewrite = sorted(e for e in {*idx.changed, *st.moved_events} if e in idx.events)
        gone_events = sorted(e for e in idx.changed if e not in idx.events)
        prefetch(idx.events, rewrite)
        members = {eid: idx.events[eid].articles for eid in rewrite}
        ev_facts = self.ingest._event_facts(members)
        summaries = self.ingest._summaries(members, self.fresh)
        with self.ingest.store.engine.connect() as conn:
            ev_seq, st_seq = groups.row_seqs(conn, groups.events), groups.row_seqs(conn, groups.stories)
        ev_rows = {}
        for eid, seq in _seqs(idx.events, ev_seq, set(rewrite)).items():
            e = idx.events[eid]
            ecols = {
                "id": e.id, "title": e.title(), "date": e.date(), "place": e.place(),
                "story_id": st.story_of(e.id), "order_date": e.date() or "",
                "facts": json.dumps(ev_facts.get(eid, []), ensure_ascii=False),
                "summary": json.dumps(summaries[eid], ensure_ascii=False),
            }  # fmt: skip
            ev_rows[eid] = (seq, idx.row(eid), ecols)
        # a story's row holds its title (its largest event's) and its events' count and dates: it is
        # rewritten when it changed or one of its events did
        st_changed = set(st.changed) | {st.story_of(e) for e in rewrite}
        prefetch(st.stories, (s for s in st_changed if s))
        st_rows = {}
        for sid, seq in _seqs(st.stories, st_seq, {s for s in st_changed if s}).items():
            days = sorted(d for d in (idx.events[e].date() for e in st.stories[sid].events) if d)
            n_events = len(st.stories[sid].events)
            cols: dict[str, object] = {
                "id": sid, "title": st.title(sid, idx.events), "events_count": n_events,
                "first_date": days[0] if days else None, "latest_date": days[-1] if days else None,
                "order_date": days[-1] if days else "",
            }  # fmt: skip
            st_rows[sid] = (seq, st.row(sid), cols)
        gone_stories = sorted(s for s in st_changed if s and s not in st.stories)
        moved_articles = sorted({a for _gone, kept in moved for a in idx.events[final(kept)].articles})
        entity_update = self.ingest._entity_update(
            idx.article_event, sorted(self.fresh), moved_articles, everything, self.story_of()
        )
        with self.ingest.store.transaction() as conn:
            self._claim(conn)
            entities_changed = self.ingest._save_entities(conn, entity_update, idx.article_event)
            groups.save_index_rows(conn, "events", groups.events, idx.shared_state(), ev_rows, gone_events)
            groups.save_index_rows(conn, "stories", groups.stories, st.shared_state(), st_rows, gone_stories)
            if self.old_form:  # every posting list, and every row's filed keys, in the new form
                groups.save_postings(conn, "events", dict(idx.postings_held()))
                groups.save_postings(conn, "stories", dict(st.postings_held()))
                groups.save_row_states(
                    conn, groups.events, {e: idx.row(e) for e in idx.events if e not in ev_rows}
                )
                groups.save_row_states(
                    conn, groups.stories, {s: st.row(s) for s in st.stories if s not in st_rows}
                )
            else:
                groups.save_postings(conn, "events", idx.postings_changed())
                groups.save_postings(conn, "stories", st.postings_changed())
            groups.save_links(conn, links, moved, idx.merge_reasons)
            index_events(self.ingest.store, [*rewrite, *gone_events], conn=conn)
            if everything and entity_update.full:  # the search entries of the unchanged ones are redone too
                entities_changed = sorted({*entities_changed, *(str(r["id"]) for r in entity_update.full[0])})
            index_entities(self.ingest.store, entities_changed, conn=conn)
        idx.changed.clear()
        st.changed.clear()
        st.moved_events.clear()
        self.old_form = False

    def _claim(self, conn: Connection) -> None:
        """Count this pass in the store's generation, first thing in its transaction, unless another
        run grouped the store since this one read it: then this pass would write over that one with
        what it read before, and stops instead (nothing of it is written; its articles are stored and
        the next run groups them)."""
        if _generation(conn) != self.generation:
            raise StoreError(
                "another run grouped this store while this one ran (two ingests at once?): this run's "
                "articles are stored but not grouped; run `marsad ingest` again (with the same inputs "
                "or none) once the other has finished, and it groups them"
            )
        conn.execute(delete(schema.meta).where(schema.meta.c.key == GENERATION))
        conn.execute(insert(schema.meta).values(key=GENERATION, value=str(self.generation + 1)))
        self.generation += 1

    def rewrite_all(self) -> None:
        """Rewrite every event and story row (titles, dates, summaries, facts), the entities and the
        search entries from the stored grouping, as if every event had just changed: what repairs a
        store written by an older version, or shows a changed summariser on stored events."""
        self.idx.changed.update(self.idx.events)
        self.st.changed.update(self.st.stories)
        self.finish(everything=True)


BatchMapper = Callable[[Callable[[list[Article], EngineOptions], list[Extracts]], Iterable[list[Article]],
                        EngineOptions], Iterable[list[Extracts]]]  # fmt: skip
"""Maps a batch function over batches of articles, yielding the results in order (`parallel.batch_mapper`)."""


def reextract(
    store: Store, opts: EngineOptions | None = None, mapper: BatchMapper | None = None, batch: int = 64
) -> int:
    """Extract the quotes, numeric facts and entity mentions of every stored original article again,
    with this version's extractors, and store them in place of the old ones (one transaction per batch:
    a kill leaves each article with its old or its new extracts, and a second run redoes them all).
    The grouping is untouched; `refresh` rewrites what reads these. Returns the number of articles."""
    opts = opts or EngineOptions()
    ids = store.original_ids()
    pending: deque[list[Article]] = deque()  # batches handed to the mapper, not yet written

    def batches() -> Iterator[list[Article]]:
        for i in range(0, len(ids), batch):
            with store.engine.connect() as conn:
                pending.append(groups.articles_by_id(conn, ids[i : i + batch]))
            yield pending[-1]

    run = mapper or (lambda fn, xs, o: (fn(x, o) for x in xs))
    done = 0
    for found in run(extract_batch, batches(), opts):
        arts = pending.popleft()
        with store.transaction() as conn:
            groups.replace_extracts(
                conn,
                [(a.id, q.speaker, q.text, q.paragraph) for a, (qs, _, _) in zip(arts, found, strict=True)
                 for q in qs],
                {a.id: {"facts": [fact_row(m) for m in fs], "mentions": [mention_row(m) for m in ms]}
                 for a, (_, fs, ms) in zip(arts, found, strict=True)},
            )  # fmt: skip
        done += len(arts)
    return done


def refresh(store: Store, opts: EngineOptions | None = None) -> int:
    """Group the articles an interrupted run left ungrouped, then rewrite every event and story row
    from the stored grouping (`Grouping.rewrite_all`); returns the number of events."""
    grouping = Grouping(Ingest(store, opts or EngineOptions()))
    grouping.rewrite_all()
    return len(grouping.idx.events)


def _generation(conn: Connection) -> int:
    value = conn.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == GENERATION)
    ).scalar_one_or_none()
    return int(value) if value is not None else 0


def _seqs(rows: Mapping[str, object], stored: dict[str, int], changed: set[str]) -> dict[str, int]:
    """id -> seq for the changed rows of an index: a stored row keeps its seq, a new one takes the next
    free seq in the index's order (which is creation order, the order rows are read back in)."""
    nxt = max(stored.values(), default=-1) + 1
    out: dict[str, int] = {}
    for rid in rows:
        if rid in stored:
            if rid in changed:
                out[rid] = stored[rid]
        else:
            out[rid] = nxt
            nxt += 1
    return out


def ingest(
    store: Store,
    inputs: Iterable[RawPage | BadInput],
    opts: EngineOptions | None = None,
    on_bad: Callable[[BadInput], None] | None = None,
    on_page: Callable[[IngestReport], None] | None = None,
    mapper: PageMapper | None = None,
) -> IngestReport:
    """Run the pipeline over pages and store the result incrementally; `mapper` runs the per-page stage
    elsewhere (`marsad.distributed.dask_mapper`), serial in this process by default."""
    return Ingest(store, opts or EngineOptions()).run(inputs, on_bad, on_page, mapper)
