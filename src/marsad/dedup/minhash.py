"""Exact and near-duplicate keys for articles: a content hash of the matching key, and MinHash
signatures over word shingles with LSH bands.

Hashing is stable across processes and machines (xxhash, blake2b), never Python's `hash()`, so
band keys computed in one worker meet those computed in another.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import xxhash
from datasketch import MinHash


@dataclass(frozen=True)
class DedupOptions:
    """Tunables of duplicate detection (documented defaults)."""

    #: words per shingle; 3 keeps reordered paragraphs similar and rewritten sentences apart
    shingle_words: int = 3
    #: MinHash permutations = bands * rows
    bands: int = 16
    rows: int = 4
    #: estimated Jaccard similarity from which an article is a near-duplicate of an earlier one
    threshold: float = 0.8
    #: fewer shingles than this and only the exact hash decides (short texts collide by chance)
    min_shingles: int = 8
    seed: int = 1

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


_WORD_HASHES: dict[str, int] = {}
_WORD_CACHE_SIZE = 500_000


def content_hash(title_key: str, body_key: str) -> str:
    """Hash of what an article says, on matching keys: the same text with other quotes, digits,
    diacritics or spacing hashes the same."""
    return hashlib.blake2b(f"{title_key}\n{body_key}".encode(), digest_size=16).hexdigest()


def shingles(key: str, opts: DedupOptions) -> np.ndarray:
    """Hashes (uint32) of the word n-gram shingles of a body's matching key, unique and sorted.

    Each word is hashed once (xxhash, cached) and n consecutive word hashes are combined with
    numpy, which is several times faster than hashing every shingle's text."""
    words = key.split()
    if not words:
        return np.zeros(0, dtype=np.uint32)
    cache = _WORD_HASHES
    if len(cache) > _WORD_CACHE_SIZE:
        cache.clear()
    for w in set(words).difference(cache):
        cache[w] = xxhash.xxh32_intdigest(w.encode("utf-8"))
    hv = np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))
    n = min(opts.shingle_words, len(hv))
    combined = np.zeros(len(hv) - n + 1, dtype=np.uint64)
    for i in range(n):
        # polynomial combination mod 2**64 (numpy wraps), folded to 32 bits below
        combined = combined * np.uint64(0x9E3779B1) + hv[i : len(hv) - n + 1 + i]
    return np.unique((combined ^ (combined >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


@lru_cache(maxsize=8)
def _template(num_perm: int, seed: int) -> MinHash:
    # the shingle hashes are the MinHash input hashes: an identity hash function
    return MinHash(num_perm=num_perm, seed=seed, scheme="affine32", hashfunc=int)


def signature(key: str, opts: DedupOptions) -> np.ndarray | None:
    """MinHash signature of a body's matching key (uint32 array), or None for too short a text."""
    sh = shingles(key, opts)
    if len(sh) < opts.min_shingles:
        return None
    m = _template(opts.num_perm, opts.seed)
    m.clear()  # one MinHash object reused: its permutations are the costly part to build
    m.update_batch(sh.tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


def band_keys(sig: np.ndarray, opts: DedupOptions) -> list[int]:
    """One signed 64-bit key per LSH band (band index mixed in), for an indexed table column."""
    keys = []
    for b in range(opts.bands):
        chunk = sig[b * opts.rows : (b + 1) * opts.rows].tobytes()
        h = xxhash.xxh64_intdigest(struct.pack("<H", b) + chunk)
        keys.append(h - (1 << 64) if h >= (1 << 63) else h)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")
