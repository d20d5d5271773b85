"""`shared.sqlite_thread` rests on aiosqlite's private worker API (`Connection._execute`,
`._conn`, `._thread`) as it is at the pinned version: these tests fail, saying which part
changed, if an aiosqlite upgrade moves it — before the SQLite stores break in subtler ways."""

from __future__ import annotations

import asyncio
import inspect
import sqlite3
import threading

import aiosqlite
import pytest

from shared import sqlite_thread


def test_aiosqlite_still_has_the_private_api_we_use():
    conn = aiosqlite.connect(":memory:")  # not awaited: no thread started, nothing to close
    assert isinstance(getattr(conn, "_thread", None), threading.Thread), \
        "aiosqlite.Connection._thread (its worker thread) is gone: see shared/sqlite_thread.py"
    assert not conn._thread.is_alive(), "aiosqlite now starts the worker thread in connect(): daemon=True comes too late"
    execute = getattr(aiosqlite.Connection, "_execute", None)
    assert execute is not None and inspect.iscoroutinefunction(execute), \
        "aiosqlite.Connection._execute(fn, *args) is gone or no longer a coroutine: see shared/sqlite_thread.py"
    assert list(inspect.signature(execute).parameters)[:2] == ["self", "fn"], \
        f"aiosqlite.Connection._execute's signature changed: {inspect.signature(execute)}"
    assert isinstance(inspect.getattr_static(aiosqlite.Connection, "_conn", None), property), \
        "aiosqlite.Connection._conn (the sqlite3 connection) is gone: see shared/sqlite_thread.py"


async def test_run_calls_fn_with_the_sqlite3_connection_on_the_connections_own_thread(tmp_path):
    conn = await sqlite_thread.connect(str(tmp_path / "t.db"))
    try:
        assert conn._thread.daemon
        seen = {}

        def work(db, a, b):
            seen["db"], seen["thread"] = db, threading.current_thread()
            db.execute("BEGIN IMMEDIATE")
            db.execute("CREATE TABLE t (x)")
            db.executemany("INSERT INTO t VALUES (?)", [(a,), (b,)])
            db.execute("COMMIT")
            return db.execute("SELECT sum(x) FROM t").fetchone()[0]

        assert await sqlite_thread.run(conn, work, 1, 2) == 3
        assert isinstance(seen["db"], sqlite3.Connection) and seen["db"] is conn._conn
        assert seen["thread"] is conn._thread and seen["thread"] is not threading.current_thread()
        # the same connection and thread as aiosqlite's own methods, in queue order
        assert await conn.execute_fetchall("SELECT x FROM t ORDER BY x") == [(1,), (2,)]
        assert await asyncio.gather(*(sqlite_thread.run(conn, lambda db, i=i: i) for i in range(50))) == list(range(50))
    finally:
        await conn.close()
    conn._thread.join(5)
    assert not conn._thread.is_alive(), "close() no longer stops aiosqlite's worker thread"


async def test_transactions_are_explicit_as_the_stores_expect(tmp_path):
    conn = await sqlite_thread.connect(str(tmp_path / "t.db"))
    try:
        assert conn.isolation_level is None  # autocommit: no implicit BEGIN before DML
        await sqlite_thread.run(conn, lambda db: db.execute("CREATE TABLE t (x)"))
        assert await sqlite_thread.run(conn, lambda db: (db.execute("INSERT INTO t VALUES (1)"), db.in_transaction)[1]) is False
    finally:
        await conn.close()


async def test_errors_reach_the_caller_and_the_connection_goes_on(tmp_path):
    conn = await sqlite_thread.connect(str(tmp_path / "t.db"))
    try:
        def fails(db):
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("SELECT * FROM nowhere")
            finally:
                db.execute("ROLLBACK")

        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            await sqlite_thread.run(conn, fails)
        assert await sqlite_thread.run(conn, lambda db: db.execute("SELECT 7").fetchone()) == (7,)
    finally:
        await conn.close()


async def test_a_closed_connection_refuses_work(tmp_path):
    conn = await sqlite_thread.connect(str(tmp_path / "t.db"))
    await conn.close()
    with pytest.raises(ValueError):
        await sqlite_thread.run(conn, lambda db: None)
