"""Arabic-aware full-text search over articles, events and entities.

Every document is indexed under three forms of each word, in separate columns of decreasing weight:

- the matching **key** (`match_key`: diacritics, tatweel, hamza/alef/yeh/teh-marbuta variants folded);
- a **light stem** (Larkey's light10: وال/بال/كال/فال/لل/ال and و prefixes, ها/ان/ات/ون/ين/يه/ه/ي suffixes),
  so التحالف, والتحالف and للتحالف meet;
- a **skeleton**: the long vowels ا و ي dropped after the first letter (and a leading ال), so the spellings
  of transliterated names meet: بلينكين and بلينكن both become بلنكن.

A query is folded the same way; each of its words must match in one of its forms, and an exact key match
ranks above a stem match, above a skeleton match, in a title above a body. A query that names a known
entity (a whole variant, or a word of one) also searches the other spellings recorded for that entity
(لويغي finds لويجي).

Storage: on SQLite an FTS5 table (`search_fts`, ranked by bm25) beside a `search_docs` table mapping its
rows to (kind, id). On PostgreSQL its own full-text search: `tsvector` columns of the same forms under
GIN indexes, the stems with its `arabic` configuration, ranked by `ts_rank` (see `search_pg`). On any
other backend the folded terms are kept in `search_docs` and matched with LIKE: same interface, same
results, coarser ranking.

Keeping the index in sync — what the engine calls:

- `index_articles(store, ids, conn=conn)` after each batch it stores (inside the batch transaction);
- `index_events(store, ids, conn=conn)` for every event it created, changed (title, place, summary, facts)
  or deleted; `index_entities(store, ids, conn=conn)` likewise for entities.

Each of these creates the index when missing (`ensure_index`), is idempotent, and removes the ids that no
longer exist. `search` itself catches up on rows it has never seen (a store filled by an older marsad, or
by a writer that did not call the above), so results are never missing whole documents; only edits of
already-indexed events or entities need the engine's call.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal
from weakref import WeakKeyDictionary, WeakSet

from rapidfuzz.distance import Levenshtein
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    and_,
    case,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.exc import OperationalError

from marsad.store import schema, search_pg
from marsad.store.store import Store
from marsad.text.normalize import clean_display, match_key

Kind = Literal["article", "event", "entity"]
KINDS: tuple[Kind, ...] = ("article", "event", "entity")
MAX_QUERY_WORDS = 12
MAX_LIMIT = 100
SYNC_WAIT = 0.2
"""Seconds a search waits for the write lock to catch the index up (else it answers from the index as is)."""

# Our own metadata, not the engine's schema: the index is derived data that can be dropped and rebuilt.
_meta = MetaData()
search_docs = Table(
    "search_docs",
    _meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", schema.Str(8), nullable=False),
    Column("ref", schema.Str(32), nullable=False),
    # The LIKE backend's folded terms, " key stem skel key ... " (NULL on SQLite, where FTS5 holds them).
    Column("title_terms", Text),
    Column("body_terms", Text),
    UniqueConstraint("kind", "ref", name="uq_search_docs_kind_ref"),
)
search_state = Table(
    "search_state",
    _meta,
    Column("kind", schema.Str(8), primary_key=True),
    Column("fingerprint", schema.Str(64), nullable=False),
)

_FTS_COLUMNS = ("t_key", "t_stem", "t_skel", "b_key", "b_stem", "b_skel")
# bm25 weights, in column order. `kind` is indexed (one token: article, event or entity) so that a kind
# filter is part of the MATCH; it weighs nothing, and ref is UNINDEXED.
_WEIGHTS = (0.0, 0.0, 10.0, 5.0, 2.5, 4.0, 2.0, 1.0)
_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "kind, ref UNINDEXED, " + ", ".join(_FTS_COLUMNS) + ", tokenize = 'unicode61 remove_diacritics 0')"
)
_FTS_INSERT = text(
    "INSERT INTO search_fts(rowid, kind, ref, t_key, t_stem, t_skel, b_key, b_stem, b_skel)"
    " VALUES (:rowid, :kind, :ref, :tk, :ts, :tx, :bk, :bs, :bx)"
)

# --------------------------------------------------------------------------------------- word forms

_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# In key space: ة is already ه and ى is ي, so light10's ية/ة fold into يه/ه.
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_ARTICLE = ("وال", "بال", "لل", "ال")
_VOWELS = str.maketrans("", "", "اوي")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
_DISPLAY_WORD = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+")
_KEY_WORD = re.compile(r"[^\W_]+")
_display_key = lru_cache(maxsize=200_000)(match_key)


@lru_cache(maxsize=200_000)
def light_stem(key: str) -> str:
    """Light10 stem of an Arabic key token (other tokens unchanged)."""
    if not _ARABIC_WORD.fullmatch(key):
        return key
    w = key
    if len(w) >= 4 and w.startswith("و"):
        w = w[1:]
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p) :]
            break
    for s in _SUFFIXES:
        if len(w) - len(s) >= 2 and w.endswith(s):
            w = w[: -len(s)]
    return w


@lru_cache(maxsize=200_000)
def skeleton(key: str) -> str | None:
    """The consonant skeleton of an Arabic key token, for transliterated names; None when too short."""
    if not _ARABIC_WORD.fullmatch(key):
        return None
    w = key
    for p in _ARTICLE:
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p) :]
            break
    sk = w[0] + w[1:].translate(_VOWELS)
    return sk if len(sk) >= 3 else None


def key_words(text: str) -> list[str]:
    """The words of a text's matching key, split as FTS5's unicode61 tokenizer splits them."""
    return _KEY_WORD.findall(match_key(text))


@dataclass(frozen=True)
class Forms:
    """The three indexed forms of a text's words, each a space-joined string."""

    key: str
    stem: str
    skel: str


def forms(text: str) -> Forms:
    words = key_words(text)
    # map() over the lru-cached functions: most words of a corpus repeat, and this runs on every word
    return Forms(
        " ".join(words), " ".join(map(light_stem, words)), " ".join(filter(None, map(skeleton, words)))
    )


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    raw = resources.files("marsad").joinpath("resources/group/stopwords_ar.txt").read_text("utf-8")
    words: set[str] = set()
    for line in raw.splitlines():
        if not line.startswith("#"):
            words.update(match_key(w) for w in line.split())
    return frozenset(words)


# --------------------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class Doc:
    kind: Kind
    ref: str
    title: str
    body: str


def _article_docs(conn: Connection, ids: Sequence[str]) -> Iterator[Doc]:
    a = schema.articles
    q = select(a.c.id, a.c.title, a.c.subtitle, a.c.paragraphs).where(
        a.c.id.in_(ids), a.c.duplicate_of.is_(None)
    )
    for r in conn.execute(q):
        title = " ".join(t for t in (r.title, r.subtitle) if t)
        yield Doc("article", r.id, title, "\n".join(json.loads(r.paragraphs)))


def _event_docs(conn: Connection, ids: Sequence[str]) -> Iterator[Doc]:
    e = schema.events
    q = select(e.c.id, e.c.title, e.c.place, e.c.summary, e.c.facts).where(e.c.id.in_(ids))
    for r in conn.execute(q):
        summary = [s.get("text", "") for s in _json_list(r.summary)]
        facts = [f.get("text", "") for f in _json_list(r.facts)]
        title = " ".join(t for t in (r.title, r.place) if t)
        yield Doc("event", r.id, title, "\n".join(s for s in summary + facts if isinstance(s, str)))


def _entity_docs(conn: Connection, ids: Sequence[str]) -> Iterator[Doc]:
    n = schema.entities
    for r in conn.execute(select(n.c.id, n.c.name, n.c.variants).where(n.c.id.in_(ids))):
        variants = [v for v in _json_list(r.variants) if isinstance(v, str)]
        yield Doc("entity", r.id, r.name, "\n".join(variants))


def _json_list(value: str | None) -> list:  # type: ignore[type-arg]
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return [x for x in data if isinstance(x, dict | str)] if isinstance(data, list) else []


_DOCS = {"article": _article_docs, "event": _event_docs, "entity": _entity_docs}
_SOURCE = {"article": schema.articles, "event": schema.events, "entity": schema.entities}


# --------------------------------------------------------------------------------------- the index


Backend = Literal["fts5", "postgresql", "like"]


def backend(store: Store) -> Backend:
    """FTS5 on SQLite (when compiled in, as in every CPython build), PostgreSQL's own text search there,
    LIKE over folded terms elsewhere."""
    if store.engine.dialect.name == "postgresql":
        return "postgresql"
    if store.engine.dialect.name != "sqlite":
        return "like"
    found = _FTS5.get(store.engine)
    if found is None:
        with store.engine.connect() as conn:
            found = "ENABLE_FTS5" in {r[0] for r in conn.execute(text("PRAGMA compile_options"))}
        _FTS5[store.engine] = found
    return "fts5" if found else "like"


# Per engine (weakly held): whether SQLite has FTS5, and whether the index tables are known to exist.
_FTS5: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()
_READY: WeakSet[Engine] = WeakSet()


def ensure_index(store: Store, conn: Connection | None = None) -> None:
    """Create the search tables if missing (idempotent; checked once per process and store)."""
    if store.engine in _READY:
        return
    # no writer's lock: creating what is missing must not wait for an ingest in progress
    with _conn(store, conn, writer=False) as c:
        _meta.create_all(c)
        if backend(store) == "fts5":
            c.execute(text(_FTS_DDL))
        elif backend(store) == "postgresql":
            search_pg.create(c)
    _READY.add(store.engine)


def index_articles(store: Store, ids: Iterable[str], conn: Connection | None = None) -> int:
    """(Re)index these articles; ids that are gone or duplicates are removed. Returns documents written."""
    return _index(store, "article", ids, conn)


def index_events(store: Store, ids: Iterable[str], conn: Connection | None = None) -> int:
    """(Re)index these events (title, place, summary, facts); ids that are gone are removed."""
    return _index(store, "event", ids, conn)


def index_entities(store: Store, ids: Iterable[str], conn: Connection | None = None) -> int:
    """(Re)index these entities (name and every variant); ids that are gone are removed."""
    return _index(store, "entity", ids, conn)


def rebuild_index(store: Store) -> int:
    """Drop and rebuild the whole index (after changing the word forms, or to repair it)."""
    with store.transaction() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TABLE IF EXISTS search_fts"))
        elif store.engine.dialect.name == "postgresql":
            conn.execute(text(search_pg.DROP))
        _meta.drop_all(conn)
    _READY.discard(store.engine)
    return sync_index(store)


def sync_index(store: Store, wait: float | None = None) -> int:
    """Index every row the index has not seen and drop what no longer exists; returns documents written.

    Costs two indexed queries when nothing changed (it runs before every search). With `wait` (seconds),
    a store busy with another writer (an ingest in progress) is left for later instead of waited for:
    the search then answers from the index as it is."""
    ensure_index(store)
    with store.engine.connect() as conn:
        now = _fingerprints(conn)
        known = {r.kind: r.fingerprint for r in conn.execute(select(search_state))}
    written = 0
    for kind in KINDS:
        if known.get(kind) == now[kind]:
            continue
        try:
            with store.transaction(wait) as conn, _busy_timeout(store, conn, wait):
                src = _SOURCE[kind]
                present = select(search_docs.c.ref).where(search_docs.c.kind == kind)
                unseen = select(src.c.id).where(src.c.id.not_in(present))
                if kind == "article":
                    unseen = unseen.where(src.c.duplicate_of.is_(None))
                missing = list(conn.execute(unseen).scalars())
                gone = list(conn.execute(present.where(search_docs.c.ref.not_in(select(src.c.id)))).scalars())
                written += _index(store, kind, missing + gone, conn)
                conn.execute(delete(search_state).where(search_state.c.kind == kind))
                conn.execute(insert(search_state).values(kind=kind, fingerprint=now[kind]))
        except OperationalError as exc:
            if wait is None or not any(w in str(exc).lower() for w in ("locked", "busy", "lock timeout")):
                raise
            break  # another writer holds the store: catch up on a later search
    return written


@contextmanager
def _busy_timeout(store: Store, conn: Connection, wait: float | None) -> Iterator[None]:
    """SQLite waits up to `wait` seconds for the write lock inside this block (then the usual again).
    (On PostgreSQL `store.transaction(wait)` bounds the wait for the writer's lock.)"""
    if wait is None or store.engine.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait * 1000)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(before or 0)}")


def _fingerprints(conn: Connection) -> dict[str, str]:
    """Cheap change detectors, all answered from indexes: articles are only ever appended (seq grows);
    events and entities by their number and highest id (ids are hashes: a new one moves the maximum)."""
    a, e, n = schema.articles, schema.events, schema.entities
    row = conn.execute(
        select(
            select(func.max(a.c.seq)).scalar_subquery(),
            select(func.count()).select_from(e).scalar_subquery(),
            select(func.max(e.c.id)).scalar_subquery(),
            select(func.count()).select_from(n).scalar_subquery(),
            select(func.max(n.c.id)).scalar_subquery(),
        )
    ).one()
    return {"article": f"{row[0]}", "event": f"{row[1]}:{row[2]}", "entity": f"{row[3]}:{row[4]}"}


def _index(store: Store, kind: Kind, ids: Iterable[str], conn: Connection | None) -> int:
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    mode = backend(store)
    written = 0
    with _conn(store, conn) as c:
        ensure_index(store, c)
        for chunk in _chunks(wanted):
            old = list(
                c.execute(
                    select(search_docs.c.id).where(search_docs.c.kind == kind, search_docs.c.ref.in_(chunk))
                ).scalars()
            )
            if old:
                if mode == "fts5":
                    for sub in _chunks(old, 500):
                        marks = ",".join(str(int(i)) for i in sub)
                        c.execute(text(f"DELETE FROM search_fts WHERE rowid IN ({marks})"))
                elif mode == "postgresql":
                    search_pg.delete(c, old)
                c.execute(delete(search_docs).where(search_docs.c.id.in_(old)))
            docs = list(_DOCS[kind](c, chunk))
            if not docs:
                continue
            first = int(c.execute(select(func.coalesce(func.max(search_docs.c.id), 0))).scalar_one()) + 1
            rows, fts_rows = [], []
            for rowid, d in enumerate(docs, start=first):
                tf, bf = forms(d.title), forms(d.body)
                if mode != "like":
                    rows.append({"id": rowid, "kind": kind, "ref": d.ref})
                    fts_rows.append({
                        "rowid": rowid, "kind": kind, "ref": d.ref,
                        "tk": tf.key, "ts": tf.stem, "tx": tf.skel,
                        "bk": bf.key, "bs": bf.stem, "bx": bf.skel,
                    })  # fmt: skip
                else:
                    rows.append({"id": rowid, "kind": kind, "ref": d.ref, "title_terms": _terms(tf),
                                 "body_terms": _terms(bf)})  # fmt: skip
            c.execute(insert(search_docs), rows)
            if mode == "fts5":
                c.execute(_FTS_INSERT, fts_rows)
            elif mode == "postgresql":
                search_pg.insert(c, fts_rows)
            written += len(docs)
    return written


def _terms(f: Forms) -> str:
    """The LIKE backend's terms: every form of every word, tagged: ' k:key s:stem x:skeleton '."""
    parts = [f"k:{w}" for w in f.key.split()]
    parts += [f"s:{w}" for w in f.stem.split()]
    parts += [f"x:{w}" for w in f.skel.split()]
    return " " + " ".join(parts) + " "


@contextmanager
def _conn(store: Store, conn: Connection | None, writer: bool = True) -> Iterator[Connection]:
    """The caller's connection (inside its transaction), or a (writer's) transaction of our own."""
    if conn is not None:
        yield conn
        return
    with store.transaction() if writer else store.engine.begin() as own:
        yield own


def _chunks(items: list, size: int = 900) -> Iterator[list]:  # type: ignore[type-arg]
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --------------------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class Word:
    """One query word in its three forms."""

    key: str
    stem: str
    skel: str | None


@dataclass
class Query:
    """A parsed query: its words, and alternative spellings (each a word list) found through entities."""

    words: list[Word]
    alternatives: list[list[Word]] = field(default_factory=list)

    @property
    def all_words(self) -> list[Word]:
        return self.words + [w for alt in self.alternatives for w in alt]


def _word(key: str) -> Word:
    return Word(key, light_stem(key), skeleton(key))


def parse_query(query: str) -> Query:
    """Query text -> words (stop words dropped unless nothing else is left), at most MAX_QUERY_WORDS."""
    keys = key_words(query)
    content = [k for k in keys if k not in _stopwords()]
    keys = (content or keys)[:MAX_QUERY_WORDS]
    return Query([_word(k) for k in keys])


def _fts_word(w: Word) -> str:
    alts = [f"{{t_key b_key}} : {_quote(w.key)}", f"{{t_stem b_stem}} : {_quote(w.stem)}"]
    if w.skel:
        alts.append(f"{{t_skel b_skel}} : {_quote(w.skel)}")
    return "(" + " OR ".join(alts) + ")"


def _fts_expr(q: Query) -> str:
    groups = [q.words, *q.alternatives]
    return " OR ".join("(" + " AND ".join(_fts_word(w) for w in g) + ")" for g in groups if g)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass
class SearchPage:
    """One page of results and the number of results in all."""

    total: int
    items: list[dict[str, object]]


def search(
    store: Store, query: str, limit: int = 20, offset: int = 0, kinds: Sequence[str] | None = None
) -> list[dict[str, object]]:
    """Best matches first: dicts {kind, id, title, snippet, score, ...} (see `search_page`)."""
    return search_page(store, query, limit, offset, kinds).items


def search_page(
    store: Store, query: str, limit: int = 20, offset: int = 0, kinds: Sequence[str] | None = None
) -> SearchPage:
    """Search articles, events and entities (or only `kinds`).

    Each item: `kind` ("article" | "event" | "entity"), `id`, `title`, `snippet` (display text around the
    first match), `score` (higher is better; comparable within one query), and per kind: `source`,
    `published` (article); `date`, `place`, `story` (event); `type` (entity).
    """
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    wanted = [k for k in KINDS if kinds is None or k in kinds]
    q = parse_query(query)
    if not q.words or not wanted:
        return SearchPage(0, [])
    sync_index(store, wait=SYNC_WAIT)
    with store.engine.connect() as conn:
        q.alternatives = _entity_alternatives(store, conn, q)
        mode = backend(store)
        if mode == "fts5":
            total, hits = _fts_search(conn, q, limit, offset, wanted)
        elif mode == "postgresql":
            total, hits = search_pg.find(conn, [q.words, *q.alternatives], limit, offset, wanted)
        else:
            total, hits = _like_search(conn, q, limit, offset, wanted)
        items = _describe(conn, hits, q)
    return SearchPage(total, items)


def _fts_match(q: Query, wanted: Sequence[str]) -> str:
    """The MATCH expression: the query, and a filter on the `kind` column unless every kind is wanted."""
    expr = _fts_expr(q)
    if set(KINDS) <= set(wanted):
        return expr
    return "kind : (" + " OR ".join(_quote(k) for k in wanted) + f") AND ({expr})"


_TIE_MARGIN = 50


def _fts_search(
    conn: Connection, q: Query, limit: int, offset: int, wanted: Sequence[str]
) -> tuple[int, list[tuple[str, str, float]]]:
    match = {"expr": _fts_match(q, wanted)}
    total = conn.execute(
        text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :expr"), match
    ).scalar_one()
    weights = ", ".join(str(w) for w in _WEIGHTS)
    # ranked by score alone in SQL (a tie-break on `ref` there makes SQLite read every match's ref: 5x
    # slower on a common word over 31.5k articles), ties broken here among the best `offset + limit`
    # and a margin
    rows = conn.execute(
        text(
            f"SELECT kind, ref, bm25(search_fts, {weights}) AS rank FROM search_fts"
            " WHERE search_fts MATCH :expr ORDER BY rank LIMIT :n"
        ),
        {**match, "n": offset + limit + _TIE_MARGIN},
    ).all()
    best = sorted((float(r.rank), r.ref, r.kind) for r in rows)[offset : offset + limit]
    return int(total), [(kind, ref, round(-rank, 4)) for rank, ref, kind in best]


def _like(column: str, term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {column}{escaped} %"


def _like_search(
    conn: Connection, q: Query, limit: int, offset: int, wanted: Sequence[str]
) -> tuple[int, list[tuple[str, str, float]]]:
    d = search_docs.c
    score_parts = []
    groups = []
    for g in [q.words, *q.alternatives]:
        conds = []
        for w in g:
            alts = []
            for prefix, term, weight in (("k:", w.key, 4), ("s:", w.stem, 2), ("x:", w.skel, 1)):
                if not term:
                    continue
                for col, factor in ((d.title_terms, 2.5), (d.body_terms, 1)):
                    cond = col.like(_like(prefix, term), escape="\\")
                    alts.append(cond)
                    score_parts.append(case((cond, weight * factor), else_=0.0))
            conds.append(or_(*alts))
        groups.append(and_(*conds))
    match = and_(d.kind.in_(wanted), or_(*groups))
    total = conn.execute(select(func.count()).select_from(search_docs).where(match)).scalar_one()
    score = sum(score_parts[1:], score_parts[0]).label("score")  # type: ignore[arg-type]
    rows = conn.execute(
        select(d.kind, d.ref, score).where(match).order_by(literal_column("score").desc(), d.ref)
        .limit(limit).offset(offset)
    ).all()  # fmt: skip
    return int(total), [(r.kind, r.ref, float(r.score)) for r in rows]


_MAX_ALTERNATIVES = 8


def _entity_alternatives(store: Store, conn: Connection, q: Query) -> list[list[Word]]:
    """Other spellings of the query from the entities it names (a whole variant, or words of one)."""
    n = schema.entities
    mode = backend(store)
    if mode == "fts5":
        query = text("SELECT ref FROM search_fts WHERE search_fts MATCH :expr ORDER BY rank LIMIT 5")
        refs = list(conn.execute(query, {"expr": _fts_match(q, ["entity"])}).scalars())
    elif mode == "postgresql":
        _, hits = search_pg.find(conn, [q.words], 5, 0, ["entity"])
        refs = [ref for _k, ref, _s in hits]
    else:
        _, hits = _like_search(conn, q, 5, 0, ["entity"])
        refs = [ref for _k, ref, _s in hits]
    if not refs:
        return []
    qsk = [w.skel or w.key for w in q.words]
    m = len(qsk)
    seen: set[tuple[str, ...]] = set()
    out: list[list[Word]] = []
    for r in conn.execute(select(n.c.name, n.c.variants).where(n.c.id.in_(refs))):
        names = [r.name] + [v for v in _json_list(r.variants) if isinstance(v, str)]
        spelled = [key_words(v) for v in dict.fromkeys(names)]
        skels = [[skeleton(k) or k for k in v] for v in spelled]  # once per form, not per pair
        for v, vsk in zip(spelled, skels, strict=True):
            for i in range(len(v) - m + 1):
                if vsk[i : i + m] != qsk:
                    continue
                for w, wsk in zip(spelled, skels, strict=True):
                    if m == len(v):
                        alt, ask = w, wsk
                    elif len(w) == len(v):
                        alt, ask = w[i : i + m], wsk[i : i + m]
                    else:
                        continue
                    # Spellings the skeleton already meets (بلينكين/بلينكن), and longer names that
                    # contain the query, find nothing new and would flatten the ranking: skip them.
                    if not alt or tuple(alt) in seen or _contains(ask, qsk):
                        continue
                    # the same place in another form of a longer name is another spelling of the query
                    # (غوتيريش / جوتيريس), not another word (الحكومة in الحكومة الفرنسية / ... الجديدة)
                    if m != len(v) and not all(_near(a, b) for a, b in zip(ask, qsk, strict=True)):
                        continue
                    seen.add(tuple(alt))
                    out.append([_word(k) for k in alt])
                    if len(out) == _MAX_ALTERNATIVES:
                        return out
    return out


def _near(a: str, b: str) -> bool:
    """Two word skeletons close enough to be spellings of one name."""
    return Levenshtein.distance(a, b) <= min(2, max(1, min(len(a), len(b)) // 3))


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


# --------------------------------------------------------------------------------------- results


def _describe(conn: Connection, hits: list[tuple[str, str, float]], q: Query) -> list[dict[str, object]]:
    by_kind: dict[str, list[str]] = {}
    for kind, ref, _ in hits:
        by_kind.setdefault(kind, []).append(ref)
    info: dict[tuple[str, str], dict[str, object]] = {}
    a, e, n = schema.articles, schema.events, schema.entities
    if refs := by_kind.get("article"):
        for r in conn.execute(
            select(a.c.id, a.c.title, a.c.paragraphs, a.c.source, a.c.published).where(a.c.id.in_(refs))
        ):
            paragraphs = json.loads(r.paragraphs)
            info["article", r.id] = {
                "title": r.title or None, "snippet": snippet([r.title or "", *paragraphs], q),
                "source": r.source, "published": r.published,
                "lead": paragraphs[0] if paragraphs else None,  # names a title-less article on pages
            }  # fmt: skip
    if refs := by_kind.get("event"):
        for ev in conn.execute(
            select(e.c.id, e.c.title, e.c.summary, e.c.date, e.c.place, e.c.story_id).where(e.c.id.in_(refs))
        ):
            sentences = [s.get("text", "") for s in _json_list(ev.summary) if isinstance(s, dict)]
            info["event", ev.id] = {
                "title": ev.title, "snippet": snippet(sentences, q) if sentences else "",
                "date": ev.date, "place": ev.place, "story": ev.story_id,
            }  # fmt: skip
    if refs := by_kind.get("entity"):
        for en in conn.execute(select(n.c.id, n.c.name, n.c.type, n.c.variants).where(n.c.id.in_(refs))):
            variants = [v for v in _json_list(en.variants) if isinstance(v, str)]
            info["entity", en.id] = {"title": en.name, "snippet": "، ".join(variants[:8]), "type": en.type}
    blank = dict.fromkeys(("source", "published", "date", "place", "story", "type"))
    return [
        {"kind": kind, "id": ref, "score": score, **blank, **info[kind, ref]}
        for kind, ref, score in hits
        if (kind, ref) in info
    ]


def snippet(texts: Sequence[str], q: Query, width: int = 220) -> str:
    """Display text around the first word that matches the query in any form (else the start)."""
    wanted_keys = {w.key for w in q.all_words}
    wanted_stems = {w.stem for w in q.all_words}
    wanted_skels = {w.skel for w in q.all_words if w.skel}
    for t in texts:
        t = clean_display(t or "")
        for m in _DISPLAY_WORD.finditer(t):
            k = _display_key(m.group())
            if k in wanted_keys or light_stem(k) in wanted_stems or skeleton(k) in wanted_skels:
                return _window(t, m.start(), m.end(), width)
    first = next((clean_display(t) for t in texts if t and t.strip()), "")
    return _window(first, 0, 0, width)


def _window(t: str, start: int, end: int, width: int) -> str:
    lo = max(0, start - width // 3)
    hi = min(len(t), max(end, lo) + width)
    if lo > 0:
        space = t.find(" ", lo)
        lo = space + 1 if 0 <= space < start else lo
    if hi < len(t):
        space = t.rfind(" ", end, hi)
        hi = space if space > end else hi
    return ("…" if lo > 0 else "") + t[lo:hi].strip() + ("…" if hi < len(t) else "")
