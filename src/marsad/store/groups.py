"""Persistence of the grouping stages: the event and story indexes, and why each article is where it is.

The indexes' state is plain rows (see `marsad.group`): each event and story is a row of its own with
its state as JSON, each posting list a row of `index_postings`, and the shared part (document
frequencies, options) one JSON value in `group_state`. A run reads the shared part, the ids and the
article -> event -> story maps, then the rows and lists its articles touch (`load_rows`,
`load_postings`); it writes what changed. Everything is written in one transaction at the end of a
grouping pass, together with the article -> event links, so a killed run leaves the previous
consistent state; articles without a link are simply grouped by the next run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from marsad.extract.entities import name_key
from marsad.model import Article
from marsad.store.schema import (
    article_events,
    article_features,
    articles,
    entities,
    entity_articles,
    entity_key_rows,
    entity_keys,
    events,
    group_state,
    index_postings,
    quotes,
    stories,
    top_events,
)
from marsad.text.normalize import match_key

IN_CHUNK = 900  # ids per IN (...) list: under SQLite's limit of bound parameters


def in_chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    """The distinct ids, sorted, in lists short enough for one IN (...) each."""
    unique = sorted(set(ids))
    for i in range(0, len(unique), IN_CHUNK):
        yield unique[i : i + IN_CHUNK]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def load_index_state(conn: Connection, key: str, table: Any, rows_field: str) -> dict[str, Any] | None:
    """The state of one index (`events` or `stories`): its shared part and its rows."""
    shared = conn.execute(select(group_state.c.value).where(group_state.c.key == key)).scalar_one_or_none()
    if shared is None:
        return None
    state: dict[str, Any] = json.loads(shared)
    state[rows_field] = [
        json.loads(r) for r in conn.execute(select(table.c.state).order_by(table.c.seq)).scalars()
    ]
    return state


def load_shared(conn: Connection, key: str) -> dict[str, Any] | None:
    """The shared part of one index's state (`events` or `stories`), None before the first run."""
    value = conn.execute(select(group_state.c.value).where(group_state.c.key == key)).scalar_one_or_none()
    return None if value is None else json.loads(value)  # type: ignore[no-any-return]


def row_ids(conn: Connection, table: Any) -> list[str]:
    """The ids of an index's rows in creation order."""
    return list(conn.execute(select(table.c.id).order_by(table.c.seq)).scalars())


def article_event_map(conn: Connection) -> dict[str, str]:
    """article id -> event id, for every grouped article."""
    return {
        r.article_id: r.event_id
        for r in conn.execute(select(article_events.c.article_id, article_events.c.event_id))
    }


def event_story_map(conn: Connection) -> dict[str, str]:
    """event id -> story id, for every event in a story."""
    q = select(events.c.id, events.c.story_id).where(events.c.story_id.is_not(None))
    return {r.id: r.story_id for r in conn.execute(q)}


def load_rows(conn: Connection, table: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The state of these rows of an index (`events` or `stories`), by id."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 2000):
        q = select(table.c.id, table.c.state).where(table.c.id.in_(ids[i : i + 2000]))
        out.update((r.id, json.loads(r.state)) for r in conn.execute(q))
    return out


def load_postings(conn: Connection, index: str, keys: list[str]) -> dict[str, list[str]]:
    """The stored posting lists of these keys of one index (absent keys have none)."""
    out: dict[str, list[str]] = {}
    for i in range(0, len(keys), 2000):
        q = select(index_postings.c.key, index_postings.c.ids).where(
            index_postings.c.kind == index, index_postings.c.key.in_(keys[i : i + 2000])
        )
        out.update((r.key, json.loads(r.ids)) for r in conn.execute(q))
    return out


def save_postings(conn: Connection, index: str, lists: Mapping[str, list[str]]) -> None:
    """Replace the stored posting lists of these keys (an empty list is deleted)."""
    keys = sorted(lists)
    for i in range(0, len(keys), 2000):
        conn.execute(
            delete(index_postings).where(
                index_postings.c.kind == index, index_postings.c.key.in_(keys[i : i + 2000])
            )
        )
    rows = [{"kind": index, "key": k, "ids": _json(lists[k])} for k in keys if lists[k]]
    for i in range(0, len(rows), 20000):
        conn.execute(insert(index_postings), rows[i : i + 20000])


def save_row_states(conn: Connection, table: Any, states: Mapping[str, Any]) -> None:
    """Rewrite the state of these rows of an index, leaving their display columns as they are."""
    rows = [{"rid": rid, "st": _json(state)} for rid, state in states.items()]
    for i in range(0, len(rows), 20000):
        conn.execute(
            table.update().where(table.c.id == bindparam("rid")).values(state=bindparam("st")),
            rows[i : i + 20000],
        )


def ungrouped_articles(conn: Connection) -> Iterator[Article]:
    """Original (non-duplicate) articles that are in no event yet, in ingest order."""
    q = (
        select(articles, article_features.c.features)
        .outerjoin(article_events, article_events.c.article_id == articles.c.id)
        .outerjoin(article_features, article_features.c.article_id == articles.c.id)
        .where(article_events.c.article_id.is_(None), articles.c.duplicate_of.is_(None))
        .order_by(articles.c.seq)
    )
    for r in conn.execute(q):
        a = _article(r)
        a.published_given = bool(json.loads(r.features).get("published_given", True)) if r.features else True
        yield a


def articles_by_id(conn: Connection, ids: list[str]) -> list[Article]:
    out: list[Article] = []
    for i in range(0, len(ids), 2000):
        out.extend(
            _article(r) for r in conn.execute(select(articles).where(articles.c.id.in_(ids[i : i + 2000])))
        )
    return out


def _article(r: Any) -> Article:
    return Article(
            id=r.id, page=r.page, position=r.position, paragraphs=json.loads(r.paragraphs), title=r.title,
            subtitle=r.subtitle, dateline=r.dateline, source=r.source, published=r.published, url=r.url,
            language=r.language, content_hash=r.content_hash,
        )  # fmt: skip


def row_seqs(conn: Connection, table: Any) -> dict[str, int]:
    """id -> seq of an index's stored rows (`events` or `stories`)."""
    return {r.id: r.seq for r in conn.execute(select(table.c.id, table.c.seq))}


def save_index_rows(
    conn: Connection, key: str, table: Any, shared: dict[str, Any], rows: dict[str, tuple[int, Any, dict]],
    gone: Iterable[str],
) -> None:  # fmt: skip
    """Write the rows of an index that changed (`rows`: id -> (seq, state row, display columns)),
    delete the `gone` ones, and replace the shared state. Unchanged rows are left as they are, so a
    grouping pass writes what it changed, not the whole index."""
    drop = sorted({*rows, *gone})
    for i in range(0, len(drop), 2000):
        conn.execute(delete(table).where(table.c.id.in_(drop[i : i + 2000])))
    if rows:
        conn.execute(
            insert(table),
            [{"seq": seq, "state": _json(row), **cols} for seq, row, cols in rows.values()],
        )
    value = _json(shared)
    if conn.execute(select(group_state.c.key).where(group_state.c.key == key)).first() is None:
        conn.execute(insert(group_state).values(key=key, value=value))
    else:
        conn.execute(update(group_state).where(group_state.c.key == key).values(value=value))


def save_links(
    conn: Connection,
    links: list[tuple[str, str, float, dict[str, Any]]],
    moved: list[tuple[str, str]],
    reasons: dict[str, dict[str, Any]] | None = None,
) -> None:
    """New article -> event links (article, event, score, explanation), then events merged away: each
    member of a merged-away event moves to the kept one, and its explanation gains the merge's reason
    (`merges`: why the event it had joined was merged, in the order of the merges)."""
    if links:
        conn.execute(
            insert(article_events),
            [{"article_id": a, "event_id": e, "score": s, "explanation": _json(x)} for a, e, s, x in links],
        )
    for gone, kept in moved:
        reason = (reasons or {}).get(gone)
        if reason is not None:
            q = select(article_events.c.article_id, article_events.c.explanation).where(
                article_events.c.event_id == gone
            )
            rows = [
                {"aid": r.article_id, "why": _json(with_merges(json.loads(r.explanation), [reason]))}
                for r in conn.execute(q)
            ]
            if rows:
                conn.execute(
                    update(article_events)
                    .where(article_events.c.article_id == bindparam("aid"))
                    .values(explanation=bindparam("why")),
                    rows,
                )
        conn.execute(update(article_events).where(article_events.c.event_id == gone).values(event_id=kept))


def with_merges(why: object, reasons: list[dict[str, Any]]) -> dict[str, Any]:
    """A link's explanation with the reasons of merges that moved its event appended to `merges`
    (an explanation of another shape is kept under `link`)."""
    out = dict(why) if isinstance(why, dict) else {"link": why}
    if reasons:
        before = out.get("merges")
        out["merges"] = [*(before if isinstance(before, list) else []), *reasons]
    return out


def event_links(
    conn: Connection, ids: Iterable[str] | None = None
) -> dict[str, tuple[str, float, dict[str, Any]]]:
    """article id -> (event id, score, explanation), in ingest order (an event's members are listed in
    this order, on every backend alike); of every grouped article, or of these `ids`."""
    q = (
        select(article_events.c.article_id, article_events.c.event_id, article_events.c.score,
               article_events.c.explanation)
        .join(articles, articles.c.id == article_events.c.article_id)
        .order_by(articles.c.seq)
    )  # fmt: skip
    chunks = [q] if ids is None else [q.where(article_events.c.article_id.in_(c)) for c in in_chunks(ids)]
    return {
        r.article_id: (r.event_id, r.score, json.loads(r.explanation))
        for c in chunks
        for r in conn.execute(c)
    }


def save_extracts(
    conn: Connection, quote_rows: list[tuple[str, str | None, str, int]], extracts: dict[str, dict[str, Any]]
) -> None:
    """Quotes (article, speaker, text, paragraph) and each article's fact and entity mentions."""
    if quote_rows:
        conn.execute(
            insert(quotes),
            [{"article_id": a, "speaker": sp, "text": t, "paragraph": p} for a, sp, t, p in quote_rows],
        )
    if extracts:
        conn.execute(
            insert(article_features),
            [{"article_id": a, "features": _json(x)} for a, x in extracts.items()],
        )


def replace_extracts(
    conn: Connection, quote_rows: list[tuple[str, str | None, str, int]], extracts: dict[str, dict[str, Any]]
) -> None:
    """`save_extracts` for articles stored before: their quotes, fact and entity mentions are replaced
    (what else an article's extracts row holds is kept)."""
    ids = sorted(extracts)
    kept: dict[str, dict[str, Any]] = {}
    for chunk in in_chunks(ids):
        q = select(article_features.c.article_id, article_features.c.features)
        kept.update(
            (r.article_id, json.loads(r.features))
            for r in conn.execute(q.where(article_features.c.article_id.in_(chunk)))
        )
        conn.execute(delete(quotes).where(quotes.c.article_id.in_(chunk)))
        conn.execute(delete(article_features).where(article_features.c.article_id.in_(chunk)))
    save_extracts(conn, quote_rows, {a: {**kept.get(a, {}), **x} for a, x in extracts.items()})


def fact_mentions(
    conn: Connection, field: str = "facts", ids: Iterable[str] | None = None
) -> dict[str, list[Any]]:
    """article id -> its fact (or, with field="mentions", entity) mentions as rows, in ingest order (the
    canonical entities and the facts depend on the order of their mentions); of every article, or of
    the articles `ids`."""
    q = (
        select(articles.c.seq, article_features.c.article_id, article_features.c.features)
        .join(articles, articles.c.id == article_features.c.article_id)
        .order_by(articles.c.seq)
    )
    if ids is None:
        return {r.article_id: json.loads(r.features).get(field, []) for r in conn.execute(q)}
    wanted = sorted(set(ids))
    found: list[Any] = []
    for i in range(0, len(wanted), 2000):
        found.extend(conn.execute(q.where(article_features.c.article_id.in_(wanted[i : i + 2000]))))
    found.sort(key=lambda r: r.seq)
    return {r.article_id: json.loads(r.features).get(field, []) for r in found}


def save_entities(
    conn: Connection, rows: list[dict[str, Any]], links: list[tuple[str, str, int]]
) -> list[str]:
    """Bring the stored canonical entities and where they appear (entity, article, mentions) to these.
    Only the entities whose row or links differ are rewritten, and those gone deleted (a pass that
    adds a few articles changes a few of tens of thousands); returns their ids, for the search index."""
    new_links: dict[str, list[tuple[str, int]]] = {}
    for e, a, n in links:
        new_links.setdefault(e, []).append((a, n))
    stored = {r.id: dict(r._mapping) for r in conn.execute(select(entities))}
    stored_links: dict[str, list[tuple[str, int]]] = {}
    q = select(entity_articles.c.entity_id, entity_articles.c.article_id, entity_articles.c.mentions)
    for r in conn.execute(q):
        stored_links.setdefault(r.entity_id, []).append((r.article_id, r.mentions))
    fresh = {str(r["id"]): r for r in rows}
    changed = sorted(
        eid for eid, row in fresh.items()
        if stored.get(eid) != row or sorted(stored_links.get(eid, [])) != sorted(new_links.get(eid, []))
    )  # fmt: skip
    drop = changed + sorted(set(stored) - set(fresh))
    for i in range(0, len(drop), 2000):
        chunk = drop[i : i + 2000]
        conn.execute(delete(entity_articles).where(entity_articles.c.entity_id.in_(chunk)))
        conn.execute(delete(entities).where(entities.c.id.in_(chunk)))
        conn.execute(delete(entity_keys).where(entity_keys.c.entity_id.in_(chunk)))
    if changed:
        conn.execute(insert(entities), [fresh[e] for e in changed])
        _insert_keys(conn, [fresh[e] for e in changed])
        written = [
            {"entity_id": e, "article_id": a, "mentions": n} for e in changed for a, n in new_links.get(e, [])
        ]
        if written:
            conn.execute(insert(entity_articles), written)
    return drop


def _insert_keys(conn: Connection, rows: list[dict[str, Any]]) -> None:
    keys = entity_key_rows(rows)
    for i in range(0, len(keys), 20000):
        conn.execute(insert(entity_keys), keys[i : i + 20000])


def entity_spellings(
    conn: Connection, wanted: Iterable[tuple[str, str]], ids: Iterable[str] = ()
) -> tuple[dict[tuple[str, str], list[str]], dict[str, int]]:
    """The stored entities with these (type, spelling key)s, for `entities.attach`: (type, key) ->
    ids, and the rank (most mentioned first, then by id) of those and of the stored ones among `ids`.
    Reads the keys asked for, not every entity."""
    by_key: dict[str, set[str]] = {}
    for typ, key in wanted:
        by_key.setdefault(key, set()).add(typ)
    keys = sorted(by_key)
    known: dict[tuple[str, str], list[str]] = {}
    for i in range(0, len(keys), 2000):
        q = select(entity_keys.c.type, entity_keys.c.key, entity_keys.c.entity_id).where(
            entity_keys.c.key.in_(keys[i : i + 2000])
        )
        for r in conn.execute(q):
            if r.type in by_key[r.key]:
                known.setdefault((r.type, r.key), []).append(r.entity_id)
    found = sorted({e for v in known.values() for e in v} | set(ids))
    mentions: dict[str, int] = {}
    for i in range(0, len(found), 2000):
        q = select(entities.c.id, entities.c.mentions).where(entities.c.id.in_(found[i : i + 2000]))
        mentions.update((r.id, r.mentions) for r in conn.execute(q))
    order = sorted(mentions, key=lambda e: (-mentions[e], e))
    return known, {e: i for i, e in enumerate(order)}


def entity_ids_of_articles(conn: Connection, article_ids: Iterable[str]) -> set[str]:
    """The entities named in these articles."""
    wanted = sorted(set(article_ids))
    out: set[str] = set()
    for i in range(0, len(wanted), 2000):
        q = select(entity_articles.c.entity_id).where(entity_articles.c.article_id.in_(wanted[i : i + 2000]))
        out.update(conn.execute(q).scalars())
    return out


def add_entities(
    conn: Connection,
    new_rows: list[dict[str, Any]],
    additions: dict[str, tuple[set[str], dict[str, int]]],
    recount: set[str],
    event_of: Mapping[str, str],
) -> list[str]:
    """Write what a run adds to the stored entities without canonicalising them again: `new_rows`
    (entity rows, their links as {article: mentions} under "links"), `additions` (stored id ->
    (spellings, {article: mentions}) it gains) and the entities in `recount`, whose articles moved to
    other events. Each entity written has its counts and top events recomputed from all its links and
    `event_of` (article -> event); returns the ids written."""
    touched = sorted(set(additions) | recount)
    stored: dict[str, dict[str, Any]] = {}
    links: dict[str, dict[str, int]] = {e: {} for e in touched}
    q = select(entity_articles.c.entity_id, entity_articles.c.article_id, entity_articles.c.mentions)
    for i in range(0, len(touched), 2000):
        chunk = touched[i : i + 2000]
        stored.update(
            {r.id: dict(r._mapping) for r in conn.execute(select(entities).where(entities.c.id.in_(chunk)))}
        )
        for r in conn.execute(q.where(entity_articles.c.entity_id.in_(chunk))):
            links[r.entity_id][r.article_id] = r.mentions
    rows: list[dict[str, Any]] = []
    written: list[tuple[str, str, int]] = []  # links new or with a new count
    for eid in touched:
        found = stored.get(eid)
        if found is None:
            continue
        spellings, arts = additions.get(eid, (set(), {}))
        for a, n in sorted(arts.items()):
            links[eid][a] = links[eid].get(a, 0) + n
            written.append((eid, a, links[eid][a]))
        variants = sorted(set(json.loads(found["variants"])) | spellings)
        found["variants"] = json.dumps(variants, ensure_ascii=False)
        rows.append(found)
    for new in new_rows:
        eid = str(new["id"])
        links[eid] = dict(new["links"])
        written.extend((eid, a, n) for a, n in sorted(links[eid].items()))
        rows.append({k: v for k, v in new.items() if k != "links"})
    counts = top_events((str(row["id"]), event_of[a], n) for row in rows
                        for a, n in links[str(row["id"])].items() if a in event_of)  # fmt: skip
    for row in rows:
        ls = links[str(row["id"])]
        n_events, top = counts.get(str(row["id"]), (0, []))
        row.update(mentions=sum(ls.values()), articles_count=len(ls), events_count=n_events,
                   top_events=json.dumps(top, ensure_ascii=False))  # fmt: skip
    ids = sorted(str(row["id"]) for row in rows)
    for i in range(0, len(ids), 2000):
        conn.execute(delete(entities).where(entities.c.id.in_(ids[i : i + 2000])))
        conn.execute(delete(entity_keys).where(entity_keys.c.entity_id.in_(ids[i : i + 2000])))
    if rows:
        conn.execute(insert(entities), rows)
        _insert_keys(conn, rows)
    if written:
        gone = delete(entity_articles).where(
            entity_articles.c.entity_id == bindparam("e"), entity_articles.c.article_id == bindparam("a")
        )
        conn.execute(gone, [{"e": e, "a": a} for e, a, _n in written])
        conn.execute(
            insert(entity_articles), [{"entity_id": e, "article_id": a, "mentions": n} for e, a, n in written]
        )
    return ids


def entity_records(conn: Connection) -> list[dict[str, Any]]:
    """Entities with the articles they appear in."""
    where: dict[str, list[str]] = {}
    for r in conn.execute(select(entity_articles.c.entity_id, entity_articles.c.article_id)):
        where.setdefault(r.entity_id, []).append(r.article_id)
    return [
        {
            "id": r.id,
            "name": r.name,
            "type": r.type,
            "variants": json.loads(r.variants),
            "articles": where.get(r.id, []),
        }
        for r in conn.execute(select(entities).order_by(entities.c.name, entities.c.id))
    ]


def name_tails(speaker: str) -> list[str]:
    """The name keys a speaker is looked up by: the whole name, then its shorter and shorter ends."""
    words = name_key(speaker).split()
    return [" ".join(words[i:]) for i in range(len(words))]


def speaker_entities(
    conn: Connection, said: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """(article id, speaker as written) -> (entity id, canonical name) of the person or body the speaker
    names: the entity spelled like the speaker, else the entity of the quote's own article spelled like
    the longest run of the speaker's last words (`وزير الخارجية الأميركي أنتوني بلينكن` names بلينكن's
    entity). Only a person or an organisation is found by the last words; a place or another kind of
    name is found when spelled like the whole speaker (`وقالت موسكو`, `أعلن البيت الأبيض`, which the
    tagger calls MISC). Where several entities have that spelling, the one named in the quote's
    article, then the one in most articles. A speaker no entity is found for is absent from the
    result."""
    tails: dict[str, list[str]] = {}  # speaker -> its keys, the whole name first
    pairs = []
    for article, speaker in said:
        if not speaker:
            continue
        pairs.append((article, speaker))
        if speaker not in tails:
            tails[speaker] = name_tails(speaker)
    by_key: dict[str, list[str]] = {}  # key -> entities a speaker's last words may name (PER, ORG)
    whole: dict[str, list[str]] = {}  # key -> entities of any type, for a speaker spelled as the key
    wholes = {ks[0] for ks in tails.values() if ks}
    # a clitic's spelling of a place (`بتركيا`, `لواشنطن`) is where or to whom, no speaker: its
    # unglued key is looked up too, to know it
    unglued = {k[1:] for k in wholes if k[:1] in "بلو" and len(k) > 3}
    spelled: dict[str, set[str]] = {}
    for chunk in in_chunks(k for ks in tails.values() for k in ks):
        q = select(entity_keys.c.key, entity_keys.c.entity_id).where(
            entity_keys.c.key.in_(chunk), entity_keys.c.type.in_(("PER", "ORG"))
        )
        for r in conn.execute(q):
            by_key.setdefault(r.key, []).append(r.entity_id)
    for chunk in in_chunks(sorted(wholes | unglued)):  # (the other types: the whole speaker only)
        q = select(entity_keys.c.key, entity_keys.c.entity_id, entity_keys.c.type).where(
            entity_keys.c.key.in_(chunk)
        )
        for row in conn.execute(q):
            spelled.setdefault(row.key, set()).add(row.entity_id)
            if row.key in wholes and row.type not in ("PER", "ORG"):
                whole.setdefault(row.key, []).append(row.entity_id)
    for k, ids in list(whole.items()):
        whole[k] = [e for e in ids if not (k[:1] in "بلو" and e in spelled.get(k[1:], ()))]
    found = sorted({e for ids in (*by_key.values(), *whole.values()) for e in ids})
    if not found:
        return {}
    rank: dict[str, tuple[int, str]] = {}
    for chunk in in_chunks(found):
        q = select(entities.c.id, entities.c.name, entities.c.articles_count).where(entities.c.id.in_(chunk))
        rank.update((r.id, (r.articles_count, r.name)) for r in conn.execute(q))
    named: set[tuple[str, str]] = set()
    wanted = sorted({a for a, _ in pairs})
    for chunk in in_chunks(wanted):
        q = select(entity_articles.c.entity_id, entity_articles.c.article_id).where(
            entity_articles.c.article_id.in_(chunk)
        )
        named.update((r.entity_id, r.article_id) for r in conn.execute(q) if r.entity_id in rank)
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for article, speaker in pairs:
        for i, key in enumerate(tails[speaker]):
            # the last words alone name an entity of the quote's own article only: a tail like
            # `الرسمي` or `الإعلام` is spelled like many names
            ids = [e for e in by_key.get(key, ()) if e in rank and (i == 0 or (e, article) in named)]
            if not ids and i == 0 and key == " ".join(match_key(speaker).split()):
                # (as written: `بالقدس` keys as القدس, and a preposition on a place is no speaker)
                ids = [e for e in whole.get(key, ()) if e in rank]
            if ids:
                best = max(ids, key=lambda e: ((e, article) in named, rank[e][0], e))
                out[(article, speaker)] = (best, rank[best][1])
                break
    return out


def quotes_by_article(conn: Connection, ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """article id -> its quotes `{speaker, text, article}` in the order they were found, for these ids."""
    out: dict[str, list[dict[str, Any]]] = {}
    for chunk in in_chunks(ids):
        q = (
            select(quotes.c.article_id, quotes.c.speaker, quotes.c.text)
            .where(quotes.c.article_id.in_(chunk))
            .order_by(quotes.c.id)
        )
        for r in conn.execute(q):
            out.setdefault(r.article_id, []).append(
                {"speaker": r.speaker, "text": r.text, "article": r.article_id}
            )
    return out


__all__ = [
    "event_links",
    "events",
    "article_event_map",
    "event_story_map",
    "load_index_state",
    "load_postings",
    "load_rows",
    "load_shared",
    "row_ids",
    "save_postings",
    "save_row_states",
    "row_seqs",
    "save_index_rows",
    "save_links",
    "stories",
    "ungrouped_articles",
    "with_merges",
]
