"""The exports through the real pair: streamed in pages, bounded, CORS only where reads are public.

The content of a row or an event is unit-tested (tests/unit/test_exports.py); here, what only
the running service shows. The streaming test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest

from services.query import export_stream
from tests.conftest import make_record
from tests.integration.test_query_security import headers, secured_query, tokens  # noqa: F401 - a fixture
from tests.logbuilder import party

PROBLEM = "application/problem+json"
MANY = export_stream.EXPORT_PAGE * 2 + 17  # three pages


async def fill(pair, n: int = MANY) -> int:
    """`n` KR–BY events over the years, in batches; → the head."""
    head = 0
    for lo in range(0, n, 1000):
        batch = [make_record(f"x{i:05d}", date=f"{1990 + i % 30}-{1 + i % 12:02d}", participants=party("KR", "BY"),
                             title=f"=HYPERLINK(\"http://x/{i}\")" if i == 3 else f"행사 {i}")
                 for i in range(lo, min(n, lo + 1000))]
        head = max(r["position"] for r in (await pair.post("/v1/events/batch", batch))["results"])
    return head


async def all_json_ids(pair, head: int) -> list[str]:
    seen, cursor = [], ""
    while True:
        page = await pair.get(f"/v1/countries/KR/timeline?limit=1000&min_position={head}{cursor}")
        seen += [i["id"] for i in page["items"]]
        if page["next_cursor"] is None:
            return seen
        cursor = f"&cursor={page['next_cursor']}"


async def test_exports_stream_every_page_in_timeline_order(pair):
    head = await fill(pair)
    expected = await all_json_ids(pair, head)
    assert len(expected) == MANY
    r = await pair.query.get(f"/v1/countries/KR/timeline?format=csv&bom=true&limit=5&min_position={head}")
    assert r.status == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.headers.get("Transfer-Encoding") == "chunked" and "Content-Length" not in r.headers
    assert r.headers["X-Content-Type-Options"] == "nosniff" and r.headers["X-Request-Id"]
    assert r.headers["Content-Disposition"] == 'attachment; filename="coopline-KR-timeline.csv"'
    body = await r.read()
    assert body.startswith(b"\xef\xbb\xbfid,date,start,end,")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert [row[0] for row in rows[1:]] == expected
    assert rows[1 + expected.index("test-x00003")][6] == "'=HYPERLINK(\"http://x/3\")"

    r = await pair.query.get(f"/v1/countries/KR/timeline?format=timelinejs&partner=BY&lang=en&min_position={head}")
    assert r.status == 200 and r.headers.get("Transfer-Encoding") == "chunked"
    doc = json.loads(await r.read())
    assert [e["unique_id"] for e in doc["events"]] == expected
    assert doc["title"]["text"]["headline"] == "South Korea – Belarus" and str(head) in doc["title"]["text"]["text"]
    assert {e["group"] for e in doc["events"]} == {"Agreement, MOU, sister-city pact"}

    # an empty selection is a valid document too
    empty = json.loads(await (await pair.query.get("/v1/countries/NZ/timeline?format=timelinejs")).read())
    assert empty["events"] == [] and empty["title"]["text"]["headline"] == "뉴질랜드"
    assert (await (await pair.query.get("/v1/countries/NZ/timeline?format=csv")).text()).count("\r\n") == 1



@pytest.mark.postgres
async def test_exports_stream_every_page_on_postgres(pg_pair):
    await test_exports_stream_every_page_in_timeline_order(pg_pair)


async def test_thirty_exports_at_once_all_complete(pair):
    head = await fill(pair, 300)
    paths = [f"/v1/countries/KR/timeline?format={'csv' if i % 2 else 'timelinejs'}&min_position={head}"
             for i in range(30)]

    async def one(path):
        r = await pair.query.get(path)
        return r.status, await r.read()

    results = await asyncio.gather(*(one(p) for p in paths))
    assert [s for s, _ in results] == [200] * 30
    assert {len(b) for s, b in results[1::2]} == {len(results[1][1])}  # every CSV whole and alike
    assert all(len(json.loads(b)["events"]) == 300 for _, b in results[::2])


async def test_exports_past_the_bound_wait_in_line_then_get_503(pair, monkeypatch):
    await fill(pair, 3)
    monkeypatch.setattr(export_stream, "MAX_EXPORTS", 1)
    monkeypatch.setattr(export_stream, "MAX_WAITING", 2)
    slots = export_stream._slots[pair.query.app] = export_stream.Slots()
    await slots.running.acquire()  # the one place is busy
    path = "/v1/countries/KR/timeline?format=csv"
    waiting = [asyncio.ensure_future(pair.query.get(path)) for _ in range(2)]
    for _ in range(1000):  # until both are in line (bounded, so a broken bound fails instead of hanging)
        if slots.waiting == 2:
            break
        await asyncio.sleep(0.01)
    assert slots.waiting == 2
    r = await pair.query.get(path)
    assert r.status == 503 and r.content_type == PROBLEM and r.headers["Retry-After"] == "2"
    assert (await pair.query.get("/v1/countries/KR/timeline?format=json")).status == 200  # reads are not bounded
    slots.running.release()  # the place frees: those in line go one after the other
    assert [(await w).status for w in waiting] == [200, 200]
    assert slots.waiting == 0 and not slots.running.locked()


@pytest.mark.parametrize("query", ["lang=fr", "lang=", "bom=yes", "bom=1"])
async def test_bad_export_options_are_422(pair, query):
    r = await pair.query.get(f"/v1/countries/KR/timeline?format=csv&{query}")
    assert r.status == 422 and r.content_type == PROBLEM


@pytest.mark.parametrize("public_reads", [True, False], ids=["public-reads", "private-reads"])
async def test_cors_only_on_exports_and_only_when_reads_are_public(tmp_path, tokens, public_reads):  # noqa: F811
    async with secured_query(tmp_path, tokens, public_reads=public_reads) as client:
        origin = {"Origin": "https://elsewhere.example", **headers("reader")}
        for fmt in ("csv", "timelinejs"):
            r = await client.get(f"/v1/countries/KR/timeline?format={fmt}", headers=origin)
            assert r.status == 200
            assert r.headers.get("Access-Control-Allow-Origin") == ("*" if public_reads else None), fmt
        for path in ("/v1/countries/KR/timeline", "/v1/countries", "/v1/events/test-1"):
            r = await client.get(path, headers=origin)
            assert r.status == 200 and "Access-Control-Allow-Origin" not in r.headers, path
        r = await client.post("/v1/rebuilds", json={"dry_run": True}, headers={**origin, **headers("admin")})
        assert r.status in (202, 409) and "Access-Control-Allow-Origin" not in r.headers
        # an error answer carries no CORS header either
        r = await client.get("/v1/countries/KR/timeline?format=csv&lang=xx", headers=origin)
        assert r.status == 422 and "Access-Control-Allow-Origin" not in r.headers


async def test_no_cors_in_dev_mode(pair):
    await fill(pair, 1)
    r = await pair.query.get("/v1/countries/KR/timeline?format=timelinejs", headers={"Origin": "https://x.example"})
    assert r.status == 200 and "Access-Control-Allow-Origin" not in r.headers


async def test_a_failure_mid_stream_cuts_the_body_short(aiohttp_client, tmp_path):
    """Once the status line is out, a failing page must not end the body as if it were whole."""
    from aiohttp import ClientPayloadError, web

    from shared.settings import Settings
    from shared.web import SETTINGS, TOKENS

    async def fetch(after):
        if after is None:
            return [make_record(1) | {"start": "2018-06-22", "end": "2018-06-22", "status": "occurred",
                                      "countries": ["KR", "RU"], "title_en": None}], ("k",)
        raise OSError("the store went away")

    async def handler(request):
        view = export_stream.View(name="x", headline="x", country="KR", partner=None, position=1)
        return await export_stream.respond(request, request.query["format"], view, fetch)

    app = web.Application()
    app[SETTINGS], app[TOKENS] = Settings(service="query", store=f"sqlite:///{tmp_path}/p.db"), None
    app.router.add_get("/export", handler)
    client = await aiohttp_client(app)
    for fmt in ("csv", "timelinejs"):
        r = await client.get(f"/export?format={fmt}")
        assert r.status == 200
        with pytest.raises(ClientPayloadError):
            await r.read()
        assert (await client.get("/export?format=csv")).status == 200  # and the service carries on
