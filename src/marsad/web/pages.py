"""Reading pages (HTML, right to left): home, story, event, article, entity, lists, search, API docs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from marsad.group.features import surface_forms
from marsad.store import Store
from marsad.store import queries as Q
from marsad.store.search import search_page
from marsad.web.timeline import layout

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PER_PAGE = 30
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def render(request: Request, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    env: Environment = request.app.state.env
    q = request.query_params.get("q", "") if request.url.path == "/search" else ""
    html = env.get_template(template).render(request_path=request.url.path, query=q, **context)
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    titles = {404: "غير موجود", 422: "طلب غير صالح", 405: "طريقة غير مسموحة"}
    title = titles.get(status, "خطأ")
    return render(request, "error.html", status, status=status, title=title, detail=detail)


def _pager(total: int, offset: int, per_page: int = PER_PAGE) -> dict[str, int | None]:
    return {
        "total": total,
        "offset": offset,
        "first": offset + 1 if total else 0,
        "last": min(total, offset + per_page),
        "prev": max(0, offset - per_page) if offset > 0 else None,
        "next": offset + per_page if offset + per_page < total else None,
    }


@router.get("/")
def home(request: Request, offset: Offset = 0) -> HTMLResponse:
    store = _store(request)
    page = Q.stories_page(store, PER_PAGE, offset)
    return render(
        request, "home.html", stories=page.items, paging=_pager(page.total, offset),
        loose=Q.unstoried_events(store, PER_PAGE) if offset == 0 else [], counts=store.counts(),
    )  # fmt: skip


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> HTMLResponse:
    story = Q.story(_store(request), story_id)
    if story is None:
        raise HTTPException(404, "لا توجد قصة بهذا المعرّف")
    return render(request, "story.html", story=story, timeline=layout(story["timeline"]))


@router.get("/events")
def events_list(request: Request, offset: Offset = 0) -> HTMLResponse:
    page = Q.events_page(_store(request), PER_PAGE, offset)
    return render(request, "events.html", events=page.items, paging=_pager(page.total, offset))


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> HTMLResponse:
    event = Q.event(_store(request), event_id)
    if event is None:
        raise HTTPException(404, "لا يوجد حدث بهذا المعرّف")
    numbers = {s["id"]: i for i, s in enumerate(event["sources"], start=1)}
    # the sources with their opening lines: a title-less article is named by its first words
    briefs = Q.brief_articles(_store(request), event["articles"])
    by_id = {s["id"]: {**s, "lead": briefs.get(s["id"], {}).get("lead")} for s in event["sources"]}
    grouped: dict[str, list[dict[str, object]]] = {}
    for ent in event["entities"]:
        grouped.setdefault(ent["type"], []).append(ent)
    order: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC")
    groups = [(t, grouped[t]) for t in order if t in grouped]
    groups += [(t, v) for t, v in grouped.items() if t not in order]
    leads = {a: _first_words(b.get("lead"), 60) for a, b in by_id.items()}
    quotes = _quote_digest(event["quotes"])
    facts = _fact_digest(event["facts"])
    texts = Q.article_texts(_store(request), [a["id"] for a in event["sources"][:WHY_SHOWN]])
    why = [
        {**a, "explanation": _readable(a["explanation"], *texts.get(a["id"], ("", "")))}
        for a in event["sources"][:WHY_SHOWN]
    ]
    return render(
        request, "event.html", event=event, numbers=numbers, sources=by_id, entity_groups=groups,
        leads=leads, quotes=quotes, more_quotes=len(event["quotes"]) - len(quotes), facts=facts,
        more_facts=len(event["facts"]) - len(facts), why=why, more_why=len(event["sources"]) - len(why),
    )  # fmt: skip


# A big event has thousands of quotes and numbers and hundreds of sources: its page shows a digest
# of each (a few per speaker, the numbers several sources give, the first sources' explanations) and
# links to the API for the rest, so that it stays a page a reader can open.
FACTS_SHOWN = 40
WHY_SHOWN = 40
_FACT_ORDER = {"conflict": 0, "agreed": 1}


def _fact_digest(facts: list[dict[str, object]]) -> list[dict[str, object]]:
    """The facts an event page shows: all when they are few, else those in conflict, then those
    several sources agree on (the most sources first), then the rest, in their order."""
    if len(facts) <= FACTS_SHOWN:
        return facts
    ranked = sorted(
        facts,
        key=lambda f: (_FACT_ORDER.get(str(f.get("status")), 2), -len(f.get("articles") or ())),  # type: ignore[arg-type]
    )
    return ranked[:FACTS_SHOWN]


QUOTES_SHOWN = 40
QUOTES_PER_SPEAKER = 3


def _quote_digest(quotes: list[dict[str, object]]) -> list[dict[str, object]]:
    """The quotes an event page shows: all of them when they are few, else a few of each speaker's,
    the most quoted named speakers first, then more of theirs where that leaves room (the API and the
    export have every quote)."""
    if len(quotes) <= QUOTES_SHOWN:
        return quotes
    by_speaker: dict[object, list[dict[str, object]]] = {}
    for q in quotes:
        by_speaker.setdefault(q.get("speaker_entity") or q.get("speaker"), []).append(q)
    ranked = sorted(by_speaker.values(), key=lambda said: (said[0].get("speaker") is None, -len(said)))
    first = [q for said in ranked for q in said[:QUOTES_PER_SPEAKER]]
    rest = [q for said in ranked for q in said[QUOTES_PER_SPEAKER:]]  # when few speakers leave room
    return (first + rest)[:QUOTES_SHOWN]


def _first_words(text: object, n: int) -> str:
    if not isinstance(text, str):
        return ""
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


@router.get("/articles")
def articles_list(request: Request, offset: Offset = 0) -> HTMLResponse:
    page = Q.articles_page(_store(request), PER_PAGE, offset)
    return render(request, "articles.html", articles=page.items, paging=_pager(page.total, offset))


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> HTMLResponse:
    article = Q.article(_store(request), article_id)
    if article is None:
        raise HTTPException(404, "لا يوجد مقال بهذا المعرّف")
    if article["explanation"]:
        text = Q.full_text(article["title"], article["subtitle"], article["paragraphs"])
        article["explanation"] = _readable(article["explanation"], article["language"], text)
    return render(request, "article.html", article=article)


def _readable(explanation: dict[str, object] | None, language: str, text: str) -> dict[str, object] | None:
    """An explanation whose shared terms (stems, the index's keys: `رحمت`, `#83`), its merges' too,
    read as the article writes them (`رحمته`, `83`); the API keeps the keys."""
    if not explanation or not text:
        return explanation
    found: list[str] = []
    _walk_terms(explanation, found.extend)  # a first walk only collects the terms
    forms = surface_forms(found, text, language)
    return _walk_terms(explanation, lambda terms: [forms.get(t, t) for t in terms])  # type: ignore[return-value]


def _walk_terms(value: object, visit: Callable[[list[str]], object]) -> object:
    """`value` with each `shared_terms` list replaced by what `visit` returns for it (at any depth)."""
    if isinstance(value, dict):
        return {
            k: (
                visit([t for t in v if isinstance(t, str)])
                if k == "shared_terms" and isinstance(v, list)
                else _walk_terms(v, visit)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_walk_terms(v, visit) for v in value]
    return value


@router.get("/entities")
def entities_list(
    request: Request, offset: Offset = 0, type: Literal["PER", "ORG", "LOC", "MISC"] | None = None
) -> HTMLResponse:
    page = Q.entities_page(_store(request), PER_PAGE, offset, type)
    return render(request, "entities.html", entities=page.items, paging=_pager(page.total, offset), type=type)


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    entity = Q.entity(_store(request), entity_id)
    if entity is None:
        raise HTTPException(404, "لا يوجد كيان بهذا المعرّف")
    return render(request, "entity.html", entity=entity)


@router.get("/search")
def search_results(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    kind: Literal["article", "event", "entity"] | None = None,
    offset: Offset = 0,
) -> HTMLResponse:
    found = search_page(_store(request), q, PER_PAGE, offset, [kind] if kind else None) if q.strip() else None
    return render(
        request, "search.html", results=found.items if found else [], kind=kind,
        paging=_pager(found.total if found else 0, offset), searched=found is not None,
    )  # fmt: skip


@router.get("/docs")
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, from the OpenAPI document (works offline, unlike the stock Swagger page)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                    "schema": _schema_text(p.get("schema", {})),
                }
                for p in op.get("parameters", [])
            ]  # fmt: skip
            body = list(op.get("requestBody", {}).get("content", {}))
            responses = [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()]
            endpoints.append(
                {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                 "description": op.get("description", ""), "params": params, "body": body,
                 "responses": responses, "example": _example(path, method)}
            )  # fmt: skip
    return render(request, "docs.html", spec=spec, endpoints=endpoints)


def _schema_text(schema: dict[str, object]) -> str:
    """A parameter's schema in a few words: type, bounds, allowed values."""
    options = schema.get("anyOf")
    if isinstance(options, list):
        return " | ".join(_schema_text(o) for o in options if isinstance(o, dict))
    words = [str(schema.get("type", ""))]
    enum = schema.get("enum")
    if isinstance(enum, list):
        words = [" | ".join(str(v) for v in enum)]
    for key, sign in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "len ≥"), ("maxLength", "len ≤")):
        if key in schema:
            words.append(f"{sign} {schema[key]}")
    if "default" in schema:
        words.append(f"default {schema['default']}")
    return ", ".join(w for w in words if w)


def _example(path: str, method: str) -> str | None:
    """A link to try a GET endpoint that takes no path parameter."""
    if method != "get" or "{" in path:
        return None
    return path + ("?q=%D8%AF%D8%A7%D8%B9%D8%B4" if path.endswith("/search") else "?limit=5")
