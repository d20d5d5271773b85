"""The undated group and English titles from the real API: the fixture's records
(fixtures/open_start_timeline.json) recorded through ingest and read back through the query
service, in services of their own, so that the page is checked against what the API really
serves (open starts last, `start: null`, `title_en`).
"""

from __future__ import annotations

import httpx

from tests.browser.conftest import new_page, start_services
from tests.browser.pages import ids, open_view
from tests.browser.test_web_page_tools import FIXTURE

RECORD_FIELDS = ("id", "kind", "status", "date", "title", "title_en", "summary", "lang", "participants", "place",
                 "sectors", "sources")


def records() -> list[dict]:
    return [{k: it[k] for k in RECORD_FIELDS if it.get(k) is not None} for it in FIXTURE["items"]]


def test_undated_group_and_english_titles_from_the_real_api(browser, tmp_path):
    svc = start_services(tmp_path, records(), wait_seconds=15)
    context, page = new_page(browser, svc.query.url)
    try:
        items = svc.api.get("/v1/countries/NO/timeline", params={"partner": "KR"}).json()["items"]
        assert [i["id"] for i in items] == [i["id"] for i in FIXTURE["items"]]  # known starts, then open starts by end
        open_view(page, "/?country=NO&partner=KR")
        assert ids(page) == [i["id"] for i in items]
        groups = page.locator("#timeline section.year")
        assert groups.evaluate_all("gs => gs.map(g => g.dataset.group)") == ["2019", "2021", "undated"]
        heading = page.locator('#timeline section[data-group="undated"] .year-heading')
        assert heading.evaluate("h => h.firstChild.textContent") == "날짜 미상 · 2023년 이전"
        open_view(page, "/?country=NO&partner=KR&lang=en")
        assert page.locator("#timeline .title").all_text_contents() == [i["title_en"] or i["title"] for i in FIXTURE["items"]]
        html = httpx.get(f"{svc.query.url}/?country=NO&partner=KR&lang=en").text  # the server's first view agrees
        assert "Undated · before 2024" in html and FIXTURE["items"][0]["title_en"] in html
        assert page.problems == []
    finally:
        context.close()
        svc.api.close()
        svc.stop()
