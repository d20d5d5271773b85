"""Two query replica processes on one PostgreSQL projection database, following one ingest.

What must hold: one replica leads (applies the feed), the other serves the same data and
answers `min_position` reads; a rebuild runs on one replica at a time (409 on the other);
when the leader is SIGKILLed the other takes over within a few seconds and keeps applying
new writes; every record is applied exactly once (one version row per position, and a fresh
rebuild finds nothing to change); a replica killed mid-rebuild leaves a shadow schema that the
next job drops.
"""

from __future__ import annotations

import asyncio
import time

import asyncpg
import httpx
import pytest

from services.query.projections import PROJECTIONS
from tests.conftest import make_record
from tests.harness import Service

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
N = 2000
READS = ["/v1/countries", "/v1/countries/KR/timeline?limit=1000", "/v1/countries/KR/partners",
         "/v1/sectors?status=all&by=year", "/v1/events/test-3", "/v1/events/test-4"]
OTHERS = ["BY", "DK", "RU", "NZ", "US", "JP", "DE"]


def record(i: int | str, country: str = "RU") -> dict:
    return make_record(i, participants=[{"name": "a", "country": "KR"}, {"name": "b", "country": country}])


async def start(service: Service) -> Service:
    return await asyncio.to_thread(service.start)


async def wait_for(client: httpx.AsyncClient, url: str, position: int) -> None:
    deadline = time.monotonic() + 30
    while True:  # each try waits up to 5 s server-side, then 503
        r = await client.get(f"{url}/v1/countries", params={"min_position": position})
        if r.status_code == 200 or time.monotonic() > deadline:
            break
    assert r.status_code == 200, r.text


async def leader(client: httpx.AsyncClient, svc: Service) -> bool:
    return (await client.get(f"{svc.url}/readyz")).json()["leader"]


async def shadows(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM pg_namespace WHERE starts_with(nspname, 'coopline_shadow_')")


async def rebuild(client: httpx.AsyncClient, url: str, dry_run: bool) -> dict:
    r = await client.post(f"{url}/v1/rebuilds", json={"dry_run": dry_run})
    assert r.status_code == 202, r.text
    while (job := (await client.get(f"{url}/v1/rebuilds/{r.json()['id']}")).json())["state"] in ("queued", "running"):
        await asyncio.sleep(0.05)
    return job


async def test_two_replicas_leader_failover_exactly_once(tmp_path, pg_database):
    ingest = await start(Service("ingest", {"COOPLINE_STORE": f"sqlite:///{tmp_path}/events.db"}, tmp_path / "ingest.log"))
    env = {"COOPLINE_STORE": pg_database, "COOPLINE_INGEST_URL": ingest.url}
    a = Service("query", env, tmp_path / "query-a.log")
    b = Service("query", env, tmp_path / "query-b.log")
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            for lo in range(0, N, 1000):
                batch = [record(i, OTHERS[i % 7]) for i in range(lo, lo + 1000)]
                assert (await client.post(f"{ingest.url}/v1/events/batch", json=batch)).status_code == 201
            await client.post(f"{ingest.url}/v1/events/test-3/corrections",
                              json={"expected_version": 1, "reason": "r", "changes": {"date": "1999"}})
            r = await client.post(f"{ingest.url}/v1/events/test-4/retraction", json={"expected_version": 1, "reason": "r"})
            head = r.json()["position"]

            await start(a)
            await start(b)
            assert await leader(client, a) and not await leader(client, b)
            assert [p["leader"] for p in (await client.get(f"{b.url}/v1/projections")).json()] == [False] * len(PROJECTIONS)
            # writes are visible through both replicas
            receipt = (await client.post(f"{ingest.url}/v1/events", json=record("one", "FJ"))).json()
            for svc in (a, b):
                r = await client.get(f"{svc.url}/v1/countries/FJ/timeline", params={"min_position": receipt["position"]})
                assert [i["id"] for i in r.json()["items"]] == ["test-one"], svc.name
            await wait_for(client, b.url, head)

            # a rebuild started on one replica: 409 on the other while it runs
            r = await client.post(f"{b.url}/v1/rebuilds", json={"dry_run": True})
            assert r.status_code == 202
            other = await client.post(f"{a.url}/v1/rebuilds", json={})
            assert other.status_code == 409 and other.headers["content-type"].startswith("application/problem+json")
            while (job := (await client.get(f"{b.url}/v1/rebuilds/{r.json()['id']}")).json())["state"] == "running":
                await asyncio.sleep(0.05)
            assert job["state"] == "succeeded" and job["diff"] == {"added": 0, "removed": 0, "changed": 0}, job

            # SIGKILL the leader while writes keep coming; the other takes over
            async def write(n: int) -> int:
                last = 0
                for i in range(n):
                    r = await client.post(f"{ingest.url}/v1/events", json=record(f"w{i}", OTHERS[i % 7]))
                    assert r.status_code == 201
                    last = r.json()["position"]
                    await asyncio.sleep(0.01)
                return last

            writer = asyncio.create_task(write(150))
            await asyncio.sleep(0.5)
            a.kill()
            killed = time.monotonic()
            while not await leader(client, b):
                assert time.monotonic() - killed < 10, "no replica took over"
                await asyncio.sleep(0.1)
            took_over = time.monotonic() - killed
            last = await writer
            await wait_for(client, b.url, last)
            assert (await client.get(f"{b.url}/v1/events/test-w149")).status_code == 200

            # the killed replica comes back as a standby and answers at the same position
            await start(a)
            assert not await leader(client, a) and await leader(client, b)
            await wait_for(client, a.url, last)
            assert [(await client.get(f"{a.url}{p}")).json() for p in READS] == \
                   [(await client.get(f"{b.url}{p}")).json() for p in READS]

            # exactly once: one version row (history entry) per position, and a fresh rebuild changes nothing
            conn = await asyncpg.connect(pg_database)
            try:
                row = await conn.fetchrow("SELECT count(*), max(vid) FROM coopline_query.event_versions")
                assert tuple(row) == (last, last)
                assert await conn.fetchval("SELECT position FROM coopline_query.checkpoint") == last
            finally:
                await conn.close()
            before = [(await client.get(f"{b.url}{p}")).json() for p in READS]
            job = await rebuild(client, b.url, dry_run=False)
            assert job["state"] == "succeeded" and job["diff"] == {"added": 0, "removed": 0, "changed": 0}, job
            assert [(await client.get(f"{a.url}{p}")).json() for p in READS] == before

            # a replica SIGKILLed mid-rebuild leaves its shadow schema; the next job drops it
            assert (await client.post(f"{b.url}/v1/rebuilds", json={})).status_code == 202
            conn = await asyncpg.connect(pg_database)
            try:
                while not await shadows(conn):
                    await asyncio.sleep(0.005)
                b.kill()
                while not await leader(client, a):
                    await asyncio.sleep(0.1)
                assert await shadows(conn)
                job = await rebuild(client, a.url, dry_run=True)
                assert job["diff"] == {"added": 0, "removed": 0, "changed": 0} and not await shadows(conn)
            finally:
                await conn.close()
            receipt = (await client.post(f"{ingest.url}/v1/events", json=record("last", "TO"))).json()
            r = await client.get(f"{a.url}/v1/countries/TO/timeline", params={"min_position": receipt["position"]})
            assert [i["id"] for i in r.json()["items"]] == ["test-last"]
        assert took_over < 5, f"takeover took {took_over:.1f} s"
    finally:
        for svc in (a, b):
            svc.stop()
        ingest.kill()
