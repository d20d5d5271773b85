"""Releases on the query side, through a real ingest + query pair on both backends: the list,
what changed between two releases, `release=` on every read (the same as `as_of=` its
position), the exports' `Coopline-Release` header and title, and unknown names."""

from __future__ import annotations

import urllib.parse

import pytest

from services.query.context import FOLLOWER
from services.query.routes import common
from tests.conftest import make_record
from tests.integration.test_query_reads import seed
from tests.integration.test_query_rebuild import wait_job
from tests.logbuilder import party

PROBLEM = "application/problem+json"
READS = ["/v1/countries", "/v1/countries/KR/timeline", "/v1/countries/KR/partners", "/v1/sectors?status=all",
         "/v1/sectors?country=KR&by=year", "/v1/events/test-ru", "/v1/events/test-dk",
         "/v1/countries/KR/timeline?format=csv"]


async def test_releases_on_sqlite(pair):
    await check_releases(pair)


@pytest.mark.postgres
async def test_releases_on_postgres(pg_pair):
    await check_releases(pg_pair)


def _with(path: str, query: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{query}"


async def _release(pair, name: str, note: str | None = None) -> dict:
    return await pair.post("/v1/releases", {"name": name, **({"note": note} if note else {})})


async def _correct(pair, cid: str, version: int, title: str) -> int:
    r = await pair.post(f"/v1/events/{cid}/corrections",
                        {"expected_version": version, "changes": {"title": title}, "reason": "typo"})
    return r["position"]


async def _problem(pair, path: str, status: int) -> dict:
    r = await pair.query.get(path)
    assert r.status == status and r.content_type == PROBLEM, (path, r.status, await r.text())
    return await r.json()


async def check_releases(pair):
    head = await seed(pair)
    v1 = await _release(pair, "v1", "the first report")
    assert v1["position"] == head
    # Between v1 and v2: one added, two corrected (one twice), one retracted; one both added
    # and retracted (in no list), and a correction of a cooperation added in the range (added only).
    added = await pair.post("/v1/events", make_record("new", date="2020", participants=party("KR", "BY")))
    await pair.post("/v1/events", make_record("tmp", date="2021", participants=party("KR", "BY")))
    await pair.post("/v1/events/test-tmp/retraction", {"expected_version": 1, "reason": "dup"})
    await _correct(pair, "test-new", 1, "new, corrected")
    by1 = await _correct(pair, "test-by1", 1, "by1 once")
    ru = await _correct(pair, "test-ru", 1, "ru corrected")
    by1 = await _correct(pair, "test-by1", 2, "by1 twice")
    dk = (await pair.post("/v1/events/test-dk/retraction", {"expected_version": 1, "reason": "wrong"}))["position"]
    v2 = await _release(pair, "v2")
    last = v2["record"]["position"]

    listed = await pair.get(f"/v1/releases?min_position={last}")
    assert listed == [
        {"name": "v1", "note": "the first report", "position": head, "hash": v1["hash"],
         "time": listed[0]["time"], "record_position": v1["record"]["position"]},
        {"name": "v2", "note": None, "position": v2["position"], "hash": v2["hash"],
         "time": listed[1]["time"], "record_position": last}]
    assert listed[0]["time"] <= listed[1]["time"] and listed[0]["time"].endswith("Z")
    assert [r["name"] for r in await pair.get(f"/v1/releases?as_of={v1['record']['position']}")] == ["v1"]
    assert await pair.get(f"/v1/releases?as_of={head}") == []

    changes = await pair.get("/v1/releases/v2/changes?since=v1")
    assert changes["release"] == "v2" and changes["since"] == "v1" and changes["since_position"] == head
    assert changes["added"] == [{"id": "test-new", "title": "new, corrected", "position": added["position"]}]
    assert changes["corrected"] == [{"id": "test-ru", "title": "ru corrected", "position": ru},
                                    {"id": "test-by1", "title": "by1 twice", "position": by1}]
    assert [(e["id"], e["position"]) for e in changes["retracted"]] == [("test-dk", dk)]
    everything = await pair.get("/v1/releases/v1/changes")  # since the empty log
    assert everything["since"] is None and everything["corrected"] == everything["retracted"] == []
    assert sorted(e["id"] for e in everything["added"]) == ["test-by1", "test-by2", "test-dk", "test-nz", "test-ru"]
    assert (await pair.get("/v1/releases/v2/changes?since=v2"))["added"] == []

    # release=NAME is as_of=its position, on every read; the release records show nowhere.
    for path in READS:
        by_release = await pair.get(_with(path, "release=v1"))
        assert by_release == await pair.get(_with(path, f"as_of={head}")), path
    assert (await pair.get("/v1/events/test-ru?release=v1"))["title"] != "ru corrected"
    assert (await pair.get("/v1/events/test-ru?release=v2"))["title"] == "ru corrected"
    assert "test-new" not in str(await pair.get("/v1/countries/KR/timeline?release=v1"))

    # Exports name the release and its hash.
    r = await pair.query.get("/v1/countries/KR/timeline?format=csv&release=v1")
    assert r.status == 200 and r.headers["Coopline-Release"] == f"v1; position={head}; hash={v1['hash']}"
    assert r.headers["Content-Disposition"] == 'attachment; filename="coopline-KR-timeline-v1.csv"'
    r = await pair.query.get("/v1/countries/KR/timeline?format=timelinejs&lang=en&release=v2")
    assert r.headers["Coopline-Release"] == f"v2; position={v2['position']}; hash={v2['hash']}"
    title = (await r.json())["title"]["text"]["text"]
    assert "Release v2" in title and v2["hash"] in title and str(v2["position"]) in title
    r = await pair.query.get(f"/v1/countries/KR/timeline?format=csv&as_of={head}")
    assert "Coopline-Release" not in r.headers

    # A rebuild from the log keeps the releases (they are a projection like the others).
    r = await pair.query.post("/v1/rebuilds", json={})
    assert r.status == 202, await r.text()
    assert (await wait_job(pair, (await r.json())["id"]))["state"] == "succeeded"
    assert await pair.get("/v1/releases") == listed
    assert await pair.get("/v1/releases/v2/changes?since=v1") == changes

    # Unknown names and bad combinations.
    await _problem(pair, "/v1/releases/nope/changes", 404)
    await _problem(pair, "/v1/releases/v2/changes?since=nope", 422)
    await _problem(pair, "/v1/releases/v1/changes?since=v2", 422)
    for query in ("release=nope", f"release=v1&as_of={head}", "release=" + urllib.parse.quote("bad name"),
                  "release=" + urllib.parse.quote("v1\n")):
        for path in READS:
            body = await _problem(pair, _with(path, query), 422)
            assert body["errors"][0]["path"] == "query.release", (path, query)


async def test_an_unknown_release_while_the_projections_lag_is_503(pair, monkeypatch):
    """While the projections are behind the log's head the release may be in what they have not
    read: 503 with Retry-After, not 422. (The follower is told of a head it cannot reach.)"""
    head = await seed(pair)
    await pair.get(f"/v1/countries?min_position={head}")
    monkeypatch.setattr(common, "WAIT_SECONDS", 0.3)
    follower = pair.query.app[FOLLOWER]
    follower.head = follower.applied.position + 100
    r = await pair.query.get("/v1/countries/KR/timeline?release=later")
    assert r.status == 503 and r.headers["Retry-After"] and r.content_type == PROBLEM, await r.text()
    r = await pair.query.get("/v1/releases/later/changes")
    assert r.status == 503, await r.text()
