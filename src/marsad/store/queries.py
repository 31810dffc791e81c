"""Read functions over the store for the REST API and the web pages.

Records have the shapes of the export schema (CONTRACT.md), with a few extra fields a reader needs
(counts, dates, the explanation of each article-event link). Lists come as `Page(total, items)`;
details as a dict, or None for an unknown id. Everything is SQLAlchemy Core, so the same code runs on
SQLite and PostgreSQL; each call is a handful of queries whatever the page size (no query per row).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, func, select

from marsad.store.groups import in_chunks, name_tails, speaker_entities
from marsad.store.schema import (
    article_events,
    articles,
    entities,
    entity_articles,
    entity_keys,
    events,
    quotes,
    stories,
)
from marsad.store.store import Store

Record = dict[str, Any]
MAX_LIMIT = 100


@dataclass
class Page:
    """One page of a list and the size of the whole list."""

    total: int
    items: list[Record]


def _loads(value: str | None, default: Any) -> Any:
    """JSON columns written by other stages: a broken value reads as the default, never a 500."""
    if not value:
        return default
    try:
        data = json.loads(value)
    except ValueError:
        return default
    return data if isinstance(data, type(default)) else default


def _bounds(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _count(conn: Connection, q: Select[Any]) -> int:
    return int(conn.execute(select(func.count()).select_from(q.subquery())).scalar_one())


def _time_order() -> tuple[Any, ...]:
    """Events in time order: dated ones by date, then undated ones, each by creation."""
    return (events.c.date.is_(None), events.c.date, events.c.seq)


# --------------------------------------------------------------------------------------- articles


def _article_record(r: Any) -> Record:
    return {
        "id": r.id,
        "page": r.page,
        "title": r.title,
        "subtitle": r.subtitle,
        "paragraphs": _loads(r.paragraphs, []),
        "source": r.source,
        "published": r.published,
        "language": r.language,
        "duplicate_of": r.duplicate_of,
        "dateline": r.dateline,
        "url": r.url,
    }


def _brief_articles(conn: Connection, ids: Sequence[str]) -> dict[str, Record]:
    """id -> {id, title, source, published, page, lead}: what a list of sources shows."""
    out: dict[str, Record] = {}
    for chunk in in_chunks(ids):
        q = select(
            articles.c.id, articles.c.title, articles.c.source, articles.c.published, articles.c.page,
            articles.c.paragraphs, articles.c.seq, articles.c.duplicate_of,
        ).where(articles.c.id.in_(chunk))  # fmt: skip
        for r in conn.execute(q):
            paragraphs = _loads(r.paragraphs, [])
            out[r.id] = {
                "id": r.id, "title": r.title, "source": r.source, "published": r.published, "page": r.page,
                "lead": paragraphs[0] if paragraphs and isinstance(paragraphs[0], str) else None,
                "seq": r.seq, "duplicate_of": r.duplicate_of,
            }  # fmt: skip
    return out


def title_or_lead(item: object, words: int = 14) -> str:
    """An article's title, else the start of its first paragraph (pages often have no title line)."""
    if not isinstance(item, dict):
        return ""
    title = item.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    lead = item.get("lead")
    if not isinstance(lead, str):
        paragraphs = item.get("paragraphs")
        lead = paragraphs[0] if isinstance(paragraphs, list) and paragraphs else None
    if isinstance(lead, str) and lead.strip():
        parts = lead.split()
        return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
    return "(بلا عنوان)"


def _event_of(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in in_chunks(ids):
        q = select(article_events.c.article_id, article_events.c.event_id).where(
            article_events.c.article_id.in_(chunk)
        )
        out.update({r.article_id: r.event_id for r in conn.execute(q)})
    return out


def articles_page(
    store: Store, limit: int = 20, offset: int = 0, event: str | None = None, source: str | None = None
) -> Page:
    """Articles in ingest order (optionally of one event or one outlet), each with its `event`."""
    limit, offset = _bounds(limit, offset)
    q = select(articles)
    if event is not None:
        q = q.join(article_events, article_events.c.article_id == articles.c.id).where(
            article_events.c.event_id == event
        )
    if source is not None:
        q = q.where(articles.c.source == source)
    with store.engine.connect() as conn:
        total = _count(conn, q)
        rows = conn.execute(q.order_by(articles.c.seq).limit(limit).offset(offset)).all()
        links = _event_of(conn, [r.id for r in rows])
    return Page(total, [{**_article_record(r), "event": links.get(r.id)} for r in rows])


def article(store: Store, article_id: str) -> Record | None:
    """One article with its dropped lines (and why), its event, duplicates and entities."""
    with store.engine.connect() as conn:
        r = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        if r is None:
            return None
        rec = _article_record(r)
        rec["dropped"] = [
            {"line": d.get("line"), "text": d.get("text"), "reason": d.get("reason")}
            for d in _loads(r.dropped, [])
            if isinstance(d, dict)
        ]
        rec["similarity"] = r.similarity
        link = conn.execute(
            select(article_events.c.event_id, article_events.c.score, article_events.c.explanation).where(
                article_events.c.article_id == article_id
            )
        ).first()
        rec["event"] = link.event_id if link else None
        rec["event_title"] = None
        rec["score"] = link.score if link else None
        rec["explanation"] = _loads(link.explanation, {}) if link else None
        if link is not None:
            rec["event_title"] = conn.execute(
                select(events.c.title).where(events.c.id == link.event_id)
            ).scalar_one_or_none()
        rec["duplicates"] = list(
            conn.execute(
                select(articles.c.id).where(articles.c.duplicate_of == article_id).order_by(articles.c.seq)
            ).scalars()
        )
        rec["entities"] = _entities_of_articles(conn, [article_id])
    return rec


# --------------------------------------------------------------------------------------- events


def _event_members(conn: Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    """event id -> its article ids in ingest order."""
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in in_chunks(ids):
        q = (
            select(article_events.c.event_id, article_events.c.article_id)
            .join(articles, articles.c.id == article_events.c.article_id)
            .where(article_events.c.event_id.in_(chunk))
            .order_by(articles.c.seq)
        )
        for r in conn.execute(q):
            out[r.event_id].append(r.article_id)
    return out


def _event_quotes(conn: Connection, ids: Sequence[str]) -> dict[str, list[Record]]:
    """event id -> the quotes of its articles (an article's event is its link, so merges need no
    rewrite), each speaker under the canonical name of the entity it names, with that entity's id."""
    rows: list[Any] = []
    for chunk in in_chunks(ids):
        q = (
            select(article_events.c.event_id, quotes.c.article_id, quotes.c.speaker, quotes.c.text)
            .join(article_events, article_events.c.article_id == quotes.c.article_id)
            .where(article_events.c.event_id.in_(chunk))
            # NULLS FIRST is SQLite's order; PostgreSQL's default is the other way round
            .order_by(
                article_events.c.event_id, quotes.c.article_id, quotes.c.paragraph.nulls_first(), quotes.c.id
            )
        )
        rows.extend(conn.execute(q))
    who = speaker_entities(conn, [(r.article_id, r.speaker) for r in rows])
    out: dict[str, list[Record]] = defaultdict(list)
    for r in rows:
        entity, name = who.get((r.article_id, r.speaker), (None, r.speaker))
        out[r.event_id].append(
            {"speaker": name, "text": r.text, "article": r.article_id, "speaker_entity": entity}
        )
    return out


def _wordings(mentions: object) -> dict[str, str]:
    """A fact's article id -> the number as that article wrote it (well-formed entries only)."""
    if not isinstance(mentions, dict):
        return {}
    return {a: w for a, w in mentions.items() if isinstance(a, str) and isinstance(w, str)}


def _event_record(r: Any, members: list[str], quoted: list[Record]) -> Record:
    summary = [
        {"text": s.get("text", ""), "articles": [a for a in s.get("articles", []) if isinstance(a, str)]}
        for s in _loads(r.summary, [])
        if isinstance(s, dict)
    ]
    facts = [
        {
            "text": f.get("text", ""), "value": f.get("value"), "unit": f.get("unit"),
            "articles": [a for a in f.get("articles", []) if isinstance(a, str)],
            "status": f.get("status", "single"),
            "mentions": _wordings(f.get("mentions")),
        }
        for f in _loads(r.facts, [])
        if isinstance(f, dict)
    ]  # fmt: skip
    return {
        "id": r.id, "title": r.title, "date": r.date, "place": r.place, "story": r.story_id,
        "articles": members, "summary": summary, "quotes": quoted, "facts": facts,
    }  # fmt: skip


_EVENT_COLUMNS = (
    events.c.id, events.c.seq, events.c.title, events.c.date, events.c.place, events.c.story_id,
    events.c.summary, events.c.facts,
)  # fmt: skip


def events_page(store: Store, limit: int = 20, offset: int = 0, story: str | None = None) -> Page:
    """Events, latest first (or in time order within one `story`), in the export's shape."""
    limit, offset = _bounds(limit, offset)
    q = select(*_EVENT_COLUMNS)
    counted = select(events.c.id)
    if story is not None:
        q = q.where(events.c.story_id == story).order_by(*_time_order())
        counted = counted.where(events.c.story_id == story)
    else:
        q = q.order_by(events.c.order_date.desc(), events.c.seq)  # the latest first, undated last
    with store.engine.connect() as conn:
        total = _count(conn, counted)
        rows = conn.execute(q.limit(limit).offset(offset)).all()
        ids = [r.id for r in rows]
        members, quoted = _event_members(conn, ids), _event_quotes(conn, ids)
    return Page(total, [_event_record(r, members.get(r.id, []), quoted.get(r.id, [])) for r in rows])


def event(store: Store, event_id: str) -> Record | None:
    """One event in the export's shape, plus its story's title, its sources (outlet, title, date, and
    why each belongs: score and explanation) and the entities its articles name."""
    with store.engine.connect() as conn:
        r = conn.execute(select(*_EVENT_COLUMNS).where(events.c.id == event_id)).first()
        if r is None:
            return None
        members = _event_members(conn, [event_id]).get(event_id, [])
        rec = _event_record(r, members, _event_quotes(conn, [event_id]).get(event_id, []))
        rec["story_title"] = (
            conn.execute(select(stories.c.title).where(stories.c.id == r.story_id)).scalar_one_or_none()
            if r.story_id
            else None
        )
        briefs = _brief_articles(conn, members)
        links = {
            row.article_id: row
            for row in conn.execute(select(article_events).where(article_events.c.event_id == event_id))
        }
        rec["sources"] = [
            {
                **{k: v for k, v in briefs[a].items() if k not in ("seq", "lead")},
                "score": links[a].score if a in links else None,
                "explanation": _loads(links[a].explanation, {}) if a in links else {},
            }
            for a in members
            if a in briefs
        ]
        rec["entities"] = _entities_of_articles(conn, members)
    return rec


def _brief_events(conn: Connection, q: Select[Any]) -> list[Record]:
    """{id, title, date, place, story, articles_count, reported}: `reported` is the earliest publication
    date of its articles (a timeline can place an undated event by it)."""
    rows = conn.execute(q).all()
    ids = [r.id for r in rows]
    counts: dict[str, tuple[int, str | None]] = {}
    for chunk in in_chunks(ids):
        agg = (
            select(article_events.c.event_id, func.count(), func.min(articles.c.published))
            .join(articles, articles.c.id == article_events.c.article_id)
            .where(article_events.c.event_id.in_(chunk))
            .group_by(article_events.c.event_id)
        )
        counts.update({e: (int(n), p) for e, n, p in conn.execute(agg)})
    return [
        {
            "id": r.id, "title": r.title, "date": r.date, "place": r.place, "story": r.story_id,
            "articles_count": counts.get(r.id, (0, None))[0], "reported": counts.get(r.id, (0, None))[1],
        }
        for r in rows
    ]  # fmt: skip


def unstoried_events(store: Store, limit: int = 20) -> list[Record]:
    """Events that belong to no story, latest first."""
    q = (
        select(events.c.id, events.c.title, events.c.date, events.c.place, events.c.story_id)
        .where(events.c.story_id.is_(None))
        .order_by(events.c.order_date.desc(), events.c.seq)
        .limit(max(1, min(limit, MAX_LIMIT)))
    )
    with store.engine.connect() as conn:
        return _brief_events(conn, q)


# --------------------------------------------------------------------------------------- stories


def _story_event_ids(conn: Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in in_chunks(ids):
        q = (
            select(events.c.story_id, events.c.id)
            .where(events.c.story_id.in_(chunk))
            .order_by(*_time_order())
        )
        for r in conn.execute(q):
            out[r.story_id].append(r.id)
    return out


def stories_page(store: Store, limit: int = 20, offset: int = 0) -> Page:
    """Stories by their latest event date (newest first; stories with no dated event last), each
    `{id, title, events}` as exported plus `events_count`, `latest_date` and `first_date`."""
    limit, offset = _bounds(limit, offset)
    q = select(
        stories.c.id, stories.c.title, stories.c.events_count, stories.c.latest_date, stories.c.first_date
    ).order_by(stories.c.order_date.desc(), stories.c.seq)  # counts and dates kept at grouping time
    with store.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(stories)).scalar_one())
        rows = conn.execute(q.limit(limit).offset(offset)).all()
        member_ids = _story_event_ids(conn, [r.id for r in rows])
    return Page(
        total,
        [
            {
                "id": r.id, "title": r.title, "events": member_ids.get(r.id, []),
                "events_count": int(r.events_count or 0), "latest_date": r.latest_date,
                "first_date": r.first_date,
            }
            for r in rows
        ],
    )  # fmt: skip


def story(store: Store, story_id: str) -> Record | None:
    """One story: as exported, plus `timeline`, its events in time order as brief records."""
    with store.engine.connect() as conn:
        r = conn.execute(select(stories.c.id, stories.c.title).where(stories.c.id == story_id)).first()
        if r is None:
            return None
        q = (
            select(events.c.id, events.c.title, events.c.date, events.c.place, events.c.story_id)
            .where(events.c.story_id == story_id)
            .order_by(*_time_order())
        )
        timeline = _brief_events(conn, q)
    dates = [e["date"] for e in timeline if e["date"]]
    return {
        "id": r.id, "title": r.title, "events": [e["id"] for e in timeline], "events_count": len(timeline),
        "latest_date": max(dates) if dates else None, "first_date": min(dates) if dates else None,
        "timeline": timeline,
    }  # fmt: skip


def story_trees(store: Store, limit: int = 50) -> Page:
    """The `limit` latest stories (as `stories_page` orders them), each with its `timeline` (events in
    time order), each event with its `sources`: its articles in ingest order as brief records. Reads
    those stories only, however large the store."""
    page = stories_page(store, limit)
    trees = []
    with store.engine.connect() as conn:
        for st in page.items:
            q = (
                select(events.c.id, events.c.title, events.c.date, events.c.place, events.c.story_id)
                .where(events.c.story_id == st["id"])
                .order_by(*_time_order())
            )
            timeline = _brief_events(conn, q)
            members = _event_members(conn, [e["id"] for e in timeline])
            briefs = _brief_articles(conn, [a for e in timeline for a in members.get(e["id"], [])])
            for e in timeline:
                e["sources"] = [briefs[a] for a in members.get(e["id"], []) if a in briefs]
            trees.append({**st, "timeline": timeline})
    return Page(page.total, trees)


# --------------------------------------------------------------------------------------- entities


def _entities_of_articles(conn: Connection, ids: Sequence[str], limit: int = 40) -> list[Record]:
    """Entities named in these articles, most mentioned first: {id, name, type, mentions}."""
    if not ids:
        return []
    totals: dict[str, int] = defaultdict(int)
    for chunk in in_chunks(ids):
        q = (
            select(entity_articles.c.entity_id, func.sum(entity_articles.c.mentions))
            .where(entity_articles.c.article_id.in_(chunk))
            .group_by(entity_articles.c.entity_id)
        )
        for eid, n in conn.execute(q):
            totals[eid] += int(n or 0)
    top = sorted(totals, key=lambda e: (-totals[e], e))[:limit]
    names = {}
    for chunk in in_chunks(top):
        q2 = select(entities.c.id, entities.c.name, entities.c.type).where(entities.c.id.in_(chunk))
        names.update({r.id: r for r in conn.execute(q2)})
    return [
        {"id": e, "name": names[e].name, "type": names[e].type, "mentions": totals[e]}
        for e in top
        if e in names
    ]


def _entity_events(conn: Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in in_chunks(ids):
        q = (
            select(entity_articles.c.entity_id, article_events.c.event_id)
            .join(article_events, article_events.c.article_id == entity_articles.c.article_id)
            .where(entity_articles.c.entity_id.in_(chunk))
            .distinct()
            .order_by(entity_articles.c.entity_id, article_events.c.event_id)
        )
        for r in conn.execute(q):
            out[r.entity_id].append(r.event_id)
    return out


def _entity_record(r: Any, event_ids: list[str]) -> Record:
    return {
        "id": r.id, "name": r.name, "type": r.type,
        "variants": [v for v in _loads(r.variants, []) if isinstance(v, str)], "events": event_ids,
    }  # fmt: skip


LIST_VARIANTS = 20


def entities_page(store: Store, limit: int = 20, offset: int = 0, type: str | None = None) -> Page:
    """Entities, most mentioned first (optionally of one `type`: PER, ORG, LOC, MISC), each with
    `mentions`, `articles_count`, `events_count` and `variants_count`. A list row is brief: `events` are
    the (at most 20) events it is named most in, `variants` the first 20 of its sorted forms; `entity()`
    gives them all."""
    limit, offset = _bounds(limit, offset)
    q = select(entities)
    counted = select(entities.c.id)
    if type is not None:
        q = q.where(entities.c.type == type)
        counted = counted.where(entities.c.type == type)
    q = q.order_by(entities.c.mentions.desc(), entities.c.name, entities.c.id)
    with store.engine.connect() as conn:
        total = _count(conn, counted)
        rows = conn.execute(q.limit(limit).offset(offset)).all()
    out = []
    for r in rows:
        rec = _entity_record(r, [e for e in _loads(r.top_events, []) if isinstance(e, str)])
        out.append(
            {**rec, "variants": rec["variants"][:LIST_VARIANTS], "variants_count": len(rec["variants"]),
             "mentions": int(r.mentions or 0), "articles_count": int(r.articles_count or 0),
             "events_count": int(r.events_count or 0)}
        )  # fmt: skip
    return Page(total, out)


def entity(store: Store, entity_id: str, max_articles: int = 100) -> Record | None:
    """One entity as exported, plus `event_list` (brief events), `articles` (most mentions first) and
    `quotes` (what it said, the articles stored last first)."""
    with store.engine.connect() as conn:
        r = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
        if r is None:
            return None
        ev_ids = _entity_events(conn, [entity_id]).get(entity_id, [])
        rec = _entity_record(r, ev_ids)
        q = (
            select(events.c.id, events.c.title, events.c.date, events.c.place, events.c.story_id)
            .where(events.c.id.in_(ev_ids[:500]))
            .order_by(*_time_order())
        )
        rec["event_list"] = _brief_events(conn, q) if ev_ids else []
        mentions = conn.execute(
            select(entity_articles.c.article_id, entity_articles.c.mentions)
            .where(entity_articles.c.entity_id == entity_id)
            .order_by(entity_articles.c.mentions.desc(), entity_articles.c.article_id)
            .limit(max_articles)
        ).all()
        briefs = _brief_articles(conn, [m.article_id for m in mentions])
        rec["mentions"] = int(
            conn.execute(
                select(func.coalesce(func.sum(entity_articles.c.mentions), 0)).where(
                    entity_articles.c.entity_id == entity_id
                )
            ).scalar_one()
        )
        rec["articles"] = [
            {
                **{k: v for k, v in briefs[m.article_id].items() if k not in ("seq", "lead")},
                "mentions": m.mentions,
            }
            for m in mentions
            if m.article_id in briefs
        ]
        rec["quotes"] = _entity_quotes(conn, entity_id)
    return rec


def _entity_quotes(conn: Connection, entity_id: str, recent: int = 1000, limit: int = 50) -> list[Record]:
    """What a person or body said: the quotes whose speaker is this entity, among the quotes of the
    `recent` articles stored last that name it, the latest stored first (at most `limit`, each with
    its article and event)."""
    named = list(
        conn.execute(
            select(entity_articles.c.article_id)
            .join(articles, articles.c.id == entity_articles.c.article_id)
            .where(entity_articles.c.entity_id == entity_id)
            .order_by(articles.c.seq.desc())
            .limit(recent)
        ).scalars()
    )
    rank = {a: i for i, a in enumerate(named)}
    rows: list[Any] = []
    for chunk in in_chunks(named):
        q = select(
            quotes.c.article_id, quotes.c.speaker, quotes.c.text, quotes.c.paragraph, quotes.c.id
        ).where(quotes.c.article_id.in_(chunk), quotes.c.speaker.is_not(None))
        rows.extend(conn.execute(q))
    # a speaker can name this entity only if it ends with one of its spellings (as `speaker_entities`
    # reads speakers): the others are not looked up
    keys = set(conn.execute(select(entity_keys.c.key).where(entity_keys.c.entity_id == entity_id)).scalars())
    rows = [r for r in rows if not keys.isdisjoint(name_tails(r.speaker))]
    who = speaker_entities(conn, [(r.article_id, r.speaker) for r in rows])
    said = [r for r in rows if who.get((r.article_id, r.speaker), ("",))[0] == entity_id]
    said.sort(key=lambda r: (rank[r.article_id], r.paragraph if r.paragraph is not None else -1, r.id))
    said = said[:limit]
    event_of: dict[str, str] = {}
    for chunk in in_chunks([r.article_id for r in said]):
        q = select(article_events.c.article_id, article_events.c.event_id).where(
            article_events.c.article_id.in_(chunk)
        )
        event_of.update((r.article_id, r.event_id) for r in conn.execute(q))
    return [
        {"speaker": who[(r.article_id, r.speaker)][1], "text": r.text, "article": r.article_id,
         "event": event_of.get(r.article_id), "written": r.speaker}
        for r in said
    ]  # fmt: skip


# --------------------------------------------------------------------------------------- helpers for pages


def brief_articles(store: Store, ids: Sequence[str]) -> dict[str, Record]:
    """id -> {id, title, source, published, page, lead} for the ids that exist."""
    with store.engine.connect() as conn:
        return _brief_articles(conn, ids)


def article_texts(store: Store, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """id -> (language, title, subtitle and paragraphs as one text) for the ids that exist."""
    out: dict[str, tuple[str, str]] = {}
    with store.engine.connect() as conn:
        for chunk in in_chunks(ids):
            q = select(
                articles.c.id,
                articles.c.language,
                articles.c.title,
                articles.c.subtitle,
                articles.c.paragraphs,
            ).where(articles.c.id.in_(chunk))
            for r in conn.execute(q):
                out[r.id] = (r.language, full_text(r.title, r.subtitle, _loads(r.paragraphs, [])))
    return out


def full_text(title: str | None, subtitle: str | None, paragraphs: Sequence[object]) -> str:
    """An article's title, subtitle and paragraphs as one text, a line each."""
    return "\n".join([title or "", subtitle or "", *(p for p in paragraphs if isinstance(p, str))])


def article_ids_of_pages(store: Store, pages: Sequence[str]) -> list[str]:
    """Ids of the stored articles that came from these pages (or JSON Lines record ids), in ingest order."""
    out: list[tuple[int, str]] = []
    with store.engine.connect() as conn:
        for chunk in in_chunks(pages):
            q = select(articles.c.seq, articles.c.id).where(articles.c.page.in_(chunk))
            out.extend((r.seq, r.id) for r in conn.execute(q))
    return [i for _s, i in sorted(out)]


def event_ids_of_articles(store: Store, ids: Sequence[str]) -> list[str]:
    """The events these articles are in."""
    with store.engine.connect() as conn:
        return sorted(set(_event_of(conn, ids).values()))
