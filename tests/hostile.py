"""A corpus of hostile inputs, generated at test time into a folder: one `Kind` per way an input can be
wrong (or merely odd), with what marsad must do with it.

Each kind makes its input under a folder and says either the reason it must be reported with (by name),
or, for inputs that are odd but readable, a check on what the export holds. Nothing here is committed as a
file: the 200 MB inputs are written (or streamed through gzip) when a test asks for them.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

MB = 1_000_000

TITLE = "التحالف الدولي يتعهد «هزيمة دائمة» لـ«داعش»"
PARAS = [
    "أكد التحالف الدولي الذي تقوده الولايات المتحدة لهزيمة «داعش»، في بيان ختامي على أثر اجتماع لأعضائه "
    "الـ83 في روما، أمس، أنه سيواصل القتال ضد التنظيم الإرهابي لإلحاق «هزيمة دائمة» بمقاتليه.",
    "وأفاد المجتمعون في بيانهم الختامي أنهم «عازمون معاً على مواصلة القتال ضد (داعش) وتهيئة الظروف "
    "لهزيمة دائمة للجماعة الإرهابية... من خلال جهد شامل ومنسق ومتعدد الأوجه».",
    "ورحبوا بانضمام أعضاء جدد إلى التحالف، هم جمهورية أفريقيا الوسطى وجمهورية الكونغو الديمقراطية "
    "وموريتانيا واليمن.",
]
OTHER_TITLE = "الأمم المتحدة تحذر من تفاقم الأزمة الإنسانية في اليمن"
OTHER = [
    "حذرت الأمم المتحدة، اليوم الثلاثاء، من أن الأزمة الإنسانية في اليمن تتفاقم مع نقص التمويل، وقالت إن "
    "ملايين الأشخاص باتوا على شفا المجاعة بعد سنوات من الحرب التي دمرت البنية التحتية للبلاد.",
    "وقال المتحدث باسم مكتب تنسيق الشؤون الإنسانية إن المنظمة لم تتلق سوى ثلث المبلغ المطلوب هذا العام، "
    "داعياً المانحين إلى الوفاء بتعهداتهم في أقرب وقت ممكن لتفادي كارثة أكبر.",
]


def page(title: str = OTHER_TITLE, paragraphs: list[str] = OTHER) -> str:
    """A plain text page as a scraper saves it: the headline, a blank line, one paragraph per line."""
    return title + "\n\n" + "\n".join(paragraphs) + "\n"


def good_page(folder: Path) -> Path:
    """The good file ingested beside every hostile one: one article, checked whole in the export."""
    path = folder / "good.txt"
    path.write_text(page(TITLE, PARAS), encoding="utf-8")
    return path


# --- expectations on the export -----------------------------------------------------------------------

Export = dict[str, Any]


def _article(export: Export, page_name: str) -> dict[str, Any]:
    found = [a for a in export["articles"] if a["page"] == page_name]
    assert len(found) == 1, [a["page"] for a in export["articles"]]
    return found[0]


def stored_as(
    page_name: str, title: str | None = OTHER_TITLE, paragraphs: list[str] = OTHER
) -> Callable[[Export], None]:
    """The input was read as the text it holds: one article with exactly this title and body."""

    def check(export: Export) -> None:
        a = _article(export, page_name)
        assert a["title"] == title and a["paragraphs"] == paragraphs, a

    return check


def stored(*page_names: str) -> Callable[[Export], None]:
    """Each input became at least one article (its text is odd; only that it was kept is checked)."""

    def check(export: Export) -> None:
        for page_name in page_names:
            assert any(a["page"] == page_name for a in export["articles"]), [
                a["page"] for a in export["articles"]
            ]

    return check


INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b\u200c\u200d\ufeff\u2060"


def no_invisible_marks(page_name: str) -> Callable[[Export], None]:
    """Bidi overrides and zero-width characters are gone from what is displayed: the article's title and
    body, the titles and summaries of events and stories (the page name, an identifier, is kept as given)."""

    def check(export: Export) -> None:
        a = _article(export, page_name)
        assert a["title"] == OTHER_TITLE, a["title"]
        shown = [a["title"], *a["paragraphs"]]
        for e in export["events"]:
            shown += [e["title"], *(s["text"] for s in e["summary"])]
        shown += [st["title"] for st in export["stories"]]
        assert not any(m in text for text in shown if text for m in INVISIBLE), shown

    return check


def no_controls(page_name: str) -> Callable[[Export], None]:
    """Control characters (terminal escapes) are gone from the title; the words are kept."""

    def check(export: Export) -> None:
        title = _article(export, page_name)["title"]
        assert OTHER_TITLE in title and not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in title), title

    return check


# --- the kinds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One hostile input: how to make it, and what marsad must say (`reason`) or store (`check`)."""

    name: str
    make: Callable[[Path], Path]  # writes the input under the folder; returns the path given to ingest
    reason: str | None = None  # a report naming `reported` must contain this
    check: Callable[[Export], None] | None = None  # or: the export must pass this
    reported: str | None = None  # the name in the report, when it is not the input itself
    size: str = "small"  # "small" | "big" (memory measured) | "huge" (the slow suite)
    more: tuple[tuple[str, str], ...] = ()  # other (name, reason) reports the input must cause

    def __str__(self) -> str:
        return self.name


def _file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def _utf16_no_bom(codec: str) -> bytes:
    return page().encode(codec)


def _random_bytes() -> bytes:
    return random.Random(7).randbytes(4096)


def _mixed_encodings() -> bytes:
    return page().encode("utf-8") + page(OTHER_TITLE + " 2").encode("cp1256")


def _big_text(size: int) -> Callable[[Path], Path]:
    """A real-looking page of `size` bytes (Arabic paragraphs, repeated), written in chunks."""

    def make(folder: Path) -> Path:
        path = folder / f"page_{size // MB}mb.txt"
        chunk = ("\n".join(OTHER) + "\n").encode("utf-8") * 2000
        with path.open("wb") as f:
            written = 0
            while written < size:
                f.write(chunk)
                written += len(chunk)
        return path

    return make


def _gzip_bomb(size: int) -> Callable[[Path], Path]:
    """A small .txt.gz that decompresses to `size` bytes."""

    def make(folder: Path) -> Path:
        path = folder / f"bomb_{size // MB}mb.txt.gz"
        chunk = ("\n".join(OTHER) + "\n").encode("utf-8") * 1000
        with gzip.open(path, "wb", compresslevel=1) as f:
            for _ in range(size // len(chunk) + 1):
                f.write(chunk)
        return path

    return make


def _jsonl_huge_line(size: int) -> Callable[[Path], Path]:
    """A JSON Lines file whose second record is `size` bytes, between two good records."""

    def make(folder: Path) -> Path:
        path = folder / f"huge_line_{size // MB}mb.jsonl"
        body = " ".join(OTHER)
        with path.open("w", encoding="utf-8") as f:
            f.write(
                json.dumps(
                    {"id": "before", "title": OTHER_TITLE, "text": "\n".join(OTHER)}, ensure_ascii=False
                )
            )
            f.write('\n{"id": "huge", "text": "')
            for _ in range(size // len(body.encode()) + 1):
                f.write(body)
            f.write('"}\n')
        return path

    return make


def _one_line(size: int) -> bytes:
    words = " ".join(OTHER).split()
    out: list[str] = []
    n = 0
    while n < size:
        w = words[len(out) % len(words)]
        out.append(w)
        n += len(w.encode()) + 1
    return " ".join(out).encode("utf-8")


def _deep_html() -> bytes:
    body = "<div>" * 10_000 + "".join(f"<p>{p}</p>" for p in OTHER) + "</div>" * 10_000
    return f"<html><body><h1>{OTHER_TITLE}</h1>{body}</body></html>".encode()


def _scripts_only() -> bytes:
    return (
        "<!DOCTYPE html><html><head><style>body{color:red}</style>"
        f"<script>var t = '{OTHER[0]}';</script></head>"
        "<body><script>document.write('x')</script><style>p{}</style><noscript></noscript></body></html>"
    ).encode()


def _broken_gzip() -> bytes:
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + random.Random(3).randbytes(500)


def _truncated_gzip() -> bytes:
    data = gzip.compress(page().encode("utf-8") * 50)
    return data[: len(data) // 2]


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for uri, body in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        )
    return buffer.getvalue()


def _article_html(title: str, paragraphs: list[str]) -> bytes:
    ps = "".join(f"<p>{p}</p>" for p in paragraphs)
    head = f"<head><title>{title}</title></head>"
    return f"<html lang='ar'>{head}<body><article><h1>{title}</h1>{ps}</article></body></html>".encode()


def _truncated_warc() -> bytes:
    whole = _warc(
        [
            ("https://example.com/a", _article_html(OTHER_TITLE, OTHER)),
            ("https://example.com/b", _article_html(TITLE + " 2", PARAS)),
        ]
    )
    return whole[: len(whole) - 300]


def _jsonl_lines(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


_GOOD_RECORD = json.dumps(
    {"id": "rec-ok", "title": OTHER_TITLE, "text": "\n".join(OTHER)}, ensure_ascii=False
)


def _jsonl_broken_lines() -> bytes:
    return _jsonl_lines([_GOOD_RECORD, '{"id": "cut", "text": "نص مقطوع', "[1, 2, 3]", "", "null"])


def _jsonl_missing_fields() -> bytes:
    return _jsonl_lines(
        [
            json.dumps({"title": "بلا معرف", "text": OTHER[0]}, ensure_ascii=False),
            json.dumps({"id": "no-text", "title": "بلا نص"}, ensure_ascii=False),
            json.dumps({"id": "empty-text", "text": "   "}),
            _GOOD_RECORD,
        ]
    )


def _jsonl_wrong_types() -> bytes:
    return _jsonl_lines(
        [
            json.dumps({"id": ["a"], "text": OTHER[0]}, ensure_ascii=False),
            json.dumps({"id": "t-num", "text": 12345}),
            json.dumps({"id": "t-list", "text": ["a", "b"]}),
            json.dumps({"id": True, "text": OTHER[0]}, ensure_ascii=False),
            # wrong metadata types are dropped, the record is kept
            json.dumps(
                {
                    "id": "meta",
                    "title": 7,
                    "source": {"x": 1},
                    "published": 20210628,
                    "url": None,
                    "language": ["ar"],
                    "text": "\n".join(PARAS),
                },
                ensure_ascii=False,
            ),
        ]
    )


def _jsonl_calendar_ends() -> bytes:
    """Publication dates no news was published on, over texts whose relative dates they would anchor."""
    text = "\n".join([OTHER[0] + " وسيعقد الاجتماع غدا والخميس المقبل، كما جرى أمس.", *OTHER[1:]])
    latin = text + "\nIt ends tomorrow, not yesterday."
    return _jsonl_lines(
        [
            json.dumps({"id": "y9999", "title": OTHER_TITLE, "text": text, "published": "9999-12-31"},
                       ensure_ascii=False),
            json.dumps({"id": "y0001", "title": OTHER_TITLE, "text": latin,
                        "published": "0001-01-01T00:00:00Z"}, ensure_ascii=False),
        ]
    )  # fmt: skip


def _jsonl_huge_numbers() -> bytes:
    return _jsonl_lines(
        [
            '{"id": 1' + "0" * 5000 + ', "text": "x"}',
            '{"id": NaN, "text": "x"}',
            '{"id": Infinity, "text": "x"}',
            '{"id": 1e999, "text": "x"}',
            '{"id": 123456789012345678901234567890, "published": 1e400, "title": "'
            + OTHER_TITLE
            + '", "text": "'
            + "\\n".join(OTHER)
            + '"}',
        ]
    )


def _jsonl_surrogates() -> bytes:
    return _jsonl_lines(['{"id": "a\\ud800", "text": "x"}', '{"id": "b", "text": "x\\udc00y"}', _GOOD_RECORD])


def _deep_json() -> bytes:
    return _jsonl_lines(['{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", _GOOD_RECORD])


def _bidi_title() -> bytes:
    title = "\u202e" + OTHER_TITLE.replace(" ", " \u200b", 3) + "\u202c\u2067\u2069\ufeff"
    return page(title, [p.replace("الأمم", "الأ\u200dمم\u200e") for p in OTHER]).encode("utf-8")


def _bidi_record() -> bytes:
    rec = {
        "id": "\u202ebidi-rec",
        "title": "\u202e\u2066" + OTHER_TITLE + "\u2069\u200f",
        "text": "\n".join(OTHER),
    }
    return _jsonl_lines([json.dumps(rec, ensure_ascii=False)])


def _huge_numbers_text() -> bytes:
    paras = [
        OTHER[0] + " وبلغت الخسائر " + "9" * 5000 + " دولار، أي " + "١" * 400 + " مليار ريال.",
        OTHER[1] + " وتقدر الكلفة بـ 5 " + "مليار " * 300 + "دولار، و1.7976931348623157e308 و10^400.",
    ]
    return page(OTHER_TITLE, paras).encode("utf-8")


def _impossible_dates() -> bytes:
    paras = [
        "الرياض في 31/02/2021 - " + OTHER[0] + " يوم 30 فبراير 2020 و0/0/0000 و2021-13-45.",
        OTHER[1] + " في 99 ديسمبر 99999 و31 نوفمبر و29/2/2023 و١٥ رمضان ٠ هـ و32 يناير 1900.",
    ]
    return page(OTHER_TITLE, paras).encode("utf-8")


def _many_short_lines() -> bytes:
    return ("\n".join(f"سطر {i}" for i in range(30_000)) + "\n").encode("utf-8")


def _control_chars_title() -> bytes:
    return page("\x07\x1b[31m" + OTHER_TITLE + "\x1b[0m\x08", OTHER).encode("utf-8")


def _symlink_loop(folder: Path) -> Path:
    root = folder / "loop"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    (root / "self").symlink_to(root / "self")  # a link to itself: ELOOP
    (root / "sub" / "article.txt").write_text(page(), encoding="utf-8")
    return root


def _dangling_symlink(folder: Path) -> Path:
    root = folder / "links"
    root.mkdir()
    (root / "gone.txt").symlink_to(folder / "nowhere.txt")
    (root / "article.txt").write_text(page(), encoding="utf-8")
    return root


def _fifo_in_folder(folder: Path) -> Path:
    root = folder / "withfifo"
    root.mkdir()
    os.mkfifo(root / "pipe.txt")
    (root / "article.txt").write_text(page(), encoding="utf-8")
    return root


def _mixed_folder(folder: Path) -> Path:
    root = folder / "mixed"
    (root / "deeper").mkdir(parents=True)
    (root / "a_good.txt").write_text(page(), encoding="utf-8")
    (root / "b_empty.txt").write_bytes(b"")
    (root / "deeper" / "c_binary.txt").write_bytes(_random_bytes())
    (root / "deeper" / "d_good.jsonl").write_bytes(_jsonl_lines([_GOOD_RECORD]))
    (root / "e_scripts.html").write_bytes(_scripts_only())
    (root / ".hidden.txt").write_bytes(b"\x00\x01")
    return root


def _odd_file_name(folder: Path) -> Path:
    name = os.fsdecode(b"caf\xe9 \xff\nnews.txt")  # not UTF-8, with a newline: undecodable in any report
    path = folder / name
    path.write_text(page(), encoding="utf-8")
    return path


def _odd_empty_file(folder: Path) -> Path:
    path = folder / os.fsdecode(b"empty\xff\x1b.txt")
    path.write_bytes(b"")
    return path


def _many_reports_jsonl() -> bytes:
    return _jsonl_lines(["not json"] * 5000 + [_GOOD_RECORD])


def _bom_then_binary() -> bytes:
    return codecs.BOM_UTF8 + _random_bytes()


def _utf32() -> bytes:
    return page().encode("utf-32")  # with its BOM


def _jpeg_named_html() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + _random_bytes()


def _latin1_french() -> bytes:
    return "Le ministre a déclaré à la presse qu'il était très inquiet.\n".encode("latin-1")


KINDS: list[Kind] = [
    Kind("empty", _file("empty.txt", b""), "empty file"),
    Kind("whitespace only", _file("blank.txt", b" \t\n\r\n   \n\xc2\xa0\n"), "only whitespace"),
    Kind("random binary", _file("noise.txt", _random_bytes), "binary data"),
    Kind(
        "NUL bytes in UTF-8 text",
        _file("nul.txt", page().encode() + b"\x00\x00" + page().encode()),
        "NUL bytes",
    ),
    Kind("UTF-8 BOM then binary", _file("bom_binary.txt", _bom_then_binary), "UTF-8"),
    Kind("JPEG named .html", _file("photo.html", _jpeg_named_html), "JPEG"),
    Kind(
        "UTF-16 LE with BOM",
        _file("u16le_bom.txt", codecs.BOM_UTF16_LE + page().encode("utf-16-le")),
        check=stored_as("u16le_bom.txt"),
    ),
    Kind(
        "UTF-16 BE with BOM",
        _file("u16be_bom.txt", codecs.BOM_UTF16_BE + page().encode("utf-16-be")),
        check=stored_as("u16be_bom.txt"),
    ),
    Kind(
        "UTF-16 LE without BOM",
        _file("u16le.txt", lambda: _utf16_no_bom("utf-16-le")),
        check=stored_as("u16le.txt"),
    ),
    Kind(
        "UTF-16 BE without BOM",
        _file("u16be.txt", lambda: _utf16_no_bom("utf-16-be")),
        check=stored_as("u16be.txt"),
    ),
    Kind("UTF-32 with BOM", _file("u32.txt", _utf32), check=stored_as("u32.txt")),
    Kind("Windows-1256", _file("cp1256.txt", page().encode("cp1256")), check=stored_as("cp1256.txt")),
    Kind("mixed UTF-8 and Windows-1256 in one file", _file("mixed_enc.txt", _mixed_encodings), "not text"),
    Kind("Latin-1 French", _file("french.txt", _latin1_french), check=stored("french.txt")),
    Kind("broken gzip", _file("broken.txt.gz", _broken_gzip), "gzip"),
    Kind("truncated gzip", _file("cut.txt.gz", _truncated_gzip), "truncated gzip"),
    Kind(
        "truncated WARC",
        _file("cut.warc", _truncated_warc),
        "truncated",
        check=stored("https://example.com/a"),
    ),
    Kind(
        "HTML with scripts and styles only", _file("scripts.html", _scripts_only), "no text found in the HTML"
    ),
    Kind("HTML nested 10k levels deep", _file("deep.html", _deep_html), "nested over 255 levels deep"),
    Kind(
        "JSON Lines: broken lines",
        _file("broken.jsonl", _jsonl_broken_lines),
        "line 2: not JSON",
        check=stored_as("rec-ok"),
    ),
    Kind(
        "JSON Lines: missing fields",
        _file("missing.jsonl", _jsonl_missing_fields),
        "line 2: record has no text",
        check=stored_as("rec-ok"),
    ),
    Kind(
        "JSON Lines: wrong types",
        _file("types.jsonl", _jsonl_wrong_types),
        "line 2: text must be a string",
        check=stored_as("meta", None, PARAS),
    ),
    Kind(
        "JSON Lines: lone surrogates",
        _file("surrogates.jsonl", _jsonl_surrogates),
        "not valid Unicode",
        check=stored_as("rec-ok"),
        more=(("surrogates.jsonl", "line 2: text is not valid Unicode"),),
    ),
    Kind(
        "JSON Lines: huge numbers",
        _file("numbers.jsonl", _jsonl_huge_numbers),
        "more than 4300 digits",
        check=stored_as("123456789012345678901234567890"),
    ),
    Kind(
        "JSON Lines: nested 100k levels",
        _file("deep.jsonl", _deep_json),
        "nested too deeply",
        check=stored_as("rec-ok"),
    ),
    Kind(
        "JSON Lines: 5000 broken lines",
        _file("many.jsonl", _many_reports_jsonl),
        "more problems in",
        check=stored_as("rec-ok"),
    ),
    Kind(
        "bidi override and zero-width in title",
        _file("bidi.txt", _bidi_title),
        check=no_invisible_marks("bidi.txt"),
    ),
    Kind(
        "bidi override in a record's id and title",
        _file("bidi.jsonl", _bidi_record),
        check=no_invisible_marks("\u202ebidi-rec"),
    ),
    Kind(
        "terminal escapes in a title",
        _file("escapes.txt", _control_chars_title),
        check=no_controls("escapes.txt"),
    ),
    Kind("huge numbers in text", _file("numbers.txt", _huge_numbers_text), check=stored("numbers.txt")),
    Kind("impossible dates", _file("dates.txt", _impossible_dates), check=stored("dates.txt")),
    Kind(
        "publication dates at the ends of the calendar",
        _file("calendar.jsonl", _jsonl_calendar_ends),
        check=stored("y9999", "y0001"),
    ),
    # kept or dropped, it does not matter: finding mastheads was quadratic in such lines (hours)
    Kind("30k short lines and no sentence", _file("lines.txt", _many_short_lines)),
    Kind(
        "symbolic link loops",
        _symlink_loop,
        "too many levels of symbolic links",
        reported="self",
        check=stored_as("article.txt"),
    ),
    Kind(
        "dangling symbolic link",
        _dangling_symlink,
        "broken symbolic link",
        reported="gone.txt",
        check=stored_as("article.txt"),
    ),
    Kind(
        "FIFO in a folder",
        _fifo_in_folder,
        "not a regular file",
        reported="pipe.txt",
        check=stored_as("article.txt"),
    ),
    Kind(
        "folder of good and bad files",
        _mixed_folder,
        "empty file",
        reported="b_empty.txt",
        check=lambda e: (stored_as("a_good.txt")(e), stored_as("rec-ok")(e)),
        more=(("c_binary.txt", "binary data"), ("e_scripts.html", "no text found")),
    ),
    Kind(
        "file name not in UTF-8, with a newline", _odd_file_name, check=stored_as("caf\\xe9 \\xff\\nnews.txt")
    ),
    Kind(
        "empty file with a name not in UTF-8", _odd_empty_file, "empty file", reported="empty\\xff\\x1b.txt"
    ),
    Kind(
        "1 MB on a single line",
        _file("one_line.txt", lambda: _one_line(MB)),
        check=stored("one_line.txt"),
        size="big",
    ),
    Kind("60 MB page", _big_text(60 * MB), "larger than the 50 MB limit", size="big"),
    Kind("gzip of 200 MB", _gzip_bomb(200 * MB), "larger than the 50 MB limit", size="big"),
    Kind(
        "JSON Lines record of 60 MB",
        _jsonl_huge_line(60 * MB),
        "record larger than the 50 MB limit",
        check=stored_as("before"),
        size="big",
    ),
    Kind("200 MB page", _big_text(200 * MB), "larger than the 50 MB limit", size="huge"),
    Kind(
        "JSON Lines record of 200 MB",
        _jsonl_huge_line(200 * MB),
        "record larger than the 50 MB limit",
        check=stored_as("before"),
        size="huge",
    ),
]
