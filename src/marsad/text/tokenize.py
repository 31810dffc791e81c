"""Word tokens and sentences for Arabic (and Latin) news text.

Tokens are substrings of the input (run them on `match_key(text)` to get key tokens). Sentences are
slices of the display text, cut at terminal punctuation and newlines but never inside a quote or a
parenthesis that closes on the same line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_TATWEEL = "\u0640"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_NUMBER = r"\d+(?:[.,٫٬/:]\d+)*"

# Arabic letters, Arabic supplement letters and presentation forms (minus the ornate parentheses).
_ARABIC = (
    "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\ufb50-\ufd3d\ufd40-\ufdff\ufe70-\ufefc"
)

# Order matters: the first alternative that matches at a position wins. Arabic words come first because
# they are most of the text and a regex tries the alternatives in turn.
_WORDS = "|".join(
    (
        # Dotted initials stay one token: أ.ف.ب، ا.ف.ب (and U.S. below).
        rf"(?<!\w)[{_ARABIC}](?:\.[{_ARABIC}]){{1,4}}\.?(?!\w)",
        # Digits are not word characters, so في28يونيو splits into في / 28 / يونيو; but a word ending in
        # tatweel takes the number it introduces: الـ83, بـ128 (the outlet's way of joining a prefix).
        rf"[{_ARABIC}{_MARKS}{_TATWEEL}]+(?:(?<={_TATWEEL}){_NUMBER})?",
        # URLs stay whole; trailing sentence punctuation is not part of them.
        r"(?i:https?://|www\.)[^\s<>\"«»“”()\[\]{}]*[^\s<>\"«»“”()\[\]{}.,;:!?'’،؛؟]",
        # Bounded local part so a long run of dotted letters cannot make this quadratic.
        r"[A-Za-z0-9_%+-][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        rf"[#＃@][\w{_MARKS}{_TATWEEL}]+",
        r"(?<!\w)[^\W\d_](?:\.[^\W\d_]){1,4}\.?(?!\w)",
        # Latin words keep inner apostrophes and hyphens and glued digits: don't, O'Brien, COVID-19, G20.
        rf"[0-9]*[{_LATIN}](?:[{_LATIN}0-9\u0300-\u036f]|['’\-](?=[{_LATIN}0-9]))*",
        _NUMBER,
        # Letters of any other script, with combining marks.
        rf"(?:[^\W\d_{_LATIN}]|[{_MARKS}{_TATWEEL}\u0300-\u036f])+(?:(?<={_TATWEEL}){_NUMBER})?",
    )
)
# `\s*` lets one match step over the spaces before a token instead of failing every alternative there.
_TOKEN = re.compile(rf"\s*({_WORDS})")
_TOKEN_PUNCT = re.compile(rf"\s*({_WORDS}|\.{{2,}}|[^\w\s]|_)")

# A sentence ends after a run of terminal punctuation (plus any closing quotes/brackets) followed by
# a space, or glued to the next Arabic word right after a closing quote: `نهائياً”.وشكر`. The regex
# only finds the runs (a one-charset pattern scans fast); the context is checked in `_split_line`.
_TERMINAL = re.compile(r"[.!?؟…۔]+([\"”»’')\]]*)")
_GLUED_AFTER = frozenset(chr(c) for c in range(0x0621, 0x064B))
_QUOTE_OR_BRACKET = re.compile(r"[«»“”„‟\"()\[\]]")
_OPENERS = {"«": "«", "(": "(", "[": "["}
_CLOSERS = {"»": "«", ")": "(", "]": "["}
# “ and ” are one symmetric kind: Arabic outlets mix them up (`بمفردنا “.` closes with “).
_SYMMETRIC = {'"': '"', "“": "“", "”": "“", "„": "“", "‟": "“"}
_LATIN_TITLE = re.compile(r"(?:^|[^A-Za-z])(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|Gen|Lt|Col|No)$")
_HAS_WORD = re.compile(r"[^\W_]")
_LIST_MARKER = re.compile(r"\d{1,3}|[^\W\d_]")
_WORD_MARK = re.compile(f"[{_MARKS}{_TATWEEL}]")


def tokens(text: str, keep_punct: bool = False) -> list[str]:
    """Word, number, URL, e-mail and hashtag tokens (of cleaned text); punctuation too when `keep_punct`."""
    return (_TOKEN_PUNCT if keep_punct else _TOKEN).findall(text)


def _spans(line: str) -> list[tuple[int, int]]:
    """(open, close) positions of the quotes and brackets that pair up within the line."""
    stack: list[tuple[str, int]] = []
    open_count = dict.fromkeys(_OPENERS, 0)  # so a stray closer doesn't scan a deep stack in vain
    spans: list[tuple[int, int]] = []
    symmetric: dict[str, list[int]] = {}
    for m in _QUOTE_OR_BRACKET.finditer(line):
        ch, i = m.group(), m.start()
        if ch in _OPENERS:
            stack.append((ch, i))
            open_count[ch] += 1
        elif ch in _CLOSERS:
            kind = _CLOSERS[ch]
            if open_count[kind]:
                depth = next(d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == kind)
                spans.append((stack[depth][1], i))
                # Openers left inside the closed span never closed: drop them, don't let them swallow text.
                for opener, _ in stack[depth:]:
                    open_count[opener] -= 1
                del stack[depth:]
        else:
            symmetric.setdefault(_SYMMETRIC[ch], []).append(i)
    # Unclosed « ( [ protect nothing: an unbalanced « must not swallow the rest of the line.
    for positions in symmetric.values():
        if len(positions) % 2:
            del positions[_stray_quote(line, positions)]
        spans.extend(zip(positions[::2], positions[1::2], strict=True))
    return spans


def _stray_quote(line: str, positions: list[int]) -> int:
    """Index of the quote to leave unpaired so that the rest pair up in order with the best spacing.

    Spacing alone can't decide a quote's role (Arabic text often has `الإدارات "وما` for a closer),
    but summed over the line it says which quote is the odd one out.
    """
    n = len(positions)
    opens: list[int] = []
    closes: list[int] = []
    for i in positions:
        prev = line[i - 1] if i else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        opens.append((not nxt.isspace()) + (prev.isspace() or prev in "([«"))
        closes.append((not prev.isspace()) + (not nxt.isalnum()))
    # score(k) = quotes before k in their in-order roles + quotes after k with roles shifted by one;
    # length(k) = text the resulting pairs would protect. Best spacing first, then the least text.
    before, after = [(0, 0)] * (n + 1), [(0, 0)] * (n + 1)
    for i in range(n):
        opener = i % 2 == 0
        score, length = before[i]
        before[i + 1] = (
            score + (opens[i] if opener else closes[i]),
            length + (-1 if opener else 1) * positions[i],
        )
    for i in range(n - 1, -1, -1):
        opener = i % 2 == 1
        score, length = after[i + 1]
        after[i] = (
            score + (opens[i] if opener else closes[i]),
            length + (-1 if opener else 1) * positions[i],
        )
    return max(range(n), key=lambda k: (before[k][0] + after[k + 1][0], -before[k][1] - after[k + 1][1]))


def _is_abbreviation(line: str, start: int) -> bool:
    """A dot after a lone letter (أ.ف.ب، د. ، U.S., J. Smith) or a Latin title (Mr., Dr.)."""
    before = line[start - 1] if start else ""
    if not before.isalpha():
        return False
    b2 = line[start - 2] if start >= 2 else " "
    if not (b2.isalnum() or _WORD_MARK.match(b2)):
        return True
    return _LATIN_TITLE.search(line[max(0, start - 6) : start]) is not None


def _covered(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Starts and ends of the union of the spans, as disjoint sorted intervals."""
    starts: list[int] = []
    ends: list[int] = []
    for o, c in sorted(spans):
        if ends and o <= ends[-1]:
            ends[-1] = max(ends[-1], c)
        else:
            starts.append(o)
            ends.append(c)
    return starts, ends


def _split_line(line: str) -> list[str]:
    cuts: list[int] = []
    covered: tuple[list[int], list[int]] | None = None
    closers: set[int] = set()
    last = 0
    for m in _TERMINAL.finditer(line):
        start, end, run_end = m.start(), m.end(), m.start(1)
        if end >= len(line):
            continue  # the end of the line ends the sentence anyway
        quote = -1
        if not line[end].isspace():
            glued = start > 0 and line[start - 1] in '"”»' and end == run_end and line[end] in _GLUED_AFTER
            if not glued or "…" in line[start:end] or "۔" in line[start:end]:
                continue
            quote = start - 1
        if covered is None:
            spans = _spans(line)
            covered, closers = _covered(spans), {c for _, c in spans}
        # Inside a quote or bracket span (open < end <= close)? Bisect: lines can hold thousands of quotes.
        k = bisect_left(covered[0], end) - 1
        if k >= 0 and end <= covered[1][k]:
            continue
        if quote >= 0 and quote not in closers:
            continue  # the quote before the dot did not close anything
        if quote < 0 and run_end - start == 1 and line[start] == ".":
            if _is_abbreviation(line, start):
                continue
            if _LIST_MARKER.fullmatch(line[last:start].strip()):
                continue  # `1. ...`: a list number, not a sentence
        cuts.append(end)
        last = end
    if not cuts:
        return [line] if _HAS_WORD.search(line) else []
    parts = (line[a:b].strip() for a, b in pairwise([0, *cuts, len(line)]))
    # A "sentence" with no letter or digit (`***`, `..`, a lone dash) is page furniture, not a sentence.
    return [p for p in parts if _HAS_WORD.search(p)]


def sentences(text: str) -> list[str]:
    """Sentences of display text: cut at . ! ? ؟ … and newlines, never inside a quote closed on its line.

    Sentences are stripped slices of `text`; those without a letter or digit are dropped.
    """
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.extend(_split_line(line))
    return out


def paragraph_sentences(paragraphs: list[str]) -> list[tuple[int, int, str]]:
    """(paragraph index, sentence index within the paragraph, sentence) for every sentence."""
    return [(p, s, sent) for p, para in enumerate(paragraphs) for s, sent in enumerate(sentences(para))]


# A question: its mark at the end (`؟!` too), or a question word first when the mark is left out
# (`هل تشوه الرسوم الأميركية وجه التجارة العالمية`), or the second half of one (`أم أن ...`).
_QUESTION = re.compile(r"[؟?][!؟?]*[\"”»’')\]]*\s*$|^\W*(?:هل|أهل|ماذا|لماذا|كيف|متى|أين|أم)\s")


def is_question(text: str) -> bool:
    """A sentence or headline that asks rather than tells (`ما الذي سيبحثه أمير قطر بزيارته؟`)."""
    return _QUESTION.search(text) is not None


# A headline's media kicker: `شاهد.. المعارك الأولى`, `بالفيديو..`, `بالصور:`, `إنفوغرافيك..` (what the page
# shows, not what happened).
_MEDIA_KICKER = re.compile(
    r"^\W*(?:شاهد|شاهدوا|بالفيديو والصور|بالفيديو|بالصور|فيديو وصور|فيديو|صور|إنفوغرافيك|انفوغرافيك|"
    r"إنفوجراف|انفوجراف|عاجل)\s*(?:\.{2,}|…|:|\||-|–)\s*"
)


def without_media_kicker(headline: str) -> str:
    """The headline without a leading media kicker, when three words or more are left."""
    m = _MEDIA_KICKER.match(headline)
    return headline[m.end() :] if m and len(headline[m.end() :].split()) >= 3 else headline
