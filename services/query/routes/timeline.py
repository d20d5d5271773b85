"""`GET /v1/countries/{code}/timeline` and its CSV / TimelineJS exports."""

from __future__ import annotations

from aiohttp import web

from services.query import export_stream, exports, params
from services.query.context import STORE
from services.query.items import timeline_item
from services.query.projections import country_timeline
from services.query.routes.common import RELEASE, path_country, read_position, validate_common
from shared.web import json_response, requires

routes = web.RouteTableDef()


async def _page(request: web.Request, code: str, f, at: int, limit: int, after) -> tuple[list[dict], tuple | None]:
    async with request.app[STORE].reading() as db:
        rows = await country_timeline.timeline(db, code, f, at, limit + 1, after)
    items = [timeline_item(doc, version, first) for doc, version, first, _, _ in rows[:limit]]
    more = None
    if len(rows) > limit:
        _, _, first, start, end_key = rows[limit - 1]
        more = (start, end_key, first)
    return items, more


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
    lang, bom = export_stream.options(q)
    at = await read_position(request)
    release = request.get(RELEASE)  # set by read_position when read with release=
    view = export_stream.View(name=f"coopline-{code}{'-' + f.partner if f.partner else ''}-timeline"
                                   f"{'-' + release['name'] if release else ''}",
                              headline=exports.view_headline(code, f.partner, lang), country=code,
                              partner=f.partner, position=at, lang=lang, bom=bom, release=release)
    # Exports carry the whole selection (they ignore limit and cursor), streamed page by page.
    return await export_stream.respond(
        request, fmt, view, lambda after: _page(request, code, f, at, export_stream.EXPORT_PAGE, after))
