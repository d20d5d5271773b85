"""The page as a place to work, in Chromium: filters in the address (back/forward), the
"as known on" picker after a real correction, English titles, the undated group, the time axis
(vis-timeline) and the first view without JavaScript. Screenshots of these parts go to docs/.

The seeds' current edition has English titles and undated events (the Belarus–Korea agreements
known only from a 2023 list, `../2023`); fixtures/open_start_timeline.json adds what they lack
(several bounds in one group, a title without an English one), served by the test in place of
one timeline request. test_web_page_undated_api.py checks the fixture against the real API.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import httpx

from tests.browser.conftest import AS_OF, new_page
from tests.browser.pages import address, api_ids, ids, open_view, wait_view
from tests.harness import ROOT

DOCS = ROOT / "docs"
FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "open_start_timeline.json").read_text(encoding="utf-8"))


def serve_fixture(page) -> None:
    page.route("**/v1/countries/NO/timeline?*", lambda route: route.fulfill(json=FIXTURE))


def test_filters_change_the_list_and_the_address(page, services):
    open_view(page, "/?country=BY&partner=KR")
    page.click("#filters summary")
    page.select_option("#f-kind", "signing")
    wait_view(page, "/?country=BY&partner=KR&kind=signing")
    assert address(page) == "/?country=BY&partner=KR&kind=signing"
    signing = api_ids(services, "BY", partner="KR", kind="signing")
    assert ids(page) == signing and 0 < len(signing) < 54
    assert page.locator("#timeline .event:not(.kind-signing)").count() == 0

    page.fill("#f-from", "2019")
    page.press("#f-from", "Enter")  # each change is a step in the history
    wait_view(page, "/?country=BY&partner=KR&kind=signing&from=2019")
    page.fill("#f-to", "2019")
    page.press("#f-to", "Enter")
    wait_view(page, "/?country=BY&partner=KR&kind=signing&from=2019&to=2019")
    window = api_ids(services, "BY", partner="KR", kind="signing", **{"from": "2019", "to": "2019"})
    assert ids(page) == window and 0 < len(window) < len(signing)
    page.select_option("#f-match", "within")
    wait_view(page, "/?country=BY&partner=KR&kind=signing&from=2019&to=2019&match=within")
    within = api_ids(services, "BY", partner="KR", kind="signing", match="within", **{"from": "2019", "to": "2019"})
    assert ids(page) == within and len(within) < len(window)  # the undated (../2023) overlap 2019 but are not within it
    # the export links carry the filters too
    assert page.locator("#export-csv").get_attribute("href") == (
        "/v1/countries/BY/timeline?format=csv&partner=KR&kind=signing&from=2019&to=2019&match=within")

    page.go_back()
    wait_view(page, "/?country=BY&partner=KR&kind=signing&from=2019&to=2019")
    assert ids(page) == window and page.locator("#f-match").input_value() == "overlap"
    page.go_back()
    wait_view(page, "/?country=BY&partner=KR&kind=signing&from=2019")
    assert page.locator("#f-to").input_value() == ""
    page.go_back()
    wait_view(page, "/?country=BY&partner=KR&kind=signing")
    assert ids(page) == signing and page.locator("#f-from").input_value() == ""
    page.go_back()
    wait_view(page, "/?country=BY&partner=KR")
    assert page.locator("#timeline .event").count() == 54 and page.locator("#f-kind").input_value() == ""
    page.go_forward()
    wait_view(page, "/?country=BY&partner=KR&kind=signing")
    assert ids(page) == signing and page.locator("#f-kind").input_value() == "signing"

    page.click("#clear-filters")
    wait_view(page, "/?country=BY&partner=KR")
    assert page.problems == []


def test_a_shared_address_with_filters_opens_that_view(page, services):
    page.goto("/?country=KR&partner=RU&status=planned&sector=ict")
    wait_view(page, "/?country=KR&partner=RU&sector=ict&status=planned")  # the canonical order
    planned = api_ids(services, "KR", partner="RU", status="planned", sector="ict")
    assert ids(page) == planned and planned
    assert page.locator("#timeline .event:not(.status-planned)").count() == 0
    assert page.locator("#f-status").input_value() == "planned" and page.locator("#f-sector").input_value() == "ict"
    assert page.locator("#filters").get_attribute("open") is not None
    page.goto("/?country=KR&partner=RU&status=all&match=overlap")  # defaults are dropped from the address
    wait_view(page, "/?country=KR&partner=RU")
    page.click("#filters summary")
    page.select_option("#f-status", "postponed")
    wait_view(page, "/?country=KR&partner=RU&status=postponed")
    assert ids(page) == api_ids(services, "KR", partner="RU", status="postponed")


def test_a_bad_filter_value_shows_the_api_message(page, services):
    page.goto("/?country=BY&from=2019-13")
    wait_view(page, "/?country=BY&from=2019-13")
    assert "from" in page.locator("#notice.error").text_content()


def test_as_of_shows_the_record_as_known_before_its_correction(page, services):
    history = services.ingest_history(AS_OF["id"])
    created = history[0]
    if len(history) == 1:  # once per session: the correction this test looks through
        r = httpx.post(f"{services.ingest.url}/v1/events/{AS_OF['id']}/corrections", timeout=30,
                       json={"expected_version": 1, "changes": {"title": "핀란드–한국 공동위원회 (정정)", "date": "2024-03-06"},
                             "reason": "a later report"})
        assert r.status_code == 201, r.text
        services.wait_for(r.json()["position"])
        history = services.ingest_history(AS_OF["id"])
    corrected_at = history[1]["position"]

    open_view(page, "/?country=FI&partner=KR")
    event = page.locator(f'#timeline .event[data-id="{AS_OF["id"]}"]')
    assert event.locator(".title").text_content() == "핀란드–한국 공동위원회 (정정)"
    assert event.locator(".badge.corrected").count() == 1 and event.locator(".edtf").text_content() == "2024-03-06"
    assert page.locator("#as-of-banner").is_hidden()

    page.click("#asof summary")
    explain = page.locator("#asof .asof-explain")
    assert explain.is_visible() and "기록된 때" in explain.text_content()
    page.fill("#as_of", str(corrected_at - 1))
    page.press("#as_of", "Enter")
    wait_view(page, f"/?country=FI&partner=KR&as_of={corrected_at - 1}")
    assert event.locator(".title").text_content() == AS_OF["title"]
    assert event.locator(".badge.corrected").count() == 0 and event.locator(".edtf").text_content() == AS_OF["date"]
    banner = page.locator("#as-of-banner")
    assert banner.is_visible() and f"로그 위치 {corrected_at - 1}" in banner.text_content()

    # the slider sets a position; the time field a moment of the log (its records' own clock)
    page.locator("#as_of_range").evaluate("(r, v) => { r.value = v; r.dispatchEvent(new Event('change')); }", str(corrected_at))
    wait_view(page, f"/?country=FI&partner=KR&as_of={corrected_at}")
    assert event.locator(".title").text_content() == "핀란드–한국 공동위원회 (정정)"
    open_view(page, "/?" + urlencode({"country": "FI", "partner": "KR", "as_of": created["time"]}))
    assert event.locator(".title").text_content() == AS_OF["title"]
    page.click("#as-of-latest-2")
    wait_view(page, "/?country=FI&partner=KR")
    assert event.locator(".title").text_content() == "핀란드–한국 공동위원회 (정정)"
    assert page.problems == []


def test_english_view_uses_title_en_and_falls_back_to_title(page, services):
    # real API: the seeds' history gave every Belarus–Korea event an English title
    items = services.api.get("/v1/countries/BY/timeline", params={"partner": "KR", "limit": 1000}).json()["items"]
    open_view(page, "/?country=BY&partner=KR&lang=en")
    assert all(i["title_en"] for i in items)
    assert page.locator("#timeline .event .title").all_text_contents() == [i["title_en"] for i in items]
    # as known on the seeds as first published, without them: the English view falls back to `title`
    first = services.api.get("/v1/countries/BY/timeline", params={
        "partner": "KR", "limit": 1000, "as_of": services.first_published}).json()["items"]
    open_view(page, f"/?country=BY&partner=KR&as_of={services.first_published}&lang=en")
    assert not any(i["title_en"] for i in first)
    assert page.locator("#timeline .event .title").all_text_contents() == [i["title"] for i in first]
    # the contract's title_en, from the fixture: used in English, not in Korean
    serve_fixture(page)
    open_view(page, "/?country=NO&partner=KR&lang=en")
    titles = page.locator("#timeline .event .title")
    assert titles.all_text_contents() == [i["title_en"] or i["title"] for i in FIXTURE["items"]]
    assert titles.evaluate_all("ts => ts.map(t => t.lang)") == ["en" if i["title_en"] else "ko" for i in FIXTURE["items"]]
    assert page.locator(".vis-item .axis-title").all_text_contents()[:1] == [FIXTURE["items"][0]["title_en"]]
    page.click('.lang-toggle a[data-lang="ko"]')
    wait_view(page, "/?country=NO&partner=KR")
    assert titles.all_text_contents() == [i["title"] for i in FIXTURE["items"]]


def test_undated_events_form_their_own_group_after_the_years(page, services):
    serve_fixture(page)
    open_view(page, "/?country=NO&partner=KR")
    groups = page.locator("#timeline section.year")
    assert groups.evaluate_all("gs => gs.map(g => g.dataset.group)") == ["2019", "2021", "undated"]
    undated = page.locator('#timeline section[data-group="undated"]')
    assert undated.locator(".year-heading").evaluate("h => h.firstChild.textContent") == "날짜 미상 · 2023년 이전"
    assert ids(page, '#timeline section[data-group="undated"]') == ["test.fixture.no-kr-open-2020", "test.fixture.no-kr-open-2023"]
    assert undated.locator(".edtf").all_text_contents() == ["../2020", "../2023"]
    assert undated.locator(".human-date").all_text_contents() == ["2020년 이전", "2023년 이전"]
    assert undated.locator("time[datetime]").count() == 0  # no start is made up
    # the axis places only the dated events, and says where the others are
    page.wait_for_selector("#axis .axis-title", state="attached")
    assert page.locator("#axis .axis-title").count() == 2
    assert "2건" in page.locator("#axis-note").text_content()

    page.click('.lang-toggle a[data-lang="en"]')
    wait_view(page, "/?country=NO&partner=KR&lang=en")
    assert undated.locator(".year-heading").evaluate("h => h.firstChild.textContent") == "Undated · before 2024"
    assert undated.locator(".human-date").all_text_contents() == ["until 2020", "until 2023"]
    assert page.problems == []


def test_the_undated_agreements_of_belarus_and_korea_come_after_the_years(page, services):
    # the seeds' current edition: ten agreements a 2023 list gives without a date, `../2023`,
    # in the undated group after 2023, never under a guessed first year
    items = services.api.get("/v1/countries/BY/timeline", params={"partner": "KR", "limit": 1000}).json()["items"]
    open_items = [i for i in items if i["start"] is None]
    assert len(open_items) == 10 and {i["date"] for i in open_items} == {"../2023"}
    assert items[-len(open_items):] == open_items  # the API's order: open starts last
    open_view(page, "/?country=BY&partner=KR")
    groups = page.locator("#timeline section.year").evaluate_all("gs => gs.map(g => g.dataset.group)")
    assert groups[0] == "2001" and groups[-2:] == ["2023", "undated"]
    undated = page.locator('#timeline section[data-group="undated"]')
    assert undated.locator(".year-heading").evaluate("h => h.firstChild.textContent") == "날짜 미상 · 2023년 이전"
    assert ids(page, '#timeline section[data-group="undated"]') == [i["id"] for i in open_items]
    assert undated.locator(".human-date").all_text_contents() == ["2023년 이전"] * 10
    assert undated.locator("time[datetime]").count() == 0  # no start is made up
    assert ids(page, '#timeline section[data-group="2001"]') == ["seed.by-kr.2001.research-institute-contacts"]
    page.wait_for_selector("#axis .axis-title", state="attached")
    assert page.locator("#axis .axis-title").count() == len(items) - 10
    assert "10건" in page.locator("#axis-note").text_content()
    DOCS.mkdir(exist_ok=True)
    # the end of 2023 above the group's heading and its first agreements
    page.evaluate("""() => {
        const h = document.querySelector('#timeline section[data-group="undated"]');
        window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 260);
    }""")
    page.screenshot(path=str(DOCS / "web-page-undated.png"))
    assert page.problems == []


def test_the_time_axis_shows_the_events_and_leads_to_the_list(page, services):
    items = services.api.get("/v1/countries/KR/timeline", params={"partner": "RU", "limit": 1000}).json()["items"]
    open_view(page, "/?country=KR&partner=RU")
    page.wait_for_selector("#axis .axis-title", state="attached")
    assert sorted(page.locator("#axis .axis-title").all_text_contents()) == sorted(i["title"] for i in items)
    box = page.locator("#axis .vis-timeline").bounding_box()
    assert box and box["height"] > 100 and box["width"] > 400
    page.screenshot(path=str(DOCS / "web-page.png"))
    first = page.locator("#axis .vis-item.vis-range, #axis .vis-item.vis-box").first
    first.click()
    focused = page.locator("#timeline .event.is-focused")
    focused.wait_for()
    assert focused.count() == 1 and focused.get_attribute("data-id") in {i["id"] for i in items}
    assert page.problems == []  # vis-timeline runs under the page's CSP (no inline style, no eval)


def test_the_first_view_needs_no_javascript(browser, services):
    context, page = new_page(browser, services.query.url, java_script_enabled=False)
    try:
        items = services.api.get("/v1/countries/BY/timeline", params={"partner": "KR", "limit": 1000}).json()["items"]
        page.goto("/?country=BY&partner=KR")
        assert page.locator("#timeline .event").count() == len(items) == 54
        assert page.locator("#timeline .event .title").all_text_contents() == [i["title"] for i in items]
        assert page.locator("#page-heading").text_content() == "벨라루스 – 대한민국"
        # the form works without scripts: it submits, the server tidies the address and filters
        page.locator("#filters summary").click()
        page.select_option("#f-kind", "signing")
        page.locator("#filters button[type=submit]").click()
        page.wait_for_url("**/?country=BY&partner=KR&kind=signing")
        assert ids(page) == api_ids(services, "BY", partner="KR", kind="signing")
        page.click('.lang-toggle a[data-lang="en"]')
        page.wait_for_url("**/?country=BY&partner=KR&kind=signing&lang=en")
        assert page.locator("#page-heading").text_content() == "Belarus – South Korea"
        page.screenshot(path=str(DOCS / "web-page-nojs.png"))
    finally:
        context.close()


VIEW_TEXT = """() => ({
  summary: document.getElementById("page-summary").textContent,
  groups: [...document.querySelectorAll("#timeline .year-heading")].map(h => h.textContent),
  events: [...document.querySelectorAll("#timeline .event")].map(e => [
    e.dataset.id, e.className, e.querySelector(".human-date").textContent, e.querySelector(".edtf").textContent,
    e.querySelector(".recorded").textContent, e.querySelector(".kind").textContent, e.querySelector(".title").textContent,
    [...e.querySelectorAll(".badge")].map(b => b.className + "|" + b.textContent),
    [...e.querySelectorAll(".party")].map(p => p.textContent.replace(/\\s+/g, " ").trim()),
    [...e.querySelectorAll(".chip")].map(c => c.textContent),
    [...e.querySelectorAll(".source a")].map(a => a.href)]),
})"""


def test_the_server_and_the_scripts_render_the_same_view(browser, services):
    # the first view (server, Python) and every later one (scripts) word and order events alike
    plain, scripted = (new_page(browser, services.query.url, java_script_enabled=js) for js in (False, True))
    try:
        for view in ("/?country=KR&partner=RU", "/?country=KR&partner=RU&lang=en", "/?country=BY&kind=signing&lang=en",
                     "/?country=DK&status=occurred", "/?country=KR&from=2019&to=2020&match=within"):
            plain[1].goto(view)
            open_view(scripted[1], view)
            server, script = plain[1].evaluate(VIEW_TEXT), scripted[1].evaluate(VIEW_TEXT)
            assert server["events"] and server["summary"] == script["summary"] and server["groups"] == script["groups"], view
            for a, b in zip(server["events"], script["events"], strict=True):
                assert a == b, view
    finally:
        plain[0].close()
        scripted[0].close()


def test_screenshot_of_the_filters_in_english(page, services):
    # the search box, the filters and the "as known on" picker at the seeds as first published:
    # most titles had no English yet, so the English view shows them as first recorded
    first = str(services.first_published)
    page.set_viewport_size({"width": 1280, "height": 1100})
    open_view(page, f"/?country=KR&partner=RU&q=ICT&as_of={first}&lang=en")
    then = services.api.get("/v1/countries/KR/timeline", params={"partner": "RU", "q": "ICT", "as_of": first}).json()["items"]
    now = {i["id"]: i for i in services.api.get("/v1/countries/KR/timeline", params={"partner": "RU"}).json()["items"]}
    assert ids(page) == [i["id"] for i in then] != []
    titles = page.locator("#timeline .event .title").all_text_contents()
    assert titles == [i["title_en"] or i["title"] for i in then]
    assert sum(t != now[i["id"]]["title_en"] for t, i in zip(titles, then, strict=True)) >= len(then) // 2  # not today's
    assert page.locator("#f-q").input_value() == "ICT" and page.locator("#as_of").input_value() == first
    page.click("#filters summary")
    assert page.locator("#asof").get_attribute("open") is not None and page.locator("#as-of-banner").is_visible()
    page.screenshot(path=str(DOCS / "web-page-filters.png"))
    assert (DOCS / "web-page-filters.png").stat().st_size > 20_000
    assert page.problems == []
