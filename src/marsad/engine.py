"""The engine runs the stages over inputs and persists the results; the only module that touches
the store.

Pages are written in batches, each batch one transaction: an interrupted ingest leaves whole pages
or nothing, and re-running it skips what is already there (pages and articles are keyed by content
hashes), so it finishes the work.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection

from marsad.clean.segment import SegmentOptions, segment
from marsad.dedup import minhash
from marsad.dedup.minhash import DedupOptions
from marsad.model import Article, BadInput, DroppedLine, RawPage
from marsad.store import Store
from marsad.text.lang import detect_language
from marsad.text.normalize import match_key


@dataclass(frozen=True)
class EngineOptions:
    """Tunables of a run (documented defaults)."""

    segment: SegmentOptions = field(default_factory=SegmentOptions)
    dedup: DedupOptions = field(default_factory=DedupOptions)
    #: articles per transaction: bigger is faster, smaller loses less work to a kill
    batch_articles: int = 500


@dataclass
class IngestReport:
    """What one ingest did, for the one-line summary."""

    pages_read: int = 0
    pages_unchanged: int = 0
    articles: int = 0
    duplicates: int = 0
    skipped: list[BadInput] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.pages_read} pages read ({self.pages_unchanged} unchanged), {self.articles} new articles, "
            f"{self.duplicates} duplicates, {len(self.skipped)} inputs skipped"
        )


@dataclass
class PageResult:
    """A page run through the stages, ready to store."""

    page: RawPage
    content_hash: str
    articles: list[Article]
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
    """Page -> clean articles with ids and content hashes (pure: no store)."""
    segs = segment(page, opts.segment)
    out: list[Article] = []
    for pos, seg in enumerate(segs):
        chash = minhash.content_hash(seg.title, seg.paragraphs)
        dl = seg.dateline
        out.append(
            Article(
                id=_hash(page.page, str(pos), chash)[:20],
                page=page.page,
                position=pos,
                paragraphs=seg.paragraphs,
                title=seg.title,
                subtitle=seg.subtitle,
                dateline=dl.text if dl else None,
                source=page.source or seg.source,
                published=page.published or seg.published,
                url=page.url,
                language=page.language or detect_language(seg.title, seg.paragraphs),
                content_hash=chash,
                dropped=seg.dropped,
            )
        )
    dropped = [] if out else [DroppedLine(0, page.text[:200], "no article found")]
    return PageResult(page, page_hash(page), out, dropped)


class Ingest:
    """Stores processed pages, deciding duplicates against everything stored before."""

    def __init__(self, store: Store, opts: EngineOptions) -> None:
        self.store = store
        self.opts = opts
        self.report = IngestReport()

    def _store_article(self, conn: Connection, a: Article, seq: int) -> None:
        opts = self.opts.dedup
        key = match_key(a.body)
        sig = minhash.signature(key, opts)
        similarity = None
        original = self.store.find_exact(conn, a.content_hash)
        bands: list[int] = []
        if sig is not None:
            bands = minhash.band_keys(sig, opts)
        if original is None and sig is not None:
            for cid, cdup, cblob in self.store.band_candidates(conn, bands):
                if cblob is None:
                    continue
                sim = minhash.similarity(sig, minhash.from_blob(cblob))
                if sim >= opts.threshold:
                    original, similarity = cdup or cid, round(sim * 100)
                    break
        a.duplicate_of = original
        if original is not None:
            self.report.duplicates += 1
            bands = []  # only originals are indexed: a duplicate is found through its original
        self.store.add_article(
            conn, a, seq, minhash.to_blob(sig) if sig is not None else None, bands, similarity
        )
        self.report.articles += 1

    def write(self, conn: Connection, results: list[PageResult]) -> None:
        """Store a batch of pages in one transaction."""
        seq = self.store.next_seq(conn)
        page_seq = self.store.next_page_seq(conn)
        for r in results:
            if self.store.has_page(conn, r.page.page, r.content_hash):
                self.report.pages_unchanged += 1
                continue
            for a in r.articles:
                if self.store.has_article(conn, a.id):
                    continue
                self._store_article(conn, a, seq)
                seq += 1
            self.store.add_page(
                conn, r.page.page, r.content_hash, r.page.origin, r.page.kind, len(r.articles), r.dropped,
                page_seq,
            )  # fmt: skip
            page_seq += 1

    def run(
        self,
        inputs: Iterable[RawPage | BadInput],
        on_bad: Callable[[BadInput], None] | None = None,
        on_page: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        batch: list[PageResult] = []
        size = 0
        for item in inputs:
            if isinstance(item, BadInput):
                self.report.skipped.append(item)
                if on_bad:
                    on_bad(item)
                continue
            self.report.pages_read += 1
            result = process_page(item, self.opts)
            batch.append(result)
            size += max(1, len(result.articles))
            if size >= self.opts.batch_articles:
                self._flush(batch)
                batch, size = [], 0
            if on_page:
                on_page(self.report)
        if batch:
            self._flush(batch)
        return self.report

    def _flush(self, batch: list[PageResult]) -> None:
        with self.store.transaction() as conn:
            self.write(conn, batch)


def ingest(
    store: Store,
    inputs: Iterable[RawPage | BadInput],
    opts: EngineOptions | None = None,
    on_bad: Callable[[BadInput], None] | None = None,
    on_page: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Run the pipeline over pages and store the result incrementally."""
    return Ingest(store, opts or EngineOptions()).run(inputs, on_bad, on_page)
