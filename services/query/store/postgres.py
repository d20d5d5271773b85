"""The projection store on PostgreSQL (asyncpg), shared by any number of query replicas.

The live projections and their checkpoint live in the schema `coopline_query`, which every
connection puts on its `search_path` (postgres_sql.py runs the projections' SQL there).

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

from services.query.store.base import Checkpoint, Reader, Tx, Unavailable
from services.query.store.postgres_leader import CHANNEL, Leadership
from services.query.store.postgres_rebuild import (
    REBUILD_LOCK,
    WRITE_LOCK,
    PostgresRebuilds,
    drop_leftovers,
)
from services.query.store.postgres_sql import (
    LIVE,
    SET_CHECKPOINT,
    copy_plan,
    migrate,
    params,
)

log = structlog.get_logger()
COPY_ROWS = 64  # inserts of this many rows or more go by COPY
_DOWN = (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.PostgresConnectionError,
         asyncpg.OperatorInterventionError, asyncpg.InvalidCatalogNameError, asyncpg.InternalClientError)


def _with_nulls(row: tuple, nulls: tuple[int, ...]) -> tuple:
    out = list(row)
    for i in nulls:
        out.insert(i, None)
    return tuple(out)


class _Reader(Reader):
    def __init__(self, conn: asyncpg.Connection):
        self.conn = conn

    async def fetchall(self, sql: str, params_: tuple | list = ()) -> list[tuple]:
        return [tuple(r) for r in await self.conn.fetch(params(sql), *params_)]


class _PoolReader(_Reader):
    async def fetchall(self, sql: str, params_: tuple | list = ()) -> list[tuple]:
        try:
            return await super().fetchall(sql, params_)
        except _DOWN as exc:
            raise Unavailable(f"the projection store cannot be read now ({exc}); retry shortly") from None


class _Tx(_Reader, Tx):
    def __init__(self, conn: asyncpg.Connection):
        super().__init__(conn)
        self._inserts: dict[str, list[tuple]] = {}
        self._updates: dict[str, list[tuple]] = {}
        self._checkpoint: Checkpoint | None = None

    def insert(self, sql: str, row: tuple) -> None:
        self._inserts.setdefault(sql, []).append(row)

    def update(self, sql: str, params_: tuple) -> None:
        self._updates.setdefault(sql, []).append(params_)

    def set_checkpoint(self, checkpoint: Checkpoint) -> None:
        self._checkpoint = checkpoint

    async def flush(self, notify: bool) -> None:
        for sql, rows in self._inserts.items():
            plan = copy_plan(sql) if len(rows) >= COPY_ROWS else None
            if plan is None:
                await self.conn.executemany(params(sql), rows)
                continue
            table, nulls = plan
            if nulls:
                rows = [_with_nulls(row, nulls) for row in rows]
            await self.conn.copy_records_to_table(table, records=rows)  # a bulk load: several times faster
        for sql, rows in self._updates.items():
            await self.conn.executemany(params(sql), rows)
        if (cp := self._checkpoint) is not None:
            await self.conn.execute(SET_CHECKPOINT, cp.position, cp.time)
            if notify:  # delivered at commit
                await self.conn.execute("SELECT pg_notify($1, $2)", CHANNEL, f"{cp.position} {cp.time}")


class PostgresProjectionStore(PostgresRebuilds):
    def __init__(self, url: str, *, schema: str = LIVE, pool_size: int = 10):
        self.url, self.schema, self.pool_size = url, schema, pool_size
        self.bulk = schema != LIVE  # a shadow: loaded in bulk, never led
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

    async def checkpoint(self) -> Checkpoint:
        async with self.reading() as db:
            row = await db.fetchone("SELECT position, time FROM checkpoint WHERE id = 1")
        return Checkpoint(*row) if row else Checkpoint(0, "")

    @contextlib.asynccontextmanager
    async def transaction(self):
        if self.bulk:
            async with self._pool.acquire() as conn, conn.transaction():
                tx = _Tx(conn)
                yield tx
                await tx.flush(notify=False)
            return
        async with self._leader.writing() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock_shared($1)", WRITE_LOCK)  # first: a swap may be under way
            tx = _Tx(conn)
            yield tx
            await tx.flush(notify=True)

    @contextlib.asynccontextmanager
    async def reading(self):
        if self._pool is None:
            raise Unavailable("the projection store is closed")
        try:
            conn = await self._pool.acquire(timeout=10)
        except _DOWN as exc:
            raise Unavailable(f"the projection store cannot be reached ({exc}); retry shortly") from None
        try:
            yield _PoolReader(conn)
        finally:
            with contextlib.suppress(Exception):
                await self._pool.release(conn)

    # -- several replicas --------------------------------------------------------------------
    @property
    def leading(self) -> bool:
        return self.bulk or (self._leader is not None and self._leader.leading)

    async def standby(self, known: Checkpoint, timeout: float) -> Checkpoint:
        return await self._leader.wait(known, timeout)
