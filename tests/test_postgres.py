"""PostgreSQL as the store: the same export as SQLite, its own Arabic text search, databases made on demand.

The whole suite runs on PostgreSQL when MARSAD_TEST_DB names one (see conftest.py); these are the
checks that compare the two backends, or that only mean something on PostgreSQL.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from conftest import EXAMPLES, TEST_DB, store_db
from marsad.engine import EngineOptions, ingest
from marsad.export import write_json
from marsad.ingest import read_inputs
from marsad.model import RawPage
from marsad.store import Store, StoreError, resolve_url
from marsad.store import search as S
from marsad.store.schema import pages
from web_support import page_article

on_postgres = pytest.mark.skipif(not TEST_DB, reason="needs MARSAD_TEST_DB (scripts/pg_cluster.sh)")


def test_postgresql_urls_use_psycopg_3() -> None:
    assert resolve_url("postgresql://u@/news?host=/run/pg") == "postgresql+psycopg://u@/news?host=/run/pg"
    assert resolve_url("postgres://u:p@db:5432/news") == "postgresql+psycopg://u:p@db:5432/news"
    assert resolve_url("postgresql+psycopg://u@db/news") == "postgresql+psycopg://u@db/news"


def _export(store: Store) -> str:
    buf = io.StringIO()
    write_json(store, buf, with_dropped=True)
    return buf.getvalue()


@on_postgres
def test_the_example_pages_export_the_same_on_sqlite_and_postgresql(tmp_path: Path) -> None:
    inputs = [str(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    lite = Store.open(f"sqlite:///{tmp_path / 'lite.db'}")
    pg = Store.open(str(tmp_path / "pg.db"))  # a PostgreSQL database under MARSAD_TEST_DB
    assert (lite.engine.dialect.name, pg.engine.dialect.name) == ("sqlite", "postgresql")
    ingest(lite, read_inputs(inputs))
    ingest(pg, read_inputs(inputs))
    assert _export(pg) == _export(lite)
    lite.close()
    pg.close()


@on_postgres
def test_search_uses_the_arabic_configuration_over_the_folded_forms(tmp_path: Path) -> None:
    s = Store.open(str(tmp_path / "s.db"))
    ingest(s, [
        RawPage(page="r1", text="قال وزير الخارجية الأمريكي أنتوني بلينكن إن الوضع لا يمكن الدفاع عنه.",
                origin="t", kind="record", title="بلينكن في روما"),
        RawPage(page="r2", text="وترأس بلينكين الاجتماع مع نظيره الإيطالي.", origin="t", kind="record"),
        RawPage(page="r3", text="انعقدت الجلسة بمجلس النواب أمس.", origin="t", kind="record"),
    ])  # fmt: skip
    assert S.backend(s) == "postgresql"
    with s.engine.connect() as conn:
        assert S.search_pg.stem_config(conn) == "arabic"
        assert conn.execute(text("SELECT count(*) FROM search_tsv")).scalar_one() >= 3
    r1, r2 = page_article(s, "r1"), page_article(s, "r2")
    assert [h["id"] for h in S.search(s, "بلينكين", kinds=["article"])] == [r2, r1]  # exact spelling first
    assert [h["id"] for h in S.search(s, "بلينكن", kinds=["article"])] == [r1, r2]
    # PostgreSQL's Arabic stemmer also strips the preposition بـ that light stemming keeps
    assert len(S.search(s, "مجلس", kinds=["article"])) == 1
    s.close()


@on_postgres
def test_a_missing_database_is_created_by_ingest_and_refused_by_readers(tmp_path: Path) -> None:
    url = store_db(tmp_path / "fresh.db")
    with pytest.raises(StoreError, match="no store"):
        Store.open(url, create=False)
    s = Store.open(url)
    assert make_url(str(s.engine.url)).database == make_url(url).database
    assert s.schema_version() >= 1
    s.close()
    Store.open(url, create=False).close()  # now it is there


@on_postgres
def test_long_page_names_are_stored_as_on_sqlite(tmp_path: Path) -> None:
    s = Store.open(str(tmp_path / "s.db"))
    name = "صفحة-" * 400  # 2000 characters: over the VARCHAR(1024) SQLite never enforces
    ingest(s, [RawPage(page=name, text="عقد مجلس الأمن جلسة طارئة لبحث الأزمة.", origin="t", kind="record")])
    with s.engine.connect() as conn:
        assert conn.execute(select(pages.c.name)).scalar_one() == name
    s.close()


@on_postgres
def test_text_sorts_in_byte_order_whatever_the_database_locale(tmp_path: Path) -> None:
    s = Store.open(str(tmp_path / "s.db"))
    with s.engine.connect() as conn:
        collation = conn.execute(
            text(
                "SELECT collation_name FROM information_schema.columns"
                " WHERE table_name = 'entities' AND column_name = 'name'"
            )
        ).scalar_one()
    assert collation == "C"
    s.close()


@on_postgres
def test_writers_take_turns_and_search_answers_while_one_writes(tmp_path: Path) -> None:
    s = Store.open(str(tmp_path / "s.db"))
    page = "عقد مجلس الأمن جلسة طارئة لبحث الأزمة."
    ingest(s, [RawPage(page="r1", text=page, origin="t", kind="record")], EngineOptions(group=False))
    assert len(S.search(s, "مجلس الأمن")) == 1
    more = RawPage(page="r2", text="دعا مجلس الأمن إلى وقف فوري لإطلاق النار.", origin="t", kind="record")
    ingest(s, [more], EngineOptions(group=False))
    with s.transaction():  # another writer in the middle of a batch: the store's lock is held
        other = Store.open(str(tmp_path / "s.db"))
        with pytest.raises(OperationalError, match="lock timeout"), other.transaction(wait=0.1):
            pass
        started = time.monotonic()
        assert len(S.search(other, "مجلس الأمن")) == 2  # answered from the index as it is
        assert time.monotonic() - started < 5
        other.close()
    s.close()
