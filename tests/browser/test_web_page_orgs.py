"""The organisation view in Chromium, against both services with the seed data: any participant
(recorded with an `org`, or without one: the service's derived id) opens its organisation's
view, whose filters, search and "as known on" point work as on a country's view, with and
without JavaScript; a country's view lists its organisations. Screenshot: docs/web-page-org.png."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import httpx

from services.query.projections.organisations import derived_id
from tests.browser.conftest import new_page
from tests.browser.pages import address, api_ids, ids, open_view, wait_view
from tests.browser.test_web_page_tools import VIEW_TEXT
from tests.harness import ROOT

DOCS = ROOT / "docs"
NASB = "벨라루스 국립과학아카데미"  # recorded without `org` in 17 seed events
NASB_ID = derived_id("BY", NASB)


def org_ids(services, org: str, **params) -> list[str]:
    r = services.api.get(f"/v1/organisations/{org}/timeline", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return [i["id"] for i in r.json()["items"]]


def org_info(services, org: str, **params) -> dict:
    r = services.api.get(f"/v1/organisations/{org}", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def view(org: str, **params: str) -> str:
    return "/?" + urlencode({"org": org, **params})


def test_a_participant_with_an_org_opens_its_view(page, services):
    info = org_info(services, "kr.msit")
    open_view(page, "/?country=KR&partner=RU")
    link = page.locator('#timeline a.party-name[href="/?org=kr.msit"]')
    assert link.count() == 1 and link.text_content() == "과학기술정보통신부"
    link.click()
    wait_view(page, "/?org=kr.msit")
    assert page.locator("#page-heading").text_content() == "과학기술정보통신부"
    assert page.locator("#page-summary").text_content().startswith("대한민국 · 정부 · 사건 1건")
    assert page.locator("#org-country").text_content() == "대한민국"
    assert page.locator("#org-country").get_attribute("href") == "/?country=KR"
    assert page.locator("#org-type").text_content() == "정부"
    assert page.locator("#org-names li").all_text_contents() == info["names"] == ["과학기술정보통신부", "Ministry of Science and ICT"]
    assert page.locator("#org-derived").count() == 0
    assert ids(page) == org_ids(services, "kr.msit") == ["seed.kr-ru.2018-06.innovation-centre-opening"]
    partners = page.locator("#org-partners-box .org-partner")
    assert partners.evaluate_all("ps => ps.map(p => p.dataset.org)") == [p["org"] for p in info["partners"]]
    assert "ru.minek" in [p["org"] for p in info["partners"]]
    assert page.locator("#export-csv").get_attribute("href") == "/v1/organisations/kr.msit/timeline?format=csv"
    assert services.api.get(page.locator("#export-csv").get_attribute("href")).status_code == 200
    assert page.locator("#chart-panel").is_visible() and page.locator("#axis .axis-title").count() == 1

    # a partner leads to its own view; Back returns, step by step
    page.locator('#org-partners-box a.org-link[href="/?org=ru.minek"]').click()
    wait_view(page, "/?org=ru.minek")
    assert page.locator("#page-heading").text_content() == "러시아 경제개발부"
    assert ids(page) == org_ids(services, "ru.minek")
    page.go_back()
    wait_view(page, "/?org=kr.msit")
    page.go_back()
    wait_view(page, "/?country=KR&partner=RU")
    assert page.locator("#org-view").is_hidden() and page.locator("#page-heading").text_content() == "대한민국 – 러시아"
    assert page.dialogs == [] and page.problems == []


def test_a_participant_without_an_org_opens_its_derived_view(page, services):
    info = org_info(services, NASB_ID)
    open_view(page, "/?country=BY&partner=KR")
    # the page derives the id in the browser exactly as the service does (country, exact name, SHA-256)
    links = page.locator("#timeline a.party-name", has_text=NASB)
    hrefs = set(links.evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    assert hrefs == {f"/?org={quote(NASB_ID, safe='')}"}
    everyone = set(page.locator("#timeline .party").evaluate_all(
        "ps => ps.map(p => p.querySelector('a.party-name') ? 'link' : 'text')"))
    assert everyone == {"link"}  # every participant is a link now
    links.first.click()
    wait_view(page, view(NASB_ID))
    assert page.locator("#page-heading").text_content() == NASB
    assert page.locator("#org-id").text_content() == NASB_ID
    assert page.locator("#org-derived").is_visible()
    assert ids(page) == org_ids(services, NASB_ID) and len(ids(page)) == info["events"] == 17
    assert page.locator("#org-partners-box .org-partner").count() == len(info["partners"]) > 10
    # the ten with most shared events at once, the rest folded
    assert page.locator("#org-partners .org-partner").count() == 10
    assert page.locator("#org-partners-box .org-more .org-partner").count() == len(info["partners"]) - 10

    # English: names, country and type in English; the organisation keeps its view
    page.click('.lang-toggle a[data-lang="en"]')
    wait_view(page, view(NASB_ID, lang="en"))
    assert page.locator("#page-heading").text_content() == (info["name_en"] or NASB)
    assert page.locator("#org-country").text_content() == "Belarus"
    assert page.locator("#page-summary").text_content().startswith("Belarus · ")
    assert page.dialogs == [] and page.problems == []


# Uruguay–Portugal: no seed and no other test uses the pair. Names with untidy white space (a tab,
# a no-break space, doubled spaces) and a decomposed accent: the ids are made from the tidy NFC name.
UNTIDY = {"id": "test.web.untidy-names", "kind": "visit", "date": "2025-04-02", "title": "우루과이–포르투갈 방문",
          "participants": [{"name": "  Instituto \t Pasteur\u00a0de  Montevideo ", "country": "UY"},
                           {"name": "Faculdade de Cie\u0301ncias", "country": "PT"}],
          "sources": [{"publisher": "Coopline tests", "title": "derived ids"}]}


def test_the_browser_derives_the_ids_the_service_derives(page, services):
    if services.api.get(f"/v1/events/{UNTIDY['id']}").status_code == 404:  # once per session
        r = httpx.post(f"{services.ingest.url}/v1/events", json=UNTIDY, timeout=30)
        assert r.status_code == 201, r.text
        services.wait_for(r.json()["position"])
    open_view(page, "/?country=UY&partner=PT")
    expected = [derived_id(p["country"], p["name"]) for p in UNTIDY["participants"]]
    links = page.locator("#timeline a.party-name")
    assert links.evaluate_all("as => as.map(a => a.getAttribute('href'))") == ["/?" + urlencode({"org": o}) for o in expected]
    links.first.click()
    wait_view(page, view(expected[0]))
    assert page.locator("#page-heading").text_content() == "Instituto Pasteur de Montevideo"
    assert ids(page) == [UNTIDY["id"]] and org_info(services, expected[1])["name"] == "Faculdade de Ci\u00e9ncias"
    assert page.problems == []


def test_filters_search_and_as_of_on_the_organisation_view(page, services):
    open_view(page, view(NASB_ID))
    everything = ids(page)
    page.click("#filters summary")
    page.select_option("#f-kind", "signing")
    wait_view(page, view(NASB_ID, kind="signing"))
    signing = org_ids(services, NASB_ID, kind="signing")
    assert ids(page) == signing and 0 < len(signing) < len(everything)
    assert page.locator("#export-csv").get_attribute("href") == (
        f"/v1/organisations/{quote(NASB_ID, safe='')}/timeline?format=csv&kind=signing")

    page.fill("#f-q", "협력")
    page.press("#f-q", "Enter")
    wait_view(page, view(NASB_ID, kind="signing", q="협력"))
    found = org_ids(services, NASB_ID, kind="signing", q="협력")
    assert ids(page) == found and found

    # "as known on": the organisation as the log stood at a position half-way through its events
    positions = sorted(i["position"] for i in services.api.get(
        f"/v1/organisations/{NASB_ID}/timeline", params={"limit": 1000}).json()["items"])
    point = positions[len(positions) // 2]
    page.click("#clear-filters")
    wait_view(page, view(NASB_ID))  # clearing the filters keeps the organisation: it is the view
    page.click("#asof summary")
    page.fill("#as_of", str(point))
    page.press("#as_of", "Enter")
    wait_view(page, view(NASB_ID, as_of=str(point)))
    earlier = org_ids(services, NASB_ID, as_of=point)
    assert ids(page) == earlier and 0 < len(earlier) < len(everything)
    assert f"로그 위치 {point}" in page.locator("#as-of-banner").text_content()
    partners = org_info(services, NASB_ID, as_of=point)["partners"]
    assert page.locator("#org-partners-box .org-partner").evaluate_all("ps => ps.map(p => p.dataset.org)") == [
        p["org"] for p in partners]
    # links keep the point: a participant's organisation is shown as known then too
    assert all(h.endswith(f"as_of={point}") for h in page.locator("#timeline a.party-name").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"))
    page.click("#as-of-latest-2")
    wait_view(page, view(NASB_ID))
    assert ids(page) == everything
    # a country chosen: that country's events in which the organisation took part
    page.select_option("#country", "KR")
    wait_view(page, f"/?country=KR&org={quote(NASB_ID, safe='')}")
    assert ids(page) == api_ids(services, "KR", org=NASB_ID) and page.locator("#org-view").is_hidden()
    assert page.problems == []


ORG_TEXT = """() => ({
  heading: document.getElementById("page-heading").textContent,
  facts: [...document.querySelectorAll("#org-view :is(dt, dd, summary, p, li)")].map(n => n.textContent.replace(/\\s+/g, " ").trim()),
  links: [...document.querySelectorAll("#org-view a, #timeline a.party-name")].map(a => a.getAttribute("href")),
  exports: [...document.querySelectorAll("#exports a")].map(a => a.getAttribute("href")),
})"""


def test_the_server_and_the_scripts_render_the_same_organisation_view(browser, services):
    plain, scripted = (new_page(browser, services.query.url, java_script_enabled=js) for js in (False, True))
    try:
        for address in (view(NASB_ID), view("kr.msit", lang="en"), view(NASB_ID, kind="signing", lang="en"),
                        view(NASB_ID, as_of="40")):
            plain[1].goto(address)
            open_view(scripted[1], address)
            for text in (VIEW_TEXT, ORG_TEXT):
                server, script = plain[1].evaluate(text), scripted[1].evaluate(text)
                assert server == script, address
            assert plain[1].evaluate(VIEW_TEXT)["events"], address
    finally:
        plain[0].close()
        scripted[0].close()


def test_an_unknown_organisation_says_so(page, services):
    page.goto("/?org=kr.no-such-body")
    wait_view(page, "/?org=kr.no-such-body")
    assert "kr.no-such-body" in page.locator("#notice.error").text_content()
    assert page.locator("#org-view").is_hidden()


def test_the_organisation_view_needs_no_javascript(browser, services):
    context, page = new_page(browser, services.query.url, java_script_enabled=False)
    try:
        info = org_info(services, NASB_ID)
        page.goto("/?country=BY&partner=KR")
        page.locator("#timeline a.party-name", has_text=NASB).first.click()
        page.wait_for_url(f"**{view(NASB_ID)}")
        assert page.locator("#page-heading").text_content() == NASB
        assert page.locator("#page-summary").text_content().startswith("벨라루스 · ")
        assert ids(page) == org_ids(services, NASB_ID)
        assert page.locator("#org-names li").all_text_contents() == info["names"]
        assert page.locator("#org-partners-box .org-partner").evaluate_all("ps => ps.map(p => p.dataset.org)") == [
            p["org"] for p in info["partners"]]
        assert page.locator("#org-derived").is_visible()
        # the form works: a filter submits with the organisation kept
        page.locator("#filters summary").click()
        page.select_option("#f-kind", "signing")
        page.locator("#filters button[type=submit]").click()
        page.wait_for_url(f"**{view(NASB_ID, kind='signing')}")
        assert ids(page) == org_ids(services, NASB_ID, kind="signing")
        assert page.locator("#clear-filters").get_attribute("href") == view(NASB_ID)
        page.goto(view("kr.msit", lang="en"))
        assert page.locator("#page-heading").text_content() == "Ministry of Science and ICT"
        assert page.locator("#org-type").text_content() == "Government"
        assert ids(page) == org_ids(services, "kr.msit")
    finally:
        context.close()


def test_a_country_lists_its_organisations(page, services):
    listed = services.api.get("/v1/organisations", params={"country": "BY", "limit": 51}).json()["items"]
    open_view(page, "/?country=BY")
    box = page.locator("#org-list")
    assert box.is_visible() and box.get_attribute("open") is None
    page.click("#org-list summary")
    page.wait_for_selector('#org-list[data-loaded="true"]', state="attached")
    shown = page.locator("#org-list-items .org-partner").evaluate_all("ps => ps.map(p => p.dataset.org)")
    assert shown == [o["org"] for o in listed[:50]] and NASB_ID in shown
    page.locator(f'#org-list-items .org-partner[data-org="{NASB_ID}"] a').click()
    wait_view(page, view(NASB_ID))
    assert box.is_hidden() and address(page) == view(NASB_ID)
    assert page.problems == []


def test_screenshot_of_the_organisation_view(page, services):
    page.set_viewport_size({"width": 1280, "height": 1400})  # the facts, the partners and the list's start
    open_view(page, view(NASB_ID))
    page.screenshot(path=str(DOCS / "web-page-org.png"))
    assert (DOCS / "web-page-org.png").stat().st_size > 20_000
    assert page.problems == []
