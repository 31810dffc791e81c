"""The per-page stage on the cores of this machine: `engine.process_item` mapped over consecutive slices
of the input by a pool of worker processes, the results handed back in input order to the engine's
serial write and group path, so the store and the export are those of a serial run.

The stages are pure Python (threads would share one GIL), so the pool holds processes, forked from a
fork server that has loaded the stages and the NER model once (a clean, single-threaded parent: no lock
or connection of the driver is inherited, and the workers start in a fraction of a second). At most
a few slices per worker are in flight, so memory stays bounded however large the input. An input too
small to pay for starting workers (fewer than `min_pages` pages) runs in this process.

A worker that dies (out of memory, a crash in a library) breaks the pool: the pool is restarted, the
slice that was being collected is retried page by page, and a page that breaks a pool on its own is
reported by name with the reason; the rest of the run is not lost.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.context import BaseContext

from marsad.engine import (
    BatchMapper,
    EngineOptions,
    Extracts,
    PageMapper,
    PageResult,
    page_failure,
    process_item,
)
from marsad.model import Article, BadInput, RawPage

Item = RawPage | BadInput
Results = Future[list[PageResult | BadInput]]
Stage = Callable[[list[Item], EngineOptions], list[PageResult | BadInput]] | None


@dataclass(frozen=True)
class PoolOptions:
    """How the input is cut into tasks (documented defaults)."""

    #: pages per slice (one task): large enough to amortise the round trip, small enough to balance
    slice_pages: int = 32
    #: a slice is closed early once its pages hold this many characters (big pages, bounded memory)
    slice_chars: int = 4_000_000
    #: slices in flight per worker: enough to keep workers busy while the driver writes and groups a batch
    in_flight_per_worker: int = 8
    #: an input of fewer pages than this runs in this process (starting workers costs seconds)
    min_pages: int = 64


def default_jobs() -> int:
    """Worker processes by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_slice(items: list[Item], opts: EngineOptions) -> list[PageResult | BadInput]:
    """The per-page stage over one slice, in a worker (pure: no store, no shared state)."""
    return [process_item(item, opts) for item in items]


def partitions(inputs: Iterable[Item], pages: int, chars: int) -> Iterator[list[Item]]:
    """Consecutive slices of the input, in order, of at most `pages` pages (or about `chars`
    characters); bad inputs ride along to keep their place."""
    part: list[Item] = []
    size = 0
    for item in inputs:
        part.append(item)
        if isinstance(item, RawPage):
            size += len(item.text)
        if len(part) >= pages or size >= chars:
            yield part
            part, size = [], 0
    if part:
        yield part


def worker_context() -> BaseContext:
    """How workers start: forked from a fork server that has loaded the stages and the NER model."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(["marsad._preload"])  # workers start with the model loaded
        return server
    return multiprocessing.get_context("spawn")


def batch_mapper(jobs: int, in_flight_per_worker: int = 4) -> BatchMapper:
    """A `BatchMapper` for `engine.reextract` over `jobs` worker processes: results in input order, a
    few batches per worker in flight (bounded memory). One job runs in this process."""

    def run(
        fn: Callable[[list[Article], EngineOptions], list[Extracts]], parts: Iterable[list[Article]],
        opts: EngineOptions,
    ) -> Iterator[list[Extracts]]:  # fmt: skip
        if jobs <= 1:
            yield from (fn(p, opts) for p in parts)
            return
        with ProcessPoolExecutor(max_workers=jobs, mp_context=worker_context()) as pool:
            window: deque[Future[list[Extracts]]] = deque()
            for part in parts:
                window.append(pool.submit(fn, part, opts))
                if len(window) >= in_flight_per_worker * jobs:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()

    return run


class LocalPool:
    """A restartable pool of `jobs` worker processes running the per-page stage."""

    def __init__(self, jobs: int, opts: PoolOptions | None = None, stage: Stage = None) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.jobs = jobs
        self.opts = opts or PoolOptions()
        self.stage = stage or process_slice  # a module-level function (it is pickled by name)
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0  # bumped at each restart: tells a stale broken future from a fresh one

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=worker_context())
        return self._executor

    def _restart(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None
        self._generation += 1

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _submit(self, part: list[Item], opts: EngineOptions) -> tuple[Results, int]:
        return self._pool().submit(self.stage, part, opts), self._generation

    def map(self, inputs: Iterable[Item], opts: EngineOptions) -> Iterator[PageResult | BadInput]:
        """`engine.serial_map` over the pool: the same results, in the same order."""
        stream = iter(partitions(inputs, self.opts.slice_pages, self.opts.slice_chars))
        head: list[list[Item]] = []
        pages = 0
        for part in stream:  # small inputs are not worth the workers' start
            head.append(part)
            pages += len(part)
            if pages >= self.opts.min_pages:
                break
        else:
            for part in head:
                yield from self.stage(part, opts)
            return
        window: deque[tuple[list[Item], Results | None, int]] = deque()
        for part in itertools.chain(head, stream):
            if all(isinstance(x, BadInput) for x in part):
                window.append((part, None, self._generation))  # nothing to compute
            else:
                window.append((part, *self._submit(part, opts)))
            while len(window) > self.opts.in_flight_per_worker * self.jobs:
                yield from self._collect(*window.popleft(), opts)
        while window:
            yield from self._collect(*window.popleft(), opts)

    def _collect(
        self, part: list[Item], future: Results | None, generation: int,
        opts: EngineOptions,
    ) -> list[PageResult | BadInput]:  # fmt: skip
        """A slice's results. If the pool broke under it and has not been restarted since, this slice
        may be the culprit: the pool restarts and its pages are retried one by one (a page that breaks
        the pool alone is reported). A slice whose pool broke under another slice is just resubmitted."""
        if future is None:
            return list(part)  # type: ignore[arg-type]
        try:
            return future.result()
        except Exception as exc:
            if generation != self._generation:  # lost with a pool another slice broke: run it again
                return self._collect(part, *self._submit(part, opts), opts)
            self._restart()
            if len(part) == 1:
                item = part[0]
                if isinstance(item, BadInput):
                    return [item]
                return [page_failure(item, f"the worker failed on it: {type(exc).__name__}: {exc}")]
        out: list[PageResult | BadInput] = []
        for item in part:
            out.extend(self._collect([item], *self._submit([item], opts), opts))
        return out


def pool_mapper(pool: LocalPool) -> PageMapper:
    """A `PageMapper` for `engine.ingest` that runs the per-page stage on `pool`'s workers."""
    return pool.map
