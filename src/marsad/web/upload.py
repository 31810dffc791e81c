"""The body of `POST /api/ingest` → pages for the engine, through the same readers as `marsad ingest`.

JSON Lines (one article record a line), an HTML page or a plain text page, chosen by Content-Type
(sniffed when there is none); gzip bodies are unpacked. A body that yields no page is an error with
the readers' reasons.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field

from marsad.ingest import ReadOptions
from marsad.ingest.encoding import DecodeError
from marsad.ingest.htmlpage import looks_like_html
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.pages import html_page, text_page
from marsad.ingest.streams import InputError, open_source, read_bounded
from marsad.model import BadInput, RawPage

ORIGIN = "api"
JSONL_TYPES = frozenset(
    {"application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
     "application/jsonlines", "application/json-lines", "application/json"}
)  # fmt: skip
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
ACCEPTED = sorted(JSONL_TYPES | HTML_TYPES | TEXT_TYPES)


class BodyError(Exception):
    """A body that cannot be ingested: `status` is the HTTP status to answer, `reason` says why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class Parsed:
    pages: list[RawPage] = field(default_factory=list)
    skipped: list[BadInput] = field(default_factory=list)


def media_type(content_type: str | None) -> str | None:
    """`text/html; charset=utf-8` → `text/html`; None when absent."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def parse_body(data: bytes, content_type: str | None, name: str | None, opts: ReadOptions) -> Parsed:
    """Pages from a request body; raises BodyError(400 | 415) with a reason."""
    if not data.strip():
        raise BodyError(400, "empty body: send JSON Lines records, an HTML page or a text page")
    source, unzipped = open_source(io.BytesIO(data))
    if unzipped is not None:
        try:
            data = read_bounded(source, opts.max_bytes, "unpacked body")
        except InputError as exc:
            raise BodyError(413, exc.reason) from None
        except (EOFError, OSError, zlib.error) as exc:
            raise BodyError(400, f"corrupt gzip body ({exc})") from None
    kind = _kind(media_type(content_type), data)
    out = Parsed()
    if kind == "jsonl":
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            raise BodyError(400, "a JSON array: send JSON Lines, one article object per line")
        for item in read_jsonl(open_source(io.BytesIO(data))[0], "body", opts):
            if isinstance(item, RawPage):
                out.pages.append(item)
            else:
                out.skipped.append(item)
        if not out.pages:
            reasons = "; ".join(b.reason for b in out.skipped[:5]) or "no records"
            raise BodyError(400, f"no article could be read from the JSON Lines body: {reasons}")
        return out
    page = name or _default_name(data, kind)
    try:
        if kind == "html":
            out.pages.append(html_page(data, page, ORIGIN, opts, what="body"))
        else:
            out.pages.append(text_page(data, page, ORIGIN, what="body"))
    except (InputError, DecodeError) as exc:
        what = "HTML" if kind == "html" else "text"
        raise BodyError(400, f"cannot read the {what} body: {exc.reason}") from None
    return out


def _kind(mt: str | None, data: bytes) -> str:
    if mt in JSONL_TYPES:
        return "jsonl"
    if mt in HTML_TYPES:
        return "html"
    if mt in TEXT_TYPES:
        return "text"
    if mt is not None and mt not in ("application/octet-stream", "application/gzip", "application/x-gzip"):
        raise BodyError(415, f"unsupported Content-Type {mt}: use one of {', '.join(ACCEPTED)}")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "jsonl"
    if looks_like_html(head.decode("utf-8", "replace")):
        return "html"
    return "text"


def _default_name(data: bytes, kind: str) -> str:
    digest = hashlib.blake2b(data, digest_size=8).hexdigest()
    return f"api-{digest}.{'html' if kind == 'html' else 'txt'}"
