"""Search through the real services on both backends: `GET /v1/search` and the `q` filter of
the timelines — Korean and English substrings, two-character words, every word required, best
matches first, paging, as_of, and clear 422s."""

from __future__ import annotations

import pytest

from tests.conftest import BACKENDS, make_record, store_url
from tests.integration.query_pair import running_pair

PROBLEM = "application/problem+json"
MSIT = {"name": "과학기술정보통신부", "name_en": "Ministry of Science and ICT", "country": "KR"}
NASB = {"name": "벨라루스 국립과학아카데미", "name_en": "National Academy of Sciences of Belarus",
        "country": "BY", "org": "by.nasb"}


@pytest.fixture(params=BACKENDS)
def stores(request, tmp_path):
    """The pair's stores: SQLite files, or two fresh PostgreSQL databases."""
    with store_url(request.param, tmp_path, "events.db") as ingest, \
            store_url(request.param, tmp_path, "projections.db") as query:
        yield {"ingest_store": ingest, "query_store": query}


@pytest.fixture
async def pair(stores, tmp_path):
    async with running_pair(tmp_path, **stores) as p:
        yield p


async def seed(pair) -> int:
    batch = [
        make_record("day", title="과학의 날 기념 행사", title_en="Science Day", date="2019-04-21", participants=[MSIT]),
        make_record("nasb", title="한-벨라루스 과학기술 공동위원회", date="2015-10-01", participants=[MSIT, NASB],
                    place={"city": "Minsk", "country": "BY"}, sectors=["ai"]),
        make_record("ru", title="한-러 혁신 플랫폼 MOU", date="2018-06-22", summary="아카데미 방문 일정"),
    ]
    receipts = await pair.post("/v1/events/batch", batch)
    return max(r["position"] for r in receipts["results"])


def ids(body) -> list[str]:
    return [i["id"].removeprefix("test-") for i in body["items"]]


async def test_search_across_countries(pair):
    head = await seed(pair)
    at = f"min_position={head}"
    assert ids(await pair.get(f"/v1/search?q=과학의 날&{at}")) == ["day"]
    assert ids(await pair.get(f"/v1/search?q=아카데미&{at}")) == ["ru", "nasb"]
    assert ids(await pair.get(f"/v1/search?q=벨라&{at}")) == ["nasb"]  # two characters
    assert ids(await pair.get(f"/v1/search?q=과학&{at}")) == ["day", "nasb", "ru"]  # title hits first
    assert ids(await pair.get(f"/v1/search?q=MINSK 과학&{at}")) == ["nasb"]
    assert ids(await pair.get(f"/v1/search?q=minsk 없음&{at}")) == []
    assert ids(await pair.get(f'/v1/search?q="minsk" OR*&{at}')) == []  # FTS syntax is only text
    assert ids(await pair.get(f"/v1/search?q=과학&country=BY&{at}")) == ["nasb"]
    assert ids(await pair.get(f"/v1/search?q=과학&sector=ai&{at}")) == ["nasb"]
    body = await pair.get(f"/v1/search?q=과학&limit=2&{at}")
    assert ids(body) == ["day", "nasb"] and body["items"][0]["title_en"] == "Science Day"
    rest = await pair.get(f"/v1/search?q=과학&limit=2&cursor={body['next_cursor']}&{at}")
    assert ids(rest) == ["ru"] and rest["next_cursor"] is None


async def test_q_filters_every_timeline(pair):
    head = await seed(pair)
    at = f"min_position={head}"
    assert ids(await pair.get(f"/v1/countries/KR/timeline?q=과학&{at}")) == ["nasb", "ru", "day"]  # date order
    assert ids(await pair.get(f"/v1/countries/KR/timeline?q=과학 mou&{at}")) == ["ru"]
    assert ids(await pair.get(f"/v1/countries/BY/timeline?q=아카데미&{at}")) == ["nasb"]
    sectors = await pair.get(f"/v1/sectors?q=벨라&status=all&{at}")  # and the sector counts
    assert sectors["total_events"] == 1 and [s["sector"] for s in sectors["sectors"]] == ["ai"]
    csv = await pair.get(f"/v1/countries/KR/timeline?q=벨라&format=csv&{at}")
    assert "nasb" in csv and "test-day" not in csv


async def test_search_as_of_a_correction(pair):
    head = await seed(pair)
    fix = await pair.post("/v1/events/test-day/corrections", {"expected_version": 1, "reason": "renamed",
                                                              "changes": {"title": "지구의 날"}})
    at = fix["position"]
    assert at > head
    assert ids(await pair.get(f"/v1/search?q=지구의&min_position={at}")) == ["day"]
    assert ids(await pair.get(f"/v1/search?q=지구의&as_of={head}")) == []
    assert ids(await pair.get(f"/v1/search?q=과학의 날&as_of={head}")) == ["day"]
    assert ids(await pair.get(f"/v1/search?q=과학의 날&min_position={at}")) == []


@pytest.mark.parametrize("query", ["", "q=", "q=a", "q=과 학", "q=" + "ab " * 11, "q=ab&country=XX",
                                   "q=ab&cursor=nope", "q=ab&limit=0", "q=ab%00cd"])
async def test_bad_searches_are_422(pair, query):
    r = await pair.query.get(f"/v1/search?{query}")
    assert r.status == 422 and r.content_type == PROBLEM, await r.text()
    if query.startswith("q=") and "&" not in query:  # the same `q` on a timeline
        r = await pair.query.get(f"/v1/countries/KR/timeline?{query}")
        assert r.status == 422 and r.content_type == PROBLEM, await r.text()
