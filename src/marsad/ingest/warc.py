"""WARC: each HTML response record is one HTML page, named by its target URI; the archive is streamed."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from marsad.ingest.encoding import DecodeError
from marsad.ingest.options import ReadOptions
from marsad.ingest.pages import html_page
from marsad.ingest.streams import ByteSource, InputError, check_gzip_end, read_bounded
from marsad.model import BadInput, RawPage

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    # warcio writes this warning to stderr; we count it (err_count) and report a BadInput instead.
    INC_RECORD = ""


def read_warc(
    source: ByteSource, unzipped: gzip.GzipFile | None, name: str, opts: ReadOptions
) -> Iterator[RawPage | BadInput]:
    """Pages of the HTML response records (2xx); other records (requests, metadata, redirects) are skipped."""
    head = source.peek_bytes(5)
    if not head:
        raise InputError("empty file")
    if head != b"WARC/":
        raise InputError(f"not a WARC file (it starts with {source.peek_bytes(20)!r}, not b'WARC/')")
    archive = _QuietArchiveIterator(source)
    records = iter(archive)
    seen = pages = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except EOFError:
            raise InputError(f"truncated gzip: the data ends inside record {seen + 1}") from None
        except Exception as exc:  # warcio fails in many ways on a damaged header block
            reason = f"broken WARC: cannot parse record {seen + 1} ({type(exc).__name__}: {exc})"
            raise InputError(reason) from None
        seen += 1
        uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {seen}"
        content_type = _html_content_type(record)
        if content_type is None:
            continue
        try:
            body = read_bounded(record.content_stream(), opts.max_bytes, "record")
        except EOFError:
            raise InputError(f"truncated gzip: the data ends inside record {seen}") from None
        except InputError as exc:
            yield BadInput(name, f"record {uri}: {exc.reason}")
            continue
        if getattr(record.raw_stream, "limit", 0) > 0:
            yield BadInput(name, f"record {uri}: truncated, the WARC ends inside it")
            continue
        if not content_type and not body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            continue  # no Content-Type and not markup: not a page
        match = _CHARSET.search(content_type)
        charset = match.group(1) if match else None
        try:
            yield html_page(body, page=uri, origin=name, opts=opts, url=uri, declared=charset)
            pages += 1
        except (InputError, DecodeError) as exc:
            yield BadInput(name, f"record {uri}: {exc.reason}")
        except Exception as exc:  # one odd page must not cost the rest of the archive
            yield BadInput(name, f"record {uri}: unexpected {type(exc).__name__}: {exc} (please report this)")
    try:
        check_gzip_end(unzipped)
    except EOFError:
        raise InputError(f"truncated gzip: the data ends after {seen} records") from None
    if archive.err_count:
        yield BadInput(name, f"broken WARC: {archive.err_count} record(s) with a wrong Content-Length")
    if not pages and not seen:
        yield BadInput(name, "no WARC records")
    elif not pages:
        others = f"{seen} other record{'s' if seen > 1 else ''}"
        yield BadInput(name, f"no HTML response records, only {others} (requests, images, metadata...)")


def _html_content_type(record: ArcWarcRecord) -> str | None:
    """The Content-Type of a record that holds an HTML page with a 2xx status, else None."""
    if record.rec_type == "response":
        if record.http_headers is None or not record.http_headers.get_statuscode().startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    lowered = content_type.lower()
    return content_type if "html" in lowered or not lowered else None
