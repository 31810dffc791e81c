"""A store for the web, API, search and browser tests: the example pages and an XSS payload (a JSON Lines
record) through the real engine, nothing written by hand: what the pages show is what the engine made.

The tests find things through the data (the Rome 2021 event is the event of the article of page
004_*.txt), never by a hard-coded id. The store is built once per test session and copied for each
test module.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import EXAMPLES, copy_store
from marsad.engine import ingest
from marsad.ingest import read_inputs
from marsad.store import Store
from marsad.store.schema import (
    article_events,
    articles,
)

XSS_TITLE = "<script>alert('xss-title')</script><img src=x onerror=alert('xss-img')>"
XSS_TEXT = (
    "قال المتحدث <img src=x onerror=alert('xss-text')> إن <script>alert('xss-body')</script> الاجتماع انتهى."
)
XSS_RECORD = {
    "id": "xss-record-1",
    "title": XSS_TITLE,
    "text": XSS_TEXT + "\nوأضاف أن الوفود ستعود إلى بلادها خلال أيام بعد ختام الاجتماع في العاصمة.",
    "source": "<b>مصدر</b>",
    "published": "2024-03-01",
    "url": "javascript:alert('xss-url')",
}


# Entities as the hand annotation has them (shared/fixtures/seeds_gold.json), for when the engine
# does not extract entities yet.
def page_article(store: Store, prefix: str, position: int = 0) -> str:
    """Id of the article at `position` of the example page whose name starts with `prefix`."""
    with store.engine.connect() as conn:
        q = select(articles.c.id).where(articles.c.page.startswith(prefix), articles.c.position == position)
        return str(conn.execute(q).scalar_one())


def event_of(store: Store, article_id: str) -> str:
    with store.engine.connect() as conn:
        q = select(article_events.c.event_id).where(article_events.c.article_id == article_id)
        return str(conn.execute(q).scalar_one())


def rome_event(store: Store) -> str:
    """The Rome 2021 coalition meeting: the event of the article of page 004 (Kyiv Post, 28 June 2021)."""
    return event_of(store, page_article(store, "004_"))


def xss_article(store: Store) -> str:
    with store.engine.connect() as conn:
        return str(
            conn.execute(select(articles.c.id).where(articles.c.page == XSS_RECORD["id"])).scalar_one()
        )


def build(path: Path) -> None:
    """Ingest the example pages and the XSS record into a new store at `path`."""
    store = Store.open(str(path))
    record = path.parent / "xss.jsonl"
    record.write_text(json.dumps(XSS_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    pages = [str(p) for p in sorted(EXAMPLES.glob("*.txt"))] + [str(record)]
    ingest(store, read_inputs(pages))
    store.close()


def store_copy(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A private copy of the session's test store (built on first use) for one test module."""
    built = tmp_path_factory.getbasetemp() / "web-store" / "marsad.db"
    if not built.exists():
        built.parent.mkdir(parents=True, exist_ok=True)
        build(built)
    target = tmp_path_factory.mktemp(name) / "marsad.db"
    copy_store(built, target)
    return target


# --------------------------------------------------------------------------------------- filling
