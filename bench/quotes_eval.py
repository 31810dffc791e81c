"""Quote, speaker and numeric-fact extraction measured with the shared scorer.

    .venv/bin/python bench/quotes_eval.py [--shared ../shared] [--out /tmp/quotes_eval] [--show-misses]

Two sets: `data/ar_quotes_dev` (30 Jawhara FM articles, one event each, as its gold says) and the sample
pages (`fixtures/seeds_gold.json`). Inputs go through the real reader and page stage
(`marsad.ingest.read_inputs` + `marsad.engine.process_page`), then `extract_quotes` and `extract_facts`
run on each article's paragraphs. The export holds articles, events with quotes and facts, and no
entities; `score.py EXPORT GOLD` prints quotes.found, quotes.attributed and facts.merged.

Events: for the sample pages each article is put in the gold event of the gold article it matches (the
scorer's own matching), so facts are grouped across exactly the articles the gold groups. This isolates
extraction and fact grouping from event clustering, which is measured elsewhere; unmatched articles get
an event of their own. Speakers are exported as written (the fullest form in the article); the entity
canonicaliser replaces them with canonical names later in the pipeline.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

from marsad.engine import EngineOptions, process_page
from marsad.extract.facts import FactMention, extract_facts, group_facts
from marsad.extract.quotes import extract_quotes
from marsad.ingest import read_inputs
from marsad.model import Article, RawPage

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_bench_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_articles(paths: list[Path]) -> list[Article]:
    out = []
    for page in read_inputs([str(p) for p in paths]):
        if isinstance(page, RawPage):
            out.extend(k.article for k in process_page(page, EngineOptions()).articles)
    return out


def build_export(articles: list[Article], gold: dict, scorer: ModuleType) -> tuple[dict, float]:
    """Export-shaped JSON for `articles`, events taken from the gold; returns it and extraction seconds."""
    export: dict = {
        "articles": [
            {"id": a.id, "page": a.page, "title": a.title, "paragraphs": a.paragraphs, "duplicate_of": None}
            for a in articles
        ],
        "events": [],
        "stories": [],
        "entities": [],
    }
    matched = scorer.match_articles(export, gold)
    event_of = {a["id"]: g["event"] for g in gold["articles"] if (a := matched[g["id"]])}
    t0 = time.perf_counter()
    quotes = {a.id: extract_quotes(a.paragraphs) for a in articles}
    facts = {a.id: extract_facts(a.id, a.paragraphs) for a in articles}
    members: dict[str, list[str]] = {}
    for a in articles:
        members.setdefault(event_of.get(a.id, f"own:{a.id}"), []).append(a.id)
    for event, ids in members.items():
        by_article: dict[str, list[FactMention]] = {i: facts[i] for i in ids}
        export["events"].append(
            {
                "id": event,
                "articles": ids,
                "quotes": [
                    {
                        "speaker": q.speaker,
                        "text": q.text,
                        "article": i,
                        "role": q.speaker_role,
                        "kind": q.kind,
                    }
                    for i in ids
                    for q in quotes[i]
                    if q.speaker
                ],
                "facts": [f.to_export() for f in group_facts(by_article)],
            }
        )
    return export, time.perf_counter() - t0


def show_misses(export: dict, gold: dict, scorer: ModuleType) -> None:
    m = scorer.match_articles(export, gold)
    quotes = [q for e in export["events"] for q in e["quotes"]]
    for gq in gold["quotes"]:
        a = m.get(gq["article"])
        cands = [q for q in quotes if scorer.norm(gq["text"]) in scorer.norm(q["text"])
                 and (a is None or q["article"] == a["id"])]  # fmt: skip
        if not cands:
            print(f"  QUOTE MISS  {gq['article']}: {gq['speaker']} | {gq['text']}")
        elif not any(scorer.speaker_matches(q["speaker"], gq["speaker"], gold) for q in cands):
            got = "; ".join(sorted({q["speaker"] for q in cands}))
            print(f"  SPEAKER     {gq['article']}: want {gq['speaker']} got {got} | {gq['text']}")
    ev = scorer.event_of_article(export)
    for gf in gold["facts"]:
        arts = [m.get(aid) for aid in gf["mentions"]]
        ok = (
            all(arts)
            and arts[0]["id"] in ev
            and any(
                f["value"] == gf["value"] and {a["id"] for a in arts} <= set(f["articles"])
                for f in ev[arts[0]["id"]]["facts"]
            )
        )
        if not ok:
            print(f"  FACT MISS   {gf['value']} {gf['mentions']}")


def run_set(
    name: str, inputs: list[Path], gold_path: Path, out: Path, scorer: ModuleType, misses: bool
) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = read_articles(inputs)
    export, seconds = build_export(articles, gold, scorer)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.json"
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, scorer.__file__, str(path), str(gold_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    wanted = ("quotes.found", "quotes.attributed", "facts.merged")
    lines = [ln for ln in result.stdout.splitlines() if ln.split(" ")[0] in wanted]
    rate = len(articles) / seconds if seconds else float("inf")
    print(f"{name}: {len(articles)} articles, extraction {seconds:.3f}s ({rate:.0f} articles/s)")
    for ln in lines:
        print(f"  {ln}")
    if misses:
        show_misses(export, gold, scorer)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=Path("/tmp/quotes_eval"))
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    shared: Path = args.shared
    scorer = _scorer(shared)
    run_set(
        "ar_quotes_dev",
        [shared / "data" / "ar_quotes_dev" / "articles.jsonl"],
        shared / "data" / "ar_quotes_dev" / "gold.json",
        args.out,
        scorer,
        args.show_misses,
    )
    run_set(
        "sample_pages",
        [shared / "samples" / "pages"],
        shared / "fixtures" / "seeds_gold.json",
        args.out,
        scorer,
        args.show_misses,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
