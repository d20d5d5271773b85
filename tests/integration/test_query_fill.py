"""An empty projection store facing a log of at least `COOPLINE_FILL_AT` records is filled by a
rebuild job (the shadow's bulk load, indexes built once, a swap) before the follower applies
anything; then it follows page by page. On SQLite and PostgreSQL, with the real ingest app."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import quote

import pytest

from services.query.context import FOLLOWER, REBUILDS
from tests.conftest import BACKENDS, free_port, make_record, store_url
from tests.integration.query_pair import Pair
from tests.logbuilder import party

COUNTRIES = ["BY", "DK", "RU", "NZ", "US"]
READS = ["/v1/countries", "/v1/countries/KR/timeline?limit=1000", "/v1/countries/DK/partners",
         "/v1/sectors?status=all&by=year", "/v1/events/test-7", "/v1/events/test-8", f"/v1/search?q={quote('플랫폼')}&limit=1000",
         "/v1/organisations?limit=1000"]
JSON = {"Content-Type": "application/json"}  # dev mode takes writes as JSON only
N = 1500


@pytest.fixture(params=BACKENDS)
def query_store(request, tmp_path):
    with store_url(request.param, tmp_path, "projections.db") as url:
        yield url


@pytest.fixture
async def logged(query_store, tmp_path):
    """(the pair with its ingest running and N + 2 records logged, its query store empty, its
    query app not made yet; the head)."""
    pair = Pair(tmp_path, free_port(), query_store=query_store)
    await pair.start_ingest()
    try:
        for lo in range(0, N, 500):
            await pair.post("/v1/events/batch", [
                make_record(i, date=f"{2000 + i % 20}-{1 + i % 12:02d}", participants=party("KR", COUNTRIES[i % 5]))
                for i in range(lo, lo + 500)])
        await pair.post("/v1/events/test-7/corrections", {"expected_version": 1, "reason": "r", "changes": {"date": "2001"}})
        head = (await pair.post("/v1/events/test-8/retraction", {"expected_version": 1, "reason": "r"}))["position"]
        yield pair, head
    finally:
        if pair.query is not None:
            await pair.query.close()
        await pair.ingest.close()


async def reads(pair: Pair, position: int) -> list:
    await pair.get(f"/v1/countries?min_position={position}")
    return [await pair.get(path) for path in READS]


async def reference(pair: Pair, head: int) -> list:
    """The same reads from a store that followed the log page by page (SQLite, the default
    COOPLINE_FILL_AT far above this log)."""
    replay = await pair.replay(head)
    try:
        await replay.get(f"/v1/countries?min_position={head}")
        return [await (await replay.get(path)).json() for path in READS]
    finally:
        await replay.close()


async def test_an_empty_store_is_filled_by_one_rebuild_job_then_follows_page_by_page(logged):
    pair, head = logged
    await pair.start_query(fill_at=1000)
    filled = await reads(pair, head)
    assert len(filled[6]["items"]) == 1000 and len(filled[1]["items"]) == 1000  # (reads with something in them)
    jobs = list(pair.query.app[REBUILDS].jobs.values())
    assert [(j.until, j.state, j.dry_run, j.processed, j.diff) for j in jobs] == [
        (head, "succeeded", False, head, {"added": N, "removed": 0, "changed": 0})]  # every cooperation
    assert filled == await reference(pair, head)
    status = await pair.get("/v1/projections")
    assert {(s["position"], s["lag_events"], s["state"]) for s in status} == {(head, 0, "following")}
    # from here on page by page: a new record is there for a min_position read
    receipt = await pair.post("/v1/events", make_record("after", participants=party("KR", "FJ")))
    timeline = await pair.get(f"/v1/countries/FJ/timeline?min_position={receipt['position']}")
    assert [item["id"] for item in timeline["items"]] == ["test-after"]
    assert len(pair.query.app[REBUILDS].jobs) == 1


@pytest.mark.parametrize("more, chased", [(1000, True), (500, False), (2000, True)])
async def test_what_the_log_gains_while_a_fill_loads_is_loaded_by_it_too_when_that_is_at_least_fill_at(
        logged, more, chased, capsys):
    """The log grows by `more` records between the follower's look at its head and the fill's
    load. At least `fill_at` (1000), fewer or more than the job loaded (N + 2): the job loads
    them as well, then swaps. Fewer than `fill_at`: it stops at the head it was given and the
    follower applies the rest page by page. (When it goes on after that: `load_more`'s unit test.)"""
    pair, head = logged
    await pair.start_query(fill_at=1000, started=False)
    follower = pair.query.app[FOLLOWER]
    fill, grown = follower.fill, asyncio.Event()

    async def after_the_log_grew(at: int, more_at: int):
        for lo in range(N, N + more, 500):
            await pair.post("/v1/events/batch", [make_record(i, participants=party("KR", COUNTRIES[i % 5]))
                                                 for i in range(lo, lo + 500)])
        grown.set()
        return await fill(at, more_at)

    follower.fill = after_the_log_grew
    await pair.query.start_server()
    await asyncio.wait_for(grown.wait(), 30)
    now = head + more
    assert await reads(pair, now) == await reference(pair, now)
    loaded = now if chased else head
    assert [(j.state, j.until, j.processed, j.diff["added"]) for j in pair.query.app[REBUILDS].jobs.values()] == [
        ("succeeded", loaded, loaded, N + (more if chased else 0))]
    assert ("rebuild_fill_extended" in capsys.readouterr().out) is chased


async def test_a_log_shorter_than_fill_at_is_followed_page_by_page(logged):
    pair, head = logged
    await pair.start_query(fill_at=head + 1)
    assert await reads(pair, head) == await reference(pair, head)
    assert pair.query.app[REBUILDS].jobs == {}


async def test_fill_at_0_never_fills(logged):
    pair, head = logged
    await pair.start_query(fill_at=0)
    await reads(pair, head)
    assert pair.query.app[REBUILDS].jobs == {}


async def wait_loaded(pair: Pair, head: int):
    """The fill's job, once it has loaded the whole log into its shadow."""
    rebuilds = pair.query.app[REBUILDS]
    for _ in range(3000):
        job = rebuilds.running
        if job is not None and job.processed == head:
            return job
        await asyncio.sleep(0.01)
    raise AssertionError(f"no fill loaded {head} records: {rebuilds.jobs}")


async def test_a_cancelled_fill_leaves_the_store_empty_and_the_follower_goes_page_by_page(logged):
    pair, head = logged
    await pair.start_query(fill_at=1000, started=False)
    follower = pair.query.app[FOLLOWER]
    await follower.lock.acquire()  # the job cannot pause the follower to swap: it waits, cancellable
    try:
        await pair.query.start_server()
        job = await wait_loaded(pair, head)
        status = await pair.get("/v1/projections")  # what an operator sees meanwhile
        assert {(s["position"], s["head"], s["state"], s["rebuilding"]) for s in status} == {(0, head, "catching-up", True)}
        r = await pair.query.delete(f"/v1/rebuilds/{job.id}", headers=JSON)
        assert r.status == 200 and (await r.json())["state"] == "cancelled"
        assert {s["position"] for s in await pair.get("/v1/projections")} == {0}  # nothing was swapped in
    finally:
        follower.lock.release()
    assert await reads(pair, head) == await reference(pair, head)  # page by page
    assert [j.state for j in pair.query.app[REBUILDS].jobs.values()] == ["cancelled"]
    assert not (pair.tmp_path / "projections.db.shadow").exists()


async def test_a_service_stopped_while_filling_leaves_no_shadow_and_fills_again_when_started(logged):
    pair, head = logged
    await pair.start_query(fill_at=1000, started=False)
    follower = pair.query.app[FOLLOWER]
    await follower.lock.acquire()
    try:
        await pair.query.start_server()
        first = await wait_loaded(pair, head)
        await asyncio.wait_for(pair.query.close(), 30)  # the job is cancelled with the service
        assert first.state == "cancelled" and not (pair.tmp_path / "projections.db.shadow").exists()
    finally:
        with contextlib.suppress(RuntimeError):
            follower.lock.release()
    await pair.start_query(fill_at=1000)
    assert await reads(pair, head) == await reference(pair, head)
    assert [(j.until, j.state) for j in pair.query.app[REBUILDS].jobs.values()] == [(head, "succeeded")]
