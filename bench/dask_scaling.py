"""Dask scaling: ingest the shared corpora (ANT 31.5k + SaudiNewsNet 31k articles) serially and on local
clusters of 1, 2, 4 … workers; report articles/s, wall time and peak memory per worker count.

    .venv/bin/python bench/dask_scaling.py                      # the whole 62k corpus, 1 2 4 workers
    .venv/bin/python bench/dask_scaling.py --limit 2000 --workers 1 2

Each configuration runs in a fresh process on a fresh SQLite store, so peak memory is its own. It runs as
`marsad ingest --workers N` does: the per-page stages (cleaning, extraction, event features) on the
workers while the driver stores and groups the articles online (`online s`), then the final grouping on
the driver (`final s`: merge pass, summaries, entities), so the speed-up is bounded by the driver's
share (Amdahl).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
FILES = ("ant_v2.jsonl.gz", "saudinewsnet.jsonl.gz")


def pages(limit: int | None) -> Iterator[object]:
    """Half of `limit` from each corpus (all of both without a limit), in file order."""
    from marsad.ingest import read_inputs

    for name in FILES:
        stream = read_inputs([str(CORPORA / name)])
        yield from stream if limit is None else itertools.islice(stream, (limit + 1) // 2)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(workers: int, limit: int | None, partition: int) -> dict[str, object]:
    """One configuration (0 workers: serial, no Dask), in this process: `marsad ingest` as it runs, the
    page stage (features included) on the workers while the driver stores and groups online, then the
    final grouping (timed apart)."""
    from marsad import engine
    from marsad.engine import EngineOptions, Ingest
    from marsad.store import Store

    spent: list[float] = []
    finish = engine.Grouping.finish

    def timed_finish(self: engine.Grouping, everything: bool = False) -> None:
        t = time.perf_counter()
        try:
            finish(self, everything)
        finally:
            spent.append(time.perf_counter() - t)

    engine.Grouping.finish = timed_finish  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "bench.db"))
        worker_peaks: list[float] = []
        start = time.perf_counter()
        if workers:
            from marsad.distributed import ClusterOptions, dask_client, dask_mapper

            with dask_client(workers) as client:
                up = time.perf_counter() - start
                mapper = dask_mapper(client, ClusterOptions(partition_pages=partition))
                report = Ingest(store, EngineOptions()).run(pages(limit), mapper=mapper)
                worker_peaks = list(client.run(peak_mb).values())
        else:
            up = 0.0
            report = Ingest(store, EngineOptions()).run(pages(limit))
        wall = time.perf_counter() - start
        store.close()
    final = sum(spent)
    return {
        "workers": workers,
        "articles": report.articles,
        "wall": wall,
        "startup": up,
        "stage": wall - up - final,
        "group": final,
        "rate": report.articles / wall,
        "driver_mb": peak_mb(),
        "worker_mb": max(worker_peaks, default=0.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="articles in all (half from each corpus)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4], help="worker counts to run")
    parser.add_argument("--no-serial", action="store_true", help="skip the serial baseline (no Dask)")
    parser.add_argument("--partition", type=int, default=200, help="pages per Dask task")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # a child run
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.limit, args.partition)))
        return
    if not all((CORPORA / f).exists() for f in FILES):
        sys.exit(f"the corpora are not in {CORPORA}")
    counts = ([] if args.no_serial else [0]) + args.workers
    print(f"{'workers':>8} {'articles':>9} {'wall s':>8} {'art/s':>7} {'start s':>8} {'online s':>8} "
          f"{'final s':>8} {'driver MB':>10} {'worker MB':>10}")  # fmt: skip
    for n in counts:
        cmd = [sys.executable, __file__, "--one", str(n), "--partition", str(args.partition)]
        if args.limit is not None:
            cmd += ["--limit", str(args.limit)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{n:>8} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        label = "serial" if n == 0 else str(n)
        print(
            f"{label:>8} {r['articles']:>9} {r['wall']:>8.1f} {r['rate']:>7.1f} {r['startup']:>8.1f} "
            f"{r['stage']:>8.1f} {r['group']:>8.1f} {r['driver_mb']:>10.0f} "
            f"{(r['worker_mb'] or 0):>10.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
