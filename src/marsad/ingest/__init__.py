"""Readers: files, folders and stdin → `RawPage` (or `BadInput`, with a reason), one page at a time.

Plain text pages, HTML pages (main content by trafilatura), JSON Lines records and WARC responses, each
possibly gzipped; encodings detected (BOM, UTF-8, UTF-16, declared charset, Windows-1256, then
charset-normalizer); bad inputs reported, never raised.
"""

from __future__ import annotations

from marsad.ingest.encoding import DecodeError, decode_bytes
from marsad.ingest.htmlpage import HtmlText, extract_html
from marsad.ingest.options import ReadOptions
from marsad.ingest.reader import read_inputs

__all__ = ["DecodeError", "HtmlText", "ReadOptions", "decode_bytes", "extract_html", "read_inputs"]
