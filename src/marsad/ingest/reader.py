"""Paths → a stream of RawPage and BadInput: folder walking, stdin, and choosing a reader per file."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from marsad.ingest.encoding import DecodeError
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.options import ReadOptions, format_size
from marsad.ingest.pages import html_page, sniffed_page, text_page
from marsad.ingest.streams import ByteSource, InputError, open_source, read_bounded
from marsad.ingest.warc import read_warc
from marsad.model import BadInput, RawPage

STDIN = "stdin"
_KINDS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
}  # fmt: skip
_SNIFF_LIMIT = 1 << 20


DEFAULT_OPTIONS = ReadOptions()


def read_inputs(paths: Iterable[str], opts: ReadOptions = DEFAULT_OPTIONS) -> Iterator[RawPage | BadInput]:
    """Read files, folders (recursively, in sorted order, hidden names skipped) and ``-`` (stdin).

    Yields one `RawPage` per page or record, and one `BadInput` per input (or record) that cannot be read,
    with a reason a person can act on; it never raises for a bad input. Nothing is held in memory beyond
    the current page: JSON Lines and WARC files are streamed record by record.

    By name: ``*.txt`` is a plain text page, ``*.html``/``*.htm`` an HTML page (main content extracted),
    ``*.jsonl`` one record per line, ``*.warc`` one page per HTML response; any of them may be gzipped
    (``.gz``, or just gzip data). Other names, and stdin, are sniffed: WARC by its first bytes, JSON Lines
    if the first non-blank line is a JSON object, HTML if it starts like HTML, else plain text.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not its characters
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            yield from _guarded(STDIN, _read_stdin(opts))
        else:
            yield from _walk(path, opts, explicit=True, folders=set())


def _walk(path: str, opts: ReadOptions, explicit: bool, folders: set[str]) -> Iterator[RawPage | BadInput]:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield BadInput(shown_path(path), "no such file or folder" if explicit else "broken symbolic link")
        return
    except OSError as exc:
        yield BadInput(shown_path(path), f"cannot read ({exc.strerror or exc})")
        return
    if stat.S_ISDIR(info.st_mode):
        real = os.path.realpath(path)
        if real in folders:
            return  # reached again through a symbolic link: a loop, or already read
        folders.add(real)
        try:
            with os.scandir(path) as scan:
                names = sorted(entry.name for entry in scan)
        except OSError as exc:
            yield BadInput(shown_path(path), f"cannot list folder ({exc.strerror or exc})")
            return
        for name in names:
            if not (opts.skip_hidden and name.startswith(".")):
                yield from _walk(os.path.join(path, name), opts, explicit=False, folders=folders)
    elif stat.S_ISREG(info.st_mode) or (explicit and stat.S_ISFIFO(info.st_mode)):
        size = info.st_size if stat.S_ISREG(info.st_mode) else None
        yield from _guarded(shown_path(path), _read_file(path, size, opts))
    else:
        yield BadInput(shown_path(path), "not a regular file")


def _read_file(path: str, size: int | None, opts: ReadOptions) -> Iterator[RawPage | BadInput]:
    base = os.path.basename(path)
    kind = kind_of(base)
    if size == 0:
        raise InputError("empty file")
    gzipped = base.lower().endswith(".gz")
    if kind in ("text", "html") and not gzipped and size is not None and size > opts.max_bytes:
        raise InputError(f"file larger than the {format_size(opts.max_bytes)} limit ({format_size(size)})")
    with open(path, "rb") as raw:
        yield from _read_stream(
            raw, kind, shown_path(path), shown_path(base), opts, size=None if gzipped else size
        )


_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def shown_path(path: str) -> str:
    """A file path as marsad names it (page names, reports): bytes that are not UTF-8 (which Python keeps
    as lone surrogates, and no store or terminal takes) and control characters (a newline in a file name)
    are written as escapes, `caf\\xe9.txt`; other names are unchanged."""
    if not _UNSHOWABLE.search(path):
        return path
    raw = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), raw)


def kind_of(name: str) -> str | None:
    """The reader a file name asks for ("text", "html", "jsonl", "warc"), None when unknown."""
    lowered = name.lower().removesuffix(".gz")
    return _KINDS.get(os.path.splitext(lowered)[1])


def _read_stdin(opts: ReadOptions) -> Iterator[RawPage | BadInput]:
    raw: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if raw is None:  # a text-only stand-in (tests, embedding): it is already decoded
        raw = io.BytesIO(sys.stdin.read().encode("utf-8"))
    yield from _read_stream(raw, None, STDIN, STDIN, opts, what="input")


def _read_stream(
    raw: BinaryIO,
    kind: str | None,
    name: str,
    page: str,
    opts: ReadOptions,
    size: int | None = None,
    what: str = "file",
) -> Iterator[RawPage | BadInput]:
    source, unzipped = open_source(raw)
    if kind is None:
        kind = _sniff(source)
    if kind == "warc":
        yield from read_warc(source, unzipped, name, opts)
        return
    if kind == "jsonl":
        yield from read_jsonl(source, name, opts)
        return
    data = read_bounded(source, opts.max_bytes, what, size if unzipped is None else None)
    if not data:
        raise InputError(f"empty {what}")
    if kind == "text":
        yield text_page(data, page, name, what)
    elif kind == "html":
        yield html_page(data, page, name, opts, what=what)
    else:
        yield sniffed_page(data, page, name, opts, what)


def _sniff(source: ByteSource) -> str | None:
    """WARC by its first bytes; JSON Lines when the first non-blank line parses as a JSON object."""
    head = source.peek_bytes(4096)
    if head.startswith(b"WARC/"):
        return "warc"
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return None
    size = 4096
    while True:  # the first record may be long; look further until its line ends
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        end = stripped.find(b"\n")
        if end >= 0 or len(head) < size or size >= _SNIFF_LIMIT:
            line = stripped if end < 0 else stripped[:end]
            break
        size *= 4
        head = source.peek_bytes(size)
    try:
        return "jsonl" if isinstance(json.loads(line.decode("utf-8")), dict) else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def _guarded(name: str, pages: Iterator[RawPage | BadInput]) -> Iterator[RawPage | BadInput]:
    """Turn whatever goes wrong while reading one input into a BadInput for it; never raise."""
    try:
        yield from pages
    except (InputError, DecodeError) as exc:
        yield BadInput(name, exc.reason)
    except EOFError:
        yield BadInput(name, "truncated gzip: the compressed data ends early")
    except (zlib.error, gzip.BadGzipFile) as exc:
        yield BadInput(name, f"corrupt gzip ({exc})")
    except OSError as exc:
        yield BadInput(name, f"cannot read ({exc.strerror or exc})")
    except Exception as exc:  # a bug must cost one input, not the whole run
        yield BadInput(name, f"unexpected {type(exc).__name__}: {exc} (please report this)")
