"""The store's schema in SQLAlchemy Core, with its version and migrations.

One schema for every backend (SQLite by default, PostgreSQL by URL). `SCHEMA_VERSION` goes up by
one with every change, and `MIGRATIONS[n]` brings a store from version n-1 to n.

Strings compare as SQLite compares them on every backend: on PostgreSQL the string columns are
unbounded (SQLite never enforces a length, so neither may PostgreSQL refuse a long page name) and use
the "C" collation (byte order, whatever the database's locale), so every ORDER BY, min and max gives
the same answer on both. The SQLite DDL is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    insert,
    select,
)

SCHEMA_VERSION = 6


def Str(length: int) -> String:
    """VARCHAR(length) on SQLite; unbounded VARCHAR COLLATE "C" on PostgreSQL."""
    return String(length).with_variant(String(collation="C"), "postgresql")  # type: ignore[return-value]


def SortedText() -> Text:
    """TEXT, byte-ordered on PostgreSQL as on SQLite (for text columns that are sorted on)."""
    return Text().with_variant(Text(collation="C"), "postgresql")  # type: ignore[return-value]


metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", Str(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# One row per distinct page content: re-reading the same bytes under the same name is a no-op.
pages = Table(
    "pages",
    metadata,
    Column("name", Str(1024), primary_key=True),
    Column("content_hash", Str(32), primary_key=True),
    Column("origin", Text, nullable=False),
    Column("kind", Str(16), nullable=False),
    Column("articles", Integer, nullable=False),
    Column("dropped", Text, nullable=False),  # JSON: lines dropped outside any article
    Column("seq", Integer, nullable=False),  # ingest order
)

articles = Table(
    "articles",
    metadata,
    Column("id", Str(32), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),  # ingest order: earlier wins as original
    Column("page", Str(1024), nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text),
    Column("subtitle", Text),
    Column("dateline", Text),
    Column("source", Text),
    Column("published", Str(10)),
    Column("url", Text),
    Column("language", Str(8), nullable=False),
    Column("paragraphs", Text, nullable=False),  # JSON list of strings
    Column("dropped", Text, nullable=False),  # JSON list of {line, text, reason}
    Column("duplicate_of", Str(32)),
    Column("similarity", Integer),  # percent, for near-duplicates
    Column("content_hash", Str(32), nullable=False),
    Column("signature", LargeBinary),  # MinHash signature, little-endian uint32
)
Index("ix_pages_seq", pages.c.seq)
Index("ix_articles_content_hash", articles.c.content_hash)
Index("ix_articles_page", articles.c.page)
# schema 3: an article's duplicates, and how many articles are duplicates, off an index (rows are large)
Index("ix_articles_duplicate_of", articles.c.duplicate_of)

# LSH bands of the MinHash signatures: candidates for near-duplicates come from equal bands.
article_bands = Table(
    "article_bands",
    metadata,
    Column("band", BigInteger, nullable=False),
    Column("article_id", Str(32), nullable=False),
)
Index("ix_article_bands_band", article_bands.c.band)

# The key of each article's lead under its source (`clean.teasers.lead_key`, schema 6): a later article
# of the same source printing it below its own lead prints a teaser of that article.
article_leads = Table(
    "article_leads",
    metadata,
    Column("key", BigInteger, nullable=False),
    Column("article_id", Str(32), nullable=False),
)
Index("ix_article_leads_key", article_leads.c.key)

# Events: the grouping stage's state per event (opaque JSON to the store) and what the export shows.
events = Table(
    "events",
    metadata,
    Column("id", Str(32), primary_key=True),
    Column("seq", Integer, nullable=False),  # creation order
    Column("title", Text),
    Column("date", Str(10)),
    Column("place", Text),
    Column("story_id", Str(32)),
    Column("state", Text, nullable=False),  # JSON
    Column("summary", Text, nullable=False, default="[]"),  # JSON [{text, articles}]
    Column("facts", Text, nullable=False, default="[]"),  # JSON [{text, value, unit, articles, status}]
    # schema 3: the date to list by, '' when undated (last in a descending order on every backend, where
    # NULL is first on one and last on the other), so that the latest events are read off an index
    Column("order_date", Str(10), nullable=False, server_default=""),
)
# a story's events, in time order, read off the index alone (schema 3, in place of one on story_id,
# which this index begins with: event rows are large, and each index on them costs every write)
Index("ix_events_story_time", events.c.story_id, events.c.date, events.c.seq, events.c.id)
Index("ix_events_order", events.c.order_date.desc(), events.c.seq)

# Why each article is in its event: the parts of the score, shared dates, places, actors, passages.
article_events = Table(
    "article_events",
    metadata,
    Column("article_id", Str(32), primary_key=True),
    Column("event_id", Str(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),  # JSON
)
Index("ix_article_events_event", article_events.c.event_id)

stories = Table(
    "stories",
    metadata,
    Column("id", Str(32), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("title", Text),
    Column("state", Text, nullable=False),  # JSON
    # schema 3: kept with the story at grouping time, so that listing stories reads an index instead
    # of aggregating every event on each request; order_date is the latest date, '' when undated
    Column("events_count", Integer, nullable=False, server_default="0"),
    Column("first_date", Str(10)),
    Column("latest_date", Str(10)),
    Column("order_date", Str(10), nullable=False, server_default=""),
)
Index("ix_stories_order", stories.c.order_date.desc(), stories.c.seq)

# Key/value state of the grouping stages (document frequencies, counters), JSON values.
group_state = Table(
    "group_state",
    metadata,
    Column("key", Str(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# The posting lists of the event and story indexes (schema 4; before, they were part of the index's
# `group_state` value): read by key as a run looks its articles up, written where they changed.
index_postings = Table(
    "index_postings",
    metadata,
    Column("kind", Str(16), primary_key=True),  # "events" | "stories"
    Column("key", Str(512), primary_key=True),
    Column("ids", Text, nullable=False),  # JSON list, most recent last
)

# The spelling keys each entity is found by when a run attaches its entities to the stored ones
# (schema 4): a run looks up its own spellings instead of reading every entity.
entity_keys = Table(
    "entity_keys",
    metadata,
    Column("type", Str(8), primary_key=True),
    Column("key", Str(512), primary_key=True),
    Column("entity_id", Str(32), primary_key=True),
)
Index("ix_entity_keys_entity", entity_keys.c.entity_id)

# Article features the grouping reads (so events can be rebuilt without re-reading articles).
article_features = Table(
    "article_features",
    metadata,
    Column("article_id", Str(32), primary_key=True),
    Column("features", Text, nullable=False),  # JSON
)

# Who said what: quotes with their speaker as written. A quote's event is its article's (read through
# article_events, so merges rewrite nothing here) and its speaker's entity is found when read
# (`groups.speaker_entities`); event_id and speaker_entity are not written (kept for older stores).
quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Str(32)),
    Column("article_id", Str(32), nullable=False),
    Column("speaker", Text),
    Column("speaker_entity", Str(32)),
    Column("text", Text, nullable=False),
    Column("paragraph", Integer),
)
Index("ix_quotes_event", quotes.c.event_id)
Index("ix_quotes_article", quotes.c.article_id)

# Canonical entities across spellings, and where they appear.
entities = Table(
    "entities",
    metadata,
    Column("id", Str(32), primary_key=True),
    Column("name", SortedText(), nullable=False),
    Column("type", Str(8), nullable=False),  # PER | ORG | LOC | MISC
    Column("variants", Text, nullable=False),  # JSON list of surface forms
    Column("key", Text, nullable=False),  # matching key of the canonical name
    # kept with the entity (schema 2) so that listing entities by prominence reads an index, not
    # an aggregate over every entity-article link
    Column("mentions", Integer, nullable=False, server_default="0"),
    Column("articles_count", Integer, nullable=False, server_default="0"),
    # schema 3: how many events its articles are in, and the (at most 20) where it is named most, for the
    # entity list (a prominent name is in thousands of articles: listing all its events per row is slow)
    Column("events_count", Integer, nullable=False, server_default="0"),
    Column("top_events", Text, nullable=False, server_default="[]"),  # JSON list of event ids
)
Index("ix_entities_key", entities.c.key)
Index("ix_entities_mentions", entities.c.mentions)
entity_articles = Table(
    "entity_articles",
    metadata,
    Column("entity_id", Str(32), nullable=False),
    Column("article_id", Str(32), nullable=False),
    Column("mentions", Integer, nullable=False),
)
Index("ix_entity_articles_entity", entity_articles.c.entity_id)
Index("ix_entity_articles_article", entity_articles.c.article_id)


def _v2_entity_counts(conn: Connection) -> None:
    """Schema 2: entities carry their mention and article counts."""
    for column in ("mentions", "articles_count"):
        conn.exec_driver_sql(f"ALTER TABLE entities ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
    conn.exec_driver_sql(
        "UPDATE entities SET "
        "mentions = (SELECT COALESCE(SUM(l.mentions), 0) FROM entity_articles l "
        "WHERE l.entity_id = entities.id), "
        "articles_count = (SELECT COUNT(DISTINCT l.article_id) FROM entity_articles l "
        "WHERE l.entity_id = entities.id)"
    )
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_entities_mentions ON entities (mentions)")


TOP_EVENTS = 20


def top_events(links: Iterable[tuple[str, str, int]]) -> dict[str, tuple[int, list[str]]]:
    """entity -> (how many events, the `TOP_EVENTS` events it is named most in) from (entity, event,
    mentions) triples; ties by event id."""
    per: dict[str, dict[str, int]] = {}
    for ent, ev, n in links:
        d = per.setdefault(ent, {})
        d[ev] = d.get(ev, 0) + n
    return {e: (len(d), sorted(d, key=lambda ev: (-d[ev], ev))[:TOP_EVENTS]) for e, d in per.items()}


def _v3_list_orders(conn: Connection) -> None:
    """Schema 3: events and stories carry the date they are listed by; stories their event count and
    dates; entities their event count and top events."""
    for ddl in (
        "ALTER TABLE events ADD COLUMN order_date VARCHAR(10) NOT NULL DEFAULT ''",
        "ALTER TABLE stories ADD COLUMN events_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE stories ADD COLUMN first_date VARCHAR(10)",
        "ALTER TABLE stories ADD COLUMN latest_date VARCHAR(10)",
        "ALTER TABLE stories ADD COLUMN order_date VARCHAR(10) NOT NULL DEFAULT ''",
        "ALTER TABLE entities ADD COLUMN events_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE entities ADD COLUMN top_events TEXT NOT NULL DEFAULT '[]'",
        "UPDATE events SET order_date = COALESCE(date, '')",
        "UPDATE stories SET "
        "events_count = (SELECT COUNT(*) FROM events e WHERE e.story_id = stories.id), "
        "first_date = (SELECT MIN(e.date) FROM events e WHERE e.story_id = stories.id), "
        "latest_date = (SELECT MAX(e.date) FROM events e WHERE e.story_id = stories.id)",
        "UPDATE stories SET order_date = COALESCE(latest_date, '')",
        "CREATE INDEX IF NOT EXISTS ix_events_order ON events (order_date DESC, seq)",
        "CREATE INDEX IF NOT EXISTS ix_stories_order ON stories (order_date DESC, seq)",
        "CREATE INDEX IF NOT EXISTS ix_events_story_time ON events (story_id, date, seq, id)",
        "DROP INDEX IF EXISTS ix_events_story",
        "CREATE INDEX IF NOT EXISTS ix_articles_duplicate_of ON articles (duplicate_of)",
    ):
        conn.exec_driver_sql(ddl)
    q = (
        "SELECT l.entity_id, ae.event_id, l.mentions FROM entity_articles l "
        "JOIN article_events ae ON ae.article_id = l.article_id"
    )
    rows = [
        {"eid": e, "n": n, "top": json.dumps(top, ensure_ascii=False)}
        for e, (n, top) in top_events((e, ev, n) for e, ev, n in conn.exec_driver_sql(q)).items()
    ]
    if rows:
        conn.execute(
            entities.update()
            .where(entities.c.id == bindparam("eid"))
            .values(events_count=bindparam("n"), top_events=bindparam("top")),
            rows,
        )


def entity_key_rows(rows: Iterable[Any]) -> list[dict[str, str]]:
    """`entity_keys` rows of entity rows (with id, type and variants as JSON)."""
    from marsad.extract.entities import spelling_keys

    return [
        {"type": r["type"], "key": k, "entity_id": r["id"]}
        for r in rows
        for k in spelling_keys(json.loads(r["variants"]))
    ]


def _v4_lookups(conn: Connection) -> None:
    """Schema 4: posting lists and entity spelling keys in tables of their own. The lists still in
    `group_state` are moved there by the next grouping run, which reads such a store whole once
    (`Grouping`); the keys are computed here."""
    metadata.create_all(conn, tables=[index_postings, entity_keys])
    conn.execute(entity_keys.delete())  # the keys of every entity, computed afresh
    rows = entity_key_rows(
        r._mapping for r in conn.execute(select(entities.c.id, entities.c.type, entities.c.variants))
    )
    for i in range(0, len(rows), 20000):
        conn.execute(insert(entity_keys), rows[i : i + 20000])


def _v5_published_days(conn: Connection) -> None:
    """Schema 5: every article's publication date is YYYY-MM-DD or null (a record's metadata date was
    stored as given: `2017-05-23T21:20:00+01:00`, `Fri, 03 May 2013 10:20:00 GMT`)."""
    from marsad.text.dates import published_day

    q = select(articles.c.id, articles.c.published).where(articles.c.published.is_not(None))
    rows = []
    for aid, was in conn.execute(q).all():
        day = published_day(was)
        if day != was:
            rows.append({"aid": aid, "day": day})
    if rows:
        update = articles.update().where(articles.c.id == bindparam("aid"))
        conn.execute(update.values(published=bindparam("day")), rows)


def _v6_article_leads(conn: Connection) -> None:
    """Schema 6: the keys of the stored articles' leads (teasers are told by them)."""
    from marsad.clean.teasers import lead_key

    metadata.create_all(conn, tables=[article_leads])
    conn.execute(article_leads.delete())  # the keys of every article, computed afresh
    q = select(articles.c.id, articles.c.source, articles.c.paragraphs).order_by(articles.c.seq)
    rows = []
    for aid, source, paragraphs in conn.execute(q):
        first = json.loads(paragraphs)[:1]
        key = lead_key(source, first[0]) if first else None
        if key is not None:
            rows.append({"key": key, "article_id": aid})
    if rows:
        conn.execute(insert(article_leads), rows)


MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    2: _v2_entity_counts,
    3: _v3_list_orders,
    4: _v4_lookups,
    5: _v5_published_days,
    6: _v6_article_leads,
}
