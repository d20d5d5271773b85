"""`GET /v1/search`: events whose text holds every word of `q`, across all countries."""

from __future__ import annotations

from aiohttp import web

from services.query import params
from services.query.context import STORE
from services.query.items import timeline_item
from services.query.projections import search
from services.query.routes.common import read_position, validate_common
from shared.web import json_response, requires

routes = web.RouteTableDef()


@routes.get("/v1/search")
@requires("reader")
async def search_events(request: web.Request) -> web.Response:
    q = request.query
    if "q" not in q:
        raise params.invalid("q", "required: the words to find")
    f = params.filters(q, default_status=None)
    country = params.country_param(q, "country")
    limit = params.integer(q, "limit", params.DEFAULT_LIMIT, 1, params.MAX_LIMIT)
    after = params.decode_cursor(q)
    validate_common(request)
    at = await read_position(request)
    async with request.app[STORE].reading() as db:
        rows = await search.search(db, country, f, at, limit + 1, after)
    items = [timeline_item(doc, version, first) for doc, version, first, _, _ in rows[:limit]]
    more = None
    if len(rows) > limit:
        _, _, first, hit, start = rows[limit - 1]
        more = (hit, start, first)
    return json_response({"items": items, "next_cursor": params.encode_cursor(more) if more else None})
