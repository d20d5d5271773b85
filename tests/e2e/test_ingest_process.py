"""The ingest service as a real process: start-up checks, SIGKILL under load (on SQLite and on
PostgreSQL), graceful SIGTERM."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import httpx
import pytest

from tests.conftest import BACKENDS, make_record, store_url
from tests.harness import ROOT, Service


def ingest(tmp_path, **env) -> Service:
    base = {"COOPLINE_STORE": f"sqlite:///{tmp_path}/events.db", "COOPLINE_LOG_FORMAT": "json"}
    return Service("ingest", {**base, **env}, tmp_path / "ingest.log")


async def _load(url: str, n_workers: int, per_worker: int, acked: set, stop: asyncio.Event):
    """Each worker posts unique events until told to stop; acknowledged ids go into `acked`."""
    async def worker(w: int):
        async with httpx.AsyncClient(base_url=url, timeout=5) as client:
            for i in range(per_worker):
                if stop.is_set():
                    return
                rec = make_record(f"w{w}-{i}")
                try:
                    r = await client.post("/v1/events", json=rec)
                except httpx.HTTPError:
                    return  # the server died mid-request: not acknowledged
                if r.status_code in (200, 201):
                    acked.add(rec["id"])
    await asyncio.gather(*(worker(w) for w in range(n_workers)))


async def _until_acked(acked: set[str], n: int) -> None:
    while len(acked) < n:
        await asyncio.sleep(0.02)


def _all_records(url: str) -> list[dict]:
    out, after = [], 0
    while True:
        page = httpx.get(f"{url}/v1/log", params={"after": after, "limit": 5000}).json()
        if not page["records"]:
            return out
        out += page["records"]
        after = page["records"][-1]["position"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with store_url(request.param, tmp_path, "events.db") as url:
        yield url


@pytest.mark.slow
async def test_sigkill_under_16_way_load_loses_no_acknowledged_event(tmp_path, store):
    svc = ingest(tmp_path, COOPLINE_STORE=store).start()
    acked: set[str] = set()
    stop = asyncio.Event()
    load = asyncio.create_task(_load(svc.url, 16, 400, acked, stop))
    await _until_acked(acked, 300)
    svc.kill()
    stop.set()
    await load
    svc.start()
    try:
        records = _all_records(svc.url)
        ids = [r["data"]["id"] for r in records]
        assert acked <= set(ids), f"lost {len(acked - set(ids))} acknowledged events"
        assert [r["position"] for r in records] == list(range(1, len(records) + 1))
        assert len(ids) == len(set(ids))
        # retrying everything (acknowledged or not) adds each missing id once and doubles nothing
        async with httpx.AsyncClient(base_url=svc.url) as client:
            for w in range(16):
                for i in range(30):
                    await client.post("/v1/events", json=make_record(f"w{w}-{i}"))
        after = _all_records(svc.url)
        after_ids = [r["data"]["id"] for r in after]
        assert len(after_ids) == len(set(after_ids))
        assert after[: len(records)] == records
    finally:
        svc.stop()


@pytest.mark.slow
async def test_sigterm_commits_in_flight_writes(tmp_path):
    svc = ingest(tmp_path).start()
    acked: set[str] = set()
    stop = asyncio.Event()
    load = asyncio.create_task(_load(svc.url, 8, 200, acked, stop))
    await _until_acked(acked, 100)
    svc.proc.terminate()
    await asyncio.get_running_loop().run_in_executor(None, svc.proc.wait, 30)
    stop.set()
    await load
    assert svc.proc.returncode == 0, svc.logs()[-2000:]
    svc.start()
    try:
        assert acked <= {r["data"]["id"] for r in _all_records(svc.url)}
    finally:
        svc.stop()


def _start_fails(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.ingest"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=30)


@pytest.mark.parametrize("env, needle", [
    ({"COOPLINE_PORT": "http"}, "COOPLINE_PORT"),
    ({"COOPLINE_LOG_FORMAT": "xml"}, "COOPLINE_LOG_FORMAT"),
    ({"COOPLINE_STORE": "mysql://x"}, "COOPLINE_STORE"),
    ({"COOPLINE_TOKENS_FILE": "/nonexistent/tokens"}, "COOPLINE_TOKENS_FILE"),
    ({"COOPLINE_HOST": "0.0.0.0"}, "COOPLINE_TOKENS_FILE"),
])
def test_bad_configuration_stops_with_one_clear_line(env, needle):
    result = _start_fails(env)
    assert result.returncode == 2
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and needle in lines[0], result.stderr


def test_bad_token_file_line_is_refused(tmp_path):
    bad = tmp_path / "tokens"
    bad.write_text("alice admin sha256:nothex\n")
    result = _start_fails({"COOPLINE_TOKENS_FILE": str(bad)})
    assert result.returncode == 2 and "line 1" in result.stderr


@pytest.mark.slow
async def test_sigterm_answers_open_long_polls_at_once(tmp_path):
    import time

    svc = ingest(tmp_path).start()
    async with httpx.AsyncClient(base_url=svc.url, timeout=40) as client:
        polls = [asyncio.create_task(client.get("/v1/log", params={"after": 0, "wait": 30})) for _ in range(5)]
        await asyncio.sleep(0.5)
        started = time.monotonic()
        svc.proc.terminate()
        answers = await asyncio.gather(*polls)
        code = await asyncio.get_running_loop().run_in_executor(None, svc.proc.wait, 30)
    assert code == 0 and time.monotonic() - started < 10
    assert all(a.status_code == 200 and a.json()["records"] == [] for a in answers)
