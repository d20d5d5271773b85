"""Properties of the ingest service under random input (issue 7), through the real app.

* Random bytes and random JSON posted to every write endpoint, and random query strings on
  every GET endpoint, never give a 5xx, always answer errors as problem+json, and never append.
  JSON nested deeper than any parser goes is among the bodies, and 100k `[` a case of its own.
* Random mixes of records, duplicates, conflicting bodies, batches, corrections and retractions
  from concurrent tasks leave the log gapless: positions 1..n, streamversions 1, 2, 3… per
  subject, each record id once, one `recorded` per subject, nothing after a retraction.

Every test runs on SQLite and on PostgreSQL (the module's `ingest` fixture is parametrized).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.ingest.app import create_app
from services.ingest.routes import STORE
from shared.auth import TokenTable
from shared.settings import Settings as AppSettings
from tests.conftest import BACKENDS, make_record, store_url
from tests.integration.conftest import auth

W = {**auth("writer"), "Content-Type": "application/json"}
R = auth("reader")
PROBLEM = "application/problem+json"
SEEDED = "seeded-1"
WRITE_PATHS = ["/v1/events", "/v1/events/batch", f"/v1/events/{SEEDED}/corrections",
               f"/v1/events/{SEEDED}/retraction", "/v1/events/unknown-9/corrections",
               "/v1/events/unknown-9/retraction"]
EXAMPLES = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)
# Near misses reach deeper than pure noise: a valid record or correction with one field replaced.
record_fields = st.sampled_from(sorted(make_record(0)) + ["unknown"])
near_records = st.builds(lambda f, v: {**make_record("near"), f: v}, record_fields, json_values)
near_corrections = st.builds(
    lambda key, v: {"expected_version": 1, "changes": {"date": "2019"}, "reason": "fix", key: v},
    st.sampled_from(["expected_version", "changes", "reason", "extra"]), json_values)
bodies = (st.binary(max_size=300)
          | json_values.map(lambda v: json.dumps(v).encode())
          | st.lists(near_records, min_size=1, max_size=2).map(lambda v: json.dumps(v).encode())
          | near_corrections.map(lambda v: json.dumps(v).encode()))
# JSON nested past any parser's depth (issue 17: 100k `[` was a RecursionError and a 500)
deep_bodies = st.builds(lambda n, opener, inner: opener * n + inner, st.integers(1_000, 150_000),
                        st.sampled_from([b"[", b'{"a":', b'[{"x":', b'{"changes":{"date":']), st.sampled_from([b"", b"1", b"]"]))
bodies = bodies | deep_bodies
content_types = st.sampled_from(["application/json", "application/json; charset=utf-8", "application/cloudevents+json",
                                 "text/plain", "application/x-www-form-urlencoded", ""])


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with store_url(request.param, tmp_path, "events.db") as url:
        yield url


@pytest.fixture
async def ingest(store, aiohttp_client, tokens_file):
    """The ingest app with tokens, on SQLite or on a fresh PostgreSQL database."""
    settings = AppSettings(service="ingest", store=store, tokens_file=str(tokens_file))
    return await aiohttp_client(create_app(settings, TokenTable.load(str(tokens_file))))


async def head(client) -> int:
    return await client.app[STORE].head()


async def seed(client) -> None:
    if await head(client) == 0:
        r = await client.post("/v1/events", data=json.dumps(make_record(1, id=SEEDED)), headers=W)
        assert r.status == 201


async def expect_problem_or_ok(resp) -> None:
    assert resp.status < 500, await resp.text()
    if resp.status >= 400:
        assert resp.content_type == PROBLEM, (resp.status, resp.content_type)
        body = await resp.json(content_type=None)
        assert body["status"] == resp.status and body["title"] and "detail" in body


@EXAMPLES
@given(path=st.sampled_from(WRITE_PATHS), body=bodies, ctype=content_types)
async def test_random_bodies_never_5xx_and_never_append(ingest, path, body, ctype):
    await seed(ingest)
    before = await head(ingest)
    resp = await ingest.post(path, data=body, headers={**auth("writer"), "Content-Type": ctype})
    await expect_problem_or_ok(resp)
    if resp.status < 300:  # only a near-miss that happened to be valid may append, and only one record
        assert path in ("/v1/events", "/v1/events/batch") and await head(ingest) <= before + 2
    else:
        assert await head(ingest) == before, f"{resp.status} yet the log grew"


@EXAMPLES
@given(body=json_values)
async def test_random_json_records_are_refused_without_appending(ingest, body):
    await seed(ingest)
    before = await head(ingest)
    for path in WRITE_PATHS:
        resp = await ingest.post(path, data=json.dumps(body), headers=W)
        await expect_problem_or_ok(resp)
        assert resp.status >= 400, f"{path} accepted random JSON {body!r}"
    assert await head(ingest) == before


def _bounded(key: str, value: str) -> str:
    # A valid long-poll wait past the head would hold the example for up to 30 s.
    if key == "wait":
        try:
            if 0 < float(value) and math.isfinite(float(value)):
                return "0.01"
        except ValueError:
            pass
    return value


query_keys = st.sampled_from(["after", "limit", "wait", "as_of", ""]) | st.text(max_size=8)
query_values = st.text(max_size=12) | st.integers(-10, 10**20).map(str) | st.sampled_from(["nan", "inf", "-0", "1e3", "0x10"])
queries = st.lists(st.tuples(query_keys, query_values), max_size=4).map(
    lambda pairs: "&".join(f"{quote(k, safe='')}={quote(_bounded(k, v), safe='')}" for k, v in pairs))
get_paths = st.sampled_from(["/v1/log", f"/v1/events/{SEEDED}/history", "/healthz", "/readyz", "/v1/vocabulary",
                             "/metrics"]) | st.text(min_size=1, max_size=20).map(lambda s: f"/v1/events/{quote(s, safe='')}/history")


@EXAMPLES
@given(path=get_paths, query=queries, role=st.sampled_from(["reader", "writer", None]))
async def test_random_queries_never_5xx_and_never_append(ingest, path, query, role):
    await seed(ingest)
    before = await head(ingest)
    resp = await ingest.get(f"{path}?{query}" if query else path, headers=auth(role) if role else {})
    await expect_problem_or_ok(resp)
    assert await head(ingest) == before


# -- random concurrent writers ---------------------------------------------------------------
_example = itertools.count()
subjects = st.integers(0, 5)
ops = st.one_of(
    st.tuples(st.just("record"), subjects),
    st.tuples(st.just("conflict"), subjects),
    st.tuples(st.just("batch"), st.lists(subjects, min_size=1, max_size=4)),
    st.tuples(st.just("correct"), subjects, st.integers(1, 4)),
    st.tuples(st.just("retract"), subjects, st.integers(1, 4)),
)


async def _run(client, prefix: str, todo: list) -> list[tuple]:
    out = []
    for op in todo:
        kind, n = op[0], op[1]
        if kind == "record":
            r = await client.post("/v1/events", data=json.dumps(make_record(f"{prefix}{n}")), headers=W)
        elif kind == "conflict":
            r = await client.post("/v1/events", data=json.dumps(make_record(f"{prefix}{n}", title="other")), headers=W)
        elif kind == "batch":
            r = await client.post("/v1/events/batch", data=json.dumps([make_record(f"{prefix}{i}") for i in n]), headers=W)
        elif kind == "correct":
            r = await client.post(f"/v1/events/test-{prefix}{n}/corrections", headers=W, data=json.dumps(
                {"expected_version": op[2], "changes": {"summary": f"v{op[2]}"}, "reason": "random"}))
        else:
            r = await client.post(f"/v1/events/test-{prefix}{n}/retraction", headers=W,
                                  data=json.dumps({"expected_version": op[2], "reason": "random"}))
        await expect_problem_or_ok(r)
        out.append((op, r.status, await r.json(content_type=None)))
    return out


async def _whole_log(client) -> list[dict]:
    records, after = [], 0
    while True:
        page = await (await client.get(f"/v1/log?after={after}&limit=5000", headers=R)).json()
        if not page["records"]:
            return records
        records += page["records"]
        after = page["records"][-1]["position"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tasks=st.lists(st.lists(ops, min_size=1, max_size=8), min_size=2, max_size=6))
async def test_concurrent_random_writers_keep_the_log_gapless(ingest, tasks):
    prefix = f"c{next(_example)}-"
    results = await asyncio.gather(*(_run(ingest, prefix, t) for t in tasks))
    log = await _whole_log(ingest)
    assert [r["position"] for r in log] == list(range(1, len(log) + 1))
    assert len({r["id"] for r in log}) == len(log)
    mine = [r for r in log if r["subject"].startswith(f"test-{prefix}")]
    by_subject: dict[str, list[dict]] = {}
    for r in mine:
        by_subject.setdefault(r["subject"], []).append(r)
    for subject, recs in by_subject.items():
        assert [r["streamversion"] for r in recs] == list(range(1, len(recs) + 1)), subject
        assert recs[0]["type"].endswith(".recorded")
        assert all(not r["type"].endswith(".recorded") for r in recs[1:]), subject
        retracted = [i for i, r in enumerate(recs) if r["type"].endswith(".retracted")]
        assert retracted in ([], [len(recs) - 1]), f"{subject}: changes after a retraction"
    # every acknowledged write is in the log where its receipt says
    at = {r["position"]: r for r in log}
    for op, status, body in itertools.chain.from_iterable(results):
        if op[0] == "batch" and status in (200, 201):
            for item in body["results"]:
                assert by_subject[item["id"]][0]["position"] == item["position"]
        elif status == 201:
            assert at[body["position"]]["subject"] == body["id"] and at[body["position"]]["streamversion"] == body["version"]
        elif status == 200:  # an identical retry: the original receipt
            assert op[0] in ("record", "conflict") and by_subject[body["id"]][0]["position"] == body["position"]
        else:
            assert status in ((409, 422) if op[0] in ("record", "conflict", "batch") else (404, 409)), (op, status, body)


@pytest.mark.parametrize("path", WRITE_PATHS)
@pytest.mark.parametrize("opener", [b"[", b'{"a":'])
async def test_json_nested_100k_deep_is_400_and_appends_nothing(ingest, path, opener):
    await seed(ingest)
    before = await head(ingest)
    resp = await ingest.post(path, data=opener * 100_000, headers=W)
    assert resp.status == 400, (resp.status, await resp.text())
    assert resp.content_type == PROBLEM and "nested too deeply" in (await resp.json(content_type=None))["detail"]
    assert await head(ingest) == before
