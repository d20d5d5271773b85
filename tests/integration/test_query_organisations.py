"""Organisations through the real services on both backends: the list, one organisation with
its partners, its timeline and exports, the `org` filter of every timeline, as_of, and 4xx."""

from __future__ import annotations

import pytest

from services.query.projections.organisations import derived_id
from tests.conftest import make_record
from tests.integration import test_query_search as search_tests
from tests.integration.test_query_search import PROBLEM, ids

stores, pair = search_tests.stores, search_tests.pair  # the fixtures: the pair on both backends

MSIT = {"name": "과학기술정보통신부", "name_en": "MSIT", "country": "KR", "type": "government"}
NASB = {"name": "벨라루스 국립과학아카데미", "name_en": "National Academy of Sciences of Belarus",
        "country": "BY", "org": "by.nasb", "type": "research"}
SKOLKOVO = {"name": "Skolkovo", "country": "RU", "org": "Q1144569"}
MSIT_ID = derived_id("KR", MSIT["name"])


async def seed(pair) -> int:
    batch = [
        make_record("a", date="2015-10", participants=[MSIT, NASB]),
        make_record("b", date="2017", participants=[MSIT, NASB, SKOLKOVO]),
        make_record("c", date="2019", participants=[MSIT, SKOLKOVO]),
    ]
    receipts = await pair.post("/v1/events/batch", batch)
    return max(r["position"] for r in receipts["results"])


async def test_list_detail_timeline_and_filter(pair):
    at = f"min_position={await seed(pair)}"
    body = await pair.get(f"/v1/organisations?{at}")
    assert [(o["org"], o["events"]) for o in body["items"]] == [(MSIT_ID, 3), ("Q1144569", 2), ("by.nasb", 2)]
    assert body["items"][0] == {"org": MSIT_ID, "name": "과학기술정보통신부", "name_en": "MSIT",
                                "names": ["과학기술정보통신부", "MSIT"], "country": "KR", "type": "government",
                                "events": 3, "first": "2015-10-01", "last": "2019-12-31"}
    page = await pair.get(f"/v1/organisations?limit=2&{at}")
    rest = await pair.get(f"/v1/organisations?limit=2&cursor={page['next_cursor']}&{at}")
    assert [o["org"] for o in page["items"] + rest["items"]] == [MSIT_ID, "Q1144569", "by.nasb"]
    assert rest["next_cursor"] is None
    assert [o["org"] for o in (await pair.get(f"/v1/organisations?country=BY&{at}"))["items"]] == ["by.nasb"]
    assert [o["org"] for o in (await pair.get(f"/v1/organisations?q=아카데미&{at}"))["items"]] == ["by.nasb"]
    nasb = await pair.get(f"/v1/organisations/by.nasb?{at}")
    assert nasb["events"] == 2 and [(p["org"], p["events"]) for p in nasb["partners"]] == [(MSIT_ID, 2), ("Q1144569", 1)]
    assert ids(await pair.get(f"/v1/organisations/{MSIT_ID}/timeline?{at}")) == ["a", "b", "c"]
    assert ids(await pair.get(f"/v1/organisations/{MSIT_ID}/timeline?from=2016&{at}")) == ["b", "c"]
    assert ids(await pair.get(f"/v1/countries/KR/timeline?org=Q1144569&{at}")) == ["b", "c"]
    assert ids(await pair.get(f"/v1/search?q=MOU&org=by.nasb&{at}")) == ["b", "a"]
    csv = await pair.get(f"/v1/organisations/by.nasb/timeline?format=csv&{at}")
    assert "test-a" in csv and "test-b" in csv and "test-c" not in csv
    tjs = await pair.get(f"/v1/organisations/by.nasb/timeline?format=timelinejs&lang=en&{at}")
    assert tjs["title"]["text"]["headline"].startswith("National Academy") and len(tjs["events"]) == 2


async def test_as_of_a_correction_adding_an_org(pair):
    head = await seed(pair)
    fix = await pair.post("/v1/events/test-c/corrections", {"expected_version": 1, "reason": "org",
                          "changes": {"participants": [{**MSIT, "org": "kr.msit"}, SKOLKOVO]}})
    r = await pair.query.get(f"/v1/organisations/kr.msit?as_of={head}&min_position={fix['position']}")
    assert r.status == 404 and r.content_type == PROBLEM
    now = await pair.get(f"/v1/organisations/kr.msit?min_position={fix['position']}")
    assert now["events"] == 1 and [p["org"] for p in now["partners"]] == ["Q1144569"]
    assert (await pair.get(f"/v1/organisations/{MSIT_ID}?as_of={head}"))["events"] == 3
    assert (await pair.get(f"/v1/organisations/{MSIT_ID}?min_position={fix['position']}"))["events"] == 2


@pytest.mark.parametrize(("path", "status"), [
    ("/v1/organisations/not%20an%20org", 404), ("/v1/organisations/name:kr:zz/timeline", 404),
    ("/v1/organisations/kr.nobody", 404), ("/v1/organisations?cursor=nope", 422),
    ("/v1/organisations?country=XX", 422), ("/v1/organisations?q=a", 422),
    ("/v1/countries/KR/timeline?org=bad%20id", 422), ("/v1/organisations/by.nasb/timeline?format=pdf", 422)])
async def test_bad_organisation_reads(pair, path, status):
    r = await pair.query.get(path)
    assert r.status == status and r.content_type == PROBLEM, await r.text()
