"""5-fold cross-validation of the named-entity CRF on ANERcorp (the training recipe of scripts/train_ner.py).

    .venv/bin/python bench/ner_cv.py [--folds 5] [--c1 0.05] [--c2 0.05] [--jobs 2] [--drop w=,c4=]

Folds are contiguous blocks of sentences (ANERcorp is a run of whole articles, so a fold holds articles
the model never saw). Training-data gazetteers are rebuilt from the training folds only. Prints
precision, recall and F1 per fold and overall (and per type, as ../shared/eval/score_ner.py scores
`token GOLD PRED` lines), training time and prediction speed. `--drop` removes features by name prefix
(ablation); `--write FILE` keeps the concatenated `token GOLD PRED` lines.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import DATA, load_train, static_lexicon  # noqa: E402

from marsad.extract.ner import Tagger, TrainOptions, fit, spans  # noqa: E402
from marsad.extract.ner_features import Featurizer, Lexicon, Word  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score_ner.py"
Sentences = list[list[tuple[str, str]]]


class _Dropping(Featurizer):
    """A featurizer without the features whose names (after any `-1`-style offset) start with `drop`."""

    def __init__(self, lexicon: Lexicon, drop: tuple[str, ...]) -> None:
        super().__init__(lexicon)
        self._drop = drop

    def _keep(self, feats: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        return tuple(f for f in feats if not f.lstrip("+-12").startswith(self._drop))

    def word(self, token: str) -> Word:
        w = super().word(token)
        return w._replace(own=self._keep(w.own), contexts=tuple(self._keep(c) for c in w.contexts))

    def phrase_tags(self, bases: list[str]) -> list[list[str]]:
        return [list(self._keep(m)) for m in super().phrase_tags(bases)]

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        return [list(self._keep(f)) for f in super().sentence(tokens)]


def _patch(drop: tuple[str, ...]) -> None:
    if drop:
        import marsad.extract.ner as ner

        ner.Featurizer = lambda lex: _Dropping(lex, drop)  # type: ignore[misc,assignment]


def prf(gold: list[str], pred: list[str], kind: str | None = None) -> tuple[float, float, float]:
    g = {s for s in spans(gold) if kind is None or s[2] == kind}
    p = {s for s in spans(pred) if kind is None or s[2] == kind}
    tp = len(g & p)
    prec = tp / len(p) if p else 0.0
    rec = tp / len(g) if g else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def run_fold(
    train: Sentences,
    test: Sentences,
    lexicon: Lexicon,
    opts: TrainOptions,
    drop: tuple[str, ...],
) -> tuple[list[list[str]], float, float]:
    """Train on `train`, tag `test`: (predicted tags, training seconds, tagging seconds)."""
    _patch(drop)
    t0 = time.perf_counter()
    model = fit(train, lexicon, opts)
    t1 = time.perf_counter()
    tagger = Tagger(model)
    sents = [[w for w, _ in s] for s in test]
    tagger.tag(sents[0])  # load outside the timing
    t2 = time.perf_counter()
    pred = tagger.tag_sentences(sents)
    t3 = time.perf_counter()
    return pred, t1 - t0, t3 - t2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--drop", default="", help="comma-separated feature-name prefixes to leave out")
    ap.add_argument("--write", type=Path, help="keep the `token GOLD PRED` lines here")
    defaults = TrainOptions()
    for f in dataclasses.fields(TrainOptions):
        ap.add_argument("--" + f.name.replace("_", "-"), type=type(getattr(defaults, f.name)))
    args = ap.parse_args(argv)
    opts = dataclasses.replace(
        defaults,
        **{f.name: getattr(args, f.name) for f in dataclasses.fields(TrainOptions) if getattr(args, f.name)},
    )
    drop = tuple(d for d in args.drop.split(",") if d)
    sentences = load_train(args.data)
    lexicon = static_lexicon(args.data)
    k = args.folds
    bounds = [round(i * len(sentences) / k) for i in range(k + 1)]
    folds = [sentences[bounds[i] : bounds[i + 1]] for i in range(k)]
    jobs = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for i in range(k):
            train = [s for j, f in enumerate(folds) if j != i for s in f]
            jobs.append(pool.submit(run_fold, train, folds[i], lexicon, opts, drop))
        results = [j.result() for j in jobs]
    print(f"options: {opts} drop={drop}")
    all_gold: list[str] = []
    all_pred: list[str] = []
    lines: list[str] = []
    n_sent = 0
    tag_s = train_s = 0.0
    for i, (pred, t_train, t_tag) in enumerate(results):
        gold = [t for s in folds[i] for _, t in s]
        flat = [t for s in pred for t in s]
        p, r, f = prf(gold, flat)
        print(f"fold {i + 1}: precision {p:.3f} recall {r:.3f} f1 {f:.3f}  (train {t_train:.0f} s)")
        all_gold += gold
        all_pred += flat
        lines += [
            f"{w or '_'} {g} {t}"
            for s, ps in zip(folds[i], pred, strict=True)
            for (w, g), t in zip(s, ps, strict=True)
        ]
        n_sent += len(pred)
        tag_s += t_tag
        train_s += t_train
    p, r, f = prf(all_gold, all_pred)
    print(f"overall: precision {p:.3f} recall {r:.3f} f1 {f:.3f}")
    for kind in ("PERS", "LOC", "ORG", "MISC"):
        p, r, f = prf(all_gold, all_pred, kind)
        print(f"  {kind:5s} precision {p:.3f} recall {r:.3f} f1 {f:.3f}")
    print(f"training {train_s / k:.0f} s per fold; tagging {n_sent / tag_s:.0f} sentences/s")
    out = args.write or Path(tempfile.mkstemp(suffix=".txt")[1])
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if SCORER.exists():
        print(
            "score_ner.py:",
            subprocess.run(
                [sys.executable, str(SCORER), str(out)], capture_output=True, text=True
            ).stdout.replace("\n", "  "),
        )
    if not args.write:
        out.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
