"""Ingest throughput: N real Arabic articles from the ANT corpus through the whole pipeline
(read JSON Lines -> clean -> deduplicate -> store in SQLite), end to end.

    .venv/bin/python bench/throughput.py [--sizes 1000,5000,31525] [--corpus PATH] [--stages clean|all]
                                         [--jobs N]

Each size runs in a fresh process so that its peak memory (max RSS) is its own. The per-page stages
run on a local pool of --jobs worker processes (default: one per core, as `marsad ingest` does; 1:
all in one process). Prints one row per size: articles, seconds, articles/second, the driver's peak
RSS and the largest worker's, and the growth exponent of time vs size (1.0 = linear) between
consecutive sizes. `--corpus` may be given twice (ANT then SaudiNewsNet for the 62k row).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.parallel import default_jobs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "ant_v2.jsonl.gz"


def _descendants_peak_mb() -> float:
    """The largest peak RSS (VmHWM) among this process's descendants (the pool's workers)."""
    import psutil

    peak = 0
    for child in psutil.Process().children(recursive=True):
        try:
            with open(f"/proc/{child.pid}/status") as f:
                peak = max(peak, *(int(x.split()[1]) for x in f if x.startswith("VmHWM:")))
        except (OSError, ValueError):
            continue
    return peak / 1024


def _one(corpora: list[Path], n: int, stages: str, jobs: int) -> dict[str, float]:
    """Run in a child process: ingest the first n records (of the corpora in turn) into a fresh store."""
    from marsad.engine import EngineOptions, ingest
    from marsad.ingest import read_inputs
    from marsad.parallel import LocalPool, pool_mapper
    from marsad.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        left = n
        with src.open("w", encoding="utf-8") as out:
            for corpus in corpora:
                with gzip.open(corpus, "rt", encoding="utf-8") as f:
                    for line in f:
                        if left <= 0:
                            break
                        out.write(line)
                        left -= 1
        store = Store.open(str(Path(tmp) / "bench.db"))
        opts = EngineOptions() if stages == "all" else EngineOptions(group=False, extract=False)
        with LocalPool(jobs) as pool:
            t0 = time.perf_counter()
            mapper = pool_mapper(pool) if jobs > 1 else None
            report = ingest(store, read_inputs([str(src)]), opts, mapper=mapper)
            seconds = time.perf_counter() - t0
            worker_mb = _descendants_peak_mb()  # before the pool's workers exit
        store.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": report.articles, "seconds": seconds, "rss_mb": rss_mb, "worker_mb": worker_mb,
            "dups": report.duplicates}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,31525")
    ap.add_argument("--corpus", type=Path, action="append", help="JSON Lines .gz (repeatable)")
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    ap.add_argument(
        "--stages", choices=("clean", "all"), default="all",
        help="clean: read, clean, deduplicate, store (issue 2); all: also quotes, facts, entities, events",
    )  # fmt: skip
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    corpora = args.corpus or [DEFAULT_CORPUS]
    jobs = args.jobs or default_jobs()
    if args.child:
        print(json.dumps(_one(corpora, args.child, args.stages, jobs)))
        return
    for corpus in corpora:
        if not corpus.exists():
            sys.exit(f"no corpus at {corpus}")
    rows = []
    print(f"jobs: {jobs}")
    head = (
        ("articles", 9), ("seconds", 9), ("art/s", 8), ("peak MB", 8), ("wkr MB", 7),
        ("dups", 6), ("growth", 7),
    )  # fmt: skip
    print(" ".join(f"{name:>{width}}" for name, width in head))
    for n in (int(s) for s in args.sizes.split(",")):
        child = [sys.executable, __file__, "--child", str(n), "--stages", args.stages, "--jobs", str(jobs)]
        child += [arg for c in corpora for arg in ("--corpus", str(c))]
        res = subprocess.run(
            child,
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        row = json.loads(res.stdout.strip().splitlines()[-1])
        growth = ""
        if rows:
            prev = rows[-1]
            growth = f"{math.log(row['seconds'] / prev['seconds']) / math.log(row['n'] / prev['n']):.2f}"
        rows.append(row)
        print(
            f"{row['n']:>9.0f} {row['seconds']:>9.1f} {row['n'] / row['seconds']:>8.0f} "
            f"{row['rss_mb']:>8.0f} {row['worker_mb']:>7.0f} {row['dups']:>6.0f} {growth:>7}",
            flush=True,
        )


if __name__ == "__main__":
    main()
