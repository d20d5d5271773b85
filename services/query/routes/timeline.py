"""`GET /v1/countries/{code}/timeline` and its CSV / TimelineJS exports; `serve` answers any
timeline (a country's, an organisation's) from a query of its rows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from services.query import export_stream, exports, params
from services.query.context import STORE
from services.query.items import timeline_item
from services.query.projections import country_timeline
from services.query.routes.common import RELEASE, path_country, read_position, validate_common
from shared.web import json_response, requires

routes = web.RouteTableDef()
# (db, filters, position, limit, after) → rows (doc, version, first_position, start_key, end_key)
Rows = Callable[..., Awaitable[list[tuple]]]


async def page_of(request: web.Request, rows_of: Rows, f, at: int, limit: int, after) -> tuple[list[dict], tuple | None]:
    async with request.app[STORE].reading() as db:
        rows = await rows_of(db, f, at, limit + 1, after)
    items = [timeline_item(doc, version, first) for doc, version, first, _, _ in rows[:limit]]
    more = None
    if len(rows) > limit:
        _, _, first, start, end_key = rows[limit - 1]
        more = (start, end_key, first)
    return items, more


async def serve(request: web.Request, rows_of: Rows, *, name: str, country: str | None,
                headline: Callable[[str, int], Awaitable[str]]) -> web.StreamResponse:
    """A page of the timeline, or (format=csv|timelinejs) the whole selection streamed.
    `headline(lang, position)`: the TimelineJS title."""
    q = request.query
    f = params.filters(q, default_status=None)
    fmt = params.choice(q, "format", ("json", "csv", "timelinejs"), "json")
    validate_common(request)
    if fmt == "json":
        limit = params.integer(q, "limit", params.DEFAULT_LIMIT, 1, params.MAX_LIMIT)
        after = params.decode_cursor(q)
        at = await read_position(request)
        items, more = await page_of(request, rows_of, f, at, limit, after)
        return json_response({"items": items, "next_cursor": params.encode_cursor(more) if more else None})
    lang, bom = export_stream.options(q)
    at = await read_position(request)
    release = request.get(RELEASE)  # set by read_position when read with release=
    view = export_stream.View(name=f"{name}{'-' + f.partner if f.partner else ''}-timeline"
                                   f"{'-' + release['name'] if release else ''}",
                              headline=await headline(lang, at), country=country,
                              partner=f.partner, position=at, lang=lang, bom=bom, release=release)
    # Exports carry the whole selection (they ignore limit and cursor), streamed page by page.
    return await export_stream.respond(
        request, fmt, view, lambda after: page_of(request, rows_of, f, at, export_stream.EXPORT_PAGE, after))


def _country(code: str) -> Rows:
    async def rows_of(db, f, at, limit, after):
        return await country_timeline.timeline(db, code, f, at, limit, after)
    return rows_of


async def _page(request: web.Request, code: str, f, at: int, limit: int, after) -> tuple[list[dict], tuple | None]:
    """A page of a country's timeline (the web page renders the first one)."""
    return await page_of(request, _country(code), f, at, limit, after)


@routes.get("/v1/countries/{code}/timeline")
@requires("reader")
async def timeline(request: web.Request) -> web.StreamResponse:
    code = path_country(request)

    async def headline(lang: str, at: int) -> str:
        return exports.view_headline(code, params.country_param(request.query, "partner"), lang)

    return await serve(request, _country(code), name=f"coopline-{code}", country=code, headline=headline)
