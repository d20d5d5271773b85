"""GET /v1/log answered from the ingest process's in-memory tail is byte for byte the page the
database gives, on both sides of the tail's boundary, and long polls wake with it."""

from __future__ import annotations

import asyncio

import pytest

from services.ingest.app import create_app
from services.ingest.routes import STORE
from services.ingest.store.sqlite import SQLiteLog
from shared.settings import Settings
from tests.conftest import make_record

TAIL = 40


@pytest.fixture
async def pair(aiohttp_client, tmp_path, monkeypatch):
    """Two dev-mode apps on one file: `live` wrote the log (tail in memory), `cold` did not."""
    monkeypatch.setattr(SQLiteLog, "memory_tail", TAIL)
    settings = Settings(service="ingest", store=f"sqlite:///{tmp_path}/events.db")
    live = await aiohttp_client(create_app(settings, None))
    return live, settings


async def test_pages_from_memory_equal_pages_from_the_database(pair, aiohttp_client):
    live, settings = pair
    await asyncio.gather(*(live.post("/v1/events", json=make_record(f"s{i}")) for i in range(25)))
    r = await live.post("/v1/events/batch", json=[make_record(f"b{i}") for i in range(60)])
    assert r.status == 201
    await live.post("/v1/events/test-s3/corrections", json={"expected_version": 1, "changes": {"title": "t"}, "reason": "r"})
    await live.post("/v1/events/test-s4/retraction", json={"expected_version": 1, "reason": "gone"})
    head = 87
    store = live.app[STORE]
    assert store.known_head() == head and store.recent(head - TAIL, 1) is not None
    cold = await aiohttp_client(create_app(settings, None))  # its tail is empty: every page is read
    assert cold.app[STORE].recent(0, 1) is None
    for after in [0, 1, head - TAIL - 1, head - TAIL, head - TAIL + 1, head - 2, head - 1, head, head + 5]:
        for limit in (1, 7, TAIL, 500):
            url = f"/v1/log?after={after}&limit={limit}"
            hot, read = await live.get(url), await cold.get(url)
            assert hot.status == read.status == 200
            assert await hot.read() == await read.read(), url


async def test_long_poll_wakes_with_the_rows_from_memory(pair):
    live, _ = pair
    await live.post("/v1/events", json=make_record(1))
    poll = asyncio.create_task(live.get("/v1/log?after=1&wait=10"))
    await asyncio.sleep(0.2)
    assert not poll.done()
    r = await live.post("/v1/events/batch", json=[make_record(2), make_record(3)])
    assert r.status == 201
    page = await (await asyncio.wait_for(poll, 5)).json()
    assert [x["position"] for x in page["records"]] == [2, 3] and page["head"] == 3
    assert [x["subject"] for x in page["records"]] == ["test-2", "test-3"]
