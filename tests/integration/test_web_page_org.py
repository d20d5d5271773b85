"""The organisation view of the web page as the server renders it (`/?org=ID`, no JavaScript): the
organisation's names, country, type, partners and timeline, read through the same readers as
`/v1/organisations/{org}` and its timeline, with the page's filters and "as known on" point; on
SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from services.query.projections.organisations import derived_id
from tests.conftest import make_record
from tests.integration.test_web_page_render import event_ids, page

MSIT = {"name": "과학기술정보통신부", "name_en": "Ministry of Science and ICT", "country": "KR", "type": "government",
        "org": "kr.msit"}
# recorded without `org`, once with untidy white space: one organisation all the same
NASB = "벨라루스 국립과학아카데미"
NASB_ID = derived_id("BY", NASB)


def records() -> list[dict]:
    academy = {"name": NASB, "country": "BY", "type": "research"}
    return [
        make_record("org1", date="2019-05-16", kind="visit", title="방문",
                    participants=[MSIT, {**academy, "name": "  벨라루스\u3000 국립과학아카데미 "}]),
        make_record("org2", date="2017", title="협정", status="planned",
                    participants=[academy, {"name": "KISTI", "country": "KR", "type": "research"}]),
        make_record("org3", date="2020-02", kind="forum", title="포럼",
                    participants=[MSIT, academy, {"name": "러시아 경제개발부", "country": "RU", "org": "ru.minek"}]),
    ]


def partner_orgs(html: str) -> list[str]:
    return re.findall(r'<li class="org-partner" data-org="([^"]+)"', html)


async def check_org_view(p) -> None:
    results = (await p.post("/v1/events/batch", records()))["results"]
    positions = [r["position"] for r in results]
    await p.get(f"/v1/countries?min_position={positions[-1]}")
    nasb = quote(NASB_ID, safe="")

    html = await page(p, f"/?org={nasb}")
    api = await p.get(f"/v1/organisations/{nasb}")
    items = (await p.get(f"/v1/organisations/{nasb}/timeline"))["items"]
    assert event_ids(html) == [i["id"] for i in items] == ["test-org2", "test-org1", "test-org3"]
    assert f'<h1 id="page-heading">{NASB}</h1>' in html and f"<title>{NASB} · Coopline</title>" in html
    assert '<p id="page-summary" class="summary">벨라루스 · 연구기관 · 사건 3건 · 2017–2020년 · 예정 1건 포함</p>' in html
    assert '<dd id="org-type">연구기관</dd>' in html and f'<code id="org-id">{NASB_ID}</code>' in html
    assert 'id="org-derived"' in html and '<a id="org-country" href="/?country=BY">벨라루스</a>' in html
    assert partner_orgs(html) == [o["org"] for o in api["partners"]] == ["kr.msit", derived_id("KR", "KISTI"), "ru.minek"]
    assert f'href="/v1/organisations/{nasb}/timeline?format=csv"' in html
    assert f'<a id="clear-filters" href="/?org={nasb}"' in html
    # every participant links to its organisation's view, the untidy name to the same id
    assert html.count(f'<a class="party-name" href="/?org={nasb}">') == 3
    assert html.count('<a class="party-name" href="/?org=kr.msit">') == 2

    # the filters, in the page's order (the organisation first), and the "as known on" point
    r = await p.query.get(f"/?kind=signing&org={nasb}", allow_redirects=False)
    assert r.status == 303 and r.headers["Location"] == f"/?org={nasb}&kind=signing"
    assert event_ids(await page(p, f"/?org={nasb}&kind=signing")) == ["test-org2"]
    assert event_ids(await page(p, f"/?org={nasb}&q=%ED%8F%AC%EB%9F%BC")) == ["test-org3"]  # q=포럼
    earlier = await page(p, f"/?org={nasb}&as_of={positions[1]}")
    assert event_ids(earlier) == ["test-org2", "test-org1"] and "로그 위치" in earlier
    assert partner_orgs(earlier) == ["kr.msit", derived_id("KR", "KISTI")]  # ru.minek came later
    assert f'href="/?org=kr.msit&amp;as_of={positions[1]}"' in earlier  # links keep the point
    # partners are the organisation's at that point (as `/v1/organisations/{org}`), whatever the filters
    assert "ru.minek" in partner_orgs(await page(p, f"/?org={nasb}&kind=visit"))

    en = await page(p, "/?org=kr.msit&lang=en")
    assert '<h1 id="page-heading">Ministry of Science and ICT</h1>' in en and '<dd id="org-type">Government</dd>' in en
    assert "South Korea · Government · 2 events" in en and 'id="org-derived"' not in en
    assert event_ids(en) == ["test-org1", "test-org3"]

    # what cannot be shown says why, in the page
    for address, words in [("/?org=kr.no-such-body", "no organisation"), ("/?org=not%20an%20id", "no organisation"),
                           (f"/?org={nasb}&from=2019-13", "from"), (f"/?org=ru.minek&as_of={positions[0]}", "no organisation")]:
        html = await page(p, address)
        assert re.search(r'<div id="notice" class="notice error" role="alert"><p>[^<]*' + words, html), address
        assert event_ids(html) == [] and '<section id="org-view" class="org-view" aria-label="기관" hidden>' in html


async def test_the_organisation_view_on_sqlite(pair):
    await check_org_view(pair)


async def test_the_organisation_view_on_postgres(pg_pair):
    await check_org_view(pg_pair)


def test_the_derived_id_of_an_untidy_name_is_the_tidy_one():
    assert derived_id("BY", "  벨라루스\u3000 국립과학아카데미 ") == NASB_ID
    assert urlencode({"org": NASB_ID}) == f"org={quote(NASB_ID, safe='')}"
