"""JSON Lines: one article record per line, streamed; a bad line is reported and skipped, never fatal."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import math
import zlib
from collections.abc import Iterator
from typing import Any

from marsad.ingest.encoding import DecodeError, decode_bytes
from marsad.ingest.htmlpage import MAX_DEPTH, extract_html
from marsad.ingest.options import ReadOptions, format_size
from marsad.ingest.streams import ByteSource, InputError
from marsad.model import BadInput, RawPage

_COPIED = ("title", "source", "published", "url", "language")
_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true or false"}


def read_jsonl(source: ByteSource, name: str, opts: ReadOptions) -> Iterator[RawPage | BadInput]:
    """One `RawPage(kind="record")` per record line; `BadInput(name, "line N: ...")` for each bad line."""
    lineno = 0
    try:
        for lineno, line in _numbered_lines(source, opts.max_bytes):
            if isinstance(line, InputError):
                yield BadInput(name, f"line {lineno}: {line.reason}")
                continue
            if not line.strip():
                continue
            try:
                yield record_page(line, name, opts)
            except InputError as exc:
                yield BadInput(name, f"line {lineno}: {exc.reason}")
            except Exception as exc:  # one odd record must not cost the rest of the file
                reason = f"unexpected {type(exc).__name__}: {exc} (please report this)"
                yield BadInput(name, f"line {lineno}: {reason}")
    except EOFError:
        raise InputError(f"truncated gzip: the data ends inside line {lineno + 1}") from None
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(f"corrupt gzip after line {lineno} ({exc})") from None
    except UnicodeDecodeError as exc:  # only UTF-16/32 files, decoded as a whole stream
        raise InputError(f"line {lineno + 1}: invalid {exc.encoding.upper()} ({exc.reason})") from None


def record_page(line: str, origin: str, opts: ReadOptions) -> RawPage:
    """A JSON object line → RawPage; InputError says what is wrong with the record."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg} at col {exc.colno})") from None
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        raise InputError("not readable JSON (a number with more than 4300 digits)") from None
    except RecursionError:
        raise InputError("not readable JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but {_JSON_TYPES.get(type(record), 'null')}")
    rid = record.get("id")
    if rid is None or rid == "":
        raise InputError("record has no id")
    if isinstance(rid, bool) or not isinstance(rid, str | int | float):
        found = _JSON_TYPES.get(type(rid), "an object")
        raise InputError(f"record id must be a string or a number, not {found}")
    if isinstance(rid, float) and not math.isfinite(rid):
        raise InputError(f"record id must be a finite number, not {rid}")
    # Optional metadata of the wrong type is dropped; a body of the wrong type makes the record unusable.
    fields = {key: value if isinstance(value := record.get(key), str) else None for key in _COPIED}
    text, html = _string(record, "text"), _string(record, "html")
    if text is not None and text.strip():
        body = text.replace("\r\n", "\n").replace("\r", "\n")
    elif html is not None and html.strip():
        extracted = extract_html(html, opts, url=fields["url"])
        if extracted.too_deep:
            raise InputError(f"html nested over {MAX_DEPTH} levels deep: the parser stops there")
        if not extracted.text:
            raise InputError("no text found in the record's html")
        body = extracted.text
        fields["title"] = fields["title"] or extracted.title
        fields["source"] = fields["source"] or extracted.source
        fields["published"] = fields["published"] or extracted.published
        fields["language"] = fields["language"] or extracted.language
    elif text is not None or html is not None:
        raise InputError("record text is empty")
    else:
        raise InputError("record has no text or html")
    if "\\u" in line:  # only a JSON escape can make a lone surrogate, which no store or page can hold
        for key, value in (("id", str(rid)), ("text", body), *fields.items()):
            _refuse_surrogates(key, value)
    return RawPage(page=str(rid), text=body, origin=origin, kind="record", **fields)


def _refuse_surrogates(key: str, value: str | None) -> None:
    try:
        (value or "").encode("utf-8")
    except UnicodeEncodeError as exc:
        what = f"a lone surrogate \\u{ord(exc.object[exc.start]):04x} at {exc.start}"
        raise InputError(f"{key} is not valid Unicode ({what})") from None


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{key} must be a string, not {_JSON_TYPES.get(type(value), 'an object')}")
    return value


def _numbered_lines(source: ByteSource, limit: int) -> Iterator[tuple[int, str | InputError]]:
    """Decoded lines with their numbers; a line over `limit` bytes or not decodable comes as an InputError."""
    head = source.peek_bytes(4)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if head.startswith(bom):
            # Lines of UTF-16/32 cannot be split on the byte b"\n"; a text layer can.
            text = io.TextIOWrapper(io.BufferedReader(source), encoding=codec, errors="strict", newline="")
            for lineno, line in enumerate(_bounded_lines(text, limit), start=1):
                yield lineno, line
            return
    buffered = io.BufferedReader(source)
    for lineno, raw in enumerate(_bounded_lines(buffered, limit), start=1):
        if isinstance(raw, InputError):
            yield lineno, raw
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError:
            try:  # JSON should be UTF-8, but old Arabic exports are often Windows-1256
                yield lineno, decode_bytes(raw, f"line {lineno}")
            except DecodeError as exc:
                yield lineno, InputError(exc.reason)


def _bounded_lines(stream: Any, limit: int) -> Iterator[Any]:
    """Lines (bytes or str) of at most `limit` units; a longer line is skipped, an InputError in its place."""
    newline = b"\n" if isinstance(stream, io.BufferedIOBase) else "\n"
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(newline):
            while line and not line.endswith(newline):
                line = stream.readline(1 << 20)
            yield InputError(f"record larger than the {format_size(limit)} limit")
        else:
            yield line
