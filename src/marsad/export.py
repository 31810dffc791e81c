"""The export schema of CONTRACT.md, built from the store.

Fields that later stages fill (events, stories, entities) are empty lists until those stages
exist: never invented.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from marsad.model import Article
from marsad.store import Store


def article_record(a: Article, with_dropped: bool = False) -> dict[str, object]:
    rec: dict[str, object] = {
        "id": a.id,
        "page": a.page,
        "title": a.title,
        "subtitle": a.subtitle,
        "paragraphs": a.paragraphs,
        "source": a.source,
        "published": a.published,
        "language": a.language,
        "duplicate_of": a.duplicate_of,
        "dateline": a.dateline,
        "url": a.url,
    }
    if with_dropped:
        rec["dropped"] = [{"line": d.line, "text": d.text, "reason": d.reason} for d in a.dropped]
    return rec


def records(store: Store, with_dropped: bool = False) -> Iterator[tuple[str, dict[str, object]]]:
    """(kind, record) for everything the store knows, streamed."""
    for a in store.iter_articles():
        yield "article", article_record(a, with_dropped)


def write_json(store: Store, out: IO[str], with_dropped: bool = False) -> None:
    """One JSON object with `articles`, `events`, `stories`, `entities`, streamed article by article."""
    out.write('{"articles": [')
    first = True
    for _kind, rec in records(store, with_dropped):
        out.write("\n" if first else ",\n")
        out.write(json.dumps(rec, ensure_ascii=False))
        first = False
    out.write('\n], "events": [], "stories": [], "entities": []}\n')


def write_jsonl(store: Store, out: IO[str], with_dropped: bool = False) -> None:
    """One record per line, each with its `kind`."""
    for kind, rec in records(store, with_dropped):
        out.write(json.dumps({"kind": kind, **rec}, ensure_ascii=False))
        out.write("\n")
