"""POST /v1/events/batch?dry_run=true: every error of every item, nothing appended; error
messages that list allowed values and suggest country codes (the real app on SQLite)."""

from __future__ import annotations

import json

from tests.conftest import make_record
from tests.integration.conftest import auth

W = auth("writer")


async def post(client, path, body, headers=W):
    return await client.post(path, data=json.dumps(body), headers={"Content-Type": "application/json", **headers})


async def head(client) -> int:
    return (await (await client.get("/v1/log?after=0", headers=auth("reader"))).json())["head"]


async def test_dry_run_reports_every_error_of_every_item_and_appends_nothing(ingest):
    bad = make_record(2, kind="conference", date="2017-02-29", sectors=["ai", "warp-drive"])
    bad["participants"][0]["country"] = "Korea"
    bad["participants"][1]["type"] = "ministry"
    items = [make_record(1), bad, make_record(3, sources=[{"title": "no url, no publisher"}]),
             make_record(1, title="the same id again"), {**make_record(5), "colour": "red"}]
    r = await post(ingest, "/v1/events/batch?dry_run=true", items)
    assert r.status == 200, await r.text()
    results = (await r.json())["results"]
    assert [(x["index"], x["id"], x["valid"]) for x in results] == [
        (0, "test-1", True), (1, "test-2", False), (2, "test-3", False), (3, "test-1", False), (4, "test-5", False)]
    assert results[0]["errors"] == []
    errors = {e["path"]: e["message"] for e in results[1]["errors"]}
    assert set(errors) == {"$[1].kind", "$[1].date", "$[1].sectors[1]", "$[1].participants[0].country",
                           "$[1].participants[1].type"}
    assert "signing, visit, forum, meeting, opening, project, other" in errors["$[1].kind"]
    assert "KR (South Korea)" in errors["$[1].participants[0].country"]
    assert "university" in errors["$[1].participants[1].type"]
    assert "smart-city" in errors["$[1].sectors[1]"]
    assert "29" in errors["$[1].date"] or "February" in errors["$[1].date"] or "day" in errors["$[1].date"]
    assert [e["path"] for e in results[2]["errors"]] == ["$[2].sources[0]"]
    assert results[3]["errors"] == [{"path": "$[3].id", "message": "id 'test-1' already appears at $[0]"}]
    assert [e["path"] for e in results[4]["errors"]] == ["$[4]"] and "`colour`" in results[4]["errors"][0]["message"]
    assert await head(ingest) == 0

    # the valid items of the same file, submitted for real, are recorded
    r = await post(ingest, "/v1/events/batch", [items[0]])
    assert r.status == 201 and await head(ingest) == 1


async def test_dry_run_of_a_valid_batch_and_its_limits(ingest):
    r = await post(ingest, "/v1/events/batch?dry_run=true", [make_record(1), make_record(2)])
    assert r.status == 200
    assert [x["valid"] for x in (await r.json())["results"]] == [True, True]
    no_id = make_record(3)
    del no_id["id"]
    r = await post(ingest, "/v1/events/batch?dry_run=1", [no_id, 7])
    results = (await r.json())["results"]
    assert results[0] == {"index": 0, "id": None, "valid": True, "errors": []}
    assert results[1]["errors"][0]["path"] == "$[1]"
    assert (await post(ingest, "/v1/events/batch?dry_run=true", [])).status == 422
    assert (await post(ingest, "/v1/events/batch?dry_run=true", {"not": "an array"})).status == 422
    assert (await post(ingest, "/v1/events/batch?dry_run=maybe", [make_record(1)])).status == 422
    r = await post(ingest, "/v1/events/batch?dry_run=true", [make_record(1)], headers=auth("reader"))
    assert r.status == 403
    r = await ingest.post("/v1/events/batch?dry_run=true", data=b"[{", headers={"Content-Type": "application/json", **W})
    assert r.status == 400
    assert (await post(ingest, "/v1/events/batch?dry_run=false", [make_record(1)])).status == 201
    assert await head(ingest) == 1


async def test_a_real_submission_names_every_structural_error(ingest):
    bad = make_record(1, kind="conference", status="later")
    bad["participants"][1]["country"] = "벨라루스"
    r = await post(ingest, "/v1/events", bad)
    assert r.status == 422
    errors = {e["path"]: e["message"] for e in (await r.json())["errors"]}
    assert set(errors) == {"$.kind", "$.status", "$.participants[1].country"}
    assert "occurred" in errors["$.status"] and "cancelled" in errors["$.status"]
    assert "BY (Belarus)" in errors["$.participants[1].country"]
    r = await post(ingest, "/v1/events/batch", [make_record(1), bad])
    assert r.status == 422 and {e["path"] for e in (await r.json())["errors"]} >= {"$[1].kind", "$[1].status"}
    assert await head(ingest) == 0
