"""`shared.sqlite_worker`: a sqlite3 connection on a thread of its own, one hop per unit of work."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

import pytest

from shared import sqlite_worker as sqlite_thread


async def test_run_calls_fn_with_the_sqlite3_connection_on_the_connections_own_thread(tmp_path):
    conn = await sqlite_thread.connect(str(tmp_path / "t.db"))
    try:
        seen = {}

        def work(db, a, b):
            seen["db"], seen["thread"] = db, threading.current_thread()
            db.execute("BEGIN IMMEDIATE")
            db.execute("CREATE TABLE t (x)")
            db.executemany("INSERT INTO t VALUES (?)", [(a,), (b,)])
            db.execute("COMMIT")
            return db.execute("SELECT sum(x) FROM t").fetchone()[0]

        assert await sqlite_thread.run(conn, work, 1, 2) == 3
        assert isinstance(seen["db"], sqlite3.Connection)
        assert seen["thread"] is not threading.current_thread()
        # the same connection and thread every time, in queue order
        assert await sqlite_thread.run(conn, lambda db: (db, threading.current_thread())) == (seen["db"], seen["thread"])
        assert await sqlite_thread.run(conn, lambda db: db.execute("SELECT x FROM t ORDER BY x").fetchall()) == [(1,), (2,)]
        assert await asyncio.gather(*(sqlite_thread.run(conn, lambda db, i=i: i) for i in range(50))) == list(range(50))
    finally:
        await conn.close()
    seen["thread"].join(5)
    assert not seen["thread"].is_alive(), "close() leaves the worker thread running"


async def test_transactions_are_explicit_as_the_stores_expect(tmp_path):
    conn = await sqlite_thread.connect(str(tmp_path / "t.db"))
    try:
        assert await sqlite_thread.run(conn, lambda db: db.isolation_level) is None  # autocommit: no implicit BEGIN
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
