"""Decoded bytes → one RawPage: a plain text page or an HTML page (main content extracted)."""

from __future__ import annotations

from marsad.ingest.encoding import decode_bytes
from marsad.ingest.htmlpage import MAX_DEPTH, extract_html, looks_like_html
from marsad.ingest.options import ReadOptions
from marsad.ingest.streams import InputError
from marsad.model import RawPage


def text_page(data: bytes, page: str, origin: str, what: str = "file") -> RawPage:
    """A plain text page, kept as decoded (newlines normalised)."""
    return RawPage(page=page, text=_decode(data, page, what), origin=origin, kind="text")


def html_page(
    data: bytes,
    page: str,
    origin: str,
    opts: ReadOptions,
    url: str | None = None,
    declared: str | None = None,
    what: str = "file",
) -> RawPage:
    """An HTML page: main content one paragraph per line, with title, date and site name when found."""
    return _html(_decode(data, page, what, declared), page, origin, opts, url)


def sniffed_page(data: bytes, page: str, origin: str, opts: ReadOptions, what: str = "file") -> RawPage:
    """A page of unknown type: HTML if it starts like HTML, else plain text."""
    text = _decode(data, page, what)
    if looks_like_html(text):
        return _html(text, page, origin, opts, None)
    return RawPage(page=page, text=text, origin=origin, kind="text")


def _decode(data: bytes, page: str, what: str, declared: str | None = None) -> str:
    if not data:
        raise InputError(f"empty {what}")
    text = decode_bytes(data, page, declared)
    if not text.strip():
        raise InputError(f"{what} holds only whitespace")
    return text


def _html(html: str, page: str, origin: str, opts: ReadOptions, url: str | None) -> RawPage:
    found = extract_html(html, opts, url=url)
    if found.too_deep:  # the text below that depth never reached the extractor: do not store a part
        raise InputError(f"HTML nested over {MAX_DEPTH} levels deep: the parser stops there")
    if not found.text:
        raise InputError("no text found in the HTML")
    return RawPage(
        page=page,
        text=found.text,
        origin=origin,
        kind="html",
        title=found.title,
        source=found.source,
        published=found.published,
        url=found.url,
        language=found.language,
    )
