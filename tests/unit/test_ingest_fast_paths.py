"""The ingest hot path's shortcuts give exactly what the plain way gives: time-ordered UUIDv7
ids, the cached UTC timestamp, request ids, and the event log's in-memory tail."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import time
import uuid
from datetime import UTC, datetime

import msgspec
import pytest

from services.ingest.store import group_commit
from services.ingest.store.base import RecordCmd
from services.ingest.store.decide import decide_group, utc_now
from services.ingest.store.sqlite import SQLiteLog
from shared import record
from shared.ids import new_ids
from shared.log_chain import canonical_ascii_keys
from shared.web import _RID, request_ids
from tests.conftest import make_record

_CANONICAL = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.mark.parametrize("n", [0, 1, 2, 17, 5000])
def test_ids_are_valid_v7_unique_and_increasing(n):
    before_ms = time.time_ns() // 1_000_000
    ids = new_ids(n)
    after_ms = time.time_ns() // 1_000_000
    assert len(ids) == n == len(set(ids))
    assert ids == sorted(ids)  # new keys go to the end of the log's id index
    for s in ids:
        u = uuid.UUID(s)
        assert u.version == 7 and u.variant == uuid.RFC_4122
        assert str(u) == s and _CANONICAL.match(s), s
        # the leading 48 bits: the millisecond (a counter overflow may move it on by one)
        assert before_ms <= int(s.replace("-", "")[:12], 16) <= after_ms + 1


def test_ids_keep_increasing_between_calls_and_in_a_forked_child():
    first, second = new_ids(1000), new_ids(1000)
    assert first[-1] < second[0] and not set(first) & set(second)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its ids must not repeat the parent's
        os.write(write, " ".join(new_ids(50)).encode())
        os._exit(0)
    os.close(write)
    child = os.read(read, 1 << 16).decode().split()
    os.close(read)
    os.waitpid(pid, 0)
    assert len(child) == 50 and not set(child) & set(new_ids(50) + second)


def test_a_record_without_an_id_gets_a_v7_one():
    rec = record.validate(msgspec.convert({k: v for k, v in make_record(1).items() if k != "id"}, record.Record))
    assert uuid.UUID(rec.id).version == 7


def test_utc_now_has_the_log_time_format_and_follows_the_clock():
    for _ in range(3):
        before = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        now = utc_now()
        after = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", now), now
        assert before <= now <= after
        time.sleep(0.6)  # across a second boundary at least once


def test_decide_group_times_never_go_backwards():
    recs = [record.decode_record(msgspec.json.encode(make_record(i))) for i in range(3)]
    cmds = [RecordCmd([r], [canonical_ascii_keys(r)], "t") for r in recs]
    future = "2999-01-01T00:00:00.000000Z"
    rows, outcomes = decide_group(cmds, {}, 41, future, "0" * 64)
    assert [r.position for r in rows] == [42, 43, 44] and {r.time for r in rows} == {future}
    assert [o.position for o in outcomes] == [42, 43, 44]
    assert all(_CANONICAL.match(r.id) for r in rows) and len({r.id for r in rows}) == 3


def test_request_ids_are_unique_and_well_formed():
    ids = [request_ids.next() for _ in range(10000)]
    assert len(set(ids)) == len(ids)
    assert all(_RID.match(i) for i in ids)


# -- the in-memory tail of the log -----------------------------------------------------------

def _cmd(names, batch=False) -> RecordCmd:
    recs = [record.decode_record(msgspec.json.encode(make_record(n))) for n in names]
    return RecordCmd(recs, [canonical_ascii_keys(r) for r in recs], "tester", batch=batch)


@pytest.fixture
def small_tail(monkeypatch):
    monkeypatch.setattr(SQLiteLog, "memory_tail", 50)


async def test_tail_answers_exactly_what_the_database_does(tmp_path, small_tail):
    store = SQLiteLog(str(tmp_path / "events.db"))
    await store.open()
    try:
        # Groups of several sizes: concurrent singles coalesce; batches larger than the tail.
        await asyncio.gather(*(store.submit(_cmd([f"a{i}"])) for i in range(30)))
        await store.submit(_cmd([f"b{i}" for i in range(70)], batch=True))  # more than the tail holds
        await store.submit(_cmd([f"c{i}" for i in range(7)], batch=True))
        await asyncio.gather(*(store.submit(_cmd([f"d{i}"])) for i in range(12)))
        head = await store.head()
        assert head == store.known_head() == 119
        answered = 0
        for after in range(0, head + 3):
            for limit in (1, 3, 49, 50, 500):
                from_memory = store.recent(after, limit)
                if from_memory is None:
                    assert after < head - 50 or after >= head, after  # only outside the tail
                    continue
                answered += 1
                assert from_memory == await store.read(after, limit), (after, limit)
        assert answered == 50 * 5  # every `after` in the tail's 50 rows, each limit
        # The rows in memory are the rows on disk, byte for byte.
        with sqlite3.connect(tmp_path / "events.db") as db:
            on_disk = db.execute("SELECT * FROM log WHERE position > ? ORDER BY position", (head - 50,)).fetchall()
        assert [tuple(r) for r in store.recent(head - 50, 500)] == on_disk
    finally:
        await store.close()


async def test_tail_stays_contiguous_when_another_writer_appends(tmp_path):
    path = str(tmp_path / "events.db")
    a, b = SQLiteLog(path), SQLiteLog(path)
    await a.open()
    await b.open()
    try:
        await a.submit(_cmd(["1", "2", "3"], batch=True))
        await b.submit(_cmd(["4", "5"], batch=True))
        await a.submit(_cmd(["6", "7"], batch=True))
        assert a.recent(3, 10) is None  # 4 and 5 are not in a's memory: ask the database
        assert a.recent(0, 10) is None
        assert [r.position for r in a.recent(5, 10)] == [6, 7]
        assert a.recent(5, 10) == await a.read(5, 10)
        assert [r.position for r in await a.read(3, 10)] == [4, 5, 6, 7]
    finally:
        await a.close()
        await b.close()


def test_postgres_keeps_no_tail():
    from services.ingest.store.postgres import PostgresLog

    assert PostgresLog.memory_tail == 0 < group_commit.TAIL_ROWS
    store = PostgresLog("postgresql://unused")
    assert store.recent(0, 10) is None and store.known_head() is None
