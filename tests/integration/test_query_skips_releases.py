"""The query service as it stands follows a log holding release records and shows none of them:
no timeline, count, country or event detail changes, live or rebuilt from the log."""

from __future__ import annotations

import pytest

from tests.integration.test_query_reads import seed

READS = ["/v1/countries", "/v1/countries/KR/timeline", "/v1/countries/KR/partners", "/v1/sectors?status=all",
         "/v1/sectors?country=KR&by=year", "/v1/events/test-ru", "/v1/countries/KR/timeline?format=csv"]


async def test_release_records_are_followed_and_never_shown(pair):
    await check_release_is_invisible(pair)


@pytest.mark.postgres
async def test_release_records_are_never_shown_on_postgres(pg_pair):
    await check_release_is_invisible(pg_pair)


async def check_release_is_invisible(pair):
    head = await seed(pair)
    before = {path: await pair.get(f"{path}{'&' if '?' in path else '?'}min_position={head}") for path in READS}
    r = await pair.ingest.post("/v1/releases", json={"name": "v1", "note": "the first report"})
    assert r.status == 201, await r.text()
    release = (await r.json())["record"]["position"]
    after = {path: await pair.get(f"{path}{'&' if '?' in path else '?'}min_position={release}") for path in READS}
    assert after == before
    await pair.get("/v1/events/release:v1", status=404)
    projections = await pair.get("/v1/projections")
    assert all(p["position"] == release for p in projections)
    replay = await pair.replay(release)  # a store built from scratch from the same log
    try:
        for path in READS[:5]:
            resp = await replay.get(f"{path}{'&' if '?' in path else '?'}min_position={release}")
            assert resp.status == 200 and await resp.json() == before[path], path
    finally:
        await replay.close()
