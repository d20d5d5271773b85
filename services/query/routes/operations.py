"""Projection status and rebuild jobs (DESIGN §6)."""

from __future__ import annotations

import msgspec
from aiohttp import web

from services.query.context import FOLLOWER, REBUILDS, STORE
from services.query.projections import PROJECTIONS
from services.query.rebuild import RebuildConflict
from shared.problems import Problem
from shared.web import json_response, read_json, requires

routes = web.RouteTableDef()


class RebuildRequest(msgspec.Struct, forbid_unknown_fields=True):
    dry_run: bool = False


_request = msgspec.json.Decoder(RebuildRequest)


@routes.get("/v1/projections")
@requires("reader")
async def projections(request: web.Request) -> web.Response:
    """One row per projection. Every projection's rows of a page commit in one transaction with
    the one checkpoint, so each has applied exactly the checkpoint's position: read from the
    store (on a standby replica, what the leader committed), not from the follower's memory."""
    f = request.app[FOLLOWER]
    cp = await request.app[STORE].checkpoint()
    head = max(f.head, cp.position)
    rebuilding = request.app[REBUILDS].running is not None
    return json_response([{"name": p.NAME, "tables": [t.name for t in p.TABLES], "position": cp.position,
                           "time": cp.time or None, "head": head, "lag_events": head - cp.position,
                           "lag_seconds": f.lag_seconds, "state": f.state,
                           "rebuilding": rebuilding, "leader": f.leading}
                          for p in PROJECTIONS])


@routes.post("/v1/rebuilds")
@requires("admin")
async def start_rebuild(request: web.Request) -> web.Response:
    dry_run = False
    if request.can_read_body:
        body = await read_json(request, 64 * 1024)
        if body.strip():
            try:
                dry_run = _request.decode(body).dry_run
            except msgspec.ValidationError as exc:
                raise Problem(422, f"the body is not a valid rebuild request: {exc}",
                              errors=[{"path": "$", "message": str(exc)}]) from None
            except msgspec.DecodeError as exc:
                raise Problem(400, f"the body is not valid JSON: {exc}") from None
    try:
        job = await request.app[REBUILDS].start(dry_run)
    except RebuildConflict as exc:
        raise Problem(409, str(exc)) from None
    return json_response({"id": job.id, "state": job.state}, status=202,
                         headers={"Location": f"/v1/rebuilds/{job.id}"})


def _job(request: web.Request):
    job = request.app[REBUILDS].jobs.get(request.match_info["id"])
    if job is None:
        raise Problem(404, f"no rebuild {request.match_info['id']!r}")
    return job


@routes.get("/v1/rebuilds/{id}")
@requires("reader")
async def get_rebuild(request: web.Request) -> web.Response:
    return json_response(_job(request).to_dict())


@routes.delete("/v1/rebuilds/{id}")
@requires("admin")
async def cancel_rebuild(request: web.Request) -> web.Response:
    job = _job(request)
    try:
        await request.app[REBUILDS].cancel(job)
    except RebuildConflict as exc:
        raise Problem(409, str(exc)) from None
    return json_response(job.to_dict())
