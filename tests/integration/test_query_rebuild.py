"""Rebuild jobs under concurrent reads, dry-run diffs, cancellation, roles; ingest going away."""

from __future__ import annotations

import asyncio

import pytest

from services.query.rebuild import ACTIVE
from shared.auth import TokenTable, token_line
from tests.conftest import make_record
from tests.integration.query_pair import Pair, running_pair
from tests.logbuilder import party

COUNTRIES = ["BY", "DK", "RU", "NZ", "US"]
READS = ["/v1/countries", "/v1/countries/KR/timeline?limit=1000", "/v1/countries/KR/partners",
         "/v1/sectors?status=all&by=year", "/v1/events/test-7"]
JSON = {"Content-Type": "application/json"}  # dev mode takes writes as JSON only


@pytest.fixture
async def pair(tmp_path):
    async with running_pair(tmp_path) as p:
        yield p


async def fill(pair: Pair, n: int) -> int:
    """n events in batches, some corrected and retracted; returns the head."""
    for lo in range(0, n, 1000):
        await pair.post("/v1/events/batch", [
            make_record(i, date=f"{2000 + i % 20}-{1 + i % 12:02d}", participants=party("KR", COUNTRIES[i % 5]))
            for i in range(lo, min(n, lo + 1000))])
    await pair.post("/v1/events/test-7/corrections", {"expected_version": 1, "reason": "r", "changes": {"date": "2001"}})
    r = await pair.post("/v1/events/test-8/retraction", {"expected_version": 1, "reason": "r"})
    await pair.get(f"/v1/countries?min_position={r['position']}")
    return r["position"]


async def snapshot(pair: Pair) -> list:
    return [await pair.get(path) for path in READS]


async def wait_job(pair: Pair, job_id: str) -> dict:
    while True:
        job = await pair.get(f"/v1/rebuilds/{job_id}")
        if job["state"] not in ACTIVE:
            return job
        await asyncio.sleep(0.02)


async def test_rebuild_swaps_while_reads_keep_answering(pair):
    head = await fill(pair, 3000)
    before = await snapshot(pair)
    r = await pair.query.post("/v1/rebuilds", json={})
    assert r.status == 202
    job_id = (await r.json())["id"]
    statuses = []
    while (await pair.get(f"/v1/rebuilds/{job_id}"))["state"] in ACTIVE:
        for path in READS:
            statuses.append((await pair.query.get(path)).status)
    job = await wait_job(pair, job_id)
    assert job["state"] == "succeeded", job
    assert job["processed"] == job["total"] == head and job["diff"] == {"added": 0, "removed": 0, "changed": 0}
    assert job["events_per_second"] > 0 and job["started_at"] <= job["finished_at"] and job["error"] is None
    assert statuses and set(statuses) == {200}
    assert await snapshot(pair) == before
    # the follower carries on from where the rebuild ended
    receipt = await pair.post("/v1/events", make_record("after", participants=party("KR", "FJ")))
    assert (await pair.get(f"/v1/countries/FJ/timeline?min_position={receipt['position']}"))["items"][0]["id"] == "test-after"


async def test_dry_run_reports_an_empty_diff_and_one_job_at_a_time(pair):
    await fill(pair, 1200)
    r = await pair.query.post("/v1/rebuilds", json={"dry_run": True})
    assert r.status == 202
    job_id = (await r.json())["id"]
    second = await pair.query.post("/v1/rebuilds", json={})
    assert second.status == 409 and second.content_type == "application/problem+json"
    job = await wait_job(pair, job_id)
    assert job["state"] == "succeeded" and job["dry_run"] is True
    assert job["diff"] == {"added": 0, "removed": 0, "changed": 0}


async def test_cancel(pair):
    await fill(pair, 500)
    job_id = (await (await pair.query.post("/v1/rebuilds", json={})).json())["id"]
    r = await pair.query.delete(f"/v1/rebuilds/{job_id}", headers=JSON)
    assert r.status == 200 and (await r.json())["state"] == "cancelled"
    again = await pair.query.delete(f"/v1/rebuilds/{job_id}", headers=JSON)
    assert again.status == 409
    assert not (pair.tmp_path / "projections.db.shadow").exists()
    assert len((await pair.get("/v1/countries/KR/timeline?limit=1000"))["items"]) == 499


async def test_bad_rebuild_bodies(pair):
    for body, ctype, status in ((b"{", "application/json", 400), (b'{"dry_run": 1}', "application/json", 422),
                                (b'{"x": true}', "application/json", 422), (b"dry", "text/plain", 415)):
        r = await pair.query.post("/v1/rebuilds", data=body, headers={"Content-Type": ctype})
        assert r.status == status, (body, await r.text())


async def test_roles(tmp_path, pair):
    tokens_file = tmp_path / "tokens"
    tokens_file.write_text(token_line("r", "reader", "reader-token-0123456789") + "\n"
                           + token_line("a", "admin", "admin-token-0123456789") + "\n")
    p = Pair(tmp_path / "secured", pair.ingest_port)
    (tmp_path / "secured").mkdir()
    query = await p.start_query(TokenTable.load(str(tokens_file)))
    try:
        assert (await query.get("/v1/countries")).status == 200  # reads are public by default
        assert (await query.post("/v1/rebuilds", json={})).status == 401
        reader = {"Authorization": "Bearer reader-token-0123456789"}
        assert (await query.post("/v1/rebuilds", headers=reader)).status == 403
        r = await query.post("/v1/rebuilds", headers={"Authorization": "Bearer admin-token-0123456789"})
        assert r.status == 202
        job_id = (await r.json())["id"]
        assert (await query.get(f"/v1/rebuilds/{job_id}")).status == 200
        assert (await query.delete(f"/v1/rebuilds/{job_id}", headers=reader)).status == 403
    finally:
        await query.close()


async def test_ingest_down_query_keeps_serving_and_resumes(pair):
    head = await fill(pair, 20)
    await pair.stop_ingest()
    ready = {}
    for _ in range(100):
        ready = await pair.get("/readyz")
        if ready["ingest"] == "unreachable" and ready["lag_seconds"] > 0.2:
            break
        await asyncio.sleep(0.05)
    assert ready["ready"] is True and ready["state"] == "disconnected" and ready["position"] == head
    assert ready["error"]
    assert len((await pair.get("/v1/countries/KR/timeline"))["items"]) == 19
    metrics = await pair.get("/metrics")
    assert "coopline_feed_up 0.0" in metrics and "coopline_projection_lag_seconds 0.0" not in metrics
    assert (await pair.get("/v1/projections"))[0]["state"] == "disconnected"
    await pair.start_ingest()  # same port, same log
    receipt = await pair.post("/v1/events", make_record("back"))
    body = await pair.get(f"/v1/countries/RU/timeline?min_position={receipt['position']}&limit=1000")
    assert body["items"][-1]["id"] == "test-back"
    ready = await pair.get("/readyz")
    assert ready["ingest"] == "connected" and ready["lag_events"] == 0 and ready["lag_seconds"] == 0
