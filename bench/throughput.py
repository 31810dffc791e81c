"""Ingest throughput: N real Arabic articles from the ANT corpus through the whole pipeline
(read JSON Lines -> clean -> deduplicate -> store in SQLite), end to end.

    .venv/bin/python bench/throughput.py [--sizes 1000,5000,31525] [--corpus PATH] [--stages clean|all]

Each size runs in a fresh process so that its peak memory (max RSS) is its own. Prints one row
per size: articles, seconds, articles/second, peak RSS, and the growth exponent of time vs size
(1.0 = linear) between consecutive sizes.
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

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "ant_v2.jsonl.gz"


def _one(corpus: Path, n: int, stages: str) -> dict[str, float]:
    """Run in a child process: ingest the first n records into a fresh store."""
    from marsad.engine import EngineOptions, ingest
    from marsad.ingest import read_inputs
    from marsad.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as f, src.open("w", encoding="utf-8") as out:
            for i, line in enumerate(f):
                if i >= n:
                    break
                out.write(line)
        store = Store.open(str(Path(tmp) / "bench.db"))
        t0 = time.perf_counter()
        opts = EngineOptions() if stages == "all" else EngineOptions(group=False, extract=False)
        report = ingest(store, read_inputs([str(src)]), opts)
        seconds = time.perf_counter() - t0
        store.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": report.articles, "seconds": seconds, "rss_mb": rss_mb, "dups": report.duplicates}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,31525")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument(
        "--stages", choices=("clean", "all"), default="all",
        help="clean: read, clean, deduplicate, store (issue 2); all: also quotes, facts, entities, events",
    )  # fmt: skip
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_one(args.corpus, args.child, args.stages)))
        return
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    rows = []
    print(f"{'articles':>9} {'seconds':>9} {'art/s':>8} {'peak MB':>8} {'dups':>6} {'growth':>7}")
    for n in (int(s) for s in args.sizes.split(",")):
        child = [sys.executable, __file__, "--child", str(n), "--corpus", str(args.corpus)]
        child += ["--stages", args.stages]
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
            f"{row['rss_mb']:>8.0f} {row['dups']:>6.0f} {growth:>7}"
        )


if __name__ == "__main__":
    main()
