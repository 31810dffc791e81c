"""The command line: `marsad ingest | export | stories | search | serve | refresh | ner`."""

from __future__ import annotations

import os
import re
import sys
from collections import defaultdict
from contextlib import ExitStack
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.tree import Tree

from marsad import __version__
from marsad.engine import EngineOptions, IngestReport, PageMapper, ingest
from marsad.export import write_json, write_jsonl
from marsad.ingest import read_inputs
from marsad.model import BadInput
from marsad.parallel import LocalPool, default_jobs, pool_mapper
from marsad.store import Store, StoreError
from marsad.store import queries as Q

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): turns piles of scraped Arabic news pages into clean articles, events and stories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
err = Console(stderr=True, soft_wrap=True)
MAX_REPORTS_PER_INPUT = 20
out = Console()

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file path or database URL; default $MARSAD_DB, else ./marsad.db"),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"marsad: {message}", markup=False, highlight=False)
    return typer.Exit(code)


def _open(db: str | None, create: bool = True) -> Store:
    try:
        return Store.open(db, create=create)
    except StoreError as exc:
        raise _fail(str(exc)) from exc


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="files, folders (recursive) or - for stdin")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="worker processes for the per-page stages on this machine (default: its cores; 1: none)",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="run the stages on a local Dask cluster of N processes"),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="run the stages on an existing Dask cluster (its address)"),
    ] = None,
    batch: Annotated[
        int,
        typer.Option("--batch", min=1, help="articles per transaction (smaller loses less work to a kill)"),
    ] = EngineOptions.batch_articles,
) -> None:
    """Read pages (text, HTML, JSON Lines, WARC), clean and deduplicate them, and store the result.

    Bad inputs are reported by name with the reason and skipped; the exit status is non-zero only
    when nothing could be ingested. Re-ingesting the same content changes nothing. The per-page stages
    run on a pool of --jobs processes (one per core by default), or on Dask with --workers or
    --scheduler; the result is the same as a serial run.
    """
    if workers is not None and scheduler is not None:
        raise _fail("give --workers (a local cluster) or --scheduler (an existing one), not both")
    if jobs is not None and (workers is not None or scheduler is not None):
        raise _fail("give --jobs (processes here) or a Dask cluster (--workers, --scheduler), not both")
    with ExitStack() as stack:
        mapper = None
        if workers is None and scheduler is None:
            jobs = jobs or default_jobs()
            if jobs > 1:
                mapper = pool_mapper(stack.enter_context(LocalPool(jobs)))
        else:
            from marsad.distributed import dask_client, dask_mapper  # Dask only when asked for

            try:
                mapper = dask_mapper(stack.enter_context(dask_client(workers, scheduler)))
            except (OSError, TimeoutError) as exc:
                raise _fail(f"cannot start or reach the Dask cluster: {exc}") from exc
        _ingest(paths, db, quiet, EngineOptions(batch_articles=batch), mapper)


def _ingest(
    paths: list[str], db: str | None, quiet: bool, opts: EngineOptions, mapper: PageMapper | None
) -> None:
    store = _open(db)

    per_input: dict[str, int] = defaultdict(int)

    def on_bad(bad: BadInput) -> None:
        # a JSON Lines file of thousands of broken lines reports the first few, then a count at the end
        per_input[bad.name] += 1
        if per_input[bad.name] <= MAX_REPORTS_PER_INPUT:
            err.print(f"marsad: {bad}", markup=False, highlight=False)

    try:
        if err.is_terminal and not quiet:
            with Progress(
                SpinnerColumn(), TextColumn("[bold]ingesting"), BarColumn(), TextColumn("{task.description}"),
                TimeElapsedColumn(), console=err, transient=True,
            ) as progress:  # fmt: skip
                task = progress.add_task("", total=None)

                def on_page(r: IngestReport) -> None:
                    progress.update(task, description=f"{r.pages_read} pages read, {r.articles} stored")

                report = ingest(store, read_inputs(paths), opts, on_bad, on_page, mapper)
        else:
            report = ingest(store, read_inputs(paths), opts, on_bad, mapper=mapper)
    except StoreError as exc:  # another run grouped the store meanwhile: what this one stored stays
        raise _fail(str(exc), 1) from exc
    finally:
        store.close()
    for name, n in per_input.items():
        if n > MAX_REPORTS_PER_INPUT:
            err.print(f"marsad: … and {n - MAX_REPORTS_PER_INPUT} more problems in {name}", markup=False)
    print(f"marsad: {report.summary()}")
    if report.pages_read == 0:
        raise _fail("nothing could be ingested", 1)


@app.command("refresh")
def refresh_cmd(
    db: DbOption = None,
    extract: Annotated[
        bool,
        typer.Option(
            "--extract",
            help="first extract every article's quotes, numeric facts and entity mentions again, with "
            "this version's extractors (slower: about as long as those stages took at ingest)",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="worker processes for --extract (default: the cores)"),
    ] = None,
) -> None:
    """Rewrite every event and story (titles, dates, summaries, facts), the entities and their search
    entries from the stored grouping: repairs a store written by an older marsad. With --extract, the
    articles' quotes, facts and entities are extracted again first, so a newer marsad's extraction
    reaches a store without re-ingesting its sources."""
    from marsad.engine import reextract, refresh
    from marsad.parallel import batch_mapper, default_jobs

    store = _open(db, create=False)
    try:
        if extract:
            n_articles = reextract(store, mapper=batch_mapper(jobs or default_jobs()))
            out.print(f"{n_articles} articles extracted again", markup=False, highlight=False)
        n = refresh(store)
    finally:
        store.close()
    out.print(f"{n} events rewritten", markup=False, highlight=False)


@app.command("export")
def export_cmd(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="json (one object) or jsonl")] = "json",
    dropped: Annotated[
        bool, typer.Option("--dropped", help="include each article's dropped lines and their reasons")
    ] = False,
) -> None:
    """Write everything the store knows, in the schema of CONTRACT.md, to stdout."""
    if fmt not in ("json", "jsonl"):
        raise _fail(f"unknown format {fmt!r}: use json or jsonl")
    store = _open(db, create=False)
    try:
        (write_json if fmt == "json" else write_jsonl)(store, sys.stdout, dropped)
    finally:
        store.close()


# Bidi controls (an RLO reverses the rest of a terminal line), zero-width marks and control characters
# (terminal escapes) in page names or sources from the wild are dropped before display.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def _shown(text: str) -> str:
    """Text for the terminal: invisible and control characters dropped, rich markup escaped."""
    return escape(_INVISIBLE.sub("", text))


@app.command("stories")
def stories_cmd(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", help="most stories shown, latest first")] = 50,
) -> None:
    """A readable tree: stories (latest first) -> events in time order (date, place) -> sources."""
    store = _open(db, create=False)
    try:
        trees = Q.story_trees(store, limit)
        n_events = Q.events_page(store, limit=1).total
        counts = store.counts()
    finally:
        store.close()
    root = Tree(
        f"[bold]{_n(trees.total, 'story', 'stories')}, {_n(n_events, 'event')}, "
        f"{_n(counts.articles, 'article')} ({_n(counts.duplicates, 'duplicate')}) "
        f"from {_n(counts.pages, 'page')}"
    )
    for st in trees.items:
        size = _n(len(st["timeline"]), "event")
        node = root.add(f"[bold cyan]{_shown(st['title'] or '')}[/]  [dim]({size})[/]")
        for e in st["timeline"]:
            where = ", ".join(x for x in (e["date"], e["place"]) if x) or "undated"
            enode = node.add(f"[bold]{_shown(e['title'] or '')}[/]  [green]{_shown(where)}[/]")
            for a in e["sources"]:
                src = a["source"] or a["page"]
                dup = "  [yellow](duplicate)[/]" if a["duplicate_of"] else ""
                enode.add(f"{_shown(Q.title_or_lead(a))}  [dim]{_shown(src)}[/]{dup}")
    if trees.total > limit:
        root.add(f"[dim]… {trees.total - limit} more stories (--limit)")
    out.print(root)


def _n(count: int, one: str, many: str | None = None) -> str:
    """`1 event`, `3 events`."""
    return f"{count} {one if count == 1 else many or one + 's'}"


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="words in Arabic (any spelling) or other languages")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit")] = 20,
) -> None:
    """Search articles, events and entities (Arabic-aware: normalised, stemmed, name spellings)."""
    from marsad.store.search import search

    store = _open(db, create=False)
    try:
        hits = search(store, query, limit, 0)
    finally:
        store.close()
    if not hits:
        out.print("no results")
    for h in hits:
        title = h.get("title") or h.get("name") or ""
        out.print(f"[cyan]{h.get('kind', '')}[/] {escape(str(h.get('id', '')))}  {escape(str(title))}")
        if h.get("snippet"):
            out.print(f"    [dim]{escape(str(h['snippet']))}[/]")


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="server processes (one per core serves the most requests)")
    ] = 1,
) -> None:
    """The web UI (right-to-left, offline) and the REST API (OpenAPI at /docs and /openapi.json)."""
    import uvicorn

    from marsad.web.app import create_app

    try:
        web = create_app(db)  # opened here too, so that a bad store is reported before serving
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    if workers == 1:
        uvicorn.run(web, host=host, port=port)
        return
    web.state.store.close()
    if db:
        os.environ["MARSAD_DB"] = db  # each worker process opens the store itself
    uvicorn.run("marsad.web.app:create_app", factory=True, host=host, port=port, workers=workers)


@app.command("ner")
def ner_cmd(
    conll: Annotated[str, typer.Option("--conll", help="a `token TAG` file (ANERcorp style)")],
) -> None:
    """Tag a CoNLL file with the packaged NER model: prints `token GOLD PRED` lines."""
    from marsad.engine import model_available
    from marsad.extract.ner import ner_conll

    if not model_available():
        raise _fail("the NER model is not installed: build it with scripts/train_ner.py")
    try:
        ner_conll(conll, sys.stdout)
    except OSError as exc:
        raise _fail(f"cannot read {conll}: {exc.strerror or exc}") from exc


def _version(value: bool) -> None:
    if value:
        print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """marsad (مرصد): an Arabic-first news story engine."""


def main() -> None:
    app()
