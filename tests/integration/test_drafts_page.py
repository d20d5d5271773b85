"""The drafts view's frame as the query service serves it (no browser): `/drafts` in both
languages, its address rules, the ingest service's address handed to the page, and a
Content-Security-Policy that adds that one origin for fetch and nothing else. The view at work,
in Chromium against both services, is tests/browser/test_drafts_view.py."""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from services.query.app import create_app
from services.query.web_page import STATIC
from shared.settings import Settings, SettingsError, from_env
from shared.web import SECURITY_HEADERS


@pytest.fixture
async def client_for(tmp_path):
    clients = []

    async def make(**settings) -> TestClient:
        s = Settings(service="query", store=f"sqlite:///{tmp_path}/projections-{len(clients)}.db", **settings)
        client = TestClient(TestServer(create_app(s, None, poll_wait=1.0)))
        await client.start_server()
        clients.append(client)
        return client

    yield make
    for c in clients:
        await c.close()


def data_ingest_url(html: str) -> str:
    return re.search(r'data-ingest-url="([^"]*)"', html).group(1)


async def test_the_view_names_the_ingest_service_and_allows_only_its_origin(client_for):
    client = await client_for(ingest_url="http://127.0.0.1:18081")
    r = await client.get("/drafts")
    assert r.status == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"
    html = await r.text()
    assert data_ingest_url(html) == "http://127.0.0.1:18081"
    csp = r.headers["Content-Security-Policy"]
    assert csp == SECURITY_HEADERS["Content-Security-Policy"].replace(
        "default-src 'self';", "default-src 'self'; connect-src 'self' http://127.0.0.1:18081;")
    for name in ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
        assert r.headers[name] == SECURITY_HEADERS[name]
    assert '<script src="/static/drafts.js" type="module">' in html
    assert '<html lang="ko">' in html and "기사에서 사건 초안 만들기" in html
    assert 'id="nav-drafts" href="/drafts" data-i18n="nav_drafts" aria-current="page"' in html
    # the timeline page is unchanged: no fetch beyond its own origin, and it links the view
    home = await client.get("/")
    assert home.headers["Content-Security-Policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert 'href="/drafts"' in await home.text()


async def test_the_public_address_wins_over_the_inner_one(client_for):
    # e.g. compose: the query service reaches the ingest service as http://ingest:8081, browsers do not
    client = await client_for(ingest_url="http://ingest:8081", ingest_public_url="https://ingest.example.org/coopline")
    r = await client.get("/drafts?lang=en")
    html = await r.text()
    assert data_ingest_url(html) == "https://ingest.example.org/coopline"
    assert "connect-src 'self' https://ingest.example.org;" in r.headers["Content-Security-Policy"]
    assert "ingest:8081" not in html + r.headers["Content-Security-Policy"]
    assert '<html lang="en">' in html and "Drafts from an article" in html


@pytest.mark.parametrize("target, location", [
    ("/drafts?lang=ko", "/drafts"), ("/drafts?lang=fr", "/drafts"), ("/drafts?x=1", "/drafts"),
    ("/drafts?lang=en&x=1", "/drafts?lang=en"), ("/drafts?lang=en&lang=en", "/drafts?lang=en"),
])
async def test_an_untidy_address_is_sent_to_its_canonical_form(client_for, target, location):
    client = await client_for()
    r = await client.get(target, allow_redirects=False)
    assert r.status == 303 and r.headers["Location"] == location


async def test_the_view_has_no_inline_code_and_no_external_resources(client_for):
    client = await client_for()
    html = await (await client.get("/drafts")).text()
    assert all('src="/static/' in tag for tag in re.findall(r"<script[^>]*>", html))
    assert not re.search(r"<script[^>]*>[^<]+</script>", html)
    assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html, re.I)
    css = (STATIC / "drafts.css").read_text(encoding="utf-8")
    assert not re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", css + html, re.I)
    for name in ("drafts.js", "draft_card.js", "draft_fields.js", "article_text.js", "writer_token.js"):
        js = (STATIC / name).read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", js), name
        assert not re.search(r"localStorage\s*[.[]|document\.cookie", js), name  # the token: sessionStorage only
    assert "sessionStorage.setItem" in (STATIC / "writer_token.js").read_text(encoding="utf-8")


def test_the_public_ingest_address_setting():
    assert from_env("query", {}).ingest_public_url == ""
    s = from_env("query", {"COOPLINE_INGEST_PUBLIC_URL": "https://ingest.example.org/"})
    assert s.ingest_public_url == "https://ingest.example.org"
    for bad in ("ftp://ingest.example.org", "ingest.example.org", "http://", "http://x:99999", "http://x/?a=1"):
        with pytest.raises(SettingsError, match="COOPLINE_INGEST_PUBLIC_URL"):
            from_env("query", {"COOPLINE_INGEST_PUBLIC_URL": bad})
