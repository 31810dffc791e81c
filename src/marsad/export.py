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


EVENTS_AT_ONCE = 2000  # events whose quotes, speakers and links are read together


def records(store: Store, with_dropped: bool = False) -> Iterator[tuple[str, dict[str, object]]]:
    """(kind, record) for everything the store knows: articles streamed, then events (their quotes,
    speakers and links read `EVENTS_AT_ONCE` events at a time, so memory follows the chunk, not the
    store), stories, entities."""
    with store.engine.connect() as conn:
        event_of = groups.article_event_map(conn)
    members: dict[str, list[str]] = defaultdict(list)
    originals: dict[str, str] = {}
    for a in store.iter_articles():
        yield "article", article_record(a, with_dropped)
        original = originals.get(a.duplicate_of or "", a.duplicate_of) if a.duplicate_of else a.id
        originals[a.id] = original or a.id
        event = event_of.get(original or a.id)
        if event is not None:
            members[event].append(a.id)
    del originals
    ev = schema.events.c  # not the index state (a centroid per event: 212 MB in a 62k store)
    with store.engine.connect() as conn:
        order = [r.id for r in conn.execute(select(ev.id).order_by(ev.seq))]
    by_story: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for start in range(0, len(order), EVENTS_AT_ONCE):
        ids = order[start : start + EVENTS_AT_ONCE]
        arts = [aid for eid in ids for aid in members.get(eid, [])]
        with store.engine.connect() as conn:
            cols = (ev.id, ev.seq, ev.title, ev.date, ev.place, ev.story_id, ev.summary, ev.facts)
            rows = {
                r.id: r
                for chunk in groups.in_chunks(ids)
                for r in conn.execute(select(*cols).where(ev.id.in_(chunk)))
            }
            links = groups.event_links(conn, arts)
            said = groups.quotes_by_article(conn, arts)
            who = groups.speaker_entities(
                conn, [(q["article"], q["speaker"]) for qs in said.values() for q in qs]
            )
        for quotes in said.values():
            for q in quotes:
                q["speaker"] = who.get((q["article"], q["speaker"]), (None, q["speaker"]))[1]
        for eid in ids:
            e = rows[eid]
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
    st = schema.stories.c
    with store.engine.connect() as conn:
        story_rows = list(conn.execute(select(st.id, st.title).order_by(st.seq)))
        ents = groups.entity_records(conn)
    for s in story_rows:
        timeline = [eid for _d, eid, _s in sorted(by_story.get(s.id, []))]
        yield "story", {"id": s.id, "title": s.title, "events": timeline}
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
