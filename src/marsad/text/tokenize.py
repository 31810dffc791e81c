"""Word tokens and sentences for Arabic (and Latin) news text.

Tokens are substrings of the input (run them on `match_key(text)` to get key tokens). Sentences are
slices of the display text, cut at terminal punctuation and newlines but never inside a quote or a
parenthesis that closes on the same line.
"""

from __future__ import annotations

import re
from itertools import pairwise

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_TATWEEL = "\u0640"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_NUMBER = r"\d+(?:[.,٫٬/:]\d+)*"

# Order matters: the first alternative that matches at a position wins.
_WORDS = "|".join(
    (
        # URLs stay whole; trailing sentence punctuation is not part of them.
        r"(?i:https?://|www\.)[^\s<>\"«»“”()\[\]{}]*[^\s<>\"«»“”()\[\]{}.,;:!?'’،؛؟]",
        # Bounded local part so a long run of dotted letters cannot make this quadratic.
        r"[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        rf"[#＃@][\w{_MARKS}{_TATWEEL}]+",
        # Dotted initials stay one token: أ.ف.ب، ا.ف.ب، U.S.
        r"(?<!\w)[^\W\d_](?:\.[^\W\d_]){1,4}\.?(?!\w)",
        # Latin words keep inner apostrophes and hyphens and glued digits: don't, O'Brien, COVID-19, G20.
        rf"[0-9]*[{_LATIN}](?:[{_LATIN}0-9\u0300-\u036f]|['’\-](?=[{_LATIN}0-9]))*",
        _NUMBER,
        # Letters of other scripts (Arabic first) with their marks and tatweel. Digits are not word
        # characters, so في28يونيو splits into في / 28 / يونيو; but a word ending in tatweel takes the
        # number it introduces: الـ83, بـ128 (the tatweel is the outlet's way of joining a prefix).
        rf"(?:[^\W\d_{_LATIN}]|[{_MARKS}{_TATWEEL}\u0300-\u036f])+(?:(?<={_TATWEEL}){_NUMBER})?",
    )
)
_TOKEN = re.compile(_WORDS)
_TOKEN_PUNCT = re.compile(_WORDS + r"|\.{2,}|[^\w\s]|_")

# A sentence ends after a run of terminal punctuation (plus any closing quotes/brackets) followed by
# a space, or glued to the next Arabic word right after a closing quote: `نهائياً”.وشكر`.
_CANDIDATE = re.compile(r"[.!?؟…۔]+[\"”»’')\]]*(?=\s)|[\"”»][.!?؟]+(?=[\u0621-\u064a])")
_QUOTE_OR_BRACKET = re.compile(r"[«»“”„‟\"()\[\]]")
_OPENERS = {"«": "«", "(": "(", "[": "["}
_CLOSERS = {"»": "«", ")": "(", "]": "["}
# “ and ” are one symmetric kind: Arabic outlets mix them up (`بمفردنا “.` closes with “).
_SYMMETRIC = {'"': '"', "“": "“", "”": "“", "„": "“", "‟": "“"}
_OPEN_CONTEXT = frozenset("([«")
_LATIN_TITLE = re.compile(r"(?:^|[^A-Za-z])(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|Gen|Lt|Col|No)$")
_LIST_MARKER = re.compile(r"\d{1,3}|[^\W\d_]")
_WORD_MARKS = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", _TATWEEL]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)


def tokens(text: str, keep_punct: bool = False) -> list[str]:
    """Word, number, URL, e-mail and hashtag tokens; punctuation marks too when `keep_punct`."""
    return (_TOKEN_PUNCT if keep_punct else _TOKEN).findall(text)


def _spans(line: str) -> list[tuple[int, int]]:
    """(open, close) positions of the quotes and brackets that pair up within the line."""
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for m in _QUOTE_OR_BRACKET.finditer(line):
        ch, i = m.group(), m.start()
        if ch in _OPENERS:
            stack.append((ch, i))
            continue
        kind = _CLOSERS.get(ch) or _SYMMETRIC[ch]
        if ch in _SYMMETRIC:
            prev = line[i - 1] if i else " "
            nxt = line[i + 1] if i + 1 < len(line) else " "
            # A quote after a space and before a word opens, even inside another quote (nesting).
            if (prev.isspace() or prev in _OPEN_CONTEXT) and nxt.isalnum():
                stack.append((kind, i))
                continue
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == kind), -1)
        if depth >= 0:
            spans.append((stack[depth][1], i))
            # Openers left inside the closed span never closed: drop them rather than let them swallow text.
            del stack[depth:]
        elif ch in _SYMMETRIC and (line[i + 1 : i + 2].isalnum() or not line[i - 1 : i].strip()):
            stack.append((kind, i))
    # Unclosed openers protect nothing: an unbalanced « must not swallow the rest of the line.
    return spans


def _is_abbreviation(line: str, start: int) -> bool:
    """A dot after a lone letter (أ.ف.ب، د. ، U.S., J. Smith) or a Latin title (Mr., Dr.)."""
    before = line[start - 1] if start else ""
    if not before.isalpha():
        return False
    b2 = line[start - 2] if start >= 2 else " "
    if not (b2.isalnum() or b2 in _WORD_MARKS):
        return True
    return _LATIN_TITLE.search(line[max(0, start - 6) : start]) is not None


def _split_line(line: str) -> list[str]:
    cuts: list[int] = []
    spans: list[tuple[int, int]] | None = None
    last = 0
    for m in _CANDIDATE.finditer(line):
        start, end = m.start(), m.end()
        glued = m.group()[0] in '"”»'
        if spans is None:
            spans = _spans(line)
        if any(o < end <= c for o, c in spans):
            continue
        if glued and not any(c == start for _, c in spans):
            continue  # the quote before the dot did not close anything
        if not glued and m.group().startswith(".") and not m.group().startswith(".."):
            if _is_abbreviation(line, start):
                continue
            if _LIST_MARKER.fullmatch(line[last:start].strip()):
                continue  # `1. ...`: a list number, not a sentence
        cuts.append(end)
        last = end
    if not cuts:
        return [line]
    parts = (line[a:b].strip() for a, b in pairwise([0, *cuts, len(line)]))
    return [p for p in parts if p]


def sentences(text: str) -> list[str]:
    """Sentences of display text: cut at . ! ? ؟ … and newlines, never inside a quote closed on its line."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.extend(_split_line(line))
    return out


def paragraph_sentences(paragraphs: list[str]) -> list[tuple[int, int, str]]:
    """(paragraph index, sentence index within the paragraph, sentence) for every sentence."""
    return [(p, s, sent) for p, para in enumerate(paragraphs) for s, sent in enumerate(sentences(para))]
