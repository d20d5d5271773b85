"""The hash chain in every log store: sealed in the append transaction, guarded like the log, and
computed once for a log written before it (without changing a record)."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import asyncpg
import msgspec
import pytest

from services.ingest.routes import to_log_record
from services.ingest.store import postgres as pg_store
from services.ingest.store import sqlite as sqlite_store
from services.ingest.store.base import Conflict, ReleaseCmd
from shared import record
from shared.log_record import RECORDED
from tests.contract.test_log_store import _make_store, correct, raw_sql, rec_cmd, store, store_url  # noqa: F401
from tests.independent_chain import assert_chain


def served(rows) -> list[dict]:
    return [json.loads(msgspec.json.encode(to_log_record(r))) for r in rows]


async def test_concurrent_groups_with_refused_commands_still_form_one_chain(store):  # noqa: F811
    await store.submit(rec_cmd(1, 2, batch=True))
    cmds = [rec_cmd(3), rec_cmd(1, title="different"), correct("test-2", 1, title="x"), correct("test-2", 1, title="y"),
            rec_cmd(4, 5, batch=True), ReleaseCmd("r1", "note", "tester"), ReleaseCmd("r1", None, "tester"),
            rec_cmd(6, 2, batch=True, title="t2"), rec_cmd(7)]
    outcomes = await asyncio.gather(*(store.submit(c) for c in cmds), return_exceptions=True)
    assert sum(isinstance(o, Conflict) for o in outcomes) == 4  # body differs, version, release name, 2 in a batch
    rows = await store.read(0, 100)
    assert_chain(served(rows))
    position, digest, time = await store.tip()
    assert (position, digest, time) == (rows[-1].position, rows[-1].hash, rows[-1].time)
    release = next(r for r in rows if r.subject == "release:r1")
    cited = rows[release.position - 2]
    assert json.loads(release.data) == {"name": "r1", "note": "note", "position": cited.position, "hash": cited.hash}


async def test_hashes_are_guarded_like_the_records(store, store_url):  # noqa: F811
    await store.submit(rec_cmd(1, 2, batch=True))
    await refused(store_url, f"UPDATE log SET hash = '{'a' * 64}' WHERE position = 1")
    assert_chain(served(await store.read(0, 10)))


async def refused(url: str, *statements: str) -> None:
    for sql in statements:
        with pytest.raises((sqlite3.DatabaseError, asyncpg.PostgresError)):
            await raw_sql(url, sql)


async def test_a_log_written_before_the_chain_is_sealed_once_at_upgrade(store_url, tmp_path):  # noqa: F811
    """The same records written by a sealing store and by a pre-chain one (only the first
    migration, rows copied in by hand) end with the same hashes, and the records unchanged."""
    reference = _make_store(f"sqlite:///{tmp_path}/reference.db")
    await reference.open()
    await reference.submit(rec_cmd(*range(1, 12), batch=True))
    await reference.submit(correct("test-3", 1, title="고침 😀"))
    await reference.submit(ReleaseCmd("before-upgrade", None, "tester"))
    expected = await reference.read(0, 100)
    await reference.close()
    # and a record as earlier versions stored it: `data` in schema order, not RFC 8785
    old = rec_cmd(99).records[0]
    columns = [tuple(r[:8]) for r in expected] + [(14, "old-14", "test-99", 1, RECORDED, expected[-1].time, "t",
                                                   record.encode(old))]

    if store_url.startswith("sqlite:"):
        db = sqlite3.connect(store_url[len("sqlite:///"):], isolation_level=None)
        sqlite_store.migrate(db, sqlite_store.MIGRATIONS[:1])
        db.executemany("INSERT INTO log VALUES (?, ?, ?, ?, ?, ?, ?, ?)", columns)
        db.close()
    else:
        conn = await asyncpg.connect(store_url)
        try:
            await pg_store.migrate(conn, pg_store.MIGRATIONS[:1])
            await conn.copy_records_to_table("log", records=columns)
        finally:
            await conn.close()

    upgraded = _make_store(store_url)
    await upgraded.open()
    try:
        rows = await upgraded.read(0, 100)
        assert [tuple(r[:8]) for r in rows] == columns  # no record changed
        assert [r.hash for r in rows[:13]] == [r.hash for r in expected]
        assert_chain(served(rows))
        assert (await upgraded.submit(rec_cmd(99))).created is False  # the same record, however stored
        with pytest.raises(Conflict):
            await upgraded.submit(rec_cmd(99, title="another"))
        await upgraded.submit(rec_cmd(50))  # and the chain goes on from there
        assert_chain(served(await upgraded.read(0, 100)))
        await refused(store_url, f"UPDATE log_chain SET hash = '{'a' * 64}' WHERE position = 2",
                      "DELETE FROM log_chain WHERE position = 13")
        assert [r.hash for r in await upgraded.read(0, 13)] == [r.hash for r in expected]
    finally:
        await upgraded.close()


# The strings the hash checks were first written to refuse (`hash ~ '^[0-9a-f]{64}$'`).
_HASH_CANDIDATES = ["a" * 64, "0123456789abcdef" * 4, "A" * 64, "a" * 63, "a" * 65, "g" + "a" * 63,
                    "a" * 63 + "\n", "a" * 64 + "\n", "\n" + "a" * 64, " " + "a" * 63, "a" * 32 + "-" + "a" * 31,
                    "é" + "a" * 63, "ａ" * 64, ""]


@pytest.mark.postgres
async def test_postgres_hash_checks_refuse_what_the_pattern_refused(pg_database):
    """The hash checks, rewritten without the repetition `{64}` (7 µs of server CPU a row) when a
    log of schema version 2 is upgraded, pass and refuse the same strings as the pattern did, on
    the log and on the chain table; the records already there pass the new check."""
    conn = await asyncpg.connect(pg_database)
    try:
        await pg_store.migrate(conn, pg_store.MIGRATIONS[:2])
        await conn.execute("INSERT INTO log VALUES (1, 'x', 's-1', 1, 't', 't', 'a', '{}', $1)", "0" * 64)
        store = pg_store.PostgresLog(pg_database)
        await store.open()  # the later migrations
        await store.close()
        checks = await conn.fetch("SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
                                  "WHERE conname IN ('log_hash_check', 'log_chain_hash_check') ORDER BY 1")
        assert [table for table, _ in checks] == ["log", "log_chain"]
        assert all("{64}" not in check for _, check in checks), checks
        for candidate in _HASH_CANDIDATES:
            pattern = await conn.fetchval("SELECT $1 ~ '^[0-9a-f]{64}$'", candidate)
            for sql in ("INSERT INTO log VALUES (2, 'y', 's-2', 1, 't', 't', 'a', '{}', $1)",
                        "INSERT INTO log_chain VALUES (2, $1)"):
                tx = conn.transaction()
                await tx.start()
                try:
                    await conn.execute(sql, candidate)
                    accepted = True
                except asyncpg.CheckViolationError:
                    accepted = False
                finally:
                    await tx.rollback()
                assert accepted == pattern, (sql, candidate)
        assert await conn.fetchval("SELECT count(*) FROM log") == 1
    finally:
        await conn.close()
