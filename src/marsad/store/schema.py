"""The store's schema in SQLAlchemy Core, with its version and migrations.

One schema for every backend (SQLite by default, PostgreSQL by URL). `SCHEMA_VERSION` goes up by
one with every change, and `MIGRATIONS[n]` brings a store from version n-1 to n.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 1

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# One row per distinct page content: re-reading the same bytes under the same name is a no-op.
pages = Table(
    "pages",
    metadata,
    Column("name", String(1024), primary_key=True),
    Column("content_hash", String(32), primary_key=True),
    Column("origin", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("articles", Integer, nullable=False),
    Column("dropped", Text, nullable=False),  # JSON: lines dropped outside any article
    Column("seq", Integer, nullable=False),  # ingest order
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),  # ingest order: earlier wins as original
    Column("page", String(1024), nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text),
    Column("subtitle", Text),
    Column("dateline", Text),
    Column("source", Text),
    Column("published", String(10)),
    Column("url", Text),
    Column("language", String(8), nullable=False),
    Column("paragraphs", Text, nullable=False),  # JSON list of strings
    Column("dropped", Text, nullable=False),  # JSON list of {line, text, reason}
    Column("duplicate_of", String(32)),
    Column("similarity", Integer),  # percent, for near-duplicates
    Column("content_hash", String(32), nullable=False),
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
    Column("article_id", String(32), nullable=False),
)
Index("ix_article_bands_band", article_bands.c.band)

MIGRATIONS: dict[int, Callable[[Connection], None]] = {}
