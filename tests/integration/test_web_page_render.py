"""The first view of the web page as the server renders it (no browser, no JavaScript): the
events of the address's selection, read through the JSON timeline route's reader, in HTML
where every record text is escaped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from services.query import web_page
from services.query.web_page import render
from tests.conftest import make_record
from tests.integration.query_pair import running_pair
from tests.integration.test_query_security import secured_query, tokens  # noqa: F401 - a fixture
from tests.logbuilder import party

FIXTURE = json.loads((Path(__file__).parents[1] / "browser" / "fixtures" / "open_start_timeline.json").read_text(encoding="utf-8"))
HOSTILE = make_record(
    "hostile", title="<img src=x onerror=alert(1)>", title_en="<script>alert('en')</script>",
    summary="</p><script>alert(2)</script>{{ 7*7 }}",
    participants=[{"name": '"><svg onload=alert(3)>', "name_en": "{% raw %}<b>x</b>", "country": "FR"},
                  {"name": "<iframe src=javascript:alert(6)>", "country": "DE"}],
    place={"city": "<script>alert(7)</script>", "country": "FR"}, sources=[{"url": 'https://example.org/"><img/src=x/onerror=alert(4)>', "title": "<a href=javascript:alert(5)>s</a>",
                          "publisher": "<u>p</u>"}])


class Tags(HTMLParser):
    """Every start tag of a document with its attributes, as a browser's parser would see them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def event_ids(html: str) -> list[str]:
    return re.findall(r'<li class="event [^"]*" data-id="([^"]+)"', html)


@pytest.fixture
async def pair(tmp_path):
    async with running_pair(tmp_path) as p:
        batch = [make_record("by1", date="2019-05-16", participants=party("KR", "BY"), kind="visit", title="벨라루스 방문"),
                 make_record("by2", date="2017", participants=party("BY", "KR"), title="과학기술 협정", status="planned"),
                 make_record("ru", date="2018-06-22"), HOSTILE]
        results = (await p.post("/v1/events/batch", batch))["results"]
        p.head = max(r["position"] for r in results)
        await p.get(f"/v1/countries?min_position={p.head}")
        yield p


async def page(pair, address: str, status: int = 200) -> str:
    r = await pair.query.get(address, allow_redirects=False)
    assert r.status == status, await r.text()
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    return await r.text()


async def test_the_first_view_lists_what_the_api_lists(pair):
    for address, query in [("/?country=BY&partner=KR", "partner=KR"), ("/?country=KR", ""),
                           ("/?country=KR&kind=visit", "kind=visit"), ("/?country=KR&status=planned", "status=planned")]:
        html = await page(pair, address)
        items = (await pair.get(f"/v1/countries/{address[10:12]}/timeline?{query}"))["items"]
        assert event_ids(html) == [i["id"] for i in items] and items, address
    html = await page(pair, "/?country=BY&partner=KR")
    assert "<h1 id=\"page-heading\">벨라루스 – 대한민국</h1>" in html
    assert "<title>벨라루스 – 대한민국 · Coopline</title>" in html
    assert '<section class="year" data-group="2017"' in html and ">벨라루스 방문</h4>" in html
    assert '<span class="badge planned">예정</span>' in html and "2019년 5월 16일" in html
    assert 'href="/v1/countries/BY/timeline?format=csv&amp;partner=KR"' in html
    assert '<a id="clear-filters" href="/?country=BY&amp;partner=KR" data-i18n="clear">거르기 풀기</a>' in html
    en = await page(pair, "/?country=BY&partner=KR&lang=en")
    assert '<html lang="en">' in en and "Belarus – South Korea" in en and "16 May 2019" in en and "2 events" in en
    for lang_html, texts in ((html, render.words.TEXTS["ko"]), (en, render.words.TEXTS["en"])):
        assert "built-in method" not in lang_html and "<bound method" not in lang_html
        assert f'<summary data-i18n="as_of">{texts["as_of"]}</summary>' in lang_html


async def test_record_text_comes_out_escaped(pair):
    for address in ("/?country=FR&partner=DE", "/?country=FR&lang=en"):
        html = await page(pair, address)
        assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&lt;script&gt;alert(&#39;en&#39;)&lt;/script&gt;" in html
        assert "&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;{{ 7*7 }}" in html  # data is never a template
        assert "&#34;&gt;&lt;svg onload=alert(3)&gt;" in html and "{% raw %}&lt;b&gt;x&lt;/b&gt;" in html
        for raw in ("<img src=x", "<script>alert", "<svg", "<iframe", "<u>p</u>", "<a href=javascript", "<b>x</b>"):
            assert raw not in html, (address, raw)
        tags = Tags(html).tags
        assert [t for t, a in tags if t in ("img", "svg", "iframe", "u", "b")] == ["img"]  # the logo
        assert all(a.get("src", "").startswith("/static/") for t, a in tags if t == "script")
        assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
        links = [a["href"] for t, a in tags if t == "a" and a.get("href", "").startswith("https://")]
        assert links == ['https://example.org/"><img/src=x/onerror=alert(4)>']  # an attribute value, never markup


async def test_an_untidy_address_is_sent_to_its_canonical_form(pair):
    r = await pair.query.get("/?country=by&partner=kr&kind=&sector=&status=all&from=&to=&match=overlap&as_of=&lang=ko&x=1",
                             allow_redirects=False)
    assert r.status == 303 and r.headers["Location"] == "/?country=BY&partner=KR"
    assert r.headers["Content-Security-Policy"].startswith("default-src 'self'")
    r = await pair.query.get("/?lang=en&from=2019&match=within&country=KR&as_of=2026-01-01T00:00:00Z", allow_redirects=False)
    assert r.status == 303 and r.headers["Location"] == "/?country=KR&from=2019&match=within&as_of=2026-01-01T00%3A00%3A00Z&lang=en"
    await page(pair, r.headers["Location"])  # and the canonical form stays put


async def test_a_bad_selection_is_a_readable_page(pair):
    html = await page(pair, "/?country=ZZ")  # the page is found; the selection's error is in it
    assert "&#39;ZZ&#39; is not an ISO 3166-1 alpha-2 country code" in html and 'class="notice error"' in html
    html = await page(pair, "/?country=KR&from=2019-13")
    assert "from:" in html and event_ids(html) == []
    assert event_ids(await page(pair, "/?country=JP")) == []  # an ISO code with no events: the empty notice
    assert "기록된 사건이 없습니다" in await page(pair, "/?country=JP")


async def test_as_of_renders_the_record_as_known_then(pair):
    receipt = await pair.post("/v1/events/test-by1/corrections",
                              {"expected_version": 1, "changes": {"title": "벨라루스 방문 (정정)"}, "reason": "a later report"})
    html = await page(pair, f"/?country=BY&as_of={receipt['position']}")
    assert ">벨라루스 방문 (정정)</h4>" in html and '<span class="badge corrected">' in html
    html = await page(pair, f"/?country=BY&as_of={receipt['position'] - 1}")
    assert ">벨라루스 방문</h4>" in html and "badge corrected" not in html
    assert f"로그 위치 {receipt['position'] - 1} 시점에 알려진 대로" in html


async def test_reads_behind_a_token_are_not_rendered(tmp_path, tokens):  # noqa: F811 - the fixture
    async with secured_query(tmp_path, tokens, public_reads=False) as client:
        r = await client.get("/?country=KR")
        assert r.status == 200 and event_ids(await r.text()) == []


def test_undated_group_and_english_titles_render_by_the_contract():
    # The contract's open-start items (start null) and title_en, rendered by the page's own
    # code; through the real API in tests/browser/test_web_page_undated_api.py once served.
    for lang, heading in (("ko", "날짜 미상 · 2023년 이전"), ("en", "Undated · before 2024")):
        context = render._base({"country": "NO", "partner": "KR", "lang": lang}, lang)
        context["groups"] = render._groups(lang, [render._event(lang, it) for it in FIXTURE["items"]])
        assert [g["key"] for g in context["groups"]] == ["2019", "2021", "undated"]
        html = web_page._TEMPLATES.get_template("page.html").render(context)
        assert f'<h3 class="year-heading">{heading}<span' in html
        assert event_ids(html) == [i["id"] for i in FIXTURE["items"]]
        title = FIXTURE["items"][0]["title_en"] if lang == "en" else FIXTURE["items"][0]["title"]
        assert f'<h4 class="title" lang="{lang}">{title}</h4>' in html
    assert '<h4 class="title" lang="ko">' + FIXTURE["items"][1]["title"] in html  # no title_en: falls back
    assert "2023년 이전" in render.words.human_date("ko", "../2023") and render.words.human_date("en", "../2023") == "until 2023"
