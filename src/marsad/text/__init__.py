"""Arabic text layer: display cleaning, matching keys, tokens and sentences (pure functions, no I/O)."""

from __future__ import annotations

from marsad.text.normalize import clean_display, fold_digits, match_key, strip_bidi
from marsad.text.tokenize import paragraph_sentences, sentences, tokens

__all__ = [
    "clean_display",
    "fold_digits",
    "match_key",
    "paragraph_sentences",
    "sentences",
    "strip_bidi",
    "tokens",
]
