"""A `sqlite3` connection with one thread of its own, for a whole unit of work in one hop.

The ingest store wants one thread round trip per *group commit* — BEGIN IMMEDIATE, the reads,
`decide()`, the inserts, COMMIT — as one plain function run where the connection lives. This
is that and nothing more, on the standard library's public API: a single-worker
`ThreadPoolExecutor` owns the connection (created on its thread, used only there), and
`run(conn, fn, *args)` queues `fn(db, *args)` behind the connection's other work, in order.
An idle worker never holds the process's exit up (the executor's own exit hook ends it).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class Connection:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coopline-sqlite")
        self._db: sqlite3.Connection | None = None

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    async def close(self) -> None:
        """Close the connection after the work queued before, and end the thread."""
        if self._db is None:
            return
        db, self._db = self._db, None
        try:
            await self._call(db.close)
        finally:
            self._pool.shutdown(wait=False)


async def connect(path: str, **kwargs: Any) -> Connection:
    """Open `path` in autocommit mode (`isolation_level=None`: the stores issue BEGIN IMMEDIATE
    / COMMIT themselves); other keyword arguments go to `sqlite3.connect`."""
    conn = Connection()
    try:
        conn._db = await conn._call(lambda: sqlite3.connect(path, isolation_level=None, **kwargs))
    except BaseException:
        conn._pool.shutdown(wait=False)
        raise
    return conn


async def run(conn: Connection, fn: Callable[..., T], *args: Any) -> T:
    """`fn(db, *args)` on `conn`'s thread, `db` being its `sqlite3.Connection`; one hop.
    Raises ValueError if the connection is closed."""
    db = conn._db
    if db is None:
        raise ValueError("the SQLite connection is closed")
    return await conn._call(fn, db, *args)
