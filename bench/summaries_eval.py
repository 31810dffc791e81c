"""Summaries on the gold events of ar_events_dev: isolates the summariser from the clustering.

    .venv/bin/python bench/summaries_eval.py

Each gold event of `summary_units.json` is summarised from its gold articles (cleaned by the
pipeline), written as an export, and scored by `../shared/eval/score_summaries.py`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.engine import EngineOptions, process_page
from marsad.ingest import read_inputs
from marsad.model import RawPage
from marsad.summarize.summary import summarize

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> int:
    data = SHARED / "data" / "ar_events_dev"
    units = json.loads((data / "summary_units.json").read_text(encoding="utf-8"))["events"]
    opts = EngineOptions(extract=False)
    arts = {}
    for page in read_inputs([str(data / "articles.jsonl")]):
        if isinstance(page, RawPage):
            for k in process_page(page, opts).articles:
                arts[k.article.page] = k.article
    events, articles = [], []
    t0 = time.perf_counter()
    for slug, g in units.items():
        members = [arts[r] for r in g["articles"] if r in arts]
        events.append({"id": slug, "articles": [a.id for a in members], "summary": summarize(members)})
    elapsed = time.perf_counter() - t0
    articles = [{"id": a.id, "page": a.page, "duplicate_of": None} for a in arts.values()]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.json"
        doc = {"articles": articles, "events": events}
        out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        r = subprocess.run(
            [sys.executable, "score_summaries.py", str(out), str(data / "summary_units.json")],
            cwd=SHARED / "eval", capture_output=True, text=True, check=True,
        )  # fmt: skip
    print(r.stdout, end="")
    print(f"summaries.seconds_per_event {elapsed / len(events):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
