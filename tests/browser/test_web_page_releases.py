"""The release picker in Chromium: the "as known on" picker lists the log's releases (from
`GET /v1/releases`); choosing one puts `release=NAME` in the address and the view, the banner and
the export links follow it; the first view without JavaScript renders the same release."""

from __future__ import annotations

import httpx

from tests.browser.conftest import new_page
from tests.browser.pages import ids, open_view, wait_view

RELEASE = "web-r1"
# Iceland–Korea: no seed and no other test uses the pair. One event before the release, one after.
BEFORE = {"id": "test.web.release-before", "kind": "meeting", "date": "2023-02-01", "title": "아이슬란드–한국 협의 (릴리스 전)",
          "participants": [{"name": "Orkustofnun", "country": "IS"}, {"name": "산업통상자원부", "country": "KR"}],
          "sources": [{"publisher": "Coopline tests", "title": "release picker"}]}
AFTER = {**BEFORE, "id": "test.web.release-after", "date": "2023-09-01", "title": "아이슬란드–한국 협의 (릴리스 후)"}
VIEW = "/?country=IS&partner=KR"


def tag_release(services) -> None:
    """Once per session: BEFORE, the release, AFTER (the package's services are shared)."""
    if any(r["name"] == RELEASE for r in services.api.get("/v1/releases").json()):
        return
    ingest = services.ingest.url
    r = httpx.post(f"{ingest}/v1/events", json=BEFORE, timeout=30)
    assert r.status_code == 201, r.text
    r = httpx.post(f"{ingest}/v1/releases", json={"name": RELEASE, "note": "browser test"}, timeout=30)
    assert r.status_code == 201, r.text
    r = httpx.post(f"{ingest}/v1/events", json=AFTER, timeout=30)
    assert r.status_code == 201, r.text
    services.wait_for(r.json()["position"])


def test_choosing_a_release_sets_it_in_the_address(page, services):
    tag_release(services)
    open_view(page, VIEW)
    assert sorted(ids(page)) == [AFTER["id"], BEFORE["id"]]
    page.click("#asof summary")
    options = page.locator("#release option").evaluate_all("os => os.map(o => o.value)")
    assert options[0] == "" and RELEASE in options
    page.select_option("#release", RELEASE)
    wait_view(page, f"{VIEW}&release={RELEASE}")
    assert ids(page) == [BEFORE["id"]]
    banner = page.locator("#as-of-banner")
    assert banner.is_visible() and f"릴리스 {RELEASE}" in banner.text_content()
    assert f"release={RELEASE}" in page.locator("#export-csv").get_attribute("href")
    assert page.locator("#release").input_value() == RELEASE
    # a position chosen afterwards replaces the release (the API takes one of the two)
    page.fill("#as_of", "1")
    page.press("#as_of", "Enter")
    wait_view(page, f"{VIEW}&as_of=1")
    assert page.locator("#release").input_value() == ""
    page.go_back()
    wait_view(page, f"{VIEW}&release={RELEASE}")
    page.click("#as-of-latest-2")
    wait_view(page, VIEW)
    assert len(ids(page)) == 2 and page.locator("#as-of-banner").is_hidden()
    assert page.problems == []


def test_the_first_view_without_javascript_renders_the_release(browser, services):
    tag_release(services)
    context, page = new_page(browser, services.query.url, java_script_enabled=False)
    try:
        page.goto(f"{VIEW}&release={RELEASE}")
        assert ids(page) == [BEFORE["id"]]
        assert page.locator("#release").input_value() == RELEASE
        assert f"릴리스 {RELEASE}" in page.locator("#as-of-banner").text_content()
        assert f"release={RELEASE}" in page.locator("#export-csv").get_attribute("href")
    finally:
        context.close()
