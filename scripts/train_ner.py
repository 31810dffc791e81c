"""Train the packaged named-entity CRF and write its word lists, reproducibly, from the shared data.

    .venv/bin/python scripts/train_ner.py [--data ../shared/data] [--out src/marsad/resources/ner]
                                          [--clusters]

Writes into `--out`: `crf_main.tsv.gz` and `crf_first.tsv.gz` (the CRFs' non-zero weights),
`gaz_<name>.txt` (one word key a line), `phrase_<name>.txt` (multi-word names), `person_share.tsv` (per
word cluster of each level: its training tokens, and those inside a person's name; the mention rules
read it, not the tagger) and, with `--clusters` or when missing, `clusters.tsv.gz`. Sources:
- `ner/anercorp_train.txt` (ANERcorp): the training sentences, and the `t<TYPE>` lists of words that are
  mostly inside entities of that type there;
- `ner/Aligned*Gazetteer.txt` (ANERgazet): person, location and organisation names;
- babel (CLDR): Arabic names of countries, regions and time-zone cities;
- `corpora/*.jsonl.gz` (unlabelled news, 17M words): word clusters. Each word's left and right neighbours
  give a PPMI co-occurrence matrix, a randomized SVD (fixed seed) embeds it in 100 dimensions and k-means
  (fixed seed) cuts the embeddings into 64, 256 and 1024 clusters: a cheap stand-in for Brown clusters
  that lets the tagger generalise from names it saw to names it did not (بعقوبة ~ الموصل، ديالى).
Training is deterministic (L-BFGS from zero weights, data in file order); the same data gives the same model.
NewsFANE is not used: its newswire overlaps ANERcorp's own articles (including, by all signs, the part
kept back for testing).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import zoneinfo
from collections import Counter
from pathlib import Path

import babel
import numpy as np
import scipy.sparse as sp
from babel.dates import get_timezone_location

from marsad.extract.ner import CLUSTERS_FILE, TrainOptions, fit, read_conll, spans
from marsad.extract.ner_features import Lexicon, gazetteer_keys
from marsad.text.normalize import match_key

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "marsad" / "resources" / "ner"


CLUSTERS = CLUSTERS_FILE
_WORD = re.compile(r"[\u0621-\u064a]+|\d+|[a-z]+")


def corpus_tokens(paths: list[Path]) -> list[list[str]]:
    """Key tokens of every title and text of JSON Lines corpora (numbers folded to `0`)."""
    docs = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                for part in (record.get("title") or "", record.get("text") or ""):
                    docs.append(["0" if t[0].isdigit() else t for t in _WORD.findall(match_key(part))])
    return docs


def build_clusters(
    docs: list[list[str]], min_count: int = 5, contexts: int = 10_000, dim: int = 100, ks=(64, 256, 1024)
) -> dict[str, str]:
    """word key -> "c64/c256/c1024" cluster ids from PPMI-SVD embeddings of its neighbours."""
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.utils.extmath import randomized_svd

    counts = Counter(t for d in docs for t in d)
    vocab = [w for w, c in sorted(counts.items(), key=lambda wc: (-wc[1], wc[0])) if c >= min_count]
    ids = {w: i for i, w in enumerate(vocab)}
    seq_list: list[int] = []
    for d in docs:
        seq_list.extend(ids.get(t, -1) for t in d)
        seq_list.append(-2)  # document boundary
    seq = np.array(seq_list, dtype=np.int64)
    ctx = np.where((seq >= 0) & (seq < contexts), seq, -1)
    rows, cols = [], []
    # context columns: word on the left, word on the right, a word two away (either side)
    for off, base in ((-1, 0), (1, contexts), (-2, 2 * contexts), (2, 2 * contexts)):
        w, c = (seq[-off:], ctx[:off]) if off < 0 else (seq[:-off], ctx[off:])
        keep = (w >= 0) & (c >= 0)
        if abs(off) == 2:
            keep &= seq[1:-1] != -2
        rows.append(w[keep])
        cols.append(c[keep] + base)
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = sp.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), 3 * contexts)).tocsr()
    m.sum_duplicates()
    m = m.tocoo()
    total = m.data.sum()
    row_p = np.asarray(m.tocsr().sum(1)).ravel() / total
    col_p = np.bincount(m.col, weights=m.data, minlength=3 * contexts) ** 0.75
    col_p /= col_p.sum()
    pmi = np.log(m.data / total / row_p[m.row] / col_p[m.col])
    pos = pmi > 0
    ppmi = sp.csr_matrix((pmi[pos], (m.row[pos], m.col[pos])), shape=m.shape)
    u, s, _ = randomized_svd(ppmi, n_components=dim, n_iter=5, random_state=0)
    emb = u * np.sqrt(s)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    labels = [
        MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3).fit(emb).labels_ for k in ks
    ]
    return {w: "/".join(str(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def write_clusters(clusters: dict[str, str], path: Path) -> None:
    # mtime=0: the same clusters give the same bytes
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write("".join(f"{w}\t{c}\n" for w, c in clusters.items()).encode("utf-8"))


def read_clusters(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f)


def write_person_share(sentences: list[list[tuple[str, str]]], clusters: dict[str, str], path: Path) -> None:
    """Per word cluster of each level: how many training tokens fall in it, and how many of them are
    inside a person's name (present-tense verbs: almost none; foreign surnames: most)."""
    tokens: Counter[tuple[int, str]] = Counter()
    inside: Counter[tuple[int, str]] = Counter()
    for sent in sentences:
        for word, tag in sent:
            for level, cluster in enumerate(clusters.get(match_key(word), "").split("/")):
                if cluster:
                    tokens[(level, cluster)] += 1
                    inside[(level, cluster)] += tag.endswith("PERS")
    rows = sorted(tokens, key=lambda lc: (lc[0], int(lc[1])))
    path.write_text("".join(f"{lv}\t{c}\t{tokens[(lv, c)]}\t{inside[(lv, c)]}\n" for lv, c in rows), "utf-8")


def babel_places() -> list[str]:
    """Arabic names of countries, regions and cities that CLDR knows."""
    locale = babel.Locale("ar")
    names = [name for code, name in locale.territories.items() if code not in ("ZZ", "001")]
    for tz in sorted(zoneinfo.available_timezones()):
        try:
            city = get_timezone_location(tz, locale="ar", return_city=True)
        except (LookupError, ValueError):
            continue
        names.append(city)
    # "الكونغو - كينشاسا": keep the parts
    return [part.strip() for name in names for part in name.split(" - ")]


def anergazet(path: Path) -> list[str]:
    """Names of one ANERgazet list, without its `====` / `****` section markers."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not set(line.strip()) <= set("=*")]


# Wojood's flat types that are ANERcorp's PERS, LOC and ORG (its MISC-like types are spread over many)
_WOJOOD = {"PERS": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def wojood_names(folder: Path) -> dict[str, list[str]]:
    """Entity names of the Wojood sample (flat tags, second column), by ANERcorp type."""
    names: dict[str, list[str]] = {kind: [] for kind in set(_WOJOOD.values())}
    for path in sorted(folder.glob("*.txt")):
        for sent in read_conll(path):
            words = [w for w, _ in sent]
            for start, end, kind in spans([t for _, t in sent]):
                if kind in _WOJOOD:
                    names[_WOJOOD[kind]].append(" ".join(words[start:end]))
    return names


def static_lexicon(data: Path = DATA, out: Path = OUT) -> Lexicon:
    """Gazetteers that do not come from the training sentences, and the word clusters in `out`."""
    ner = data / "ner"
    wojood = wojood_names(ner / "wojood_sample")
    sources = {
        "PERS": anergazet(ner / "AlignedPersGazetteer.txt") + wojood["PERS"],
        "LOC": anergazet(ner / "AlignedLocGazetteer.txt") + babel_places() + wojood["LOC"],
        "ORG": anergazet(ner / "AlignedOrgGazetteer.txt") + wojood["ORG"],
    }
    gaz, phrases = {}, {}
    for kind, names in sources.items():
        words, ps = gazetteer_keys(names)
        gaz[kind] = words
        phrases[kind] = ps
    return Lexicon(gaz, phrases, read_clusters(out / CLUSTERS))


def load_train(data: Path = DATA) -> list[list[tuple[str, str]]]:
    return list(read_conll(data / "ner" / "anercorp_train.txt"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--clusters", action="store_true", help="rebuild the word clusters (minutes)")
    ap.add_argument("--share-only", action="store_true", help="write person_share.tsv only (no training)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    if args.clusters or not (args.out / CLUSTERS).exists():
        docs = corpus_tokens(sorted((args.data / "corpora").glob("*.jsonl.gz")))
        write_clusters(build_clusters(docs), args.out / CLUSTERS)
        print(f"clusters from {len(docs)} texts in {time.perf_counter() - start:.0f} s")
    sentences = load_train(args.data)
    write_person_share(sentences, read_clusters(args.out / CLUSTERS), args.out / "person_share.tsv")
    if args.share_only:
        return 0
    model = fit(sentences, static_lexicon(args.data, args.out), TrainOptions())
    model.save(args.out)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    seconds = time.perf_counter() - start
    print(f"trained on {len(sentences)} sentences in {seconds:.0f} s; model folder {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
