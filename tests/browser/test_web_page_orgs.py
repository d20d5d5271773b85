"""The organisation view in Chromium, against both services with the seed data (the current
edition: records and their history): any participant (recorded with an `org`, or without one:
the service's derived id) opens its organisation's view, whose filters, search and "as known on"
point work as on a country's view, with and without JavaScript; a country's view lists its
organisations; the seeds as first published, where the National Academy of Sciences of
Belarus had no `org` yet, stay reachable "as known on" them. Screenshot: docs/web-page-org.png."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import httpx

from services.query.projections.organisations import derived_id
from tests.browser.conftest import new_page, seed_records
from tests.browser.pages import address, api_ids, ids, open_view, wait_view
from tests.browser.test_web_page_tools import VIEW_TEXT
from tests.harness import ROOT

DOCS = ROOT / "docs"
NASB = "by.nasb"  # 17 seed events; the seeds' history gave them this `org`
NASB_NAME = "벨라루스 국립과학아카데미"
NASB_FIRST = derived_id("BY", NASB_NAME)  # its id in the seeds as first published: no `org` yet
KR_SIDE = "한국 측"  # "the Korean side": recorded without `org` in 20 seed events
KR_SIDE_ID = derived_id("KR", KR_SIDE)


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


def hrefs(links) -> list[str]:
    return links.evaluate_all("as => as.map(a => a.getAttribute('href'))")


def test_a_participant_with_an_org_opens_its_view(page, services):
    info = org_info(services, "kr.msit")
    open_view(page, "/?country=KR&partner=RU")
    links = page.locator('#timeline a.party-name[href="/?org=kr.msit"]')
    assert links.count() > 1 and set(links.all_text_contents()) == {"과학기술정보통신부"}
    links.first.click()
    wait_view(page, "/?org=kr.msit")
    assert page.locator("#page-heading").text_content() == "과학기술정보통신부"
    assert page.locator("#page-summary").text_content().startswith(f"대한민국 · 정부 · 사건 {info['events']}건")
    assert page.locator("#org-country").text_content() == "대한민국"
    assert page.locator("#org-country").get_attribute("href") == "/?country=KR"
    assert page.locator("#org-type").text_content() == "정부"
    # the ministry under its earlier name too (미래창조과학부, 2014): one `org`, every spelling on record
    assert page.locator("#org-names li").all_text_contents() == info["names"] == [
        "과학기술정보통신부", "Ministry of Science and ICT", "미래창조과학부", "Ministry of Science, ICT and Future Planning"]
    assert page.locator("#org-derived").count() == 0
    everything = org_ids(services, "kr.msit")
    assert ids(page) == everything and len(everything) == info["events"] > 1
    assert "seed.kr-ru.2018-06.innovation-centre-opening" in everything and "seed.by-kr.2014-09.msip-ict-mou" in everything
    partners = page.locator("#org-partners-box .org-partner")
    assert partners.evaluate_all("ps => ps.map(p => p.dataset.org)") == [p["org"] for p in info["partners"]]
    assert "ru.minek" in [p["org"] for p in info["partners"]]
    assert page.locator("#export-csv").get_attribute("href") == "/v1/organisations/kr.msit/timeline?format=csv"
    assert services.api.get(page.locator("#export-csv").get_attribute("href")).status_code == 200
    dated = [i for i in services.api.get("/v1/organisations/kr.msit/timeline").json()["items"] if i["start"]]
    assert page.locator("#chart-panel").is_visible() and page.locator("#axis .axis-title").count() == len(dated) > 1

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
    info = org_info(services, KR_SIDE_ID)
    open_view(page, "/?country=BY&partner=KR")
    # the page derives the id in the browser exactly as the service does (country, exact name, SHA-256)
    links = page.locator("#timeline a.party-name", has_text=KR_SIDE)
    hrefs = set(links.evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    assert hrefs == {f"/?org={quote(KR_SIDE_ID, safe='')}"}
    everyone = set(page.locator("#timeline .party").evaluate_all(
        "ps => ps.map(p => p.querySelector('a.party-name') ? 'link' : 'text')"))
    assert everyone == {"link"}  # every participant is a link now
    links.first.click()
    wait_view(page, view(KR_SIDE_ID))
    assert page.locator("#page-heading").text_content() == KR_SIDE
    assert page.locator("#org-id").text_content() == KR_SIDE_ID
    assert page.locator("#org-derived").is_visible()
    assert ids(page) == org_ids(services, KR_SIDE_ID) and len(ids(page)) == info["events"] == 20
    assert page.locator("#org-partners-box .org-partner").count() == len(info["partners"]) > 10
    # the ten with most shared events at once, the rest folded
    assert page.locator("#org-partners .org-partner").count() == 10
    assert page.locator("#org-partners-box .org-more .org-partner").count() == len(info["partners"]) - 10

    # English: names, country and type in English; the organisation keeps its view
    page.click('.lang-toggle a[data-lang="en"]')
    wait_view(page, view(KR_SIDE_ID, lang="en"))
    assert page.locator("#page-heading").text_content() == info["name_en"] == "Korean side"
    assert page.locator("#org-country").text_content() == "South Korea"
    assert page.locator("#page-summary").text_content().startswith("South Korea · ")
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
    open_view(page, view(NASB))
    everything = ids(page)
    page.click("#filters summary")
    page.select_option("#f-kind", "signing")
    wait_view(page, view(NASB, kind="signing"))
    signing = org_ids(services, NASB, kind="signing")
    assert ids(page) == signing and 0 < len(signing) < len(everything)
    assert page.locator("#export-csv").get_attribute("href") == f"/v1/organisations/{NASB}/timeline?format=csv&kind=signing"

    page.fill("#f-q", "협력")
    page.press("#f-q", "Enter")
    wait_view(page, view(NASB, kind="signing", q="협력"))
    found = org_ids(services, NASB, kind="signing", q="협력")
    assert ids(page) == found and found

    # "as known on": the organisation as the log stood half-way through the seeds' corrections
    # that gave its events their `org` (version 2 of each): only the events corrected by then
    positions = sorted(services.ingest_history(i)[1]["position"] for i in everything)
    point = positions[len(positions) // 2]
    page.click("#clear-filters")
    wait_view(page, view(NASB))  # clearing the filters keeps the organisation: it is the view
    page.click("#asof summary")
    page.fill("#as_of", str(point))
    page.press("#as_of", "Enter")
    wait_view(page, view(NASB, as_of=str(point)))
    earlier = org_ids(services, NASB, as_of=point)
    assert ids(page) == earlier and 0 < len(earlier) < len(everything)
    assert f"로그 위치 {point}" in page.locator("#as-of-banner").text_content()
    partners = org_info(services, NASB, as_of=point)["partners"]
    assert page.locator("#org-partners-box .org-partner").evaluate_all("ps => ps.map(p => p.dataset.org)") == [
        p["org"] for p in partners]
    # links keep the point: a participant's organisation is shown as known then too
    assert all(h.endswith(f"as_of={point}") for h in hrefs(page.locator("#timeline a.party-name")))
    page.click("#as-of-latest-2")
    wait_view(page, view(NASB))
    assert ids(page) == everything
    # a country chosen: that country's events in which the organisation took part
    page.select_option("#country", "KR")
    wait_view(page, f"/?country=KR&org={NASB}")
    assert ids(page) == api_ids(services, "KR", org=NASB) and page.locator("#org-view").is_hidden()
    assert page.problems == []


def test_the_seeds_as_first_published_stay_reachable_as_known_on_them(page, services):
    # The seeds as first published recorded the Academy without `org` and its ten agreements
    # that a 2023 list gives without a date as 2001/2023; their history gave it `by.nasb` and the
    # agreements an open start (../2023). The page shows the current state, and the first one
    # "as known on" the position of the last seed record.
    first = services.first_published
    agreements = sorted(r["id"] for r in seed_records() if r["id"].startswith("seed.by-kr.undated."))
    open_view(page, "/?country=BY&partner=KR")
    academy = page.locator("#timeline a.party-name", has_text=NASB_NAME)
    assert set(hrefs(academy)) == {view(NASB)}
    undated = '#timeline section[data-group="undated"]'
    assert sorted(ids(page, undated)) == agreements and len(agreements) == 10
    assert set(page.locator(f"{undated} .edtf").all_text_contents()) == {"../2023"}

    page.click("#asof summary")
    page.fill("#as_of", str(first))
    page.press("#as_of", "Enter")
    wait_view(page, f"/?country=BY&partner=KR&as_of={first}")
    assert page.locator(undated).count() == 0
    assert [page.locator(f'#timeline .event[data-id="{i}"] .edtf').text_content() for i in agreements] == ["2001/2023"] * 10
    assert page.locator('#timeline section[data-group="2001"] .event').count() == 1 + len(agreements)
    assert set(hrefs(academy)) == {view(NASB_FIRST, as_of=str(first))}
    academy.first.click()
    wait_view(page, view(NASB_FIRST, as_of=str(first)))
    assert page.locator("#page-heading").text_content() == NASB_NAME and page.locator("#org-derived").is_visible()
    assert ids(page) == org_ids(services, NASB_FIRST, as_of=first)
    assert sorted(ids(page)) == sorted(org_ids(services, NASB))  # the same 17 events
    assert services.api.get(f"/v1/organisations/{NASB_FIRST}").status_code == 404  # that id is gone now

    page.go_back()
    wait_view(page, f"/?country=BY&partner=KR&as_of={first}")
    page.click("#as-of-latest-2")
    wait_view(page, "/?country=BY&partner=KR")
    assert set(hrefs(academy)) == {view(NASB)} and sorted(ids(page, undated)) == agreements
    assert page.problems == []


ORG_TEXT = """() => ({
  heading: document.getElementById("page-heading").textContent,
  loose: [...document.getElementById("org-view").childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent),
  facts: [...document.querySelectorAll("#org-view :is(dt, dd, summary, p, li)")].map(n => n.textContent.replace(/\\s+/g, " ").trim()),
  links: [...document.querySelectorAll("#org-view a, #timeline a.party-name")].map(a => a.getAttribute("href")),
  exports: [...document.querySelectorAll("#exports a")].map(a => a.getAttribute("href")),
})"""


def test_the_server_and_the_scripts_render_the_same_organisation_view(browser, services):
    plain, scripted = (new_page(browser, services.query.url, java_script_enabled=js) for js in (False, True))
    try:
        for address in (view(NASB), view("kr.msit", lang="en"), view(NASB, kind="signing", lang="en"),
                        view(KR_SIDE_ID), view(NASB_FIRST, as_of=str(services.first_published))):
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
        info = org_info(services, NASB)
        page.goto("/?country=BY&partner=KR")
        page.locator("#timeline a.party-name", has_text=NASB_NAME).first.click()
        page.wait_for_url(f"**{view(NASB)}")
        assert page.locator("#page-heading").text_content() == NASB_NAME
        assert page.locator("#page-summary").text_content().startswith("벨라루스 · 연구기관 · ")
        assert ids(page) == org_ids(services, NASB)
        assert page.locator("#org-names li").all_text_contents() == info["names"]
        assert page.locator("#org-partners-box .org-partner").evaluate_all("ps => ps.map(p => p.dataset.org)") == [
            p["org"] for p in info["partners"]]
        assert page.locator("#org-derived").count() == 0
        # the form works: a filter submits with the organisation kept
        page.locator("#filters summary").click()
        page.select_option("#f-kind", "signing")
        page.locator("#filters button[type=submit]").click()
        page.wait_for_url(f"**{view(NASB, kind='signing')}")
        assert ids(page) == org_ids(services, NASB, kind="signing")
        assert page.locator("#clear-filters").get_attribute("href") == view(NASB)
        # a participant without `org`: its view says the id is derived from country and name
        page.goto(view(KR_SIDE_ID))
        assert page.locator("#page-heading").text_content() == KR_SIDE and page.locator("#org-derived").is_visible()
        assert page.locator("#org-id").text_content() == KR_SIDE_ID and ids(page) == org_ids(services, KR_SIDE_ID)
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
    assert shown == [o["org"] for o in listed[:50]] and NASB in shown and derived_id("BY", "벨라루스 측") in shown
    page.locator(f'#org-list-items .org-partner[data-org="{NASB}"] a').click()
    wait_view(page, view(NASB))
    assert box.is_hidden() and address(page) == view(NASB)
    assert page.problems == []


def test_screenshot_of_the_organisation_view(page, services):
    page.set_viewport_size({"width": 1280, "height": 1400})  # the facts, the partners and the list's start
    open_view(page, view(NASB))
    page.screenshot(path=str(DOCS / "web-page-org.png"))
    assert (DOCS / "web-page-org.png").stat().st_size > 20_000
    assert page.problems == []
