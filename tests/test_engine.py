"""The engine and the store: idempotent re-ingest, whole pages or nothing, duplicates, the export."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from conftest import EXAMPLES
from hostile import PARAS as PARA  # three paragraphs of the Rome 2021 report
from marsad.engine import (
    EngineOptions,
    Grouping,
    Ingest,
    PageResult,
    ingest,
    process_item,
    process_page,
    reextract,
    refresh,
)
from marsad.export import write_json, write_jsonl
from marsad.group.events import EventOptions
from marsad.ingest import read_inputs
from marsad.model import BadInput, RawPage
from marsad.parallel import batch_mapper
from marsad.store import Store, StoreError, groups, queries, resolve_url, schema
from marsad.store.schema import SCHEMA_VERSION
from marsad.store.search import search_docs


def _examples() -> list[RawPage]:
    return [
        RawPage(page=p.name, text=p.read_text(encoding="utf-8"), origin=str(p))
        for p in sorted(EXAMPLES.glob("*.txt"))
    ]


def _export(store: Store) -> dict:  # type: ignore[type-arg]
    buf = io.StringIO()
    write_json(store, buf)
    return json.loads(buf.getvalue())


def _record(rid: str, paragraphs: list[str], title: str = "التحالف الدولي يتعهد «هزيمة دائمة»") -> RawPage:
    return RawPage(page=rid, text="\n".join(paragraphs), origin="t.jsonl", kind="record", title=title)


def test_reingesting_the_same_pages_changes_nothing(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    first = ingest(store, _examples())
    before = _export(store)
    processed: list[str] = []

    def mapper(items: Iterable[RawPage | BadInput], opts: EngineOptions) -> Iterator[PageResult | BadInput]:
        for item in items:
            processed.append(item.page if isinstance(item, RawPage) else item.name)
            yield process_item(item, opts)

    changed = _record("new-page", PARA[:1])
    again = ingest(store, [*_examples(), changed], mapper=mapper)
    assert first.articles == 9 and again.articles == 1
    assert again.pages_unchanged == len(_examples()) and again.pages_read == len(_examples()) + 1
    assert processed == ["new-page"]  # the stored pages are skipped before any stage runs on them
    exported = _export(store)
    assert [a for a in exported["articles"] if a["page"] != "new-page"] == before["articles"]


def test_interrupted_ingest_leaves_whole_pages_and_a_rerun_finishes_the_work(tmp_path: Path) -> None:
    pages = _examples()
    whole = Store.open(str(tmp_path / "whole.db"))
    ingest(whole, pages)
    expected = _export(whole)

    store = Store.open(str(tmp_path / "cut.db"))
    calls = {"n": 0}
    original = store.add_articles

    def dying_add_articles(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:  # page 001: its page row is written already, its articles not yet
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    store.add_articles = dying_add_articles  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        ingest(store, pages, EngineOptions(batch_articles=1))
    partial = _export(store)
    pages_done = {a["page"] for a in partial["articles"]}
    for page in pages_done:  # every stored page is complete
        assert [a for a in partial["articles"] if a["page"] == page] == [
            a for a in expected["articles"] if a["page"] == page
        ]
    assert pages_done == {"000_a785dc12e3e2e8e2.txt"}
    assert store.counts().pages == 1

    store.add_articles = original  # type: ignore[method-assign]
    ingest(store, pages)
    assert _export(store) == expected


def test_exact_duplicate_keeps_its_row_with_duplicate_of(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    report = ingest(store, [_record("a", PARA), _record("b", PARA)])
    arts = _export(store)["articles"]
    assert report.duplicates == 1
    assert arts[0]["duplicate_of"] is None
    assert arts[1]["duplicate_of"] == arts[0]["id"]


def test_near_duplicate_with_other_spelling_and_a_changed_word_is_found(tmp_path: Path) -> None:
    near = [p.replace("أكد", "اكد").replace("الإرهابي", "الارهابي") for p in PARA]
    near[2] = near[2].replace("واليمن", "وجيبوتي")
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, [_record("a", PARA), _record("b", near)])
    arts = _export(store)["articles"]
    assert arts[1]["duplicate_of"] == arts[0]["id"]


def test_different_articles_are_not_duplicates(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    assert all(a["duplicate_of"] is None for a in _export(store)["articles"])


def test_export_follows_the_contract_schema(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    data = _export(store)
    assert set(data) == {"articles", "events", "stories", "entities"}
    a = data["articles"][0]
    for key in (
        "id",
        "page",
        "title",
        "subtitle",
        "paragraphs",
        "source",
        "published",
        "language",
        "duplicate_of",
    ):
        assert key in a
    assert a["language"] == "ar"
    buf = io.StringIO()
    write_jsonl(store, buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert sum(x["kind"] == "article" for x in lines) == len(data["articles"])
    assert sum(x["kind"] == "event" for x in lines) == len(data["events"])
    assert {x["kind"] for x in lines} <= {"article", "event", "story", "entity"}
    in_events = [aid for e in data["events"] for aid in e["articles"]]
    assert sorted(in_events) == sorted(a["id"] for a in data["articles"])  # each article in one event
    for e in data["events"]:
        assert set(e) >= {"id", "title", "date", "place", "story", "articles", "summary", "quotes", "facts"}
    story_events = [eid for st in data["stories"] for eid in st["events"]]
    assert sorted(story_events) == sorted(e["id"] for e in data["events"])  # each event in one story


def test_the_export_is_the_same_whatever_events_are_read_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events are exported a chunk at a time (their quotes, speakers and links read per chunk, so a
    62k store exports in 450 MB, not 1.4 GB): a chunk's bounds change nothing."""
    from marsad import export

    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    whole = _export(store)
    assert len(whole["events"]) > 2 and any(e["quotes"] for e in whole["events"])
    monkeypatch.setattr(export, "EVENTS_AT_ONCE", 1)
    assert _export(store) == whole


def test_the_export_says_why_each_article_is_in_its_event(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    data = _export(store)
    copies = {a["id"] for a in data["articles"] if a["duplicate_of"]}
    for e in data["events"]:
        assert [link["article"] for link in e["links"]] == [a for a in e["articles"] if a not in copies]
        assert all(isinstance(link["score"], float) and link["explanation"] for link in e["links"])
    # an article that opened an event of its own and is not its event's first member got there by a
    # merge: its explanation says which, with the merge's score and parts
    opened = [link for e in data["events"] for link in e["links"][1:] if link["explanation"].get("new")]
    assert opened, "the example pages hold an event merged into another"
    for link in opened:
        (merge,) = link["explanation"]["merges"]
        assert merge["score"] >= EventOptions().merge_threshold and "cosine" in merge


def test_a_merge_of_stored_events_adds_its_reason_to_the_members_explanations(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    with store.engine.connect() as conn:
        links = groups.event_links(conn)
    gone, kept = sorted({event for event, _s, _x in links.values()})[:2]
    members = [a for a, (event, _s, _x) in links.items() if event == gone]
    reason = {"merged_into": kept, "score": 0.5, "cosine": 0.4}
    with store.transaction() as conn:
        groups.save_links(conn, [], [(gone, kept)], {gone: reason})
    with store.engine.connect() as conn:
        after = groups.event_links(conn)
    for a in members:
        event, _score, why = after[a]
        assert event == kept and why["merges"] == [reason]
        assert {k: v for k, v in why.items() if k != "merges"} == links[a][2]


def test_dateline_fills_source_and_publication_date(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    (a,) = [x for x in _export(store)["articles"] if x["page"].startswith("004")]
    assert a["source"] == "بوابة اوكرانيا" and a["published"] == "2021-06-28"


def test_store_has_a_schema_version_and_refuses_a_newer_one(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    with store.transaction() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    store.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


@pytest.mark.sqlite_only  # rebuilds a schema-1 table with SQLite's DROP COLUMN
def test_a_schema_1_store_gains_entity_counts_that_order_the_entity_list(tmp_path: Path) -> None:
    from marsad.store import queries

    path = str(tmp_path / "s.db")
    store = Store.open(path)
    ingest(store, read_inputs(sorted(str(p) for p in EXAMPLES.glob("*.txt"))))
    with store.transaction() as conn:
        _back_to_schema_2(conn)
        conn.exec_driver_sql("DROP INDEX ix_entities_mentions")
        conn.exec_driver_sql("ALTER TABLE entities DROP COLUMN mentions")
        conn.exec_driver_sql("ALTER TABLE entities DROP COLUMN articles_count")
        conn.exec_driver_sql("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    store.close()
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    with store.engine.connect() as conn:
        sums = "SELECT entity_id, SUM(mentions) FROM entity_articles GROUP BY entity_id"
        expected = dict(conn.exec_driver_sql(sums).all())
    page = queries.entities_page(store, limit=500)
    assert page.total == len(expected) > 10
    got = [(e["id"], e["mentions"]) for e in page.items]
    assert got == [(i, expected[i]) for i, _ in got]  # the migrated counts, as the links give them
    assert [m for _, m in got] == sorted((m for _, m in got), reverse=True)


def _back_to_schema_2(conn: Any) -> None:
    """Undo schema 3 on a SQLite store (its list columns and indexes)."""
    conn.exec_driver_sql("DROP INDEX ix_events_order")
    conn.exec_driver_sql("DROP INDEX ix_stories_order")
    conn.exec_driver_sql("DROP INDEX ix_events_story_time")
    conn.exec_driver_sql("DROP INDEX ix_articles_duplicate_of")
    conn.exec_driver_sql("CREATE INDEX ix_events_story ON events (story_id)")  # schema 2 had it
    for table, column in (
        ("events", "order_date"), ("stories", "events_count"), ("stories", "first_date"),
        ("stories", "latest_date"), ("stories", "order_date"), ("entities", "events_count"),
        ("entities", "top_events"),
    ):  # fmt: skip
        conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.exec_driver_sql("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


@pytest.mark.sqlite_only  # drops schema-3 columns with SQLite's DROP COLUMN
def test_a_schema_2_store_gains_the_list_columns_with_the_values_grouping_writes(tmp_path: Path) -> None:
    from marsad.store import queries

    path = str(tmp_path / "s.db")
    store = Store.open(path)
    ingest(store, read_inputs(sorted(str(p) for p in EXAMPLES.glob("*.txt"))))
    lists = (
        queries.stories_page(store, limit=500).items,
        queries.events_page(store, limit=500).items,
        queries.entities_page(store, limit=500).items,
    )
    assert any(s["events_count"] > 1 and s["first_date"] < s["latest_date"] for s in lists[0])
    assert any(e["events_count"] > 1 for e in lists[2])
    with store.transaction() as conn:
        _back_to_schema_2(conn)
    store.close()
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    again = (
        queries.stories_page(store, limit=500).items,
        queries.events_page(store, limit=500).items,
        queries.entities_page(store, limit=500).items,
    )
    assert again == lists  # the migration computes what grouping writes


def _back_to_schema_3(conn: Any) -> None:
    """Undo schema 4 on a store: the posting lists back inside the indexes' `group_state` value, the
    rows without the keys they were filed under."""
    for kind in ("events", "stories"):
        lists = {
            r.key: json.loads(r.ids)
            for r in conn.execute(
                select(schema.index_postings.c.key, schema.index_postings.c.ids).where(
                    schema.index_postings.c.kind == kind
                )
            )
        }
        value = json.loads(
            conn.execute(
                select(schema.group_state.c.value).where(schema.group_state.c.key == kind)
            ).scalar_one()
        )
        value["postings"] = lists
        value.pop("languages", None)
        conn.execute(
            schema.group_state.update()
            .where(schema.group_state.c.key == kind)
            .values(value=json.dumps(value, ensure_ascii=False))
        )
        table = schema.events if kind == "events" else schema.stories
        for rid, state in conn.execute(select(table.c.id, table.c.state)).all():
            row = json.loads(state)
            row.pop("filed")
            conn.execute(
                table.update().where(table.c.id == rid).values(state=json.dumps(row, ensure_ascii=False))
            )
    conn.exec_driver_sql("DROP TABLE index_postings")
    conn.exec_driver_sql("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def test_a_schema_3_store_is_read_whole_once_then_groups_as_if_it_had_always_been_schema_4(
    tmp_path: Path, shared: Path
) -> None:
    """A store whose posting lists are inside `group_state` (schema 3) is read whole by its next run,
    which writes them to their table; every later run reads what it uses, and the store ends as one
    never downgraded would."""
    pages = [p for p in read_inputs([str(shared / "data" / "ar_events_dev" / "articles.jsonl")])]
    pages = [p for p in pages if isinstance(p, RawPage)]
    stores = [Store.open(str(tmp_path / f"{name}.db")) for name in ("kept", "downgraded")]
    for store in stores:
        ingest(store, pages[:70])
    with stores[1].transaction() as conn:
        _back_to_schema_3(conn)
    stores[1].close()
    stores[1] = Store.open(str(tmp_path / "downgraded.db"))
    assert stores[1].schema_version() == SCHEMA_VERSION
    assert Grouping(Ingest(stores[1], EngineOptions())).old_form
    for part in (pages[70:110], pages[110:]):
        for store in stores:
            ingest(store, part)
        assert not Grouping(Ingest(stores[1], EngineOptions())).old_form
        assert _export(stores[0]) == _export(stores[1])
    for store in stores:
        with store.engine.connect() as conn:
            assert conn.execute(select(schema.index_postings.c.key)).first() is not None
        assert _entity_keys(store) == _entity_keys_as_computed(store)


def test_a_run_that_another_run_grouped_under_stops_before_writing_and_the_next_run_groups_its_articles(
    tmp_path: Path, shared: Path
) -> None:
    """Two ingests into one store at once: the one that finishes second would write its grouping over
    the other's with what it read before; it stops with a clear error instead, writing nothing of its
    grouping, and the next run groups the articles it stored."""
    pages = [p for p in read_inputs([str(shared / "data" / "ar_events_dev" / "articles.jsonl")])]
    pages = [p for p in pages if isinstance(p, RawPage)]
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, pages[:40])
    other = Store.open(str(tmp_path / "s.db"))
    done = []

    def meanwhile(report: Any) -> None:
        if report.pages_read == 10 and not done:
            done.append(ingest(other, pages[80:100]))

    with pytest.raises(StoreError, match="another run grouped this store"):
        ingest(store, pages[40:80], EngineOptions(batch_articles=5), on_page=meanwhile)
    assert done
    with store.engine.connect() as conn:
        stored = set(conn.execute(select(schema.articles.c.id)).scalars())
        linked = set(conn.execute(select(schema.article_events.c.article_id)).scalars())
    assert len(stored) > len(linked)  # the stopped run's last articles are stored, not grouped
    ingest(store, [])
    events, stories, indexed = _stored_rows(store)
    assert (events, stories) == _rows_as_one_write_would_have_them(store)
    with store.engine.connect() as conn:
        originals = set(
            conn.execute(
                select(schema.articles.c.id).where(schema.articles.c.duplicate_of.is_(None))
            ).scalars()
        )
        assert set(conn.execute(select(schema.article_events.c.article_id)).scalars()) == originals


def test_db_resolution_from_flag_environment_and_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MARSAD_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'marsad.db'}"
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    assert resolve_url("a/b.db").endswith("a/b.db")


def _rows_as_one_write_would_have_them(store: Store) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """The event and story rows recomputed from the stored index state, as a grouping pass that
    rewrote every row would write them (summaries and facts recomputed from the members too)."""

    grouping = Grouping(Ingest(store, EngineOptions()))
    idx, st = grouping.idx, grouping.st
    members = {eid: e.articles for eid, e in idx.events.items()}
    summaries = grouping.ingest._summaries(members, {})
    facts = grouping.ingest._event_facts(members)
    events = {
        e.id: (e.title(), e.date(), e.place(), st.story_of(e.id), summaries[e.id], facts.get(e.id, []))
        for e in idx.events.values()
    }
    stories = {}
    for sid, s in st.stories.items():
        days = sorted(d for d in (idx.events[e].date() for e in s.events) if d)
        stories[sid] = (st.title(sid, idx.events), len(s.events), days[0] if days else None,
                        days[-1] if days else None)  # fmt: skip
    return events, stories


def _stored_rows(store: Store) -> tuple[dict, dict, list[str]]:  # type: ignore[type-arg]

    with store.engine.connect() as conn:
        ev = {
            r.id: (r.title, r.date, r.place, r.story_id, json.loads(r.summary), json.loads(r.facts))
            for r in conn.execute(select(schema.events))
        }
        st = {
            r.id: (r.title, r.events_count, r.first_date, r.latest_date)
            for r in conn.execute(select(schema.stories))
        }
        indexed = sorted(
            r.ref for r in conn.execute(select(search_docs.c.ref).where(search_docs.c.kind == "event"))
        )
    return ev, st, indexed


def _stored_entities(store: Store) -> tuple[list, list, list]:  # type: ignore[type-arg]

    with store.engine.connect() as conn:
        rows = sorted(sorted(dict(r._mapping).items()) for r in conn.execute(select(schema.entities)))
        links = sorted(tuple(r) for r in conn.execute(select(schema.entity_articles)))
        indexed = sorted(
            conn.execute(select(search_docs.c.ref).where(search_docs.c.kind == "entity")).scalars()
        )
    return rows, links, indexed


def _entities_as_one_write_would_have_them(store: Store) -> tuple[list, list, list]:  # type: ignore[type-arg]

    grouping = Grouping(Ingest(store, EngineOptions()))
    rows, links = grouping.ingest._entities(grouping.idx.article_event, story_of=grouping.story_of())
    return (
        sorted(sorted(r.items()) for r in rows),
        sorted(links),
        sorted(str(r["id"]) for r in rows),
    )


def _linked_events(store: Store) -> list[str]:

    with store.engine.connect() as conn:
        return sorted(set(conn.execute(select(schema.article_events.c.event_id)).scalars()))


def test_a_store_grown_over_several_runs_holds_what_rewriting_every_row_would(
    tmp_path: Path, shared: Path
) -> None:
    """Each grouping pass writes only the events and stories it changed: after runs that open, grow,
    merge and move events between stories, every stored row is what a full rewrite would hold."""
    pages = [p for p in read_inputs([str(shared / "data" / "ar_events_dev" / "articles.jsonl")])]
    pages = [p for p in pages if isinstance(p, RawPage)]
    store = Store.open(str(tmp_path / "s.db"))
    for part in (pages[:52], pages[52:104], pages[104:]):
        ingest(store, part)
        events, stories, indexed = _stored_rows(store)
        expected_events, expected_stories = _rows_as_one_write_would_have_them(store)
        assert events == expected_events
        assert stories == expected_stories
        assert indexed == sorted(expected_events)  # the search index has every event, none gone
        assert sorted(events) == _linked_events(store)  # no event row is left without articles
        assert _stored_entities(store) == _entities_as_one_write_would_have_them(store)
    assert len(stories) < len(events) < len(pages) / 1.5  # articles were grouped
    # and events were merged: an event with two articles that each opened one
    founders: dict[str, int] = {}

    with store.engine.connect() as conn:
        for r in conn.execute(select(schema.article_events.c.event_id, schema.article_events.c.explanation)):
            founders[r.event_id] = founders.get(r.event_id, 0) + bool(json.loads(r.explanation).get("new"))
    assert max(founders.values()) >= 2


def test_reports_in_english_and_french_join_the_arabic_event_in_a_later_run(tmp_path: Path) -> None:
    """The Arabic pages are stored first; English and French records (language not given) come in a
    second run, against the reloaded index: they join the Rome event and show why."""
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    ingest(store, read_inputs([str(Path(__file__).parent / "data" / "foreign_reports.jsonl")]))
    out = _export(store)
    page_of = {a["id"]: a["page"] for a in out["articles"]}
    event_of = {page_of[a]: e for e in out["events"] for a in e["articles"]}
    rome = event_of["004_f724d4bf8a2b4533.txt"]  # the dateline-dated Arabic report of 28 June 2021
    assert event_of["en-rome"] is rome and event_of["fr-rome"] is rome
    assert event_of["en-quake"] is not rome
    langs = {a["page"]: a["language"] for a in out["articles"]}
    assert (langs["en-rome"], langs["fr-rome"]) == ("en", "fr")
    (en_rome,) = [a for a, p in page_of.items() if p == "en-rome"]
    why = queries.article(store, en_rome)["explanation"]  # type: ignore[index]
    assert why["across_languages"] is True and why["vector_cosine"] > why["cosine"]


def _entity_counts(store: Store) -> list[int]:
    with store.engine.connect() as conn:
        value = conn.execute(
            select(schema.meta.c.value).where(schema.meta.c.key == "entity_mentions")
        ).scalar_one()
    return list(json.loads(value))


def _entity_keys(store: Store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(schema.entity_keys)).all())  # type: ignore[misc]


def _entity_keys_as_computed(store: Store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        rows = [
            r._mapping
            for r in conn.execute(
                select(schema.entities.c.id, schema.entities.c.type, schema.entities.c.variants)
            )
        ]
    return sorted((k["type"], k["key"], k["entity_id"]) for k in schema.entity_key_rows(rows))


def test_a_small_run_attaches_its_entities_to_the_stored_ones_and_refresh_redoes_them_in_full(
    tmp_path: Path, shared: Path
) -> None:
    """A run adding few mentions canonicalises only its own and attaches them to the stored entities
    by spelling: stored entities keep their ids and gain the new articles, the counts agree with the
    links; `refresh` canonicalises every mention again, as one write would."""
    pages = [p for p in read_inputs([str(shared / "data" / "ar_events_dev" / "articles.jsonl")])]
    pages = [p for p in pages if isinstance(p, RawPage)]
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, pages[:120])
    full, linked = _entity_counts(store)
    assert full > 1000 and linked == 0
    before_rows, before_links, _ = _stored_entities(store)
    before = {dict(r)["id"]: dict(r) for r in before_rows}
    ingest(store, pages[120:126], EngineOptions(entities_full_share=0.5))
    full2, linked2 = _entity_counts(store)
    assert full2 == full and linked2 > 0  # attached, not canonicalised again
    rows, links, indexed = _stored_entities(store)
    after = {dict(r)["id"]: dict(r) for r in rows}
    assert set(before) <= set(after)  # nothing stored was taken apart or renamed
    with store.engine.connect() as conn:
        new_articles = set(
            conn.execute(
                select(schema.articles.c.id).order_by(schema.articles.c.seq.desc()).limit(6)
            ).scalars()
        )
        event_of = dict(
            conn.execute(select(schema.article_events.c.article_id, schema.article_events.c.event_id)).all()
        )
    gained = {e for e, a, _n in links if a in new_articles}
    assert gained & set(before)  # some new articles name entities the store knew
    assert gained - set(before)  # and some entities are new
    assert {e for e, _a, _n in links} == set(after) and indexed == sorted(after)
    assert _entity_keys(store) == _entity_keys_as_computed(store)  # the lookup table kept up
    for eid, row in after.items():  # each row's counts are those of its links
        mine = [(a, n) for e, a, n in links if e == eid]
        assert row["mentions"] == sum(n for _a, n in mine) and row["articles_count"] == len(mine)
        assert row["events_count"] == len({event_of[a] for a, _n in mine if a in event_of})
    for eid in set(before) - gained:
        assert after[eid] == before[eid]
    # a later run adding more than the share canonicalises everything again; so does refresh
    refresh(store)
    counted, since = _entity_counts(store)
    assert since == 0 and counted >= sum(r["mentions"] for r in after.values()) > full
    assert _stored_entities(store) == _entities_as_one_write_would_have_them(store)


def test_refresh_rewrites_stale_event_rows_as_a_full_rewrite_would(tmp_path: Path) -> None:
    """Event rows written by an older version (here: summaries, facts and titles blanked, one event's
    search entry dropped) are brought back by `refresh` to what rewriting every row gives."""
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    before = _stored_rows(store)
    with store.transaction() as conn:
        conn.execute(schema.events.update().values(summary="[]", facts="[]", title=None))
        conn.execute(schema.stories.update().values(title=None))
        conn.execute(search_docs.delete().where(search_docs.c.kind == "event"))
    assert _stored_rows(store) != before
    assert refresh(store) == len(before[0])
    events, stories, indexed = _stored_rows(store)
    assert (events, stories, indexed) == before
    assert (events, stories) == _rows_as_one_write_would_have_them(store)
    assert any(row[4] for row in events.values())  # summaries are back


@pytest.mark.parametrize("jobs", [1, 2])
def test_refresh_extract_brings_an_older_stores_quotes_and_entities_back(tmp_path: Path, jobs: int) -> None:
    """A store whose articles carry no quotes, facts or entity mentions (as written by a version that
    extracted less) gets them from `reextract`, serially or on workers, in batches: its export is then
    that of a fresh ingest. `refresh` alone cannot bring them back; what else an article's extracts row
    holds is kept."""
    store = Store.open(str(tmp_path / "s.db"))
    ingest(store, _examples())
    fresh = _export(store)
    with store.transaction() as conn:
        conn.execute(schema.quotes.delete())
        conn.execute(schema.article_features.update().values(features='{"marker": 1}'))
    refresh(store)
    stale = _export(store)
    assert not stale["entities"] and not any(e["quotes"] for e in stale["events"])
    n = reextract(store, mapper=batch_mapper(jobs, in_flight_per_worker=1), batch=2)
    assert n == len([a for a in fresh["articles"] if not a["duplicate_of"]])
    refresh(store)
    assert _export(store) == fresh
    with store.engine.connect() as conn:
        rows = [json.loads(x) for x in conn.execute(select(schema.article_features.c.features)).scalars()]
    assert rows and all(r["marker"] == 1 and "mentions" in r for r in rows)
    store.close()


def test_metadata_publication_dates_are_exported_as_days() -> None:
    """RSS dates, ISO timestamps and written dates in a record's `published` come out as YYYY-MM-DD (the
    export's contract); what names no day is null, and a date line in the text is used instead."""
    given = {"rss": "Fri, 03 May 2013 23:20:00 -0700", "iso": "2017-05-23T21:20:00+01:00",
             "written": "28 يونيو 2021", "none": "soon"}  # fmt: skip
    for rid, value in given.items():
        page = RawPage(page=rid, text="\n".join(PARA), origin="x.jsonl", kind="record", published=value)
        result = process_item(page, EngineOptions(group=False, extract=False))
        assert isinstance(result, PageResult)
        (keyed,) = result.articles
        assert keyed.article.published == {"rss": "2013-05-03", "iso": "2017-05-23", "written": "2021-06-28",
                                           "none": None}[rid]  # fmt: skip


def test_a_schema_4_store_has_its_publication_dates_made_days(tmp_path: Path) -> None:
    """Stores written before schema 5 kept a record's metadata date as given; opening one rewrites them."""
    path = str(tmp_path / "s.db")
    store = Store.open(path)
    ingest(store, [_record("r1", PARA), _record("r2", PARA[::-1]), _record("r3", PARA[1:])])
    given = {"r1": "Fri, 03 May 2013 10:20:00 GMT", "r2": "2017-05-23T21:20:00+01:00", "r3": "someday"}
    with store.transaction() as conn:
        for page, value in given.items():
            row = schema.articles.update().where(schema.articles.c.page == page)
            conn.execute(row.values(published=value))
        conn.exec_driver_sql("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    store.close()
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    got = {a["page"]: a["published"] for a in _export(store)["articles"]}
    assert got == {"r1": "2013-05-03", "r2": "2017-05-23", "r3": None}


def test_a_publication_day_is_given_by_the_page_or_read_from_its_dateline() -> None:
    text = "روما 28 يونيو 2021 (أ ف ب) - اجتمع وزراء خارجية التحالف الدولي في روما لبحث الحرب على داعش."
    given = process_page(
        RawPage(page="p1", text=text, origin="t", kind="record", published="2021-06-29"), EngineOptions()
    )
    read = process_page(RawPage(page="p2", text=text, origin="t", kind="record"), EngineOptions())
    assert given.articles[0].article.published_given and given.articles[0].features.published_given
    assert read.articles[0].article.published == "2021-06-28"
    assert not read.articles[0].article.published_given and not read.articles[0].features.published_given


@pytest.mark.sqlite_only  # undoes schema 3 with SQLite's DROP COLUMN, reads the file's own tables
def test_a_schema_change_cut_short_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Creating or upgrading the schema is one transaction: a failure (or a kill) half-way leaves the
    store as it was, and the next open does the whole change. SQLite commits DDL outside a
    transaction on its own, and an upgrade that had added half its columns could never run again."""
    fresh = tmp_path / "fresh.db"
    last = schema.metadata.sorted_tables[-1]

    def fail(*_: object, **__: object) -> None:
        raise RuntimeError("cut short")

    sa_event.listen(last, "after_create", fail)
    try:
        with pytest.raises(StoreError, match="cut short"):
            Store.open(str(fresh))
    finally:
        sa_event.remove(last, "after_create", fail)
    with sqlite3.connect(fresh) as con:
        assert con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == []
    assert Store.open(str(fresh)).schema_version() == SCHEMA_VERSION

    path = str(tmp_path / "s.db")
    store = Store.open(path)
    ingest(store, read_inputs(sorted(str(p) for p in EXAMPLES.glob("*.txt"))))
    with store.transaction() as conn:
        _back_to_schema_2(conn)
    store.close()
    real = schema.MIGRATIONS[3]

    def half_way(conn: Any) -> None:
        real(conn)
        raise RuntimeError("cut short")

    monkeypatch.setitem(schema.MIGRATIONS, 3, half_way)
    with pytest.raises(StoreError, match="cut short"):
        Store.open(path)
    monkeypatch.setitem(schema.MIGRATIONS, 3, real)
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert queries.stories_page(store, limit=5).items
    # opening a store at this version only reads: it does not wait for a writer's lock
    with store.transaction() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = value WHERE key = 'schema_version'")
        started = time.monotonic()
        Store.open(path).close()
        assert time.monotonic() - started < 5


def test_a_place_or_a_name_of_another_kind_that_speaks_is_linked_to_its_entity(tmp_path: Path) -> None:
    """`وقالت موسكو` speaks for the state; the quote reaches موسكو's entity page though the tagger types it
    LOC, as `أعلن البيت الأبيض` reaches a MISC one. Only the whole speaker names such an entity: the
    last words of a speaker still name a person or an organisation only."""
    store = Store.open(str(tmp_path / "s.db"))
    paragraphs = [
        "قال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده مستعدة للحوار مع الغرب حول الأزمة.",
        "وقالت موسكو إن العقوبات الأمريكية الجديدة لن تغير موقفها من الأزمة في أوكرانيا.",
    ]
    ingest(store, [_record("r1", paragraphs, title="موسكو ترفض العقوبات الأمريكية الجديدة")])
    with store.engine.connect() as conn:
        said = [(r.article_id, r.speaker) for r in conn.execute(select(schema.quotes)) if r.speaker]
        places = {r.name: r.id for r in conn.execute(select(schema.entities)) if r.type not in ("PER", "ORG")}
        assert ("موسكو" in {s for _, s in said}) and "موسكو" in places, (said, places)
        who = groups.speaker_entities(conn, said)
    moscow = next(key for key in who if key[1] == "موسكو")
    assert who[moscow] == (places["موسكو"], "موسكو")
    assert any(q["written"] == "موسكو" for q in queries.entity(store, places["موسكو"])["quotes"])
    store.close()
