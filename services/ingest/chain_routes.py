"""The log's hash chain and releases over HTTP: `GET /v1/log/head`, `POST /v1/releases`.

A release names the log as it stood at the record before it, by that record's position and
hash: `POST /v1/releases` appends a `coopline.release.tagged` record (subject
`release:<name>`) whose data is `{name, note, position, hash}`. Names are used once (409).
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from aiohttp import web
from msgspec import Meta, Struct

from services.ingest.routes import STORE, _decode, _submit
from services.ingest.store.base import ReleaseCmd, ReleaseReceipt
from shared import record
from shared.log_record import Head
from shared.record import ID_PATTERN
from shared.web import SETTINGS, json_response, principal, read_json, requires

routes = web.RouteTableDef()


class ReleaseRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    name: Annotated[str, Meta(pattern=ID_PATTERN, description="used once; the record id pattern")]
    note: Annotated[str, Meta(min_length=1, max_length=2000)] | None = None


_release_decoder = msgspec.json.Decoder(ReleaseRequest)


@routes.get("/v1/log/head")
@requires("reader")
async def get_head(request: web.Request) -> web.Response:
    position, hash_, time = await request.app[STORE].tip()
    return json_response(Head(position=position, hash=hash_, time=time))


def release_body(r: ReleaseReceipt) -> dict:
    return {"name": r.name, "note": r.note, "position": r.position, "hash": r.hash,
            "record": {"position": r.record_position, "hash": r.record_hash}}


@routes.post("/v1/releases")
@requires("admin")
async def post_release(request: web.Request) -> web.Response:
    body = await read_json(request, request.app[SETTINGS].max_event_bytes)
    req = _decode(record.decode, body, _release_decoder)
    receipt = await _submit(request, ReleaseCmd(req.name, req.note, principal(request).name))
    return json_response(release_body(receipt), status=201)
