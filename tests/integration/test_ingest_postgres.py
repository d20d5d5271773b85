"""The ingest app on PostgreSQL through HTTP: the same behaviour, and 503 (never 500) when the database goes."""

from __future__ import annotations

import asyncpg

from services.ingest.app import create_app
from shared.settings import Settings
from tests.conftest import PG_ADMIN_DSN, make_record
from tests.integration.test_ingest_write import PROBLEM


async def test_write_read_and_database_loss(aiohttp_client, pg_database):
    client = await aiohttp_client(create_app(Settings(service="ingest", store=pg_database), None))
    r = await client.post("/v1/events", json=make_record(1))
    assert r.status == 201
    assert (await client.post("/v1/events", json=make_record(1))).status == 200
    r = await client.post("/v1/events/batch", json=[make_record(2), make_record(3)])
    assert [x["position"] for x in (await r.json())["results"]] == [2, 3]
    page = await (await client.get("/v1/log?after=0")).json()
    assert [x["position"] for x in page["records"]] == [1, 2, 3]
    assert (await (await client.get("/readyz")).json())["ready"] is True

    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE "{pg_database.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await admin.close()
    for method, path, body in [("POST", "/v1/events", make_record(4)), ("GET", "/v1/log?after=0", None),
                               ("GET", "/v1/events/test-1/history", None)]:
        r = await client.request(method, path, json=body)
        assert r.status == 503 and r.content_type == PROBLEM, (path, r.status)
        assert "Retry-After" in r.headers
    assert (await client.get("/readyz")).status == 503
