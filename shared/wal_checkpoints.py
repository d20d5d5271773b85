"""WAL checkpoints beside a SQLite writer, for both services' stores.

SQLite copies its write-ahead log back into the database file (a checkpoint, with an fsync)
inside whichever COMMIT takes the WAL past 1000 pages: that commit, and everything waiting on
it, stalls. Instead, each store calls `written()` after a commit, which starts the store's own
checkpoint (on another connection and thread, `PRAGMA wal_checkpoint(PASSIVE)`, which never
waits for the writer) when none has run for `every` seconds; the one in the COMMIT then rarely
finds anything left to copy.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger()
PASSIVE = "PRAGMA wal_checkpoint(PASSIVE)"


class Checkpoints:
    def __init__(self, checkpoint: Callable[[], Awaitable[object]], every: float, name: str):
        self._checkpoint, self.every, self._name = checkpoint, every, name
        self._task: asyncio.Task | None = None
        self._at = float("-inf")

    def written(self) -> None:
        """After a commit: a checkpoint, unless one is running or one started `every` s ago."""
        if self._task is not None and not self._task.done():
            return
        now = asyncio.get_running_loop().time()
        if now - self._at >= self.every:
            self._at = now
            self._task = asyncio.create_task(self._run(), name=self._name)

    async def _run(self) -> None:
        try:
            await self._checkpoint()
        except Exception as exc:  # the next one retries; reads and writes go on meanwhile
            log.warning("wal_checkpoint_failed", error=str(exc))

    async def wait(self) -> None:
        """(Closing) until the checkpoint in flight, if any, has finished. Its failure was
        logged already; a cancellation of the caller goes through."""
        task, self._task = self._task, None
        if task is not None:
            await asyncio.wait([task])
