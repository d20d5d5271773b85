"""The TimelineJS export as TimelineJS 3.9 itself shows it, in a real headless Chromium.

Both services run as real processes with a token file (so reads are public and exports carry
CORS). A page on another origin (a second loopback port) loads the vendored library
(tests/browser/vendor/timelinejs, no CDN) and hands it the export's URL, exactly as a site
embedding a Coopline timeline would: the browser fetches the export cross-origin.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import httpx
import pytest

from shared.auth import token_line
from tests.browser.conftest import require_chromium
from tests.conftest import make_record
from tests.harness import ROOT, Service

VENDOR = Path(__file__).with_name("vendor") / "timelinejs"
SCREENSHOT = ROOT / "docs" / "exports-timelinejs.png"
WRITER, READER = "tl-writer-0123456789abcdef", "tl-reader-0123456789abcdef"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>embed</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="css/timeline.css"><script src="js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1200px; height: 650px"></div>
<script>
  const q = new URLSearchParams(location.search);
  window.tlState = "loading";
  window.timeline = new TL.Timeline("timeline", q.get("src"),
    {language: q.get("lang"), script_path: new URL("js/", location.href).href, font: null,
     hash_bookmark: false, timenav_height_percentage: 50});
  window.timeline.on("loaded", () => { window.tlState = "loaded"; });
</script></body></html>
"""


def party(*codes):
    return [{"name": f"기관-{c}", "name_en": f"Org {c}", "country": c} for c in codes]


def records(static: str) -> list[dict]:
    kr_by = party("KR", "BY")
    return [
        make_record(id="tl-hostile", kind="signing", date="2014-09?", participants=kr_by,
                    title=f'<b>굵게</b><img src="{static}/leak-title.png">', title_en="<b>Bold</b> title",
                    summary=f'<img src="{static}/leak-summary.png"> <b>요약</b>'),
        make_record(id="tl-planned", kind="meeting", date="2030-05", status="planned", participants=kr_by,
                    title="제14차 공동위원회", title_en="14th joint committee"),
        make_record(id="tl-cancelled", kind="forum", date="2019-03", status="cancelled", participants=kr_by,
                    title="취소된 포럼"),
        make_record(id="tl-years", kind="project", date="2014/2015", participants=kr_by, title="공동 연구 사업"),
        make_record(id="tl-months", kind="visit", date="2011-06?/2011-10?", participants=kr_by, title="대표단 방문"),
        make_record(id="tl-open", kind="project", date="2011/..", participants=kr_by, title="장기 협력 프로그램"),
        make_record(id="tl-domestic", kind="forum", date="2016-04-21", participants=party("KR"), title="과학의 날"),
        make_record(id="tl-denmark", kind="visit", date="2018-10-01", participants=party("KR", "DK"), title="덴마크 방문"),
    ]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    requested: list[str]

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        self.requested.append(self.path)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The embedding page and the library, on a loopback port of their own (another origin)."""
    require_chromium()
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(VENDOR, root, dirs_exist_ok=True)
    (root / "embed.html").write_text(PAGE, encoding="utf-8")
    handler = type("Handler", (_Quiet,), {"requested": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_address[1]}", requested=handler.requested)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def services(tmp_path_factory, site):
    tmp = tmp_path_factory.mktemp("tl")
    tokens = tmp / "tokens.txt"
    tokens.write_text(f"{token_line('w', 'writer', WRITER)}\n{token_line('r', 'reader', READER)}\n")
    common = {"COOPLINE_TOKENS_FILE": str(tokens)}
    ingest = Service("ingest", {**common, "COOPLINE_STORE": f"sqlite:///{tmp}/events.db"}, tmp / "ingest.log").start()
    query = Service("query", {**common, "COOPLINE_STORE": f"sqlite:///{tmp}/projections.db",
                              "COOPLINE_INGEST_URL": ingest.url, "COOPLINE_INGEST_TOKEN": READER}, tmp / "query.log")
    try:
        query.start()
        r = httpx.post(f"{ingest.url}/v1/events/batch", json=records(site.url), timeout=60,
                       headers={"Authorization": f"Bearer {WRITER}"})
        assert r.status_code == 201, r.text
        head = max(item["position"] for item in r.json()["results"])
        deadline = time.monotonic() + 60
        while httpx.get(f"{query.url}/v1/countries", params={"min_position": head}, timeout=30).status_code == 503:
            assert time.monotonic() < deadline, "the query service did not catch up"
        yield query
    finally:
        query.kill()
        ingest.kill()


def render(browser, site, services, lang: str, **selection):
    """A page that embedded the export of `selection` and finished rendering it."""
    export = f"{services.url}/v1/countries/KR/timeline?" + urlencode({"format": "timelinejs", "lang": lang, **selection})
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    page.requests, page.problems = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.goto(f"{site.url}/embed.html?" + urlencode({"src": export, "lang": lang}))
    try:
        page.wait_for_function("window.tlState === 'loaded'", timeout=20000)
    except Exception:
        raise AssertionError(f"TimelineJS did not load the export: {page.problems}") from None
    return context, page


def slide(page, event_id: str):
    return page.locator(f'.tl-slide[id="{event_id}"]')


def end_day(page, event_id: str) -> list[int] | None:
    """The end date as the library itself read it (local calendar day), or None."""
    return page.evaluate("""id => {
        const e = window.timeline.config.event_dict[id].end_date;
        if (!e) return null;
        const d = new Date(e.getTime());
        return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
    }""", event_id)


def test_dyad_view_in_korean(browser, site, services):
    context, page = render(browser, site, services, "ko", partner="BY")
    try:
        # HTML in a title or summary shows as text: no <b> element, no image requested
        title = slide(page, "tl-hostile").locator(".tl-headline").first
        assert title.text_content() == f'<b>굵게</b><img src="{site.url}/leak-title.png">'
        assert "<b>요약</b>" in slide(page, "tl-hostile").locator(".tl-text-content").text_content()
        assert page.locator("#timeline b, #timeline img[src*=leak]").count() == 0
        page.wait_for_timeout(300)  # give an image load the chance it must not get
        assert not [u for u in page.requests if "leak" in u] and not [p for p in site.requested if "leak" in p]

        # status: in the marker on the time axis and on the slide
        assert page.locator("#tl-planned-marker .tl-headline").text_content().startswith("[예정] ")
        assert page.locator("#tl-cancelled-marker .tl-headline").text_content().startswith("[취소] ")
        assert page.locator("#tl-hostile-marker .tl-headline").text_content().startswith("<b>")
        page.evaluate("window.timeline.goToId('tl-planned')")
        status = slide(page, "tl-planned").locator(".coopline-status-planned")
        status.wait_for(state="visible")
        assert status.text_content() == "상태: 예정"
        page.wait_for_timeout(1500)  # let the slide's animation settle, for the picture only
        page.screenshot(path=str(SCREENSHOT))  # shown in docs/exports.md

        # readable dates in the view's language
        dates = {i: slide(page, i).locator(".tl-headline-date").first.text_content()
                 for i in ("tl-hostile", "tl-open", "tl-months", "tl-years")}
        assert dates == {"tl-hostile": "2014년 9월경", "tl-open": "2011년부터",
                         "tl-months": "2011년 6월경 ~ 2011년 10월경", "tl-years": "2014년 ~ 2015년"}

        # end dates as the library reads them: the last day of the end's known parts
        assert end_day(page, "tl-years") == [2015, 12, 31]
        assert end_day(page, "tl-months") == [2011, 10, 31]
        assert end_day(page, "tl-hostile") is None
        today = datetime.date.today()
        assert end_day(page, "tl-open") in ([today.year, today.month, today.day],
                                            [(d := today + datetime.timedelta(days=1)).year, d.month, d.day])
        assert "tl-timemarker-with-end" in page.locator("#tl-open-marker").get_attribute("class")  # a span, not a point

        # one labelled row per kind in a dyad view
        groups = page.locator(".tl-timegroup-message").all_text_contents()
        assert sorted(groups) == sorted(["협정·양해각서 체결", "공동위원회·실무그룹 회의", "포럼·회의·세미나·전시",
                                         "공동 프로젝트·프로그램·기술지원", "공식 방문·대표단"])
        assert page.problems == [], (page.problems, site.requested)
    finally:
        context.close()


def test_country_view_in_english(browser, site, services):
    context, page = render(browser, site, services, "en")
    try:
        groups = page.locator(".tl-timegroup-message").all_text_contents()
        assert sorted(groups) == ["Belarus", "Denmark", "Domestic"]  # no unlabelled row
        assert page.locator("#tl-domestic-marker").count() == 1
        assert page.locator("#tl-planned-marker .tl-headline").text_content() == "[Planned] 14th joint committee"
        assert slide(page, "tl-hostile").locator(".tl-headline").first.text_content() == "<b>Bold</b> title"
        assert page.locator("#timeline b").count() == 0
        dates = {i: slide(page, i).locator(".tl-headline-date").first.text_content()
                 for i in ("tl-hostile", "tl-open", "tl-domestic")}
        assert dates == {"tl-hostile": "c. September 2014", "tl-open": "from 2011", "tl-domestic": "April 21, 2016"}
        title = page.locator(".tl-slide-titleslide .tl-headline").first.text_content()
        assert title == "South Korea"
        assert page.problems == [], (page.problems, site.requested)
    finally:
        context.close()
