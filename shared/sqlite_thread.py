"""A whole synchronous unit of SQLite work on an aiosqlite connection's own thread, in one hop.

aiosqlite gives each `aiosqlite.Connection` one worker thread that owns the `sqlite3`
connection, and hops to it once per statement (`execute`, `fetchall`, `commit`…). The stores
want one hop per *transaction*: BEGIN IMMEDIATE, the reads, `decide()`, the inserts, COMMIT —
all in a plain function run on that thread. aiosqlite has no public method for it, so this
module is the one place that uses its private worker API, as it is at the version pinned in
pyproject.toml (aiosqlite==0.22.1, aiosqlite/core.py):

* `Connection._execute(fn, *args)` queues `fn(*args)` for the connection's thread and awaits
  its result (the same path every public method takes);
* `Connection._conn` is the `sqlite3.Connection` (ValueError once closed);
* `Connection._thread` is the worker thread, created (not started) by `aiosqlite.connect()`
  and started when the connection is awaited.

tests/unit/test_sqlite_thread.py fails, naming the attribute, if an aiosqlite upgrade
changes any of these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import aiosqlite

T = TypeVar("T")


async def connect(path: str, **kwargs: Any) -> aiosqlite.Connection:
    """Open `path` in autocommit mode (`isolation_level=None`: the stores issue BEGIN IMMEDIATE
    / COMMIT themselves); other keyword arguments go to `sqlite3.connect`.

    The worker thread is made a daemon (aiosqlite 0.22's are not): `close()` stops it, and
    should a process exit without closing (a failed shutdown, a test that forgot), an idle
    thread blocked on its queue does not hold the exit up for ever. At worst the exit cuts a
    transaction nobody was told had committed, and SQLite rolls it back.
    """
    conn = aiosqlite.connect(path, isolation_level=None, **kwargs)
    conn._thread.daemon = True  # private: see the module docstring
    return await conn


async def run(conn: aiosqlite.Connection, fn: Callable[..., T], *args: Any) -> T:
    """`fn(db, *args)` on `conn`'s thread, `db` being its `sqlite3.Connection`; one hop.

    Queued behind (and ahead of) the connection's other work, in order, like any aiosqlite
    call. Raises ValueError if the connection is closed.
    """
    return await conn._execute(fn, conn._conn, *args)  # private: see the module docstring
