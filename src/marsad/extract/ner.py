"""Named entities (PERS, LOC, ORG, MISC in BIO tags, as in ANERcorp) with a CRF trained in-repo.

The model and its word lists ship in `marsad/resources/ner/` and are built by `scripts/train_ner.py`;
`bench/ner_cv.py` measures the same training recipe by 5-fold cross-validation on ANERcorp.

    tagger = Tagger()
    tagger.tag(["وقال", "وزير", "الخارجية", "أنتوني", "بلينكن"])  # [..., "B-PERS", "I-PERS"]
    tagger.entities(tokens)                                      # [(3, 5, "PERS")]
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

import pycrfsuite

from marsad.extract.ner_features import Featurizer, Lexicon, gazetteer_keys, stem_key
from marsad.text.normalize import match_key, strip_bidi

TAGS = ("B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC", "O")
TYPES = ("PERS", "LOC", "ORG", "MISC")
MODEL_FILE = "model.crfsuite"
_TAG = re.compile(r"^(?:O|[BI]-[A-Z]+)$")
_RESOURCE = "resources/ner"


# ---------------------------------------------------------------------------------------------- CoNLL I/O


def _split_line(line: str) -> tuple[str, str]:
    """(token, gold tag) of one CoNLL line; the tag is the first later column that looks like one."""
    parts = line.split()
    if len(parts) == 1:
        # ANERcorp has lines whose token is an invisible character: only the tag is left.
        return ("", parts[0]) if _TAG.match(parts[0]) else (parts[0], "O")
    for part in parts[1:]:
        tag = strip_bidi(part)
        if _TAG.match(tag):
            return parts[0], tag.replace("B-PER", "B-PERS").replace("I-PER", "I-PERS").replace("SS", "S")
    return parts[0], "O"


def read_conll(path: str | Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of (token, tag) from a CoNLL file: a sentence ends at a `.` token or a blank line."""
    sent: list[tuple[str, str]] = []
    with open(path, encoding="utf-8-sig", newline=None) as f:
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


# ---------------------------------------------------------------------------------------------- entities


def spans(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of the entities in a BIO sequence; a stray I- starts a new entity."""
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    tags = list(tags)
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or tag[2:] != kind:
            if start >= 0:
                out.append((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (-1, "")
    return out


# ---------------------------------------------------------------------------------------------- training


@dataclass(frozen=True)
class TrainOptions:
    """CRF training settings (L-BFGS with elastic-net regularisation)."""

    c1: float = 0.05  # L1: prunes weak features, keeps the model small
    c2: float = 0.05  # L2
    max_iterations: int = 200
    min_freq: int = 1  # features seen fewer times in training are dropped
    # a word counts as a training-data gazetteer word of a type when it is inside an entity of that
    # type at least `gaz_min` times and in at least `gaz_ratio` of its occurrences
    gaz_min: int = 2
    gaz_ratio: float = 0.5
    jackknife: int = 5  # parts of the training data for its own gazetteers (see `fit`)


def corpus_gazetteers(
    sentences: list[list[tuple[str, str]]], opts: TrainOptions
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Word and phrase gazetteers learnt from tagged sentences: `t<TYPE>` lists of entity words."""
    inside: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    names: dict[str, set[str]] = defaultdict(set)
    for sent in sentences:
        tags = [t for _, t in sent]
        bases = [stem_key(match_key(w)) for w, _ in sent]
        for b in bases:
            total[b] += 1
        for start, end, kind in spans(tags):
            for b in bases[start:end]:
                inside[kind][b] += 1
            if end - start > 1:
                names[kind].add(" ".join(bases[start:end]))
    words = {
        "t" + kind: frozenset(
            w for w, n in counts.items() if n >= opts.gaz_min and n >= opts.gaz_ratio * total[w] and len(w) > 1
        )
        for kind, counts in inside.items()
    }
    phrases = {"t" + kind: frozenset(ps) for kind, ps in names.items()}
    return words, phrases


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
    return Lexicon(gaz, phrases, clusters)


def fit(
    sentences: list[list[tuple[str, str]]],
    lexicon: Lexicon,
    model_path: str | Path,
    opts: TrainOptions = TrainOptions(),
) -> Lexicon:
    """Train a CRF on tagged sentences; returns the full lexicon (static lists + training gazetteers)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    # Jackknife: a training sentence sees the training-data gazetteers built from the other parts only,
    # as a new sentence will; built from all of it, they would cover every training name and the model
    # would learn to trust them blindly.
    k = opts.jackknife
    bounds = [round(i * len(sentences) / k) for i in range(k + 1)]
    for part in range(k):
        rest = sentences[: bounds[part]] + sentences[bounds[part + 1] :]
        feat = Featurizer(merge_lexicons(lexicon, Lexicon(*corpus_gazetteers(rest, opts))))
        for sent in sentences[bounds[part] : bounds[part + 1]]:
            trainer.append(feat.sentence([w for w, _ in sent]), [t for _, t in sent])
    full = merge_lexicons(lexicon, Lexicon(*corpus_gazetteers(sentences, opts)))
    trainer.set_params(
        {
            "c1": opts.c1,
            "c2": opts.c2,
            "max_iterations": opts.max_iterations,
            "feature.minfreq": opts.min_freq,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(model_path))
    return full


# ---------------------------------------------------------------------------------------------- tagging


def _read_list(name: str) -> list[str]:
    path = resources.files("marsad").joinpath(_RESOURCE).joinpath(name)
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_lexicon(names: Mapping[str, str] | None = None) -> Lexicon:
    """The packaged lexicon: `gaz_<name>.txt` word lists, `phrase_<name>.txt` and `clusters.tsv`."""
    gaz: dict[str, frozenset[str]] = {}
    phrases: dict[str, frozenset[str]] = {}
    root = resources.files("marsad").joinpath(_RESOURCE)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("gaz_") and entry.name.endswith(".txt"):
            gaz[entry.name[4:-4]] = frozenset(_read_list(entry.name))
        elif entry.name.startswith("phrase_") and entry.name.endswith(".txt"):
            phrases[entry.name[7:-4]] = frozenset(_read_list(entry.name))
    clusters = dict(line.split("\t", 1) for line in _read_list("clusters.tsv"))  # type: ignore[misc]
    return Lexicon(gaz, phrases, clusters)


class Tagger:
    """BIO named-entity tagger over the packaged CRF model (or a given model and lexicon)."""

    def __init__(self, model_path: str | Path | None = None, lexicon: Lexicon | None = None) -> None:
        self._model_path = model_path
        self._lexicon = lexicon
        self._tagger: pycrfsuite.Tagger | None = None
        self._feat: Featurizer | None = None

    def _load(self) -> tuple[pycrfsuite.Tagger, Featurizer]:
        if self._tagger is None or self._feat is None:
            tagger = pycrfsuite.Tagger()
            if self._model_path is not None:
                tagger.open(str(self._model_path))
            else:
                with resources.as_file(resources.files("marsad").joinpath(_RESOURCE).joinpath(MODEL_FILE)) as path:
                    tagger.open(str(path))
            self._feat = Featurizer(self._lexicon if self._lexicon is not None else load_lexicon())
            self._tagger = tagger
        return self._tagger, self._feat

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags for one tokenised sentence."""
        if not tokens:
            return []
        tagger, feat = self._load()
        return list(tagger.tag(feat.sentence(tokens)))

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for many tokenised sentences."""
        return [self.tag(s) for s in sentences]

    def entities(self, tokens: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, type) token spans of the entities in one sentence, end exclusive."""
        return spans(self.tag(tokens))


_DEFAULT: Tagger | None = None


def default_tagger() -> Tagger:
    """One shared Tagger over the packaged model, loaded on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Tagger()
    return _DEFAULT


def ner_conll(in_path: str, out: TextIO, tagger: Tagger | None = None) -> None:
    """Tag a CoNLL file (`token TAG` lines) and write `token GOLD PRED` lines, one per input token."""
    tagger = tagger or default_tagger()
    for sent in read_conll(in_path):
        pred = tagger.tag([w for w, _ in sent])
        for (word, gold), tag in zip(sent, pred, strict=True):
            out.write(f"{word or '_'} {gold} {tag}\n")


def temp_model_path() -> Path:
    """A fresh temporary file path for a model trained on the fly (cross-validation)."""
    with tempfile.NamedTemporaryFile(suffix=".crfsuite", delete=False) as f:
        return Path(f.name)
