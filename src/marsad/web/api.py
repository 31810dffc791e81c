"""The REST API under /api: stories, events, articles, entities, search, and ingest.

Records have the export schema's shapes (CONTRACT.md); lists are paginated (`limit` ≤ 100, `offset`)
with the `total` count. Unknown ids answer 404, bad parameters 422, a bad ingest body 400 with the
reason, an unsupported one 415, a too big one 413.
"""

from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from marsad.engine import ingest
from marsad.ingest import ReadOptions
from marsad.store import Store
from marsad.store import queries as Q
from marsad.store.search import index_articles, index_events, search_page
from marsad.web.models import (
    ArticleDetail,
    ArticleOut,
    EntityDetail,
    EntityOut,
    ErrorOut,
    EventDetail,
    EventOut,
    IngestOut,
    ListPage,
    SearchHit,
    SkippedOut,
    StoryDetail,
    StoryOut,
)
from marsad.web.upload import ACCEPTED, BodyError, parse_body

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=Q.MAX_LIMIT, description=f"items per page (at most {Q.MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="items to skip")]
NOT_FOUND: dict[int | str, dict[str, object]] = {404: {"model": ErrorOut, "description": "unknown id"}}


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _found(record: dict[str, object] | None, what: str, ident: str) -> dict[str, object]:
    if record is None:
        raise HTTPException(404, f"no {what} with id {ident!r}")
    return record


def _page(page: Q.Page, limit: int, offset: int) -> dict[str, object]:
    return {"total": page.total, "limit": limit, "offset": offset, "items": page.items}


# --------------------------------------------------------------------------------------- stories, events


@router.get("/stories", response_model=ListPage[StoryOut], tags=["stories"], summary="Stories, latest first")
def list_stories(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict[str, object]:
    """Stories ordered by the date of their latest event (stories with no dated event last)."""
    return _page(Q.stories_page(store_of(request), limit, offset), limit, offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=NOT_FOUND, tags=["stories"])
def get_story(request: Request, story_id: str) -> dict[str, object]:
    """One story with its timeline: its events in time order."""
    return _found(Q.story(store_of(request), story_id), "story", story_id)


@router.get("/events", response_model=ListPage[EventOut], tags=["events"], summary="Events")
def list_events(
    request: Request,
    limit: Limit = 20,
    offset: Offset = 0,
    story: Annotated[str | None, Query(description="only the events of this story, in time order")] = None,
) -> dict[str, object]:
    """Events, latest first (or in time order within one story)."""
    return _page(Q.events_page(store_of(request), limit, offset, story), limit, offset)


@router.get("/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND, tags=["events"])
def get_event(request: Request, event_id: str) -> dict[str, object]:
    """One event: summary with citations, quotes, facts, sources and why each source belongs."""
    return _found(Q.event(store_of(request), event_id), "event", event_id)


# --------------------------------------------------------------------------------------- articles, entities


@router.get("/articles", response_model=ListPage[ArticleOut], tags=["articles"], summary="Articles")
def list_articles(
    request: Request,
    limit: Limit = 20,
    offset: Offset = 0,
    event: Annotated[str | None, Query(description="only the articles of this event")] = None,
    source: Annotated[str | None, Query(description="only the articles of this outlet")] = None,
) -> dict[str, object]:
    """Articles in ingest order."""
    return _page(Q.articles_page(store_of(request), limit, offset, event, source), limit, offset)


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND, tags=["articles"])
def get_article(request: Request, article_id: str) -> dict[str, object]:
    """One article, with the lines the cleaner dropped and why."""
    return _found(Q.article(store_of(request), article_id), "article", article_id)


@router.get("/entities", response_model=ListPage[EntityOut], tags=["entities"], summary="Entities")
def list_entities(
    request: Request,
    limit: Limit = 20,
    offset: Offset = 0,
    type: Annotated[Literal["PER", "ORG", "LOC", "MISC"] | None, Query(description="only this type")] = None,
) -> dict[str, object]:
    """People, places, organisations: most mentioned first."""
    return _page(Q.entities_page(store_of(request), limit, offset, type), limit, offset)


@router.get("/entities/{entity_id}", response_model=EntityDetail, responses=NOT_FOUND, tags=["entities"])
def get_entity(request: Request, entity_id: str) -> dict[str, object]:
    """One entity with its spellings, its events and the articles that name it."""
    return _found(Q.entity(store_of(request), entity_id), "entity", entity_id)


# --------------------------------------------------------------------------------------- search


@router.get("/search", response_model=ListPage[SearchHit], tags=["search"], summary="Search")
def search_endpoint(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words, in any spelling")],
    kind: Annotated[Literal["article", "event", "entity"] | None, Query(description="only this kind")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, object]:
    """Arabic-aware search over articles, events and entities: diacritics, hamza and alef forms, light
    stems (التحالف ≈ للتحالف) and spellings of names (بلينكين ≈ بلينكن) all match."""
    found = search_page(store_of(request), q, limit, offset, [kind] if kind else None)
    return {"total": found.total, "limit": limit, "offset": offset, "items": found.items}


# --------------------------------------------------------------------------------------- ingest

_INGEST_BODY = {
    "required": True,
    "content": {
        "application/x-ndjson": {
            "schema": {"type": "string"},
            "example": '{"id": "r1", "text": "نص المقال…", "title": null, "source": null}\n',
        },
        "text/html": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    },
}
_INGEST_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorOut, "description": "a body that cannot be read, with the reason"},
    413: {"model": ErrorOut, "description": "a body over the size limit"},
    415: {"model": ErrorOut, "description": "an unsupported Content-Type"},
}
_lock = threading.Lock()


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body of {declared} bytes is over the {limit} byte limit")
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body is over the {limit} byte limit")
        parts.append(chunk)
    return b"".join(parts)


@router.post(
    "/ingest", response_model=IngestOut, responses=_INGEST_ERRORS, tags=["ingest"],
    summary="Ingest pages", openapi_extra={"requestBody": _INGEST_BODY},
    description=(
        "Ingest JSON Lines records (one article per line), an HTML page or a plain text page, chosen by"
        f" Content-Type ({', '.join(ACCEPTED)}; sniffed when absent). Runs the whole pipeline; sending"
        " the same content again changes nothing."
    ),
)  # fmt: skip
async def post_ingest(
    request: Request,
    name: Annotated[
        str | None, Query(max_length=300, description="page name for an HTML or text body (default: a hash)")
    ] = None,
) -> dict[str, object]:
    limit: int = request.app.state.max_body_bytes
    data = await _read_body(request, limit)
    opts = ReadOptions(max_bytes=limit)
    try:
        parsed = parse_body(data, request.headers.get("content-type"), name, opts)
    except BodyError as exc:
        raise HTTPException(exc.status, exc.reason) from None
    store = store_of(request)

    def run() -> dict[str, object]:
        with _lock:  # one writer at a time: the engine's batches assume it
            report = ingest(store, parsed.pages)
            ids = Q.article_ids_of_pages(store, sorted({p.page for p in parsed.pages}))
            index_articles(store, ids)
            index_events(store, Q.event_ids_of_articles(store, ids))
        skipped = [*parsed.skipped, *report.skipped]
        return {
            "pages_read": report.pages_read, "pages_unchanged": report.pages_unchanged,
            "articles": report.articles, "duplicates": report.duplicates,
            "skipped": [SkippedOut(name=b.name, reason=b.reason) for b in skipped], "article_ids": ids,
        }  # fmt: skip

    return await run_in_threadpool(run)
