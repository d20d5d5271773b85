"""The feed client against a real HTTP server: pages decode, errors are FeedErrors, and a page
costs no module import (httpcore looks for `sniffio` on every request; without it installed
each request pays a failed import, a file-system search)."""

from __future__ import annotations

import builtins
import sys

import pytest
from aiohttp import web

from services.query.feed_client import FeedClient, FeedError


@pytest.fixture
async def feed(aiohttp_server):
    async def log(request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != "Bearer t0k":
            return web.json_response({"title": "no"}, status=401)
        after = int(request.query["after"])
        return web.Response(body=b'{"records":[],"head":%d}' % (after + 1), content_type="application/json")

    app = web.Application()
    app.router.add_get("/v1/log", log)
    return await aiohttp_server(app)


async def test_pages_decode_and_refusals_are_feed_errors(feed):
    client = FeedClient(str(feed.make_url("/")), "t0k")
    try:
        page = await client.page(41, limit=10)
        assert page.head == 42 and page.records == []
    finally:
        await client.close()
    bad = FeedClient(str(feed.make_url("/")), "wrong")
    try:
        with pytest.raises(FeedError, match="401"):
            await bad.page(0)
    finally:
        await bad.close()


async def test_a_page_imports_nothing(feed, monkeypatch):
    client = FeedClient(str(feed.make_url("/")), "t0k")
    try:
        await client.page(0)  # warm: whatever the first request imports
        tried: list[str] = []
        real = builtins.__import__

        def counting(name, globals=None, locals=None, fromlist=(), level=0):
            if level == 0 and name not in sys.modules:  # relative imports resolve to loaded modules
                tried.append(name)
            return real(name, globals, locals, fromlist, level)

        monkeypatch.setattr(builtins, "__import__", counting)
        for after in range(20):
            await client.page(after)
        monkeypatch.setattr(builtins, "__import__", real)
        assert tried == [], f"imports on every page: {sorted(set(tried))}"
    finally:
        await client.close()
