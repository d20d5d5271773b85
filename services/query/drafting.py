"""Drafts as the query service serves them (`POST /v1/drafts`): the worker, its queue, and what
the service passes in — the organisations it knows and the live events a draft may repeat.

The worker (`DraftRunner`: one spawned process that holds the Korean model) starts with the
first request (`COOPLINE_DRAFTS=lazy`, the default), at start-up (`eager`), or never (`off`).
At most `QUEUE` requests are admitted at once (one drafting in the worker, the others waiting
for it); one more is answered 503 with `Retry-After` — a request never waits unbounded, and the
service's reads never wait for drafting at all: it runs in the worker, not on the event loop.

A request takes two steps in the worker. First the drafts, with the organisations the store
knows (live, recorded with an `org` id; read again when the log has moved, at most every
`ORGS_TTL` seconds). Then their `matches`: between the steps the service reads, for each
draft, the live events of the draft's countries and kind whose dates overlap the draft's date
(at most `CANDIDATES`, in timeline order), and the worker scores them. Selecting by what the
drafts say, not by what the article names, keeps each lookup to one indexed range.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool

import structlog

from services.query.drafts.runner import DraftRunner
from services.query.follower import Follower
from services.query.projections import country_timeline, organisation_reads
from services.query.projections.selection import NO_FROM, Filters
from services.query.projections.state import OPEN_END
from services.query.store.base import ProjectionStore
from shared import edtf

log = structlog.get_logger()
QUEUE = 8          # requests admitted at once (drafting or waiting for the worker)
KNOWN_ORGS = 5000  # the organisations passed to the drafter, most events first
ORGS_TTL = 5.0     # seconds the known organisations are reused while the log moves
CANDIDATES = 50    # live events read per draft for its matches
LOOKUPS = 100      # drafts of one article whose candidates are looked up


class Busy(Exception):
    """The queue is full: retry shortly."""


class Broken(Exception):
    """The worker died (killed, out of memory); the next request starts a new one."""


class Drafting:
    def __init__(self, store: ProjectionStore, follower: Follower, mode: str, *,
                 runner: DraftRunner | None = None, factory: Callable[[], DraftRunner] = DraftRunner,
                 queue: int = QUEUE):
        self.store, self.follower, self.mode, self.queue = store, follower, mode, queue
        self._runner, self._owned, self._factory = runner, runner is None, factory
        self._admitted = 0
        self._orgs: tuple[int, float, list[dict]] | None = None  # (position, monotonic time, organisations)
        self._warming: asyncio.Task | None = None

    @property
    def enabled(self) -> bool:
        return self.mode != "off"

    @property
    def started(self) -> bool:
        return self._runner is not None

    @property
    def budget(self) -> float:
        """Seconds one article may take in the worker."""
        return self._runner.budget if self._runner is not None else 0.0

    def _worker(self) -> DraftRunner:
        if self._runner is None:  # lazily, on the first request (no await before it: no race)
            self._runner, self._owned = self._factory(), True
        return self._runner

    async def start(self) -> None:
        """At start-up: with `eager`, start the worker and load the model in the background."""
        if self.mode == "eager":
            self._warming = asyncio.create_task(self._warm_up())

    async def _warm_up(self) -> None:
        try:
            await self._worker().warm_up()
            log.info("drafts_worker_ready")
        except Exception as exc:  # the first request will try again (and answer for it)
            log.warning("drafts_warm_up_failed", error=str(exc))

    async def close(self) -> None:
        if self._warming is not None:
            self._warming.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._warming
        runner, self._runner = self._runner, None
        if runner is not None and self._owned:
            await asyncio.to_thread(runner.close)  # waits for a draft in progress; off the loop

    async def draft(self, body: dict) -> dict:
        """`{article, drafts}` for a validated request body; Busy past the queue, Broken when the
        worker died under it."""
        if self._admitted >= self.queue:
            raise Busy(f"{self._admitted} drafts are being made or waiting; retry shortly")
        self._admitted += 1
        try:
            runner = self._worker()  # (BrokenProcessPool comes only from its calls, below)
            at = self.follower.applied.position
            answer = await runner.draft(body, organisations=await self._known(at))
            records = [d["record"] for d in answer["drafts"]]
            pools = await self._pools(at, records) if records else []
            if any(pools):  # else every draft keeps `matches: []`, without a second trip
                found = await runner.matches(records, pools)
                for d, m in zip(answer["drafts"], found, strict=True):
                    d["matches"] = m
            return answer
        except BrokenProcessPool:
            self._drop_broken(runner)
            raise Broken("the drafting worker stopped; retry shortly") from None
        finally:
            self._admitted -= 1

    def _drop_broken(self, runner: DraftRunner) -> None:
        """Forget a broken worker — once: the requests that queued for it fail alike, and one
        of them may come back after the next request has started a new worker."""
        if self._runner is not runner:
            return
        self._runner = None
        log.error("drafts_worker_died")
        if self._owned:
            asyncio.get_running_loop().run_in_executor(None, runner.close)

    async def _known(self, at: int) -> list[dict]:
        cached = self._orgs
        if cached is not None and (cached[0] == at or time.monotonic() - cached[1] < ORGS_TTL):
            return cached[2]
        async with self.store.reading() as db:
            orgs = await organisation_reads.known(db, at, KNOWN_ORGS)
        self._orgs = (at, time.monotonic(), orgs)
        return orgs

    async def _pools(self, at: int, records: list[dict]) -> list[list[bytes]]:
        """Per record, the live events that may record the same happening."""
        seen: dict[tuple, list[dict]] = {}
        pools = []
        async with self.store.reading() as db:
            for n, rec in enumerate(records):
                key = _lookup_key(rec) if n < LOOKUPS else None
                if key is None:
                    pools.append([])
                    continue
                if key not in seen:
                    countries, kind, window = key
                    f = Filters(partner=countries[1] if len(countries) > 1 else None, window=window, kind=kind)
                    rows = await country_timeline.timeline(db, countries[0], f, at, CANDIDATES)
                    seen[key] = [doc if isinstance(doc, bytes | str) else bytes(doc) for doc, *_ in rows]
                pools.append(seen[key])
        return pools


def _lookup_key(rec: dict) -> tuple | None:
    """(countries, kind, window) of a draft, or None when it names no country."""
    countries = tuple(sorted({p["country"].upper() for p in rec.get("participants", ()) if p.get("country")}))
    if not countries:
        return None
    window = None
    try:
        when = edtf.parse(rec["date"]) if rec.get("date") else None
    except edtf.EDTFError:
        when = None
    if when is not None:
        window = (when.start.isoformat() if when.start else NO_FROM, when.end.isoformat() if when.end else OPEN_END)
    return countries, rec.get("kind"), window
