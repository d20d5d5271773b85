"""The query service following a real ingest service: every read, filter and error."""

from __future__ import annotations

import csv
import io

import pytest

from services.query.items import FIELDS
from services.query.routes import common
from tests.conftest import make_record
from tests.integration.query_pair import running_pair
from tests.logbuilder import party

PROBLEM = "application/problem+json"


@pytest.fixture
async def pair(tmp_path):
    async with running_pair(tmp_path) as p:
        yield p


async def seed(pair) -> int:
    """Six events (KR with BY/DK/RU; planned, cancelled, open-ended…); returns the head."""
    batch = [
        make_record("ru", date="2018-06-22"),
        make_record("by1", date="2010-03", participants=party("KR", "BY"), sectors=["ai"], kind="visit"),
        make_record("by2", date="2012/..", participants=party("KR", "BY", "DK"), sectors=["ai", "space"]),
        make_record("dk", date="2011-05-01/2011-06-02", participants=party("KR", "DK"), status="planned", sectors=[]),
        make_record("gone", date="2015", participants=party("KR", "DK")),
        make_record("nz", date="2030", participants=party("NZ", "DK"), status="cancelled", sectors=["energy"]),
    ]
    await pair.post("/v1/events/batch", batch)
    receipt = await pair.post("/v1/events/test-gone/retraction", {"expected_version": 1, "reason": "dup"})
    return receipt["position"]


def ids(body) -> list[str]:
    return [i["id"] for i in body["items"]]


async def test_every_read(pair):
    head = await seed(pair)
    at = f"min_position={head}"
    countries = await pair.get(f"/v1/countries?{at}")
    assert [(c["code"], c["events"]) for c in countries] == [("BY", 2), ("DK", 3), ("KR", 4), ("NZ", 1), ("RU", 1)]
    assert countries[0] == {"code": "BY", "name_en": "Belarus", "name_ko": "벨라루스", "events": 2,
                            "first": "2010-03-01", "last": "2012-01-01"}
    timeline = await pair.get(f"/v1/countries/KR/timeline?{at}")
    assert ids(timeline) == ["test-by1", "test-dk", "test-by2", "test-ru"] and timeline["next_cursor"] is None
    assert all(tuple(i) == FIELDS for i in timeline["items"])
    partners = await pair.get(f"/v1/countries/kr/partners?{at}")
    assert [(p["code"], p["events"], p["first"], p["last"]) for p in partners] == [
        ("BY", 2, "2010-03-01", "2012-01-01"), ("DK", 2, "2011-05-01", "2012-01-01"),
        ("RU", 1, "2018-06-22", "2018-06-22")]
    sectors = await pair.get(f"/v1/sectors?{at}")  # status defaults to occurred
    assert sectors["total_events"] == 3 and sectors["sectors"][0] == {
        "sector": "ai", "label_ko": "인공지능", "label_en": "Artificial intelligence", "count": 2}
    years = await pair.get(f"/v1/sectors?status=all&country=DK&by=year&{at}")
    assert [(y["year"], y["total_events"]) for y in years["years"]] == [(2011, 1), (2012, 1), (2030, 1)]
    detail = await pair.get(f"/v1/events/test-gone?{at}")
    assert detail["retracted"] is True and [h["reason"] for h in detail["history"]] == [None, "dup"]
    assert (await pair.get("/v1/events/test-ru"))["retracted"] is False
    projections = await pair.get("/v1/projections")
    assert {p["name"] for p in projections} == {"event_detail", "country_timeline", "sector_counts", "search",
                                                "organisations", "releases"}
    assert all(p["position"] == head and p["lag_events"] == 0 for p in projections)
    assert len({p["time"] for p in projections}) == 1 and projections[0]["time"].endswith("Z")  # one checkpoint
    assert {t for p in projections for t in p["tables"]} == {"event_versions", "event_countries", "country_spans",
                                                               "event_sectors", "event_search", "event_orgs", "org_counts", "org_forms",
                                                               "releases"}
    assert (await pair.get("/v1/vocabulary"))["sectors"][0]["sector"] == "ict"
    assert "/v1/countries/{code}/timeline" in (await pair.get("/openapi.json"))["paths"]
    assert (await pair.get("/readyz"))["position"] == head
    metrics = await pair.get("/metrics")
    assert f"coopline_projection_records_applied_total {float(head)}" in metrics
    pages = float(next(line.split()[-1] for line in metrics.splitlines()
                       if line.startswith("coopline_projection_page_apply_seconds_count")))
    assert 1 <= pages <= head  # one observation per page applied
    assert "coopline_projection_lag_records 0.0" in metrics and "coopline_http_request_duration_seconds" in metrics


@pytest.mark.parametrize(("query", "expected"), [
    ("partner=DK", ["test-dk", "test-by2"]),
    ("partner=by&kind=visit", ["test-by1"]),
    ("from=2011&to=2011", ["test-dk"]),          # overlap; the open-ended by2 starts in 2012
    ("from=2011-06&match=within", ["test-by2", "test-ru"]),
    ("to=2011-05-15", ["test-by1", "test-dk"]),
    ("status=planned", ["test-dk"]),
    ("status=all&sector=ai", ["test-by1", "test-by2"]),
    ("partner=NZ", []),
])
async def test_timeline_filters(pair, query, expected):
    head = await seed(pair)
    assert ids(await pair.get(f"/v1/countries/KR/timeline?{query}&min_position={head}")) == expected


async def test_pagination_and_exports_carry_the_whole_selection(pair):
    head = await seed(pair)
    seen, cursor = [], ""
    while True:
        page = await pair.get(f"/v1/countries/KR/timeline?limit=1&min_position={head}{cursor}")
        seen += ids(page)
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert seen == ["test-by1", "test-dk", "test-by2", "test-ru"]
    r = await pair.query.get("/v1/countries/KR/timeline?format=csv&limit=1&cursor=junk")
    assert r.status == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO((await r.read()).decode("utf-8"), newline="")))
    assert rows[0][:4] == ["id", "date", "start", "end"] and [row[0] for row in rows[1:]] == seen
    tl = await pair.get("/v1/countries/KR/timeline?format=timelinejs&partner=BY&limit=1&lang=en")
    assert tl["title"]["text"]["headline"] == "South Korea – Belarus"
    assert [e["unique_id"] for e in tl["events"]] == ["test-by1", "test-by2"]
    assert tl["events"][0]["start_date"] == {"year": 2010, "month": 3} and tl["events"][0]["group"] == "Official visit or delegation"


@pytest.mark.parametrize(("path", "status"), [
    ("/v1/countries/XX/timeline", 404), ("/v1/countries/KOR/timeline", 404), ("/v1/countries/12/partners", 404),
    ("/v1/countries/KR/timeline?partner=XX", 422), ("/v1/sectors?country=ZZ", 422),
    ("/v1/countries/KR/timeline?kind=foo", 422), ("/v1/countries/KR/timeline?match=x", 422),
    ("/v1/countries/KR/timeline?status=x", 422), ("/v1/sectors?status=x", 422), ("/v1/sectors?by=month", 422),
    ("/v1/countries/KR/timeline?limit=1001", 422), ("/v1/countries/KR/timeline?limit=0", 422),
    ("/v1/countries/KR/timeline?from=2012&to=2011", 422), ("/v1/countries/KR/timeline?from=2012?", 422),
    ("/v1/countries/KR/timeline?format=xml", 422), ("/v1/countries/KR/timeline?cursor=nope", 422),
    ("/v1/countries?as_of=soon", 422), ("/v1/countries?min_position=-1", 422),
    ("/v1/events/unknown", 404), ("/v1/events/bad%20id", 404), ("/v1/rebuilds/nope", 404),
])
async def test_errors_are_problems(pair, path, status):
    r = await pair.query.get(path)
    assert r.status == status and r.content_type == PROBLEM, await r.text()
    body = await r.json()
    assert body["status"] == status and body["detail"]


@pytest.mark.parametrize(("path", "status", "suggested"), [
    ("/v1/countries/Korea/timeline", 404, "KR (South Korea)"), ("/v1/countries/%EB%B2%A8%EB%9D%BC%EB%A3%A8%EC%8A%A4/partners", 404, "BY (Belarus)"),
    ("/v1/countries/KR/timeline?partner=Denmark", 422, "DK (Denmark)"), ("/v1/sectors?country=KOR", 422, "KR (South Korea)"),
])
async def test_a_country_name_is_answered_with_the_code_to_use(pair, path, status, suggested):
    r = await pair.query.get(path)
    assert r.status == status and r.content_type == PROBLEM
    detail = (await r.json())["detail"]
    assert "did you mean" in detail and suggested in detail


async def test_iso_code_without_events_is_empty(pair):
    assert await pair.get("/v1/countries/FJ/timeline") == {"items": [], "next_cursor": None}
    assert await pair.get("/v1/countries/FJ/partners") == []
    assert await pair.get("/v1/sectors?country=FJ") == {"total_events": 0, "sectors": []}


async def test_corrections_and_retractions_move_events(pair):
    await seed(pair)
    await pair.post("/v1/events/test-by1/corrections", {"expected_version": 1, "reason": "date",
                                                        "changes": {"date": "2019-01-01"}})
    await pair.post("/v1/events/test-ru/corrections", {"expected_version": 1, "reason": "who",
                                                       "changes": {"participants": party("kr", "by"), "sectors": ["space"]}})
    r = await pair.post("/v1/events/test-dk/retraction", {"expected_version": 1, "reason": "never happened"})
    at = f"min_position={r['position']}"
    assert ids(await pair.get(f"/v1/countries/KR/timeline?{at}")) == ["test-by2", "test-ru", "test-by1"]
    assert ids(await pair.get(f"/v1/countries/RU/timeline?{at}")) == []
    assert ids(await pair.get(f"/v1/countries/BY/timeline?{at}")) == ["test-by2", "test-ru", "test-by1"]
    sectors = await pair.get(f"/v1/sectors?country=KR&{at}")
    assert {s["sector"]: s["count"] for s in sectors["sectors"]} == {"ai": 2, "space": 2}
    item = (await pair.get(f"/v1/countries/KR/timeline?partner=BY&from=2019&match=within&{at}"))["items"][0]
    assert item["id"] == "test-by1" and item["corrected"] and item["version"] == 2 and item["position"] == 2


async def test_min_position_right_after_a_write_and_422_beyond_the_log(pair, monkeypatch):
    for n in range(5):
        receipt = await pair.post("/v1/events", make_record(n))
        body = await pair.get(f"/v1/countries/RU/timeline?min_position={receipt['position']}")
        assert ids(body)[-1] == f"test-{n}"
    monkeypatch.setattr(common, "WAIT_SECONDS", 0.3)
    head = receipt["position"]
    for name in ("min_position", "as_of"):  # beyond the log, confirmed with ingest: 422 naming the head
        r = await pair.query.get(f"/v1/countries?{name}=999")
        body = await r.json()
        assert r.status == 422 and r.content_type == PROBLEM and body["head"] == head, body
        assert body["errors"][0]["path"] == f"query.{name}" and f"its head is {head}" in body["detail"]
    assert (await pair.query.get(f"/v1/countries?min_position={head}")).status == 200  # the head itself: fine


async def answer(client, path: str) -> tuple[int, object]:
    r = await client.get(path)
    body = await r.json()
    return r.status, body if r.status == 200 else body["detail"].split(" at ")[0]


async def test_as_of_matches_a_replay_of_the_log_prefix(pair):
    await seed(pair)
    await pair.post("/v1/events/test-by2/corrections", {"expected_version": 1, "reason": "r",
                                                        "changes": {"date": "2009", "sectors": ["ict"]}})
    await pair.post("/v1/events/test-ru/retraction", {"expected_version": 1, "reason": "r"})
    last = await pair.post("/v1/events/test-dk/corrections", {"expected_version": 1, "reason": "r",
                                                              "changes": {"participants": party("KR", "RU")}})
    records = await pair.log()
    paths = ["/v1/countries", "/v1/countries/KR/timeline", "/v1/countries/DK/partners", "/v1/countries/RU/timeline",
             "/v1/sectors?status=all&by=year", "/v1/sectors?country=KR", "/v1/events/test-by2"]
    await pair.get(f"/v1/countries?min_position={last['position']}")
    for n in (1, 4, 7, 8, 9, last["position"]):
        replay = await pair.replay(n)
        try:
            for path in paths:
                sep = "&" if "?" in path else "?"
                live = await answer(pair.query, f"{path}{sep}as_of={n}")
                assert live == await answer(replay, f"{path}{sep}min_position={n}"), (n, path)
                if n == len(records) or records[n].time > records[n - 1].time:  # a batch shares one time
                    assert await answer(pair.query, f"{path}{sep}as_of={records[n - 1].time}") == live, (n, path)
        finally:
            await replay.close()
    assert (await pair.get("/v1/countries?as_of=1999-01-01T00:00:00Z")) == []
    await pair.get("/v1/events/test-by2?as_of=0", status=404)
