"""Big batches against the real ingest process (issue 17, item 7), on SQLite and PostgreSQL.

20 clients post a 16 MiB batch each at once. Before, every body was read and decoded on the
event loop at the same time: RSS went to ~750 MB and /healthz waited behind the decoding. Now at
most COOPLINE_MAX_LARGE_BODIES are taken at once (the rest: 503 with Retry-After, before their
body is read), each decoded in a worker thread a record at a time: /healthz answers while they
are decoded, and RSS returns under a bound afterwards.
"""

from __future__ import annotations

import asyncio
import json
import threading

import httpx
import psutil
import pytest

from tests.conftest import BACKENDS, make_record, store_url
from tests.harness import Service

MiB = 2**20
CLIENTS = 20
RSS_GROWTH_BOUND_MB = 200  # two batches in flight at most; 20 at once took ~700 MB before


def big_batch(tag: str) -> bytes:
    """1000 valid records (the item limit) filling just under 16 MiB."""
    people = [{"name": f"참가자 {i} " + "가" * 90, "country": "KR"} for i in range(40)]
    recs = [make_record(f"{tag}-{i}", participants=people, summary="요약 " * 400) for i in range(1000)]
    body = json.dumps(recs, ensure_ascii=False).encode()
    assert 12 * MiB < len(body) <= 16 * MiB, len(body)
    return body


@pytest.fixture(params=BACKENDS)
def ingest(request, tmp_path):
    with store_url(request.param, tmp_path, "events.db") as store:
        svc = Service("ingest", {"COOPLINE_STORE": store, "COOPLINE_LOG_FORMAT": "json"}, tmp_path / "ingest.log")
        yield svc.start()
        svc.kill()


async def _post(url: str, body: bytes) -> httpx.Response:
    async with httpx.AsyncClient(timeout=300) as c:
        return await c.post(f"{url}/v1/events/batch", content=body, headers={"Content-Type": "application/json"})


async def _attack(url: str, body: bytes) -> list[httpx.Response]:
    return await asyncio.gather(*[_post(url, body) for _ in range(CLIENTS)])


def test_big_batches_are_bounded_off_the_loop_and_leave_memory_bounded(ingest):
    body = big_batch("big")
    proc = psutil.Process(ingest.proc.pid)
    start = proc.memory_info().rss / MiB
    health: list[int] = []
    done = threading.Event()

    def probe() -> None:  # /healthz while the batches are read and decoded
        with httpx.Client(timeout=60) as c:
            while not done.is_set():
                health.append(c.get(f"{ingest.url}/healthz").status_code)

    prober = threading.Thread(target=probe)
    prober.start()
    try:
        answers = asyncio.run(_attack(ingest.url, body))
    finally:
        done.set()
        prober.join()
    statuses = sorted(r.status_code for r in answers)
    assert set(statuses) <= {200, 201, 503}, statuses
    assert 201 in statuses, statuses  # one batch went in; the others were replays or refused
    refused = [r for r in answers if r.status_code == 503]
    assert all(r.headers["Retry-After"] == "1" and r.headers["Content-Type"].startswith("application/problem+json")
               for r in refused)
    assert health and set(health) == {200}, health  # answered (every time) while the batches were processed
    with httpx.Client() as c:
        assert c.get(f"{ingest.url}/v1/log", params={"after": 0, "limit": 1}).json()["head"] == 1000
    now = proc.memory_info().rss / MiB
    assert now <= start + RSS_GROWTH_BOUND_MB, f"RSS {start:.0f} MB before, {now:.0f} MB after"


def test_a_retried_refusal_goes_in(ingest):
    """A client that honours Retry-After gets its batch in."""
    body = big_batch("retry")
    answers = asyncio.run(_attack(ingest.url, body))
    for r in answers:
        if r.status_code == 503:
            again = asyncio.run(_post(ingest.url, body))
            assert again.status_code in (200, 503)
    assert any(r.status_code == 201 for r in answers)
