"""The web page in a real headless Chromium (Debian's, never a downloaded one), against both
services running as real processes with the seed data loaded as `make run` loads it: the
records, then their corrections and retractions (fixtures in conftest.py). The page's working tools (filters, as-of, undated group, time
axis, the first view without JavaScript) are tested in test_web_page_tools.py.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode, urlsplit

from services.query.projections.organisations import derived_id
from shared.web import SECURITY_HEADERS
from tests.browser.conftest import HOSTILE, HOSTILE_TITLE, seed_records
from tests.browser.pages import address, open_view, wait_view
from tests.harness import ROOT

SCREENSHOT = ROOT / "docs" / "screenshot.png"


def test_belarus_korea_lists_the_seeded_events_and_the_chart(page, services):
    items = services.api.get("/v1/countries/BY/timeline", params={"partner": "KR", "limit": 1000}).json()["items"]
    seeded = [r for r in seed_records() if {"BY", "KR"} <= {p["country"].upper() for p in r["participants"]}]
    assert len(items) == len(seeded) == 54

    open_view(page, "/?country=BY&partner=KR")
    events = page.locator("#timeline .event")
    assert events.count() == len(items)
    assert [events.nth(i).get_attribute("data-id") for i in range(events.count())] == [i["id"] for i in items]
    assert page.locator("#timeline .event .title").all_text_contents() == [i["title"] for i in items]
    assert page.locator("#timeline .event .edtf").all_text_contents() == [i["date"] for i in items]
    assert page.locator("#page-heading").text_content() == "벨라루스 – 대한민국"
    assert page.locator("#country").input_value() == "BY" and page.locator("#partner").input_value() == "KR"

    # the chart: one bar per sector, with the API's counts, drawn with a non-zero width
    sectors = services.api.get("/v1/sectors", params={"country": "BY", "partner": "KR"}).json()["sectors"]
    rows = page.locator("#chart .bar-row")
    assert rows.count() == len(sectors) > 0
    for i, s in enumerate(sectors):
        row = rows.nth(i)
        assert row.get_attribute("data-sector") == s["sector"]
        assert row.locator(".bar-count").text_content() == str(s["count"])
        assert row.locator(".bar-label").text_content() == s["label_ko"]
        box = row.locator(".bar-fill").bounding_box()
        assert box is not None and box["width"] > 0
    widths = [rows.nth(i).locator(".bar-fill").bounding_box()["width"] for i in range(rows.count())]
    assert widths == sorted(widths, reverse=True)  # counts descend, so do the bars

    # export links carry the selection
    assert page.locator("#export-csv").get_attribute("href") == "/v1/countries/BY/timeline?format=csv&partner=KR"
    assert page.locator("#export-tjs").get_attribute("href") == "/v1/countries/BY/timeline?format=timelinejs&lang=ko&partner=KR"
    assert services.api.get(page.locator("#export-csv").get_attribute("href")).status_code == 200
    assert page.dialogs == [] and page.problems == []

    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000


def test_badges_sources_and_parties(page, services):
    items = services.api.get("/v1/countries/KR/timeline", params={"partner": "RU", "limit": 1000}).json()["items"]
    open_view(page, "/?country=KR&partner=RU")
    for item in items:
        event = page.locator(f'#timeline .event[data-id="{item["id"]}"]')
        badges = event.locator(".badge")
        expected = {"planned"} if item["status"] == "planned" else {"cancelled"} if item["status"] == "cancelled" else set()
        expected |= {name for name in ("uncertain", "approximate", "corrected") if item[name]}
        assert {c.split()[1] for c in [badges.nth(i).get_attribute("class") for i in range(badges.count())]} == expected
        assert event.locator(".party").count() == len(item["participants"])
        assert event.locator(".source").count() == len(item["sources"])
    assert any(i["status"] == "planned" for i in items)  # the seeds exercise the planned badge
    for link in page.locator("#timeline .source a").all():
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert link.get_attribute("href").startswith(("http://", "https://"))


def test_switching_language_changes_labels_and_back_restores_them(page, services):
    vocab = services.api.get("/v1/vocabulary").json()
    kinds = {k["kind"]: k for k in vocab["kinds"]}
    open_view(page, "/?country=BY&partner=KR")
    first = page.locator("#timeline .event").first
    kind = first.get_attribute("class").split()[1].removeprefix("kind-")
    assert first.locator(".kind").text_content() == kinds[kind]["label_ko"]
    assert page.locator("#timeline-heading").text_content() == "타임라인"

    page.click('.lang-toggle a[data-lang="en"]')
    wait_view(page, "/?country=BY&partner=KR&lang=en")
    assert address(page) == "/?country=BY&partner=KR&lang=en"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#timeline-heading").text_content() == "Timeline"
    assert page.locator('label[for="country"]').text_content() == "Country"
    assert page.locator("#page-heading").text_content() == "Belarus – South Korea"
    assert page.locator("#timeline .event").first.locator(".kind").text_content() == kinds[kind]["label_en"]
    sectors = services.api.get("/v1/sectors", params={"country": "BY", "partner": "KR"}).json()["sectors"]
    assert page.locator("#chart .bar-label").all_text_contents() == [s["label_en"] for s in sectors]
    assert page.locator('.lang-toggle a[data-lang="en"]').get_attribute("aria-current") == "true"
    assert page.locator('.lang-toggle a[data-lang="ko"]').get_attribute("aria-current") is None

    page.go_back()
    wait_view(page, "/?country=BY&partner=KR")
    assert page.locator("#timeline-heading").text_content() == "타임라인"
    assert page.locator("html").get_attribute("lang") == "ko"


def test_choosing_another_country_updates_the_address(page, services):
    open_view(page, "/?country=BY&partner=KR")
    page.select_option("#country", "DK")
    wait_view(page, "/?country=DK")
    assert address(page) == "/?country=DK"
    dk = services.api.get("/v1/countries/DK/timeline", params={"limit": 1000}).json()["items"]
    assert page.locator("#timeline .event").count() == len(dk) > 0
    partners = [p["code"] for p in services.api.get("/v1/countries/DK/partners").json()]
    options = page.locator("#partner option").evaluate_all("os => os.map(o => o.value)")
    assert options[0] == "" and sorted(options[1:]) == sorted(partners)

    page.select_option("#partner", "KR")
    wait_view(page, "/?country=DK&partner=KR")
    assert address(page) == "/?country=DK&partner=KR"

    page.click("#swap")
    wait_view(page, "/?country=KR&partner=DK")

    page.go_back()
    wait_view(page, "/?country=DK&partner=KR")
    page.go_back()
    wait_view(page, "/?country=DK")
    page.go_back()
    wait_view(page, "/?country=BY&partner=KR")
    assert page.locator("#timeline .event").count() == 54
    assert page.locator("#country").input_value() == "BY"


def test_the_address_is_made_canonical(page, services):
    page.goto("/?country=by&partner=kr&lang=ko")
    wait_view(page, "/?country=BY&partner=KR")
    assert address(page) == "/?country=BY&partner=KR"
    assert page.locator("#timeline .event").count() == 54
    page.goto("/?country=KR&partner=KR")  # a country is not its own partner
    wait_view(page, "/?country=KR")
    assert page.locator("#partner").input_value() == ""


def test_a_hostile_record_renders_as_text(page, services):
    open_view(page, "/?country=FR&partner=DE")
    event = page.locator('#timeline .event[data-id="test.web.hostile"]')
    assert event.locator(".title").text_content() == HOSTILE_TITLE
    assert event.locator(".summary-text").text_content() == HOSTILE["summary"]
    assert event.locator(".party-name").all_text_contents() == [p["name"] for p in HOSTILE["participants"]]
    assert HOSTILE["participants"][0]["name_en"] in event.locator(".parties").text_content()
    # nothing from the record became markup; its links are the source's URL, as an href only, and
    # each participant's organisation view, under the id the service derives from country and name
    assert page.locator("#timeline img, #timeline script, #timeline svg, #timeline iframe, #timeline b, #timeline u").count() == 0
    assert event.locator("a").count() == 1 + len(HOSTILE["participants"])
    assert event.locator(".source a").get_attribute("href").startswith("https://example.org/")
    assert event.locator("a.party-name").evaluate_all("as => as.map(a => a.getAttribute('href'))") == [
        "/?" + urlencode({"org": derived_id(p["country"], p["name"])}) for p in HOSTILE["participants"]]
    assert event.locator(".source").first.text_content().startswith(HOSTILE["sources"][0]["title"])
    # the time axis shows the same title, as text too
    page.wait_for_selector("#axis .axis-title", state="attached")
    assert page.locator("#axis .axis-title").all_text_contents() == [HOSTILE_TITLE]
    assert page.locator("#axis img, #axis script, #axis iframe, #axis b, #axis u").count() == 0
    page.wait_for_timeout(300)  # give an onerror handler the chance it must not get
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert page.problems == []


def test_security_headers_on_the_page_and_its_files(page, services):
    seen = {}
    page.on("response", lambda r: seen.__setitem__(urlsplit(r.url).path, r))
    response = open_view(page, "/?country=BY&partner=KR")
    files = ("/", "/static/app.js", "/static/events.js", "/static/texts.json", "/static/app.css",
             "/static/vendor/vis-timeline/vis-timeline-graph2d.min.js", "/static/vendor/vis-timeline/vis-timeline-graph2d.min.css")
    for path in files:
        r = response if path == "/" else seen[path]
        headers = r.all_headers()
        for name, value in SECURITY_HEADERS.items():
            assert headers[name.lower()] == value, (path, name)
    csp = response.all_headers()["content-security-policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert seen["/static/app.js"].all_headers()["content-type"].startswith("text/javascript")
    assert seen["/static/app.css"].all_headers()["content-type"].startswith("text/css")
    assert page.problems == []  # the page itself breaks none of its CSP (no inline style or script)


def test_empty_and_home_states(page, services):
    open_view(page, "/?country=JP")  # an ISO code with no events
    notice = page.locator("#notice")
    assert notice.is_visible() and "기록된 사건이 없습니다" in notice.text_content()
    assert page.locator("#timeline .event").count() == 0

    open_view(page, "/?lang=en")
    codes = [c["code"] for c in services.api.get("/v1/countries").json()]
    assert page.locator("#country-cards a").count() == len(codes)
    page.locator('#country-cards a[data-code="BY"]').click()
    wait_view(page, "/?country=BY&lang=en")
    assert page.locator("#timeline .event").count() == services.api.get("/v1/countries").json()[codes.index("BY")]["events"]


def test_api_down_shows_a_readable_error_and_recovers(page, services):
    page.route("**/v1/**", lambda route: route.abort())
    page.goto("/?country=BY&partner=KR")
    error = page.locator("#notice.error")
    error.wait_for()
    assert "조회 서비스에 연결할 수 없습니다" in error.text_content()
    assert error.get_attribute("role") == "alert"
    page.unroute("**/v1/**")
    error.locator("button.retry").click()
    wait_view(page, "/?country=BY&partner=KR")
    assert page.locator("#notice").is_hidden()
    assert page.locator("#timeline .event").count() == 54

    open_view(page, "/?country=ZZZ")  # not a country code: the API's own message is shown
    assert "ZZZ" in page.locator("#notice.error").text_content()


def test_a_slow_start_shows_the_loading_notice_without_errors(page, services):
    # texts.json held back past the 300 ms "loading" timer: the timer must wait for the words
    def slow(route):
        time.sleep(0.8)
        route.continue_()

    page.route("**/static/texts.json", slow)
    open_view(page, "/?country=BY&partner=KR")
    assert page.locator("#timeline .event").count() == 54
    assert page.problems == []
