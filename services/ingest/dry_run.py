"""`POST /v1/events/batch?dry_run=true`: every item checked, nothing appended (200)."""

from __future__ import annotations

from aiohttp import web

from shared.batch_check import check_batch
from shared.problems import Problem
from shared.settings import Settings
from shared.web import json_response

_FLAGS = {"true": True, "1": True, "false": False, "0": False}


def requested(request: web.Request) -> bool:
    raw = request.query.get("dry_run")
    if raw is None:
        return False
    if raw.lower() not in _FLAGS:
        raise Problem(422, "dry_run must be true or false",
                      errors=[{"path": "query.dry_run", "message": f"expected true or false, got {raw!r}"}])
    return _FLAGS[raw.lower()]


def respond(body: bytes, settings: Settings, decode) -> web.Response:
    """The check of every item; `decode` maps malformed JSON to 400 and a non-array to 422."""
    results = decode(check_batch, body)
    if len(results) > settings.max_batch_items:
        raise Problem(413, f"a batch holds at most {settings.max_batch_items} events, this one {len(results)}")
    if not results:
        raise Problem(422, "the batch is empty", errors=[{"path": "$", "message": "send at least one event"}])
    return json_response({"results": results})
