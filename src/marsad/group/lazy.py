"""Index state read from a store on first use, so that a run reads what its articles touch.

A grouping run into a large store compares each new article with a few candidate events, found
through a few posting lists. Reading the whole index (every event's centroid, every posting list)
before the first article, and writing every posting list back after the last, made a small run cost
what the store holds. These mappings hold the rows a run has used; the rest stay in the store until
asked for. A loader of `None` makes them plain in-memory mappings (a fresh index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import TypeVar

V = TypeVar("V")

RowLoader = Callable[[list[str]], dict[str, V]]


class LazyRows(MutableMapping[str, V]):
    """id -> row, every id known up front (in creation order), a row read on first use; `prefetch`
    reads several in one query."""

    def __init__(self, ids: Iterable[str] = (), load: RowLoader[V] | None = None) -> None:
        self._rows: dict[str, V | None] = dict.fromkeys(ids)
        self._load = load

    def __getitem__(self, key: str) -> V:
        v = self._rows[key]
        if v is None:
            self.prefetch([key])
            v = self._rows[key]
            if v is None:
                raise KeyError(key)
        return v

    def __setitem__(self, key: str, value: V) -> None:
        self._rows[key] = value

    def __delitem__(self, key: str) -> None:
        del self._rows[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def get(self, key: str, default: V | None = None) -> V | None:  # type: ignore[override]
        return self[key] if key in self._rows else default

    def prefetch(self, ids: Iterable[str]) -> None:
        """Read the rows of these ids that are known and not read yet, in one go."""
        if self._load is None:
            return
        rows = self._rows
        missing = [i for i in dict.fromkeys(ids) if i in rows and rows[i] is None]
        if missing:
            rows.update(self._load(missing))

    def loaded(self) -> int:
        """How many rows have been read or made (for tests and benchmarks)."""
        return sum(1 for v in self._rows.values() if v is not None)


class Postings:
    """Posting lists (key -> ids, most recent last), read from the store on first use and written
    back only where they changed (`dirty`)."""

    def __init__(self, load: RowLoader[list[str]] | None = None) -> None:
        self._lists: dict[str, list[str]] = {}
        self._load = load
        self._asked: set[str] = set()  # keys read from the store (found or not)
        self.dirty: set[str] = set()

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the lists of these keys that were not read yet, in one go."""
        if self._load is None:
            return
        missing = [k for k in dict.fromkeys(keys) if k not in self._asked and k not in self._lists]
        if missing:
            self._asked.update(missing)
            for k, ids in self._load(missing).items():
                self._lists.setdefault(k, ids)

    def get(self, key: str) -> list[str] | None:
        """The list of a key, None when there is none (read from the store first)."""
        if key not in self._lists:
            self.prefetch([key])
        return self._lists.get(key)

    def edit(self, key: str) -> list[str]:
        """The list of a key, to change in place (made when absent; marked to be written back)."""
        plist = self.get(key)
        if plist is None:
            plist = self._lists[key] = []
        self.dirty.add(key)
        return plist

    def items(self) -> Iterator[tuple[str, list[str]]]:
        """The lists held in memory (all of them for an index that has no store behind it)."""
        return iter(self._lists.items())

    def changed(self) -> dict[str, list[str]]:
        """The lists changed since the index was loaded (what a store has to write)."""
        return {k: self._lists[k] for k in sorted(self.dirty)}

    def replace(self, lists: dict[str, list[str]]) -> None:
        """Hold these lists as read (an index loaded whole)."""
        self._lists = lists

    def __len__(self) -> int:
        return len(self._lists)


def prefetch(rows: Mapping[str, object], ids: Iterable[str]) -> None:
    """Read these rows in one go where `rows` is read from a store (`LazyRows`); nothing otherwise."""
    if isinstance(rows, LazyRows):
        rows.prefetch(ids)


def filed_rows(
    rows: RowLoader[dict[str, object]], filed: dict[str, set[str]], make: Callable[..., V]
) -> RowLoader[V]:
    """A loader of an index's stored rows as objects (`make(**row)`), the keys each row was filed
    under (its "filed" field) put in `filed`."""

    def load(wanted: list[str]) -> dict[str, V]:
        out = {}
        for rid, row in rows(wanted).items():
            row = dict(row)
            filed.setdefault(rid, set()).update(row.pop("filed", ()))  # type: ignore[arg-type]
            out[rid] = make(**row)
        return out

    return load
