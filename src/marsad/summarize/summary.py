"""Extractive multi-document summary of an event: a few sentences chosen from its articles by
centroid similarity and maximal marginal relevance, each citing every article that supports it.

- Sentences are compared on light-stemmed content words (match keys, prefixes cut), weighted by
  how few of the event's sentences use them (an IDF inside the event).
- A sentence scores by its similarity to the event's centroid (every article counts once), its
  position (news leads carry the who/what/where/when), and how many articles say the same thing
  (agency copy reused by several outlets counts once, but supported by all of them).
- MMR picks sentences under a word budget, skipping any that repeat a chosen one; a summary of a
  multi-article event cites at least two of its articles when two of them have something to say.
- Display text is kept as written: dates and numbers stay as the outlet wrote them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from marsad.model import Article
from marsad.text.normalize import match_key
from marsad.text.tokenize import sentences

_PREFIX = re.compile(r"^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)")
_SUFFIX = re.compile(r"(?:ها|هم|هما|كم|نا|ات|ون|ين|ه|ي)$")
_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    match_key(w)
    for w in """في من على إلى الى عن مع أن ان إن التي الذي الذين هذا هذه ذلك تلك كان كانت قد لا ما لم لن أو او
    ثم كما بعد قبل حيث عند بين خلال منذ حتى هو هي هم كل أي غير قال وقال أضاف وأضاف أكد وأكد أيضا ايضا له لها
    به بها فيه فيها عليه عليها انه أنه أنها انها
    the a an of to in on and for is was that with by at from as""".split()
)


@dataclass(frozen=True)
class SummaryOptions:
    """Tunables of the summary (documented defaults)."""

    max_sentences: int = 5
    max_words: int = 95  # the whole summary
    min_sentence_words: int = 3
    max_sentence_words: int = 45
    sentences_per_article: int = 6  # candidates: the title and the lead sentences of each article
    lead_sentences: int = 2  # the title and first sentence get a bonus: news leads say what happened
    lead_bonus: float = 0.6
    length_power: float = 0.7  # gain per word**power: short, dense sentences win, not fragments
    support_similarity: float = 0.5  # a sentence of another article this similar supports it
    redundancy: float = 0.45  # cosine above which a candidate repeats a chosen sentence
    spread_power: float = 1.5  # a term's worth = (articles using it - 0.5) ** power


@dataclass
class _Sentence:
    article: str
    text: str
    index: int  # position in its article
    words: int
    vec: dict[str, float]


def _terms(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(match_key(text)):
        if w in _STOP or w.isdigit() or len(w) < 2:
            continue
        if len(w) > 4:
            w = _PREFIX.sub("", w)
        if len(w) > 4:
            w = _SUFFIX.sub("", w)
        out.append(w)
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _unit(v: dict[str, float]) -> dict[str, float]:
    n = math.sqrt(sum(x * x for x in v.values()))
    return {k: x / n for k, x in v.items()} if n else {}


def summarize(articles: list[Article], opts: SummaryOptions | None = None) -> list[dict[str, object]]:
    """Summary sentences `{"text", "articles"}` for one event's articles (originals, in any order).

    Greedy budgeted coverage: each step takes the sentence that adds the most not-yet-covered
    content per word, a term's worth being the number of the event's articles that use it (what
    many outlets report is what the event is)."""
    opts = opts or SummaryOptions()
    sents = _candidates(articles, opts)
    if not sents:
        return []
    per_article: dict[str, list[_Sentence]] = {}
    for s in sents:
        per_article.setdefault(s.article, []).append(s)
    spread = Counter(t for group in per_article.values() for t in {k for s in group for k in s.vec})
    single = len(per_article) == 1
    worth = {t: (1.0 if single else (n - 0.5) ** opts.spread_power) for t, n in spread.items()}
    covered: set[str] = set()
    chosen: list[_Sentence] = []
    words = 0
    while len(chosen) < opts.max_sentences:
        best, best_gain = None, 0.0
        for s in sents:
            if s in chosen or words + s.words > opts.max_words:
                continue
            if max((_cos(s.vec, c.vec) for c in chosen), default=0.0) > opts.redundancy:
                continue
            gain = sum(worth[t] for t in s.vec if t not in covered) / (s.words**opts.length_power)
            gain *= 1.0 + (opts.lead_bonus if s.index < opts.lead_sentences else 0.0)
            if gain > best_gain + 1e-12:
                best, best_gain = s, gain
        if best is None:
            break
        chosen.append(best)
        covered.update(best.vec)
        words += best.words
    support = {id(s): _supporters(s, per_article, opts) for s in sents}
    _ensure_two_sources(chosen, sents, support, opts)
    return [{"text": s.text, "articles": sorted(support[id(s)])} for s in chosen]


def _candidates(articles: list[Article], opts: SummaryOptions) -> list[_Sentence]:
    """Each article's title and its first sentences, with IDF-weighted term vectors."""
    raw: list[tuple[str, str, int, list[str]]] = []
    for a in sorted(articles, key=lambda x: x.id):
        texts = [a.title] if a.title else []
        texts += [s for p in a.paragraphs for s in sentences(p)][: opts.sentences_per_article]
        for i, text in enumerate(texts):
            n = len(text.split())
            if opts.min_sentence_words <= n <= opts.max_sentence_words:
                raw.append((a.id, text, i, _terms(text)))
    df = Counter(t for *_x, terms in raw for t in set(terms))
    out = []
    for aid, text, i, terms in raw:
        tf = Counter(terms)
        vec = _unit({t: (1 + math.log(c)) * math.log(1 + len(raw) / df[t]) for t, c in tf.items()})
        if vec:
            out.append(_Sentence(aid, text, i, len(text.split()), vec))
    return out


def _supporters(s: _Sentence, per_article: dict[str, list[_Sentence]], opts: SummaryOptions) -> set[str]:
    """The articles that say what `s` says (its own, and any with a sentence this similar)."""
    out = {s.article}
    for aid, group in per_article.items():
        if aid != s.article and any(_cos(s.vec, o.vec) >= opts.support_similarity for o in group):
            out.add(aid)
    return out


def _ensure_two_sources(
    chosen: list[_Sentence], sents: list[_Sentence], support: dict[int, set[str]], opts: SummaryOptions
) -> None:
    """When every chosen sentence cites one article but others have sentences, swap the last
    chosen sentence for the first one another article offers."""
    cited = set().union(*(support[id(s)] for s in chosen)) if chosen else set()
    if len(cited) >= 2 or len({s.article for s in sents}) < 2 or not chosen:
        return
    others = [
        s
        for s in sents
        if s.article not in cited and all(_cos(s.vec, c.vec) <= opts.redundancy for c in chosen)
    ]
    if not others:
        return
    best = min(others, key=lambda s: (s.index, s.words))
    if len(chosen) < opts.max_sentences and sum(c.words for c in chosen) + best.words <= opts.max_words:
        chosen.append(best)
    else:
        chosen[-1] = best
