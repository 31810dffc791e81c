"""Teasers: another article's lead printed below an article by the same outlet.

Sites close an article with the leads of their latest stories ("more from this section"), and a
scraper that dropped the block's header keeps them as the article's last paragraphs. Nothing on the
page tells them apart from the article's own text; the corpus does: such a paragraph is, word for word,
the first paragraph of another article of the same source. In the ANT corpus, 802 of CNN Arabic's 3,297
articles end with up to five of them (2,716 paragraphs), and they made one "event" of a Tunisian fuel
price rise, a Rosneft stake sold to Qatar, Erdogan on the dollar and Coca-Cola's cafés.

`lead_key` keys a paragraph under its source; the engine stores the key of every article's lead and
drops, from each new article, the paragraphs (never its own lead) whose key another article of the
same source led with, stored before it or in its batch of pages (in ANT's order a "latest" block
often teases the stories filed just after it: 576 teasers came up to ten records before their story).
An article whose teased story comes in a later batch keeps that teaser: the decision depends on the
store and the batch only, so a resumed run, or a run on a cluster, decides alike.
"""

from __future__ import annotations

import hashlib

from marsad.model import Article, DroppedLine
from marsad.text.normalize import match_key

MIN_WORDS = 8  # shorter paragraphs (a sign-off, a one-line caption) repeat by chance
REASON = "teaser"  # the dropped line's reason; its line is 0: found by the store, after the page stage


def lead_key(source: str | None, paragraph: str) -> int | None:
    """A stable 64-bit key of a paragraph under its source (None without a source, or when short)."""
    if not source:
        return None
    words = match_key(paragraph).split()
    if len(words) < MIN_WORDS:
        return None
    digest = hashlib.blake2b(f"{match_key(source)}\n{' '.join(words)}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def paragraph_keys(article: Article) -> list[int | None]:
    """`lead_key` of each of the article's paragraphs."""
    return [lead_key(article.source, p) for p in article.paragraphs]


def drop_teasers(article: Article, keys: list[int | None], leads: set[int]) -> bool:
    """Move the paragraphs below the lead whose key (`keys`: `paragraph_keys`) is in `leads` to the
    article's dropped lines; True when any was."""
    gone = [i for i, k in enumerate(keys) if i and k is not None and k in leads]
    if not gone:
        return False
    article.dropped = [*article.dropped, *(DroppedLine(0, article.paragraphs[i], REASON) for i in gone)]
    article.paragraphs = [p for i, p in enumerate(article.paragraphs) if i not in gone]
    return True
