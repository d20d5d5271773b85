"""The query flows with both services on PostgreSQL, and what several replicas of one store add.

The reads, open-start and rebuild tests of test_query_reads.py, test_query_open_starts.py and
test_query_rebuild.py run here again
(imported: pytest collects them with this module's `pair`), with ingest and query each on a
fresh PostgreSQL database. `as_of` is still compared with a replay on SQLite.
"""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from aiohttp.test_utils import TestClient, TestServer

from services.query.app import create_app
from services.query.projections import PROJECTIONS
from services.query.store import NotLeader, open_store
from services.query.store.postgres_schema import MIGRATIONS
from shared.settings import Settings
from tests.conftest import PG_ADMIN_DSN, make_record
from tests.integration.query_pair import Pair, running_pair
from tests.integration.test_query_open_starts import (  # noqa: F401 - collected here, on PostgreSQL
    test_open_starts_in_timelines_windows_buckets_and_summaries,
)
from tests.integration.test_query_reads import (  # noqa: F401 - the tests are collected here, on PostgreSQL
    PROBLEM,
    seed,
    test_as_of_matches_a_replay_of_the_log_prefix,
    test_corrections_and_retractions_move_events,
    test_every_read,
    test_min_position_right_after_a_write_and_422_beyond_the_log,
    test_pagination_and_exports_carry_the_whole_selection,
)
from tests.integration.test_query_reads import ids as item_ids
from tests.integration.test_query_reads import test_timeline_filters as _filters
from tests.integration.test_query_rebuild import (  # noqa: F401 - the tests are collected here, on PostgreSQL
    fill,
    snapshot,
    test_dry_run_reports_an_empty_diff_and_one_job_at_a_time,
    test_ingest_down_query_keeps_serving_and_resumes,
    test_rebuild_swaps_while_reads_keep_answering,
    wait_job,
)
from tests.logbuilder import LogBuilder, party

pytestmark = pytest.mark.postgres
FILTER_CASES = next(m for m in _filters.pytestmark if m.name == "parametrize").args[1]
JSON = {"Content-Type": "application/json"}  # dev mode takes writes as JSON only


@pytest.fixture
async def pair(tmp_path, pg_databases):
    async with running_pair(tmp_path, ingest_store=await pg_databases(), query_store=await pg_databases()) as p:
        yield p


async def schemas(url: str, prefix: str) -> list[str]:
    conn = await asyncpg.connect(url)
    try:
        return [r[0] for r in await conn.fetch(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY 1", prefix)]
    finally:
        await conn.close()


async def replica(pair: Pair) -> TestClient:
    """Another query app on the pair's projection database."""
    settings = Settings(service="query", store=pair.query_store, ingest_url=pair.ingest_url, port=0)
    client = TestClient(TestServer(create_app(settings, None, poll_wait=1.0)))
    await client.start_server()
    return client


async def get(client: TestClient, path: str) -> dict | list:
    r = await client.get(path)
    assert r.status == 200, await r.text()
    return await r.json()


async def test_timeline_filters_on_one_pair(pair):
    """test_timeline_filters' cases, on one pair (two fresh databases per case would be slow)."""
    head = await seed(pair)
    for query, expected in FILTER_CASES:
        assert item_ids(await pair.get(f"/v1/countries/KR/timeline?{query}&min_position={head}")) == expected, query


async def test_cancel_drops_the_shadow_schema(pair):
    await fill(pair, 500)
    job_id = (await (await pair.query.post("/v1/rebuilds", json={})).json())["id"]
    r = await pair.query.delete(f"/v1/rebuilds/{job_id}", headers=JSON)
    assert r.status == 200 and (await r.json())["state"] == "cancelled"
    assert await schemas(pair.query_store, "coopline_") == ["coopline_query"]
    assert len((await pair.get("/v1/countries/KR/timeline?limit=1000"))["items"]) == 499
    # the slot is free again
    r = await pair.query.post("/v1/rebuilds", json={"dry_run": True})
    assert r.status == 202 and (await wait_job(pair, (await r.json())["id"]))["state"] == "succeeded"


async def test_two_replicas_share_one_store(pair):
    """One leads, the other mirrors it; a rebuild on either is one at a time; the standby takes over."""
    head = await fill(pair, 1500)
    second = await replica(pair)
    try:
        assert [p["leader"] for p in await pair.get("/v1/projections")] == [True] * len(PROJECTIONS)
        assert (await get(second, "/readyz"))["leader"] is False
        assert (await get(second, f"/v1/countries?min_position={head}")) == await pair.get("/v1/countries")
        receipt = await pair.post("/v1/events", make_record("new", participants=party("KR", "FJ")))
        body = await get(second, f"/v1/countries/FJ/timeline?min_position={receipt['position']}")
        assert [i["id"] for i in body["items"]] == ["test-new"]

        # a rebuild run by the standby pauses the leader, swaps, and the leader carries on
        before = await snapshot(pair)
        r = await second.post("/v1/rebuilds", json={})
        assert r.status == 202
        job_id = (await r.json())["id"]
        assert (await pair.query.post("/v1/rebuilds", json={})).status == 409
        writes = [await pair.post("/v1/events", make_record(f"during-{i}")) for i in range(5)]
        while (job := await get(second, f"/v1/rebuilds/{job_id}"))["state"] in ("queued", "running"):
            await asyncio.sleep(0.02)
        assert job["state"] == "succeeded" and job["diff"] == {"added": 0, "removed": 0, "changed": 0}, job
        last = writes[-1]["position"]
        assert (await get(second, f"/v1/events/test-during-4?min_position={last}"))["version"] == 1
        assert (await pair.get(f"/v1/events/test-during-4?min_position={last}"))["version"] == 1
        ru = {p["code"]: p["events"] for p in before[2]}["RU"]
        assert {p["code"]: p["events"] for p in await get(second, "/v1/countries/KR/partners")}["RU"] == ru + 5

        # the leader goes away: the standby leads within a few seconds and applies new writes
        await pair.query.close()
        for _ in range(100):
            if (await get(second, "/readyz"))["leader"]:
                break
            await asyncio.sleep(0.05)
        receipt = await pair.post("/v1/events", make_record("after-failover", participants=party("KR", "TO")))
        body = await get(second, f"/v1/countries/TO/timeline?min_position={receipt['position']}")
        assert [i["id"] for i in body["items"]] == ["test-after-failover"]
        conn = await asyncpg.connect(pair.query_store)
        try:  # every record applied once: one version row per position, none missing
            assert await conn.fetchval("SELECT count(*) FROM coopline_query.event_versions") == receipt["position"]
        finally:
            await conn.close()
    finally:
        await second.close()


async def test_store_leadership_and_rebuild_slot(pg_database):
    log = LogBuilder()
    for i in range(3):
        log.record(i)
    a, b = open_store(pg_database), open_store(pg_database)
    await asyncio.gather(a.open(), b.open())  # migrations race safely
    try:
        leader, standby = (a, b) if a.leading else (b, a)
        assert leader.leading and not standby.leading
        with pytest.raises(NotLeader):
            await standby.apply_page(log.records)
        waiting = asyncio.create_task(standby.standby(await standby.checkpoint(), 5))
        cp = await leader.apply_page(log.records)
        assert await asyncio.wait_for(waiting, 1) == cp  # woken by the notification

        assert await standby.claim_rebuild() and not await leader.claim_rebuild()
        shadow = await standby.create_shadow()
        await leader.close()  # a crash elsewhere: the standby's running job keeps its shadow
        third = open_store(pg_database)
        await third.open()
        assert len(await schemas(pg_database, "coopline_shadow_")) == 1
        await standby.release_rebuild()
        await shadow.close()
        for _ in range(50):  # the leader's session ended: one of the others leads
            if standby.leading or third.leading:
                break
            await asyncio.sleep(0.1)
        assert standby.leading != third.leading
        await third.close()
        fourth = open_store(pg_database)
        assert await fourth.open() == cp
        assert await schemas(pg_database, "coopline_shadow_") == []  # no job runs: a leftover
        await fourth.close()
    finally:
        await a.close()
        await b.close()
    conn = await asyncpg.connect(pg_database)
    try:
        assert [tuple(r) for r in await conn.fetch(
            "SELECT component, version FROM coopline_schema ORDER BY version")] == [("query", v) for v in range(1, len(MIGRATIONS) + 1)]
    finally:
        await conn.close()


async def test_database_loss_is_503(pair):
    await fill(pair, 10)
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE "{pair.query_store.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await admin.close()
    for path in ("/v1/countries", "/v1/countries/KR/timeline", "/v1/events/test-1"):
        r = await pair.query.get(path)
        assert r.status == 503 and r.content_type == PROBLEM and "Retry-After" in r.headers, (path, await r.text())
    assert (await pair.query.get("/readyz")).status == 503
