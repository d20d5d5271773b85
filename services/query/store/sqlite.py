"""The projection store on SQLite (aiosqlite): WAL, one writer connection, one reader.

Rebuilds load a shadow file (`<path>.shadow`) with journaling and syncing off and the
secondary indexes left for the end; it is fsynced, then `os.replace`d over the live file
(the directory fsynced too), so a crash at any moment leaves the old or the new file, whole.
Leftover shadows are deleted when the live store opens.
"""

from __future__ import annotations

import contextlib
import os

import aiosqlite
import structlog

from services.query import projections
from services.query.store.base import Checkpoint, ProjectionStore, Reader, Tx
from services.query.store.gate import Gate

log = structlog.get_logger()
SCHEMA_VERSION = 1  # bump when a projection's tables change: old files are dropped and rebuilt
_CHECKPOINT = "CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, time TEXT NOT NULL)"
_SET_CHECKPOINT = ("INSERT INTO checkpoint VALUES (1, ?, ?) "
                   "ON CONFLICT (id) DO UPDATE SET position = excluded.position, time = excluded.time")
_SUFFIXES = ("", "-journal", "-wal", "-shm")


def _remove(path: str) -> None:
    for suffix in _SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Reader(Reader):
    def __init__(self, db: aiosqlite.Connection):
        self.db = db

    async def fetchall(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        return list(await self.db.execute_fetchall(sql, params))


class _Tx(_Reader, Tx):
    def __init__(self, db: aiosqlite.Connection):
        super().__init__(db)
        self._inserts: dict[str, list[tuple]] = {}
        self._updates: dict[str, list[tuple]] = {}
        self._checkpoint: Checkpoint | None = None

    def insert(self, sql: str, row: tuple) -> None:
        self._inserts.setdefault(sql, []).append(row)

    def update(self, sql: str, params: tuple) -> None:
        self._updates.setdefault(sql, []).append(params)

    def set_checkpoint(self, checkpoint: Checkpoint) -> None:
        self._checkpoint = checkpoint

    async def flush(self) -> None:
        for batch in (self._inserts, self._updates):
            for sql, rows in batch.items():
                await self.db.executemany(sql, rows)
        if self._checkpoint is not None:
            await self.db.execute(_SET_CHECKPOINT, (self._checkpoint.position, self._checkpoint.time))


class SQLiteProjectionStore(ProjectionStore):
    def __init__(self, path: str, *, bulk: bool = False):
        self.path, self.bulk = path, bulk
        self._w: aiosqlite.Connection | None = None
        self._r: aiosqlite.Connection | None = None
        self._gate = Gate()

    @property
    def shadow_path(self) -> str:
        return self.path + ".shadow"

    async def open(self) -> Checkpoint:
        directory = os.path.dirname(self.path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        if not self.bulk:
            _remove(self.shadow_path)  # a rebuild that crashed before its swap
        try:
            await self._connect()
            return await self.checkpoint()
        except BaseException:
            await self.close()  # an open aiosqlite thread would keep a failed start alive
            raise

    async def _connect(self) -> None:
        db = self._w = await aiosqlite.connect(self.path, isolation_level=None)  # closed by close() on failure
        (version,) = await (await db.execute("PRAGMA user_version")).fetchone()
        if version not in (0, SCHEMA_VERSION):
            log.warning("projection_schema_changed", found=version, expected=SCHEMA_VERSION, action="rebuilding from the log")
            await db.close()
            _remove(self.path)
            db = self._w = await aiosqlite.connect(self.path, isolation_level=None)
        if self.bulk:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-65536", "temp_store=MEMORY"):
                await db.execute(f"PRAGMA {pragma}")
        else:
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=10000"):
                await db.execute(f"PRAGMA {pragma}")
        await db.execute("BEGIN IMMEDIATE")
        for sql in [_CHECKPOINT, *projections.TABLES, *([] if self.bulk else projections.INDEXES)]:
            await db.execute(sql)
        await db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        await db.execute("COMMIT")
        self._w = db
        self._r = db if self.bulk else await aiosqlite.connect(self.path, isolation_level=None)
        if not self.bulk:
            await self._r.execute("PRAGMA busy_timeout=10000")

    async def close(self) -> None:
        for db in {id(c): c for c in (self._r, self._w) if c is not None}.values():
            with contextlib.suppress(Exception):
                await db.close()
        self._r = self._w = None

    async def checkpoint(self) -> Checkpoint:
        async with self.reading() as db:
            row = await db.fetchone("SELECT position, time FROM checkpoint WHERE id = 1")
        return Checkpoint(*row) if row else Checkpoint(0, "")

    @contextlib.asynccontextmanager
    async def transaction(self):
        async with self._gate.shared():
            db = self._w
            await db.execute("BEGIN IMMEDIATE")
            try:
                tx = _Tx(db)
                yield tx
                await tx.flush()
                await db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(Exception):
                    await db.execute("ROLLBACK")
                raise

    @contextlib.asynccontextmanager
    async def reading(self):
        async with self._gate.shared():
            yield _Reader(self._r)

    # -- rebuilds ---------------------------------------------------------------------
    async def create_shadow(self) -> SQLiteProjectionStore:
        _remove(self.shadow_path)
        shadow = SQLiteProjectionStore(self.shadow_path, bulk=True)
        await shadow.open()
        return shadow

    async def build_indexes(self) -> None:
        for sql in projections.INDEXES:
            await self._w.execute(sql)
        await self._w.execute("ANALYZE")

    async def _seal(self) -> None:
        """(Shadow) close and fsync: from here on the file is complete on disk."""
        if self._w is not None:
            await self.close()
            _fsync(self.path)

    async def discard(self) -> None:
        await self.close()
        _remove(self.path)

    async def diff(self, shadow: ProjectionStore) -> dict[str, int]:
        assert isinstance(shadow, SQLiteProjectionStore)
        await shadow._seal()
        cur = "valid_to IS NULL"
        async with self._gate.shared():
            db = self._w
            await db.execute("ATTACH DATABASE ? AS shadow", (shadow.path,))
            try:
                row = await (await db.execute(
                    f"SELECT (SELECT count(*) FROM shadow.event_versions s WHERE s.{cur} AND NOT EXISTS "
                    f"   (SELECT 1 FROM main.event_versions m WHERE m.id = s.id)), "
                    f" (SELECT count(*) FROM main.event_versions m WHERE m.{cur} AND NOT EXISTS "
                    f"   (SELECT 1 FROM shadow.event_versions s WHERE s.id = m.id)), "
                    f" (SELECT count(*) FROM main.event_versions m JOIN shadow.event_versions s "
                    f"   ON s.id = m.id AND s.{cur} WHERE m.{cur} AND (m.version <> s.version "
                    f"   OR m.retracted <> s.retracted OR m.first_position <> s.first_position OR m.doc <> s.doc))")).fetchone()
            finally:
                await db.execute("DETACH DATABASE shadow")
        return {"added": row[0], "removed": row[1], "changed": row[2]}

    async def swap(self, shadow: ProjectionStore) -> Checkpoint:
        assert isinstance(shadow, SQLiteProjectionStore)
        await shadow._seal()
        async with self._gate.exclusive():
            await self._w.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await self.close()
            for suffix in ("-wal", "-shm"):  # empty after the checkpoint; must not meet the new file
                with contextlib.suppress(FileNotFoundError):
                    os.remove(self.path + suffix)
            os.replace(shadow.path, self.path)
            _fsync(os.path.dirname(self.path) or ".")
            await self._connect()
        return await self.checkpoint()
