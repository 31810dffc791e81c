"""A store for the web, API, search and browser tests: the example pages through the real engine, an XSS
payload ingested as a JSON Lines record, and, where the engine does not fill them yet, events, stories,
entities, quotes, summaries and facts written directly into their tables.

The tests find things through the data (the Rome 2021 event is the event of the article of page
004_*.txt), never by a hard-coded id, so they hold unchanged once the engine fills every table itself.
The store is built once per test session and copied for each test module.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from conftest import EXAMPLES, copy_store
from marsad.engine import ingest
from marsad.ingest import read_inputs
from marsad.store import Store
from marsad.store.schema import (
    article_events,
    articles,
    entities,
    entity_articles,
    events,
    stories,
)
from marsad.text.normalize import match_key

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
ENTITIES = [
    ("ent-blinken", "أنتوني بلينكن", "PER", ["أنتوني بلينكن", "بلينكن", "أنتوني بلينكين", "بلينكين"]),
    ("ent-dimaio", "لويجي دي مايو", "PER", ["لويغي دي مايو", "لويجي دي مايو", "دي مايو"]),
    ("ent-rome", "روما", "LOC", ["روما"]),
    ("ent-isis", "داعش", "ORG", ["داعش", "تنظيم داعش"]),
]


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
    """Ingest the example pages and the XSS record into a new store at `path`, then fill what is empty."""
    store = Store.open(str(path))
    record = path.parent / "xss.jsonl"
    record.write_text(json.dumps(XSS_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    pages = [str(p) for p in sorted(EXAMPLES.glob("*.txt"))] + [str(record)]
    ingest(store, read_inputs(pages))
    _fill_events(store)
    _fill_entities(store)
    _fill_rome_details(store)
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


def _count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def _fill_events(store: Store) -> None:
    """Events and stories by the hand annotation, when the engine made none."""
    if _count(store, events):
        return
    rome = [page_article(store, "000_"), page_article(store, "003_"), page_article(store, "004_")]
    groups = [
        ("ev-rome", "اجتماع التحالف الدولي ضد داعش في روما", "2021-06-28", "روما", "st-coalition", rome),
        ("ev-washington", "اجتماع التحالف في واشنطن", "2019-02-06", "واشنطن", "st-coalition",
         [page_article(store, "001_")]),
        ("ev-marrakech", "اجتماع التحالف في مراكش", "2022-05-11", "مراكش", "st-coalition",
         [page_article(store, "002_")]),
        ("ev-xss", XSS_TITLE, "2024-03-01", None, "st-xss", [xss_article(store)]),
    ]  # fmt: skip
    with store.transaction() as conn:
        conn.execute(insert(stories), [
            {"id": "st-coalition", "seq": 0, "title": "التحالف الدولي في مواجهة داعش", "state": "{}"},
            {"id": "st-xss", "seq": 1, "title": XSS_TITLE, "state": "{}"},
        ])  # fmt: skip
        for seq, (eid, title, date, place, story, members) in enumerate(groups):
            conn.execute(insert(events).values(
                id=eid, seq=seq, title=title, date=date, place=place, story_id=story, state="{}",
                summary="[]", facts="[]",
            ))  # fmt: skip
            for i, aid in enumerate(members):
                why = {"cosine": 0.41, "date": 0.2, "days_apart": 0, "shared_places": [place or ""],
                       "shared_actors": ["بلينكن"], "reused_passages": 3} if i else {"new": True}  # fmt: skip
                conn.execute(insert(article_events).values(
                    article_id=aid, event_id=eid, score=0.62 if i else 1.0, explanation=json.dumps(why)
                ))  # fmt: skip


def _fill_entities(store: Store) -> None:
    """The annotated entities and where they are named, when the engine extracted none."""
    if _count(store, entities):
        return
    with store.engine.connect() as conn:
        texts = {
            r.id: match_key(" ".join([r.title or "", *json.loads(r.paragraphs)]))
            for r in conn.execute(select(articles.c.id, articles.c.title, articles.c.paragraphs))
        }
    with store.transaction() as conn:
        for eid, name, type_, variants in ENTITIES:
            conn.execute(insert(entities).values(
                id=eid, name=name, type=type_, key=match_key(name),
                variants=json.dumps(variants, ensure_ascii=False),
            ))  # fmt: skip
            keys = sorted({match_key(v) for v in variants}, key=len, reverse=True)
            for aid, text in texts.items():
                n = max(text.count(k) for k in keys)
                if n:
                    conn.execute(insert(entity_articles).values(entity_id=eid, article_id=aid, mentions=n))


def _fill_rome_details(store: Store) -> None:
    """A cited summary and facts (agreed and in conflict) for the Rome event, when it has none."""
    rome = rome_event(store)
    with store.engine.connect() as conn:
        row = conn.execute(select(events.c.summary, events.c.facts).where(events.c.id == rome)).one()
        members = list(
            conn.execute(
                select(article_events.c.article_id).where(article_events.c.event_id == rome)
            ).scalars()
        )
    kyiv = page_article(store, "004_")
    others = [a for a in members if a != kyiv] or [kyiv]
    with store.transaction() as conn:
        if json.loads(row.summary or "[]") == []:
            summary = [
                {
                    "text": "اجتمع وزراء التحالف الدولي ضد «داعش» في روما في 28 يونيو 2021.",
                    "articles": members,
                },
                {"text": "وأعلن بلينكين مساعدات إنسانية جديدة بقيمة 436 مليون دولار.", "articles": [kyiv]},
            ]
            conn.execute(update(events).where(events.c.id == rome).values(
                summary=json.dumps(summary, ensure_ascii=False)
            ))  # fmt: skip
        if json.loads(row.facts or "[]") == []:
            facts = [
                {"text": "مساعدات إنسانية أمريكية جديدة", "value": 436000000, "unit": "USD",
                 "articles": [kyiv, *others[:1]], "status": "agreed"},
                {"text": "عدد أعضاء التحالف", "value": 83, "unit": None, "articles": members,
                 "status": "conflict"},
            ]  # fmt: skip
            conn.execute(update(events).where(events.c.id == rome).values(
                facts=json.dumps(facts, ensure_ascii=False)
            ))  # fmt: skip
