"""HTML → main text and metadata with trafilatura; a plain block-text fallback for fragments and tiny pages.

Extraction keeps one paragraph per line and leaves boilerplate lines that slip through (captions, "read
also", share bars) to the cleaner in `marsad.clean`, which knows Arabic news pages better than a
general-purpose extractor.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document
from trafilatura.utils import load_html

from marsad.ingest.options import ReadOptions

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|h[1-6]|table)\b",
    re.IGNORECASE | re.DOTALL,
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANG = re.compile(r"[A-Za-z]{2,3}")
_NOT_TEXT = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "select")
_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip


@dataclass(frozen=True)
class HtmlText:
    """What a page's HTML yields: main text (one paragraph per line) and what its metadata says."""

    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    too_deep: bool = False  # nested beyond the parser's depth limit: deeper content is lost


MAX_DEPTH = 255
"""libxml2 stops building the tree at this depth; what is nested deeper never reaches the extractor."""


def looks_like_html(text: str) -> bool:
    """True when a document starts like HTML (a doctype, <html>, or a common block tag)."""
    return _HTML_START.match(text[:4096]) is not None


def extract_html(html: str, opts: ReadOptions, url: str | None = None) -> HtmlText:
    """Main content and metadata of one HTML document; `text` is empty when the page has no text."""
    tree = _parse(html)
    if tree is None:
        return HtmlText("")
    too_deep = _depth(tree) >= MAX_DEPTH
    doc = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=opts.html_tables,
        favor_precision=opts.html_focus == "precision",
        favor_recall=opts.html_focus == "recall",
        fast=opts.html_fast,
    )
    document = doc if isinstance(doc, Document) else None
    text = _lines(document.text or "") if document is not None else ""
    if not text:
        # trafilatura gives up on fragments and very short pages; their visible text is the content.
        text = _lines(_block_text(copy.deepcopy(tree)))
    if document is None:
        document = extract_metadata(tree, default_url=url)
    lang = tree.get("lang") or tree.get("xml:lang") or ""
    return HtmlText(
        text=text,
        title=_clean(document.title),
        published=document.date if document.date and _DATE.fullmatch(document.date) else None,
        source=_clean(document.sitename),
        url=url or _clean(document.url),
        language=lang.split("-")[0].lower() if _LANG.match(lang.split("-")[0]) else None,
        too_deep=too_deep,
    )


def _depth(tree: lxml.html.HtmlElement) -> int:
    """How deep the parsed tree goes (the root is 1)."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        tree = load_html(html)
    except (ValueError, TypeError, etree.ParserError):
        tree = None
    if tree is not None:
        return tree
    # load_html refuses bare fragments ("<p>x</p>"); lxml wraps them in <html><body> itself.
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (ValueError, etree.ParserError):
        return None


def _block_text(tree: lxml.html.HtmlElement) -> str:
    """Visible text with a line break around every block element (the tree is modified)."""
    for element in list(tree.iter(etree.Comment, etree.ProcessingInstruction, *_NOT_TEXT)):
        if element.getparent() is not None:
            tail = element.tail
            element.tail = None
            _append_text(element, tail)
            element.getparent().remove(element)
    for element in tree.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return str(tree.text_content())


def _append_text(element: etree._Element, tail: str | None) -> None:
    """Keep the text that follows a removed element."""
    if not tail:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + tail


def _lines(text: str) -> str:
    """One paragraph per line: spaces collapsed, blank lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
