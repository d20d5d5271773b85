"""`/docs` on both services in a real Chromium, offline: Swagger UI renders the service's own
document under its Content-Security-Policy, and "Try it out" makes a real call."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest

from shared.auth import token_line
from tests.browser.conftest import require_chromium
from tests.harness import Service

TOKEN = "docs-browser-admin-0123456789"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    require_chromium()
    tmp = tmp_path_factory.mktemp("docs")
    tokens = tmp / "tokens.txt"
    tokens.write_text(token_line("docs", "admin", TOKEN) + "\n")
    common = {"COOPLINE_TOKENS_FILE": str(tokens)}
    ingest = Service("ingest", {**common, "COOPLINE_STORE": f"sqlite:///{tmp}/events.db"}, tmp / "ingest.log").start()
    query = Service("query", {**common, "COOPLINE_STORE": f"sqlite:///{tmp}/projections.db",
                              "COOPLINE_INGEST_URL": ingest.url, "COOPLINE_INGEST_TOKEN": TOKEN}, tmp / "query.log")
    try:
        query.start()
        yield ingest, query
    finally:
        query.kill()
        ingest.kill()


def open_docs(browser, service: Service):
    """A page on the service's /docs with every request to another host refused (offline)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems, page.elsewhere = [], []

    def only_here(route):
        if urlsplit(route.request.url).netloc == urlsplit(service.url).netloc:
            route.continue_()
        else:
            page.elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.goto(f"{service.url}/docs")
    page.wait_for_selector(".opblock", timeout=20000)
    return page


def try_it(page, operation_id: str):
    """Open an operation, press Try it out and Execute; → the status code the page shows."""
    block = page.locator(f"#{operation_id}")
    block.locator(".opblock-summary").first.click()
    block.locator("button.try-out__btn").click()
    block.locator("button.execute").click()
    status = block.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for(timeout=15000)
    return status.text_content().strip()


def authorize(page, token: str) -> None:
    page.locator("button.authorize").first.click()
    page.locator(".modal-ux input[type=text], .modal-ux input[type=password]").first.fill(token)
    page.locator(".modal-ux button.authorize").click()
    page.locator(".modal-ux button.close-modal").click()


def test_query_docs_render_offline_and_a_call_works(browser, pair):
    _, query = pair
    page = open_docs(browser, query)
    assert page.locator(".info .title").first.text_content().startswith("Coopline query service")
    paths = {page.locator(".opblock-summary-path").nth(i).get_attribute("data-path")
             for i in range(page.locator(".opblock-summary-path").count())}
    assert {"/v1/countries", "/v1/countries/{code}/timeline", "/v1/sectors"} <= paths
    # parameter descriptions are shown
    block = page.locator("#operations-read-get_v1_sectors")
    block.locator(".opblock-summary").first.click()
    assert "one count per start year" in block.locator(".parameters").text_content()
    block.locator(".opblock-summary").first.click()
    assert try_it(page, "operations-read-get_v1_countries") == "200"
    assert page.elsewhere == [] and page.problems == []
    page.context.close()


def test_ingest_docs_record_the_example_event(browser, pair):
    ingest, _ = pair
    page = open_docs(browser, ingest)
    assert page.locator(".info .title").first.text_content().startswith("Coopline ingest service")
    authorize(page, TOKEN)
    assert try_it(page, "operations-write-post_v1_events") == "201"
    history = httpx.get(f"{ingest.url}/v1/events/demo-kr-by-2017-science-days/history",
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert history.status_code == 200 and history.json()[0]["data"]["title"] == "벨라루스 과학의 날"
    assert page.elsewhere == [] and page.problems == []
    page.context.close()
