"""`GET /v1/releases` and `GET /v1/releases/{name}/changes` (releases tagged on the ingest side)."""

from __future__ import annotations

import re

from aiohttp import web

from services.query import params
from services.query.context import STORE
from services.query.projections import releases
from services.query.routes.common import read_position, release_named, validate_common
from shared.problems import Problem
from shared.record import ID_PATTERN
from shared.web import json_response, requires

routes = web.RouteTableDef()
_name = re.compile(ID_PATTERN)


@routes.get("/v1/releases")
@requires("reader")
async def list_releases(request: web.Request) -> web.Response:
    validate_common(request)
    at = await read_position(request)
    async with request.app[STORE].reading() as db:
        return json_response(await releases.listing(db, at))


@routes.get("/v1/releases/{name}/changes")
@requires("reader")
async def release_changes(request: web.Request) -> web.Response:
    """Cooperations added, corrected and retracted after `since` (a release; by default the
    empty log) up to the release `name`."""
    name = request.match_info["name"]
    validate_common(request)
    if not _name.fullmatch(name):
        raise Problem(404, f"no release {name!r}")
    await read_position(request)  # waits for min_position, like every read
    until = await release_named(request, name, Problem(404, f"no release {name!r}"))
    since = {"name": None, "position": 0}
    if "since" in request.query:
        other = request.query["since"]
        since = await release_named(request, other, params.invalid("since", f"no release {other!r}"))
        if since["position"] > until["position"]:
            raise params.invalid("since", f"release {other!r} (position {since['position']}) is later than {name!r} "
                                 f"(position {until['position']})")
    async with request.app[STORE].reading() as db:
        body = await releases.changes(db, since["position"], until["position"])
    return json_response({"release": until["name"], "position": until["position"], "since": since["name"],
                          "since_position": since["position"], **body})
