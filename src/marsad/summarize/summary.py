"""Extractive multi-document summary of an event: a few sentences chosen from its articles to
cover what most of them report, each citing every article that supports it.

- Sentences are compared on light-stemmed content words and numbers (match keys, prefixes cut).
  A term is worth more the more of the event's articles use it: what many outlets report is what
  the event is, and a reused agency line is supported by every outlet that printed it.
- Candidates are each article's title and lead sentences, in the shorter forms `trim` cuts from
  them (no dateline or attribution tail, or only the first clauses), so the word budget goes to
  who did what, where, when and how many. A question or a sentence that only names a source
  (`trim.says_nothing`) is a candidate only in an event that has nothing else; a statement that ends
  by asking (`...، فما هو دورها تحديداً؟`) offers its statement's clauses (`trim.asks_at_the_end`).
- Greedy budgeted coverage picks, one at a time, the candidate adding the most uncovered worth per
  word (leads get a bonus), at most one form per source sentence and none repeating a chosen one.
  A sentence costs its words plus a fixed `sentence_cost`: the summary has a word budget *and* a
  few sentence slots, so a four-word headline restating what is covered anyway does not take a
  slot that a sentence with new details (tolls, places, who) would fill. Room is kept for
  `min_sentences` while fewer are chosen, so one long sentence cannot eat the whole budget.
- A sentence cites its own article and every article with a sentence holding most of its
  (IDF-weighted) terms; a summary of a multi-article event cites at least two of them when two
  have something to say.
- Display text is the source text, cut but never rewritten: dates and numbers stay as written.

Cost is linear in the event's sentences: candidates are scored against the covered set, and
citations compare the few chosen sentences with each article's sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from marsad.model import Article
from marsad.summarize.trim import asks_at_the_end, forms, says_nothing
from marsad.text.normalize import match_key
from marsad.text.tokenize import sentences

_PREFIX = re.compile(r"^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)")
_SUFFIX = re.compile(r"(?:ها|هم|هما|كم|نا|ات|ون|ين|ه|ي)$")
_WORD = re.compile(r"[^\W_]+")
# Function words, and the vocabulary of attribution (who told whom is not what happened).
_STOP = frozenset(
    match_key(w)
    for w in """في من على إلى الى عن مع أن ان إن التي الذي الذين هذا هذه ذلك تلك كان كانت قد لا ما لم لن أو او
    ثم كما بعد قبل حيث عند بين خلال منذ حتى هو هي هم كل أي غير قال وقال أضاف وأضاف أكد وأكد أيضا ايضا له لها
    به بها فيه فيها عليه عليها انه أنه أنها انها وذلك
    أفاد أوضح أشار صرح تصريح تصريحات مراسل مصدر مصادر للأنباء الناطق المتحدث الرسمي باسم وفق حسب بحسب
    the a an of to in on and for is was that with by at from as""".split()
)


@dataclass(frozen=True)
class SummaryOptions:
    """Tunables of the summary (documented defaults)."""

    max_sentences: int = 5
    min_sentences: int = 3  # room is kept for this many sentences (when the articles have them)
    reserve_words: int = 12  # words kept free for each sentence still owed to `min_sentences`
    max_words: int = 100  # the whole summary
    min_sentence_words: int = 4
    max_sentence_words: int = 60  # longer sentences come in only through their cut forms
    sentences_per_article: int = 8  # candidates: the title and the first sentences of each article
    lead_sentences: int = 2  # the title and first sentence get a bonus: news leads say what happened
    lead_bonus: float = 0.6
    title_bonus: float = 1.0  # a headline is the outlet's own summary of the article
    length_power: float = 1.0  # gain per (words + sentence_cost)**power: dense sentences win
    spread_power: float = 1.5  # a term's worth = (articles using it - 0.5) ** power
    trim: bool = True  # also offer cut forms of each sentence (see `trim`)
    support_overlap: float = 0.6  # share of a sentence's weighted terms another article must hold
    support_sentences: int = 40  # sentences per article compared for citations
    redundancy: float = 0.45  # cosine above which a candidate repeats a chosen sentence
    sentence_cost: float = 15.0  # words a sentence costs beyond its own: it takes one of few slots


@dataclass
class _Cand:
    article: str
    source: int  # which source sentence (forms of one sentence share it)
    text: str
    index: int  # position in its article (0: the title)
    words: int
    terms: frozenset[str]
    vec: dict[str, float]


def _terms(text: str) -> list[str]:
    """Light-stemmed content words and numbers (numbers are facts: tolls, dates, scores)."""
    out = []
    for w in _WORD.findall(match_key(text)):
        if w in _STOP or len(w) < 2:
            continue
        if not w.isdigit():
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
    """Summary sentences `{"text", "articles"}` for one event's articles (originals, in any order)."""
    opts = opts or SummaryOptions()
    arts = sorted(articles, key=lambda x: x.id)
    texts = {a.id: _texts(a) for a in arts}
    bags = {aid: [frozenset(_terms(t)) for t in ts[: opts.support_sentences]] for aid, ts in texts.items()}
    spread = Counter(t for group in bags.values() for t in frozenset().union(*group))
    df = Counter(t for group in bags.values() for terms in group for t in terms)
    n_sent = sum(len(g) for g in bags.values())
    idf = {t: math.log(1 + n_sent / n) for t, n in df.items()}
    single = len(arts) == 1
    worth = {t: (1.0 if single else (n - 0.5) ** opts.spread_power) for t, n in spread.items()}
    cands = _candidates(arts, texts, idf, opts)
    chosen = _select(cands, worth, opts)
    if not chosen:
        return []
    support = {id(c): _supporters(c, bags, idf, opts) for c in chosen}
    _ensure_two_sources(chosen, cands, worth, support, bags, idf, opts)
    published = {a.id: a.published or "" for a in arts}
    chosen[1:] = sorted(chosen[1:], key=lambda c: (published[c.article], c.article, c.index))
    return [{"text": c.text, "articles": sorted(support[id(c)])} for c in chosen]


def _texts(a: Article) -> list[str]:
    """The title (or an empty slot) and the body sentences of an article, in order."""
    return [a.title or ""] + [s for p in a.paragraphs for s in sentences(p)]


def _candidates(
    arts: list[Article], texts: dict[str, list[str]], idf: dict[str, float], opts: SummaryOptions
) -> list[_Cand]:
    """Each article's title and first sentences, whole and (with `trim`) in their cut forms."""
    # a question or a bare source states nothing, nor do the clauses cut from a question, and a cut
    # can leave a bare source (`وبحسب وكالة الأنباء الرسمية، فإن ...` -> `وبحسب وكالة الأنباء الرسمية.`):
    # these are candidates only where nothing else is
    stating: list[_Cand] = []
    silent: list[_Cand] = []
    source = 0
    for a in arts:
        for i, text in enumerate(texts[a.id][: opts.sentences_per_article + 1]):
            if not text:
                continue
            source += 1
            # a question says nothing, nor do the clauses cut from it; but a statement that ends by
            # asking keeps its statement's clauses (the whole sentence, and any cut holding the
            # question, still asks)
            quiet = says_nothing(text) and not asks_at_the_end(text)
            variants = forms(text, opts.min_sentence_words, dateline=i > 0) if opts.trim else [text]
            for form in variants:
                n = len(form.split())
                if not opts.min_sentence_words <= n <= opts.max_sentence_words:
                    continue
                tf = Counter(_terms(form))
                vec = _unit({t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in tf.items()})
                if vec:
                    out = silent if quiet or says_nothing(form) else stating
                    out.append(_Cand(a.id, source, form, i, n, frozenset(tf), vec))
    return stating or silent


def _select(cands: list[_Cand], worth: dict[str, float], opts: SummaryOptions) -> list[_Cand]:
    """Greedy budgeted coverage: the candidate adding the most uncovered worth per word, in turn."""
    covered: set[str] = set()
    chosen: list[_Cand] = []
    sources: set[int] = set()
    words = 0
    while len(chosen) < opts.max_sentences:
        best, best_gain = None, 0.0
        for c in cands:
            owed = max(0, opts.min_sentences - len(chosen) - 1) * opts.reserve_words
            if c.source in sources or words + c.words + owed > opts.max_words:
                continue
            cost = (c.words + opts.sentence_cost) ** opts.length_power
            gain = sum(worth.get(t, 0.0) for t in c.terms if t not in covered) / cost
            gain *= 1.0 + (
                opts.title_bonus
                if c.index == 0
                else opts.lead_bonus
                if c.index < opts.lead_sentences
                else 0.0
            )
            if gain > best_gain + 1e-12 and all(_cos(c.vec, o.vec) <= opts.redundancy for o in chosen):
                best, best_gain = c, gain
        if best is None:
            break
        chosen.append(best)
        sources.add(best.source)
        covered.update(best.terms)
        words += best.words
    return chosen


def _supporters(
    c: _Cand, bags: dict[str, list[frozenset[str]]], idf: dict[str, float], opts: SummaryOptions
) -> set[str]:
    """The articles that say what `c` says: its own, and any with a sentence (or title) holding
    `support_overlap` of its IDF-weighted terms."""
    total = sum(idf.get(t, 0.0) for t in c.terms)
    out = {c.article}
    if not total:
        return out
    need = opts.support_overlap * total
    for aid, group in bags.items():
        if aid != c.article and any(sum(idf.get(t, 0.0) for t in c.terms & g) >= need for g in group):
            out.add(aid)
    return out


def _ensure_two_sources(
    chosen: list[_Cand], cands: list[_Cand], worth: dict[str, float], support: dict[int, set[str]],
    bags: dict[str, list[frozenset[str]]], idf: dict[str, float], opts: SummaryOptions,
) -> None:  # fmt: skip
    """When every chosen sentence cites one article but others have sentences, add (or swap in for
    the last chosen) the other articles' candidate covering most, within the word budget."""
    cited = set().union(*(support[id(c)] for c in chosen))
    if len(cited) >= 2 or len({c.article for c in cands}) < 2:
        return
    words = sum(c.words for c in chosen)
    room = opts.max_words - words if len(chosen) < opts.max_sentences else -1
    others = [
        c for c in cands
        if c.article not in cited and all(_cos(c.vec, o.vec) <= opts.redundancy for o in chosen[:-1])
        and (c.words <= room or c.words <= opts.max_words - words + chosen[-1].words)
    ]  # fmt: skip
    if not others:
        return
    best = max(
        others, key=lambda c: (sum(worth.get(t, 0.0) for t in c.terms) / c.words**opts.length_power, -c.index)
    )
    if best.words <= room and all(_cos(best.vec, o.vec) <= opts.redundancy for o in chosen):
        chosen.append(best)
    else:
        chosen[-1] = best
    support[id(best)] = _supporters(best, bags, idf, opts)
