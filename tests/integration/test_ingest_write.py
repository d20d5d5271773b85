"""POST /v1/events, /batch, corrections, retractions through the real app (DESIGN §5, §7, §9)."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.conftest import make_record
from tests.integration.conftest import auth

W = auth("writer")
PROBLEM = "application/problem+json"


async def post(client, path, body, headers=W, raw=False):
    data = body if raw else json.dumps(body)
    return await client.post(path, data=data, headers={"Content-Type": "application/json", **headers})


async def log_records(client):
    resp = await client.get("/v1/log?after=0&limit=5000", headers=auth("reader"))
    return (await resp.json())["records"]


async def test_record_then_identical_retry_then_conflict(ingest):
    r = await post(ingest, "/v1/events", make_record(1))
    assert r.status == 201
    assert await r.json() == {"id": "test-1", "version": 1, "position": 1}
    # same id, same body after normalisation (country case) → 200, original receipt, nothing appended
    again = make_record(1)
    again["participants"][1]["country"] = "RU"
    r = await post(ingest, "/v1/events", again)
    assert r.status == 200
    assert await r.json() == {"id": "test-1", "version": 1, "position": 1}
    r = await post(ingest, "/v1/events", make_record(1, title="different"))
    assert r.status == 409 and r.content_type == PROBLEM
    assert len(await log_records(ingest)) == 1


async def test_recorded_data_is_normalised(ingest):
    await post(ingest, "/v1/events", make_record(1))
    (rec,) = await log_records(ingest)
    assert rec["type"] == "coopline.cooperation.recorded" and rec["subject"] == "test-1"
    assert rec["specversion"] == "1.0" and rec["source"] == "coopline/ingest"
    assert rec["streamversion"] == 1 and rec["position"] == 1 and rec["actor"] == "writer-bot"
    assert rec["time"].endswith("Z")
    data = rec["data"]
    assert data["status"] == "occurred" and data["lang"] == "ko"
    assert data["participants"][1]["country"] == "RU"
    assert data["participants"][1]["type"] == "government"


async def test_server_assigns_an_id(ingest):
    body = make_record(1)
    del body["id"]
    r = await post(ingest, "/v1/events", body)
    assert r.status == 201
    assert len((await r.json())["id"]) >= 8


@pytest.mark.parametrize("change, path", [
    ({"date": "2018-02-30"}, "$.date"),
    ({"date": "2017-04-09/13"}, "$.date"),
    ({"date": "2999-01-01"}, "$.date"),
    ({"kind": "party"}, "$.kind"),
    ({"title": ""}, "$.title"),
    ({"participants": []}, "$.participants"),
    ({"participants": [{"name": "x", "country": "XX"}]}, "$.participants[0].country"),
    ({"participants": [{"name": "x", "country": "KR", "role": "boss"}]}, "$.participants[0].role"),
    ({"sectors": ["ict", "ict"]}, "$.sectors"),
    ({"sectors": ["quantum-magic"]}, "$.sectors[0]"),
    ({"sources": [{"title": "no url or publisher"}]}, "$.sources[0]"),
    ({"id": "bad id with spaces"}, "$.id"),
    ({"unknown_field": 1}, "$"),
    ({"status": "rumoured"}, "$.status"),
])
async def test_invalid_record_is_422_naming_the_field(ingest, change, path):
    r = await post(ingest, "/v1/events", make_record(1, **change))
    assert r.status == 422 and r.content_type == PROBLEM
    body = await r.json()
    assert any(e["path"] == path for e in body["errors"]), body
    assert await log_records(ingest) == []


async def test_planned_event_may_lie_in_the_future(ingest):
    r = await post(ingest, "/v1/events", make_record(1, date="2999-05", status="planned"))
    assert r.status == 201


@pytest.mark.parametrize("body, ctype, status", [
    (b'{"kind": ', "application/json", 400),
    (b"\xff\xfe\x00not utf-8", "application/json", 400),
    (b"<xml/>", "application/xml", 415),
    (b"kind=visit", "application/x-www-form-urlencoded", 415),
])
async def test_malformed_and_wrong_type(ingest, body, ctype, status):
    r = await ingest.post("/v1/events", data=body, headers={"Content-Type": ctype, **W})
    assert r.status == status and r.content_type == PROBLEM
    problem = await r.json()
    assert problem["status"] == status and problem["title"] and problem["detail"]


async def test_oversized_single_is_413(ingest):
    big = make_record(1, summary="x" * (1024 * 1024))
    r = await post(ingest, "/v1/events", big)
    assert r.status == 413 and r.content_type == PROBLEM


async def test_hostile_strings_are_stored_verbatim(ingest):
    title = "<script>alert(1)</script>'; DROP TABLE log; --\u0000\u202e"
    r = await post(ingest, "/v1/events", make_record(1, title=title))
    assert r.status == 201
    (rec,) = await log_records(ingest)
    assert rec["data"]["title"] == title


async def test_batch_is_atomic_and_ordered(ingest):
    r = await post(ingest, "/v1/events", make_record(2))
    batch = [make_record(1), make_record(2), make_record(3)]
    r = await post(ingest, "/v1/events/batch", batch)
    assert r.status == 201
    results = (await r.json())["results"]
    assert [x["id"] for x in results] == ["test-1", "test-2", "test-3"]
    assert [x["created"] for x in results] == [True, False, True]
    assert [x["position"] for x in results] == [2, 1, 3]
    # an invalid item → 422 naming its index, nothing appended
    bad = [make_record(10), make_record(11, date="2017-13"), make_record(12)]
    r = await post(ingest, "/v1/events/batch", bad)
    assert r.status == 422
    assert (await r.json())["errors"][0]["path"] == "$[1].date"
    # an id recorded with a different body → 409 naming the index, nothing appended
    r = await post(ingest, "/v1/events/batch", [make_record(20), make_record(2, title="changed")])
    assert r.status == 409
    assert (await r.json())["errors"][0]["path"] == "$[1].id"
    # duplicate id inside the batch → 422
    r = await post(ingest, "/v1/events/batch", [make_record(30), make_record(30)])
    assert r.status == 422 and (await r.json())["errors"][0]["path"] == "$[1].id"
    assert [x["subject"] for x in await log_records(ingest)] == ["test-2", "test-1", "test-3"]


async def test_batch_limits(ingest):
    r = await post(ingest, "/v1/events/batch", [make_record(i) for i in range(1001)])
    assert r.status == 413
    r = await post(ingest, "/v1/events/batch", [])
    assert r.status == 422
    r = await post(ingest, "/v1/events/batch", make_record(1))  # an object, not an array
    assert r.status == 422
    assert await log_records(ingest) == []


async def test_corrections_and_retraction(ingest):
    await post(ingest, "/v1/events", make_record(1))
    r = await post(ingest, "/v1/events/test-1/corrections",
                   {"expected_version": 1, "changes": {"date": "2018-06-23", "summary": "fixed"}, "reason": "typo"})
    assert r.status == 201 and await r.json() == {"id": "test-1", "version": 2, "position": 2}
    # stale version → 409 with the current version
    r = await post(ingest, "/v1/events/test-1/corrections", {"expected_version": 1, "changes": {"title": "t"}, "reason": "r"})
    assert r.status == 409 and (await r.json())["current_version"] == 2
    # the corrected record must stay valid; null removes an optional field but not a required one
    r = await post(ingest, "/v1/events/test-1/corrections", {"expected_version": 2, "changes": {"title": None}, "reason": "r"})
    assert r.status == 422 and (await r.json())["errors"][0]["path"] == "$.changes.title"
    r = await post(ingest, "/v1/events/test-1/corrections", {"expected_version": 2, "changes": {"id": "x"}, "reason": "r"})
    assert r.status == 422 and (await r.json())["errors"][0]["path"] == "$.changes.id"
    r = await post(ingest, "/v1/events/test-1/corrections", {"expected_version": 2, "changes": {"summary": None}, "reason": "r"})
    assert r.status == 201
    # a correction repeating the current value is appended all the same
    r = await post(ingest, "/v1/events/test-1/corrections", {"expected_version": 3, "changes": {"date": "2018-06-23"}, "reason": "again"})
    assert r.status == 201 and (await r.json())["version"] == 4
    r = await post(ingest, "/v1/events/nope/corrections", {"expected_version": 1, "changes": {"title": "t"}, "reason": "r"})
    assert r.status == 404
    r = await post(ingest, "/v1/events/test-1/retraction", {"expected_version": 4, "reason": "duplicate"})
    assert r.status == 201 and (await r.json())["version"] == 5
    r = await post(ingest, "/v1/events/test-1/corrections", {"expected_version": 5, "changes": {"title": "t"}, "reason": "r"})
    assert r.status == 409
    r = await post(ingest, "/v1/events/test-1/retraction", {"expected_version": 5, "reason": "again"})
    assert r.status == 409
    r = await post(ingest, "/v1/events/nope/retraction", {"expected_version": 1, "reason": "r"})
    assert r.status == 404
    # the original receipt still answers an identical re-record after corrections
    r = await post(ingest, "/v1/events", make_record(1))
    assert r.status == 200 and (await r.json())["position"] == 1


@pytest.mark.parametrize("body", [
    {"changes": {"title": "t"}, "reason": "r"},
    {"expected_version": 0, "changes": {"title": "t"}, "reason": "r"},
    {"expected_version": 1, "changes": {}, "reason": "r"},
    {"expected_version": 1, "changes": {"title": "t"}},
    {"expected_version": "1", "changes": {"title": "t"}, "reason": "r"},
    {"expected_version": 1, "changes": {"nope": 1}, "reason": "r"},
])
async def test_invalid_correction_bodies(ingest, body):
    await post(ingest, "/v1/events", make_record(1))
    r = await post(ingest, "/v1/events/test-1/corrections", body)
    assert r.status == 422 and r.content_type == PROBLEM
    assert (await r.json())["errors"]
    assert len(await log_records(ingest)) == 1


async def test_concurrent_writers_gapless_each_id_once(ingest):
    async def one(i):
        r = await post(ingest, "/v1/events", make_record(i % 150))
        assert r.status in (200, 201)
        return await r.json()

    receipts = await asyncio.gather(*(one(i) for i in range(300)))
    records = await log_records(ingest)
    assert [r["position"] for r in records] == list(range(1, 151))
    assert len({r["subject"] for r in records}) == 150
    by_id = {r["subject"]: r["position"] for r in records}
    assert all(by_id[x["id"]] == x["position"] for x in receipts)


async def test_concurrent_corrections_one_wins(ingest):
    await post(ingest, "/v1/events", make_record(1))
    rs = await asyncio.gather(*(post(ingest, "/v1/events/test-1/corrections",
                                     {"expected_version": 1, "changes": {"title": f"t{i}"}, "reason": "race"})
                                for i in range(20)))
    assert sorted(r.status for r in rs) == [201] + [409] * 19


async def test_correction_changes_are_stored_normalised(ingest):
    await post(ingest, "/v1/events", make_record(1))
    parts = [{"name": "Odense", "country": "dk", "type": "local-government"}]
    r = await post(ingest, "/v1/events/test-1/corrections",
                   {"expected_version": 1, "changes": {"participants": parts, "summary": None}, "reason": "r"})
    assert r.status == 201
    data = (await log_records(ingest))[-1]["data"]
    assert data["changes"] == {"participants": [{"name": "Odense", "country": "DK", "type": "local-government",
                                                 "role": "participant"}], "summary": None}
