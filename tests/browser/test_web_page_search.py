"""The web page's search box (`q`) and organisation links (`org`) in a real Chromium, against
both services with the seed data: the address carries them, the list is the API's selection."""

from __future__ import annotations

from tests.browser.conftest import new_page
from tests.browser.pages import api_ids, ids, open_view, wait_view


def test_the_search_box_filters_the_timeline_and_the_address(page, services):
    open_view(page, "/?country=KR&partner=RU")
    everything = ids(page)
    page.fill("#f-q", "혁신 플랫폼")
    page.press("#f-q", "Enter")
    wait_view(page, "/?country=KR&partner=RU&q=%ED%98%81%EC%8B%A0+%ED%94%8C%EB%9E%AB%ED%8F%BC")
    found = api_ids(services, "KR", partner="RU", q="혁신 플랫폼")
    assert ids(page) == found and 0 < len(found) < len(everything)
    assert "q=" in page.locator("#export-csv").get_attribute("href")  # exports carry the search too

    page.go_back()
    wait_view(page, "/?country=KR&partner=RU")
    assert page.locator("#f-q").input_value() == "" and ids(page) == everything
    assert page.dialogs == [] and page.problems == []


def test_an_organisation_filters_a_country_timeline(page, services):
    # a participant's link opens its organisation's own view (test_web_page_orgs.py); `org=` with a
    # country stays a filter of that country's timeline
    open_view(page, "/?country=KR&partner=RU")
    link = page.locator('#timeline .party a.party-name[href*="org=kr.msit"]').first
    assert link.get_attribute("href") == "/?org=kr.msit"
    open_view(page, "/?country=KR&org=kr.msit")
    expected = [i["id"] for i in services.api.get("/v1/organisations/kr.msit/timeline",
                                                   params={"limit": 1000}).json()["items"]]
    assert ids(page) == api_ids(services, "KR", org="kr.msit") == expected and expected
    assert page.locator("#page-heading").text_content() == "대한민국" and page.locator("#org-view").is_hidden()
    assert page.dialogs == [] and page.problems == []


def test_without_javascript_the_form_and_links_work_too(browser, services):
    context, page = new_page(browser, services.query.url, java_script_enabled=False)
    try:
        page.goto("/?country=KR&partner=RU&q=혁신")
        shown = page.locator("#timeline .event").evaluate_all("es => es.map(e => e.dataset.id)")
        assert shown == api_ids(services, "KR", partner="RU", q="혁신") and shown
        assert page.locator("#f-q").input_value() == "혁신"
        assert page.locator('#timeline .party a.party-name[href="/?org=kr.msit"]').count() > 0
    finally:
        context.close()
