"""Countries, partners, sector counts and event detail (DESIGN §6)."""

from __future__ import annotations

import re

from aiohttp import web

from services.query import params
from services.query.context import STORE
from services.query.projections import country_timeline, event_detail, sector_counts
from services.query.routes.common import path_country, read_position, validate_common, with_names
from shared.problems import Problem
from shared.record import ID_PATTERN
from shared.web import json_response, requires

routes = web.RouteTableDef()
_id = re.compile(ID_PATTERN)


@routes.get("/v1/countries")
@requires("reader")
async def list_countries(request: web.Request) -> web.Response:
    validate_common(request)
    at = await read_position(request)
    async with request.app[STORE].reading() as db:
        rows = await country_timeline.countries(db, at)
    return json_response(with_names(rows))


@routes.get("/v1/countries/{code}/partners")
@requires("reader")
async def list_partners(request: web.Request) -> web.Response:
    code = path_country(request)
    validate_common(request)
    at = await read_position(request)
    async with request.app[STORE].reading() as db:
        rows = await country_timeline.partners(db, code, at)
    return json_response(with_names(rows))


@routes.get("/v1/sectors")
@requires("reader")
async def sectors(request: web.Request) -> web.Response:
    q = request.query
    country = params.country_param(q, "country")
    f = params.filters(q, default_status="occurred")
    by_year = params.choice(q, "by", ("year",)) == "year"
    validate_common(request)
    at = await read_position(request)
    async with request.app[STORE].reading() as db:
        body = await sector_counts.counts(db, country, f, at, by_year)
    return json_response(body)


@routes.get("/v1/events/{id}")
@requires("reader")
async def event(request: web.Request) -> web.Response:
    cid = request.match_info["id"]
    validate_common(request)
    if not _id.match(cid):
        raise Problem(404, f"no cooperation with id {cid!r}")
    at = await read_position(request)
    async with request.app[STORE].reading() as db:
        found = await event_detail.detail(db, cid, at)
    if found is None:
        raise Problem(404, f"no cooperation with id {cid!r}" + (" at that position" if "as_of" in request.query or "release" in request.query else ""))
    return json_response(found)
