"""CORS on the ingest service for the drafts view: a listed origin may record events from a
browser (preflight, then the write's answer names it); any other origin gets no CORS header."""

from __future__ import annotations

import pytest

from services.ingest.app import create_app
from shared.auth import TokenTable
from shared.settings import Settings, SettingsError, from_env
from tests.conftest import make_record
from tests.integration.conftest import auth

PAGE = "http://127.0.0.1:8082"
OTHER = "https://evil.example"


def _preflight(origin: str, method: str = "POST", headers: str = "authorization,content-type") -> dict:
    return {"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers}


@pytest.fixture
async def ingest_cors(aiohttp_client, tmp_path, tokens_file):
    settings = Settings(service="ingest", store=f"sqlite:///{tmp_path}/events.db", tokens_file=str(tokens_file),
                        cors_origins=(PAGE, "https://coopline.example.org"))
    return await aiohttp_client(create_app(settings, TokenTable.load(str(tokens_file))))


async def test_a_listed_origin_passes_the_preflight_and_its_writes_name_it(ingest_cors):
    for path in ("/v1/events", "/v1/events/batch"):
        r = await ingest_cors.options(path, headers=_preflight(PAGE))
        assert r.status == 204
        assert r.headers["Access-Control-Allow-Origin"] == PAGE
        assert r.headers["Access-Control-Allow-Methods"] == "POST, OPTIONS"
        assert r.headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type"
        assert "Origin" in r.headers.getall("Vary") and "Access-Control-Allow-Credentials" not in r.headers
    r = await ingest_cors.post("/v1/events", json=make_record(1), headers={**auth("writer"), "Origin": PAGE})
    assert r.status == 201 and r.headers["Access-Control-Allow-Origin"] == PAGE
    assert "X-Request-Id" in r.headers["Access-Control-Expose-Headers"]
    r = await ingest_cors.post("/v1/events/batch", json=[make_record(2)], headers={**auth("writer"), "Origin": PAGE})
    assert r.status == 201 and r.headers["Access-Control-Allow-Origin"] == PAGE
    # errors too, so that the page can read why (a token it must fix, a field to correct)
    r = await ingest_cors.post("/v1/events", json=make_record(3), headers={"Origin": PAGE})
    assert r.status == 401 and r.headers["Access-Control-Allow-Origin"] == PAGE
    r = await ingest_cors.post("/v1/events", json={**make_record(4), "date": "soon"},
                               headers={**auth("writer"), "Origin": "https://coopline.example.org"})
    assert r.status == 422 and r.headers["Access-Control-Allow-Origin"] == "https://coopline.example.org"


async def test_another_origin_gets_no_cors_header(ingest_cors):
    r = await ingest_cors.options("/v1/events", headers=_preflight(OTHER))
    assert r.status == 403 and r.content_type == "application/problem+json"
    assert "Access-Control-Allow-Origin" not in r.headers
    r = await ingest_cors.post("/v1/events", json=make_record(1), headers={**auth("writer"), "Origin": OTHER})
    assert "Access-Control-Allow-Origin" not in r.headers  # the browser withholds the answer
    for origin in (PAGE + "/", PAGE + ":80", "http://127.0.0.1:80820", "null", "http://127.0.0.1"):
        r = await ingest_cors.options("/v1/events", headers=_preflight(origin))
        assert r.status == 403 and "Access-Control-Allow-Origin" not in r.headers, origin


async def test_the_preflight_allows_only_post_and_the_two_headers(ingest_cors):
    for headers in (_preflight(PAGE, "DELETE"), _preflight(PAGE, headers="authorization,x-custom"), {"Origin": PAGE}):
        r = await ingest_cors.options("/v1/events", headers=headers)
        assert r.status == 403 and r.content_type == "application/problem+json"
    assert (await ingest_cors.options("/v1/events", headers=_preflight(PAGE, headers=""))).status == 204


async def test_nothing_else_is_offered_to_other_origins(ingest_cors):
    for path in ("/v1/events/x/corrections", "/v1/events/x/retraction", "/v1/log", "/v1/releases"):
        r = await ingest_cors.options(path, headers=_preflight(PAGE))
        assert r.status == 405 and "Access-Control-Allow-Origin" not in r.headers, path
    r = await ingest_cors.get("/v1/log", headers={**auth("reader"), "Origin": PAGE})
    assert r.status == 200 and "Access-Control-Allow-Origin" not in r.headers


async def test_without_origins_there_is_no_cors(ingest):
    r = await ingest.options("/v1/events", headers=_preflight(PAGE))
    assert r.status == 405 and "Access-Control-Allow-Origin" not in r.headers
    r = await ingest.post("/v1/events", json=make_record(1), headers={**auth("writer"), "Origin": PAGE})
    assert r.status == 201 and "Access-Control-Allow-Origin" not in r.headers


async def test_dev_mode_answers_a_listed_origin_too(aiohttp_client, tmp_path):
    settings = Settings(service="ingest", store=f"sqlite:///{tmp_path}/dev.db", cors_origins=(PAGE,))
    client = await aiohttp_client(create_app(settings, None))
    r = await client.options("/v1/events", headers=_preflight(PAGE))
    assert r.status == 204 and r.headers["Access-Control-Allow-Origin"] == PAGE
    r = await client.post("/v1/events", json=make_record(1), headers={"Origin": PAGE})
    assert r.status == 201 and r.headers["Access-Control-Allow-Origin"] == PAGE
    # still only a loopback Host (DNS rebinding) and JSON writes, whatever the origin
    r = await client.options("/v1/events", headers={**_preflight(PAGE), "Host": "evil.example:8081"})
    assert r.status == 421


def test_the_setting_takes_exact_origins():
    env = {"COOPLINE_CORS_ORIGINS": " http://127.0.0.1:8082 , https://Coopline.Example.org,http://127.0.0.1:8082"}
    assert from_env("ingest", env).cors_origins == ("http://127.0.0.1:8082", "https://coopline.example.org")
    assert from_env("ingest", {}).cors_origins == ()
    for bad in ("*", "http://127.0.0.1:8082/", "127.0.0.1:8082", "ftp://x.org", "https://x.org/page", "http://a b"):
        with pytest.raises(SettingsError, match="COOPLINE_CORS_ORIGINS"):
            from_env("ingest", {"COOPLINE_CORS_ORIGINS": bad})
    assert from_env("query", {"COOPLINE_DRAFTS": "EAGER"}).drafts == "eager"
    assert from_env("query", {}).drafts == "lazy"
    with pytest.raises(SettingsError, match="COOPLINE_DRAFTS"):
        from_env("query", {"COOPLINE_DRAFTS": "sometimes"})
