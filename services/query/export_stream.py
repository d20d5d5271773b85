"""Serving an export: streamed page by page, a bounded number at once, CORS where reads are public.

A whole-selection export used to be built in memory before the first byte went out, so thirty
at once held thirty copies of the selection. Now an export holds one page of items at a time
and at most `MAX_EXPORTS` stream at once per process (they are CPU work: more at once would
not finish sooner on a small machine). Up to `MAX_WAITING` more wait their turn, for as long as
their clients wait; past that, 503 with Retry-After at once. Counts, not timeouts, so that a
slow machine answers slowly rather than wrongly.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import msgspec
import structlog
from aiohttp import web

from services.query import exports, params
from services.query.display_dates import LANGS
from shared.problems import Problem
from shared.web import SETTINGS, TOKENS

log = structlog.get_logger()
EXPORT_PAGE = 500  # items held at once by one export
MAX_EXPORTS = 4  # exports streaming at once (per process)
MAX_WAITING = 64  # exports waiting for one of those places; past that, 503


class Slots:
    """The places for exports in one app: `MAX_EXPORTS` streaming, `MAX_WAITING` in line."""

    def __init__(self) -> None:
        self.running, self.waiting = asyncio.Semaphore(MAX_EXPORTS), 0

    @contextlib.asynccontextmanager
    async def place(self):
        if self.running.locked() and self.waiting >= MAX_WAITING:
            raise Problem(503, f"{MAX_EXPORTS} exports are being sent and {self.waiting} are waiting; "
                               "retry shortly", headers={"Retry-After": "2"})
        self.waiting += 1
        try:
            await self.running.acquire()
        finally:
            self.waiting -= 1
        try:
            yield
        finally:
            self.running.release()


_slots: weakref.WeakKeyDictionary[web.Application, Slots] = weakref.WeakKeyDictionary()
_encode = msgspec.json.Encoder().encode

# fetch(after) → (items, the key to fetch the next page after, or None when that was the last)
Fetch = Callable[[tuple | None], Awaitable[tuple[list[dict], tuple | None]]]


@dataclass(frozen=True)
class View:
    """What an export shows: its file name, TimelineJS headline and grouping, language, BOM."""
    name: str
    headline: str
    country: str | None
    partner: str | None
    position: int
    lang: str = "ko"
    bom: bool = False
    release: dict | None = None  # the release read with `release=`: named in a header and the title


def options(q) -> tuple[str, bool]:
    """(lang, bom) of an export request; a bad value is a 422 before anything waits."""
    lang = params.choice(q, "lang", LANGS, "ko")
    return lang, params.choice(q, "bom", ("true", "false"), "false") == "true"


def _cors(request: web.Request) -> dict[str, str]:
    """Any site may load a read-only export when reads need no token; not in dev mode (no token
    file: a developer's machine, whose data no web page they visit should read)."""
    public = request.app[SETTINGS].public_reads and request.app[TOKENS] is not None
    return {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Coopline-Release"} if public else {}


def _csv_pieces(view: View):
    head = exports.csv_text([], bom=view.bom).encode()
    return head, lambda items: exports.csv_text(items, header=False).encode(), b""


def _timelinejs_pieces(view: View):
    head = b'{"title":' + _encode(exports.timelinejs_title(view.headline, view.position, view.lang, view.release)) + b',"events":['
    first = True

    def events(items: list[dict]) -> bytes:
        nonlocal first
        if not items:
            return b""
        body = b",".join(_encode(exports.timelinejs_event(i, view.country, view.partner, view.lang)) for i in items)
        body, first = (body if first else b"," + body), False
        return body

    return head, events, b"]}"


_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "attachment", "csv", _csv_pieces),
    "timelinejs": ("application/json", "inline", "json", _timelinejs_pieces),
}


async def respond(request: web.Request, fmt: str, view: View, fetch: Fetch) -> web.StreamResponse:
    slots = _slots.get(request.app)
    if slots is None:
        slots = _slots[request.app] = Slots()
    async with slots.place():
        return await _stream(request, fmt, view, fetch)


async def _stream(request: web.Request, fmt: str, view: View, fetch: Fetch) -> web.StreamResponse:
    content_type, disposition, suffix, pieces = _FORMATS[fmt]
    items, after = await fetch(None)  # a failure here is still an ordinary problem answer
    rid = structlog.contextvars.get_contextvars().get("request_id", "")
    resp = web.StreamResponse(headers={
        "Content-Type": content_type, "Content-Disposition": f'{disposition}; filename="{view.name}.{suffix}"',
        "X-Content-Type-Options": "nosniff", "X-Request-Id": rid, **_cors(request),
        **(exports.release_header(view.release) if view.release else {})})
    resp.enable_chunked_encoding()
    head, body, tail = pieces(view)
    await resp.prepare(request)
    try:
        await resp.write(head + body(items))
        while after is not None:
            del items  # hold one page at a time
            items, after = await fetch(after)
            await resp.write(body(items))
        await resp.write(tail)
    except ConnectionError:
        return resp  # the client went away: nothing to tell it
    except Exception:
        # The status line is sent: the only honest signal left is to cut the body short (no last
        # chunk), so that no client takes a partial export for a whole one.
        log.exception("export_failed", path=request.path)
        if request.transport is not None:
            request.transport.close()
    return resp
