"""kill -9 at any moment of `marsad ingest`: the store stays consistent (SQLite integrity, whole pages, no
article twice), and running the same ingest again finishes the work with the export of an uninterrupted run.

The kill points are spread over the duration of an uninterrupted run, measured first; a watcher reading the
store from outside also catches the grouping phase at the end (every article stored, no event yet) and kills
inside it."""

from __future__ import annotations

import difflib
import gzip
import io
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHARED
from marsad.export import write_json
from marsad.store import Store

MARSAD = str(Path(sys.executable).parent / "marsad")
CORPORA = SHARED / "data" / "corpora"
BATCH = "6"  # articles per transaction: many commits to land between


def corpus(folder: Path, per_corpus: int) -> list[str]:
    """The sample pages and the first `per_corpus` records of each shared corpus."""
    if not (CORPORA / "ant_v2.jsonl.gz").exists():
        pytest.skip("the shared corpora are not beside the project")
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "slice.jsonl"
    with out.open("wb") as f:
        for name in ("ant_v2.jsonl.gz", "saudinewsnet.jsonl.gz"):
            with gzip.open(CORPORA / name) as src:
                f.writelines(itertools.islice(src, per_corpus))
    return [str(EXAMPLES), str(out)]


def _counts(db: Path) -> tuple[int, int] | None:
    """(articles, events) as another process sees them; None while the store is not there yet."""
    if not db.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            arts = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            events = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            return arts, events
        finally:
            con.close()
    except sqlite3.Error:
        return None


def _start(paths: list[str], db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [MARSAD, "ingest", *paths, "--db", str(db), "--batch", BATCH],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def _export(db: Path) -> bytes:
    """What `marsad export --db DB` prints (run here: a process start costs seconds)."""
    store = Store.open(str(db), create=False)
    try:
        buf = io.StringIO()
        write_json(store, buf)
        return buf.getvalue().encode("utf-8")
    finally:
        store.close()


@dataclass(frozen=True)
class Reference:
    """An uninterrupted run: its export, article count and when its grouping phase ran."""

    paths: list[str]
    export: bytes
    articles: int
    duration: float  # seconds from start to exit
    grouping_from: float  # seconds from start to: every article stored, no event yet
    grouping_for: float  # seconds the grouping phase lasted


def reference_run(folder: Path, per_corpus: int) -> Reference:
    paths = corpus(folder, per_corpus)
    db = folder / "whole.db"
    start = time.monotonic()
    proc = _start(paths, db)
    seen: list[tuple[float, tuple[int, int] | None]] = []
    while proc.poll() is None:
        seen.append((time.monotonic() - start, _counts(db)))
        time.sleep(0.05)
    duration = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    final = _counts(db)
    assert final is not None and final[1] > 0
    grouping_from = next((t for t, c in seen if c is not None and c[0] == final[0] and c[1] == 0), duration)
    return Reference(paths, _export(db), final[0], duration, grouping_from, duration - grouping_from)


def check_consistent(db: Path) -> None:
    """What a killed run leaves: an intact file, whole pages, each article once and of a stored page."""
    if not db.exists():
        return
    con = sqlite3.connect(str(db))  # a writer: recovers the WAL of the killed process, as the rerun will
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        # the schema is created in one transaction with its version: a run killed before it committed
        # leaves no table at all, never some tables without the others
        if not tables:
            return
        assert con.execute("SELECT COUNT(*) FROM meta WHERE key = 'schema_version'").fetchone()[0] == 1
        assert con.execute("SELECT COUNT(*) - COUNT(DISTINCT seq) FROM articles").fetchone()[0] == 0
        # every stored page has all its articles (a page and its articles are one transaction)
        short = con.execute(
            "SELECT p.name, p.articles, COUNT(a.id) FROM pages p LEFT JOIN articles a ON a.page = p.name "
            "GROUP BY p.name, p.content_hash HAVING COUNT(a.id) < p.articles"
        ).fetchall()
        assert short == []
        orphans = con.execute("SELECT COUNT(*) FROM articles WHERE page NOT IN (SELECT name FROM pages)")
        assert orphans.fetchone()[0] == 0
        # grouping is all or nothing: either every article is in an event, or none is
        linked = con.execute("SELECT COUNT(*) FROM article_events").fetchone()[0]
        stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert linked in (0, stored)
    finally:
        con.close()


def kill_and_rerun(
    ref: Reference, folder: Path, delay: float | None, in_grouping: float | None = None
) -> str:
    """Kill an ingest after `delay` seconds (or `in_grouping` of the way into its grouping phase), check
    the store, run the ingest again to the end and compare; returns where the kill landed."""
    db = folder / "cut.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.monotonic()
    proc = _start(ref.paths, db)
    if delay is not None:
        time.sleep(delay)
    else:
        assert in_grouping is not None
        while proc.poll() is None:
            c = _counts(db)
            if c is not None and c[0] == ref.articles and c[1] == 0:
                time.sleep(in_grouping * ref.grouping_for)
                break
            time.sleep(0.02)
    finished = proc.poll() is not None
    if not finished:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    state = _counts(db)
    landed = (
        "after the end" if finished
        else "before the store" if state is None
        else "in grouping" if state[0] == ref.articles and state[1] == 0
        else "after grouping" if state[1] > 0
        else f"in batches ({state[0]}/{ref.articles} articles)"
    )  # fmt: skip
    check_consistent(db)
    rerun = subprocess.run(
        [MARSAD, "ingest", *ref.paths, "--db", str(db), "--batch", BATCH], capture_output=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    check_consistent(db)
    got = _export(db)
    when = f"{time.monotonic() - start:.1f}s ({landed})"
    assert got == ref.export, f"export differs after a kill at {when}:\n{_diff(ref.export, got)}"
    return landed


def _diff(want: bytes, got: bytes) -> str:
    """The first lines that differ between two exports, pretty-printed."""
    a = json.dumps(json.loads(want), ensure_ascii=False, indent=1).splitlines()
    b = json.dumps(json.loads(got), ensure_ascii=False, indent=1).splitlines()
    lines = difflib.unified_diff(a, b, "uninterrupted", "killed", n=2, lineterm="")
    return "\n".join(itertools.islice(lines, 60))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return reference_run(tmp_path_factory.mktemp("crash-small"), per_corpus=8)


@pytest.mark.parametrize("fraction", [0.5])
def test_kill_during_the_batches_then_rerun_equals_an_uninterrupted_run(
    small: Reference, tmp_path: Path, fraction: float
) -> None:
    kill_and_rerun(small, tmp_path, delay=fraction * small.grouping_from)


def test_kill_during_grouping_then_rerun_equals_an_uninterrupted_run(
    small: Reference, tmp_path: Path
) -> None:
    landed = kill_and_rerun(small, tmp_path, delay=None, in_grouping=0.5)
    assert landed in ("in grouping", "after grouping", "after the end")


# --- the long variant: many kill points over the whole run ------------------------------------------------


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return reference_run(tmp_path_factory.mktemp("crash-larger"), per_corpus=12)


KILL_POINTS = [i / 17 for i in range(1, 17)]  # 16 points over the whole run...
GROUPING_POINTS = [0.1, 0.3, 0.5, 0.7, 0.9]  # ...5 inside the grouping phase, and a rerun killed too


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("fraction", KILL_POINTS)
def test_many_kill_points_over_the_run(larger: Reference, tmp_path: Path, fraction: float) -> None:
    kill_and_rerun(larger, tmp_path, delay=fraction * larger.duration)


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("fraction", GROUPING_POINTS)
def test_many_kill_points_in_grouping(larger: Reference, tmp_path: Path, fraction: float) -> None:
    kill_and_rerun(larger, tmp_path, delay=None, in_grouping=fraction)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_rerun_killed_too_still_finishes_the_work(larger: Reference, tmp_path: Path) -> None:
    db = tmp_path / "cut.db"
    for delay in (0.3 * larger.duration, 0.2 * larger.duration):
        proc = _start(larger.paths, db)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        check_consistent(db)
    rerun = subprocess.run(
        [MARSAD, "ingest", *larger.paths, "--db", str(db)], capture_output=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _export(db) == larger.export
