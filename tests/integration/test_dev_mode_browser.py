"""Dev mode (no token file) against a web page the developer visits (issue 17, item 6).

Dev mode answers everyone on the port as admin. A page can reach it by DNS rebinding (its own
host name resolving to 127.0.0.1: the Host header names the page's host) or by a plain HTML
form POST, which a browser sends cross-site without a preflight — never as application/json.
So in dev mode both services answer only loopback Host names, and take writes as JSON only,
even an empty-bodied one. With a token file neither applies (bearer tokens are not ambient).
"""

from __future__ import annotations

import json

import pytest

from services.ingest.routes import STORE
from services.query.context import REBUILDS
from tests.conftest import make_record
from tests.integration.conftest import auth
from tests.integration.query_pair import running_pair

PROBLEM = "application/problem+json"
JSON = {"Content-Type": "application/json"}
EVIL_HOSTS = ["rebind.evil.example", "rebind.evil.example:8081", "127.0.0.1.evil.example", "localhost.evil.example",
              "0.0.0.0", "", "127.0.0.1.2", "128.0.0.1", "[::1].evil.example", "localhost:80:80"]
LOOPBACK_HOSTS = ["127.0.0.1", "127.0.0.1:8081", "127.0.0.2:8081", "localhost", "LOCALHOST:8082", "[::1]", "[::1]:8081"]
FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", None]


@pytest.fixture
async def pair(tmp_path):
    async with running_pair(tmp_path) as p:
        yield p


async def _problem(resp, status: int) -> dict:
    assert resp.status == status, (resp.status, await resp.text())
    assert resp.content_type == PROBLEM
    return await resp.json()


@pytest.mark.parametrize("host", EVIL_HOSTS)
async def test_a_foreign_host_name_is_refused_on_both_services(pair, host):
    head = await pair.ingest.app[STORE].head()
    r = await pair.ingest.post("/v1/events", data=json.dumps(make_record("rebind")), headers={**JSON, "Host": host})
    assert "dev mode" in (await _problem(r, 421))["detail"]
    assert await pair.ingest.app[STORE].head() == head
    await _problem(await pair.ingest.get("/v1/log", headers={"Host": host}), 421)
    await _problem(await pair.query.post("/v1/rebuilds", json={}, headers={"Host": host}), 421)
    await _problem(await pair.query.get("/v1/countries/KR/timeline", headers={"Host": host}), 421)
    assert pair.query.app[REBUILDS].jobs == {}


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
async def test_loopback_host_names_are_served(pair, host):
    r = await pair.ingest.post("/v1/events", data=json.dumps(make_record(f"h-{LOOPBACK_HOSTS.index(host)}")),
                               headers={**JSON, "Host": host})
    assert r.status == 201, await r.text()
    assert (await pair.query.get("/healthz", headers={"Host": host})).status == 200


@pytest.mark.parametrize("ctype", FORM_TYPES)
async def test_a_form_post_cannot_write_or_start_a_rebuild(pair, ctype):
    headers = {"Content-Type": ctype} if ctype else {}
    head = await pair.ingest.app[STORE].head()
    for body in (b"", json.dumps(make_record("form")).encode()):
        await _problem(await pair.ingest.post("/v1/events", data=body, headers=headers), 415)
        await _problem(await pair.query.post("/v1/rebuilds", data=body, headers=headers), 415)
    await _problem(await pair.query.delete("/v1/rebuilds/some-job", headers=headers), 415)
    assert await pair.ingest.app[STORE].head() == head
    assert pair.query.app[REBUILDS].jobs == {}


async def test_an_empty_json_write_still_works(pair):
    r = await pair.query.post("/v1/rebuilds", headers=JSON)
    assert r.status == 202, await r.text()


async def test_with_tokens_the_host_and_type_rules_do_not_apply(ingest):
    r = await ingest.post("/v1/events", data=json.dumps(make_record("tok")),
                          headers={**auth("writer"), "Content-Type": "application/json", "Host": "coopline.example.org"})
    assert r.status == 201, await r.text()
