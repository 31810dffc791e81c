"""Event and story grouping alone: the first N ANT articles' features placed one by one in the event
and story indexes, then one merge pass, timed apart from the page stage and the store.

    .venv/bin/python bench/grouping.py [--sizes 3000,5000,18713] [--features PATH] [--corpus PATH]

The features (cleaning, terms, dates, places, sentence vectors: what `Grouping.add` receives) are
computed once on a pool of one process per core and cached in `--features` (a pickle, rebuilt when
it holds fewer articles than the largest size); duplicates by content hash are left out, as an ingest
does. Each size then runs in a fresh process. Prints per size: articles, seconds placing them and
milliseconds per article, seconds of the merge pass, event comparisons per article, events, and the
growth exponent of the placing time (1.0 = linear); with `--out DIR` each size's article -> event
map is written, so that two versions of the code can be compared on the same input.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import pickle
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "ant_v2.jsonl.gz"


def _features_of(page: object) -> list[tuple[str, object]]:
    from marsad.engine import EngineOptions, process_page
    from marsad.group.features import extract

    opts = EngineOptions(extract=False)
    try:
        result = process_page(page, opts)  # type: ignore[arg-type]
    except Exception:  # a page the pipeline cannot read is left out, as an ingest reports it
        return []
    return [(k.article.content_hash, extract(k.article, opts.features)) for k in result.articles]


def _build(corpus: Path, n: int, path: Path) -> None:
    from multiprocessing import Pool

    from marsad.ingest import read_inputs
    from marsad.parallel import default_jobs

    src = path.with_suffix(".jsonl")
    with gzip.open(corpus, "rt", encoding="utf-8") as f, src.open("w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            out.write(line)
    with Pool(default_jobs()) as pool:
        done = pool.map(_features_of, list(read_inputs([str(src)])), chunksize=20)
    seen: set[str] = set()
    feats = []
    for group in done:
        for digest, f in group:
            if digest not in seen:
                seen.add(digest)
                feats.append(f)
    src.unlink()
    with path.open("wb") as out:
        pickle.dump(feats, out)


def _one(path: Path, n: int, out: Path | None) -> dict[str, float]:
    from marsad.group.events import EventIndex
    from marsad.group.stories import StoryIndex

    with path.open("rb") as f:
        feats = pickle.load(f)[:n]
    idx, st = EventIndex(), StoryIndex()
    t0 = time.perf_counter()
    for f in feats:
        a = idx.add(f)
        st.update(idx.events[a.event], a.new, f, idx)
    placed = time.perf_counter() - t0
    merged = idx.merge_pass()
    merge = time.perf_counter() - t0 - placed
    if out is not None:
        (out / f"events_{len(feats)}.json").write_text(json.dumps(idx.article_event, sort_keys=True))
    return {"n": len(feats), "place": placed, "merge": merge, "comparisons": idx.comparisons,
            "events": len(idx.events), "merged": len(merged)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="3000,5000")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--features", type=Path, default=Path("/tmp/marsad-grouping-features.pkl"))
    ap.add_argument("--out", type=Path, help="write each size's article -> event map here")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_one(args.features, args.child, args.out)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    have = 0
    if args.features.exists():
        with args.features.open("rb") as f:
            have = len(pickle.load(f))
    if have < max(sizes):
        # records, not articles, are read: a few are duplicates or empty, so read some more
        records = int(max(sizes) * 1.08)
        print(f"computing features of the first {records} records of {args.corpus} ...", flush=True)
        _build(args.corpus, records, args.features)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    head = (("articles", 9), ("place s", 8), ("ms/art", 7), ("merge s", 8), ("cmp/art", 8), ("events", 7),
            ("growth", 7))  # fmt: skip
    print(" ".join(f"{name:>{width}}" for name, width in head))
    prev = None
    for n in sizes:
        child = [sys.executable, __file__, "--child", str(n), "--features", str(args.features)]
        child += ["--out", str(args.out)] if args.out else []
        res = subprocess.run(child, capture_output=True, text=True, check=True)
        row = json.loads(res.stdout.splitlines()[-1])
        growth = ""
        if prev is not None:
            growth = f"{math.log(row['place'] / prev['place']) / math.log(row['n'] / prev['n']):.2f}"
        prev = row
        print(
            f"{row['n']:>9} {row['place']:>8.1f} {row['place'] / row['n'] * 1000:>7.2f} {row['merge']:>8.1f} "
            f"{row['comparisons'] / row['n']:>8.1f} {row['events']:>7} {growth:>7}",
            flush=True,
        )


if __name__ == "__main__":
    main()
