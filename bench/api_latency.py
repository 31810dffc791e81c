"""API latency: p50/p99 of the story, event, article and search endpoints over a store of N ANT articles.

    .venv/bin/python bench/api_latency.py [--n 2000] [--requests 300] [--db PATH] [--http]

The store (built with `marsad.engine.ingest` from the first N records of the ANT corpus, N up to 31525)
is kept under bench/.cache/ and reused by later runs with the same N. Requests go through FastAPI's
TestClient (in process), or with --http over a real socket to uvicorn on 127.0.0.1. Prints one row per
endpoint: requests, p50 and p99 in milliseconds, and the mean size of the answers.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "ant_v2.jsonl.gz"
CACHE = ROOT / "bench" / ".cache"
QUERIES = ["داعش", "الرئيس الأمريكي", "كرة القدم", "مصر", "الحكومة اللبنانية", "ترامب", "أسعار النفط",
           "الأمم المتحدة", "انتخابات", "وزير الخارجية"]  # fmt: skip


def build(corpus: Path, n: int, db: Path) -> None:
    """Ingest the first n records of the corpus into a new store at db (and index them for search)."""
    from marsad.engine import ingest
    from marsad.ingest import read_inputs
    from marsad.store import Store
    from marsad.store.search import sync_index

    db.parent.mkdir(parents=True, exist_ok=True)
    partial = db.with_name(db.stem + ".partial.db")  # *.db: ignored by git, like the store
    for stale in db.parent.glob(partial.name + "*"):
        stale.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as f, src.open("w", encoding="utf-8") as out:
            for line in itertools.islice(f, n):
                out.write(line)
        store = Store.open(str(partial))
        t0 = time.perf_counter()
        report = ingest(store, read_inputs([str(src)]))
        t1 = time.perf_counter()
        indexed = sync_index(store)
        t2 = time.perf_counter()
        store.close()
    partial.rename(db)
    print(f"built {db}: {report.summary()} in {t1 - t0:.1f} s; search index of {indexed} documents "
          f"in {t2 - t1:.1f} s", file=sys.stderr)  # fmt: skip


def _ids(db: Path) -> dict[str, list[str]]:
    from sqlalchemy import select

    from marsad.store import Store
    from marsad.store.schema import articles, entities, events, stories

    store = Store.open(str(db), create=False)
    with store.engine.connect() as conn:
        out = {
            "story": list(conn.execute(select(stories.c.id)).scalars()),
            "event": list(conn.execute(select(events.c.id)).scalars()),
            "article": list(conn.execute(select(articles.c.id)).scalars()),
            "entity": list(conn.execute(select(entities.c.id)).scalars()),
        }
    store.close()
    return out


def _client(db: Path, http: bool) -> Iterator[Callable[[str], tuple[int, int]]]:
    from marsad.web.app import create_app

    app = create_app(str(db), create=False)
    if not http:
        from fastapi.testclient import TestClient

        with TestClient(app) as tc:

            def get(url: str) -> tuple[int, int]:
                r = tc.get(url)
                return r.status_code, len(r.content)

            yield get
        return
    import httpx2
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as hc:

        def get_http(url: str) -> tuple[int, int]:
            r = hc.get(url)
            return r.status_code, len(r.content)

        yield get_http
    server.should_exit = True
    thread.join()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles from the corpus (at most 31525)")
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument(
        "--db", type=Path, help="use this store (default: bench/.cache/ant_N.db, built if missing)"
    )
    ap.add_argument("--http", action="store_true", help="over a socket to uvicorn instead of in process")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    db = args.db or CACHE / f"ant_{args.n}.db"
    if not db.exists():
        if not args.corpus.exists():
            sys.exit(f"no corpus at {args.corpus}")
        build(args.corpus, args.n, db)
    ids = _ids(db)
    rng = random.Random(args.seed)

    def pick(kind: str) -> str:
        return rng.choice(ids[kind]) if ids[kind] else "none"

    endpoints: list[tuple[str, Callable[[], str]]] = [
        ("GET /api/stories", lambda: f"/api/stories?limit=20&offset={rng.randrange(0, 5) * 20}"),
        ("GET /api/stories/{id}", lambda: f"/api/stories/{pick('story')}"),
        ("GET /api/events", lambda: f"/api/events?limit=20&offset={rng.randrange(0, 5) * 20}"),
        ("GET /api/events/{id}", lambda: f"/api/events/{pick('event')}"),
        ("GET /api/articles/{id}", lambda: f"/api/articles/{pick('article')}"),
        ("GET /api/entities", lambda: "/api/entities?limit=20"),
        ("GET /api/search", lambda: f"/api/search?q={rng.choice(QUERIES)}&limit=20"),
        ("GET / (home page)", lambda: "/"),
        ("GET /events/{id} (page)", lambda: f"/events/{pick('event')}"),
    ]
    print(f"store: {db} ({len(ids['article'])} articles, {len(ids['event'])} events, "
          f"{len(ids['story'])} stories, {len(ids['entity'])} entities); "
          f"{'uvicorn over HTTP' if args.http else 'TestClient in process'}")  # fmt: skip
    print(f"{'endpoint':28} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'mean KB':>8}")
    for get in _client(db, args.http):
        get("/api/search?q=warmup")  # the first search catches the index up
        for name, url in endpoints:
            times, sizes = [], []
            for _ in range(args.requests):
                u = url()
                t0 = time.perf_counter()
                status, size = get(u)
                times.append((time.perf_counter() - t0) * 1000)
                sizes.append(size)
                if status != 200:
                    sys.exit(f"{u} answered {status}")
            times.sort()
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            print(f"{name:28} {len(times):>8} {statistics.median(times):>8.1f} {p99:>8.1f} "
                  f"{statistics.mean(sizes) / 1024:>8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
