"""Event and story grouping on the development sets, scored by the shared scorers.

    python bench/events_eval.py [ar|semeval|ecb|seeds|fr|es|tr ...] [--half 0|1] [--keep DIR] [--errors]

Each set is ingested as the engine does (read_inputs + process_page; an article whose content hash
repeats an earlier one is a duplicate and is not grouped), its articles' features extracted, then
added one by one, in input order, to the event index and the story index. The result is written as
an export-shaped JSON and scored with `../shared/eval/score_clusters.py` (or `score.py` for the
sample pages). `--half` keeps only one half of a clustered set (records alternately by gold story,
so both halves have whole stories) to check that nothing was tuned to one half. `--errors` prints the
false joins and splits with titles and dates.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from marsad.engine import EngineOptions, process_page
from marsad.group.events import EventIndex, EventOptions
from marsad.group.features import extract
from marsad.group.stories import StoryIndex, StoryOptions
from marsad.ingest import read_inputs
from marsad.model import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SEM = DATA / "semeval2022"
SETS = {
    "ar": (DATA / "ar_events_dev" / "articles.jsonl", "--clusters", DATA / "ar_events_dev" / "clusters.json"),
    "semeval": (SEM / "ar_dev_articles.jsonl", "--pairs", SEM / "ar_dev_pairs.jsonl"),
    "fr": (SEM / "fr_dev_articles.jsonl", "--pairs", SEM / "fr_dev_pairs.jsonl"),
    "es": (SEM / "es_dev_articles.jsonl", "--pairs", SEM / "es_dev_pairs.jsonl"),
    "tr": (SEM / "tr_dev_articles.jsonl", "--pairs", SEM / "tr_dev_pairs.jsonl"),
    "ecb": (DATA / "ecbplus" / "dev_articles.jsonl", "--clusters", DATA / "ecbplus" / "dev_clusters.json"),
    "seeds": (SHARED / "samples" / "pages", "gold", SHARED / "fixtures" / "seeds_gold.json"),
}  # fmt: skip


def load_articles(path: Path) -> list[Article]:
    """Clean articles from a file or folder, with exact duplicates marked."""
    files = sorted(str(p) for p in path.iterdir()) if path.is_dir() else [str(path)]
    seen: dict[str, str] = {}
    out: list[Article] = []
    for page in read_inputs(files):
        if not hasattr(page, "page"):
            continue
        for keyed in process_page(page, EngineOptions()).articles:  # type: ignore[arg-type]
            a = keyed.article
            a.duplicate_of = seen.get(a.content_hash)
            seen.setdefault(a.content_hash, a.id)
            out.append(a)
    return out


def half_of(articles: list[Article], gold: dict[str, dict[str, str]], half: int) -> list[Article]:
    """Records of every other gold story (sorted by name), so a half holds whole stories."""
    stories = sorted({g["story"] for g in gold.values()})
    keep = set(stories[half::2])
    return [a for a in articles if gold.get(a.page, {}).get("story") in keep]


def group(
    articles: list[Article], opts: EventOptions | None = None, story_opts: StoryOptions | None = None
) -> tuple[dict[str, object], float, EventIndex, StoryIndex]:
    """Run features, events and stories over the articles; the export and articles per second."""
    feats = [extract(a) for a in articles if not a.duplicate_of]
    start = time.perf_counter()
    events = EventIndex(opts)
    stories = StoryIndex(story_opts)
    for f in feats:
        assignment = events.add(f)
        stories.update(events.events[assignment.event], assignment.new, f, events)
    for gone, kept in events.merge_pass():
        stories.merge_events(gone, kept)
    stories.relink(events.events, events)
    elapsed = time.perf_counter() - start
    export = {
        "articles": [
            {"id": a.id, "page": a.page, "title": a.title, "paragraphs": a.paragraphs,
             "published": a.published, "duplicate_of": a.duplicate_of}
            for a in articles
        ],
        "events": [
            {"id": e.id, "articles": e.articles, "story": stories.story_of(e.id), "date": e.date(),
             "place": e.place(), "title": e.title()}
            for e in events.events.values()
        ],
        "stories": [
            {"id": s.id, "title": stories.title(s.id, events.events),
             "events": stories.timeline(s.id, events.events)}
            for s in stories.stories.values()
        ],
    }  # fmt: skip
    return export, len(feats) / elapsed if elapsed else float("inf"), events, stories


def score(name: str, export_path: Path, gold_path: Path | None = None) -> dict[str, float]:
    src, mode, gold = SETS[name]
    gold = gold_path or gold
    if mode == "gold":
        cmd = [sys.executable, "score.py", str(export_path), str(gold)]
    else:
        cmd = [sys.executable, "score_clusters.py", str(export_path), mode, str(gold)]
    out = subprocess.run(cmd, cwd=SHARED / "eval", capture_output=True, text=True, check=True).stdout
    return {k: float(v) for k, v in (line.split() for line in out.splitlines() if line.strip())}


def errors(export: dict[str, object], gold: dict[str, dict[str, str]], level: str = "event") -> None:
    """Print wrongly joined and wrongly split record pairs (titles, dates) at one level."""
    arts = {a["id"]: a for a in export["articles"]}  # type: ignore[index]
    pred: dict[str, str] = {}
    for e in export["events"]:  # type: ignore[attr-defined]
        for aid in e["articles"]:
            pred[arts[aid]["page"]] = e["id"] if level == "event" else str(e["story"])
    title = {a["page"]: f"{a['published']} {a['title']}" for a in arts.values()}
    fp, fn = defaultdict(list), defaultdict(list)
    for r1, r2 in itertools.combinations(sorted(pred), 2):
        same_pred = pred[r1] == pred[r2]
        same_gold = gold[r1][level] == gold[r2][level]
        if same_pred and not same_gold:
            fp[pred[r1]].append((r1, r2))
        elif same_gold and not same_pred:
            fn[gold[r1][level]].append((r1, r2))
    print(f"--- false joins ({level})")
    for pairs in fp.values():
        for r1, r2 in pairs[:4]:
            print(f"  {gold[r1][level]} ≠ {gold[r2][level]}\n     {title[r1]}\n     {title[r2]}")
    print(f"--- false splits ({level})")
    for k, pairs in fn.items():
        for r1, r2 in pairs[:3]:
            print(f"  {k}\n     {title[r1]}\n     {title[r2]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", default=["ar", "semeval", "ecb", "seeds"])
    ap.add_argument("--half", type=int, choices=(0, 1))
    ap.add_argument("--keep", type=Path, help="write the exports into this folder")
    ap.add_argument("--errors", choices=("event", "story"))
    ap.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="override an EventOptions field"
    )
    ap.add_argument(
        "--sset", action="append", default=[], metavar="NAME=VALUE", help="override a StoryOptions field"
    )
    args = ap.parse_args(argv)
    sbase = StoryOptions()
    story_opts = dataclasses.replace(
        sbase, **{k: type(getattr(sbase, k))(v) for k, v in (s.split("=", 1) for s in args.sset)}
    )
    base = EventOptions()
    overrides = {k: type(getattr(base, k))(v) for k, v in (s.split("=", 1) for s in args.set)}
    opts = dataclasses.replace(base, **overrides)
    tmp = tempfile.TemporaryDirectory(prefix="marsad-events-")  # removed at exit unless --keep
    outdir = args.keep or Path(tmp.name)
    outdir.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        src, mode, gold_path = SETS[name]
        articles = load_articles(src)
        gold = json.loads(gold_path.read_text(encoding="utf-8")) if mode == "--clusters" else None
        half_gold = None
        if args.half is not None and gold is not None:
            articles = half_of(articles, gold, args.half)
            pages = {a.page for a in articles}
            half_gold = outdir / f"{name}_half{args.half}_gold.json"
            half_gold.write_text(json.dumps({k: v for k, v in gold.items() if k in pages}), encoding="utf-8")
        export, rate, events, stories = group(articles, opts, story_opts)
        path = outdir / f"{name}{'' if args.half is None else f'_half{args.half}'}.json"
        path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
        result = score(name, path, half_gold)
        label = name if args.half is None else f"{name}[half {args.half}]"
        print(f"== {label}: {len(articles)} articles, {len(export['events'])} events, "
              f"{len(export['stories'])} stories, {rate:.0f} articles/s grouping, "
              f"{events.comparisons} event comparisons")  # fmt: skip
        for k, v in result.items():
            if not k.startswith(("segmentation", "entities", "quotes", "facts", "summaries")):
                print(f"   {k} {v:.3f}")
        if args.errors and gold is not None:
            errors(export, gold, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
