"""The command line as a user runs it, and the segmentation scores on the example pages as a gate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, db_args

MARSAD = str(Path(sys.executable).parent / "marsad")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MARSAD, *db_args(args)], input=stdin.decode() if stdin else None, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def _examples() -> list[str]:
    return [str(p) for p in sorted(EXAMPLES.glob("*.txt"))]


def test_help_lists_the_commands() -> None:
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("ingest", "export", "stories"):
        assert cmd in r.stdout


def test_help_text_is_reflowed_not_broken_where_the_source_breaks() -> None:
    """A docstring's line breaks are the source's, not the reader's: a wide terminal gets whole lines."""
    r = subprocess.run(
        [MARSAD, "ingest", "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}
    )
    assert r.returncode == 0
    assert "the exit status is non-zero only when nothing could be ingested" in r.stdout


def test_ingest_prints_a_one_line_summary_and_export_is_json(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    r = run("ingest", *_examples(), "--db", db)
    assert r.returncode == 0, r.stderr
    assert "5 pages read" in r.stdout and "9 new articles" in r.stdout and "0 inputs skipped" in r.stdout
    out = run("export", "--db", db, "--format", "json")
    data = json.loads(out.stdout)
    assert len(data["articles"]) == 9
    records = [json.loads(x) for x in run("export", "--db", db, "--format", "jsonl").stdout.splitlines()]
    kinds = [r["kind"] for r in records]
    assert kinds.count("article") == 9 and kinds[0] == "article"
    assert kinds.count("event") == len(data["events"]) and kinds.count("story") == len(data["stories"])


def test_bad_inputs_are_reported_by_name_and_the_rest_is_ingested(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    db = str(tmp_path / "s.db")
    r = run("ingest", str(empty), str(binary), _examples()[0], "--db", db)
    assert r.returncode == 0
    assert "empty.txt" in r.stderr and "photo.txt" in r.stderr
    assert "4 new articles" in r.stdout and "2 inputs skipped" in r.stdout


def test_nothing_ingestible_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = run("ingest", str(empty), "--db", str(tmp_path / "s.db"))
    assert r.returncode != 0
    assert "empty.txt" in r.stderr


def test_stdin_page(tmp_path: Path) -> None:
    data = Path(_examples()[2]).read_bytes()
    r = run("ingest", "-", "--db", str(tmp_path / "s.db"), stdin=data)
    assert r.returncode == 0, r.stderr
    assert "1 new articles" in r.stdout


def test_stories_shows_pages_and_articles(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", *_examples(), "--db", db)
    r = run("stories", "--db", db)
    assert r.returncode == 0
    assert "000_a785dc12e3e2e8e2.txt" in r.stdout and "9 articles" in r.stdout
    assert "(3 events)" in r.stdout and "(1 event)" in r.stdout and "(1 events)" not in r.stdout


def test_stories_reads_only_the_stories_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`marsad stories` on a store of 62k articles read every record to show 50 stories (28 s, 2.1 GB):
    it now reads the latest stories, in the web's order, and their articles only."""
    from typer.testing import CliRunner

    from marsad import cli
    from marsad.store import Store
    from marsad.store import queries as Q

    db = str(tmp_path / "s.db")
    run("ingest", *_examples(), "--db", db)
    store = Store.open(db)
    latest = Q.stories_page(store, limit=1).items[0]
    shown_articles = {a for e in latest["events"] for a in Q.event(store, e)["articles"]}  # type: ignore[index]
    total = Q.stories_page(store, limit=1).total
    store.close()
    read: set[str] = set()
    brief = Q._brief_articles
    monkeypatch.setattr(Q, "_brief_articles", lambda conn, ids: (read.update(ids), brief(conn, ids))[1])
    r = CliRunner().invoke(cli.app, ["stories", "--limit", "1", *db_args(["--db", db])])
    assert r.exit_code == 0, r.output
    assert (latest["title"] or "")[:20] in r.output
    assert f"… {total - 1} more stories" in r.output
    assert read == shown_articles


def test_export_of_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    r = run("export", "--db", str(tmp_path / "none.db"))
    assert r.returncode != 0 and "no store" in r.stderr


def test_refresh_rewrites_a_store_and_leaves_its_export_as_it_was(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", *_examples(), "--db", db)
    before = run("export", "--db", db).stdout
    r = run("refresh", "--db", db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith("events rewritten")
    assert run("export", "--db", db).stdout == before
    r = run("refresh", "--extract", "-j", "1", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "9 articles extracted again" in r.stdout and r.stdout.strip().endswith("events rewritten")
    assert run("export", "--db", db).stdout == before  # this version's extraction: the same extracts
    missing = run("refresh", "--db", str(tmp_path / "none.db"))
    assert missing.returncode != 0 and "no store" in missing.stderr


def test_sample_page_segmentation_scores(tmp_path: Path, shared: Path) -> None:
    """The gate of issue 2 on the shared scorer: body F1 >= 0.98, titles and article counts exact."""
    db = str(tmp_path / "s.db")
    assert run("ingest", str(shared / "samples" / "pages"), "--db", db).returncode == 0
    export = tmp_path / "export.json"
    export.write_text(run("export", "--db", db).stdout, encoding="utf-8")
    gold = shared / "fixtures" / "seeds_gold.json"
    r = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(export), str(gold)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    scores = {k: float(v) for k, v in (line.split() for line in r.stdout.splitlines())}
    assert scores["segmentation.body_f1"] >= 0.98
    assert scores["segmentation.titles"] == 1.0
    assert scores["segmentation.article_count_exact_pages"] == 1.0


@pytest.mark.parametrize("fmt", ["xml"])
def test_unknown_export_format_is_refused(tmp_path: Path, fmt: str) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", _examples()[0], "--db", db)
    r = run("export", "--db", db, "--format", fmt)
    assert r.returncode != 0 and "unknown format" in r.stderr


def test_serve_with_two_worker_processes(tmp_path: Path) -> None:
    import os
    import signal
    import socket
    import time
    import urllib.request

    db = str(tmp_path / "s.db")
    assert run("ingest", *_examples(), "--db", db).returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = db_args(["serve", "--db", db, "--port", str(port), "--workers", "2"])
    proc = subprocess.Popen([MARSAD, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories", timeout=10) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                assert time.monotonic() < deadline, "marsad serve --workers 2 did not answer"
                time.sleep(0.5)
        assert body["total"] >= 1
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert 'dir="rtl"' in r.read().decode()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_a_page_in_which_no_article_is_found_is_counted(tmp_path: Path) -> None:
    """A scrape that failed (SemEval es: title and text both `nan`) is counted, not lost silently; a
    news alert whose text is its headline is an article."""
    records = tmp_path / "flash.jsonl"
    alert = "Asaltan a mujer en la vía pública"
    lines = [{"id": "r1", "title": "nan", "text": "nan"}, {"id": "r2", "title": alert, "text": alert}]
    records.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    r = run("ingest", str(records), *_examples(), "--db", str(tmp_path / "s.db"))
    assert r.returncode == 0, r.stderr
    assert "7 pages read (0 unchanged), 1 pages with no article, 10 new articles" in r.stdout
