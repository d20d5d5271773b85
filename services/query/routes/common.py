"""What every read shares: the position to answer at (`as_of`, `min_position`) and path codes."""

from __future__ import annotations

import re

from aiohttp import web

from services.query import params
from services.query.context import FOLLOWER, STORE
from services.query.projections import event_detail
from shared import countries
from shared.problems import Problem

WAIT_SECONDS = 5.0
_CODE = re.compile(r"^[A-Za-z]{2}$")


def path_country(request: web.Request) -> str:
    raw = request.match_info["code"]
    code = countries.normalise(raw) if _CODE.match(raw) else None
    if code is None:
        raise Problem(404, countries.not_a_code(raw))
    return code


def validate_common(request: web.Request) -> None:
    """Check as_of and min_position before anything waits (a bad value is a 422 at once)."""
    params.integer(request.query, "min_position", None, 0, params.MAX_POSITION)
    params.as_of(request.query)


def _not_yet(follower, wanted: str) -> Problem:
    return Problem(503, f"the projections have applied position {follower.applied.position}, not yet {wanted}; "
                        "retry shortly", headers={"Retry-After": "1"})


async def read_position(request: web.Request) -> int:
    """The log position this read answers at, after waiting (≤ 5 s) for the projections to get there."""
    q, follower = request.query, request.app[FOLLOWER]
    min_position = params.integer(q, "min_position", None, 0, params.MAX_POSITION) or 0
    at = params.as_of(q)
    need = max(min_position, at if isinstance(at, int) else 0)
    if need > follower.applied.position:
        if not await follower.wait_until(lambda: follower.applied.position >= need, WAIT_SECONDS):
            raise _not_yet(follower, f"position {need}")
    if isinstance(at, int):
        return at
    if isinstance(at, str):
        # Every record with time ≤ at is applied once a later one is (times never decrease
        # along positions), or once the whole log known to us is.
        def reached() -> bool:
            return follower.applied.time > at or follower.applied.position >= follower.head
        if not await follower.wait_until(reached, WAIT_SECONDS):
            raise _not_yet(follower, f"the records up to {at}")
        async with request.app[STORE].reading() as db:
            return min(await event_detail.position_at(db, at), follower.applied.position)
    return follower.applied.position


def with_names(rows: list[dict]) -> list[dict]:
    return [{"code": r["code"], "name_en": countries.name_en(r["code"]), "name_ko": countries.name_ko(r["code"]),
             "events": r["events"], "first": r["first"], "last": r["last"]} for r in rows]
