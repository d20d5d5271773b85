"""The event log on SQLite (aiosqlite, WAL, synchronous=FULL).

One connection writes (the group-commit task), another reads, so long-polls and history never
wait behind a commit. `BEGIN IMMEDIATE` takes the write lock before the head is read, so
positions are assigned under the lock and are gapless in commit order. Triggers make the
database itself refuse UPDATE, DELETE and any insert that would leave a gap.
"""

from __future__ import annotations

import contextlib
import os

import aiosqlite
import msgspec

from services.ingest.store.base import Row, Stream
from services.ingest.store.group_commit import GroupCommitLog, WriteTx, streams_from_rows

MIGRATIONS = [
    """
    CREATE TABLE log (
        position      INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        subject       TEXT NOT NULL,
        streamversion INTEGER NOT NULL CHECK (streamversion >= 1),
        type          TEXT NOT NULL,
        time          TEXT NOT NULL,
        actor         TEXT NOT NULL,
        data          BLOB NOT NULL,
        UNIQUE (subject, streamversion)
    );
    CREATE TRIGGER log_no_update BEFORE UPDATE ON log
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: UPDATE refused'); END;
    CREATE TRIGGER log_no_delete BEFORE DELETE ON log
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: DELETE refused'); END;
    CREATE TRIGGER log_gapless BEFORE INSERT ON log
        WHEN NEW.position IS NOT (SELECT coalesce(max(position), 0) + 1 FROM log)
        BEGIN SELECT RAISE(ABORT, 'log positions are gapless: insert the next position'); END;
    """,
]
_COLUMNS = "position, id, subject, streamversion, type, time, actor, data"


async def _connect_db(path: str) -> aiosqlite.Connection:
    db = await aiosqlite.connect(path, isolation_level=None)
    try:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=FULL")
        await db.execute("PRAGMA busy_timeout=10000")
    except BaseException:
        await db.close()  # its thread would otherwise keep the process alive
        raise
    return db


async def migrate(db: aiosqlite.Connection, migrations: list[str]) -> None:
    """Apply the migrations past `PRAGMA user_version`, each in its own transaction."""
    (version,) = await (await db.execute("PRAGMA user_version")).fetchone()
    for number, script in enumerate(migrations[version:], start=version + 1):
        await db.execute("BEGIN IMMEDIATE")
        (current,) = await (await db.execute("PRAGMA user_version")).fetchone()
        if current >= number:  # another process got there first
            await db.execute("ROLLBACK")
            continue
        try:
            for statement in filter(str.strip, script.split(";\n")):
                await db.execute(statement)
            await db.execute(f"PRAGMA user_version={number}")
            await db.execute("COMMIT")
        except Exception:
            await db.execute("ROLLBACK")
            raise


class _Tx(WriteTx):
    def __init__(self, db: aiosqlite.Connection):
        self.db = db

    async def head_and_time(self) -> tuple[int, str]:
        cur = await self.db.execute("SELECT position, time FROM log ORDER BY position DESC LIMIT 1")
        row = await cur.fetchone()
        return (row[0], row[1]) if row else (0, "")

    async def streams(self, subjects: list[str]) -> dict[str, Stream]:
        cur = await self.db.execute(
            "SELECT subject, streamversion, type, data, position FROM log "
            "WHERE subject IN (SELECT value FROM json_each(?)) ORDER BY subject, streamversion",
            (msgspec.json.encode(subjects).decode(),))
        return streams_from_rows(await cur.fetchall())

    async def insert(self, rows: list[Row]) -> None:
        await self.db.executemany(
            f"INSERT INTO log ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.position, r.id, r.subject, r.streamversion, r.type, r.time, r.actor, r.data) for r in rows])


class SQLiteLog(GroupCommitLog):
    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self._w: aiosqlite.Connection | None = None
        self._r: aiosqlite.Connection | None = None

    async def _connect(self) -> int:
        if os.path.dirname(self.path):
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
        try:
            self._w = await _connect_db(self.path)
            await migrate(self._w, MIGRATIONS)
            self._r = await _connect_db(self.path)
            return await self.head()
        except BaseException:
            await self._disconnect()
            raise

    async def _disconnect(self) -> None:
        for db in (self._r, self._w):
            if db is not None:
                with contextlib.suppress(Exception):
                    await db.close()
        self._r = self._w = None

    @contextlib.asynccontextmanager
    async def _transaction(self):
        db = self._w
        await db.execute("BEGIN IMMEDIATE")
        try:
            yield _Tx(db)
            await db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                await db.execute("ROLLBACK")
            raise

    async def head(self) -> int:
        cur = await self._r.execute("SELECT coalesce(max(position), 0) FROM log")
        return (await cur.fetchone())[0]

    async def read(self, after: int, limit: int) -> list[Row]:
        cur = await self._r.execute(
            f"SELECT {_COLUMNS} FROM log WHERE position > ? ORDER BY position LIMIT ?", (after, limit))
        return [Row(*r) for r in await cur.fetchall()]

    async def history(self, subject: str) -> list[Row]:
        cur = await self._r.execute(
            f"SELECT {_COLUMNS} FROM log WHERE subject = ? ORDER BY streamversion", (subject,))
        return [Row(*r) for r in await cur.fetchall()]
