from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from marsad.store import Store, resolve_url

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "pages"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the project")
    return SHARED


def page_text(name_prefix: str) -> str:
    """The text of a bundled example page by the start of its file name."""
    (path,) = EXAMPLES.glob(f"{name_prefix}*.txt")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------- store backend
# The suite runs on SQLite files by default. With MARSAD_TEST_DB set to a PostgreSQL URL (for instance
# the one `bash scripts/pg_cluster.sh start` prints), every store a test keeps at a file path lives in a
# PostgreSQL database of its own instead: `Store.open(path)` and `store_db(path)` (the `--db` value for
# the command line) map the path to a database named after it, created on first use as SQLite creates
# the file (an empty file is left at the path so that checks for its existence still hold), and dropped
# at the end of the session. A path that already holds an SQLite store (written by a `marsad` the test
# ran itself, without `store_db`) stays SQLite, so such a test reads what it wrote. Tests marked
# `sqlite_only` are skipped there.

TEST_DB = os.environ.get("MARSAD_TEST_DB") or None
_DATABASES: set[str] = set()


def store_db(path: str | Path) -> str:
    """The `--db` value for a test store kept at `path`: the path itself, or its PostgreSQL database."""
    if not TEST_DB or "://" in str(path):
        return str(path)
    name = "marsad_test_" + hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:20]
    _DATABASES.add(name)
    return make_url(resolve_url(TEST_DB)).set(database=name).render_as_string(hide_password=False)


def db_args(args: tuple[str, ...] | list[str]) -> list[str]:
    """Command-line arguments with the value of every `--db` put through `store_db`."""
    out = list(args)
    for i in range(len(out) - 1):
        if out[i] == "--db":
            out[i + 1] = store_db(out[i + 1])
    return out


def copy_store(source: Path, target: Path) -> None:
    """A copy of the test store at `source` at `target` (a file copy, or a database made from a template)."""
    if not TEST_DB:
        shutil.copyfile(source, target)
        return
    src, dst = (make_url(store_db(p)).database for p in (source, target))
    with _admin() as conn:
        # the template must have no other session: whatever still holds it is done with it
        conn.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %(db)s"
            " AND pid <> pg_backend_pid()",
            {"db": src},
        )
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{dst}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{dst}" TEMPLATE "{src}"')
    target.touch()


@contextmanager
def _admin() -> Iterator[Connection]:
    engine = create_engine(resolve_url(TEST_DB), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


if TEST_DB:
    _open = Store.open.__func__  # type: ignore[attr-defined]

    def _open_test_store(cls: type[Store], db: str | None = None, *, create: bool = True) -> Store:
        if db is not None and "://" not in db and not _holds_sqlite(Path(db)):
            if create and Path(db).parent.exists():
                Path(db).touch()
            db = store_db(db)
        return _open(cls, db, create=create)  # type: ignore[no-any-return]

    def _holds_sqlite(path: Path) -> bool:
        wal = path.with_name(path.name + "-wal")
        return (path.exists() and path.stat().st_size > 0) or (wal.exists() and wal.stat().st_size > 0)

    Store.open = classmethod(_open_test_store)  # type: ignore[method-assign, assignment]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: checks of the SQLite file itself (not on PostgreSQL)")
    if TEST_DB:
        try:
            with _admin() as conn:
                conn.exec_driver_sql("SELECT 1")
        except Exception as exc:
            pytest.exit(f"MARSAD_TEST_DB={TEST_DB}: cannot connect ({exc})", returncode=2)


def pytest_report_header() -> str:
    return f"marsad store: {'PostgreSQL, ' + TEST_DB if TEST_DB else 'SQLite files'}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if TEST_DB:
        skip = pytest.mark.skip(reason="SQLite-specific: the suite runs on PostgreSQL (MARSAD_TEST_DB)")
        for item in items:
            if item.get_closest_marker("sqlite_only"):
                item.add_marker(skip)


def pytest_sessionfinish() -> None:
    if TEST_DB and _DATABASES:
        with _admin() as conn:
            for name in sorted(_DATABASES):
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
