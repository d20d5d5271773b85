"""The projection store on SQLite through aiosqlite: WAL, one writer connection, a few readers.

Each connection is an aiosqlite connection, with the one thread that uses it. Writes run on the
writer's: a follower or rebuild page is folded, written and committed together with its
checkpoint as ONE synchronous function on that thread, one hop (`apply_page`, through
`shared.sqlite_thread.run`); `transaction()` (row by row, for tests and tools) hops once per
statement. Reads run on a small pool of reader connections (`READERS`), one hop per query.

Rebuilds load a shadow file (`<path>.shadow`) with journaling and syncing off and the
secondary indexes left for the end; it is fsynced, then `os.replace`d over the live file
(the directory fsynced too), so a crash at any moment leaves the old or the new file, whole.
Leftover shadows are deleted when the live store opens.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3

import aiosqlite
import structlog

from services.query import projections
from services.query.store import unsynced
from services.query.store.base import Checkpoint, ProjectionStore, Reader, Tx
from services.query.store.gate import Gate
from shared.sqlite_thread import connect, run
from shared.wal_checkpoints import PASSIVE, Checkpoints

log = structlog.get_logger()
SCHEMA_VERSION = 2  # bump when a projection's tables change: old files are dropped and rebuilt
# 2: country_spans replaced the event_countries_years index
_CHECKPOINT = "CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, time TEXT NOT NULL)"
_SET_CHECKPOINT = ("INSERT INTO checkpoint VALUES (1, ?, ?) "
                   "ON CONFLICT (id) DO UPDATE SET position = excluded.position, time = excluded.time")
_SUFFIXES = ("", "-journal", "-wal", "-shm")
READERS = 2  # reader connections (each with its thread) per live store
# The shadow: no journal, no fsync until sealed; a bounded page cache, and sorts for the index
# builds spill to temporary files instead of growing the process (RSS stays flat with the log).
_BULK_PRAGMAS = ("journal_mode=OFF", "synchronous=OFF", "cache_size=-32768", "temp_store=FILE", "locking_mode=EXCLUSIVE")
# The live file: `synchronous=OFF` where a boot id guards it (`unsynced.py`), NORMAL elsewhere.
# A WAL checkpoint runs every 0.1 s of writes on a reader connection (`_checkpoint`, see
# shared/wal_checkpoints.py), so that the one SQLite runs inside the writer's COMMIT has little
# left to copy and holds up the page being applied (and the `min_position` reads waiting for
# it) for less time.
# The writer's page cache holds the hot parts of the indexes that rows land in at random places
# (ids, subjects, timeline order): 32 MiB, the default 2 MiB makes a catch-up read them back
# from the file over and over.
_LIVE_PRAGMAS = ("journal_mode=WAL", "busy_timeout=10000", "cache_size=-32768")
CHECKPOINT_EVERY = 0.1  # seconds between WAL checkpoints while pages are being applied


def _remove(path: str) -> None:
    for suffix in _SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)


def _run_sync(coro):
    """Run a coroutine that never suspends (its awaits are on `_SyncTx`, which answers at
    once) to completion on this thread: the projections' code is shared with the async path."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError("a projection awaited something other than the store")


class _SyncTx(Tx):
    """A transaction on the writer thread: buffered rows, flushed before COMMIT. Country and
    sector rows are derived in SQL from the version rows (the projections' DERIVE)."""

    derives_in_sql = True
    dialect = "sqlite"

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self._inserts: dict[str, list[tuple]] = {}
        self._updates: dict[str, list[tuple]] = {}
        self._derive: list[tuple[str, tuple[int, int]]] = []
        self._checkpoint: Checkpoint | None = None

    def derive(self, statements: list[str], first: int, last: int) -> None:
        self._derive += [(sql, (first, last)) for sql in statements]

    def fetch(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        return self.db.execute(sql, params).fetchall()

    async def fetchall(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        return self.fetch(sql, params)

    def insert(self, sql: str, row: tuple) -> None:
        self._inserts.setdefault(sql, []).append(row)

    def update(self, sql: str, params: tuple) -> None:
        self._updates.setdefault(sql, []).append(params)

    def set_checkpoint(self, checkpoint: Checkpoint) -> None:
        self._checkpoint = checkpoint

    def flush(self) -> None:
        for sql, rows in self._inserts.items():
            self.db.executemany(sql, rows)
        for sql, params in self._derive:  # after the version rows they read
            self.db.execute(sql, params)
        for sql, rows in self._updates.items():
            self.db.executemany(sql, rows)
        self._inserts, self._updates, self._derive = {}, {}, []
        if self._checkpoint is not None:
            self.db.execute(_SET_CHECKPOINT, (self._checkpoint.position, self._checkpoint.time))


class _Reader(Reader):
    dialect = "sqlite"

    def __init__(self, store: SQLiteProjectionStore):
        self.store = store

    async def fetchall(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        return await self.store._read(sql, params)


class _Tx(Tx):
    """`transaction()`'s handle on the event loop: reads hop to the writer thread."""

    dialect = "sqlite"

    def __init__(self, store: SQLiteProjectionStore, tx: _SyncTx):
        self.store, self.tx = store, tx

    async def fetchall(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        return await self.store._write(_fetchall, sql, params)

    def insert(self, sql: str, row: tuple) -> None:
        self.tx.insert(sql, row)

    def update(self, sql: str, params: tuple) -> None:
        self.tx.update(sql, params)

    def set_checkpoint(self, checkpoint: Checkpoint) -> None:
        self.tx.set_checkpoint(checkpoint)

    @property
    def derives_in_sql(self) -> bool:
        return self.tx.derives_in_sql

    def derive(self, statements: list[str], first: int, last: int) -> None:
        self.tx.derive(statements, first, last)


def _open(path: str):
    return connect(path, cached_statements=256)


def _fetchall(db: sqlite3.Connection, sql: str, params) -> list[tuple]:
    return db.execute(sql, params).fetchall()


def _reader_setup(db: sqlite3.Connection, synchronous: str) -> None:
    db.execute("PRAGMA busy_timeout=10000")
    db.execute(f"PRAGMA synchronous={synchronous}")  # readers run the WAL checkpoints


def _setup(db: sqlite3.Connection, bulk: bool, synchronous: str = "NORMAL") -> int | None:
    """Pragmas, tables (and, live, indexes) → None; or, the file untouched, the other schema
    version it has."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version not in (0, SCHEMA_VERSION):
        return version
    for pragma in _BULK_PRAGMAS if bulk else (*_LIVE_PRAGMAS, f"synchronous={synchronous}"):
        db.execute(f"PRAGMA {pragma}")
    db.execute("BEGIN IMMEDIATE")
    for sql in [_CHECKPOINT, *projections.TABLES, *projections.SQLITE_TABLES,
                *([] if bulk else projections.INDEXES + projections.SQLITE_INDEXES)]:
        db.execute(sql)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    db.execute("COMMIT")
    return None


def _apply_sync(db: sqlite3.Connection, records: list) -> Checkpoint:
    tx = _begin(db)
    try:
        checkpoint = _run_sync(projections.apply_records(records, tx))
    except BaseException:
        _rollback(db)
        raise
    _commit(db, tx)  # rolls back itself if the flush or COMMIT fails
    return checkpoint


def _begin(db: sqlite3.Connection) -> _SyncTx:
    db.execute("BEGIN IMMEDIATE")
    return _SyncTx(db)


def _commit(db: sqlite3.Connection, tx: _SyncTx) -> None:
    try:
        tx.flush()
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            db.execute("ROLLBACK")
        raise


def _rollback(db: sqlite3.Connection) -> None:
    with contextlib.suppress(Exception):
        db.execute("ROLLBACK")


def _build_indexes_sync(db: sqlite3.Connection) -> None:
    for sql in projections.INDEXES + projections.SQLITE_INDEXES:
        db.execute(sql)
    db.execute("PRAGMA analysis_limit=1000")  # statistics from a sample: seconds less at 1M rows
    db.execute("ANALYZE")


def _diff_sync(db: sqlite3.Connection, shadow_path: str) -> tuple:
    cur = "valid_to IS NULL"
    db.execute("ATTACH DATABASE ? AS shadow", (shadow_path,))
    try:
        return db.execute(
            f"SELECT (SELECT count(*) FROM shadow.event_versions s WHERE s.{cur} AND NOT EXISTS "
            f"   (SELECT 1 FROM main.event_versions m WHERE m.id = s.id)), "
            f" (SELECT count(*) FROM main.event_versions m WHERE m.{cur} AND NOT EXISTS "
            f"   (SELECT 1 FROM shadow.event_versions s WHERE s.id = m.id)), "
            f" (SELECT count(*) FROM main.event_versions m JOIN shadow.event_versions s "
            f"   ON s.id = m.id AND s.{cur} WHERE m.{cur} AND (m.version <> s.version "
            f"   OR m.retracted <> s.retracted OR m.first_position <> s.first_position OR m.doc <> s.doc))").fetchone()
    finally:
        db.execute("DETACH DATABASE shadow")


def _truncate_wal(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _replace(shadow_path: str, path: str) -> None:
    """(Every connection closed) the shadow file in place of the live one, durably."""
    for suffix in ("-wal", "-shm"):  # empty after the checkpoint; must not meet the new file
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)
    os.replace(shadow_path, path)
    unsynced.fsync_path(os.path.dirname(path) or ".")


class SQLiteProjectionStore(ProjectionStore):
    def __init__(self, path: str, *, bulk: bool = False):
        self.path, self.bulk = path, bulk
        self._w: aiosqlite.Connection | None = None  # the writer (a shadow's only connection)
        self._readers: list[aiosqlite.Connection] = []  # idle reader connections
        self._all_readers: list[aiosqlite.Connection] = []
        self._reader_slots = asyncio.Semaphore(READERS)  # reads at once, as many as connections
        self._gate = Gate()
        self._checkpoints = Checkpoints(self._checkpoint, CHECKPOINT_EVERY, "coopline-wal-checkpoint")
        self._synchronous = "NORMAL"  # OFF while a boot-id marker guards the file (open)

    @property
    def shadow_path(self) -> str:
        return self.path + ".shadow"

    # -- connections ------------------------------------------------------------------------
    async def _write(self, fn, *args):
        """`fn(db, *args)` on the writer's thread, in one hop."""
        return await run(self._w, fn, *args)

    async def _open_reader(self) -> aiosqlite.Connection:
        db = await _open(self.path)
        self._all_readers.append(db)  # closed by close() whatever happens next
        await run(db, _reader_setup, self._synchronous)
        return db

    async def _read(self, sql: str, params) -> list[tuple]:
        if self.bulk:  # a shadow has one connection, the writer's
            return await self._write(_fetchall, sql, params)
        async with self._reader_slots:
            db = self._readers.pop() if self._readers else await self._open_reader()
            try:
                return await run(db, _fetchall, sql, params)
            finally:
                if db in self._all_readers:  # not closed meanwhile
                    self._readers.append(db)

    # -- lifecycle --------------------------------------------------------------------------
    async def open(self) -> Checkpoint:
        directory = os.path.dirname(self.path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        if not self.bulk:
            _remove(self.shadow_path)  # a rebuild that crashed before its swap
            await asyncio.to_thread(self._guard)
        try:
            await self._connect()
            return await self.checkpoint()
        except BaseException:
            await self.close()
            raise

    async def _connect(self) -> None:
        self._w = await _open(self.path)
        if (version := await self._write(_setup, self.bulk, self._synchronous)) is not None:
            log.warning("projection_schema_changed", found=version, expected=SCHEMA_VERSION, action="rebuilding from the log")
            db, self._w = self._w, None
            await db.close()
            await asyncio.to_thread(_remove, self.path)
            self._w = await _open(self.path)
            await self._write(_setup, self.bulk, self._synchronous)

    async def _close_connections(self) -> None:
        """Close the readers, then the writer; each after the work queued on it."""
        connections = [*self._all_readers, *([self._w] if self._w is not None else [])]
        self._readers, self._all_readers, self._w = [], [], None
        for db in connections:
            with contextlib.suppress(Exception):
                await db.close()

    # -- WAL checkpoints, beside the writer (shared/wal_checkpoints.py) ------------------------
    def _written(self) -> None:
        if not self.bulk:  # a shadow has no WAL
            self._checkpoints.written()

    async def _checkpoint(self) -> None:
        async with self._gate.shared():  # a swap waits for it
            await self._read(PASSIVE, ())

    async def close(self) -> None:
        await self._checkpoints.wait()
        await self._close_connections()
        if not self.bulk:  # synced now: a marker goes
            await asyncio.to_thread(unsynced.clear, self.path)

    def _guard(self) -> None:
        """(Live, before the first connection) unsynced writes only under a boot-id marker, and
        a file that a machine crash may have damaged is discarded (see `unsynced.py`)."""
        boot = unsynced.boot_id()
        if boot is None:
            return
        if unsynced.lost(self.path, boot):
            log.warning("projections_discarded", reason="the machine restarted while the file held unsynced writes",
                        action="rebuilding from the log")
            _remove(self.path)
        try:
            unsynced.mark(self.path, boot)
        except OSError as exc:  # e.g. a full disk: sync as usual rather than not start
            log.warning("projections_synced", reason=f"cannot write the unsynced marker: {exc}")
            return
        self._synchronous = "OFF"

    async def checkpoint(self) -> Checkpoint:
        async with self.reading() as db:
            row = await db.fetchone("SELECT position, time FROM checkpoint WHERE id = 1")
        return Checkpoint(*row) if row else Checkpoint(0, "")

    # -- writes -------------------------------------------------------------------------------
    async def apply_page(self, records: list) -> Checkpoint:
        """Fold, write and commit (checkpoint included) on the writer's thread, in one hop."""
        async with self._gate.shared():
            checkpoint = await self._write(_apply_sync, records)
        self._written()
        return checkpoint

    @contextlib.asynccontextmanager
    async def transaction(self):
        async with self._gate.shared():
            tx = await self._write(_begin)
            try:
                yield _Tx(self, tx)
            except BaseException:
                await asyncio.shield(self._write(_rollback))
                raise
            await self._write(_commit, tx)
        self._written()

    @contextlib.asynccontextmanager
    async def reading(self):
        async with self._gate.shared():
            yield _Reader(self)

    # -- rebuilds ---------------------------------------------------------------------
    async def create_shadow(self) -> SQLiteProjectionStore:
        _remove(self.shadow_path)
        shadow = SQLiteProjectionStore(self.shadow_path, bulk=True)
        await shadow.open()
        return shadow

    async def build_indexes(self) -> None:
        await self._write(_build_indexes_sync)

    async def _seal(self) -> None:
        """(Shadow) close and fsync: from here on the file is complete on disk."""
        if self._w is not None:
            await self.close()
            unsynced.fsync_path(self.path)

    async def discard(self) -> None:
        await self.close()
        _remove(self.path)

    async def diff(self, shadow: ProjectionStore) -> dict[str, int]:
        assert isinstance(shadow, SQLiteProjectionStore)
        await shadow._seal()
        async with self._gate.shared():
            row = await self._write(_diff_sync, shadow.path)
        return {"added": row[0], "removed": row[1], "changed": row[2]}

    async def swap(self, shadow: ProjectionStore) -> Checkpoint:
        assert isinstance(shadow, SQLiteProjectionStore)
        await shadow._seal()
        async with self._gate.exclusive():  # no read or write in flight: every connection may close
            await self._write(_truncate_wal)
            await self._close_connections()
            try:
                await asyncio.to_thread(_replace, shadow.path, self.path)
            finally:  # a failed replace leaves the old file whole: serve it again
                await self._connect()
        return await self.checkpoint()
