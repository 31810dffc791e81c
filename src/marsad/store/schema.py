"""The store's schema in SQLAlchemy Core, with its version and migrations.

One schema for every backend (SQLite by default, PostgreSQL by URL). `SCHEMA_VERSION` goes up by
one with every change, and `MIGRATIONS[n]` brings a store from version n-1 to n.

Strings compare as SQLite compares them on every backend: on PostgreSQL the string columns are
unbounded (SQLite never enforces a length, so neither may PostgreSQL refuse a long page name) and use
the "C" collation (byte order, whatever the database's locale), so every ORDER BY, min and max gives
the same answer on both. The SQLite DDL is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

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
)

SCHEMA_VERSION = 2


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

# LSH bands of the MinHash signatures: candidates for near-duplicates come from equal bands.
article_bands = Table(
    "article_bands",
    metadata,
    Column("band", BigInteger, nullable=False),
    Column("article_id", Str(32), nullable=False),
)
Index("ix_article_bands_band", article_bands.c.band)

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
)
Index("ix_events_story", events.c.story_id)

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
)

# Key/value state of the grouping stages (document frequencies, counters), JSON values.
group_state = Table(
    "group_state",
    metadata,
    Column("key", Str(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Article features the grouping reads (so events can be rebuilt without re-reading articles).
article_features = Table(
    "article_features",
    metadata,
    Column("article_id", Str(32), primary_key=True),
    Column("features", Text, nullable=False),  # JSON
)

# Who said what: quotes with their speaker (the canonical entity name when resolved).
quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Str(32)),
    Column("article_id", Str(32), nullable=False),
    Column("speaker", Text),  # canonical name, else as written
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


MIGRATIONS: dict[int, Callable[[Connection], None]] = {2: _v2_entity_counts}
