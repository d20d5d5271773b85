"""`GET /v1/organisations`, `/v1/organisations/{org}` and its timeline (with CSV / TimelineJS exports)."""

from __future__ import annotations

import base64
import re

import msgspec
from aiohttp import web

from services.query import params
from services.query.context import STORE
from services.query.projections import organisation_reads
from services.query.routes import timeline
from services.query.routes.common import read_position, validate_common
from shared.problems import Problem
from shared.web import json_response, requires

routes = web.RouteTableDef()


def _path_org(request: web.Request) -> str:
    org = request.match_info["org"]
    if not params.ORG.fullmatch(org):
        raise Problem(404, f"no organisation with id {org!r}")
    return org


def _encode(key: tuple[int, str]) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(list(key))).decode().rstrip("=")


def _cursor(q) -> tuple[int, str] | None:
    raw = q.get("cursor")
    if raw is None:
        return None
    try:
        events, org = msgspec.json.decode(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        if type(events) is int and 0 <= events <= params.MAX_POSITION and isinstance(org, str):
            return events, org
    except Exception:
        pass
    raise params.invalid("cursor", "not a cursor from a previous page's next_cursor")


@routes.get("/v1/organisations")
@requires("reader")
async def list_organisations(request: web.Request) -> web.Response:
    q = request.query
    country = params.country_param(q, "country")
    terms = params.terms(q)
    limit = params.integer(q, "limit", params.DEFAULT_LIMIT, 1, params.MAX_LIMIT)
    after = _cursor(q)
    validate_common(request)
    at = await read_position(request)
    async with request.app[STORE].reading() as db:
        rows = await organisation_reads.listing(db, at, country, terms, limit + 1, after)
    more = (rows[limit - 1]["events"], rows[limit - 1]["org"]) if len(rows) > limit else None
    return json_response({"items": rows[:limit], "next_cursor": _encode(more) if more else None})


@routes.get("/v1/organisations/{org}")
@requires("reader")
async def organisation(request: web.Request) -> web.Response:
    org = _path_org(request)
    validate_common(request)
    at = await read_position(request)
    async with request.app[STORE].reading() as db:
        found, partners = await organisation_reads.profile(db, at, org)
    if found is None:
        raise Problem(404, f"no organisation with id {org!r}" + (" at that position" if "as_of" in request.query else ""))
    return json_response({**found, "partners": partners})


@routes.get("/v1/organisations/{org}/timeline")
@requires("reader")
async def organisation_timeline(request: web.Request) -> web.StreamResponse:
    org = _path_org(request)

    async def rows_of(db, f, at, limit, after):
        return await organisation_reads.timeline(db, org, f, at, limit, after)

    async def headline(lang: str, at: int) -> str:
        async with request.app[STORE].reading() as db:
            named = (await organisation_reads.names(db, at, [org])).get(org)
        return (named["name_en"] if lang == "en" and named["name_en"] else named["name"]) if named else org

    return await timeline.serve(request, rows_of, name=f"coopline-{re.sub(r'[^A-Za-z0-9.-]', '-', org)}",
                                country=None, headline=headline)
