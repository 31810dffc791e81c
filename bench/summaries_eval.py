"""Summaries of the 12 largest events of ar_events_dev against hand-written content units.

    .venv/bin/python bench/summaries_eval.py                  # on the gold clusters
    .venv/bin/python bench/summaries_eval.py --export E.json  # on marsad's clusters from an export
    .venv/bin/python bench/summaries_eval.py -v               # per event: units missed, summary
    .venv/bin/python bench/summaries_eval.py --set max_words=90  # a SummaryOptions field changed
    .venv/bin/python bench/summaries_eval.py --oracle             # the ceiling of choosing

Gold clusters isolate the summariser from the clustering: each gold event of `summary_units.json`
is summarised from its gold articles (cleaned by the pipeline). With `--export`, each gold event
is matched (as the scorer does) to the exported event holding most of its records and that event's
articles are summarised afresh, so a change to the summariser is measured on marsad's own clusters
without a new ingest. The export is scored by `../shared/eval/score_summaries.py`; the unit recall
is also printed for two halves of the events (alternate events by size) to check that a change
helps on events it was not tuned on.

`--oracle` summarises with the gold units in hand: from the candidates the summariser has (titles,
first sentences and their cut forms), it picks in turn the one covering the most unit weight per word
(words + `sentence_cost`), within the same word and sentence budgets. What it reaches is how far
choosing alone can go; the gap to the summariser is in the choosing, not in the candidates.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.engine import EngineOptions, process_page
from marsad.ingest import read_inputs
from marsad.model import Article, RawPage
from marsad.summarize import summary as summary_module
from marsad.summarize.summary import SummaryOptions, summarize

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DATA = SHARED / "data" / "ar_events_dev"


def _clusters(units: dict, arts: dict[str, Article], export: Path | None) -> dict[str, list[Article]]:
    """Gold event slug -> the articles to summarise (gold members, or the matched marsad event's)."""
    if export is None:
        return {slug: [arts[r] for r in g["articles"] if r in arts] for slug, g in units.items()}
    doc = json.loads(export.read_text(encoding="utf-8"))
    page_of = {a["id"]: a.get("page") for a in doc.get("articles", [])}
    members = {e["id"]: [page_of.get(a) for a in e.get("articles", [])] for e in doc.get("events", [])}
    event_of = {p: eid for eid, pages in members.items() for p in pages}
    out = {}
    for slug, g in units.items():
        votes = collections.Counter(event_of.get(r) for r in g["articles"])
        votes.pop(None, None)
        eid = votes.most_common(1)[0][0] if votes else None
        out[slug] = [arts[p] for p in members.get(eid, []) if p in arts]
    return out


def _unit_scores(units: dict, summaries: dict[str, list[dict]]) -> dict[str, tuple[float, float, list[str]]]:
    """slug -> (weight covered, weight total, units missed), matched as the scorer does."""
    sys.path.insert(0, str(SHARED / "eval"))
    from score_summaries import words  # type: ignore[import-not-found]

    out = {}
    for slug, g in units.items():
        have = set().union(*(words(s["text"]) for s in summaries[slug])) if summaries[slug] else set()
        got = total = 0.0
        missed = []
        for u in g["units"]:
            need = words(u["text"])
            total += u["weight"]
            if need and len(need & have) / len(need) >= 0.6:
                got += u["weight"]
            else:
                missed.append(f"{u['weight']} {u['text']}")
        out[slug] = (got, total, missed)
    return out


def _oracle(members: list[Article], units: list[dict], opts: SummaryOptions) -> list[dict]:
    """Greedy choice of the summariser's candidates by the gold units they cover (see `--oracle`)."""
    sys.path.insert(0, str(SHARED / "eval"))
    from score_summaries import words  # type: ignore[import-not-found]

    arts = sorted(members, key=lambda a: a.id)
    texts = {a.id: summary_module._texts(a) for a in arts}
    cands = summary_module._candidates(arts, texts, {}, opts)
    need = [(words(u["text"]), u["weight"]) for u in units]

    def covered(have: set[str]) -> float:
        return sum(w for n, w in need if n and len(n & have) / len(n) >= 0.6)

    have: set[str] = set()
    chosen: list[dict] = []
    sources: set[int] = set()
    used = 0
    while len(chosen) < opts.max_sentences:
        base, best, best_gain = covered(have), None, 0.0
        for c in cands:
            if c.source in sources or used + c.words > opts.max_words:
                continue
            gain = (covered(have | words(c.text)) - base) / (c.words + opts.sentence_cost)
            if gain > best_gain:
                best, best_gain = c, gain
        if best is None:
            break
        chosen.append({"text": best.text, "articles": [best.article]})
        sources.add(best.source)
        have |= words(best.text)
        used += best.words
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--export", type=Path, help="take the events from this export (marsad's clusters)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each summary and the units it misses")
    ap.add_argument("--set", action="append", default=[], metavar="K=V", help="a SummaryOptions field")
    ap.add_argument("--oracle", action="store_true", help="choose by the gold units: the ceiling of choosing")
    args = ap.parse_args(argv)
    units = json.loads((DATA / "summary_units.json").read_text(encoding="utf-8"))["events"]
    opts = EngineOptions(extract=False)
    arts: dict[str, Article] = {}
    for page in read_inputs([str(DATA / "articles.jsonl")]):
        if isinstance(page, RawPage):
            for k in process_page(page, opts).articles:
                arts[k.article.page] = k.article
    clusters = _clusters(units, arts, args.export)
    t0 = time.perf_counter()
    fields = {f.name: f.type for f in dataclasses.fields(SummaryOptions)}
    sopts = SummaryOptions(
        **{k: (float if fields[k] == "float" else int)(v) for k, v in (kv.split("=", 1) for kv in args.set)}
    )
    if args.oracle:
        summaries = {s: _oracle(members, units[s]["units"], sopts) for s, members in clusters.items()}
    else:
        summaries = {slug: summarize(members, sopts) for slug, members in clusters.items()}
    elapsed = time.perf_counter() - t0
    events = [{"id": s, "articles": [a.id for a in clusters[s]], "summary": summaries[s]} for s in units]
    articles = [{"id": a.id, "page": a.page, "duplicate_of": None} for a in arts.values()]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.json"
        doc = {"articles": articles, "events": events}
        out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        r = subprocess.run(
            [sys.executable, "score_summaries.py", str(out), str(DATA / "summary_units.json")],
            cwd=SHARED / "eval", capture_output=True, text=True, check=True,
        )  # fmt: skip
    print(r.stdout, end="")
    scores = _unit_scores(units, summaries)
    by_size = sorted(units, key=lambda s: (-len(units[s]["articles"]), s))
    for name, half in (("a", by_size[0::2]), ("b", by_size[1::2])):
        got = sum(scores[s][0] for s in half)
        total = sum(scores[s][1] for s in half)
        print(f"summaries.unit_recall_half_{name} {got / total if total else 0:.3f}")
    print(f"summaries.seconds_per_event {elapsed / len(events):.4f}")
    if args.verbose:
        for slug in by_size:
            got, total, missed = scores[slug]
            words = sum(len(s["text"].split()) for s in summaries[slug])
            print(f"\n## {slug}  {got:g}/{total:g}  {words} words  {len(clusters[slug])} articles")
            for s in summaries[slug]:
                print(f"  + {s['text']}  {s['articles']}")
            for m in missed:
                print(f"  - {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
