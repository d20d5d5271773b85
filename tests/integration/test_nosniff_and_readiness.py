"""Small exposures closed (issue 17, item 8), through the real apps.

* Every answer — JSON, CSV, problem+json, the docs page, a 404 — carries
  `X-Content-Type-Options: nosniff`, on both services.
* The query service's /readyz says whether the ingest feed is reachable, never its address.
* The feed's `wait` takes decimal seconds only: `1_0` (which Python's float() reads as 10), `1e1`
  and `nan` are 422.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.integration.query_pair import running_pair
from tests.integration.test_query_reads import seed


@pytest.fixture
async def pair(tmp_path):
    async with running_pair(tmp_path) as p:
        head = await seed(p)
        await p.get(f"/v1/countries?min_position={head}")
        yield p


QUERY_PATHS = ["/v1/countries", "/v1/countries/KR/timeline?format=csv", "/v1/countries/KR/timeline?format=timelinejs",
               "/v1/countries/XX/timeline", "/nowhere", "/docs", "/openapi.json", "/", "/readyz", "/metrics"]
INGEST_PATHS = ["/v1/log", "/v1/log?limit=0", "/nowhere", "/docs", "/healthz", "/v1/vocabulary"]


async def test_every_answer_says_nosniff(pair):
    for client, paths in ((pair.query, QUERY_PATHS), (pair.ingest, INGEST_PATHS)):
        for path in paths:
            r = await client.get(path)
            assert r.headers.get("X-Content-Type-Options") == "nosniff", (path, r.status, r.content_type)
    r = await pair.ingest.post("/v1/events", data=b"{", headers={"Content-Type": "application/json"})
    assert r.status == 400 and r.headers.get("X-Content-Type-Options") == "nosniff"


async def test_readyz_does_not_show_the_ingest_address(pair):
    await pair.stop_ingest()
    ready = {}
    for _ in range(200):
        ready = await pair.get("/readyz")
        if ready["ingest"] == "unreachable":
            break
        await asyncio.sleep(0.05)
    assert ready["ingest"] == "unreachable" and ready["error"], ready
    text = str(ready)
    assert str(pair.ingest_port) not in text and "127.0.0.1" not in text and "http" not in text, ready


@pytest.mark.parametrize("wait", ["1_0", "1e1", "nan", "inf", " 1", "1 ", "0x1", "١", "-0", "+1", "31", "1."])
async def test_the_feed_wait_takes_decimal_seconds_only(pair, wait):
    r = await pair.ingest.get("/v1/log", params={"wait": wait})
    assert r.status == 422, (wait, r.status)


@pytest.mark.parametrize("wait", ["0", "0.01", "0.5", "1.25"])
async def test_the_feed_wait_accepts_seconds(pair, wait):
    r = await pair.ingest.get("/v1/log", params={"wait": wait, "after": 0})
    assert r.status == 200, await r.text()
