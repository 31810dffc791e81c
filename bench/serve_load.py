"""The service under load: `wrk` (Debian package) against `marsad serve` on a store, the main pages and
API endpoints in turn. Prints requests/second, p50 and p99 latency and the error count per URL.

    .venv/bin/python bench/serve_load.py --db STORE [--workers 2] [--seconds 20] [--connections 16]

The store is any marsad store (`marsad ingest ... --db STORE`); ids for the detail pages are taken from
the store itself (the latest story, its first event, that event's first article). `wrk` is installed
with apt-get when it is missing (as root or with sudo).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

MARSAD = str(Path(sys.executable).parent / "marsad")


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"], check=True, env=env
    )
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def get_json(base: str, path: str) -> dict:  # type: ignore[type-arg]
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return json.loads(r.read())  # type: ignore[no-any-return]


def wait_up(base: str, proc: subprocess.Popen[bytes], limit: float = 120) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None:
            sys.exit(f"marsad serve exited with {proc.returncode}")
        try:
            get_json(base, "/openapi.json")
            return
        except OSError:
            time.sleep(0.5)
    sys.exit("marsad serve did not answer in time")


def parse(out: str) -> dict[str, float]:
    """Requests/s, p50, p99 (ms) and errors from `wrk --latency` output."""

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    requests = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors:.*?connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(non2xx.group(1)) if non2xx else 0
    if sock:
        errors += sum(int(x) for x in sock.groups())
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": float(requests.group(1)) if requests else 0.0,
        "p50": ms("50%"),
        "p99": ms("99%"),
        "errors": errors,
    }


def drain(base: str, settle_ms: float = 50.0, patience: float = 60.0, in_a_row: int = 8) -> None:
    """Wait until the server has finished the previous URL's backlog (wrk stops sending, but the requests
    queued in every server process still run): until a cheap page answers within `settle_ms`, `in_a_row`
    times in a row (so that every process has answered quickly)."""
    deadline, quick = time.monotonic() + patience, 0
    while quick < in_a_row and time.monotonic() < deadline:
        t = time.monotonic()
        get_json(base, "/api/stories?limit=1")
        quick = quick + 1 if (time.monotonic() - t) * 1000 < settle_ms else 0
        time.sleep(0.2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--workers", type=int, default=2, help="marsad serve processes")
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--port", type=int, default=8791)
    args = ap.parse_args()
    wrk = ensure_wrk()
    base = f"http://127.0.0.1:{args.port}"
    cmd = [MARSAD, "serve", "--db", args.db, "--port", str(args.port), "--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_up(base, proc)
        story = get_json(base, "/api/stories?limit=1")["items"][0]["id"]
        event = get_json(base, f"/api/stories/{story}")["timeline"][0]["id"]
        article = get_json(base, f"/api/events/{event}")["sources"][0]["id"]
        q = "%D8%A7%D9%84%D8%AD%D9%83%D9%88%D9%85%D8%A9"  # الحكومة
        urls = [
            "/", f"/stories/{story}", f"/events/{event}", f"/articles/{article}", f"/search?q={q}",
            "/api/stories", f"/api/stories/{story}", "/api/events", f"/api/events/{event}",
            f"/api/articles/{article}", f"/api/search?q={q}", "/api/entities",
        ]  # fmt: skip
        stats = (
            get_json(base, "/api/stories?limit=1")["total"],
            get_json(base, "/api/events?limit=1")["total"],
        )
        print(f"store {args.db}: {stats[0]} stories, {stats[1]} events; {args.workers} server processes, "
              f"wrk {args.connections} connections x {args.seconds} s")  # fmt: skip
        for url in urls:  # one request each first: templates compiled, the store's pages cached
            urllib.request.urlopen(base + url, timeout=60).read()
        print(f"{'url':<40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for url in urls:
            drain(base)
            out = subprocess.run(
                [wrk, "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s", "--latency",
                 base + url],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            r = parse(out)
            print(
                f"{url[:40]:<40} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['errors']:>7.0f}",
                flush=True,
            )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
