"""Open-start dates (`../B`: on or before B, start unknown) in every read, on both backends:
timelines put them after every known start, by end; windows keep them by their end; year
buckets gather them in a last `{"year": null}`; `first` ignores them. Items carry `title_en`
(null when absent) and pass participants' `org` and sources' `quote` through."""

from __future__ import annotations

import pytest

from tests.conftest import make_record
from tests.integration.query_pair import running_pair
from tests.logbuilder import party


@pytest.fixture
async def pair(tmp_path):  # on PostgreSQL: test_query_postgres.py collects the tests with its own
    async with running_pair(tmp_path) as p:
        yield p


async def seed(pair) -> int:
    batch = [
        make_record("known", date="2015-03", participants=party("KR", "BY"), sectors=["ai"]),
        make_record("open-2023", date="../2023", participants=party("KR", "BY"), sectors=["ai"],
                    title_en="An agreement listed without a date"),
        make_record("open-2010", date="../2010-06", participants=party("KR"), sectors=["space"], status="planned"),
        make_record("late", date="2021/..", participants=party("KR"), sectors=[]),
        make_record("only-open", date="../2019", participants=party("DK", "KR"), sectors=["ict"]),
    ]
    batch[0]["participants"][0]["org"] = "kr.msit"
    batch[0]["sources"][0]["quote"] = "the passage that states it"
    receipts = await pair.post("/v1/events/batch", batch)
    return max(r["position"] for r in receipts["results"])


def ids(body) -> list[str]:
    return [i["id"] for i in body["items"]]


async def test_open_starts_in_timelines_windows_buckets_and_summaries(pair):
    head = await seed(pair)
    at = f"min_position={head}"
    timeline = await pair.get(f"/v1/countries/KR/timeline?{at}")
    assert ids(timeline) == ["test-known", "test-late", "test-open-2010", "test-only-open", "test-open-2023"]
    open_item = timeline["items"][-1]
    assert (open_item["start"], open_item["end"], open_item["precision"]) == (None, "2023-12-31", "year")
    assert open_item["title_en"] == "An agreement listed without a date" and timeline["items"][0]["title_en"] is None
    assert timeline["items"][0]["participants"][0]["org"] == "kr.msit"
    assert timeline["items"][0]["sources"][0]["quote"] == "the passage that states it"
    # pages of two: the cursor walks through the open starts as well
    page = await pair.get(f"/v1/countries/KR/timeline?limit=2&{at}")
    seen = ids(page)
    while page["next_cursor"]:
        page = await pair.get(f"/v1/countries/KR/timeline?limit=2&cursor={page['next_cursor']}&{at}")
        seen += ids(page)
    assert seen == ids(timeline)

    # overlap: an open start stays when its end is on or after `from`, or when there is no `from`
    assert ids(await pair.get(f"/v1/countries/KR/timeline?from=2016&{at}")) == [
        "test-late", "test-only-open", "test-open-2023"]
    assert ids(await pair.get(f"/v1/countries/KR/timeline?to=2012&{at}")) == ["test-open-2010", "test-only-open",
                                                                             "test-open-2023"]
    assert ids(await pair.get(f"/v1/countries/KR/timeline?from=2014&to=2015&{at}")) == [
        "test-known", "test-only-open", "test-open-2023"]
    # within: only when the window has no `from`, and its end within `to`
    assert ids(await pair.get(f"/v1/countries/KR/timeline?match=within&from=2000&{at}")) == ["test-known", "test-late"]
    assert ids(await pair.get(f"/v1/countries/KR/timeline?match=within&to=2020&{at}")) == [
        "test-known", "test-open-2010", "test-only-open"]

    years = await pair.get(f"/v1/sectors?status=all&country=KR&by=year&{at}")
    assert [(y["year"], y["total_events"]) for y in years["years"]] == [(2015, 1), (2021, 1), (None, 3)]
    everywhere = await pair.get(f"/v1/sectors?status=all&by=year&{at}")
    assert everywhere["years"][-1]["year"] is None and everywhere["years"][-1]["total_events"] == 3

    countries = {c["code"]: c for c in await pair.get(f"/v1/countries?{at}")}
    assert (countries["KR"]["first"], countries["KR"]["last"]) == ("2015-03-01", "2023-12-31")
    assert (countries["DK"]["first"], countries["DK"]["last"]) == (None, "2019-12-31")  # every event open-start
    partners = {p["code"]: p for p in await pair.get(f"/v1/countries/KR/partners?{at}")}
    assert (partners["BY"]["first"], partners["DK"]["first"]) == ("2015-03-01", None)
