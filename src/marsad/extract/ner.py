"""Named entities (PERS, LOC, ORG, MISC in BIO tags, as in ANERcorp) with a CRF trained in-repo.

The model and its word lists ship in `marsad/resources/ner/`, built by `scripts/train_ner.py`;
`bench/ner_cv.py` measures the same recipe by 5-fold cross-validation on ANERcorp.

    tagger = Tagger()
    tagger.tag(["وقال", "وزير", "الخارجية", "أنتوني", "بلينكن"])  # [..., "B-PERS", "I-PERS"]
    tagger.entities(tokens)                                      # [(3, 5, "PERS")]

Two passes: a first CRF tags the sentences; a second one sees, besides the same features, which entity
types the first gave to the same word in the sentences around (a name written in full once and then
alone: «سيغموند فرويد» ... «فرويد»). `tag_sentences` on consecutive sentences of a text gives it that
context; `tag` on one sentence only has the sentence.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, TextIO

import numpy as np
import pycrfsuite

from marsad.extract.ner_features import Featurizer, Lexicon, stem_key
from marsad.text.normalize import match_key, strip_bidi

TAGS = ("B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC", "O")
TYPES = ("PERS", "LOC", "ORG", "MISC")
CLUSTERS_FILE = "clusters.tsv.gz"
_TAG = re.compile(r"^(?:O|[BI]-[A-Z]+)$")
_BATCH = 256  # sentences decoded together
_CACHE = 200_000  # words whose scores are kept

Sentences = list[list[tuple[str, str]]]

# --------------------------------------------------------------------------------------------- CoNLL I/O


def _split_line(line: str) -> tuple[str, str]:
    """(token, gold tag) of one CoNLL line; the tag is the first later column that looks like one."""
    parts = line.split()
    if len(parts) == 1:
        # ANERcorp has lines whose token was an invisible character: only the tag is left.
        return ("", parts[0]) if _TAG.match(parts[0]) else (parts[0], "O")
    for part in parts[1:]:
        if _TAG.match(part):
            return parts[0], part + "S" if part.endswith("-PER") else part
    return parts[0], "O"


def read_conll(path: str | Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of (token, tag) from a CoNLL file: a sentence ends at a `.` token or a blank line.
    Bidi marks, a BOM and CR are dropped; columns after the tag are ignored."""
    sent: list[tuple[str, str]] = []
    with open(path, encoding="utf-8-sig") as f:
        for raw in f:
            line = strip_bidi(raw.replace("\ufeff", "")).strip()
            if not line:
                if sent:
                    yield sent
                    sent = []
                continue
            token, tag = _split_line(line)
            sent.append((token, tag))
            if token in (".", "۔"):
                yield sent
                sent = []
    if sent:
        yield sent


def spans(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of the entities in a BIO sequence, end exclusive; a stray I- starts one."""
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or tag[2:] != kind:
            if start >= 0:
                out.append((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (-1, "")
    return out


# ------------------------------------------------------------------------------------------- CRF weights


@dataclass(frozen=True)
class CrfWeights:
    """A trained linear-chain CRF: state weights per attribute and label, transition weights."""

    labels: tuple[str, ...]
    transitions: np.ndarray  # [from label, to label]
    index: dict[str, int]  # attribute -> row of `state`
    state: np.ndarray  # [attribute row, label]

    @classmethod
    def from_crfsuite(cls, tagger: pycrfsuite.Tagger) -> CrfWeights:
        """The non-zero weights of an open python-crfsuite tagger."""
        info = tagger.info()
        labels = tuple(tagger.labels())
        pos = {label: i for i, label in enumerate(labels)}
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[pos[a], pos[b]] = w
        index: dict[str, int] = {}
        rows: list[np.ndarray] = []
        for (attr, label), w in sorted(info.state_features.items()):
            if attr not in index:
                index[attr] = len(rows)
                rows.append(np.zeros(len(labels)))
            rows[index[attr]][pos[label]] = w
        return cls(labels, trans, index, np.array(rows) if rows else np.zeros((0, len(labels))))

    def save(self, path: str | Path) -> None:
        """Gzipped text: the labels, the transition rows, then `attribute<TAB>weights` lines."""
        lines = ["\t".join(self.labels)]
        lines += [" ".join(f"{w:.6g}" for w in row) for row in self.transitions]
        lines += [attr + "\t" + " ".join(f"{w:.6g}" for w in self.state[i]) for attr, i in self.index.items()]
        # mtime=0: the same weights give the same bytes
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
            f.write(("\n".join(lines) + "\n").encode("utf-8"))

    @classmethod
    def load(cls, raw: IO[bytes]) -> CrfWeights:
        with gzip.open(raw, "rt", encoding="utf-8") as f:
            labels = tuple(f.readline().rstrip("\n").split("\t"))
            trans = np.array([[float(w) for w in f.readline().split()] for _ in labels])
            index: dict[str, int] = {}
            rows: list[str] = []
            for line in f:
                attr, _, weights = line.rstrip("\n").rpartition("\t")
                index[attr] = len(rows)
                rows.append(weights)
        state = np.array(" ".join(rows).split(), dtype=float).reshape(len(rows), len(labels))
        return cls(labels, trans, index, state)


def _viterbi(scores: list[np.ndarray], trans: np.ndarray) -> list[list[int]]:
    """Best label paths of several sentences (token x label state scores each) at once: one numpy step
    per token position for all the sentences that are that long."""
    order = sorted(range(len(scores)), key=lambda b: len(scores[b]))
    lens = [len(scores[b]) for b in order]
    s = np.zeros((len(scores), lens[-1], trans.shape[0]))
    for row, b in enumerate(order):
        s[row, : lens[row]] = scores[b]
    back = np.zeros(s.shape, dtype=np.intp)
    delta = s[:, 0].copy()
    live = 0  # rows before this one have ended; their delta stays at their last token
    for t in range(1, lens[-1]):
        while lens[live] <= t:
            live += 1
        cand = delta[live:, :, None] + trans  # sentence x from x to
        back[live:, t] = cand.argmax(axis=1)
        delta[live:] = cand.max(axis=1) + s[live:, t]
    paths: list[list[int]] = [[] for _ in scores]
    for row, b in enumerate(order):
        best = int(delta[row].argmax())
        path = [best]
        for step in reversed(back[row, 1 : lens[row]].tolist()):
            best = step[best]
            path.append(best)
        paths[b] = path[::-1]
    return paths


class CrfScorer:
    """Decodes with one CRF's weights directly instead of through python-crfsuite.

    Every feature of a token except the two word bigrams, multi-word name marks and extra (document)
    features depends on one word alone, so a word's summed weights, for itself and as each neighbour,
    are computed once and cached; a sentence then costs a few vector additions and a Viterbi step per
    token. Scores and paths equal python-crfsuite's over `Featurizer.sentence` features."""

    def __init__(self, weights: CrfWeights) -> None:
        self.w = weights
        # the word cache: token -> row of `_table` (its 5 x label scores), with its key and base
        self._ids: dict[str, int] = {}
        self._table = np.zeros((1024, 5, len(weights.labels)))
        self._keys: list[str] = []
        self._bases: list[str] = []
        self._bias, self._bos, self._eos = (self._sum(["bias"]), self._sum(["BOS"]), self._sum(["EOS"]))
        # word bigram "a|b" -> rows of `bg+=a|b` (on a) and `bg-=a|b` (on b), -1 where absent
        self._pairs: dict[str, tuple[int, int]] = {}
        for attr, row in weights.index.items():
            if attr.startswith(("bg+=", "bg-=")):
                plus, minus = self._pairs.get(attr[4:], (-1, -1))
                self._pairs[attr[4:]] = (row, minus) if attr[2] == "+" else (plus, row)

    def _sum(self, feats: Iterable[str]) -> np.ndarray:
        rows = [self.w.index[f] for f in feats if f in self.w.index]
        return self.w.state[rows].sum(axis=0)

    def _id(self, token: str, feat: Featurizer) -> int:
        """The cache row of a word: its 5 x label scores (itself, then as the word at -2, -1, +1, +2 of
        a token), computed on first sight."""
        i = self._ids.get(token)
        if i is None:
            word = feat.word(token)
            index = self.w.index
            rows, groups = [], []
            for group, feats in enumerate((word.own, *word.contexts)):
                for f in feats:
                    row = index.get(f)
                    if row is not None:
                        rows.append(row)
                        groups.append(group)
            i = len(self._keys)
            if i == len(self._table):
                self._table = np.concatenate([self._table, np.zeros_like(self._table)])
            vec = self._table[i]
            vec[:] = 0.0
            np.add.at(vec, groups, self.w.state[rows])
            self._keys.append(word.key)
            self._bases.append(word.base)
            self._ids[token] = i
        return i

    def _word(self, token: str, feat: Featurizer) -> np.ndarray:
        """5 x label scores of a word: itself, then as the word at -2, -1, +1, +2 of a token."""
        return self._table[self._id(token, feat)]

    def _scores(
        self, sentences: list[list[str]], feat: Featurizer, extra: list[list[list[str]]] | None
    ) -> list[np.ndarray]:
        """Token x label state scores of each sentence, all tokens at once."""
        if len(self._keys) >= _CACHE:  # forget the words seen so far (between batches only)
            self._ids.clear()
            self._keys.clear()
            self._bases.clear()
        lens = [len(sent) for sent in sentences]
        ids = [self._id(t, feat) for sent in sentences for t in sent]
        parts = self._table[ids]  # tokens x 5 x L
        pos = np.concatenate([np.arange(n) for n in lens])
        left = np.concatenate([np.arange(n - 1, -1, -1) for n in lens])  # tokens after this one
        s = parts[:, 0] + self._bias
        # a word's features as the neighbour at offset o land on token i - o (inside its sentence)
        s[2:] += parts[:-2, 1] * (pos[2:] >= 2)[:, None]
        s[1:] += parts[:-1, 2] * (pos[1:] >= 1)[:, None]
        s[:-1] += parts[1:, 3] * (left[:-1] >= 1)[:, None]
        s[:-2] += parts[2:, 4] * (left[:-2] >= 2)[:, None]
        s[pos == 0] += self._bos
        s[left == 0] += self._eos
        index, pairs, keys, bases = self.w.index, self._pairs, self._keys, self._bases
        at: list[int] = []  # token positions and the state rows to add there
        rows: list[int] = []
        start = 0
        for j, n in enumerate(lens):
            sent_ids = ids[start : start + n]
            for i in range(n - 1):
                hit = pairs.get(keys[sent_ids[i]] + "|" + keys[sent_ids[i + 1]])
                if hit is not None:
                    for offset, row in enumerate(hit):
                        if row >= 0:
                            at.append(start + i + offset)
                            rows.append(row)
            sparse = feat.phrase_tags([bases[i] for i in sent_ids])
            if extra is not None:
                for i, feats in enumerate(extra[j]):
                    sparse[i].extend(feats)
            for i, feats in enumerate(sparse):
                for f in feats:
                    row = index.get(f, -1)
                    if row >= 0:
                        at.append(start + i)
                        rows.append(row)
            start += n
        np.add.at(s, at, self.w.state[rows])
        return np.split(s, np.cumsum(lens)[:-1])

    def decode(
        self, sentences: list[list[str]], feat: Featurizer, extra: list[list[list[str]]] | None = None
    ) -> list[list[str]]:
        """Best tag sequences, sentences of similar length decoded together."""
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for start in range(0, len(order), _BATCH):
            batch = order[start : start + _BATCH]
            more = [extra[i] for i in batch] if extra is not None else None
            scores = self._scores([sentences[i] for i in batch], feat, more)
            for i, path in zip(batch, _viterbi(scores, self.w.transitions), strict=True):
                out[i] = [self.w.labels[j] for j in path]
        return out


def doc_features(bases: list[list[str]], tags: list[list[str]], window: int) -> list[list[list[str]]]:
    """Per token, `d=TYPE` for each entity type that `tags` give the same word (by base) at another
    place within `window` sentences either side."""
    seen: dict[str, tuple[list[int], list[tuple[int, str]]]] = {}
    for j, (bs, ts) in enumerate(zip(bases, tags, strict=True)):
        for i, (b, t) in enumerate(zip(bs, ts, strict=True)):
            if t != "O" and len(b) > 1:
                sents, where = seen.setdefault(b, ([], []))
                sents.append(j)
                where.append((i, t[2:]))
    out: list[list[list[str]]] = []
    for j, bs in enumerate(bases):
        feats: list[list[str]] = []
        for i, b in enumerate(bs):
            hit = seen.get(b)
            if hit is None:
                feats.append([])
                continue
            sents, where = hit
            kinds = {
                where[n][1]
                for n in range(bisect_left(sents, j - window), bisect_right(sents, j + window))
                if sents[n] != j or where[n][0] != i
            }
            feats.append(["d=" + k for k in sorted(kinds)])
        out.append(feats)
    return out


# ------------------------------------------------------------------------------------------------- model


@dataclass(frozen=True)
class NerModel:
    """The two CRFs, the document window of the second, and the lexicon their features look up."""

    main: CrfWeights
    lexicon: Lexicon
    first: CrfWeights | None = None  # None: one pass, `main` without document features
    window: int = 0

    def save(self, out: Path) -> None:
        """Weights, settings and word lists into a folder (the clusters file is an input, kept)."""
        for old in [*out.glob("gaz_*.txt"), *out.glob("phrase_*.txt"), *out.glob("crf_*.tsv.gz")]:
            old.unlink()
        self.main.save(out / "crf_main.tsv.gz")
        if self.first is not None:
            self.first.save(out / "crf_first.tsv.gz")
        (out / "model.json").write_text(json.dumps({"window": self.window}) + "\n", encoding="utf-8")
        for name, words in self.lexicon.gazetteers.items():
            (out / f"gaz_{name}.txt").write_text("".join(w + "\n" for w in sorted(words)), encoding="utf-8")
        for name, phrases in self.lexicon.phrases.items():
            text = "".join(p + "\n" for p in sorted(phrases))
            (out / f"phrase_{name}.txt").write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, root: Traversable | Path | None = None) -> NerModel:
        """A saved model; by default the packaged one."""
        root = root if root is not None else resources.files("marsad").joinpath("resources", "ner")
        with root.joinpath("crf_main.tsv.gz").open("rb") as raw:
            main = CrfWeights.load(raw)
        first = None
        if root.joinpath("crf_first.tsv.gz").is_file():
            with root.joinpath("crf_first.tsv.gz").open("rb") as raw:
                first = CrfWeights.load(raw)
        window = int(json.loads(root.joinpath("model.json").read_text(encoding="utf-8"))["window"])
        return cls(main, load_lexicon(root), first, window)


@cache
def person_words() -> frozenset[str]:
    """Words of people's names in the packaged lexicon (`gaz_PERS`, `gaz_tPERS`: ANERgazet, Wojood and
    ANERcorp names), as `stem_key` writes them; read without loading the tagger."""
    root = resources.files("marsad").joinpath("resources", "ner")
    return frozenset(w for name in ("gaz_PERS.txt", "gaz_tPERS.txt") for w in _lines(root.joinpath(name)))


def _lines(entry: Traversable) -> list[str]:
    return [line for line in entry.read_text(encoding="utf-8").split("\n") if line]


def load_lexicon(root: Traversable | Path) -> Lexicon:
    """Word lists of a model folder: `gaz_<name>.txt`, `phrase_<name>.txt` and `clusters.tsv.gz`."""
    gaz: dict[str, frozenset[str]] = {}
    phrases: dict[str, frozenset[str]] = {}
    for entry in root.iterdir():
        if entry.name.startswith("gaz_") and entry.name.endswith(".txt"):
            gaz[entry.name[4:-4]] = frozenset(_lines(entry))
        elif entry.name.startswith("phrase_") and entry.name.endswith(".txt"):
            phrases[entry.name[7:-4]] = frozenset(_lines(entry))
    clusters: dict[str, str] = {}
    path = root.joinpath(CLUSTERS_FILE)
    if path.is_file():
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
            for line in f:
                word, _, ids = line.rstrip("\n").partition("\t")
                clusters[word] = ids
    return Lexicon(dict(sorted(gaz.items())), dict(sorted(phrases.items())), clusters)


# ---------------------------------------------------------------------------------------------- training


@dataclass(frozen=True)
class TrainOptions:
    """Training settings: L-BFGS with elastic-net regularisation for the main CRF, an averaged
    perceptron (fast) for the first pass."""

    c1: float = 0.05  # L1: prunes weak features, keeps the model small
    c2: float = 0.05  # L2
    max_iterations: int = 100
    min_freq: int = 1  # features seen fewer times in training are dropped
    # a word is a training-data gazetteer word of a type when it is inside an entity of that type at
    # least `gaz_min` times and in at least `gaz_ratio` of its occurrences
    gaz_min: int = 2
    gaz_ratio: float = 0.5
    jackknife: int = 5  # parts of the training data (see `fit`)
    window: int = 20  # sentences either side for document features; 0: one pass
    first_epochs: int = 10


def corpus_gazetteers(
    sentences: Sentences, opts: TrainOptions
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Word and phrase gazetteers learnt from tagged sentences: `t<TYPE>` lists of entity words."""
    inside: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    names: dict[str, set[str]] = defaultdict(set)
    for sent in sentences:
        bases = [stem_key(match_key(w)) for w, _ in sent]
        total.update(bases)
        for start, end, kind in spans([t for _, t in sent]):
            inside[kind].update(bases[start:end])
            if end - start > 1:
                names[kind].add(" ".join(bases[start:end]))
    words = {
        "t" + kind: frozenset(
            w
            for w, n in counts.items()
            if len(w) > 1 and n >= opts.gaz_min and n >= opts.gaz_ratio * total[w]
        )
        for kind, counts in inside.items()
    }
    return words, {"t" + kind: frozenset(ps) for kind, ps in names.items()}


def merge_lexicons(*lexicons: Lexicon) -> Lexicon:
    """One lexicon with every gazetteer and phrase list of the given ones (clusters: the last wins)."""
    gaz: dict[str, frozenset[str]] = {}
    phrases: dict[str, frozenset[str]] = {}
    clusters: dict[str, str] = {}
    for lex in lexicons:
        for name, words in lex.gazetteers.items():
            gaz[name] = gaz.get(name, frozenset()) | words
        for name, ps in lex.phrases.items():
            phrases[name] = phrases.get(name, frozenset()) | ps
        clusters.update(lex.clusters)
    return Lexicon(dict(sorted(gaz.items())), dict(sorted(phrases.items())), clusters)


def _train(
    xs: list[list[list[str]]],
    ys: list[list[str]],
    params: Mapping[str, float | int | bool],
    algorithm: str,
    tag: Iterable[list[list[str]]] = (),
    weights: bool = True,
) -> tuple[CrfWeights | None, list[list[str]]]:
    """Train a python-crfsuite CRF: its weights (if asked) and its tags for the `tag` sequences."""
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({"feature.possible_transitions": True, **params})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        try:
            return (CrfWeights.from_crfsuite(tagger) if weights else None), [tagger.tag(x) for x in tag]
        finally:
            tagger.close()


def fit(sentences: Sentences, lexicon: Lexicon, opts: TrainOptions = TrainOptions()) -> NerModel:
    """Train the tagger on sentences of (token, tag); `lexicon` holds the lists that do not come from
    the sentences (the model's lexicon adds the gazetteers learnt from them)."""
    # Jackknife: the sentences of each part see training-data gazetteers built from the other parts
    # only, and document features from a first pass trained on the other parts, as a new text will;
    # built from all of it, they would be right about every training name and learnt as infallible.
    k = opts.jackknife
    bounds = [round(i * len(sentences) / k) for i in range(k + 1)]
    parts = [range(bounds[p], bounds[p + 1]) for p in range(k)]
    xs: list[list[list[str]]] = []
    ys = [[t for _, t in sent] for sent in sentences]
    for part in parts:
        rest = sentences[: part.start] + sentences[part.stop :]
        feat = Featurizer(merge_lexicons(lexicon, Lexicon(*corpus_gazetteers(rest, opts))))
        xs.extend(feat.sentence([w for w, _ in sentences[j]]) for j in part)
    full = merge_lexicons(lexicon, Lexicon(*corpus_gazetteers(sentences, opts)))
    first = None
    if opts.window:
        ap = {"max_iterations": opts.first_epochs}
        first_tags: list[list[str]] = []
        for part in parts:
            rest_ids = [j for j in range(len(sentences)) if j not in part]
            rest_xs, rest_ys = [xs[j] for j in rest_ids], [ys[j] for j in rest_ids]
            first_tags.extend(_train(rest_xs, rest_ys, ap, "ap", [xs[j] for j in part], weights=False)[1])
        bases = [[stem_key(match_key(w)) for w, _ in sent] for sent in sentences]
        docs = doc_features(bases, first_tags, opts.window)
        first = _train(xs, ys, ap, "ap")[0]
        xs = [[f + d for f, d in zip(x, doc, strict=True)] for x, doc in zip(xs, docs, strict=True)]
    lbfgs = {
        "c1": opts.c1,
        "c2": opts.c2,
        "max_iterations": opts.max_iterations,
        "feature.minfreq": opts.min_freq,
    }
    main = _train(xs, ys, lbfgs, "lbfgs")[0]
    assert main is not None
    return NerModel(main, full, first, opts.window if first is not None else 0)


# ----------------------------------------------------------------------------------------------- tagging


class Tagger:
    """BIO named-entity tagger over the packaged model (loaded on first use) or a given one."""

    def __init__(self, model: NerModel | None = None) -> None:
        self._model = model
        self._parts: tuple[NerModel, Featurizer, CrfScorer, CrfScorer | None] | None = None

    def _load(self) -> tuple[NerModel, Featurizer, CrfScorer, CrfScorer | None]:
        if self._parts is None:
            model = self._model if self._model is not None else NerModel.load()
            first = CrfScorer(model.first) if model.first is not None else None
            self._parts = (model, Featurizer(model.lexicon), CrfScorer(model.main), first)
        return self._parts

    @property
    def lexicon(self) -> Lexicon:
        """The word lists of the model (gazetteers, clusters)."""
        return self._load()[0].lexicon

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags for one tokenised sentence."""
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for consecutive tokenised sentences of a text (each sees its neighbours)."""
        model, feat, main, first = self._load()
        docs = None
        if first is not None:
            bases = [[feat.word(t).base for t in sent] for sent in sentences]
            docs = doc_features(bases, first.decode(sentences, feat), model.window)
        return main.decode(sentences, feat, docs)

    def entities(self, tokens: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, type) token spans of the entities in one sentence, end exclusive."""
        return spans(self.tag(tokens))


_DEFAULT: Tagger | None = None


def default_tagger() -> Tagger:
    """One shared Tagger over the packaged model."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Tagger()
    return _DEFAULT


def ner_conll(in_path: str, out: TextIO, tagger: Tagger | None = None) -> None:
    """Tag a CoNLL file (`token TAG` lines) and write `token GOLD PRED` lines, one per input token
    (`_` for a token that was only an invisible mark)."""
    sentences = list(read_conll(in_path))
    tags = (tagger or default_tagger()).tag_sentences([[w for w, _ in sent] for sent in sentences])
    for sent, pred in zip(sentences, tags, strict=True):
        for (word, gold), tag in zip(sent, pred, strict=True):
            out.write(f"{word or '_'} {gold} {tag}\n")
