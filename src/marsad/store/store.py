"""The store: one interface over SQLAlchemy Core; SQLite file by default, any database URL by choice.

Only the engine talks to it. Every write happens inside `transaction()`, so an interrupted ingest
leaves whole pages or nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError

from marsad.model import Article, DroppedLine
from marsad.store import schema
from marsad.store.schema import SCHEMA_VERSION, article_bands, article_leads, articles, meta, metadata, pages

DEFAULT_DB = "marsad.db"
_WRITE_LOCK = 0x6D61727361640000  # "marsad": PostgreSQL's advisory lock key for the store's writer


class StoreError(Exception):
    """A store that cannot be opened or used, with a reason a person can act on."""


def resolve_url(db: str | None) -> str:
    """`--db` value -> database URL: a URL as given, a path as an SQLite file; default from
    `$MARSAD_DB`, else `./marsad.db`."""
    value = db or os.environ.get("MARSAD_DB") or DEFAULT_DB
    if "://" in value:
        # psycopg 3 is the PostgreSQL driver marsad ships with, whatever SQLAlchemy's default
        for scheme in ("postgresql://", "postgres://"):
            if value.startswith(scheme):
                value = "postgresql+psycopg://" + value[len(scheme) :]
        try:
            make_url(value)
        except ArgumentError as exc:
            raise StoreError(f"bad database URL {value!r}: {exc}") from exc
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # WAL: readers never block the ingest; NORMAL sync is crash-safe with WAL (a power cut may lose
    # the last commits, never corrupt the file).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _postgres_database(engine: Engine, create: bool) -> None:
    """A PostgreSQL database that does not exist is created, as SQLite creates its file (or, when
    `create` is False, is reported as no store)."""
    try:
        with engine.connect():
            return
    except OperationalError as exc:
        name = engine.url.database
        if not name or f'database "{name}" does not exist' not in str(exc):
            raise StoreError(f"cannot open {_shown(engine)}: {exc.orig or exc}") from exc
    if not create:
        raise StoreError(f"no store at {_shown(engine)} (run `marsad ingest` first)")
    admin = create_engine(engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {engine.dialect.identifier_preparer.quote(name)}")
    except ProgrammingError as exc:  # created meanwhile by another process: fine
        if "already exists" not in str(exc):
            raise StoreError(f"cannot create database {name!r}: {exc.orig or exc}") from exc
    except OperationalError as exc:
        raise StoreError(f"cannot create database {name!r}: {exc.orig or exc}") from exc
    finally:
        admin.dispose()


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@dataclass(frozen=True)
class Counts:
    pages: int
    articles: int
    duplicates: int


class Store:
    """Persistence for pages and articles (later: events, stories, entities)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True) -> Store:
        url = resolve_url(db)
        if url.startswith("sqlite"):
            path = make_url(url).database
            if path and path != ":memory:":
                parent = Path(path).parent
                if not parent.exists():
                    raise StoreError(f"cannot open {path}: folder {parent} does not exist")
                if not create and not Path(path).exists():
                    raise StoreError(f"no store at {path} (run `marsad ingest` first)")
        try:
            engine = create_engine(url, future=True)
        except Exception as exc:  # a missing driver, a malformed URL
            raise StoreError(f"cannot open {url}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        elif engine.dialect.name == "postgresql":
            _postgres_database(engine, create)
        store = cls(engine)
        store._migrate()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def _migrate(self) -> None:
        """Create or upgrade the schema in one transaction, one process at a time: a run killed
        while it creates the tables leaves none of them, and two runs opening a new store do not both
        create it. (Python's sqlite3 opens no transaction before DDL, so each CREATE TABLE or ALTER
        would commit on its own: the explicit BEGIN IMMEDIATE holds them, and takes the write lock.)
        A store already at this version is only read: opening it never waits for a writer."""
        try:
            with self.engine.connect() as conn:
                if inspect(conn).has_table(meta.name):
                    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
                    if row is not None and int(row[0]) == SCHEMA_VERSION:
                        return
            with self.engine.begin() as conn:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                elif conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK})")
                metadata.create_all(conn, tables=[meta])
                row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
                if row is None:
                    metadata.create_all(conn)
                    conn.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
                    return
                version = int(row[0])
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"the store has schema version {version}, newer than this marsad ({SCHEMA_VERSION})"
                    )
                for v in range(version + 1, SCHEMA_VERSION + 1):
                    schema.MIGRATIONS[v](conn)
                if version < SCHEMA_VERSION:
                    conn.execute(
                        meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION))
                    )
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot use the store at {self.engine.url}: {exc}") from exc

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one())

    @contextmanager
    def transaction(self, wait: float | None = None) -> Iterator[Connection]:
        """All writes of one unit of work, committed together or not at all, one writer at a time.

        SQLite locks the file for the writer; PostgreSQL would let two writers interleave (and collide
        on the next sequence numbers), so there each transaction takes an advisory lock first, waiting
        for the other writer as SQLite does, or, with `wait` (seconds), at most that long before
        raising OperationalError ("lock timeout")."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                if wait is not None:
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, int(wait * 1000))}")
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK})")
            yield conn

    # --- reads and writes used by the engine ----------------------------------------------------

    def existing_pages(self, conn: Connection, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (page name, content hash) pairs are stored already."""
        found: set[tuple[str, str]] = set()
        for chunk in _chunks(sorted({name for name, _ in keys})):
            q = select(pages.c.name, pages.c.content_hash).where(pages.c.name.in_(chunk))
            found.update((r.name, r.content_hash) for r in conn.execute(q))
        return found & set(keys)

    def existing_articles(self, conn: Connection, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(ids))):
            found.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
        return found

    def originals_by_hash(self, conn: Connection, hashes: list[str]) -> dict[str, str]:
        """content hash -> the original (earliest non-duplicate) article with it."""
        out: dict[str, str] = {}
        for chunk in _chunks(sorted(set(hashes))):
            q = (
                select(articles.c.content_hash, articles.c.id, articles.c.duplicate_of)
                .where(articles.c.content_hash.in_(chunk))
                .order_by(articles.c.seq)
            )
            for r in conn.execute(q):
                out.setdefault(r.content_hash, r.duplicate_of or r.id)
        return out

    def band_members(self, conn: Connection, bands: list[int]) -> list[tuple[int, str, str | None, bytes]]:
        """(band, article id, duplicate_of, signature) of stored articles in any of the LSH bands."""
        out: list[tuple[int, str, str | None, bytes]] = []
        for chunk in _chunks(sorted(set(bands))):
            q = (
                select(article_bands.c.band, articles.c.id, articles.c.duplicate_of, articles.c.signature)
                .join(articles, articles.c.id == article_bands.c.article_id)
                .where(article_bands.c.band.in_(chunk))
                .order_by(articles.c.seq)
            )
            out.extend((r.band, r.id, r.duplicate_of, r.signature) for r in conn.execute(q))
        return out

    def next_seq(self, conn: Connection) -> int:
        return int(conn.execute(select(func.coalesce(func.max(articles.c.seq), 0))).scalar_one()) + 1

    def next_page_seq(self, conn: Connection) -> int:
        return int(conn.execute(select(func.coalesce(func.max(pages.c.seq), 0))).scalar_one()) + 1

    def add_page(
        self, conn: Connection, name: str, content_hash: str, origin: str, kind: str, n_articles: int,
        dropped: list[DroppedLine], seq: int,
    ) -> None:  # fmt: skip
        conn.execute(
            insert(pages),
            [{
                "name": name, "content_hash": content_hash, "origin": origin, "kind": kind,
                "articles": n_articles,
                "dropped": json.dumps([d.__dict__ for d in dropped], ensure_ascii=False),
                "seq": seq,
            }],
        )  # fmt: skip

    def known_leads(self, conn: Connection, keys: list[int]) -> set[int]:
        """The keys (`clean.teasers.lead_key`) among these that a stored article leads with."""
        out: set[int] = set()
        for chunk in _chunks(sorted(set(keys))):
            out.update(
                conn.execute(select(article_leads.c.key).where(article_leads.c.key.in_(chunk))).scalars()
            )
        return out

    def add_articles(
        self,
        conn: Connection,
        rows: list[tuple[Article, int, bytes | None, list[int], int | None]],
        leads: list[tuple[int, str]] | None = None,
    ) -> None:
        """Insert articles (article, seq, signature, LSH bands, similarity %) with one statement each
        for the articles, their bands and their `leads` (lead key, article id)."""
        if leads:
            conn.execute(insert(article_leads), [{"key": k, "article_id": aid} for k, aid in leads])
        if not rows:
            return
        conn.execute(
            insert(articles),
            [
                {
                    "id": a.id, "seq": seq, "page": a.page, "position": a.position, "title": a.title,
                    "subtitle": a.subtitle, "dateline": a.dateline, "source": a.source,
                    "published": a.published,
                    "url": a.url, "language": a.language,
                    "paragraphs": json.dumps(a.paragraphs, ensure_ascii=False),
                    "dropped": json.dumps([d.__dict__ for d in a.dropped], ensure_ascii=False),
                    "duplicate_of": a.duplicate_of, "similarity": sim, "content_hash": a.content_hash,
                    "signature": sig,
                }
                for a, seq, sig, _bands, sim in rows
            ],
        )  # fmt: skip
        band_rows = [{"band": b, "article_id": a.id} for a, _s, _g, bands, _m in rows for b in bands]
        if band_rows:
            conn.execute(insert(article_bands), band_rows)

    # --- reads for export and display -----------------------------------------------------------

    def iter_articles(self) -> Iterator[Article]:
        """Every article in ingest order."""
        q = select(articles).order_by(articles.c.seq)
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                yield Article(
                    id=r.id, page=r.page, position=r.position, paragraphs=json.loads(r.paragraphs),
                    title=r.title, subtitle=r.subtitle, dateline=r.dateline, source=r.source,
                    published=r.published, url=r.url, language=r.language, duplicate_of=r.duplicate_of,
                    content_hash=r.content_hash,
                    dropped=[DroppedLine(**d) for d in json.loads(r.dropped)],
                )  # fmt: skip

    def original_ids(self) -> list[str]:
        """The ids of the articles that are no duplicate, in ingest order."""
        q = select(articles.c.id).where(articles.c.duplicate_of.is_(None)).order_by(articles.c.seq)
        with self.engine.connect() as conn:
            return list(conn.execute(q).scalars())

    def counts(self) -> Counts:
        with self.engine.connect() as conn:
            n_pages = conn.execute(select(func.count()).select_from(pages)).scalar_one()
            n_articles = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            n_dups = conn.execute(
                select(func.count()).select_from(articles).where(articles.c.duplicate_of.is_not(None))
            ).scalar_one()
        return Counts(int(n_pages), int(n_articles), int(n_dups))


def _chunks(items: list, size: int = 2000) -> Iterator[list]:  # type: ignore[type-arg]
    """Bounded IN lists: SQLite caps the number of bound parameters of a statement."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
