"""The local process pool: the per-page stage on several processes gives the store of a serial run, byte
for byte in the export; a worker that dies costs its page only; small inputs stay in this process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES
from marsad.engine import EngineOptions, PageResult, ingest, process_item
from marsad.ingest import read_inputs
from marsad.model import BadInput, RawPage
from marsad.parallel import LocalPool, PoolOptions, partitions, pool_mapper
from marsad.store import Store
from test_dask import export_text, inputs, serial_run

MARSAD = str(Path(sys.executable).parent / "marsad")
POISON = "PAGE-THAT-KILLS-ITS-WORKER"


def deadly_stage(items: list[RawPage | BadInput], opts: EngineOptions) -> list[PageResult | BadInput]:
    """The real stage, except that a page holding POISON kills its worker outright (as an out-of-memory
    kill or a crash in a C library would: no exception, the process is gone)."""
    if any(isinstance(x, RawPage) and POISON in x.text for x in items):
        os._exit(9)
    return [process_item(x, opts) for x in items]


def test_two_processes_give_the_serial_export_byte_for_byte(tmp_path: Path) -> None:
    paths = inputs(tmp_path, per_corpus=30)
    opts = EngineOptions(batch_articles=40)  # several write batches, grouped as they are written
    expected, expected_bad = serial_run(tmp_path, paths, opts)
    store = Store.open(str(tmp_path / "pool.db"))
    # small slices: many tasks in flight, results must still come back in input order
    with LocalPool(2, PoolOptions(slice_pages=5, min_pages=1)) as pool:
        report = ingest(store, read_inputs(paths), opts, mapper=pool_mapper(pool))
    got = export_text(store)
    store.close()
    assert len(json.loads(got)["articles"]) >= 60
    assert got == expected
    assert report.skipped == expected_bad


def test_a_worker_that_dies_costs_its_page_only(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"p{i}", "text": f"خبر رقم {i} عن اجتماع وزراء الخارجية في روما."})
        for i in range(12)
    ]
    lines[7] = json.dumps({"id": "p7", "text": f"نص {POISON} قاتل"})
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with LocalPool(2, PoolOptions(slice_pages=4, min_pages=1), stage=deadly_stage) as pool:
        out = list(pool.map(read_inputs([str(src)]), EngineOptions()))
    assert len(out) == 12
    bad = [x for x in out if isinstance(x, BadInput)]
    assert len(bad) == 1 and "p7" in bad[0].reason and "worker failed" in bad[0].reason
    kept = [x.page.page for x in out if isinstance(x, PageResult)]
    assert kept == [f"p{i}" for i in range(12) if i != 7]  # in input order


def test_small_inputs_run_in_this_process() -> None:
    pool = LocalPool(2)  # default min_pages: the five sample pages are not worth starting workers
    out = list(pool.map(read_inputs([str(EXAMPLES)]), EngineOptions()))
    assert len(out) == len(list(read_inputs([str(EXAMPLES)]))) and pool._executor is None


def test_partitions_keep_order_and_bound_size() -> None:
    items = [
        RawPage(origin="x", page=f"x#{i}", kind="text", text="ا" * (10 if i != 3 else 1000)) for i in range(8)
    ]
    parts = list(partitions(items, pages=3, chars=500))
    assert [p.page for part in parts for p in part] == [f"x#{i}" for i in range(8)]
    assert [len(p) for p in parts] == [3, 1, 3, 1]  # the big page closes its slice early


def test_cli_jobs_equals_a_serial_run(tmp_path: Path) -> None:
    paths = inputs(tmp_path, per_corpus=40)  # past the in-process threshold: workers start
    expected, _ = serial_run(tmp_path, paths, EngineOptions())
    db = str(tmp_path / "jobs.db")
    r = subprocess.run([MARSAD, "ingest", *paths, "--db", db, "--jobs", "2"], capture_output=True, text=True,
                       timeout=600)  # fmt: skip
    assert r.returncode == 0, r.stderr
    store = Store.open(db, create=False)
    assert export_text(store) == expected
    store.close()
