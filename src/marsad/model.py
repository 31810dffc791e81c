"""Plain data that flows between the stages: pages in, articles out.

Stages take and return these dataclasses; only the engine persists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawPage:
    """One input unit as read from disk, stdin, a WARC record or a JSON Lines record.

    `text` is decoded text, one line per line as the scraper saved it (for HTML: the main
    content extracted from it). `is_record` pages come from JSON Lines: one article each,
    cleaned but never split.
    """

    page: str
    text: str
    origin: str
    kind: str = "text"  # "text" | "html" | "record"
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None

    @property
    def is_record(self) -> bool:
        return self.kind == "record"


@dataclass(frozen=True)
class DroppedLine:
    """A line the cleaner removed, with why (for the API and for debugging)."""

    line: int
    text: str
    reason: str


@dataclass
class Sentence:
    """A sentence of an article body, with its position."""

    text: str
    paragraph: int
    index: int


@dataclass
class Article:
    """One clean article: display text kept as the outlet wrote it."""

    id: str
    page: str
    position: int
    paragraphs: list[str]
    title: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    language: str = "ar"
    duplicate_of: str | None = None
    content_hash: str = ""
    dropped: list[DroppedLine] = field(default_factory=list)
    # the publication day came with the page (a record's field, the HTML's metadata), not from a
    # dateline in the text; not stored: what grouping needs of it is in the article's event features
    published_given: bool = field(default=True, compare=False)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class BadInput:
    """An input that could not be read, reported by name with the reason."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.name}: {self.reason}"
