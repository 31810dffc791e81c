"""The reading pages in a real headless Chromium (Debian's, installed by scripts/install_browser.sh),
driven by Playwright against the app served by uvicorn on a free local port."""

from __future__ import annotations

import base64
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from marsad.store import Store
from marsad.store import queries as Q
from web_support import XSS_TITLE, page_article, rome_event, store_copy, xss_article

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip

if not Path(CHROMIUM).exists():
    pytest.skip("chromium not installed: run scripts/install_browser.sh", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright not installed: pip install -e .[dev]"
)
uvicorn = pytest.importorskip("uvicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_copy(tmp_path_factory, "browser")


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    s = Store.open(str(db))
    yield s
    s.close()


@pytest.fixture(scope="module")
def base_url(db: Path) -> Iterator[str]:
    from marsad.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="marsad-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # a broken install: say so rather than fail every test
            pytest.skip(f"chromium at {CHROMIUM} does not start ({exc}): run scripts/install_browser.sh")
        yield b
        b.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every alert/confirm/prompt the page opened (there must be none)."""
    return []


@pytest.fixture
def page(browser: sync_api.Browser, dialogs: list[str]) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="ar")
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def _goto(page: sync_api.Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


def test_home_renders_right_to_left(page: sync_api.Page, base_url: str) -> None:
    _goto(page, base_url + "/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    # the stylesheet loaded (from the app itself): the header has its dark background
    assert page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor") != (
        "rgba(0, 0, 0, 0)"
    )
    assert page.locator("input[name=q]").is_visible()


def _ink_extent(page: sync_api.Page, png: bytes) -> tuple[int, int, int]:
    """(width, leftmost, rightmost) column with dark pixels in a screenshot, measured by the browser."""
    data = base64.b64encode(png).decode()
    page.set_content("<canvas></canvas>")
    return tuple(
        page.evaluate(
            """async (src) => {
            const img = new Image(); img.src = src; await img.decode();
            const c = document.querySelector('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            const px = g.getImageData(0, 0, img.width, img.height).data;
            let lo = img.width, hi = -1;
            for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
                const i = 4 * (y * img.width + x);
                if (px[i] + px[i + 1] + px[i + 2] < 300) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
            }
            return [img.width, lo, hi];
        }""",
            "data:image/png;base64," + data,
        )
    )  # type: ignore[return-value]


def test_rome_event_page_reads_right_to_left(page: sync_api.Page, base_url: str, store: Store,
                                             tmp_path_factory: pytest.TempPathFactory) -> None:  # fmt: skip
    event = rome_event(store)
    _goto(page, f"{base_url}/events/{event}")
    shot = tmp_path_factory.mktemp("screenshots") / "rome_event.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # The heading's text hugs the right edge of the content area, and so do the section headings.
    boxes = page.evaluate(
        """() => {
            const main = document.querySelector('main'), cs = getComputedStyle(main);
            const m = main.getBoundingClientRect();
            const text = (el) => {
                const r = document.createRange(); r.selectNodeContents(el);
                const b = r.getBoundingClientRect(); return [b.left, b.right, b.top, b.bottom];
            };
            return {content: [m.left + parseFloat(cs.paddingLeft), m.right - parseFloat(cs.paddingRight)],
                    h1: text(document.querySelector('h1')),
                    h2: [...document.querySelectorAll('main h2')].map(text)};
        }"""
    )
    left, right = boxes["content"]
    h1_left, h1_right, top, bottom = boxes["h1"]
    assert abs(h1_right - right) <= 3, boxes
    assert h1_left >= left - 1
    assert all(abs(h[1] - right) <= 3 and h[0] - left > 50 for h in boxes["h2"]), (
        boxes
    )  # short, right-aligned
    # The pixels agree: in a strip as wide as the content, the heading's ink ends at the right edge.
    strip = page.screenshot(clip={"x": left, "y": top, "width": right - left, "height": bottom - top})
    width, ink_lo, ink_hi = _ink_extent(page, strip)
    assert ink_hi >= 0, "no ink in the heading strip"
    right_gap, left_gap = width - 1 - ink_hi, ink_lo
    assert right_gap <= 6, (width, ink_lo, ink_hi)
    assert left_gap > right_gap or left_gap <= 6, (width, ink_lo, ink_hi)  # ragged on the left, if at all


def _same_origin_links(page: sync_api.Page, base_url: str) -> set[str]:
    hrefs = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    out = set()
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:")):
            continue
        url = urljoin(page.url, href)
        if urlsplit(url).netloc == urlsplit(base_url).netloc:
            out.add(url.split("#")[0])
    return out


def test_every_link_resolves(page: sync_api.Page, base_url: str, store: Store) -> None:
    event = rome_event(store)
    story = Q.event(store, event)["story"]  # type: ignore[index]
    pages = [
        "/",
        f"/events/{event}",
        f"/articles/{page_article(store, '004_')}",
        f"/articles/{xss_article(store)}",
    ]
    if story:
        pages.append(f"/stories/{story}")
    checked: dict[str, int] = {}
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path in pages:
        _goto(page, base_url + path)
        links = _same_origin_links(page, base_url)
        assert links, path
        for url in sorted(links - set(checked)):
            checked[url] = page.request.get(url).status
    bad = {u: s for u, s in checked.items() if s >= 400}
    assert not bad, bad
    assert not failed, failed  # stylesheets, scripts: nothing the pages load is missing
    assert len(checked) > 10


def test_xss_payload_stays_inert(
    page: sync_api.Page, dialogs: list[str], base_url: str, store: Store
) -> None:
    aid = xss_article(store)
    event = Q.article(store, aid)["event"]  # type: ignore[index]
    paths = [f"/articles/{aid}", "/", "/articles", "/search?q=%D8%A7%D9%84%D9%85%D8%AA%D8%AD%D8%AF%D8%AB"]
    if event:
        paths.append(f"/events/{event}")
    for path in paths:
        _goto(page, base_url + path)
        page.wait_for_load_state("load")
        assert page.locator("img[src=x]").count() == 0, path
    _goto(page, f"{base_url}/articles/{aid}")
    assert page.locator("h1").inner_text().strip() == XSS_TITLE  # shown as text, exactly
    assert "<img src=x onerror=alert('xss-text')>" in page.locator("article .body").inner_text()
    page.locator("details.dropped summary").click()  # the rest of the page is live, nothing fired
    assert dialogs == []


def test_timeline_runs_right_to_left_on_screen(page: sync_api.Page, base_url: str, store: Store) -> None:
    story = Q.event(store, rome_event(store))["story"]  # type: ignore[index]
    if not story:
        pytest.skip("the Rome event is in no story")
    timeline = Q.story(store, story)["timeline"]  # type: ignore[index]
    dated = sorted((e["date"], e["id"]) for e in timeline if e["date"])
    if len(dated) < 2:
        pytest.skip("the story has fewer than two dated events")
    _goto(page, f"{base_url}/stories/{story}")
    assert page.locator("figure.timeline svg").is_visible()
    boxes = [page.locator(f'svg a[href="/events/{eid}"] circle').bounding_box() for _d, eid in dated]
    xs = [b["x"] for b in boxes if b]
    assert len(xs) == len(dated)
    assert xs == sorted(xs, reverse=True), (dated, xs)  # later events further left
