"""The SQLite event log checkpoints its WAL beside the writer, on a connection of its own: the
WAL stays bounded under steady appends, a failing checkpoint never fails a write, and closing
waits for a checkpoint in flight."""

from __future__ import annotations

import asyncio
import os

from services.ingest.store import sqlite as sqlite_log
from services.ingest.store.sqlite import SQLiteLog
from tests.contract.test_log_store import rec_cmd


def size(path: str) -> int:
    return os.path.getsize(path) if os.path.exists(path) else 0


async def append_batches(log: SQLiteLog, batches: int, per: int, start: int = 0) -> None:
    for b in range(batches):
        n = start + b * per
        await log.submit(rec_cmd(*range(n, n + per), batch=True, summary="x" * 2000))
        await asyncio.sleep(0.003)  # steady writes, as a server sees them


async def test_the_wal_stays_bounded_under_steady_appends(tmp_path, monkeypatch):
    ran: list[int] = []
    real = sqlite_log._checkpoint_sync

    def counted(db):
        ran.append(1)
        real(db)

    monkeypatch.setattr(sqlite_log, "_checkpoint_sync", counted)
    path = str(tmp_path / "events.db")
    log = SQLiteLog(path)
    await log.open()
    try:
        biggest = 0
        for b in range(60):
            await append_batches(log, 1, 100, start=b * 100)
            biggest = max(biggest, size(path + "-wal"))
        assert await log.head() == 6000
        assert size(path) > 8 * 2**20  # the records went into the file…
        assert biggest < 8 * 2**20  # …and the WAL was rewound along the way
        assert ran  # by checkpoints beside the writer (every CHECKPOINT_EVERY seconds of writes)
    finally:
        await log.close()


async def test_a_failing_checkpoint_never_fails_a_write(tmp_path, monkeypatch, capsys):
    def refuse(db):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite_log, "_checkpoint_sync", refuse)
    monkeypatch.setattr(sqlite_log, "CHECKPOINT_EVERY", 0.0)
    log = SQLiteLog(str(tmp_path / "events.db"))
    await log.open()
    try:
        await append_batches(log, 5, 10)
        assert await log.head() == 50
        await asyncio.sleep(0.05)
        assert "wal_checkpoint_failed" in capsys.readouterr().out
    finally:
        await log.close()


async def test_close_waits_for_a_checkpoint_in_flight(tmp_path, monkeypatch):
    finished: list[bool] = []
    real = sqlite_log._checkpoint_sync

    def slow(db):
        import time

        time.sleep(0.3)  # on the checkpoint connection's own thread
        real(db)
        finished.append(True)

    monkeypatch.setattr(sqlite_log, "_checkpoint_sync", slow)
    log = SQLiteLog(str(tmp_path / "events.db"))
    await log.open()
    await append_batches(log, 1, 10)
    await log.close()
    assert finished == [True]
    reopened = SQLiteLog(str(tmp_path / "events.db"))
    await reopened.open()
    assert await reopened.head() == 10
    await reopened.close()
