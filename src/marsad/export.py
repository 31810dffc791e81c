"""The export schema of CONTRACT.md, built from the store.

Fields that later stages fill (events, stories, entities) are empty lists until those stages
exist: never invented.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import IO

from sqlalchemy import select

from marsad.model import Article
from marsad.store import Store, groups, schema


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
    """(kind, record) for everything the store knows: articles streamed, then events, stories."""
    members: dict[str, list[str]] = defaultdict(list)
    with store.engine.connect() as conn:
        links = groups.event_links(conn)
        said = groups.quotes_by_article(conn)
        quoted = [(q["article"], q["speaker"]) for qs in said.values() for q in qs]
        who = groups.speaker_entities(conn, quoted)
    originals: dict[str, str] = {}
    for a in store.iter_articles():
        yield "article", article_record(a, with_dropped)
        original = originals.get(a.duplicate_of or "", a.duplicate_of) if a.duplicate_of else a.id
        originals[a.id] = original or a.id
        link = links.get(original or a.id)
        if link is not None:
            members[link[0]].append(a.id)
    with store.engine.connect() as conn:
        event_rows = list(conn.execute(select(schema.events).order_by(schema.events.c.seq)))
        story_rows = list(conn.execute(select(schema.stories).order_by(schema.stories.c.seq)))
        ents = groups.entity_records(conn)
    for quotes in said.values():
        for q in quotes:
            q["speaker"] = who.get((q["article"], q["speaker"]), (None, q["speaker"]))[1]
    by_story: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for e in event_rows:
        if e.story_id:
            by_story[e.story_id].append((e.date or "9999", e.id, e.seq))
        yield "event", {
            "id": e.id, "title": e.title, "date": e.date, "place": e.place, "story": e.story_id,
            "articles": members.get(e.id, []), "summary": json.loads(e.summary),
            "quotes": [q for aid in members.get(e.id, []) for q in said.get(aid, []) if q["speaker"]],
            "facts": json.loads(e.facts),
            # why each original article is in this event: its score and the parts (and any merge)
            "links": [
                {"article": aid, "score": links[aid][1], "explanation": links[aid][2]}
                for aid in members.get(e.id, []) if aid in links
            ],
        }  # fmt: skip
    for s in story_rows:
        timeline = [eid for _d, eid, _s in sorted(by_story.get(s.id, []))]
        yield "story", {"id": s.id, "title": s.title, "events": timeline}
    event_of = {aid: link[0] for aid, link in links.items()}
    for ent in ents:
        evs = sorted({event_of[a] for a in ent.pop("articles") if a in event_of})
        yield "entity", {**ent, "events": evs}


_SECTIONS = {"article": "articles", "event": "events", "story": "stories", "entity": "entities"}


def write_json(store: Store, out: IO[str], with_dropped: bool = False) -> None:
    """One JSON object with `articles`, `events`, `stories`, `entities`, streamed record by record."""
    out.write("{")
    open_section: str | None = None
    written: list[str] = []
    for kind, rec in records(store, with_dropped):
        section = _SECTIONS[kind]
        if section != open_section:
            out.write(("\n], " if open_section else "") + f'"{section}": [\n')
            open_section = section
            written.append(section)
        else:
            out.write(",\n")
        out.write(json.dumps(rec, ensure_ascii=False))
    if open_section:
        out.write("\n]")
    rest = [f'"{name}": []' for name in _SECTIONS.values() if name not in written]
    out.write((", " if written and rest else "") + ", ".join(rest) + "}\n")


def write_jsonl(store: Store, out: IO[str], with_dropped: bool = False) -> None:
    """One record per line, each with its `kind`."""
    for kind, rec in records(store, with_dropped):
        out.write(json.dumps({"kind": kind, **rec}, ensure_ascii=False))
        out.write("\n")
