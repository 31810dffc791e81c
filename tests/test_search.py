"""Arabic-aware search: spellings of names, diacritics, light stems, entity variants, ranking, syncing."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert

from marsad.engine import EngineOptions, ingest
from marsad.model import RawPage
from marsad.store import Store
from marsad.store import search as S
from marsad.store.schema import entities, entity_articles
from marsad.store.search import index_articles, light_stem, search, search_page, skeleton
from web_support import page_article, rome_event, store_copy

NO_GROUPING = EngineOptions(group=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store.open(str(store_copy(tmp_path_factory, "search")))
    yield s
    s.close()


def _ids(hits: list[dict[str, object]]) -> list[object]:
    return [h["id"] for h in hits]


def _records(tmp_path: Path, records: list[tuple[str, str | None, str]], like: bool = False) -> Store:
    """A small store of JSON Lines records (id, title, text)."""
    s = Store.open(str(tmp_path / "small.db"))
    pages = [
        RawPage(page=rid, text=text, origin="test", kind="record", title=title)
        for rid, title, text in records
    ]
    ingest(s, pages, NO_GROUPING)
    return s


def _article_of(store: Store, page: str) -> str:
    return page_article(store, page)


# --------------------------------------------------------------------------------------- word forms


def test_name_spellings_share_a_skeleton() -> None:
    assert skeleton("بلينكين") == skeleton("بلينكن") == "بلنكن"
    assert skeleton("بومبيو") == skeleton("بومبو")
    assert skeleton("في") is None  # too short to mean anything


def test_light_stem_strips_clitics_and_suffixes() -> None:
    assert light_stem("التحالف") == light_stem("والتحالف") == light_stem("للتحالف") == "تحالف"
    assert light_stem("المسلحين") == light_stem("مسلحون")
    assert light_stem("Blinken") == "Blinken"


# --------------------------------------------------------------------------------------- the example store


def test_blinkin_finds_articles_that_write_blinken(store: Store) -> None:
    found = _ids(search(store, "بلينكين", kinds=["article"]))
    assert _article_of(store, "003_") in found  # writes بلينكن only
    assert _article_of(store, "004_") in found  # writes بلينكين
    back = _ids(search(store, "بلينكن", kinds=["article"]))
    assert _article_of(store, "004_") in back


def test_exact_spelling_ranks_first(store: Store) -> None:
    assert _ids(search(store, "بلينكين", kinds=["article"]))[0] == _article_of(store, "004_")
    assert _ids(search(store, "بلينكن", kinds=["article"]))[0] != _article_of(store, "004_")


def test_diacritised_query_finds_the_plain_word(store: Store) -> None:
    plain = _ids(search(store, "بلينكن"))
    assert plain
    assert _ids(search(store, "بِلِينْكِنْ")) == plain
    assert _ids(search(store, "رُومَا", kinds=["article"])) == _ids(search(store, "روما", kinds=["article"]))
    assert _ids(search(store, "بلينكـــن")) == plain  # tatweel


def test_every_query_word_must_match(store: Store) -> None:
    both = set(_ids(search(store, "بلينكن روما", limit=100)))
    assert both <= set(_ids(search(store, "بلينكن", limit=100)))
    assert both <= set(_ids(search(store, "روما", limit=100)))
    assert search(store, "بلينكن زقزقةمستحيلة") == []


def test_snippet_shows_the_match_in_display_text(store: Store) -> None:
    hit = next(
        h for h in search(store, "بلينكين", kinds=["article"]) if h["id"] == _article_of(store, "003_")
    )
    assert "بلينكن" in str(hit["snippet"])


def test_events_and_entities_are_searched_too(store: Store) -> None:
    event = rome_event(store)
    hits = search(store, "بلينكين", limit=50)
    assert {h["kind"] for h in hits} >= {"article", "entity"}
    entity = next(h for h in hits if h["kind"] == "entity")
    assert entity["type"] == "PER"
    from marsad.store import queries

    title = str(queries.event(store, event)["title"])  # type: ignore[index]
    words = [w for w in title.split() if len(w) > 3][:2]
    assert event in _ids(search(store, " ".join(words), kinds=["event"], limit=100))


def test_pagination_and_totals(store: Store) -> None:
    everything = search_page(store, "داعش", limit=100)
    assert everything.total == len(everything.items) > 3
    first, second = search(store, "داعش", limit=2), search(store, "داعش", limit=2, offset=2)
    assert _ids(first) + _ids(second) == _ids(everything.items)[:4]


def test_empty_and_stopword_queries(store: Store) -> None:
    assert search(store, "") == []
    assert search(store, "   ...  ") == []
    assert search(store, "في")  # only stop words: searched as they are
    assert _ids(search(store, "في روما", limit=100)) == _ids(search(store, "روما", limit=100))


# --------------------------------------------------------------------------------------- small stores


def test_title_match_ranks_above_a_passing_mention(tmp_path: Path) -> None:
    filler = " ".join(["وتحدث المشاركون عن قضايا اقتصادية وسياسية مختلفة في المنطقة."] * 12)
    s = _records(tmp_path, [
        ("body", "اجتماع اقتصادي", filler + " وحضر الاجتماع مندوب عن مراكش."),
        ("title", "مراكش تستضيف الاجتماع", "انعقد الاجتماع اليوم بحضور الوفود."),
    ])  # fmt: skip
    hits = search(s, "مراكش")
    assert [h["id"] for h in hits][0] == page_article(s, "title")


def test_stems_match_across_clitics(tmp_path: Path) -> None:
    s = _records(tmp_path, [("r1", None, "انضمت دول جديدة للتحالف هذا العام بعد مفاوضات طويلة.")])
    assert _ids(search(s, "التحالف")) == [page_article(s, "r1")]


def test_entity_variants_widen_the_search(tmp_path: Path) -> None:
    s = _records(tmp_path, [
        ("a", None, "ترأس وزير الخارجية الإيطالي لويجي دي مايو الاجتماع في روما."),
        ("b", None, "وقال لويغي دي مايو إن على التحالف تكثيف جهوده."),
    ])  # fmt: skip
    a, b = page_article(s, "a"), page_article(s, "b")
    assert _ids(search(s, "لويغي")) == [b]  # no entity known yet: غ and ج are different letters
    with s.transaction() as conn:
        variants = ["لويغي دي مايو", "لويجي دي مايو", "دي مايو"]
        conn.execute(
            insert(entities).values(
                id="dimaio",
                name="لويجي دي مايو",
                type="PER",
                variants=json.dumps(variants, ensure_ascii=False),
                key="x",
            )
        )
        conn.execute(
            insert(entity_articles), [{"entity_id": "dimaio", "article_id": x, "mentions": 1} for x in (a, b)]
        )
    S.index_entities(s, ["dimaio"])
    assert set(_ids(search(s, "لويغي", kinds=["article"]))) == {a, b}
    assert set(_ids(search(s, "لويغي دي مايو", kinds=["article"]))) == {a, b}


def test_new_articles_are_found_without_an_explicit_index_call(tmp_path: Path) -> None:
    s = _records(tmp_path, [("r1", None, "عقد مجلس الأمن جلسة طارئة لبحث الأزمة.")])
    assert len(search(s, "مجلس الأمن")) == 1
    more = RawPage(page="r2", text="دعا مجلس الأمن إلى وقف فوري لإطلاق النار.", origin="t", kind="record")
    ingest(s, [more], NO_GROUPING)
    assert len(search(s, "مجلس الأمن")) == 2  # caught up lazily
    assert index_articles(s, [page_article(s, "r2")]) == 1
    assert index_articles(s, [page_article(s, "r2")]) == 1  # idempotent: re-indexed, not doubled
    assert len(search(s, "مجلس الأمن")) == 2
    assert index_articles(s, ["no-such-article"]) == 0


def test_like_backend_gives_the_same_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback for databases without FTS5 (PostgreSQL until its text search is wired)."""
    monkeypatch.setattr(S, "backend", lambda _store: "like")
    s = _records(tmp_path, [
        ("r1", "بلينكن في روما", "قال وزير الخارجية الأمريكي أنتوني بلينكن إن الوضع لا يمكن الدفاع عنه."),
        ("r2", None, "وترأس بلينكين الاجتماع مع نظيره الإيطالي في روما."),
        ("r3", None, "لا علاقة لهذا الخبر بالاجتماع: 100% من الأصوات_هنا."),
    ])  # fmt: skip
    r1, r2 = page_article(s, "r1"), page_article(s, "r2")
    assert _ids(search(s, "بلينكين")) == [r2, r1]  # exact spelling first, then the skeleton match
    assert _ids(search(s, "بلينكن")) == [r1, r2]
    assert set(_ids(search(s, "روما بلينكن"))) == {r1, r2}
    assert search(s, "100%") != [] and search(s, "الأصوات_هنا") != []  # LIKE wildcards are escaped
    assert search(s, "_") == [] and search(s, "%%") == []


@pytest.mark.sqlite_only  # another writer through sqlite3 on the file
def test_search_answers_while_an_ingest_holds_the_store(tmp_path: Path) -> None:
    s = _records(tmp_path, [("r1", None, "عقد مجلس الأمن جلسة طارئة لبحث الأزمة.")])
    assert len(search(s, "مجلس الأمن")) == 1
    more = RawPage(page="r2", text="دعا مجلس الأمن إلى وقف فوري لإطلاق النار.", origin="t", kind="record")
    ingest(s, [more], NO_GROUPING)
    writer = sqlite3.connect(tmp_path / "small.db")
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a batch
    try:
        started = time.monotonic()
        # the ingest indexed its article in its own transaction: the search answers from the
        # index as it is, without waiting for the writer
        assert len(search(s, "مجلس الأمن")) == 2
        assert time.monotonic() - started < 5
    finally:
        writer.rollback()
        writer.close()
    assert len(search(s, "مجلس الأمن")) == 2
