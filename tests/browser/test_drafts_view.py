"""The drafts view (/drafts) in Chromium, against both services as real processes — on SQLite,
then with both stores on PostgreSQL — with a token file (the view needs a writer token) and the
ingest service allowing the query service's page through CORS: paste one of our own test
articles, review the cards, fill in what is missing, submit, and find the event on the timeline;
a possible duplicate as a link; a refusal shown on the card; the token in sessionStorage only."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from shared.auth import token_line
from tests.browser.conftest import new_page, require_chromium, wait_for
from tests.browser.pages import address, wait_view
from tests.conftest import BACKENDS, _create_database, _drop_database, free_port, require_postgres
from tests.harness import ROOT, Service

ARTICLES = ROOT / "tests" / "data" / "articles"
SCREENSHOT = ROOT / "docs" / "web-page-drafts.png"
WRITER = "drafts-view-writer-0123456789abcdef"
READER = "drafts-view-reader-0123456789abcdef"
TOKEN_KEY = "coopline.writer-token"


def _in_a_thread(coro):
    """Run a coroutine to its end outside this thread (sync Playwright holds its event loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(scope="module", params=BACKENDS)
def pair(request, tmp_path_factory):
    require_chromium()
    tmp = tmp_path_factory.mktemp("drafts-view")
    databases: list[str] = []
    if request.param == "postgres":  # both stores on PostgreSQL, one database each
        require_postgres()
        databases = [_in_a_thread(_create_database()) for _ in range(2)]
        stores = [f"postgresql://postgres@127.0.0.1:5432/{name}" for name in databases]
    else:
        stores = [f"sqlite:///{tmp}/events.db", f"sqlite:///{tmp}/projections.db"]
    tokens = tmp / "tokens.txt"
    tokens.write_text(f"{token_line('analyst', 'writer', WRITER)}\n{token_line('query', 'reader', READER)}\n")
    query_port = free_port()  # the ingest service must know the page's origin before the page exists
    ingest = Service("ingest", {"COOPLINE_STORE": stores[0], "COOPLINE_TOKENS_FILE": str(tokens),
                                "COOPLINE_CORS_ORIGINS": f"http://127.0.0.1:{query_port}"}, tmp / "ingest.log").start()
    query = Service("query", {"COOPLINE_STORE": stores[1], "COOPLINE_TOKENS_FILE": str(tokens),
                              "COOPLINE_INGEST_URL": ingest.url, "COOPLINE_INGEST_TOKEN": READER},
                    tmp / "query.log", port=query_port)
    pair_backend = request.param
    try:
        query.start()
        with httpx.Client(base_url=query.url, timeout=60) as api, \
                httpx.Client(base_url=ingest.url, timeout=30, headers={"Authorization": f"Bearer {WRITER}"}) as writes:
            yield Pair(ingest, query, api, writes, pair_backend)
    finally:
        query.kill()
        ingest.kill()
        for name in databases:
            _in_a_thread(_drop_database(name))


class Pair:
    def __init__(self, ingest: Service, query: Service, api: httpx.Client, writes: httpx.Client, backend: str):
        self.ingest, self.query, self.api, self.writes, self.backend = ingest, query, api, writes, backend

    def drafts(self, body: dict) -> dict:
        """What the API answers for `body` (the same input always gives the same drafts)."""
        r = self.api.post("/v1/drafts", json=body, headers={"Authorization": f"Bearer {WRITER}"})
        assert r.status_code == 200, r.text
        return r.json()

    def head(self) -> int:
        r = self.writes.get("/v1/log", params={"after": 0, "limit": 5000})
        assert r.status_code == 200, r.text
        return r.json()["head"]


@pytest.fixture
def page(browser, pair):
    context, pg = new_page(browser, pair.query.url)
    pg.requests = []
    pg.on("request", lambda rq: pg.requests.append((rq.method, rq.url, rq.headers.get("authorization"))))
    yield pg
    context.close()


def article(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def open_drafts(page, lang: str = "") -> None:
    page.goto(f"/drafts{'?lang=en' if lang == 'en' else ''}")
    page.wait_for_selector('body[data-ready="true"]', state="attached", timeout=20000)


def make_drafts(page, text: str, token: str = WRITER, **fields: str) -> None:
    page.fill("#d-token", token)
    page.fill("#d-article", text)
    for name, value in fields.items():
        page.fill(f"#d-{name}", value)
    page.click("#d-make")  # the handler marks the page busy before it returns
    page.wait_for_selector('body[data-ready="true"]', state="attached", timeout=60000)


def card(page, i: int):
    return page.locator("#cards .draft-card").nth(i)


def field(card_, path: str):
    return card_.locator(f'.cfield[data-path="{path}"]').locator("input, select, textarea").first


def marked(card_, kind: str) -> set[str]:
    return set(card_.locator(f".is-{kind}").evaluate_all("ns => ns.map(n => n.dataset.path)"))


def follow(page, link):
    """Click a link that opens a new tab; → that tab."""
    with page.context.expect_page() as opened:
        link.click()
    return opened.value


def in_view(page, inner: str, outer: str) -> bool:
    a, b = page.locator(inner).bounding_box(), page.locator(outer).bounding_box()
    return a is not None and b is not None and b["y"] <= a["y"] and a["y"] + a["height"] <= b["y"] + b["height"]


def test_paste_fill_in_what_is_missing_submit_and_see_it_on_the_timeline(page, pair):
    text = article("blind7_ko_finland.txt")  # no publication date nor publisher given: the cards ask for them
    expected = pair.drafts({"text": text})["drafts"]
    assert len(expected) == 2 and all("$.date" in d["missing"] for d in expected)
    open_drafts(page)
    make_drafts(page, text)
    cards = page.locator("#cards .draft-card")
    assert cards.count() == len(expected)
    for i, d in enumerate(expected):
        c = card(page, i)
        assert field(c, "$.title").input_value() == d["record"]["title"]
        assert field(c, "$.kind").input_value() == d["record"]["kind"]
        assert c.locator(".draft-quote").text_content() == d["quote"]
        shown = {p for p in d["missing"] if c.locator(f'[data-path="{p}"]').count()}
        assert shown == set(d["missing"]) and marked(c, "missing") == shown  # every missing path is on a field
        assert c.locator(".draft-tick").is_checked() is False  # drafts to finish start unticked

    # a card's quote is highlighted in the article, and scrolled to
    for i in (1, 0):
        card(page, i).locator(".draft-quote").click()
        current = page.locator("#article-text mark.current")
        assert current.count() >= 1 and "".join(current.all_text_contents()) == expected[i]["quote"]
        assert in_view(page, "#article-text mark.current >> nth=0", "#article-text")
        assert "current" in card(page, i).get_attribute("class")

    # fill in the date and the publisher the article lacked; the marks go as they are filled
    first = card(page, 0)
    field(first, "$.date").fill("2025-04-21")
    field(first, "$.sources[0].publisher").fill("테스트 통신")
    assert "$.date" not in marked(first, "missing") and "$.sources[0].publisher" not in marked(first, "missing")
    # a language switch relabels the card and keeps the edits
    page.click('.lang-toggle a[data-lang="en"]')
    assert address(page) == "/drafts?lang=en"
    assert first.locator('.cfield[data-path="$.date"] label').text_content() == "Date (EDTF)"
    assert field(first, "$.date").input_value() == "2025-04-21"
    page.click('.lang-toggle a[data-lang="ko"]')

    first.locator(".draft-tick").check()
    page.click("#d-submit")
    page.wait_for_selector('body[data-ready="true"]', state="attached", timeout=30000)
    assert first.get_attribute("data-state") == "recorded"
    assert card(page, 1).get_attribute("data-state") is None  # not ticked, not sent
    new_id = first.locator(".draft-state code").text_content()
    history = pair.writes.get(f"/v1/events/{new_id}/history").json()
    recorded = history[0]["data"]
    assert recorded["date"] == "2025-04-21" and recorded["sources"][0]["publisher"] == "테스트 통신"
    assert recorded["title"] == expected[0]["record"]["title"] and recorded["kind"] == expected[0]["record"]["kind"]
    assert recorded["sources"][0]["quote"] == expected[0]["quote"]
    assert f"#{history[0]['position']}" in first.locator(".draft-state").text_content()
    assert field(first, "$.title").is_disabled() and first.locator(".draft-tick").is_disabled()  # locked

    # the card links to the event on the timeline, where it now is
    wait_for(pair.api, history[0]["position"])
    link = first.locator(".timeline-link")
    assert link.get_attribute("href") == f"/?country=KR&partner=FI#event-{new_id}"
    timeline = follow(page, link)  # in a new tab: the review stays as it is
    wait_view(timeline, "/?country=KR&partner=FI")
    event = timeline.locator(f'#timeline .event[data-id="{new_id}"]')
    assert event.locator(".title").text_content() == expected[0]["record"]["title"]
    assert "is-focused" in event.get_attribute("class")
    assert field(first, "$.title").input_value() == expected[0]["record"]["title"]
    assert page.problems == [] and page.dialogs == []


def test_a_possible_duplicate_is_a_link_to_the_recorded_event(page, pair):
    text = article("ko_cancelled.txt")
    body = {"text": text, "published": "2024-11-08"}
    signing = next(d for d in pair.drafts(body)["drafts"] if d["record"]["kind"] == "signing")
    record = {**signing["record"], "sources": [{**signing["record"]["sources"][0], "publisher": "테스트 통신"}]}
    r = pair.writes.post("/v1/events", json=record)
    assert r.status_code == 201, r.text
    recorded = r.json()
    wait_for(pair.api, recorded["position"])

    open_drafts(page)
    make_drafts(page, text, published="2024-11-08")
    drafts = pair.drafts(body)["drafts"]
    i = next(k for k, d in enumerate(drafts) if d["record"]["kind"] == "signing")
    assert [m["id"] for m in drafts[i]["matches"]][:1] == [recorded["id"]]
    match = card(page, i).locator(f'.match[data-id="{recorded["id"]}"] a')
    assert match.text_content() == record["title"]
    assert match.get_attribute("href") == f"/?country=KR&partner=AU#event-{recorded['id']}"
    assert "$.sources[0].publisher" in marked(card(page, i), "missing")  # no publisher given this time

    card(page, i).locator(".draft-quote").click()
    if pair.backend == "sqlite":  # the docs' screenshot, once
        # the current card at the top of the window, the article (sticky) beside it
        card(page, i).evaluate("c => window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY - 16)")
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        assert SCREENSHOT.stat().st_size > 20_000

    timeline = follow(page, match)
    wait_view(timeline, "/?country=KR&partner=AU")
    assert "is-focused" in timeline.locator(f'#timeline .event[data-id="{recorded["id"]}"]').get_attribute("class")
    assert page.problems == [] and page.dialogs == []


def test_a_refused_submit_shows_the_errors_on_the_card_then_goes_through(page, pair):
    text = article("heldout_ko_visit.txt")
    open_drafts(page, "en")
    make_drafts(page, text, published="2025-01-15", publisher="테스트 통신")
    assert page.locator("#cards .draft-card").count() >= 2
    for i in range(page.locator("#cards .draft-card").count()):
        card(page, i).locator(".draft-tick").set_checked(i == 0)
    first = card(page, 0)
    field(first, "$.date").fill("2025-13-01")
    field(first, "$.participants[1].country").fill("XX")
    head = pair.head()
    page.click("#d-submit")
    page.wait_for_selector('body[data-ready="true"]', state="attached", timeout=30000)
    assert first.get_attribute("data-state") == "refused"
    assert marked(first, "invalid") == {"$.date", "$.participants[1].country"}
    assert "month 13" in first.locator('.cfield[data-path="$.date"] .field-note').text_content()
    assert "XX" in first.locator('.cfield[data-path="$.participants[1].country"] .field-note').text_content()
    assert "422" in first.locator(".card-errors").text_content()
    assert pair.head() == head  # nothing appended
    assert page.locator("#submit-note").text_content() == "0 recorded · 1 refused (the cards say why)"

    field(first, "$.date").fill("2025-01-12/2025-01-14")
    field(first, "$.participants[1].country").fill("vn")  # upper-cased on the way
    assert marked(first, "invalid") == set()
    page.click("#d-submit")
    page.wait_for_selector('body[data-ready="true"]', state="attached", timeout=30000)
    assert first.get_attribute("data-state") == "recorded"
    assert first.locator(".card-errors").text_content() == ""
    assert pair.head() == head + 1
    assert page.problems == [] or all("422" in p for p in page.problems)  # the browser logs the refused request


def test_the_token_lives_in_session_storage_only(browser, page, pair):
    text = article("blind9_ko_egypt.txt")
    open_drafts(page)
    make_drafts(page, text, token="not-a-token", published="2025-03-09", publisher="테스트 통신")
    assert page.locator("#notice.error").text_content().startswith("쓰기 토큰이 없거나 맞지 않습니다")
    make_drafts(page, text, published="2025-03-09", publisher="테스트 통신")
    assert page.locator("#cards .draft-card").count() >= 1
    storage = json.loads(page.evaluate("JSON.stringify({s: {...sessionStorage}, l: {...localStorage}})"))
    assert storage == {"s": {TOKEN_KEY: WRITER}, "l": {}}
    assert page.context.cookies() == []

    # a wrong token: the ingest service refuses, the card says why, nothing is appended
    head = pair.head()
    for i in range(page.locator("#cards .draft-card").count()):
        card(page, i).locator(".draft-tick").set_checked(i == 0)
    page.fill("#d-token", "not-a-token")
    page.click("#d-submit")
    page.wait_for_selector('body[data-ready="true"]', state="attached", timeout=30000)
    assert card(page, 0).get_attribute("data-state") == "refused"
    assert card(page, 0).locator(".card-errors").text_content().startswith("쓰기 토큰이 없거나 맞지 않습니다")
    assert pair.head() == head

    # the token went to /v1/drafts and to the ingest service's /v1/events, nowhere else
    query, ingest = urlsplit(pair.query.url).netloc, urlsplit(pair.ingest.url).netloc
    sent = {(m, urlsplit(u).netloc, urlsplit(u).path) for m, u, auth in page.requests if auth}
    assert sent == {("POST", query, "/v1/drafts"), ("POST", ingest, "/v1/events")}
    assert all(urlsplit(u).netloc in (query, ingest) for _, u, _ in page.requests)

    # the same session keeps it across a reload; a new session starts without it
    page.fill("#d-token", WRITER)
    page.dispatch_event("#d-token", "change")
    open_drafts(page)
    assert page.locator("#d-token").input_value() == WRITER
    page.click("#d-token-forget")
    assert page.evaluate(f"sessionStorage.getItem('{TOKEN_KEY}')") is None
    page.fill("#d-token", WRITER)
    page.dispatch_event("#d-token", "change")
    context, other = new_page(browser, pair.query.url)
    try:
        open_drafts(other)
        assert other.locator("#d-token").input_value() == ""
        assert other.evaluate("sessionStorage.length + localStorage.length") == 0
    finally:
        context.close()


def test_a_pasted_page_is_shown_as_its_text_and_runs_nothing(page, pair):
    # our own test page, with markup that would run if it ever reached the live document
    hostile = ('<script>window.__pwned = "script"</script><img src=x onerror="window.__pwned = 1">'
               '<svg onload="window.__pwned = 2"></svg><details open ontoggle="window.__pwned = 3"><summary>s</summary></details>'
               '<div onclick="window.__pwned = 4" style="color: red">&lt;b&gt;not bold&lt;/b&gt;</div><style>p { color: red }</style>')
    html = article("en_page.html").replace("</article>", f"{hostile}</article>").replace("<body>", '<body onload="window.__pwned = 5">')
    expected = pair.drafts({"html": html, "publisher": "Test Science News"})
    open_drafts(page, "en")
    make_drafts(page, html, publisher="Test Science News")
    assert page.locator("#cards .draft-card").count() == len(expected["drafts"]) >= 2
    text = page.locator("#article-text").text_content()
    assert "Visegrad Group–Korea Science and Technology Forum" in text and "<p>" not in text and "__pwned" not in text
    assert page.locator("#article-meta").text_content().startswith(expected["article"]["title"])
    for i, d in enumerate(expected["drafts"]):  # every quote is found in the page's text
        card(page, i).locator(".draft-quote").click()
        assert " ".join("".join(page.locator("#article-text mark.current").all_text_contents()).split()) == " ".join(d["quote"].split())
    assert "<b>not bold</b>" in text  # text stays text
    assert page.locator("#article-text *:not(mark)").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert not [u for _, u, _ in page.requests if urlsplit(u).path.endswith("/x")]  # the <img> was never fetched
    assert page.problems == [] and page.dialogs == []


def test_the_page_knows_where_to_submit(page, pair):
    open_drafts(page)
    assert page.locator("#content").get_attribute("data-ingest-url") == pair.ingest.url
    assert Path(urlsplit(page.url).path).name == "drafts"
    page.click("#nav-timeline")
    page.wait_for_selector('body[data-ready="true"][data-view="/"]', state="attached", timeout=20000)
    page.click("#nav-drafts")
    page.wait_for_selector("#draft-form:not([hidden])", timeout=20000)
    assert page.problems == []
