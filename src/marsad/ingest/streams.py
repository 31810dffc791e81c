"""Byte streams for the readers: look-ahead, transparent gzip, bounded reads, and the input error type."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from typing import BinaryIO, Protocol

from marsad.ingest.options import format_size

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class InputError(Exception):
    """One input cannot be read; the reader turns it into a `BadInput` with this reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ByteSource(io.RawIOBase):
    """A readable stream over "read what is there" chunks, with look-ahead.

    Each read returns one chunk, so data decompressed before a gzip stream breaks off is handed out
    before the error is raised (a buffered `read(n)` would drop it along with the error).
    """

    def __init__(self, read1: Callable[[int], bytes]) -> None:
        super().__init__()
        self._read1 = read1
        self._ahead = bytearray()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._ahead:
            n = min(len(buffer), len(self._ahead))
            buffer[:n] = self._ahead[:n]
            del self._ahead[:n]
            return n
        data = self._read1(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def peek_bytes(self, n: int) -> bytes:
        """Up to `n` bytes from the front of the stream, without consuming them (fewer only at the end)."""
        while len(self._ahead) < n:
            chunk = self._read1(min(n - len(self._ahead), _CHUNK))
            if not chunk:
                break
            self._ahead += chunk
        return bytes(self._ahead[:n])


def open_source(raw: BinaryIO) -> tuple[ByteSource, gzip.GzipFile | None]:
    """Wrap a binary stream; gzip data (known by its magic bytes, whatever the file name) is decompressed."""
    read1 = getattr(raw, "read1", None) or raw.read
    source = ByteSource(read1)
    if source.peek_bytes(2) != GZIP_MAGIC:
        return source, None
    unzipped = gzip.GzipFile(fileobj=source, mode="rb")
    return ByteSource(unzipped.read1), unzipped


def check_gzip_end(unzipped: gzip.GzipFile | None) -> None:
    """Raise EOFError if a gzip stream that a parser stopped reading was cut short."""
    if unzipped is not None:
        unzipped.read1(1)


def read_bounded(source: Readable, limit: int, what: str, size: int | None = None) -> bytes:
    """The rest of the stream, or InputError if it is longer than `limit` bytes (`size`: the known length)."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = source.read(_CHUNK)
        if not chunk:
            return b"".join(parts)
        total += len(chunk)
        if total > limit:
            known = f" ({format_size(size)})" if size is not None else ""
            raise InputError(f"{what} larger than the {format_size(limit)} limit{known}")
        parts.append(chunk)
