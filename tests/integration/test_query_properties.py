"""Properties of the query service under random input (issue 7), through the real app following
a real ingest app.

* Random query strings (known parameter names with random values, random names) and random path
  segments on every GET route never give a 5xx, and answer errors as problem+json.
* Random bytes and random JSON posted to POST /v1/rebuilds (and random ids to DELETE) never give
  a 5xx and never start a job, unless the body was a valid rebuild request.
* Nothing a reader sends changes what the projections hold.
* Forged cursors (any JSON, positions far past what a store's integers hold) are 4xx, never a
  5xx, on SQLite and on PostgreSQL (issue 17: a position of 2^63 was a 500 and a traceback).

`min_position` / `as_of` past what is applied would wait 5 s; the wait is cut to 50 ms here.
"""

from __future__ import annotations

import asyncio
import base64
import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.query.context import FOLLOWER, REBUILDS
from services.query.routes import common
from tests.conftest import BACKENDS, _create_database, _drop_database, require_postgres
from tests.integration.query_pair import running_pair
from tests.integration.test_ingest_properties import json_values
from tests.integration.test_query_reads import seed

PROBLEM = "application/problem+json"
EXAMPLES = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
async def pair(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "WAIT_SECONDS", 0.05)
    async with running_pair(tmp_path) as p:
        head = await seed(p)
        await p.get(f"/v1/countries?min_position={head}")
        p.head = head
        yield p


async def expect_problem_or_ok(resp, query: str = "") -> None:
    if resp.status == 503:  # only a wait that ran out (min_position/as_of past the head), saying when to retry
        assert "min_position" in query or "as_of" in query, await resp.text()
        assert resp.headers["Retry-After"] == "1"
    else:
        assert resp.status < 500, (resp.status, await resp.text())
    if resp.status >= 400:
        assert resp.content_type == PROBLEM, (resp.status, resp.content_type)
        body = await resp.json(content_type=None)
        assert body["status"] == resp.status and body["title"] and "detail" in body


async def state(pair) -> list:
    """What the projections hold, through the API."""
    return [await pair.get(p) for p in ("/v1/countries", "/v1/countries/KR/timeline?limit=1000",
                                        "/v1/sectors?status=all&by=year", "/v1/events/test-gone")]


PARAMS = ["partner", "from", "to", "match", "kind", "status", "sector", "limit", "cursor", "format", "country", "by",
          "as_of", "min_position"]
values = (st.text(max_size=14)
          | st.integers(-5, 10**20).map(str)
          | st.sampled_from(["KR", "by", "XX", "2011", "2011-13", "2011-02-30", "2010-03-01", "201X", "2010?", "..",
                             "overlap", "within", "all", "planned", "ai", "year", "csv", "timelinejs", "json", "nan",
                             "1e3", "0", "7", "2026-03-01T00:00:00Z", "2026-03-01", "9999-12-31T23:59:59+14:00",
                             "0001-01-01T00:00:00-23:59", "\x00", "%", "\ud7ff"]))

def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


big_ints = st.integers(-(2**70), 2**70) | st.sampled_from([2**62, 2**62 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1])
cursors = (st.tuples(st.text(max_size=12), st.text(max_size=12), big_ints).map(lambda k: _b64(json.dumps(list(k)).encode()))
           | json_values.map(lambda v: _b64(json.dumps(v).encode()))
           | st.binary(max_size=40).map(_b64))
values = values | cursors
queries = st.lists(st.tuples(st.sampled_from(PARAMS) | st.text(max_size=6), values), max_size=5).map(
    lambda pairs: "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs))
segments = (st.sampled_from(["KR", "kr", "BY", "XX", "K", "KOR", "test-by1", "test-gone", "unknown", "", "..", "%2F"])
            | st.text(min_size=1, max_size=16).map(lambda s: quote(s, safe="")))
get_paths = st.one_of(
    st.sampled_from(["/v1/countries", "/v1/sectors", "/v1/projections", "/", "/readyz", "/healthz", "/metrics",
                     "/v1/vocabulary", "/openapi.json"]),
    segments.map(lambda s: f"/v1/countries/{s}/timeline"),
    segments.map(lambda s: f"/v1/countries/{s}/partners"),
    segments.map(lambda s: f"/v1/events/{s}"),
    segments.map(lambda s: f"/v1/rebuilds/{s}"),
    segments.map(lambda s: f"/static/{s}"),
)


@EXAMPLES
@given(path=get_paths, query=queries)
async def test_random_reads_never_5xx(pair, path, query):
    resp = await pair.query.get(f"{path}?{query}" if query else path)
    await expect_problem_or_ok(resp, query)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/v1/countries/KR/timeline", "/v1/sectors", "/v1/countries"]),
       pairs=st.lists(st.tuples(st.sampled_from(PARAMS), values), min_size=1, max_size=4))
async def test_random_reads_change_nothing(pair, path, pairs):
    before = await state(pair)
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    resp = await pair.query.get(f"{path}?{query}")
    await expect_problem_or_ok(resp, query)
    assert await state(pair) == before
    assert pair.query.app[FOLLOWER].applied.position == pair.head


def _valid_rebuild_request(body: bytes, ctype: str) -> bool:
    """Whether the query service should start a job for this POST body."""
    media = ctype.split(";")[0].strip()
    if media != "application/json" and not (media.startswith("application/") and media.endswith("+json")):
        return False  # 415, even with no body: the pair runs in dev mode (no token file)
    if not body:
        return True  # no body at all: the defaults
    if not body.strip():
        return True
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(value, dict) and set(value) <= {"dry_run"} and all(type(v) is bool for v in value.values())


bodies = (st.binary(max_size=200)
          | json_values.map(lambda v: json.dumps(v).encode())
          | st.dictionaries(st.sampled_from(["dry_run", "dryRun", "x"]), json_values, max_size=2).map(
              lambda v: json.dumps(v).encode())
          | st.sampled_from([b"", b"  ", b"{}", b'{"dry_run": true}', b'{"dry_run": false}', b'{"dry_run": 1}',
                             b'{"dry_run": "true"}', b'{"dry_run": null}', b"[]", b"null", b'{"dry_run": true']))
content_types = st.sampled_from(["application/json", "application/json; charset=utf-8", "application/merge-patch+json",
                                 "text/plain", "application/x-www-form-urlencoded", ""])


async def _idle(pair) -> None:
    rebuilds = pair.query.app[REBUILDS]
    for _ in range(400):
        if rebuilds.running is None:
            return
        await asyncio.sleep(0.025)
    raise AssertionError("a rebuild is still running")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies, ctype=content_types)
async def test_junk_never_starts_a_rebuild(pair, body, ctype):
    await _idle(pair)
    jobs = dict(pair.query.app[REBUILDS].jobs)
    resp = await pair.query.post("/v1/rebuilds", data=body, headers={"Content-Type": ctype})
    await expect_problem_or_ok(resp)
    if _valid_rebuild_request(body, ctype):
        assert resp.status == 202, (body, ctype, resp.status, await resp.text())
        started = set(pair.query.app[REBUILDS].jobs) - set(jobs)
        assert started == {(await resp.json())["id"]}
    else:
        assert resp.status in (400, 413, 415, 422), (body, ctype, resp.status)
        assert set(pair.query.app[REBUILDS].jobs) == set(jobs), f"{resp.status} yet a job started"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segment=segments, method=st.sampled_from(["DELETE", "PUT", "PATCH", "POST"]))
async def test_random_ids_and_methods_on_rebuild_jobs(pair, segment, method):
    jobs = dict(pair.query.app[REBUILDS].jobs)
    resp = await pair.query.request(method, f"/v1/rebuilds/{segment}", data=b"{}",
                                    headers={"Content-Type": "application/json"})
    await expect_problem_or_ok(resp)
    assert resp.status in (404, 405), resp.status
    assert pair.query.app[REBUILDS].jobs == jobs


async def test_oversized_rebuild_body_is_413_and_starts_nothing(pair):
    resp = await pair.query.post("/v1/rebuilds", data=b'{"dry_run": true, "pad": "' + b"x" * 70_000 + b'"}',
                                 headers={"Content-Type": "application/json"})
    assert resp.status == 413 and resp.content_type == PROBLEM
    assert pair.query.app[REBUILDS].jobs == {}


@pytest.fixture(params=BACKENDS)
async def pair_on_backend(request, tmp_path, monkeypatch):
    name = None
    if request.param == "postgres":
        require_postgres()
        name = await _create_database()
        query_store = f"postgresql://postgres@127.0.0.1:5432/{name}"
    else:
        query_store = f"sqlite:///{tmp_path}/projections.db"
    try:
        async with running_pair(tmp_path, query_store=query_store) as p:
            head = await seed(p)
            await p.get(f"/v1/countries?min_position={head}")  # with the usual 5 s wait
            monkeypatch.setattr(common, "WAIT_SECONDS", 0.05)
            yield p
    finally:
        if name:
            await _drop_database(name)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cursor=cursors, path=st.sampled_from(["/v1/countries/KR/timeline", "/v1/countries/BY/timeline?partner=KR"]))
async def test_forged_cursors_are_4xx_on_both_backends(pair_on_backend, cursor, path):
    sep = "&" if "?" in path else "?"
    resp = await pair_on_backend.query.get(f"{path}{sep}cursor={quote(cursor, safe='')}")
    await expect_problem_or_ok(resp)
    assert resp.status in (200, 422), resp.status


@pytest.mark.parametrize("position", [2**63, 2**64, 2**62 + 1, -1])
async def test_a_cursor_past_any_position_is_422_on_both_backends(pair_on_backend, position):
    cursor = _b64(json.dumps(["2018-06-22", "2018-06-22", position]).encode())
    resp = await pair_on_backend.query.get(f"/v1/countries/KR/timeline?cursor={cursor}")
    assert resp.status == 422 and resp.content_type == PROBLEM, (resp.status, await resp.text())
