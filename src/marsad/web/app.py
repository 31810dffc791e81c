"""The web application: REST API under /api, reading pages for people, OpenAPI at /openapi.json and /docs.

`create_app(db)` is what `marsad serve` runs (with uvicorn). Nothing is loaded from outside: the pages,
their stylesheet and script are served by the app itself, so it works offline.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import __version__
from marsad.store import Store
from marsad.web import api, pages
from marsad.web.render import STATIC, make_env

NextCall = Callable[[Request], Awaitable[Response]]
DEFAULT_MAX_BODY = 20_000_000
"""Largest body `POST /api/ingest` accepts, in bytes (413 above it)."""

# The pages load nothing from elsewhere and run no inline script: a payload that slipped through
# escaping would still not run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

DESCRIPTION = """\
marsad (مرصد) turns scraped Arabic news pages into clean articles, events and stories.

Records have the shapes of `marsad export` (CONTRACT.md). Lists take `limit` (at most 100) and
`offset` and give the `total`. Unknown ids answer 404; bad parameters 422; a bad ingest body 400
with the reason.
"""


def create_app(
    db: str | None = None,
    *,
    store: Store | None = None,
    create: bool = True,
    max_body_bytes: int = DEFAULT_MAX_BODY,
) -> FastAPI:
    """The app over the store at `db` (a path or URL; default `$MARSAD_DB`, else ./marsad.db), or over
    an open `store`."""
    owned = store is None
    the_store = store if store is not None else Store.open(db, create=create)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            the_store.close()

    app = FastAPI(
        title="marsad",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # our own /docs: the stock one loads its script from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = the_store
    app.state.max_body_bytes = max_body_bytes
    app.state.env = make_env()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return await http_exception_handler(request, exc)
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return pages.error_page(request, 422, problems)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: NextCall) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))
