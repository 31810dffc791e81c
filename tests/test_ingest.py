"""Readers: every kind of input a scraper or a user hands us, good and bad, read or reported by name."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import page_text
from marsad.ingest import DecodeError, ReadOptions, decode_bytes, read_inputs
from marsad.model import BadInput, RawPage

PAGE_000 = page_text("000_")
LINES = [line for line in PAGE_000.splitlines() if line.strip()]
TITLE = LINES[0]  # التحالف الدولي يتعهد «هزيمة دائمة» لـ«داعش»
BODY = [line for line in LINES if len(line) > 200][:3]  # three real paragraphs of the article
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def read(*paths: Path | str, opts: ReadOptions | None = None) -> list[RawPage | BadInput]:
    return list(read_inputs([str(p) for p in paths], opts or ReadOptions()))


def only_page(results: list[RawPage | BadInput]) -> RawPage:
    assert len(results) == 1 and isinstance(results[0], RawPage), results
    return results[0]


def only_bad(results: list[RawPage | BadInput]) -> BadInput:
    assert len(results) == 1 and isinstance(results[0], BadInput), results
    return results[0]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def html_doc(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html lang="ar" dir="rtl"><head>{head}</head><body>{body}</body></html>'


def article_html() -> str:
    head = (
        f"<title>{TITLE} | الشرق الأوسط</title>"
        '<meta property="og:site_name" content="الشرق الأوسط">'
        '<meta property="article:published_time" content="2021-06-29T08:00:00+00:00">'
    )
    nav = "<nav><a href='/'>الرئيسية</a> | <a href='/world'>العالم</a></nav>"
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return html_doc(
        f"{nav}<article><h1>{TITLE}</h1>{paragraphs}</article><footer>جميع الحقوق محفوظة</footer>", head
    )


def jsonl(*records: object) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def warc_bytes(records: list[tuple[str, bytes, str]], compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for uri, body, content_type in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        writer.write_record(record)
    return buffer.getvalue()


# --- encodings -----------------------------------------------------------------------------------------


def test_utf8_text_page_is_read_as_saved(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "000.txt", PAGE_000.encode("utf-8"))))
    assert page.text == PAGE_000
    assert (page.page, page.kind, page.origin) == ("000.txt", "text", str(tmp_path / "000.txt"))


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + PAGE_000.encode("utf-8"))))
    assert page.text == PAGE_000


def test_utf16_le_with_bom(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "le.txt", b"\xff\xfe" + PAGE_000.encode("utf-16-le"))))
    assert page.text == PAGE_000


def test_utf16_be_with_bom(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "be.txt", b"\xfe\xff" + PAGE_000.encode("utf-16-be"))))
    assert page.text == PAGE_000


def test_utf16_without_bom_is_recognised_by_its_nul_pattern(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "le.txt", PAGE_000.encode("utf-16-le"))))
    assert page.text == PAGE_000


def test_windows_1256_arabic_decodes_to_the_exact_line(tmp_path: Path) -> None:
    line = BODY[0]  # أكد التحالف الدولي الذي تقوده الولايات المتحدة لهزيمة «داعش»، ...
    data = line.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data, "old.txt") == line
    assert only_page(read(write(tmp_path / "old.txt", data))).text == line


def test_windows_1256_html_mislabelled_as_latin1_is_still_arabic(tmp_path: Path) -> None:
    html = html_doc("".join(f"<p>{p}</p>" for p in BODY), '<meta charset="iso-8859-1">')
    page = only_page(read(write(tmp_path / "old.html", html.encode("cp1256"))))
    assert BODY[0] in page.text


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    # ISO-8859-6 bytes also decode under Windows-1256, into the wrong letters: the meta tag decides.
    html = html_doc(
        "".join(f"<p>{p}</p>" for p in ["نص عربي قصير للتجربة"] * 3), '<meta charset="iso-8859-6">'
    )
    page = only_page(read(write(tmp_path / "iso.html", html.encode("iso-8859-6"))))
    assert "نص عربي قصير للتجربة" in page.text


def test_crlf_newlines_become_lf(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "crlf.txt", "\r\n".join(LINES[:3]).encode("utf-8"))))
    assert page.text == "\n".join(LINES[:3])


def test_decode_bytes_raises_decode_error_with_a_reason() -> None:
    with pytest.raises(DecodeError, match=r"binary data \(NUL bytes at offset 5\)"):
        decode_bytes(b"hello\x00world", "posted page")


# --- bad files -----------------------------------------------------------------------------------------


def test_empty_file_is_reported(tmp_path: Path) -> None:
    bad = only_bad(read(write(tmp_path / "empty.txt", b"")))
    assert bad == BadInput(str(tmp_path / "empty.txt"), "empty file")


def test_whitespace_only_file_is_reported(tmp_path: Path) -> None:
    bad = only_bad(read(write(tmp_path / "blank.txt", b" \n\t\r\n  \n")))
    assert bad.reason == "file holds only whitespace"


def test_png_is_reported_as_binary(tmp_path: Path) -> None:
    bad = only_bad(read(write(tmp_path / "photo.txt", PNG_HEADER + bytes(200))))
    assert bad.reason == "binary data (a PNG image)"


def test_random_bytes_are_reported_as_binary(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096)
    bad = only_bad(read(write(tmp_path / "noise.bin", data)))
    assert bad.reason.startswith("binary data (NUL bytes at offset ")


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes(b for b in random.Random(3).randbytes(4096) if b != 0)
    bad = only_bad(read(write(tmp_path / "noise.dat", data)))
    assert bad.reason.startswith("binary data (") and "control characters" in bad.reason


def test_nul_bytes_in_text_are_reported(tmp_path: Path) -> None:
    data = PAGE_000.encode("utf-8")[:40] + b"\x00\x00" + PAGE_000.encode("utf-8")[40:]
    bad = only_bad(read(write(tmp_path / "nul.txt", data)))
    assert bad.reason == "binary data (NUL bytes at offset 40)"


def test_invalid_utf16_after_bom_is_reported(tmp_path: Path) -> None:
    bad = only_bad(read(write(tmp_path / "half.txt", b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00\xd8")))
    assert bad.reason.startswith("invalid UTF-16LE after its byte order mark")


def test_oversized_file_is_reported_and_skipped(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", PAGE_000.encode("utf-8"))
    small = write(tmp_path / "small.txt", TITLE.encode("utf-8"))
    results = read(tmp_path, opts=ReadOptions(max_bytes=1500))
    assert results[0] == BadInput(str(big), f"file larger than the 1.5 kB limit ({_kb(big)})")
    assert only_page(results[1:]).text == TITLE and results[1].origin == str(small)  # type: ignore[union-attr]


def test_oversized_gzip_is_measured_after_decompression(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 100_000))
    bad = only_bad(read(path, opts=ReadOptions(max_bytes=50_000)))
    assert bad.reason == "file larger than the 50 kB limit"


def test_default_limit_is_50_mb() -> None:
    assert ReadOptions().max_bytes == 50_000_000


def test_missing_path_is_reported() -> None:
    bad = only_bad(read("/nonexistent/marsad/page.txt"))
    assert bad.reason == "no such file or folder"


# --- gzip and JSON Lines -------------------------------------------------------------------------------


def test_gzipped_text_page_is_read(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "000.txt.gz", gzip.compress(PAGE_000.encode("utf-8")))))
    assert page.text == PAGE_000 and page.page == "000.txt.gz"


def test_jsonl_records_become_record_pages(tmp_path: Path) -> None:
    first_record = {
        "id": "a1",
        "text": "\n".join(BODY),
        "title": TITLE,
        "source": "الشرق الأوسط",
        "published": "2021-06-29",
        "url": "https://example.com/a1",
        "language": "ar",
    }
    data = jsonl(first_record, {"id": 2, "text": BODY[1]})
    first, second = read(write(tmp_path / "articles.jsonl", data))
    assert isinstance(first, RawPage) and isinstance(second, RawPage)
    assert (first.page, first.kind, first.is_record, first.text) == ("a1", "record", True, "\n".join(BODY))
    assert (first.title, first.source, first.published, first.url, first.language) == (
        TITLE, "الشرق الأوسط", "2021-06-29", "https://example.com/a1", "ar",
    )  # fmt: skip
    assert (second.page, second.title) == ("2", None)


def test_truncated_jsonl_gz_keeps_earlier_records_then_reports(tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": BODY[i % len(BODY)] + f" ({i})"} for i in range(400)]
    # Compressed without a dictionary window to speak of, so half the file holds many whole records.
    data = gzip.compress(jsonl(*records), compresslevel=1)
    path = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    results = read(path)
    pages = [r for r in results if isinstance(r, RawPage)]
    assert len(pages) > 10
    assert [p.page for p in pages] == [f"r{i}" for i in range(len(pages))]
    assert pages[-1].text == records[len(pages) - 1]["text"]
    assert results[-1] == BadInput(str(path), f"truncated gzip: the data ends inside line {len(pages) + 1}")
    assert len(results) == len(pages) + 1


def test_jsonl_line_not_json_skips_only_that_line(tmp_path: Path) -> None:
    data = (
        jsonl({"id": "a", "text": BODY[0]})
        + b'{"id": "b", "text" "missing colon"}\n'
        + jsonl({"id": "c", "text": BODY[1]})
    )
    path = write(tmp_path / "mixed.jsonl", data)
    a, bad, c = read(path)
    assert isinstance(a, RawPage) and isinstance(c, RawPage) and (a.page, c.page) == ("a", "c")
    assert bad == BadInput(str(path), "line 2: not JSON (Expecting ':' delimiter at col 20)")


def test_jsonl_record_without_text_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "notext.jsonl", jsonl({"id": "a", "title": TITLE}, {"id": "b", "text": BODY[0]}))
    bad, page = read(path)
    assert bad == BadInput(str(path), "line 1: record has no text or html")
    assert isinstance(page, RawPage) and page.page == "b"


def test_jsonl_record_without_id_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path / "noid.jsonl",
        jsonl({"id": "a", "text": BODY[0]}, {"text": BODY[1]}, {"id": "", "text": "x"}),
    )
    page, no_id, empty_id = read(path)
    assert isinstance(page, RawPage)
    assert no_id == BadInput(str(path), "line 2: record has no id")
    assert empty_id == BadInput(str(path), "line 3: record has no id")


def test_jsonl_line_that_is_not_an_object_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "array.jsonl", b'["a", "b"]\n\n' + jsonl({"id": "x", "text": BODY[0]}))
    bad, page = read(path)
    assert bad == BadInput(str(path), "line 1: not a JSON object but an array")
    assert isinstance(page, RawPage)


def test_jsonl_record_larger_than_the_limit_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "long.jsonl", jsonl({"id": "big", "text": PAGE_000}, {"id": "ok", "text": TITLE}))
    bad, page = read(path, opts=ReadOptions(max_bytes=2000))
    assert bad == BadInput(str(path), "line 1: record larger than the 2 kB limit")
    assert isinstance(page, RawPage) and page.page == "ok"


def test_jsonl_in_utf16_with_bom_is_read(tmp_path: Path) -> None:
    data = jsonl({"id": "u1", "text": BODY[0]}, {"id": "u2", "text": BODY[1]}).decode("utf-8")
    pages = read(write(tmp_path / "wide.jsonl", data.encode("utf-16")))
    assert [(p.page, p.text) for p in pages if isinstance(p, RawPage)] == [("u1", BODY[0]), ("u2", BODY[1])]


def test_jsonl_line_in_windows_1256_is_decoded(tmp_path: Path) -> None:
    line = json.dumps({"id": "old", "text": BODY[0]}, ensure_ascii=False).encode("cp1256")
    path = write(tmp_path / "old.jsonl", jsonl({"id": "new", "text": BODY[1]}) + line + b"\n")
    assert [p.text for p in read(path) if isinstance(p, RawPage)] == [BODY[1], BODY[0]]


def test_jsonl_record_with_html_only_gets_its_text_extracted(tmp_path: Path) -> None:
    path = write(tmp_path / "html.jsonl", jsonl({"id": "h", "html": article_html()}))
    page = only_page(read(path))
    assert page.kind == "record" and BODY[0] in page.text and "جميع الحقوق محفوظة" not in page.text
    assert page.published == "2021-06-29"


# --- HTML ----------------------------------------------------------------------------------------------


def test_html_page_gets_main_text_and_metadata(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "story.html", article_html().encode("utf-8"))))
    assert page.kind == "html" and page.page == "story.html"
    for paragraph in BODY:
        assert paragraph in page.text.splitlines()  # one paragraph per line
    assert "الرئيسية" not in page.text and "جميع الحقوق محفوظة" not in page.text
    assert (page.title, page.published, page.source, page.language) == (
        TITLE,
        "2021-06-29",
        "الشرق الأوسط",
        "ar",
    )


def test_broken_html_still_extracts_text(tmp_path: Path) -> None:
    broken = f"<html><body><div><p>{BODY[0]}<p>{BODY[1]}<div><b>{BODY[2]}"  # nothing is ever closed
    page = only_page(read(write(tmp_path / "broken.htm", broken.encode("utf-8"))))
    assert page.text.splitlines() == BODY


def test_html_fragment_falls_back_to_its_visible_text(tmp_path: Path) -> None:
    page = only_page(read(write(tmp_path / "frag.html", f"<p>{TITLE}</p>".encode())))
    assert page.text == TITLE


def test_script_content_is_not_in_html_text(tmp_path: Path) -> None:
    script = "<script>var tracker = 'SCRIPT_MARKER'; document.write('<p>SCRIPT_MARKER</p>');</script>"
    style = "<style>p { color: red } /* STYLE_MARKER */</style>"
    body = f"<article>{script}<p>{BODY[0]}</p>{style}<p>{BODY[1]}{script}</p><p>{BODY[2]}</p></article>"
    page = only_page(read(write(tmp_path / "scripts.html", html_doc(body, script + style).encode("utf-8"))))
    assert "SCRIPT_MARKER" not in page.text and "STYLE_MARKER" not in page.text
    assert BODY[0] in page.text and BODY[2] in page.text


def test_html_without_text_is_reported(tmp_path: Path) -> None:
    bad = only_bad(
        read(write(tmp_path / "app.html", html_doc("<div id='root'></div><script>x()</script>").encode()))
    )
    assert bad.reason == "no text found in the HTML"


# --- WARC ----------------------------------------------------------------------------------------------


def test_warc_html_response_record_is_a_page(tmp_path: Path) -> None:
    uri = "https://aawsat.com/home/article/3054921"
    data = warc_bytes([(uri, article_html().encode("utf-8"), "text/html; charset=utf-8")])
    page = only_page(read(write(tmp_path / "crawl.warc.gz", data)))
    assert (page.page, page.url, page.kind, page.title) == (uri, uri, "html", TITLE)
    assert BODY[0] in page.text


def test_warc_skips_non_html_and_honours_http_charset(tmp_path: Path) -> None:
    html = article_html().replace("<head>", "<head><meta charset='iso-8859-1'>").encode("cp1256")
    data = warc_bytes(
        [("https://x.test/logo.png", PNG_HEADER, "image/png"),
         ("https://x.test/a", html, "text/html; charset=windows-1256")],
        compress=False,
    )  # fmt: skip
    page = only_page(read(write(tmp_path / "crawl.warc", data)))
    assert page.page == "https://x.test/a" and BODY[0] in page.text


def test_broken_warc_is_reported(tmp_path: Path) -> None:
    bad = only_bad(read(write(tmp_path / "fake.warc", b"this is not a WARC file\n" * 5)))
    assert bad.reason.startswith("not a WARC file (it starts with b'this is not")


def test_warc_without_html_responses_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path / "images.warc.gz", warc_bytes([("https://x.test/logo.png", PNG_HEADER, "image/png")])
    )
    reason = "no HTML response records, only 1 other record (requests, images, metadata...)"
    assert only_bad(read(path)) == BadInput(str(path), reason)


def test_truncated_warc_gz_keeps_earlier_pages_then_reports(tmp_path: Path) -> None:
    records = [(f"https://x.test/{i}", article_html().encode("utf-8"), "text/html") for i in range(3)]
    data = warc_bytes(records)
    path = write(tmp_path / "cut.warc.gz", data[: len(data) - 200])
    results = read(path)
    assert [r.page for r in results[:-1] if isinstance(r, RawPage)] == [
        "https://x.test/0",
        "https://x.test/1",
    ]
    assert results[-1] == BadInput(str(path), "truncated gzip: the data ends inside record 3")


def test_warc_record_cut_short_is_reported(tmp_path: Path) -> None:
    data = warc_bytes(
        [(f"https://x.test/{i}", article_html().encode("utf-8"), "text/html") for i in range(2)], False
    )
    results = read(write(tmp_path / "cut.warc", data[:-300]))
    assert isinstance(results[0], RawPage) and results[0].page == "https://x.test/0"
    assert (
        isinstance(results[1], BadInput)
        and results[1].reason == "record https://x.test/1: truncated, the WARC ends inside it"
    )


# --- folders and stdin ---------------------------------------------------------------------------------


def test_folder_recursion_reads_every_good_file_and_reports_every_bad_one(tmp_path: Path) -> None:
    write(tmp_path / "b" / "deep" / "page.txt", PAGE_000.encode("utf-8"))
    write(tmp_path / "b" / "empty.txt", b"")
    write(tmp_path / "a.html", article_html().encode("utf-8"))
    write(tmp_path / "c.jsonl", jsonl({"id": "r1", "text": BODY[0]}, {"id": "r2"}))
    write(tmp_path / "d" / "photo.png", PNG_HEADER)
    write(tmp_path / "e.txt", BODY[1].encode("cp1256"))
    write(tmp_path / ".hidden" / "skip.txt", b"hidden folder")
    write(tmp_path / ".skip.txt", b"hidden file")
    results = read(tmp_path)
    seen = [
        (type(r).__name__, r.page if isinstance(r, RawPage) else os.path.relpath(r.name, tmp_path))
        for r in results
    ]
    assert seen == [
        ("RawPage", "a.html"),
        ("RawPage", "page.txt"),
        ("BadInput", "b/empty.txt"),
        ("RawPage", "r1"),
        ("BadInput", "c.jsonl"),
        ("BadInput", "d/photo.png"),
        ("RawPage", "e.txt"),
    ]  # fmt: skip
    assert results == read(tmp_path)  # the same order every time


def test_read_inputs_is_lazy(tmp_path: Path) -> None:
    write(tmp_path / "one.txt", TITLE.encode("utf-8"))
    stream = read_inputs([str(tmp_path)])
    (tmp_path / "one.txt").unlink()  # nothing has been read yet
    assert list(stream) == []


def test_one_failing_file_does_not_stop_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.ingest.pages

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(marsad.ingest.pages, "extract_html", explode)
    write(tmp_path / "a.html", article_html().encode("utf-8"))
    write(tmp_path / "b.txt", TITLE.encode("utf-8"))
    bad, page = read(tmp_path)
    assert bad == BadInput(str(tmp_path / "a.html"), "unexpected RuntimeError: boom (please report this)")
    assert isinstance(page, RawPage) and page.text == TITLE


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, PAGE_000.encode("cp1256"))
    page = only_page(read("-"))
    assert (page.page, page.kind, page.text) == ("stdin", "text", PAGE_000)


def test_stdin_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"\n\n" + jsonl({"id": "s1", "text": BODY[0]}, {"id": "s2", "text": BODY[1]}))
    pages = read("-")
    assert [(p.page, p.kind) for p in pages if isinstance(p, RawPage)] == [("s1", "record"), ("s2", "record")]


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, article_html().encode("utf-8"))
    page = only_page(read("-"))
    assert page.kind == "html" and BODY[0] in page.text


def test_stdin_empty_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    assert only_bad(read("-")) == BadInput("stdin", "empty input")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page, record = read(
        write(tmp_path / "a_page", article_html().encode("utf-8")),
        write(tmp_path / "b_dump.json", jsonl({"id": "j", "text": BODY[0]})),
    )
    assert isinstance(page, RawPage) and page.kind == "html"
    assert isinstance(record, RawPage) and record.kind == "record"


def _kb(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1000:.0f} kB" if size >= 10_000 else f"{size / 1000:.1f} kB"
