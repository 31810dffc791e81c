"""Tunables of the readers, in one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

HtmlFocus = Literal["precision", "balanced", "recall"]


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read.

    `max_bytes` (default 50 MB) is the size limit for one page: a text or HTML file (counted after gzip
    decompression), one JSON Lines line, one WARC record's body, or stdin read as a single page. A page over
    it is reported as a `BadInput` and skipped. JSON Lines and WARC files themselves may be any size: they
    are streamed one record at a time.

    The `html_*` options go to trafilatura (comments are always dropped). The defaults, recall focus
    without the fallback extractors, beat plain `trafilatura.extract` on precision, recall and F1 on the
    article extraction benchmark (`bench/html_extraction.py`). "precision" scores a hair higher F1 there
    but loses real paragraphs (recall 0.975 vs 0.983); a lost paragraph is gone for good, while the
    cleaner in `marsad.clean` removes the boilerplate lines that recall lets through.
    """

    max_bytes: int = 50_000_000
    """Largest page accepted, in bytes (see above)."""
    html_focus: HtmlFocus = "recall"
    """trafilatura's trade-off: "precision" drops more borderline blocks, "recall" keeps more."""
    html_tables: bool = True
    """Keep the text of tables in the main content (one row per line, cells joined by `|`)."""
    html_fast: bool = True
    """Skip trafilatura's fallback extractors (readability, jusText): with recall focus they add noise."""
    skip_hidden: bool = True
    """When walking a folder, skip files and folders whose name starts with a dot."""

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.html_focus not in ("precision", "balanced", "recall"):
            raise ValueError(f"html_focus must be precision, balanced or recall, not {self.html_focus!r}")


def format_size(n: int) -> str:
    """A byte count for people: 212 MB, 3.4 MB, 900 kB, 12 bytes."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value >= 10 or value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"
