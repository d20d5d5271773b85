"""Four ingest processes on one PostgreSQL database, under concurrent load, one killed mid-way.

What must hold (DESIGN §2): a follower reading `GET /v1/log?wait=…` from one process sees every
record exactly once with gapless positions — none skipped though commits come from four
processes; no acknowledged (201/200) event is lost when a process is SIGKILLed; a long-poll on
one process answers promptly when another process commits.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time

import httpx
import pytest

from tests.conftest import make_record
from tests.harness import Service
from tests.independent_chain import assert_chain

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
WRITERS, OPS_PER_WRITER = 8, 40


async def _post(client: httpx.AsyncClient, services: list[Service], path: str, body, rng: random.Random):
    """POST to a random live process; on a dead process or a 503, retry elsewhere (ids make it safe)."""
    for _ in range(50):
        svc = rng.choice([s for s in services if s.proc.poll() is None])
        try:
            resp = await client.post(f"{svc.url}{path}", json=body)
        except httpx.TransportError:
            await asyncio.sleep(0.05)
            continue
        if resp.status_code == 503:
            await asyncio.sleep(0.05)
            continue
        assert resp.status_code in (200, 201), resp.text
        return resp.json()
    raise AssertionError(f"no process accepted {path}")


async def _writer(w: int, client, services, acked: dict[str, int], progress: list[int]):
    rng = random.Random(w)
    counter = itertools.count()
    for _ in range(OPS_PER_WRITER):
        if rng.random() < 0.6:
            rec = make_record(f"w{w}-{next(counter)}")
            receipt = await _post(client, services, "/v1/events", rec, rng)
            acked[receipt["id"]] = receipt["position"]
        else:
            recs = [make_record(f"w{w}-{next(counter)}") for _ in range(rng.randint(2, 20))]
            result = await _post(client, services, "/v1/events/batch", recs, rng)
            positions = [r["position"] for r in result["results"]]
            assert positions == sorted(positions)
            acked.update((r["id"], r["position"]) for r in result["results"])
        progress[0] += 1


async def _follow(client: httpx.AsyncClient, svc: Service, done: asyncio.Event, seen: list[dict]):
    """Follow the feed like the query service does; fail on any gap or repeat."""
    last = 0
    while True:
        resp = await client.get(f"{svc.url}/v1/log", params={"after": last, "limit": 500, "wait": 1})
        assert resp.status_code == 200, resp.text
        page = resp.json()
        for rec in page["records"]:
            assert rec["position"] == last + 1, f"follower expected {last + 1}, got {rec['position']}"
            last = rec["position"]
            seen.append(rec)
        if done.is_set() and not page["records"] and page["head"] == last:
            return


async def test_four_processes_one_log(pg_database, tmp_path):
    env = {"COOPLINE_STORE": pg_database, "COOPLINE_LOG_FORMAT": "json"}
    services = [Service("ingest", env, tmp_path / f"ingest-{i}.log") for i in range(4)]
    # Started together: the schema migration must be safe when several processes race to it.
    await asyncio.gather(*(asyncio.to_thread(s.start) for s in services))
    try:
        async with httpx.AsyncClient(timeout=20) as client:
            acked: dict[str, int] = {}
            progress, seen, done, acked_at_kill = [0], [], asyncio.Event(), []
            follower = asyncio.create_task(_follow(client, services[0], done, seen))

            async def killer():
                while progress[0] < WRITERS * OPS_PER_WRITER // 3:
                    await asyncio.sleep(0.01)
                await asyncio.to_thread(services[3].kill)  # SIGKILL mid-load
                acked_at_kill.append(len(acked))

            await asyncio.gather(killer(), *(_writer(w, client, services, acked, progress) for w in range(WRITERS)))
            done.set()
            await asyncio.wait_for(follower, 30)

            assert services[3].proc.returncode == -9
            assert 0 < acked_at_kill[0] < len(acked), "the kill did not happen mid-load"
            positions = [r["position"] for r in seen]
            assert positions == list(range(1, len(seen) + 1))
            subjects = [r["subject"] for r in seen]
            assert len(subjects) == len(set(subjects)), "a record appears twice"
            assert set(subjects) == set(acked), "an acknowledged event is missing (or an unknown one appeared)"
            assert all(acked[r["subject"]] == r["position"] for r in seen)
            # Another process serves the very same log.
            other = (await client.get(f"{services[1].url}/v1/log", params={"after": 0, "limit": 5000})).json()
            assert [r["id"] for r in other["records"]] == [r["id"] for r in seen]
            # Four processes, one of them killed mid-load, extended one hash chain.
            assert_chain(other["records"])

            # A long-poll on A answers promptly when B commits.
            head = other["head"]
            poll = asyncio.create_task(client.get(f"{services[0].url}/v1/log", params={"after": head, "wait": 10}))
            await asyncio.sleep(0.3)
            assert not poll.done()
            started = time.monotonic()
            receipt = await _post(client, services[1:2], "/v1/events", make_record("late"), random.Random(0))
            page = (await asyncio.wait_for(poll, 5)).json()
            assert time.monotonic() - started < 1.0
            assert [r["position"] for r in page["records"]] == [receipt["position"]] == [head + 1]
    finally:
        for s in services:
            s.stop()
