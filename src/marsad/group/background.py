"""Background document frequencies: how common each Arabic stem is in news at large.

An index that has seen only a few hundred articles knows little about which words are common; so
the event index adds these counts to its own (`EventIndex` idf = log((N_bg + n) / (df_bg + df))).
The table holds only stems and counts (no text), built from a news corpus by:

    python -m marsad.group.background CORPUS.jsonl.gz [--limit N]

which writes `resources/group/df_ar.tsv.gz` (first line: the number of documents).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

from marsad.group.features import FeatureOptions, words_of

_RESOURCE = "resources/group/df_{lang}.tsv.gz"


@cache
def background_df(language: str) -> tuple[int, dict[str, int]]:
    """(documents, stem -> document frequency) for a language; (0, {}) when none ships."""
    try:
        raw = resources.files("marsad").joinpath(_RESOURCE.format(lang=language)).read_bytes()
    except FileNotFoundError:
        return 0, {}
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    n = int(lines[0])
    table = {}
    for line in lines[1:]:
        stem, count = line.rsplit("\t", 1)
        table[stem] = int(count)
    return n, table


def build(corpus: Path, out: Path, limit: int, min_df: int, chars: int) -> int:
    """Count stems (title and the head of the text) over a JSON Lines corpus; write the table."""
    opts = FeatureOptions()
    df: Counter[str] = Counter()
    n = 0
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        for line in f:
            if n >= limit:
                break
            rec = json.loads(line)
            text = (rec.get("title") or "") + "\n" + (rec.get("text") or "")[:chars]
            df.update(set(words_of(text, "ar", opts)))
            n += 1
    rows = [f"{w}\t{c}" for w, c in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])) if c >= min_df]
    out.write_bytes(gzip.compress(("\n".join([str(n), *rows]) + "\n").encode("utf-8"), mtime=0))
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=20000, help="documents to read")
    ap.add_argument("--min-df", type=int, default=3, help="stems rarer than this are left out")
    ap.add_argument("--chars", type=int, default=3000, help="characters of each text read")
    args = ap.parse_args(argv)
    out = Path(__file__).resolve().parent.parent / _RESOURCE.format(lang="ar")
    rows = build(args.corpus, out, args.limit, args.min_df, args.chars)
    print(f"{rows} stems written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
