"""Drafts as the query service serves them (`POST /v1/drafts`): the worker, its queue, and what
the service passes in — the organisations it knows and the live events a draft may repeat.

The worker (`DraftRunner`: one spawned process that holds the Korean model) starts with the
first request (`COOPLINE_DRAFTS=lazy`, the default), at start-up (`eager`), or never (`off`).
At most `QUEUE` requests are admitted at once (one drafting in the worker, the others waiting
for it); one more is answered 503 with `Retry-After` — a request never waits unbounded, and the
service's reads never wait for drafting at all: it runs in the worker, not on the event loop.

The worker drafts with the organisations the store knows (live, recorded with an `org` id;
read again when the log has moved, at most every `ORGS_TTL` seconds; sent to the worker only
when they changed). When its drafts name countries it asks for their candidates: for each
distinct (countries, kind, dates) of its drafts, the service reads the live events of those
countries and kind whose dates overlap (at most `CANDIDATES`, in timeline order), and the worker
scores them into each draft's `matches`. Selecting by what the drafts say, not by what the
article names, keeps each lookup to one indexed range. Lookups are kept per log position (the
same position, the same rows). Only the request talking to the worker reads, so drafting uses
at most one of the store's reader connections at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable

import structlog

from services.query.drafts.runner import DraftRunner, Key, Stopped
from services.query.follower import Follower
from services.query.projections import draft_candidates, organisation_reads
from services.query.projections.selection import NO_FROM
from services.query.projections.state import OPEN_END
from services.query.store.base import ProjectionStore

log = structlog.get_logger()
QUEUE = 8          # requests admitted at once (drafting or waiting for the worker)
KNOWN_ORGS = 5000  # the organisations passed to the drafter, most events first
ORGS_TTL = 5.0     # seconds the known organisations are reused while the log moves
CANDIDATES = 50    # live events read per draft for its matches
POOLS_KEPT = 256   # lookups kept for the current log position
SIZES_TTL = 60.0   # seconds a country's row count (which index a lookup reads) is reused


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
        self._orgs_version = 0  # +1 each time they are read: the worker is sent a version it lacks
        # (position, lookups there, the countries' longest spans there)
        self._pools: tuple[int, dict[Key, list[bytes | str]], dict[str, int]] = (-1, {}, {})
        self._sizes: dict[str, tuple[int, float]] = {}  # country: (timeline rows up to a cap, monotonic time)
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

    async def draft(self, body: dict) -> bytes:
        """The JSON of `{article, drafts}` for a validated request body; Busy past the queue,
        Broken when the worker died under it."""
        if self._admitted >= self.queue:
            raise Busy(f"{self._admitted} drafts are being made or waiting; retry shortly")
        self._admitted += 1
        try:
            runner = self._worker()
            at = self.follower.applied.position
            return await runner.answer(body, organisations=self._known(at), lookup=lambda keys: self._lookup(at, keys))
        except Stopped:
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

    def _known(self, at: int) -> Callable:
        """(version, organisations) at `at`, read when the worker's turn comes (one reader)."""
        async def read() -> tuple[int, list[dict]]:
            cached = self._orgs
            if cached is not None and (cached[0] == at or time.monotonic() - cached[1] < ORGS_TTL):
                return self._orgs_version, cached[2]
            async with self.store.reading() as db:
                orgs = await organisation_reads.known(db, at, KNOWN_ORGS)
            if cached is None or orgs != cached[2]:
                self._orgs_version += 1
            self._orgs = (at, time.monotonic(), orgs)
            return self._orgs_version, orgs
        return read

    async def _lookup(self, at: int, keys: list[Key]) -> list[list[bytes | str]]:
        """Per key, the stored JSON of the live events that may record the same happening."""
        if self._pools[0] != at:
            self._pools = (at, {}, {})
        _, kept, spans = self._pools
        missing = [k for k in keys if k not in kept]
        if missing:
            if len(kept) + len(missing) > POOLS_KEPT:
                kept.clear()
            wanted = [(countries, kind, None if window is None else (window[0] or NO_FROM, window[1] or OPEN_END))
                      for countries, kind, window in missing]
            async with self.store.reading() as db:
                now = time.monotonic()
                stale = sorted({c for countries, _, _ in wanted for c in countries[:2]
                                if now - self._sizes.get(c, (0, -SIZES_TTL))[1] >= SIZES_TTL})
                if stale:
                    self._sizes.update((c, (n, now)) for c, n in (await draft_candidates.sizes(db, stale)).items())
                found = await draft_candidates.candidates(db, at, wanted, CANDIDATES,
                                                          {c: n for c, (n, _) in self._sizes.items()}, spans)
            for key, docs in zip(missing, found, strict=True):
                kept[key] = [doc if isinstance(doc, bytes | str) else bytes(doc) for doc in docs]
        return [kept[k] for k in keys]
