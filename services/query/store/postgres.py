"""The projection store on PostgreSQL (asyncpg), shared by any number of query replicas.

The live projections and their checkpoint live in the schema `coopline_query`, which every
connection puts on its `search_path` (postgres_schema.py).

Writes: exactly one replica leads (postgres_leader.py) and writes, on the connection that
holds the leader lock. Each write transaction first takes WRITE_LOCK shared (a rebuild's swap
takes it exclusively, see postgres_rebuild.py), then writes the rows and the checkpoint, and
queues `pg_notify('coopline_projections', '<position> <time>')`: the other replicas take it
as their `applied` position, so `min_position` waits answer on every one of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket

import asyncpg
import structlog

from services.query import projections
from services.query.projections import organisations
from services.query.projections.schema import insert_sql
from services.query.store.base import Checkpoint, Reader, Unavailable
from services.query.store.postgres_leader import CHANNEL, Leadership
from services.query.store.postgres_rebuild import (
    REBUILD_LOCK,
    WRITE_LOCK,
    PostgresRebuilds,
    drop_leftovers,
)
from services.query.store.postgres_schema import (
    LIVE,
    SET_CHECKPOINT,
    TABLES,
    UPSERT,
    migrate,
    update,
)

log = structlog.get_logger()
COPY_ROWS = 64  # inserts of this many rows or more go by COPY (a bulk load: several times faster)
_DOWN = (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.PostgresConnectionError,
         asyncpg.OperatorInterventionError, asyncpg.InvalidCatalogNameError, asyncpg.InternalClientError)


class _Conn(Reader):
    dialect, numbered = "postgresql", True

    def __init__(self, conn: asyncpg.Connection, down_is_unavailable: bool = False):
        self.conn, self._down = conn, down_is_unavailable

    async def fetchall(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        try:
            return [tuple(r) for r in await self.conn.fetch(sql, *params)]
        except _DOWN as exc:
            if not self._down:
                raise
            raise Unavailable(f"the projection store cannot be read now ({exc}); retry shortly") from None


async def write_page(conn: asyncpg.Connection, records: list, notify: bool,
                     loading: bool = False) -> tuple[Checkpoint, set[str]]:
    """(In a transaction) a page's rows — inserts (COPY when many), upserts, updates — and the
    checkpoint; with `notify`, the new checkpoint to the other replicas at commit. `loading`:
    a shadow before `finish_load` (see `page_changes`). Returns the checkpoint and the changes'
    `stale` organisations."""
    changes = await projections.page_changes(records, _Conn(conn), loading=loading)
    await write_changes(conn, changes)
    last = records[-1]
    await conn.execute(SET_CHECKPOINT, last.position, last.time)
    if notify:  # delivered at commit
        await conn.execute("SELECT pg_notify($1, $2)", CHANNEL, f"{last.position} {last.time}")
    return Checkpoint(last.position, last.time), changes.stale


async def write_changes(conn: asyncpg.Connection, changes: projections.Changes) -> None:
    for name, rows in changes.inserts.items():
        table = TABLES[name]
        if len(rows) >= COPY_ROWS:
            await conn.copy_records_to_table(name, records=rows, columns=table.names)
        else:
            await conn.executemany(insert_sql(table, True), rows)
    for name, rows in changes.upserts.items():
        await conn.executemany(UPSERT[name], rows)
    for u, rows in changes.updates.items():
        await conn.executemany(update(u), rows)


class PostgresProjectionStore(PostgresRebuilds):
    def __init__(self, url: str, *, schema: str = LIVE, pool_size: int = 10):
        self.url, self.schema, self.pool_size = url, schema, pool_size
        self.bulk = schema != LIVE  # a shadow: loaded in bulk, never led
        self._load_over = not self.bulk  # (a shadow) finish_load ran: its pages read state as the live ones do
        self._stale: set[str] = set()  # (a shadow) organisations whose kept extremes finish_load refreshes
        self._pool: asyncpg.Pool | None = None
        self._leader: Leadership | None = None
        self._rebuild: asyncpg.Connection | None = None  # holds REBUILD_LOCK while a job runs here
        self._claiming = False

    def _settings(self) -> dict[str, str]:
        out = {"search_path": self.schema, "application_name": "coopline-query",
               "idle_in_transaction_session_timeout": "60s"}
        if self.bulk:
            out["synchronous_commit"] = "off"
        return out

    async def _connect(self, **settings: str) -> asyncpg.Connection:
        return await asyncpg.connect(self.url, timeout=10, command_timeout=60,
                                     server_settings={**self._settings(), **settings})

    async def _connect_leader(self) -> asyncpg.Connection:
        conn = await self._connect(tcp_keepalives_idle="5", tcp_keepalives_interval="2", tcp_keepalives_count="3")
        if conn.get_server_version().major >= 14:  # a frozen leader's session ends, and its lock with it
            await conn.execute("SET idle_session_timeout = '10s'")
        return conn

    async def open(self) -> Checkpoint:
        if not self.bulk:
            conn = await asyncpg.connect(self.url, timeout=10, server_settings={"application_name": "coopline-query"})
            try:
                await migrate(conn)
                if await conn.fetchval("SELECT pg_try_advisory_lock($1)", REBUILD_LOCK):  # else a job is running
                    await drop_leftovers(conn)
            finally:
                await conn.close()
        self._pool = await asyncpg.create_pool(self.url, min_size=1, max_size=self.pool_size, timeout=10,
                                               command_timeout=60, server_settings=self._settings())
        if not self.bulk:
            self._leader = Leadership(self._connect_leader, name=f"{socket.gethostname()}:{os.getpid()}")
            try:
                await self._leader.start()
            except BaseException:
                await self.close()
                raise
        return await self.checkpoint()

    async def close(self) -> None:
        await self.release_rebuild()
        if self._leader is not None:
            await self._leader.stop()
            self._leader = None
        if self._pool is not None:
            pool, self._pool = self._pool, None
            try:
                await asyncio.wait_for(pool.close(), 10)
            except Exception:  # a connection that will not close must not block shutdown
                pool.terminate()

    async def _refresh_stale(self, conn: asyncpg.Connection) -> None:
        if self._stale:
            stale, self._stale = self._stale, set()
            async with conn.transaction():
                await write_changes(conn, await organisations.refresh(_Conn(conn), stale))

    async def checkpoint(self) -> Checkpoint:
        async with self.reading() as db:
            row = await db.fetchone("SELECT position, time FROM checkpoint WHERE id = 1")
        return Checkpoint(*row) if row else Checkpoint(0, "")

    async def apply_page(self, records: list) -> Checkpoint:
        if self.bulk:
            async with self._pool.acquire() as conn, conn.transaction():
                done, stale = await write_page(conn, records, notify=False, loading=not self._load_over)
            self._stale |= stale
            return done
        async with self._leader.writing() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock_shared($1)", WRITE_LOCK)  # first: a swap may be under way
            return (await write_page(conn, records, notify=True))[0]

    @contextlib.asynccontextmanager
    async def reading(self):
        if self._pool is None:
            raise Unavailable("the projection store is closed")
        try:
            conn = await self._pool.acquire(timeout=10)
        except _DOWN as exc:
            raise Unavailable(f"the projection store cannot be reached ({exc}); retry shortly") from None
        try:
            yield _Conn(conn, down_is_unavailable=True)
        finally:
            with contextlib.suppress(Exception):
                await self._pool.release(conn)

    # -- several replicas --------------------------------------------------------------------
    @property
    def leading(self) -> bool:
        return self.bulk or (self._leader is not None and self._leader.leading)

    async def standby(self, known: Checkpoint, timeout: float) -> Checkpoint:
        return await self._leader.wait(known, timeout)
