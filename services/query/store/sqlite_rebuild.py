"""Rebuilds on SQLite: a shadow file loaded beside the live one, then compared or swapped in.

The shadow (`<path>.shadow`) is a store of its own with one connection, no journal, no fsync
until sealed, and only the indexes a load needs; `finish_load` builds the secondary ones. It
makes a page's changes on the event loop while the previous page's rows go in on the
connection's thread (the versions that page made are at hand in memory meanwhile). Sealed
(closed and fsynced), it is compared with the live file (`diff`, the two ATTACHed) or
`os.replace`d over it (the directory fsynced too), so a crash at any moment leaves the old or
the new file, whole; the gate keeps reads out while the connections are replaced.
"""

from __future__ import annotations

import asyncio
import contextlib

import aiosqlite

from services.query import projections
from services.query.projections import organisations
from services.query.store import sqlite_schema as schema
from services.query.store import unsynced
from services.query.store.base import Checkpoint, ProjectionStore, Reader
from services.query.store.gate import Gate


class ConnReader(Reader):
    """A `Reader` over one aiosqlite fetch method (a reader connection's, or the writer's)."""

    dialect = "sqlite"

    def __init__(self, fetch):
        self._fetch = fetch

    async def fetchall(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        return list(await self._fetch(sql, params))


async def write_changes(db: aiosqlite.Connection, changes: projections.Changes, *, mirrors: bool = True) -> None:
    """A page's rows: inserts, upserts, then updates, one executemany per table. `mirrors`
    False (a rebuild's shadow while it loads): the mirrors are left out; `finish_load` fills the
    only one, search's pending list, by indexing every search row (`schema.FLUSH_ALL`)."""
    for name, rows in changes.inserts.items():
        await db.executemany(schema.INSERT[name], rows)
        for mirror, n in schema.MIRROR.get(name, ()) if mirrors else ():
            await db.executemany(mirror, rows if n == len(rows[0]) else [r[:n] for r in rows])
    for name, rows in changes.upserts.items():
        await db.executemany(schema.UPSERT[name], rows)
    for u, rows in changes.updates.items():
        await db.executemany(schema.update(u), rows)


class SQLiteRebuilds(ProjectionStore):
    """The rebuild half of SQLiteProjectionStore (which provides what is declared here)."""

    path: str
    bulk: bool
    _w: aiosqlite.Connection | None
    _writing: asyncio.Lock
    _gate: Gate
    _loading: asyncio.Future | None
    _loaded: dict
    _load_over: bool
    _stale: set[str]

    @property
    def shadow_path(self) -> str:
        return self.path + ".shadow"

    async def _connect(self) -> None: ...

    async def _close_connections(self) -> None: ...

    async def _write_page(self, changes: projections.Changes, last) -> None:
        """(A shadow) one page's rows and checkpoint, in one transaction."""
        db = self._w
        await db.execute("BEGIN IMMEDIATE")
        try:
            await write_changes(db, changes, mirrors=self._load_over)
            await db.execute(schema.SET_CHECKPOINT, (last.position, last.time))
            await db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                await asyncio.shield(db.execute("ROLLBACK"))
            raise

    async def _loaded_all(self) -> None:
        """(A shadow) until the page in flight is in; its failure is raised here."""
        loading, self._loading = self._loading, None
        if loading is not None:
            await loading

    async def _load_page(self, records: list) -> Checkpoint:
        """(A shadow) this page's changes are made on the event loop while the previous page's
        rows go in on the connection's thread; then this page's rows go in, in the background.
        The state reads see the file without the page in flight, whose versions are at hand;
        the organisations' (after `finish_load`: they read rows) wait for it to be in."""
        last = records[-1]
        async with self._writing:
            changes = await projections.page_changes(records, ConnReader(self._w.execute_fetchall), self._loaded,
                                                     loading=not self._load_over, settle=self._loaded_all)
            self._stale |= changes.stale
            await self._loaded_all()
            self._loaded = changes.versions
            self._loading = asyncio.ensure_future(self._write_page(changes, last))
        return Checkpoint(last.position, last.time)

    async def create_shadow(self) -> SQLiteRebuilds:
        schema.remove(self.shadow_path)
        shadow = type(self)(self.shadow_path, bulk=True)
        await shadow.open()
        return shadow

    async def finish_load(self) -> None:
        await self._loaded_all()
        for sql in schema.FLUSH_ALL:  # every full-text row, indexed in one go (search.py)
            await self._w.execute(sql)
        self._load_over = True  # from here on (the catch-up before a swap) pages list theirs as pending
        for sql in schema.indexes():
            await self._w.execute(sql)
        if self._stale:  # the organisations' extremes that the load could not keep (organisations.py)
            stale, self._stale = self._stale, set()
            await write_changes(self._w, await organisations.refresh(ConnReader(self._w.execute_fetchall), stale))
        await self._w.execute("PRAGMA analysis_limit=1000")  # statistics from a sample: seconds less at 1M rows
        await self._w.execute("ANALYZE")  # (the live store adds the pending list's when it opens the file)

    async def _seal(self) -> None:
        """(Shadow) close and fsync: from here on the file is complete on disk."""
        if self._w is not None:
            await self.close()
            unsynced.fsync_path(self.path)

    async def discard(self) -> None:
        await self.close()
        schema.remove(self.path)

    async def diff(self, shadow: ProjectionStore) -> dict[str, int]:
        assert isinstance(shadow, SQLiteRebuilds)
        await shadow._seal()
        async with self._gate.shared(), self._writing:
            await self._w.execute("ATTACH DATABASE ? AS shadow", (shadow.path,))
            try:
                ((added, removed, changed),) = await self._w.execute_fetchall(schema.diff_sql())
            finally:
                await self._w.execute("DETACH DATABASE shadow")
        return {"added": added, "removed": removed, "changed": changed}

    async def swap(self, shadow: ProjectionStore) -> Checkpoint:
        assert isinstance(shadow, SQLiteRebuilds)
        await shadow._seal()
        async with self._gate.exclusive():  # no read or write in flight: every connection may close
            await self._w.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await self._close_connections()
            try:
                await asyncio.to_thread(schema.replace, shadow.path, self.path)
            finally:  # a failed replace leaves the old file whole: serve it again
                await self._connect()
        return await self.checkpoint()
