"""`GET /v1/countries/{code}/timeline` and its CSV / TimelineJS exports."""

from __future__ import annotations

from aiohttp import web

from services.query import exports, params
from services.query.context import STORE
from services.query.items import timeline_item
from services.query.projections import country_timeline
from services.query.routes.common import path_country, read_position, validate_common
from shared import countries
from shared.web import json_response, requires

routes = web.RouteTableDef()
EXPORT_PAGE = 1000


async def _page(request: web.Request, code: str, f, at: int, limit: int, after) -> tuple[list[dict], tuple | None]:
    async with request.app[STORE].reading() as db:
        rows = await country_timeline.timeline(db, code, f, at, limit + 1, after)
    items = [timeline_item(doc, version, first) for doc, version, first, _, _ in rows[:limit]]
    more = None
    if len(rows) > limit:
        _, _, first, start, end_key = rows[limit - 1]
        more = (start, end_key, first)
    return items, more


async def _everything(request: web.Request, code: str, f, at: int) -> list[dict]:
    items, after = [], None
    while True:  # page through, so no single read holds the store for long
        page, after = await _page(request, code, f, at, EXPORT_PAGE, after)
        items += page
        if after is None:
            return items


def _headline(code: str, partner: str | None) -> str:
    name = countries.name_en(code)
    return f"{name} – {countries.name_en(partner)}" if partner else name


@routes.get("/v1/countries/{code}/timeline")
@requires("reader")
async def timeline(request: web.Request) -> web.StreamResponse:
    code = path_country(request)
    q = request.query
    f = params.filters(q, default_status=None)
    fmt = params.choice(q, "format", ("json", "csv", "timelinejs"), "json")
    validate_common(request)
    if fmt == "json":
        limit = params.integer(q, "limit", params.DEFAULT_LIMIT, 1, params.MAX_LIMIT)
        after = params.decode_cursor(q)
        at = await read_position(request)
        items, more = await _page(request, code, f, at, limit, after)
        return json_response({"items": items, "next_cursor": params.encode_cursor(more) if more else None})
    at = await read_position(request)
    items = await _everything(request, code, f, at)
    name = f"coopline-{code}{'-' + f.partner if f.partner else ''}-timeline"
    if fmt == "csv":
        return web.Response(body=exports.csv_text(items).encode(), headers={
            "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": f'attachment; filename="{name}.csv"'})
    return json_response(exports.timelinejs(items, _headline(code, f.partner), code, f.partner),
                         headers={"Content-Disposition": f'inline; filename="{name}.json"'})
