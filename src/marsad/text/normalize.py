"""Arabic text normalisation: display text the outlet wrote, minus invisible noise, and a matching key.

`clean_display` never changes what a reader sees (diacritics, tatweel, quote styles stay); `match_key`
folds the spelling variants that Arabic outlets use for the same word so that lines, names and
sentences can be compared. Both are pure `str -> str` functions built on chained C-level replaces and a
few precompiled regexes, because they run on every line of every article.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Bidi controls: LRM, RLM, LRE..RLO, LRI..PDI and the Arabic letter mark. Editors and CMSs sprinkle them
# around numbers and quotes (`7.2\u200e%`); they are invisible and break exact matching.
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
# Zero-width characters, the BOM and the soft hyphen: invisible in display, noise in keys.
_ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060\u00ad"
# C0/C1 controls except \t and \n (\r and the Unicode line separators become \n below).
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n\r\x85")
# Spaces that look like a space but are not U+0020: NBSP, ogham space, the U+2000 block, narrow NBSP,
# math space, ideographic space. After this, the only whitespace left is space, tab and newline.
_ODD_SPACES = "\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f\u3000"

# Every fold below is a tuple of (old, new) pairs applied with `str.replace`: the mapped-to characters are
# never mapped-from, so order does not matter, and on 60k articles chained replaces (a C scan each, most
# of them skipped by an `in` test) run about 7x faster than `str.translate` with a dict table; on single
# words it is the other way round (5x), so `_fold` translates strings of up to 64 characters.
_Fold = tuple[tuple[str, str], ...]

_BIDI_FOLD: _Fold = tuple((c, "") for c in _BIDI)
_DISPLAY_FOLD: _Fold = (
    ("\r\n", "\n"),
    *((c, "\n") for c in "\r\x85\u2028\u2029"),
    *((c, "") for c in _BIDI + _ZERO_WIDTH + _CONTROLS),
    *((c, " ") for c in _ODD_SPACES),
)
_DIGITS_FOLD: _Fold = tuple(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789", strict=True))

# Harakat, Quranic annotation marks, superscript alef: the outlet may or may not write them.
_DIACRITICS = (
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_TATWEEL = "\u0640"

# fmt: off
_KEY_MAP = {
    # Hamza-carrying and wasla alefs are written interchangeably (and often without hamza) in news.
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه",
    # Persian/Urdu code points that keyboards and OCR substitute for the Arabic letters.
    "ک": "ك", "ی": "ي", "ۀ": "ه", "ھ": "ه", "ہ": "ه", "ۃ": "ه",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": ".", "…": "...",
    # Double-quote styles (and single guillemets, which Arabic outlets use as quotes) fold to `"`;
    # single curly quotes fold to `'` because in Latin text they are apostrophes (don’t, O’Brien).
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "‹": '"', "›": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
}
# fmt: on

_KEY_FOLD: _Fold = (
    *((c, "") for c in _DIACRITICS + [_TATWEEL]),
    *_KEY_MAP.items(),
    *_DIGITS_FOLD,
    ("\n", " "),
    ("\t", " "),
)

# Presentation forms (ﻻ, ﷲ, isolated/final glyph code points from old PDFs and encoders) only fold under
# NFKC; running NFKC on whole texts would also fold things display wants kept, so only these runs.
# (One range up to U+FEFE: the few non-Arabic forms in between, vertical and small punctuation, fold fine.)
_PRESENTATION = re.compile(r"[\ufb50-\ufefe]+")
_MULTI_SPACE = re.compile(r"  +")


_TABLES: dict[int, tuple[_Fold, dict[int, str]] | None] = {}


def _fold(text: str, pairs: _Fold) -> str:
    """Apply replacement pairs in order. A word or short phrase goes through one `str.translate`
    pass with the same result: for those, a hundred `in` tests cost more than the pass; for long
    texts the chained C scans are faster."""
    if len(text) <= 64:
        key = id(pairs)
        if key not in _TABLES:
            _TABLES[key] = _table(pairs)
        plan = _TABLES[key]
        if plan is not None:
            for old, new in plan[0]:
                if old in text:
                    text = text.replace(old, new)
            return text.translate(plan[1])
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def _table(pairs: _Fold) -> tuple[_Fold, dict[int, str]] | None:
    """The pairs as (leading multi-character pairs, a translate table for the one-character rest)
    giving the same result as replacing them one after the other; None when a multi-character
    pair comes after a one-character one."""
    lead = 0
    while lead < len(pairs) and len(pairs[lead][0]) != 1:
        lead += 1
    if any(len(old) != 1 for old, _ in pairs[lead:]):
        return None
    table: dict[int, str] = {}
    for i, (old, new) in enumerate(pairs[lead:], start=lead):
        if ord(old) in table:
            continue  # an earlier pair already replaced every `old`
        for later_old, later_new in pairs[i + 1 :]:  # what later pairs do to the replacement
            new = new.replace(later_old, later_new)
        table[ord(old)] = new
    return pairs[:lead], table


def strip_bidi(text: str) -> str:
    """Remove bidi control marks (LRM, RLM, embeddings, isolates, ALM)."""
    return _fold(text, _BIDI_FOLD)


def fold_digits(text: str) -> str:
    """Turn Arabic-Indic (٠-٩) and Eastern/Persian (۰-۹) digits into ASCII digits; nothing else changes."""
    return _fold(text, _DIGITS_FOLD)


def clean_display(text: str) -> str:
    """Display text: invisible marks and controls removed, NFC, odd spaces unified, lines right-stripped."""
    text = unicodedata.normalize("NFC", _fold(text, _DISPLAY_FOLD))
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return text


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def match_key(text: str) -> str:
    """Matching key: display-cleaned, then diacritics/tatweel dropped, letters, digits, punctuation folded."""
    if len(text) <= _SHORT:
        # words and short phrases repeat all over a corpus: their keys are remembered
        return _short_key(text)
    return _match_key(text)


_SHORT = 40


@lru_cache(maxsize=262_144)
def _short_key(text: str) -> str:
    return _match_key(text)


def _match_key(text: str) -> str:
    text = clean_display(text)
    if _PRESENTATION.search(text):
        text = _PRESENTATION.sub(_nfkc, text)
    # NFC again: deleting a tatweel or harakah can leave a Latin base and its combining accent adjacent.
    text = unicodedata.normalize("NFC", _fold(text, _KEY_FOLD)).lower()
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    return text.strip()
