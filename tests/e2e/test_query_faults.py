"""The query service under faults (issue 7), as real processes.

* SIGKILL while catching up and SIGKILL during a rebuild, on PostgreSQL (both services): it
  converges to what a fresh rebuild gives, no shadow or retired schema is left behind, the live
  copy is never half-swapped, and it keeps following. (The SQLite versions are in
  test_query_process.py, whose helpers these reuse.)
* The projection store's disk full (SQLite on a small tmpfs): pages are refused whole, reads
  keep answering, /readyz says "not writable", and the follower resumes when space returns.
* The ingest service down for a while, on SQLite and on PostgreSQL: the query service keeps
  answering what it has, reports the lag (/readyz, /v1/projections, /metrics), and resumes
  when the ingest service is back.
"""

from __future__ import annotations

import asyncio
import subprocess
import time

import asyncpg
import httpx
import pytest

from tests.conftest import BACKENDS, make_record, postgres_database, store_url
from tests.e2e.conftest import fill_disk
from tests.e2e.test_query_process import (
    N,
    assert_keeps_following,
    rebuild,
    sigkill_while_catching_up,
    snapshot,
    wait_for,
)
from tests.harness import Service

pytestmark = pytest.mark.slow
OTHERS = ["BY", "DK", "RU", "NZ", "US", "JP", "DE"]


def fill(url: str, n: int) -> int:
    """n events (KR with seven partners), one correction, one retraction; → the head."""
    with httpx.Client(base_url=url, timeout=60) as client:
        for lo in range(0, n, 1000):
            batch = [make_record(i, date=f"{2000 + i % 25}-{1 + i % 12:02d}", sectors=["ai", "ict", "space"][: i % 4],
                                 participants=[{"name": "a", "country": "KR"}, {"name": "b", "country": OTHERS[i % 7]}])
                     for i in range(lo, min(n, lo + 1000))]
            assert client.post("/v1/events/batch", json=batch).status_code == 201
        assert client.post("/v1/events/test-3/corrections", json={
            "expected_version": 1, "reason": "r", "changes": {"date": "1999", "sectors": ["energy"]}}).status_code == 201
        r = client.post("/v1/events/test-4/retraction", json={"expected_version": 1, "reason": "r"})
        assert r.status_code == 201
        return r.json()["position"]


def start_pair(tmp_path, log_url: str, projections_url: str) -> tuple[Service, Service]:
    """An ingest process on `log_url` and a query process following it on `projections_url`."""
    ingest = Service("ingest", {"COOPLINE_STORE": log_url}, tmp_path / "ingest.log").start()
    query = Service("query", {"COOPLINE_STORE": projections_url, "COOPLINE_INGEST_URL": ingest.url,
                              "COOPLINE_LOG_FORMAT": "json"}, tmp_path / "query.log").start()
    return ingest, query


def schemas(url: str) -> list[str]:
    async def fetch():
        conn = await asyncpg.connect(url)
        try:
            return [r[0] for r in await conn.fetch(
                "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, 'coopline_') ORDER BY 1")]
        finally:
            await conn.close()
    return asyncio.run(fetch())


@pytest.fixture
def pg_pair(tmp_path):
    """An ingest process on a PostgreSQL log holding N events, and a PostgreSQL database for the
    query service (not started)."""
    with postgres_database() as log_url, postgres_database() as projections_url:
        ingest = Service("ingest", {"COOPLINE_STORE": log_url}, tmp_path / "ingest.log").start()
        try:
            fill(ingest.url, N)
            query = Service("query", {"COOPLINE_STORE": projections_url, "COOPLINE_INGEST_URL": ingest.url},
                            tmp_path / "query.log")
            yield ingest, query, projections_url
            query.kill()
        finally:
            ingest.kill()  # a graceful stop would wait for the query service's open long poll


@pytest.mark.postgres
def test_postgres_sigkill_while_catching_up_then_equal_to_a_fresh_rebuild(pg_pair):
    ingest, query, projections_url = pg_pair
    after_restart = sigkill_while_catching_up(query, N + 2)
    assert after_restart[5]["version"] == 2 and after_restart[6]["retracted"] is True
    assert len(after_restart[1]["items"]) == 1000
    assert schemas(projections_url) == ["coopline_query"]
    query.stop()


@pytest.mark.postgres
@pytest.mark.parametrize("delay", [0.05, 0.4], ids=["early", "late"])
def test_postgres_sigkill_during_a_rebuild_leaves_the_live_copy_intact(pg_pair, delay):
    ingest, query, projections_url = pg_pair
    head = N + 2
    query.start()
    with httpx.Client(base_url=query.url, timeout=30) as client:
        wait_for(client, head)
        before = snapshot(client)
        assert client.post("/v1/rebuilds", json={}).status_code == 202
        time.sleep(delay)
        query.kill()
        query.start()
        wait_for(client, head)
        assert schemas(projections_url) == ["coopline_query"]  # the leftover shadow was dropped at start
        # either the swap had committed (then the copy is a full rebuild) or the live copy is untouched
        assert snapshot(client) == before
        dry = rebuild(client, dry_run=True)
        assert dry["diff"] == {"added": 0, "removed": 0, "changed": 0}, dry
        assert_keeps_following(client, ingest.url)
    query.stop()


@pytest.mark.parametrize("backend", BACKENDS)
def test_ingest_down_query_keeps_serving_reports_lag_and_resumes(tmp_path, backend):
    with store_url(backend, tmp_path, "events.db") as log_url, \
            store_url(backend, tmp_path, "projections.db") as projections_url:
        ingest, query = start_pair(tmp_path, log_url, projections_url)
        try:
            head = fill(ingest.url, 50)
            with httpx.Client(base_url=query.url, timeout=30) as client:
                wait_for(client, head)
                before = snapshot(client)
                ingest.kill()
                ready, deadline = {}, time.monotonic() + 30
                while time.monotonic() < deadline:
                    ready = client.get("/readyz").json()
                    if ready["ingest"] == "unreachable" and ready["lag_seconds"] >= 1:
                        break
                    time.sleep(0.1)
                assert ready["ingest"] == "unreachable" and ready["lag_seconds"] >= 1, ready
                assert ready["ready"] is True and ready["state"] == "disconnected" and ready["position"] == head
                assert client.get("/readyz").status_code == 200  # still ready: it answers what it has
                assert snapshot(client) == before  # keeps serving
                assert all(p["state"] == "disconnected" and p["lag_seconds"] >= 1
                           for p in client.get("/v1/projections").json())
                metrics = client.get("/metrics").text
                assert "coopline_feed_up 0.0" in metrics
                # read-your-writes past what it has: 503 with Retry-After, not a hang
                r = client.get("/v1/countries", params={"min_position": head + 1})
                assert r.status_code == 503 and r.headers["Retry-After"] and \
                    r.headers["content-type"].startswith("application/problem+json")

                ingest.start()  # same port, same log
                with httpx.Client(base_url=ingest.url) as writer:
                    receipt = writer.post("/v1/events", json=make_record("back", participants=[
                        {"name": "a", "country": "KR"}, {"name": "b", "country": "FJ"}])).json()
                wait_for(client, receipt["position"])
                assert client.get("/v1/countries/FJ/timeline").json()["items"][0]["id"] == "test-back"
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    ready = client.get("/readyz").json()
                    if ready["ingest"] == "connected" and ready["lag_seconds"] == 0:
                        break
                    time.sleep(0.1)
                assert ready["ingest"] == "connected" and ready["lag_events"] == 0 and ready["lag_seconds"] == 0, ready
                assert "coopline_feed_up 1.0" in client.get("/metrics").text
            assert '"unhandled_error"' not in query.logs()
        finally:
            query.kill()
            ingest.kill()


def test_full_disk_stalls_the_projections_whole_pages_only_and_they_resume(tmp_path, small_disk):
    """The projection store's disk fills up: the follower cannot commit a page. Reads keep
    answering what was applied (no page half-applied), /readyz says the store is not writable
    while staying ready, and once space returns the follower catches up without a restart."""
    ingest, query = start_pair(tmp_path, f"sqlite:///{tmp_path}/events.db", f"sqlite:///{small_disk}/projections.db")
    try:
        head = fill(ingest.url, 40)
        with httpx.Client(base_url=query.url, timeout=30) as client:
            wait_for(client, head)
            before = snapshot(client)
            fill_disk(small_disk / "filler")
            with httpx.Client(base_url=ingest.url, timeout=60) as writer:
                batch = [make_record(f"big-{i}", summary="x" * 4000, participants=[
                    {"name": "a", "country": "KR"}, {"name": "b", "country": "FJ"}]) for i in range(300)]
                new_head = writer.post("/v1/events/batch", json=batch).json()["results"][-1]["position"]
            ready, deadline = {}, time.monotonic() + 30
            while time.monotonic() < deadline:
                ready = client.get("/readyz").json()
                if ready["store"] == "not writable":
                    break
                time.sleep(0.1)
            assert ready["store"] == "not writable" and ready["ready"] is True, ready
            assert ready["ingest"] == "connected" and ready["head"] == new_head and ready["position"] == head, ready
            assert ready["error"] and "full" in ready["error"], ready
            assert client.get("/readyz").status_code == 200  # it still answers what it has
            assert snapshot(client) == before  # nothing of the refused pages is visible
            assert client.get("/v1/countries/FJ/timeline").json()["items"] == []
            assert all(p["position"] == head and p["lag_events"] == new_head - head
                       for p in client.get("/v1/projections").json())

            # space returns: the filler goes and the volume grows (the refused pages alone, with their
            # search index, and then a dry-run rebuild's shadow copy
            # need more than the whole 512 KiB disk)
            (small_disk / "filler").unlink()
            subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True, timeout=10)
            wait_for(client, new_head)
            assert len(client.get("/v1/countries/FJ/timeline", params={"limit": 500}).json()["items"]) == 300
            assert client.get("/readyz").json()["store"] == "ok"
            dry = rebuild(client, dry_run=True)
            assert dry["state"] == "succeeded" and dry["diff"] == {"added": 0, "removed": 0, "changed": 0}, dry
        assert '"unhandled_error"' not in query.logs()
    finally:
        query.kill()
        ingest.kill()
