"""The projection store on SQLite through aiosqlite's public API: WAL, one writer, a few readers.

Threading: every connection is an aiosqlite connection, whose own thread runs the statements
we await; all the Python work (decoding, folding, projecting) runs on the event loop. A page
is one transaction on the writer: BEGIN, the state reads, one `executemany` per table, the
checkpoint, COMMIT. Reads take a reader connection from a small pool, one statement each.

Rebuilds (a shadow file, then a diff or a swap): sqlite_rebuild.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import os

import aiosqlite
import structlog

from services.query import projections
from services.query.store import sqlite_schema as schema
from services.query.store import unsynced
from services.query.store.base import Checkpoint
from services.query.store.gate import Gate
from services.query.store.sqlite_rebuild import ConnReader, SQLiteRebuilds, write_changes
from shared.wal_checkpoints import PASSIVE, Checkpoints

log = structlog.get_logger()
READERS = 2  # reader connections per live store
# A WAL checkpoint every 0.1 s of writes, on a reader connection (shared/wal_checkpoints.py),
# so that the one SQLite runs inside the writer's COMMIT has little left to copy.
CHECKPOINT_EVERY = 0.1


async def _connect(path: str, pragmas) -> aiosqlite.Connection:
    db = await aiosqlite.connect(path, isolation_level=None, cached_statements=256)  # we BEGIN and COMMIT
    try:
        for pragma in pragmas:
            await db.execute(f"PRAGMA {pragma}")
    except BaseException:
        await db.close()
        raise
    return db


class SQLiteProjectionStore(SQLiteRebuilds):
    def __init__(self, path: str, *, bulk: bool = False):
        self.path, self.bulk = path, bulk
        self._w: aiosqlite.Connection | None = None  # the writer (a shadow's only connection)
        self._readers: list[aiosqlite.Connection] = []  # idle reader connections
        self._all_readers: list[aiosqlite.Connection] = []
        self._reader_slots = asyncio.Semaphore(READERS)
        self._writing = asyncio.Lock()  # one page at a time on the writer
        # (A shadow) the page whose rows are going in while the next one is made, and the
        # versions it made: the next page reads those from here, the rest from the file.
        self._loading: asyncio.Future | None = None
        self._loaded: dict = {}
        self._load_over = False  # (A shadow) finish_load ran: the pages after it list their full-text rows
        self._stale: set[str] = set()  # (A shadow) organisations whose kept extremes finish_load refreshes
        self._gate = Gate()
        self._checkpoints = Checkpoints(self._wal_checkpoint, CHECKPOINT_EVERY, "coopline-wal-checkpoint")
        self._synchronous = "NORMAL"  # OFF while a boot-id marker guards the file (open)
        self._pending = 0  # full-text rows not yet indexed (search.FLUSH_AT); read at open

    # -- connections --------------------------------------------------------------------
    async def _read(self, sql: str, params) -> list[tuple]:
        if self.bulk:  # a shadow has one connection, the writer's
            return list(await self._w.execute_fetchall(sql, params))
        async with self._reader_slots:
            if self._readers:
                db = self._readers.pop()
            else:
                db = await _connect(self.path, (*schema.READER_PRAGMAS, f"synchronous={self._synchronous}"))
                self._all_readers.append(db)  # closed by close() whatever happens next
            try:
                return list(await db.execute_fetchall(sql, params))
            finally:
                if db in self._all_readers:  # not closed meanwhile
                    self._readers.append(db)

    async def _open_writer(self) -> int | None:
        """The writer, with pragmas and tables; or, the file untouched, its other schema version."""
        pragmas = schema.BULK_PRAGMAS if self.bulk else (*schema.LIVE_PRAGMAS, f"synchronous={self._synchronous}")
        self._w = await _connect(self.path, pragmas)
        ((version,),) = await self._w.execute_fetchall("PRAGMA user_version")
        if version not in (0, schema.SCHEMA_VERSION):
            return version
        await self._w.execute("BEGIN IMMEDIATE")
        for sql in [*schema.tables(), *([] if self.bulk else schema.indexes())]:
            await self._w.execute(sql)
        await self._w.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION}")
        ((self._pending,),) = await self._w.execute_fetchall(schema.PENDING)
        ((analysed,),) = await self._w.execute_fetchall(schema.HAS_STATISTICS)
        if analysed and not self.bulk:  # a rebuild's file: just swapped in, or analysed by an older version
            for sql in schema.PENDING_STATISTICS:
                await self._w.execute(sql)
        await self._w.execute("COMMIT")
        return None

    async def _connect(self) -> None:
        if (version := await self._open_writer()) is not None:
            log.warning("projection_schema_changed", found=version, expected=schema.SCHEMA_VERSION,
                        action="rebuilding from the log")
            await self._close_connections()
            await asyncio.to_thread(schema.remove, self.path)
            await self._open_writer()

    async def _close_connections(self) -> None:
        """Close the readers, then the writer; each after the work queued on it."""
        connections = [*self._all_readers, *([self._w] if self._w is not None else [])]
        self._readers, self._all_readers, self._w = [], [], None
        for db in connections:
            with contextlib.suppress(Exception):
                await db.close()

    # -- lifecycle ----------------------------------------------------------------------
    async def open(self) -> Checkpoint:
        directory = os.path.dirname(self.path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        if not self.bulk:
            schema.remove(self.shadow_path)  # a rebuild that crashed before its swap
            await asyncio.to_thread(self._guard)
        try:
            await self._connect()
            return await self.checkpoint()
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        try:
            await self._loaded_all()
        except Exception as exc:  # the load failed (and said so to the rebuild): close all the same
            log.warning("shadow_load_failed", error=f"{exc.__class__.__name__}: {exc}")
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
            schema.remove(self.path)
        try:
            unsynced.mark(self.path, boot)
        except OSError as exc:  # e.g. a full disk: sync as usual rather than not start
            log.warning("projections_synced", reason=f"cannot write the unsynced marker: {exc}")
            return
        self._synchronous = "OFF"

    async def _wal_checkpoint(self) -> None:
        async with self._gate.shared():  # a swap waits for it
            await self._read(PASSIVE, ())

    async def checkpoint(self) -> Checkpoint:
        async with self.reading() as db:
            row = await db.fetchone("SELECT position, time FROM checkpoint WHERE id = 1")
        return Checkpoint(*row) if row else Checkpoint(0, "")

    # -- writes and reads ---------------------------------------------------------------
    async def apply_page(self, records: list) -> Checkpoint:
        if self.bulk:
            return await self._load_page(records)
        last = records[-1]
        async with self._gate.shared(), self._writing:
            db = self._w
            await db.execute("BEGIN IMMEDIATE")
            try:
                changes = await projections.page_changes(records, ConnReader(db.execute_fetchall))
                await write_changes(db, changes)
                pending = self._pending + len(changes.inserts.get("event_search", ()))
                if pending >= projections.search.FLUSH_AT:  # the full-text rows pending go into the index, in bulk
                    for sql in schema.FLUSH:
                        await db.execute(sql)
                    pending = 0
                await db.execute(schema.SET_CHECKPOINT, (last.position, last.time))
                await db.execute("COMMIT")
                self._pending = pending
            except BaseException:
                with contextlib.suppress(Exception):  # also when cancelled: the next BEGIN needs it
                    await asyncio.shield(db.execute("ROLLBACK"))
                raise
        if not self.bulk:  # a shadow has no WAL
            self._checkpoints.written()
        return Checkpoint(last.position, last.time)

    @contextlib.asynccontextmanager
    async def reading(self):
        async with self._gate.shared():
            yield ConnReader(self._read)
