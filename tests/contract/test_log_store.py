"""The LogStore contract: one suite, run against every backend (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import msgspec
import pytest

from services.ingest.store.base import (
    Conflict,
    CorrectCmd,
    Invalid,
    LogStore,
    NotFound,
    RecordCmd,
    RetractCmd,
)
from services.ingest.store.postgres import PostgresLog
from services.ingest.store.sqlite import SQLiteLog
from shared import record
from shared.log_chain import canonical_ascii_keys
from tests.conftest import make_record


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/events.db"
    return request.getfixturevalue("pg_database")


def _make_store(url: str) -> LogStore:
    return SQLiteLog(url[len("sqlite:///"):]) if url.startswith("sqlite:") else PostgresLog(url)


@pytest.fixture
async def store(store_url):
    s = _make_store(store_url)
    await s.open()
    yield s
    await s.close()


async def raw_sql(url: str, sql: str) -> None:
    """Run one statement straight against the database, bypassing the store."""
    if url.startswith("sqlite:"):
        with sqlite3.connect(url[len("sqlite:///"):]) as db:
            db.execute(sql)
        return
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def rec_cmd(*ns, batch: bool = False, **over) -> RecordCmd:
    recs = [record.decode_record(msgspec.json.encode(make_record(n, **over))) for n in ns]
    return RecordCmd(recs, [canonical_ascii_keys(r) for r in recs], "tester", batch=batch)


def correct(cid: str, expected: int, **changes) -> CorrectCmd:
    return CorrectCmd(cid, expected, changes, "fix", "tester")


# -- appends, reads, head, history -------------------------------------------------------

async def test_appends_are_gapless_from_one(store):
    assert await store.head() == 0
    receipts = [await store.submit(rec_cmd(i)) for i in range(1, 6)]
    assert [r.position for r in receipts] == [1, 2, 3, 4, 5]
    assert all(r.created and r.version == 1 for r in receipts)
    assert await store.head() == 5
    rows = await store.read(0, 100)
    assert [r.position for r in rows] == [1, 2, 3, 4, 5]
    assert [r.subject for r in rows] == [f"test-{i}" for i in range(1, 6)]
    assert rows[0].type == "coopline.cooperation.recorded" and rows[0].actor == "tester"
    assert rows[0].time.endswith("Z") and [r.time for r in rows] == sorted(r.time for r in rows)


async def test_data_comes_back_byte_for_byte(store):
    cmd = rec_cmd("bytes", title="한-덴마크 {\"key order\": kept}")
    await store.submit(cmd)
    (row,) = await store.read(0, 1)
    assert bytes(row.data) == cmd.bodies[0]


async def test_read_after_and_limit(store):
    for i in range(1, 8):
        await store.submit(rec_cmd(i))
    assert [r.position for r in await store.read(2, 3)] == [3, 4, 5]
    assert [r.position for r in await store.read(5, 100)] == [6, 7]
    assert await store.read(7, 10) == []


async def test_history(store):
    await store.submit(rec_cmd("a"))
    await store.submit(rec_cmd("b"))
    await store.submit(correct("test-a", 1, title="new title"))
    hist = await store.history("test-a")
    assert [(r.streamversion, r.position, r.type) for r in hist] == [
        (1, 1, "coopline.cooperation.recorded"), (2, 3, "coopline.cooperation.corrected")]
    assert msgspec.json.decode(hist[1].data) == {"changes": {"title": "new title"}, "reason": "fix"}
    assert await store.history("nobody") == []


# -- idempotency and batches -------------------------------------------------------------

async def test_idempotent_rerecord(store):
    first = await store.submit(rec_cmd(1))
    again = await store.submit(rec_cmd(1))
    assert (again.id, again.version, again.position, again.created) == (first.id, 1, first.position, False)
    with pytest.raises(Conflict):
        await store.submit(rec_cmd(1, title="another title"))
    assert await store.head() == 1


async def test_rerecord_compares_with_first_body_not_corrected_state(store):
    await store.submit(rec_cmd(1))
    await store.submit(correct("test-1", 1, title="corrected"))
    assert (await store.submit(rec_cmd(1))).created is False
    with pytest.raises(Conflict):
        await store.submit(rec_cmd(1, title="corrected"))


async def test_batch_positions_follow_array_order(store):
    await store.submit(rec_cmd("x"))
    receipts = await store.submit(rec_cmd("c", "a", "x", "b", batch=True))
    assert [(r.id, r.position, r.created) for r in receipts] == [
        ("test-c", 2, True), ("test-a", 3, True), ("test-x", 1, False), ("test-b", 4, True)]
    assert [r.subject for r in await store.read(0, 10)] == ["test-x", "test-c", "test-a", "test-b"]


async def test_batch_is_atomic(store):
    await store.submit(rec_cmd("k"))
    cmd = rec_cmd("p", "q", "k", "r", batch=True)
    cmd.bodies[2] = record.encode(record.decode_record(msgspec.json.encode(make_record("k", title="other"))))
    cmd.records[2] = record.decode_record(msgspec.json.encode(make_record("k", title="other")))
    with pytest.raises(Conflict) as exc:
        await store.submit(cmd)
    assert exc.value.extra["index"] == 2
    assert await store.head() == 1
    assert await store.history("test-p") == []


# -- corrections and retractions ---------------------------------------------------------

async def test_correction_and_expected_version(store):
    await store.submit(rec_cmd(1))
    r = await store.submit(correct("test-1", 1, title="v2"))
    assert (r.id, r.version, r.position, r.created) == ("test-1", 2, 2, True)
    with pytest.raises(Conflict) as exc:
        await store.submit(correct("test-1", 1, title="stale"))
    assert exc.value.extra["current_version"] == 2
    assert (await store.submit(correct("test-1", 2, title="v2"))).version == 3  # repeats are appended


async def test_correction_of_unknown_id(store):
    with pytest.raises(NotFound):
        await store.submit(correct("nobody", 1, title="x"))
    with pytest.raises(NotFound):
        await store.submit(RetractCmd("nobody", 1, "gone", "tester"))


async def test_correction_making_record_invalid(store):
    await store.submit(rec_cmd(1))
    with pytest.raises(Invalid) as exc:
        await store.submit(correct("test-1", 1, date="2018-13-45"))
    assert exc.value.errors
    with pytest.raises(Invalid):
        await store.submit(correct("test-1", 1, title=None))  # a required field cannot be removed
    assert await store.head() == 1


async def test_retraction_ends_the_stream(store):
    await store.submit(rec_cmd(1))
    r = await store.submit(RetractCmd("test-1", 1, "duplicate", "tester"))
    assert (r.version, r.position) == (2, 2)
    with pytest.raises(Conflict) as exc:
        await store.submit(correct("test-1", 2, title="too late"))
    assert exc.value.extra["current_version"] == 2
    with pytest.raises(Conflict):
        await store.submit(RetractCmd("test-1", 2, "again", "tester"))
    assert [r.type for r in await store.history("test-1")] == [
        "coopline.cooperation.recorded", "coopline.cooperation.retracted"]


# -- long-poll ---------------------------------------------------------------------------

async def test_wait_returns_promptly_on_commit(store):
    waiter = asyncio.create_task(store.wait(0, 10))
    await asyncio.sleep(0.1)
    assert not waiter.done()
    started = time.monotonic()
    await store.submit(rec_cmd(1))
    assert await asyncio.wait_for(waiter, 2) == 1
    assert time.monotonic() - started < 1


async def test_wait_times_out(store):
    started = time.monotonic()
    assert await store.wait(0, 0.3) == 0
    assert 0.25 <= time.monotonic() - started < 2
    await store.submit(rec_cmd(1))
    assert await store.wait(0, 5) == 1  # already past: no waiting


# -- immutability in the database ---------------------------------------------------------

@pytest.mark.parametrize("sql", [
    "UPDATE log SET actor = 'mallory'",
    "DELETE FROM log",
    "INSERT INTO log (position, id, subject, streamversion, type, time, actor, data) "
    "VALUES (5, 'x', 'gap', 1, 't', 't', 'a', 'e30=')",
])
async def test_database_refuses_changes(store, store_url, sql):
    await store.submit(rec_cmd(1))
    with pytest.raises(Exception, match="append-only|gapless"):
        await raw_sql(store_url, sql)
    assert [r.position for r in await store.read(0, 10)] == [1]


@pytest.mark.postgres
async def test_postgres_refuses_truncate(pg_database):  # SQLite has no TRUNCATE
    store = PostgresLog(pg_database)
    await store.open()
    try:
        await store.submit(rec_cmd(1))
        with pytest.raises(Exception, match="append-only"):
            await raw_sql(pg_database, "TRUNCATE log")
        assert await store.head() == 1
    finally:
        await store.close()


# -- concurrency and shutdown ------------------------------------------------------------

async def test_concurrent_submits_are_gapless(store):
    async def writer(w: int):
        out = []
        for i in range(20):
            out.append(await store.submit(rec_cmd(f"{w}-{i}")))
        return out

    receipts = [r for rs in await asyncio.gather(*(writer(w) for w in range(10))) for r in rs]
    assert sorted(r.position for r in receipts) == list(range(1, 201))
    rows = await store.read(0, 1000)
    assert [r.position for r in rows] == list(range(1, 201))
    assert sorted(r.subject for r in rows) == sorted(f"test-{w}-{i}" for w in range(10) for i in range(20))


async def test_two_store_instances_on_one_database(store_url):
    """Two processes' worth of stores: no position twice, no gap, idempotency across them."""
    a, b = _make_store(store_url), _make_store(store_url)
    await a.open()
    await b.open()
    try:
        cmds = [rec_cmd(i) for i in range(60)]
        results = await asyncio.gather(*(s.submit(c) for c in cmds for s in (a, b)))
        assert sum(r.created for r in results) == 60
        assert sorted({r.position for r in results}) == list(range(1, 61))
        assert [r.position for r in await a.read(0, 100)] == list(range(1, 61))
        assert await b.head() == 60
        if store_url.startswith("postgres"):  # wake-ups across instances (LISTEN/NOTIFY)
            waiter = asyncio.create_task(b.wait(60, 5))
            await asyncio.sleep(0.05)
            await a.submit(rec_cmd("late"))
            assert await asyncio.wait_for(waiter, 1) == 61
    finally:
        await a.close()
        await b.close()


async def test_close_commits_queued_writes(store_url):
    s = _make_store(store_url)
    await s.open()
    pending = [asyncio.create_task(s.submit(rec_cmd(i))) for i in range(50)]
    await asyncio.sleep(0)  # queued, not yet committed
    await s.close()
    assert sorted(t.result().position for t in pending) == list(range(1, 51))
    again = _make_store(store_url)
    await again.open()  # also: migrations run twice are harmless
    try:
        assert await again.head() == 50
    finally:
        await again.close()


# -- PostgreSQL only: what a network database adds ---------------------------------------

async def _terminate(url: str, where: str) -> int:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE datname = current_database() AND pid <> pg_backend_pid() AND {where}")
    finally:
        await conn.close()


@pytest.mark.postgres
async def test_postgres_listener_reconnects(pg_database):
    a, b = PostgresLog(pg_database), PostgresLog(pg_database)
    await a.open()
    await b.open()
    try:
        assert await _terminate(pg_database, "query LIKE 'LISTEN%' OR wait_event = 'ClientRead'") >= 1
        await a.submit(rec_cmd(1))  # may happen while b is deaf: the re-read head covers it
        assert await b.wait(0, 5) == 1
        await asyncio.sleep(0.5)  # b listens again by now (backoff starts at 0.1 s)
        waiter = asyncio.create_task(b.wait(1, 5))
        await asyncio.sleep(0.05)
        await a.submit(rec_cmd(2))
        assert await asyncio.wait_for(waiter, 1) == 2
    finally:
        await a.close()
        await b.close()


@pytest.mark.postgres
async def test_postgres_connections_dropped_then_recovered(pg_database):
    s = PostgresLog(pg_database)
    await s.open()
    try:
        await s.submit(rec_cmd(1))
        await _terminate(pg_database, "true")  # every connection of the store, pool and listener
        assert (await s.submit(rec_cmd(2))).position == 2  # the pool reconnects
        assert await s.head() == 2
    finally:
        await s.close()


@pytest.mark.postgres
async def test_postgres_database_gone_is_unavailable(pg_database):
    import asyncpg

    from services.ingest.store.base import Unavailable
    from tests.conftest import PG_ADMIN_DSN

    s = PostgresLog(pg_database)
    await s.open()
    try:
        await s.submit(rec_cmd(1))
        admin = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            await admin.execute(f'DROP DATABASE "{pg_database.rsplit("/", 1)[1]}" WITH (FORCE)')
        finally:
            await admin.close()
        with pytest.raises(Unavailable):
            await s.submit(rec_cmd(2))
        with pytest.raises(Unavailable):
            await s.read(0, 10)
    finally:
        await asyncio.wait_for(s.close(), 15)


@pytest.mark.postgres
async def test_postgres_copy_cannot_leave_a_gap(pg_database):
    import asyncpg

    store = PostgresLog(pg_database)
    await store.open()
    conn = await asyncpg.connect(pg_database)
    try:
        await store.submit(rec_cmd(1))
        columns = ["position", "id", "subject", "streamversion", "type", "time", "actor", "data"]
        for rows in ([(3, "x", "s", 1, "t", "t", "a", b"{}")],  # after a hole
                     [(2, "x", "s", 1, "t", "t", "a", b"{}"), (4, "y", "s", 2, "t", "t", "a", b"{}")]):
            with pytest.raises(asyncpg.PostgresError, match="gapless"):
                await conn.copy_records_to_table("log", columns=columns, records=rows)
        assert await store.head() == 1
    finally:
        await conn.close()
        await store.close()


@pytest.mark.postgres
async def test_postgres_write_transactions_commit_synchronously(pg_database):
    """Even when the server's default is synchronous_commit=off, a 201 means durable."""
    await raw_sql(pg_database, f'ALTER DATABASE "{pg_database.rsplit("/", 1)[1]}" SET synchronous_commit = off')
    s = PostgresLog(pg_database)
    await s.open()
    try:
        async with s._transaction() as tx:  # what every group runs in
            await tx.read([])
            assert await tx.conn.fetchval("SHOW synchronous_commit") == "on"
            assert await tx.conn.fetchval("SHOW idle_in_transaction_session_timeout") == "10s"
        assert (await s.submit(rec_cmd(1))).position == 1
    finally:
        await s.close()


@pytest.mark.postgres
async def test_postgres_dead_writer_releases_the_lock(pg_database):
    """A writer that vanishes mid-transaction, lock held, does not stall the others for long."""
    import asyncpg

    from services.ingest.store import postgres

    b = PostgresLog(pg_database)
    await b.open()
    silent = await asyncpg.connect(pg_database)
    try:
        await silent.execute("SET idle_in_transaction_session_timeout = '500ms'")  # the store uses 10 s
        await silent.execute("BEGIN")
        await silent.execute("SELECT pg_advisory_xact_lock($1)", postgres.LOG_LOCK)
        started = time.monotonic()  # this "writer" now goes silent with the lock held
        assert (await asyncio.wait_for(b.submit(rec_cmd(1)), 10)).position == 1
        assert 0.4 < time.monotonic() - started < 5
    finally:
        silent.terminate()
        await b.close()


@pytest.mark.postgres
async def test_postgres_reads_survive_dropped_connections(pg_database):
    s = PostgresLog(pg_database)
    await s.open()
    try:
        await s.submit(rec_cmd(1))
        await _terminate(pg_database, "true")
        assert [r.position for r in await s.read(0, 10)] == [1]
    finally:
        await s.close()
