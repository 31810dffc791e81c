"""Scale-out on Dask: the same pure per-page stage (`engine.process_item`) mapped over partitions of the
input on a cluster, its results handed back in input order to the engine's serial write and group path.

The reader runs here, in the driver (it streams files and reports bad inputs in order); consecutive pages
are cut into partitions of a few hundred pages (or a few megabytes), each partition is one task, and at
most a few partitions per worker are in flight, so memory stays bounded however large the input. Results
are consumed in submission order, so the store sees exactly the batches a serial run writes and the export
is byte-identical. No key is routed between processes (a partition is a contiguous slice of the input);
task keys are content tokens (dask's stable hashing, never Python's `hash()`).

Dask is imported only here, and only when a cluster is asked for: the serial path never loads it.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from marsad.engine import EngineOptions, PageMapper, PageResult, page_failure, process_item
from marsad.model import BadInput, RawPage
from marsad.parallel import partitions

if TYPE_CHECKING:
    from distributed import Client, Future

Item = RawPage | BadInput


@dataclass(frozen=True)
class ClusterOptions:
    """How the input is cut into tasks (documented defaults)."""

    #: pages per partition (one task): large enough to amortise scheduling, small enough to balance
    partition_pages: int = 200
    #: a partition is closed early once its pages hold this many characters (big pages, bounded memory)
    partition_chars: int = 8_000_000
    #: partitions in flight per worker thread: enough to keep workers busy while the driver writes
    in_flight_per_thread: int = 2


def process_partition(items: list[Item], opts: EngineOptions) -> list[PageResult | BadInput]:
    """The per-page stage over one partition, on a worker (pure: no store, no shared state)."""
    return [process_item(item, opts) for item in items]


def map_on_cluster(
    client: Client, inputs: Iterable[Item], opts: EngineOptions, cluster: ClusterOptions | None = None
) -> Iterator[PageResult | BadInput]:
    """`engine.serial_map` on a Dask cluster: the same results, in the same order."""
    cluster = cluster or ClusterOptions()
    threads = max(1, sum(client.nthreads().values()))
    window: deque[tuple[list[Item], Future | None]] = deque()
    for part in partitions(inputs, cluster.partition_pages, cluster.partition_chars):
        if all(isinstance(x, BadInput) for x in part):
            window.append((part, None))  # nothing to compute
        else:
            window.append((part, client.submit(process_partition, part, opts, pure=True)))
        while len(window) > cluster.in_flight_per_thread * threads:
            yield from _collect(client, *window.popleft(), opts)
    while window:
        yield from _collect(client, *window.popleft(), opts)


def _collect(
    client: Client, part: list[Item], future: Future | None, opts: EngineOptions
) -> list[PageResult | BadInput]:
    """A partition's results; if its task failed (a worker died on it: memory, a crash in a library),
    each page is retried alone so that only the page at fault is reported, by name, with the reason."""
    if future is None:
        return list(part)  # type: ignore[arg-type]
    try:
        return future.result()  # type: ignore[no-any-return]
    except Exception as exc:
        if len(part) == 1:
            item = part[0]
            if isinstance(item, BadInput):
                return [item]
            return [page_failure(item, f"the worker failed on it: {type(exc).__name__}: {exc}")]
    finally:
        future.release()
    singles = [client.submit(process_partition, [item], opts, pure=True) for item in part]
    out: list[PageResult | BadInput] = []
    for item, single in zip(part, singles, strict=True):
        out.extend(_collect(client, [item], single, opts))
    return out


def dask_mapper(client: Client, cluster: ClusterOptions | None = None) -> PageMapper:
    """A `PageMapper` for `engine.ingest` that runs the per-page stage on `client`'s cluster."""

    def mapper(inputs: Iterable[Item], opts: EngineOptions) -> Iterator[PageResult | BadInput]:
        return map_on_cluster(client, inputs, opts, cluster)

    return mapper


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of an existing cluster (`scheduler`, e.g. ``tcp://10.0.0.5:8786``) or of a local cluster of
    `workers` processes with one thread each (the stages are pure Python: threads would share one GIL)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    if not workers or workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # the scheduler serves HTTP (health, metrics) even without a dashboard, by default on
            # port 8787: a free loopback port instead, so two clusters never collide or warn
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as local,
        Client(local) as client,
    ):
        yield client
