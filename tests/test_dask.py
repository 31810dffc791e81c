"""Dask: the same stages mapped over partitions on a local cluster give the same store as a serial run,
byte for byte in the export, bad inputs reported the same way; the serial path never loads Dask."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHARED
from marsad.engine import EngineOptions, ingest
from marsad.export import write_json
from marsad.ingest import read_inputs
from marsad.model import BadInput
from marsad.store import Store

MARSAD = str(Path(sys.executable).parent / "marsad")
CORPORA = SHARED / "data" / "corpora"


def corpus_slice(folder: Path, per_corpus: int) -> Path:
    """The first `per_corpus` records of each shared corpus (ANT, SaudiNewsNet) as one JSON Lines file."""
    if not (CORPORA / "ant_v2.jsonl.gz").exists():
        pytest.skip("the shared corpora are not beside the project")
    out = folder / "slice.jsonl"
    with out.open("wb") as f:
        for name in ("ant_v2.jsonl.gz", "saudinewsnet.jsonl.gz"):
            with gzip.open(CORPORA / name) as src:
                f.writelines(itertools.islice(src, per_corpus))
    return out


def inputs(tmp_path: Path, per_corpus: int) -> list[str]:
    """Sample pages, a slice of the real corpora, and bad inputs between them."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "nul.txt").write_bytes(b"\xd8\xa7\x00\x00\x01binary")
    (bad / "broken.jsonl").write_text(
        '{"id": "x1", "text": 5}\nnot json\n{"text": "no id"}\n', encoding="utf-8"
    )
    return [str(EXAMPLES), str(bad), str(corpus_slice(tmp_path, per_corpus))]


def export_text(store: Store) -> str:
    buf = io.StringIO()
    write_json(store, buf)
    return buf.getvalue()


def serial_run(tmp_path: Path, paths: list[str], opts: EngineOptions) -> tuple[str, list[BadInput]]:
    store = Store.open(str(tmp_path / "serial.db"))
    try:
        report = ingest(store, read_inputs(paths), opts)
        return export_text(store), report.skipped
    finally:
        store.close()


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from marsad.distributed import dask_client

    with dask_client(workers=2) as c:
        yield c


def test_two_workers_give_the_serial_export_byte_for_byte(tmp_path: Path, client: object) -> None:
    from marsad.distributed import ClusterOptions, dask_mapper

    paths = inputs(tmp_path, per_corpus=30)
    opts = EngineOptions(batch_articles=40)  # several write batches
    expected, expected_bad = serial_run(tmp_path, paths, opts)

    store = Store.open(str(tmp_path / "dask.db"))
    # small partitions: many tasks in flight, results must still come back in input order
    mapper = dask_mapper(client, ClusterOptions(partition_pages=7))  # type: ignore[arg-type]
    report = ingest(store, read_inputs(paths), opts, mapper=mapper)
    got = export_text(store)
    store.close()

    assert len(json.loads(got)["articles"]) >= 60
    assert got == expected
    assert report.skipped == expected_bad
    reasons = {b.name.rsplit("/", 1)[-1]: b.reason for b in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "NUL bytes" in reasons["nul.txt"]
    assert sum(b.name.endswith("broken.jsonl") for b in report.skipped) == 3


def test_cli_on_an_existing_scheduler_equals_a_serial_run(tmp_path: Path, client: object) -> None:
    address = client.scheduler.address  # type: ignore[attr-defined]
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    paths = [str(EXAMPLES), str(bad)]
    expected, _ = serial_run(tmp_path, paths, EngineOptions())
    db = str(tmp_path / "dask.db")
    r = subprocess.run(
        [MARSAD, "ingest", *paths, "--db", db, "--scheduler", address],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "empty.txt: empty file" in r.stderr and "1 inputs skipped" in r.stdout
    store = Store.open(db, create=False)
    assert export_text(store) == expected
    store.close()


def test_workers_and_scheduler_together_are_refused(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from marsad.cli import app

    args = ["ingest", str(EXAMPLES), "--db", str(tmp_path / "s.db"), "--workers", "2", "--scheduler", "x"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 2 and "not both" in r.stderr
    assert not (tmp_path / "s.db").exists()


def test_the_serial_path_never_imports_dask(tmp_path: Path) -> None:
    record = tmp_path / "one.jsonl"
    record.write_text(json.dumps({"id": "1", "text": "خبر قصير عن اجتماع في روما."}) + "\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from marsad.cli import app\n"
        "try:\n"
        f"    app(['ingest', {str(record)!r}, '--db', {str(tmp_path / 's.db')!r}])\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_cli_local_cluster_of_two_workers_on_a_few_hundred_articles(tmp_path: Path) -> None:
    paths = inputs(tmp_path, per_corpus=200)
    runs = {}
    for name, extra in (("serial", []), ("dask", ["--workers", "2"])):
        db = str(tmp_path / f"{name}.db")
        r = subprocess.run(
            [MARSAD, "ingest", *paths, "--db", db, "--batch", "100", *extra],
            capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        assert r.returncode == 0, r.stderr
        assert "5 inputs skipped" in r.stdout, r.stdout
        runs[name] = (
            subprocess.run([MARSAD, "export", "--db", db], capture_output=True, timeout=300).stdout,
            r,
        )
    assert runs["dask"][0] == runs["serial"][0]
    assert runs["dask"][1].stderr == runs["serial"][1].stderr
    assert len(json.loads(runs["serial"][0])["articles"]) >= 400
