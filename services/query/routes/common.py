"""What every read shares: the position to answer at (`as_of`, `release`, `min_position`) and path codes."""

from __future__ import annotations

import asyncio
import re

from aiohttp import web

from services.query import params
from services.query.context import FOLLOWER, STORE
from services.query.feed_client import FeedError
from services.query.projections import event_detail, releases
from shared import countries
from shared.problems import Problem

WAIT_SECONDS = 5.0
CONFIRM_SECONDS = 2.0  # asking the ingest service for its head
RELEASE = web.RequestKey("release", dict)  # the release a read was asked for (release=), for exports
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
    params.release(request.query)


def _not_yet(follower, wanted: str) -> Problem:
    return Problem(503, f"the projections have applied position {follower.applied.position}, not yet {wanted}; "
                        "retry shortly", headers={"Retry-After": "1"})


async def _refuse_beyond_the_log(follower, need: int, name: str) -> None:
    """422 naming the head when the ingest service confirms that its log ends before `need`.
    Nothing is refused while the head cannot be confirmed (the ingest service unreachable or
    slow): the read then waits and may answer 503, as for a position not applied yet."""
    try:
        async with asyncio.timeout(CONFIRM_SECONDS):
            page = await follower.feed.page(need - 1, 1, 0)
    except (FeedError, TimeoutError):
        return
    follower.head = max(follower.head, page.head)
    if need > page.head:
        message = f"position {need} is beyond the end of the log: its head is {page.head}"
        raise Problem(422, message, errors=[{"path": f"query.{name}", "message": message}],
                      extra={"head": page.head})


async def read_position(request: web.Request) -> int:
    """The log position this read answers at, after waiting (≤ 5 s) for the projections to get there."""
    q, follower = request.query, request.app[FOLLOWER]
    min_position = params.integer(q, "min_position", None, 0, params.MAX_POSITION) or 0
    at = params.as_of(q)
    if "release" in q:
        at = (await release_named(request, params.release(q)))["position"]
    need = max(min_position, at if isinstance(at, int) else 0)
    if need > follower.head:  # beyond the log as far as we know: ask the ingest service
        await _refuse_beyond_the_log(follower, need, "min_position" if need == min_position else "as_of")
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


async def release_named(request: web.Request, name: str, unknown: Problem | None = None) -> dict:
    """The release `name` (its row, also kept as `request[RELEASE]`): `unknown` (by default
    a 422 naming `release`) when the log has no such release, 503 while the projections lag
    behind the log's head (it may be coming)."""
    follower = request.app[FOLLOWER]

    async def lookup() -> dict | None:
        async with request.app[STORE].reading() as db:
            return await releases.named(db, name)

    found = await lookup()
    if found is None and follower.applied.position < follower.head:
        await follower.wait_until(lambda: follower.applied.position >= follower.head, WAIT_SECONDS)
        found = await lookup()
        if found is None and follower.applied.position < follower.head:
            raise _not_yet(follower, f"the log's head {follower.head} (release {name!r} may be there)")
    if found is None:
        raise unknown or params.invalid("release", f"no release {name!r}")
    request[RELEASE] = found
    return found


def with_names(rows: list[dict]) -> list[dict]:
    return [{"code": r["code"], "name_en": countries.name_en(r["code"]), "name_ko": countries.name_ko(r["code"]),
             "events": r["events"], "first": r["first"], "last": r["last"]} for r in rows]
