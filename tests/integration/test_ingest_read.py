"""History, the long-poll feed, auth and the operational endpoints of the ingest app."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.conftest import make_record
from tests.integration.conftest import TOKENS, auth
from tests.integration.test_ingest_write import PROBLEM, post

R = auth("reader")


async def test_history_in_order_and_404(ingest):
    await post(ingest, "/v1/events", make_record(1))
    await post(ingest, "/v1/events", make_record(2))
    await post(ingest, "/v1/events/test-1/corrections", {"expected_version": 1, "changes": {"title": "t"}, "reason": "r"})
    r = await ingest.get("/v1/events/test-1/history", headers=R)
    assert r.status == 200
    hist = await r.json()
    assert [(h["position"], h["streamversion"], h["type"]) for h in hist] == [
        (1, 1, "coopline.cooperation.recorded"), (3, 2, "coopline.cooperation.corrected")]
    assert hist[1]["data"] == {"changes": {"title": "t"}, "reason": "r"}
    r = await ingest.get("/v1/events/unknown/history", headers=R)
    assert r.status == 404 and r.content_type == PROBLEM


async def test_log_paging(ingest):
    for i in range(7):
        await post(ingest, "/v1/events", make_record(i))
    r = await ingest.get("/v1/log?after=2&limit=3", headers=R)
    page = await r.json()
    assert [x["position"] for x in page["records"]] == [3, 4, 5] and page["head"] == 7
    r = await ingest.get("/v1/log?after=7", headers=R)
    assert await r.json() == {"records": [], "head": 7}


@pytest.mark.parametrize("query", ["after=-1", "after=x", "limit=0", "limit=5001", "wait=31", "wait=nan", "wait=-1"])
async def test_log_bad_parameters(ingest, query):
    r = await ingest.get(f"/v1/log?{query}", headers=R)
    assert r.status == 422 and r.content_type == PROBLEM


async def test_long_poll_answers_as_soon_as_a_record_commits(ingest):
    started = time.monotonic()
    poll = asyncio.create_task(ingest.get("/v1/log?after=0&wait=20", headers=R))
    await asyncio.sleep(0.3)
    assert not poll.done()
    await post(ingest, "/v1/events", make_record(1))
    resp = await asyncio.wait_for(poll, 5)
    elapsed = time.monotonic() - started
    assert [x["position"] for x in (await resp.json())["records"]] == [1]
    assert elapsed < 2, elapsed


async def test_long_poll_times_out_empty(ingest):
    started = time.monotonic()
    r = await ingest.get("/v1/log?after=0&wait=0.5", headers=R)
    assert (await r.json())["records"] == []
    assert 0.4 < time.monotonic() - started < 3


@pytest.mark.parametrize("method, path, role, status", [
    ("POST", "/v1/events", None, 401),
    ("POST", "/v1/events", "reader", 403),
    ("POST", "/v1/events", "writer", 201),
    ("POST", "/v1/events", "admin", 201),
    ("POST", "/v1/events/batch", "reader", 403),
    ("POST", "/v1/events/test-1/corrections", "reader", 403),
    ("POST", "/v1/events/test-1/retraction", None, 401),
    ("GET", "/v1/log", None, 401),
    ("GET", "/v1/log", "reader", 200),
    ("GET", "/v1/events/test-1/history", None, 401),
    ("GET", "/v1/events/test-1/history", "reader", 404),
    ("GET", "/v1/vocabulary", None, 200),
    ("GET", "/healthz", None, 200),
    ("GET", "/readyz", None, 200),
    ("GET", "/metrics", None, 200),
    ("GET", "/openapi.json", None, 200),
    ("GET", "/docs", None, 200),
])
async def test_route_role_table(ingest, method, path, role, status):
    headers = auth(role) if role else {}
    body = make_record(1) if path == "/v1/events" else {}
    r = await ingest.request(method, path, json=body, headers=headers)
    assert r.status == status
    if status == 401:
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
        assert r.content_type == PROBLEM


async def test_unknown_and_malformed_tokens(ingest):
    for header in ("Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer", "Bearer " + TOKENS["reader"] + "x"):
        r = await ingest.get("/v1/log", headers={"Authorization": header})
        assert r.status == 401, header


async def test_dev_mode_is_open(ingest_dev):
    r = await post(ingest_dev, "/v1/events", make_record(1), headers={})
    assert r.status == 201
    r = await ingest_dev.get("/v1/log")
    assert (await r.json())["records"][0]["actor"] == "dev"


async def test_unknown_route_and_method_are_problems(ingest):
    r = await ingest.get("/nope")
    assert r.status == 404 and r.content_type == PROBLEM
    r = await ingest.delete("/v1/events")
    assert r.status == 405 and r.content_type == PROBLEM and "POST" in r.headers["Allow"]


async def test_uncommon_methods_share_one_metric_label(ingest):
    for method in ("PROPFIND", "MKCOL", "LOCK", "TRACE"):
        r = await ingest.request(method, "/v1/events")
        assert r.status == 405
    metrics = await (await ingest.get("/metrics")).text()
    assert "PROPFIND" not in metrics and 'method="other"' in metrics


async def test_operational_endpoints(ingest):
    await post(ingest, "/v1/events", make_record(1))
    assert (await (await ingest.get("/readyz")).json())["ready"] is True
    metrics = await (await ingest.get("/metrics")).text()
    assert "coopline_http_request_duration_seconds_bucket" in metrics
    assert "coopline_log_head_position 1.0" in metrics
    assert "coopline_log_commits 1.0" in metrics and "coopline_log_committed_records 1.0" in metrics
    vocab = await (await ingest.get("/v1/vocabulary")).json()
    assert {"sector": "robotics", "label_ko": "로봇", "label_en": "Robotics"} in vocab["sectors"]
    assert {"code": "BY", "name_en": "Belarus", "name_ko": "벨라루스"} in vocab["countries"]
    spec = await (await ingest.get("/openapi.json")).json()
    assert spec["openapi"].startswith("3.1") and "/v1/events/batch" in spec["paths"]
    assert "Record" in spec["components"]["schemas"]
    docs = await ingest.get("/docs")
    html = await docs.text()
    assert "/docs/docs.js" in html and "http" not in html.replace("http-equiv", "")  # no CDN
    for name in ("docs.js", "docs.css", "swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"):
        asset = await ingest.get(f"/docs/{name}")
        assert asset.status == 200 and asset.headers["Content-Security-Policy"] == docs.headers["Content-Security-Policy"]
    assert "Apache License" in await (await ingest.get("/docs/LICENSE")).text()
    for name in ("swagger-initializer.js", "..%2f..%2fweb.py", "index.html"):  # only the files the page needs
        missing = await ingest.get(f"/docs/{name}")
        assert missing.status == 404 and missing.content_type == PROBLEM
    assert "default-src 'self'" in docs.headers["Content-Security-Policy"]


async def test_request_id_is_echoed(ingest):
    r = await ingest.get("/healthz", headers={"X-Request-Id": "abc-123"})
    assert r.headers["X-Request-Id"] == "abc-123"
    r = await ingest.get("/healthz", headers={"X-Request-Id": "bad id\twith junk"})
    assert r.headers["X-Request-Id"] != "bad id\twith junk"


async def test_write_rate_limit_is_off_by_default_and_429_when_set(aiohttp_client, tmp_path, tokens_file, ingest):
    from services.ingest.app import create_app
    from shared.auth import TokenTable
    from shared.settings import Settings

    statuses = [(await post(ingest, "/v1/events", make_record(i))).status for i in range(30)]
    assert set(statuses) == {201}
    settings = Settings(service="ingest", store=f"sqlite:///{tmp_path}/limited.db", tokens_file=str(tokens_file), write_rate=2)
    limited = await aiohttp_client(create_app(settings, TokenTable.load(str(tokens_file))))
    statuses = [(await post(limited, "/v1/events", make_record(i))) for i in range(5)]
    assert [r.status for r in statuses[:2]] == [201, 201]
    assert statuses[-1].status == 429 and int(statuses[-1].headers["Retry-After"]) >= 1
    assert statuses[-1].content_type == PROBLEM
    # reads are never limited, and another token has its own bucket
    assert (await limited.get("/v1/log", headers=R)).status == 200
    assert (await post(limited, "/v1/events", make_record(99), headers=auth("admin"))).status == 201
