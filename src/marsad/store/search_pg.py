"""The search index on PostgreSQL: its own full-text search over marsad's word forms.

The same three forms of every word as on SQLite (`search.forms`: matching key, light stem, skeleton)
go into three `tsvector` columns of `search_tsv`, each with the title at weight A and the body at
weight D, under a GIN index each:

- the key and the skeleton with the `simple` configuration: exact words, so that an exact spelling
  still ranks above a skeleton match (بلينكين above بلينكن for the query بلينكين);
- the light stems with PostgreSQL's `arabic` configuration (its Snowball stemmer, over the stems
  marsad already folded), or `simple` on a server without it.

A query word matches when any of its forms matches its column (`@@`); every word must match. The score
is `ts_rank` of each form, the title 2.5 times the body as on SQLite, the forms weighed key 8, stem 2,
skeleton 1. The Arabic stemmer finds a little more than light stemming does (it also strips the
preposition بـ: مجلس finds بمجلس), so a search may find a few more documents here than on SQLite.

`search_tsv` sits beside `search_docs` (kind, ref) as `search_fts` does on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    Boolean,
    Connection,
    Engine,
    and_,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)

if TYPE_CHECKING:
    from marsad.store.search import Word

DDL = (
    "CREATE TABLE IF NOT EXISTS search_tsv ("
    ' id integer PRIMARY KEY, kind varchar(8) NOT NULL, ref varchar COLLATE "C" NOT NULL,'
    " key_tsv tsvector NOT NULL, stem_tsv tsvector NOT NULL, skel_tsv tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_search_tsv_key ON search_tsv USING gin (key_tsv)",
    "CREATE INDEX IF NOT EXISTS ix_search_tsv_stem ON search_tsv USING gin (stem_tsv)",
    "CREATE INDEX IF NOT EXISTS ix_search_tsv_skel ON search_tsv USING gin (skel_tsv)",
)
DROP = "DROP TABLE IF EXISTS search_tsv"

_tsv = table(
    "search_tsv", column("id"), column("kind"), column("ref"),
    column("key_tsv"), column("stem_tsv"), column("skel_tsv"),
)  # fmt: skip

# ts_rank's weights are {D, C, B, A}: the body (D) counts 0.4 of the title (A), as 2.5:1 on SQLite.
_RANK_WEIGHTS: Any = literal_column("'{0.4, 0, 0, 1}'::float4[]")
# Key 8, stem 2, skeleton 1: without bm25's IDF (which lifts a rare exact spelling on SQLite) the key
# needs the larger step, so that an exact spelling in a body outranks another spelling in a title.
_FORM_WEIGHTS = (("key_tsv", "key", 8.0), ("stem_tsv", "stem", 2.0), ("skel_tsv", "skel", 1.0))

# Per engine (weakly held): the configuration the stems are indexed with.
_STEM_CONFIG: WeakKeyDictionary[Engine, str] = WeakKeyDictionary()


def stem_config(conn: Connection) -> str:
    """'arabic' where the server has it (PostgreSQL 12 and later ship it), else 'simple'."""
    engine = conn.engine
    found = _STEM_CONFIG.get(engine)
    if found is None:
        has = conn.execute(text("SELECT 1 FROM pg_ts_config WHERE cfgname = 'arabic'")).first()
        found = _STEM_CONFIG[engine] = "arabic" if has else "simple"
    return found


def create(conn: Connection) -> None:
    """The table and its indexes, when missing (looked up first: CREATE INDEX IF NOT EXISTS would wait
    for a writer's lock on the table even when the index is there)."""
    if conn.execute(text("SELECT to_regclass('ix_search_tsv_skel') IS NOT NULL")).scalar_one():
        return
    for statement in DDL:
        conn.execute(text(statement))


def _vector(config: str, title: str, body: str) -> str:
    """SQL for one form's tsvector: the title's words at weight A, the body's at D."""
    return (
        f"setweight(to_tsvector('{config}', :{title}), 'A')"
        f" || setweight(to_tsvector('{config}', :{body}), 'D')"
    )


def insert(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Rows {rowid, kind, ref, tk, ts, tx, bk, bs, bx}: title and body forms (key, stem, skeleton)."""
    if not rows:
        return
    config = stem_config(conn)
    conn.execute(
        text(
            "INSERT INTO search_tsv (id, kind, ref, key_tsv, stem_tsv, skel_tsv)"
            f" VALUES (:rowid, :kind, :ref, {_vector('simple', 'tk', 'bk')},"
            f" {_vector(config, 'ts', 'bs')}, {_vector('simple', 'tx', 'bx')})"
        ),
        rows,
    )


def delete(conn: Connection, ids: list[int]) -> None:
    conn.execute(_tsv.delete().where(_tsv.c.id.in_(ids)))


def _query(config: str, term: str) -> Any:
    return func.plainto_tsquery(literal_column(f"'{config}'"), term)


def _matches(col: str, config: str, term: str) -> Any:
    return _tsv.c[col].op("@@", return_type=Boolean)(_query(config, term))


def find(
    conn: Connection, groups: Sequence[Sequence[Word]], limit: int, offset: int, wanted: Sequence[str]
) -> tuple[int, list[tuple[str, str, float]]]:
    """(number of matches, [(kind, ref, score)] best first) for the word groups (any group, every word)."""
    config = {"key_tsv": "simple", "stem_tsv": stem_config(conn), "skel_tsv": "simple"}
    matched = []
    terms: dict[str, list[str]] = {col: [] for col, _, _ in _FORM_WEIGHTS}
    for g in groups:
        conds = []
        for w in g:
            alts = []
            for col, attr, _weight in _FORM_WEIGHTS:
                term = getattr(w, attr)
                if term:
                    alts.append(_matches(col, config[col], term))
                    terms[col].append(term)
            conds.append(or_(*alts))
        if conds:
            matched.append(and_(*conds))
    if not matched:
        return 0, []
    where = and_(_tsv.c.kind.in_(list(wanted)), or_(*matched))
    total = conn.execute(select(func.count()).select_from(_tsv).where(where)).scalar_one()
    parts = []
    for col, _attr, weight in _FORM_WEIGHTS:
        if terms[col]:
            # one tsquery per form: every term of the query ORed (a rank needs no AND)
            q = _query(config[col], terms[col][0])
            for term in terms[col][1:]:
                q = q.op("||")(_query(config[col], term))
            parts.append(func.ts_rank(_RANK_WEIGHTS, _tsv.c[col], q) * weight)
    score = sum(parts[1:], parts[0]).label("score")
    rows = conn.execute(
        select(_tsv.c.kind, _tsv.c.ref, score).where(where)
        .order_by(literal_column("score").desc(), _tsv.c.ref, _tsv.c.kind).limit(limit).offset(offset)
    ).all()  # fmt: skip
    return int(total), [(r.kind, r.ref, round(float(r.score), 6)) for r in rows]
