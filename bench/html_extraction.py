"""Main-text extraction: plain trafilatura vs marsad's HTML reader, on the article extraction benchmark.

Data: ../shared/data/article_extraction_benchmark/ (scrapinghub/article-extraction-benchmark, MIT): 181
English news pages `html/<id>.html.gz` and `ground-truth.json`, which maps each id to
{"articleBody": ..., "url": ...}.

Scores are bag-of-words overlap between the extracted text and the gold article body, the benchmark's way:
per page, true/false positives and false negatives are counted over `\\w+` tokens (min of the two counts per
token) and normalised by their sum so long pages do not weigh more; precision, recall and F1 come from the
sums over pages. `F1 sh4` is the same over 4-token shingles (the benchmark's own evaluate.py); `±` is the
bootstrap standard deviation of F1 over pages.

    .venv/bin/python bench/html_extraction.py            # plain trafilatura and marsad's default
    .venv/bin/python bench/html_extraction.py --sweep    # also every html_focus x html_fast setting
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from marsad.ingest import ReadOptions, read_inputs
from marsad.model import RawPage

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article_extraction_benchmark"
_TOKEN = re.compile(r"\w+")
Counts = tuple[float, float, float]


def overlap(gold: str, predicted: str, n: int) -> Counts:
    """Normalised (tp, fp, fn) of one page over n-token shingles."""

    def shingles(text: str) -> Counter[tuple[str, ...]]:
        tokens = _TOKEN.findall(text or "")
        return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))

    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp, fn = sum(pred.values()) - tp, sum(true.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(counts: list[Counts]) -> tuple[float, float, float]:
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bootstrap_std(counts: list[Counts], rounds: int = 1000) -> float:
    rng = random.Random(0)
    scores = [prf(rng.choices(counts, k=len(counts)))[2] for _ in range(rounds)]
    mean = sum(scores) / rounds
    return float((sum((s - mean) ** 2 for s in scores) / rounds) ** 0.5)


def plain_trafilatura(path: Path) -> str:
    """(a) trafilatura.extract with its defaults, on the page decoded as the benchmark says (UTF-8)."""
    html = gzip.decompress(path.read_bytes()).decode("utf-8")
    return trafilatura.extract(html) or ""


def marsad_reader(opts: ReadOptions) -> Callable[[Path], str]:
    """(b) marsad's HTML path end to end: gunzip, encoding detection, extraction, metadata."""

    def extract(path: Path) -> str:
        results = list(read_inputs([str(path)], opts))
        return results[0].text if results and isinstance(results[0], RawPage) else ""

    return extract


def marsad_articles(opts: ReadOptions) -> Callable[[Path], str]:
    """(c) the whole HTML path: the reader, then the cleaner/segmenter; the body = the articles'
    paragraphs (titles excluded, as in the gold)."""
    from marsad.engine import EngineOptions, process_page

    def extract(path: Path) -> str:
        results = list(read_inputs([str(path)], opts))
        if not results or not isinstance(results[0], RawPage):
            return ""
        arts = process_page(results[0], EngineOptions()).articles
        return "\n".join(p for k in arts for p in k.article.paragraphs)

    return extract


def run(name: str, extract: Callable[[Path], str], gold: dict[str, str], data: Path) -> None:
    started = time.perf_counter()
    predicted = {key: extract(data / "html" / f"{key}.html.gz") for key in gold}
    rate = len(gold) / (time.perf_counter() - started)
    words = [overlap(gold[key], predicted[key], 1) for key in gold]
    shingles = [overlap(gold[key], predicted[key], 4) for key in gold]
    precision, recall, f1 = prf(words)
    print(
        f"{name:<34} {precision:>6.3f} {recall:>6.3f} {f1:>6.3f} ±{bootstrap_std(words):.3f}"
        f" {prf(shingles)[2]:>8.3f} {rate:>8.1f}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="benchmark folder (html/, ground-truth.json)")
    parser.add_argument("--sweep", action="store_true", help="also score each html_focus x html_fast setting")
    args = parser.parse_args()
    data: Path = args.data
    if not (data / "ground-truth.json").exists():
        print(f"benchmark data not found in {data}", file=sys.stderr)
        return 2
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    gold = {key: item["articleBody"] for key, item in sorted(truth.items())}
    print(f"{len(gold)} pages, trafilatura {trafilatura.__version__}, word overlap with the gold body\n")
    print(f"{'extractor':<34} {'P':>6} {'R':>6} {'F1':>6} {'±':>5} {'F1 sh4':>8} {'pages/s':>8}")
    run("(a) trafilatura.extract defaults", plain_trafilatura, gold, data)
    default = ReadOptions()
    run(f"(b) marsad ({_describe(default)})", marsad_reader(default), gold, data)
    run("(c) marsad reader + cleaning", marsad_articles(default), gold, data)
    if args.sweep:
        for focus in ("precision", "balanced", "recall"):
            for fast in (False, True):
                opts = ReadOptions(html_focus=focus, html_fast=fast)
                if opts != default:
                    run(f"    marsad ({_describe(opts)})", marsad_reader(opts), gold, data)
    return 0


def _describe(opts: ReadOptions) -> str:
    return f"{opts.html_focus}{', fast' if opts.html_fast else ''}"


if __name__ == "__main__":
    sys.exit(main())
