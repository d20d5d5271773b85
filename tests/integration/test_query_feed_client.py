"""The feed client against a real HTTP server: pages decode, every way a feed can fail is a
FeedError (unreachable, refused, cut short, not HTTP, not a page), and a page costs no module
import (a failed import on every request is a file-system search)."""

from __future__ import annotations

import asyncio
import builtins
import socket
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


async def _raw_server(answer: bytes):
    """A TCP server that reads a request head and answers `answer` as is, then closes."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


@pytest.mark.parametrize("answer, reason", [
    (b"", "closed without an answer"),
    (b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\nContent-Type: application/json\r\n\r\n{\"records\": [", "cut short"),
    (b"NOT HTTP AT ALL\r\n\r\n", "not HTTP"),
    (b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nnot json", "not a page"),
])
async def test_a_broken_feed_is_a_feed_error(answer, reason):
    server = await _raw_server(answer)
    port = server.sockets[0].getsockname()[1]
    client = FeedClient(f"http://127.0.0.1:{port}", None)
    try:
        with pytest.raises(FeedError):
            await client.page(0)
    finally:
        await client.close()
        server.close()
        await server.wait_closed()


async def test_an_unreachable_feed_is_a_feed_error():
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = FeedClient(f"http://127.0.0.1:{port}/", None)
    try:
        with pytest.raises(FeedError, match="cannot reach"):
            await client.page(0)
    finally:
        await client.close()


async def test_a_page_is_one_request_with_the_parameters_asked(aiohttp_server):
    seen: list[str] = []

    async def log(request: web.Request) -> web.Response:
        seen.append(request.path_qs)
        return web.Response(body=b'{"records":[],"head":0}', content_type="application/json")

    app = web.Application()
    app.router.add_get("/v1/log", log)
    server = await aiohttp_server(app)
    client = FeedClient(str(server.make_url("/")), None)
    try:
        await client.page(7, limit=99999, wait=2.5)
        await client.page(0)
    finally:
        await client.close()
    assert seen == ["/v1/log?after=7&limit=5000&wait=2.5", "/v1/log?after=0&limit=1000"]
