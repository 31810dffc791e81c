"""The REST API and the reading pages through FastAPI's TestClient: shapes, status codes, pagination,
escaping, ingest."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from marsad.store import Store
from marsad.text.tokenize import tokens
from marsad.web.app import create_app
from marsad.web.pages import FACTS_SHOWN, QUOTES_SHOWN, _fact_digest, _quote_digest
from marsad.web.timeline import layout
from web_support import XSS_RECORD, XSS_TITLE, page_article, rome_event, store_copy, xss_article

EVENT_KEYS = {"id", "title", "date", "place", "story", "articles", "summary", "quotes", "facts"}
ARTICLE_KEYS = {
    "id",
    "page",
    "title",
    "subtitle",
    "paragraphs",
    "source",
    "published",
    "language",
    "duplicate_of",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_copy(tmp_path_factory, "web")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db))) as c:
        yield c


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    s = Store.open(str(db))
    yield s
    s.close()


# --------------------------------------------------------------------------------------- pages


def test_home_is_arabic_right_to_left_with_a_search_box(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in r.text
    assert 'action="/search"' in r.text and 'name="q"' in r.text
    assert "Content-Security-Policy" in r.headers


def test_every_page_loads_only_its_own_assets(client: TestClient) -> None:
    for path in ("/", "/docs", "/events", "/entities", "/articles", "/search?q=روما"):
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html), path  # no CDN, works offline
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/marsad.js").status_code == 200


def test_rome_event_page_shows_summary_sources_quotes_facts_and_why(client: TestClient, store: Store) -> None:
    event = rome_event(store)
    kyiv = page_article(store, "004_")
    r = client.get(f"/events/{event}")
    assert r.status_code == 200
    html = r.text
    for section in ('id="summary"', 'id="sources"', 'id="quotes"', 'id="facts"', 'id="why"'):
        assert section in html
    assert f'href="/articles/{kyiv}"' in html  # summary sentences cite their articles
    assert "بوابة اوكرانيا" in html  # the outlet of page 004
    assert re.search(r'class="fact fact-(agreed|conflict|single)"', html)
    assert "<details" in html and "<dl" in html  # the explanation, rendered as key/value lists
    api = client.get(f"/api/events/{event}").json()
    for q in _quote_digest(api["quotes"]):
        assert q["text"] in html
    assert html.count("<blockquote>") == min(len(api["quotes"]), QUOTES_SHOWN)
    assert (f"و{len(api['quotes']) - QUOTES_SHOWN} قولاً آخر" in html) == (len(api["quotes"]) > QUOTES_SHOWN)


def test_event_quotes_are_its_articles_quotes_with_speakers_linked(client: TestClient, store: Store) -> None:
    """The engine's own quotes, read through each article's event (nothing written by hand): the Rome
    page quotes Blinken under his canonical name, linked to his entity page."""
    event = rome_event(store)
    api = client.get(f"/api/events/{event}").json()
    assert api["quotes"] and {q["article"] for q in api["quotes"]} <= set(api["articles"])
    blinken = [q for q in api["quotes"] if q["speaker_entity"] and "بلينك" in (q["speaker"] or "")]
    assert blinken, [q["speaker"] for q in api["quotes"]]
    entity = blinken[0]["speaker_entity"]
    assert client.get(f"/api/entities/{entity}").json()["name"] == blinken[0]["speaker"]
    html = client.get(f"/events/{event}").text
    assert f'<a href="/entities/{entity}"><bdi>{escape(blinken[0]["speaker"])}</bdi></a>' in html
    listed = client.get("/api/events", params={"limit": 100}).json()["items"]
    assert next(e for e in listed if e["id"] == event)["quotes"] == api["quotes"]
    # and his entity page says what he said, with the event it was said in
    said = client.get(f"/api/entities/{entity}").json()["quotes"]
    assert {q["text"] for q in blinken} <= {q["text"] for q in said}
    assert all(q["speaker"] == blinken[0]["speaker"] and q["event"] for q in said)
    page = client.get(f"/entities/{entity}").text
    assert escape(blinken[0]["text"]) in page and f'href="/events/{event}"' in page


def test_event_facts_show_each_sources_own_wording_of_the_number(client: TestClient, store: Store) -> None:
    event = rome_event(store)
    api = client.get(f"/api/events/{event}").json()
    worded = [f for f in api["facts"] if len(f["mentions"]) >= 2]
    assert worded, "the Rome reports agree on numbers (83 members) written in different words"
    html = client.get(f"/events/{event}").text
    for f in worded:
        assert set(f["mentions"]) <= set(f["articles"])
        for said in f["mentions"].values():
            assert f'<bdi class="said">{escape(said)}</bdi>' in html


def test_story_page_draws_a_right_to_left_timeline(client: TestClient, store: Store) -> None:
    story = client.get(f"/api/events/{rome_event(store)}").json()["story"]
    r = client.get(f"/stories/{story}")
    assert r.status_code == 200
    assert "<svg" in r.text and f'href="/events/{rome_event(store)}"' in r.text


def test_a_story_with_no_day_to_place_draws_no_empty_timeline(client: TestClient) -> None:
    """A story whose events have neither a date nor a day of first report has no axis to draw: its
    events are listed (`بلا تاريخ`) with no empty chart above them."""
    undated = []
    for s in client.get("/api/stories", params={"limit": 100}).json()["items"]:
        events = client.get(f"/api/stories/{s['id']}").json()["timeline"]
        if not any(e.get("date") or e.get("reported") for e in events):
            undated.append(s["id"])
    assert undated, "the sample pages' related-article teasers are undated one-event stories"
    for sid in undated:
        html = client.get(f"/stories/{sid}").text
        assert "<svg" not in html and "بلا تاريخ" in html


def test_timeline_puts_the_earliest_event_on_the_right() -> None:
    t = layout([
        {"id": "b", "title": "الثاني", "date": "2021-06-28", "reported": None},
        {"id": "a", "title": "الأول", "date": "2019-02-06", "reported": None},
        {"id": "c", "title": "بلا تاريخ", "date": None, "reported": None},
        {"id": "d", "title": "بتاريخ التغطية", "date": None, "reported": "2020-01-01"},
    ])  # fmt: skip
    x = {m.id: m.x for m in t.marks}
    assert x["a"] > x["d"] > x["b"]
    assert [e["id"] for e in t.undated] == ["c"]
    assert not next(m for m in t.marks if m.id == "d").exact


def test_a_crowded_timeline_labels_its_largest_events_and_no_label_overlaps_another() -> None:
    # a hundred events in two months: most are dots with a tooltip, the largest ones keep their labels
    events = [
        {"id": f"e{i:03d}", "title": f"حدث رقم {i} في القصة الطويلة",
         "date": f"2018-0{3 + i % 2}-{1 + i % 28:02d}", "reported": None,
         "articles_count": 50 if i in (7, 42) else 1}
        for i in range(100)
    ]  # fmt: skip
    t = layout(events)
    labelled = [m for m in t.marks if m.label]
    assert {"e007", "e042"} <= {m.id for m in labelled} and len(labelled) < 100
    assert len(t.marks) == 100
    for lane_y in {m.label_y for m in labelled}:
        spans = sorted((m.label_x - len(m.label) * 3.75, m.label_x + len(m.label) * 3.75) for m in labelled
                       if m.label_y == lane_y)  # fmt: skip
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "labels overlap"
    assert all(len(m.label) * 3.75 <= m.label_x <= t.width - len(m.label) * 3.75 for m in labelled)


def test_article_page_shows_dropped_lines_with_reasons(client: TestClient, store: Store) -> None:
    aid = page_article(store, "000_")
    api = client.get(f"/api/articles/{aid}").json()
    assert api["dropped"], "page 000 has captions and related blocks to drop"
    assert all(d["reason"] for d in api["dropped"])
    html = client.get(f"/articles/{aid}").text
    assert '<details class="dropped">' in html
    assert "تعليق صورة" in html  # the reason "caption", in words


def _terms_shown(html: str) -> list[list[str]]:
    """The words each `shared_terms` entry of a page's explanations shows, in page order."""
    blocks = re.findall(r'<code dir="ltr">shared_terms</code></dt><dd>(.*?)</dd>', html, re.S)
    return [re.findall(r"<li><bdi>([^<]*)</bdi>", b) for b in blocks]


def _keys(explanation: object) -> list[list[str]]:
    if isinstance(explanation, dict):
        own = [explanation["shared_terms"]] if "shared_terms" in explanation else []
        return own + [k for key, v in explanation.items() if key != "shared_terms" for k in _keys(v)]
    return [k for v in explanation for k in _keys(v)] if isinstance(explanation, list) else []


def test_why_shows_the_shared_words_as_the_article_writes_them(client: TestClient, store: Store) -> None:
    """The index compares stems (`ارهاب`, `عراق`, `#83`); the API gives them as they are, and a
    reader of the pages sees the article's own words (`الإرهابي`, `العراق`, `83`)."""
    event = rome_event(store)
    rewritten = 0
    for source in client.get(f"/api/events/{event}").json()["sources"]:
        keys = _keys(source["explanation"])
        if not keys:
            continue
        art = client.get(f"/api/articles/{source['id']}").json()
        words = set(tokens("\n".join([art["title"] or "", art["subtitle"] or "", *art["paragraphs"]])))
        shown = _terms_shown(client.get(f"/articles/{source['id']}").text)
        assert [len(s) for s in shown] == [len(k) for k in keys]
        for key_list, shown_list in zip(keys, shown, strict=True):
            assert all(w in words for w in shown_list), (key_list, shown_list)
            rewritten += sum(k != w for k, w in zip(key_list, shown_list, strict=True))
    assert rewritten > 3
    event_page = _terms_shown(client.get(f"/events/{event}").text)
    assert event_page and all(event_page)


def test_xss_payload_is_escaped_everywhere(client: TestClient, store: Store) -> None:
    aid = xss_article(store)
    event = client.get(f"/api/articles/{aid}").json()["event"]
    assert client.get(f"/api/articles/{aid}").json()["title"] == XSS_TITLE
    pages = ["/", f"/articles/{aid}", "/articles", "/search?q=المتحدث+الاجتماع", "/search?q=<script>"]
    if event:
        pages.append(f"/events/{event}")
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
    article_html = client.get(f"/articles/{aid}").text
    assert "&lt;script&gt;alert(" in article_html
    assert 'href="javascript:' not in article_html
    assert XSS_RECORD["url"].replace("'", "&#39;") in article_html  # shown as text, not as a link


# --------------------------------------------------------------------------------------- API


def test_openapi_document_and_docs_page(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/events", "/api/events/{event_id}",
                 "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
                 "/api/search", "/api/ingest"):  # fmt: skip
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/events/{event_id}" in docs.text


@pytest.mark.parametrize("kind", ["stories", "events", "articles", "entities"])
def test_unknown_id_is_404(client: TestClient, kind: str) -> None:
    r = client.get(f"/api/{kind}/no-such-id")
    assert r.status_code == 404
    assert "no-such-id" in r.json()["detail"]
    page = client.get(f"/{kind}/no-such-id")
    assert page.status_code == 404 and 'dir="rtl"' in page.text


def test_lists_are_paginated_with_totals(client: TestClient, store: Store) -> None:
    total = store.counts().articles
    first = client.get("/api/articles?limit=3&offset=0").json()
    second = client.get("/api/articles?limit=3&offset=3").json()
    assert first["total"] == second["total"] == total
    assert len(first["items"]) == 3 and first["limit"] == 3 and second["offset"] == 3
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert ARTICLE_KEYS <= set(first["items"][0])
    assert client.get(f"/api/articles?limit=3&offset={total}").json()["items"] == []
    for kind in ("stories", "events", "entities"):
        page = client.get(f"/api/{kind}?limit=1").json()
        assert page["total"] >= 1 and len(page["items"]) == 1, kind


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=abc", "offset=-1", "type=CITY"])
def test_bad_parameters_are_422(client: TestClient, query: str) -> None:
    path = "/api/entities" if query.startswith("type") else "/api/articles"
    assert client.get(f"{path}?{query}").status_code == 422


def test_search_needs_a_query(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search?q=").status_code == 422


def test_stories_come_latest_event_first(client: TestClient) -> None:
    items = client.get("/api/stories?limit=100").json()["items"]
    dates = [s["latest_date"] for s in items]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated  # stories with no dated event come last
    assert all(s["events_count"] == len(s["events"]) for s in items)


def test_rome_event_has_the_export_shape(client: TestClient, store: Store) -> None:
    kyiv = page_article(store, "004_")
    article = client.get(f"/api/articles/{kyiv}").json()
    event = client.get(f"/api/events/{article['event']}").json()
    assert EVENT_KEYS <= set(event)
    assert kyiv in event["articles"]
    assert {s["id"] for s in event["sources"]} == set(event["articles"])
    assert all(isinstance(s["explanation"], dict) for s in event["sources"])
    listed = client.get(f"/api/events?story={event['story']}&limit=100").json()["items"]
    assert event["id"] in [e["id"] for e in listed]
    assert set(listed[0]) == EVENT_KEYS


def test_entities_and_search_over_the_api(client: TestClient, store: Store) -> None:
    people = client.get("/api/entities?type=PER&limit=100").json()["items"]
    assert people and all(p["type"] == "PER" for p in people)
    detail = client.get(f"/api/entities/{people[0]['id']}").json()
    assert detail["variants"] and isinstance(detail["articles"], list)
    found = client.get("/api/search?q=بلينكين&kind=article").json()
    assert page_article(store, "003_") in [h["id"] for h in found["items"]]  # page 003 writes بلينكن
    assert found["total"] >= len(found["items"]) > 0


# --------------------------------------------------------------------------------------- ingest

RECORDS = [
    {"id": "api-rec-1", "title": "وزراء الخارجية العرب يجتمعون في القاهرة",
     "text": "اجتمع وزراء الخارجية العرب في القاهرة لبحث الأوضاع الإقليمية.\nوقال الأمين العام إن "
             "الاجتماع ناقش ملفات عدة.", "published": "2024-05-02", "source": "وكالة اختبار"},
    {"id": "api-rec-2", "title": "Ministers meet in Cairo",
     "text": "Arab foreign ministers met in Cairo on Thursday to discuss the region.\nIt ended late."},
]  # fmt: skip
JSONL = "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n"


def test_post_jsonl_adds_articles_once(client: TestClient) -> None:
    before = client.get("/api/articles?limit=1").json()["total"]
    r = client.post("/api/ingest", content=JSONL.encode(), headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["articles"] == 2 and len(body["article_ids"]) == 2 and body["skipped"] == []
    assert client.get("/api/articles?limit=1").json()["total"] == before + 2
    stored = client.get(f"/api/articles/{body['article_ids'][0]}").json()
    assert stored["title"] == RECORDS[0]["title"] and stored["source"] == "وكالة اختبار"
    hits = client.get("/api/search?q=القاهره&kind=article").json()["items"]  # ة and ه fold together
    assert body["article_ids"][0] in [h["id"] for h in hits]
    again = client.post(
        "/api/ingest", content=JSONL.encode(), headers={"content-type": "application/x-ndjson"}
    )
    assert again.json()["articles"] == 0 and again.json()["pages_unchanged"] == 2


def test_post_gzipped_jsonl_and_an_html_page(client: TestClient) -> None:
    rec = {"id": "api-rec-gz", "text": "خبر مضغوط عن اجتماع في عمّان.\nوانتهى الاجتماع مساء."}
    data = gzip.compress((json.dumps(rec, ensure_ascii=False) + "\n").encode())
    r = client.post("/api/ingest", content=data, headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and r.json()["articles"] == 1
    html = ("<!doctype html><html lang='ar'><head><title>قمة في الرياض</title></head><body><article>"
            "<h1>قمة في الرياض</h1><p>عقد القادة قمة في الرياض اليوم لبحث التعاون الاقتصادي بين دول المنطقة "
            "وسبل تعزيز التجارة البينية.</p><p>واتفق المشاركون على اجتماع جديد العام المقبل في المدينة نفسها."
            "</p></article></body></html>")  # fmt: skip
    r = client.post(
        "/api/ingest?name=riyadh.html", content=html.encode(), headers={"content-type": "text/html"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["article_ids"]
    assert client.get(f"/api/articles/{r.json()['article_ids'][0]}").json()["page"] == "riyadh.html"


@pytest.mark.parametrize(
    ("body", "ctype", "status", "reason"),
    [
        (b"", "application/x-ndjson", 400, "empty body"),
        (b'{"id": "x", "text": "nope"\n', "application/x-ndjson", 400, "not JSON"),
        (b'{"text": "no id"}\n', "application/x-ndjson", 400, "no id"),
        (b'[{"id": "x", "text": "t"}]', "application/json", 400, "JSON array"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/plain", 400, "PNG"),
        (b"<p>x</p>", "image/png", 415, "Content-Type"),
    ],
)
def test_bad_ingest_body_says_why(
    client: TestClient, body: bytes, ctype: str, status: int, reason: str
) -> None:
    r = client.post("/api/ingest", content=body, headers={"content-type": ctype})
    assert r.status_code == status, r.text
    assert reason in r.json()["detail"]


def test_too_big_body_is_413(db: Path) -> None:
    with TestClient(create_app(str(db), max_body_bytes=1000)) as small:
        r = small.post("/api/ingest", content=b'{"id": "big", "text": "' + b"x" * 2000 + b'"}\n',
                       headers={"content-type": "application/x-ndjson"})  # fmt: skip
        assert r.status_code == 413
        assert "limit" in r.json()["detail"]


def test_explanations_of_any_shape_render_as_escaped_key_value_lists() -> None:
    from marsad.web.render import make_env

    macro = make_env().get_template("_macros.html").module.value  # type: ignore[attr-defined]
    html = str(macro({"parts": {"cosine": 0.41, "date": -0.12}, "shared": {"places": ["روما"], "actors": []},
                      "note": "<b>x</b>", "new": True, "other": None}))  # fmt: skip
    assert html.count("<dl") == 3  # nested dicts become nested lists
    assert "تشابه النص" in html and '<code dir="ltr">cosine</code>' in html  # known keys in words
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert "نعم" in html and "روما" in html


def test_counts_agree_with_their_noun_as_arabic_does() -> None:
    from marsad.web.render import counted

    said = {
        n: re.sub(r"</?bdi>", "", str(counted(n, "article")))
        for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 1234)
    }
    assert said == {
        0: "0 مقال", 1: "مقال واحد", 2: "مقالان", 3: "3 مقالات", 10: "10 مقالات", 11: "11 مقالاً",
        99: "99 مقالاً", 100: "100 مقال", 102: "102 مقال", 103: "103 مقالات", 1234: "1,234 مقالاً",
    }  # fmt: skip
    assert str(counted(5, "page")) == "<bdi>5</bdi> صفحات"  # the number isolated for bidi
    assert str(counted(2, "article", "gen")) == "مقالين"  # في مقالين, not في مقالان


def test_home_counts_read_as_arabic(client: TestClient) -> None:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get("/").text))
    counts = re.search(r"في المرصد (.+?) من (.+?)\.", text)
    assert counts is not None, text[:500]
    # the sample pages and an XSS record: 3-10 pages take the plural (not `6 صفحة`)
    assert re.fullmatch(r"(?:[3-9]|10) صفحات", counts.group(2)), counts.group(2)
    assert "في مقالان" not in text and "من صفحتان" not in text
    assert re.fullmatch(r"مقال واحد|مقالان|(?:[3-9]|10) مقالات|\d+ مقالاً|\d+ مقال", counts.group(1))


def test_a_big_events_page_shows_a_few_quotes_of_each_speaker() -> None:
    said = [{"speaker": "أ", "speaker_entity": "en-a", "text": f"a{i}"} for i in range(30)]
    said += [{"speaker": "ب", "speaker_entity": None, "text": f"b{i}"} for i in range(5)]
    said += [{"speaker": None, "speaker_entity": None, "text": f"n{i}"} for i in range(50)]
    said += [{"speaker": f"ج{i}", "speaker_entity": f"en-c{i}", "text": f"c{i}"} for i in range(40)]
    shown = _quote_digest(said)
    assert len(shown) == QUOTES_SHOWN
    assert [q["text"] for q in shown[:6]] == ["a0", "a1", "a2", "b0", "b1", "b2"]  # the most quoted first
    assert all(q["speaker"] for q in shown)  # unknown speakers come last, here not at all
    assert _quote_digest(said[:QUOTES_SHOWN]) == said[:QUOTES_SHOWN]  # a small event shows every quote
    few = said[:35] + [{"speaker": "أ", "speaker_entity": "en-a", "text": f"a{i}"} for i in range(30, 50)]
    shown = _quote_digest(few)  # two speakers: more of each fill the page
    assert len(shown) == QUOTES_SHOWN and {"b0", "b2", "a3", "a36"} <= {q["text"] for q in shown}


def test_a_big_events_page_shows_the_numbers_several_sources_give_first() -> None:
    facts = [{"text": f"s{i}", "status": "single", "articles": ["a"]} for i in range(30)]
    facts += [
        {"text": f"g{i}", "status": "agreed", "articles": ["a", "b", *["c"] * (i % 3)]} for i in range(30)
    ]
    facts += [{"text": "c", "status": "conflict", "articles": ["a", "b"]}]
    shown = [f["text"] for f in _fact_digest(facts)]
    assert len(shown) == FACTS_SHOWN and shown[0] == "c"
    assert set(shown[1:31]) == {f"g{i}" for i in range(30)} and shown[1] == "g2"  # most sources first
    assert _fact_digest(facts[:FACTS_SHOWN]) == facts[:FACTS_SHOWN]
