"""Rebuild jobs: replay the whole log into a shadow copy, then swap it in (or, dry, diff it).

The shadow is loaded from the ingest feed (pages of 5000, the next one fetched while the
shadow applies this one) while the live copy keeps answering, never ahead of the live follower. Then the follower is paused, the shadow catches
up to exactly the live position, is compared with the live copy and (unless dry) swapped in;
the follower carries on from there. One job at a time; jobs are kept in memory.

An empty store facing a long log is filled the same way (`fill`): the follower, before it
applies anything, has a job load the shadow up to the feed's head and swap it in, instead of
writing the log page by page into indexed tables (docs/query-internals.md, "Filling an empty
store").

When replicas share one store, the store's rebuild slot keeps jobs one at a time across them
(409 from any replica while one runs), and `writers_paused()` also stops the leader when it is
another replica, so the job catches up to the live checkpoint as stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import structlog

from services.query.feed_client import FeedClient, FeedError
from services.query.follower import Follower
from services.query.store.base import ProjectionStore

log = structlog.get_logger()
PAGE = 5000
KEEP_JOBS = 20
ACTIVE = ("queued", "running")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class RebuildConflict(Exception):
    """Another job is running, or this one is past the point where it can be cancelled."""


@dataclass(eq=False)
class Job:
    id: str
    dry_run: bool
    state: str = "queued"
    processed: int = 0
    total: int = 0
    started_at: str | None = None
    finished_at: str | None = None
    diff: dict | None = None
    error: str | None = None
    finishing: bool = False  # swapping or diffing: no longer cancellable
    until: int | None = None  # (a fill) load up to this position, not to the follower's
    more_at: int = 0  # (a fill) the log grew by at least this much meanwhile: load that too (`_run`)
    task: asyncio.Task | None = field(default=None, repr=False)
    _t0: float = 0.0
    _t1: float | None = None

    def to_dict(self) -> dict:
        elapsed = ((self._t1 or time.monotonic()) - self._t0) if self._t0 else 0.0
        return {"id": self.id, "state": self.state, "dry_run": self.dry_run, "processed": self.processed,
                "total": max(self.total, self.processed),
                "events_per_second": round(self.processed / elapsed, 1) if elapsed > 0 else 0.0,
                "started_at": self.started_at, "finished_at": self.finished_at, "diff": self.diff,
                "error": self.error}


def load_more(gained: int, loaded: int, more_at: int, rounds: int) -> bool:
    """(A fill that has loaded up to the head it aimed at) whether it loads what the log `gained`
    meanwhile too, having `loaded` that many in its last round after `rounds` such extensions:
    when that is at least `more_at` (0: never), the line between a bulk load and page by page —
    the first time whatever the log's pace (a burst, e.g. a batch import, cannot be told from a
    steady stream by one look), after that only while the job gains on the log (each round shorter
    than the last), so that it ends even when the log is written faster than it loads."""
    return 0 < more_at <= gained and (rounds == 0 or gained < loaded)


class Rebuilds:
    def __init__(self, store: ProjectionStore, follower: Follower, feed: FeedClient, *, page: int = PAGE):
        self.store, self.follower, self.feed, self.page = store, follower, feed, page
        self.jobs: dict[str, Job] = {}

    @property
    def running(self) -> Job | None:
        return next((j for j in self.jobs.values() if j.state in ACTIVE), None)

    async def start(self, dry_run: bool, *, until: int | None = None, more_at: int = 0) -> Job:
        if (busy := self.running) is not None:
            raise RebuildConflict(f"rebuild {busy.id} is {busy.state}; one at a time")
        if not await self.store.claim_rebuild():
            raise RebuildConflict("a rebuild is running on another replica; one at a time")
        job = Job(str(uuid.uuid4()), dry_run, until=until, more_at=more_at)
        self.jobs[job.id] = job
        for old in list(self.jobs)[:-KEEP_JOBS]:
            del self.jobs[old]
        job.task = asyncio.create_task(self._run(job), name=f"coopline-rebuild-{job.id}")
        return job

    async def fill(self, head: int, more_at: int = 0) -> Job:
        """(The follower, its store empty, before it applies anything) a job that loads the log
        up to `head` into a shadow — and on to the feed's new head when the log has grown by at
        least `more_at` meanwhile (`load_more`) — and swaps it in; it resets the follower there.
        → the job, ended (its state says how: a failed or cancelled one leaves the store empty).
        Cancelling the caller cancels the job."""
        job = await self.start(dry_run=False, until=head, more_at=more_at)
        try:  # (not `await job.task`: the job ends normally when cancelled, which would swallow ours)
            await asyncio.wait({job.task})
        except asyncio.CancelledError:  # the caller is stopped (shutdown): the job goes with it
            job.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await job.task
            raise
        return job

    async def cancel(self, job: Job) -> Job:
        if job.state not in ACTIVE:
            raise RebuildConflict(f"rebuild {job.id} already {job.state}")
        if job.finishing:
            raise RebuildConflict(f"rebuild {job.id} is swapping in its result and can no longer be cancelled")
        job.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await job.task
        if job.state in ACTIVE:  # cancelled before it began
            job.state, job.finished_at = "cancelled", _now()
            await self.store.release_rebuild()
        return job

    async def close(self) -> None:
        for job in list(self.jobs.values()):
            if job.task is not None and not job.task.done():
                job.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await job.task
        await self.store.release_rebuild()

    async def _fetch(self, after: int, limit: int):
        for attempt in range(6):
            try:
                return await self.feed.page(after, limit, 0)
            except FeedError:
                if attempt == 5:
                    raise
                await asyncio.sleep(min(0.2 * 2**attempt, 5.0))

    async def _load(self, job: Job, shadow: ProjectionStore, pos: int, until: int) -> int:
        """Apply log records (pos, until] to the shadow; return the new position. The next page
        is fetched (and decoded) while the shadow applies this one."""
        ahead = None
        try:
            while pos < until:
                page = await (ahead or self._fetch(pos, min(self.page, until - pos)))
                ahead = None
                job.total = max(job.total, page.head)
                if not page.records or page.records[0].position != pos + 1:
                    raise FeedError(f"the feed has no record after {pos} although {until} was applied live")
                last = page.records[-1].position
                if last < until:
                    ahead = asyncio.ensure_future(self._fetch(last, min(self.page, until - last)))
                pos = (await shadow.apply_page(page.records)).position
                job.processed = pos
        finally:
            if ahead is not None:
                ahead.cancel()
                ahead.add_done_callback(lambda t: t.cancelled() or t.exception())
        return pos

    async def _run(self, job: Job) -> None:
        shadow, state = None, "failed"
        job.state, job.started_at, job._t0 = "running", _now(), time.monotonic()
        log.info("rebuild_started", job=job.id, dry_run=job.dry_run, fill=job.until is not None)
        try:
            job.total = self.follower.head if job.until is None else job.until
            creating = asyncio.ensure_future(self.store.create_shadow())
            try:  # a cancel while the shadow is being created must still find it to delete it
                shadow = await asyncio.shield(creating)
            except asyncio.CancelledError:
                shadow = await creating
                raise
            pos = await self._load(job, shadow, 0, self.follower.applied.position if job.until is None else job.until)
            # (A fill) what the log gained while it loaded goes in the same way (`load_more`): in
            # bulk, not page by page into indexed tables after the swap.
            rounds, loaded = 0, pos
            while job.until is not None and load_more(job.total - pos, loaded, job.more_at, rounds):
                rounds, loaded, job.until = rounds + 1, job.total - pos, job.total
                log.info("rebuild_fill_extended", job=job.id, position=pos, until=job.until)
                pos = await self._load(job, shadow, pos, job.until)
            await shadow.finish_load()  # the secondary indexes, built once
            async with self.follower.lock, self.store.writers_paused():  # pause the live writer
                job.finishing = True
                live = await self.store.checkpoint()  # the writer may be another replica
                pos = await self._load(job, shadow, pos, live.position)
                job.diff = await self.store.diff(shadow)
                if not job.dry_run:
                    checkpoint = await self.store.swap(shadow)
                    shadow = None
                    self.follower.reset(checkpoint)
            state = "succeeded"
        except asyncio.CancelledError:
            state = "cancelled"
        except Exception as exc:
            log.exception("rebuild_failed", job=job.id)
            state, job.error = "failed", f"{exc.__class__.__name__}: {exc}"
        finally:
            if shadow is not None:
                try:
                    await shadow.discard()
                except Exception as exc:  # the next open (or job) removes the leftover
                    log.warning("rebuild_shadow_not_discarded", job=job.id, error=f"{exc.__class__.__name__}: {exc}")
            try:
                await self.store.release_rebuild()
            except Exception as exc:  # the slot goes with the connection that held it
                log.warning("rebuild_slot_not_released", job=job.id, error=f"{exc.__class__.__name__}: {exc}")
            # Only now: a client that sees the job end may start the next one at once.
            job.state, job.finished_at, job._t1 = state, _now(), time.monotonic()
            log.info("rebuild_finished", **job.to_dict())
