"""Rebuilds on PostgreSQL: a shadow schema, loaded beside the live one, then swapped in.

The shadow `coopline_shadow_<id>` gets the projections' tables without the indexes that only
reads need, and is loaded with `synchronous_commit=off` (a crash before the swap throws it
away anyway; the swap's own commit is durable and flushes the WAL written before it); the
indexes come after the load. Swapping renames `coopline_query` to `coopline_retired_<id>`
and the shadow to `coopline_query` in one transaction: until it commits, every reader on
every replica keeps answering from the old schema; statements after it resolve the same names
in the new one (cached plans are re-planned, as the search path now names another schema).
The retired schema is dropped once the reads still on it finish.

Across replicas, REBUILD_LOCK, held for the job's life on a connection of its own, keeps jobs
one at a time; WRITE_LOCK taken exclusively on that same connection pauses the leader (whose
every write transaction takes it shared) while the job catches up to the live checkpoint,
compares and swaps — and the diff and the swap run on that connection, so if its session
dies, the pause and the swap go together. Shadow or retired schemas found while no job holds
REBUILD_LOCK are leftovers of a crash: dropped at start and when a job begins.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid

import asyncpg
import structlog

from services.query.store.base import Checkpoint, ProjectionStore
from services.query.store.postgres_schema import LIVE, indexes, quote, tables

log = structlog.get_logger()
WRITE_LOCK = 0x636F6F70717772    # "coopqwr": the leader's writes (shared) vs a rebuild's swap (exclusive)
REBUILD_LOCK = 0x636F6F70717262  # "coopqrb": one rebuild job at a time, across replicas
SHADOW, RETIRED = "coopline_shadow_", "coopline_retired_"


async def drop_leftovers(conn: asyncpg.Connection) -> None:
    """(Holding REBUILD_LOCK) drop every shadow and retired schema: no job is using them."""
    rows = await conn.fetch("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) OR starts_with(nspname, $2)",
                            SHADOW, RETIRED)
    for (name,) in rows:
        await conn.execute(f"DROP SCHEMA IF EXISTS {quote(name)} CASCADE")
        log.info("rebuild_leftover_dropped", schema=name)


class PostgresRebuilds(ProjectionStore):
    """The rebuild half of PostgresProjectionStore (which provides what is declared here)."""

    url: str
    schema: str
    _pool: asyncpg.Pool | None
    _rebuild: asyncpg.Connection | None  # holds REBUILD_LOCK while a job runs in this process
    _claiming: bool

    async def _connect(self, **settings: str) -> asyncpg.Connection: ...

    _load_over: bool

    async def claim_rebuild(self) -> bool:
        if self._rebuild is not None or self._claiming:
            return False
        self._claiming = True
        try:
            conn = await self._connect()
            try:
                if not await conn.fetchval("SELECT pg_try_advisory_lock($1)", REBUILD_LOCK):
                    await conn.close()
                    return False
                await drop_leftovers(conn)  # of jobs that crashed on any replica
            except BaseException:
                conn.terminate()
                raise
            self._rebuild = conn
            return True
        finally:
            self._claiming = False

    async def release_rebuild(self) -> None:
        conn, self._rebuild = self._rebuild, None
        if conn is not None:  # closing the session releases REBUILD_LOCK (and WRITE_LOCK, if held)
            try:
                await asyncio.wait_for(conn.close(), 10)
            except Exception:
                conn.terminate()

    @contextlib.asynccontextmanager
    async def writers_paused(self):
        conn = self._rebuild
        if conn is None:
            raise RuntimeError("writers_paused() needs the rebuild slot (claim_rebuild)")
        await conn.execute("SELECT pg_advisory_lock($1)", WRITE_LOCK, timeout=120)  # waits out the write in flight
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                await conn.execute("SELECT pg_advisory_unlock($1)", WRITE_LOCK)

    # -- rebuilds ------------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def _admin(self):
        """The rebuild's connection while it holds the pause (if the session dies, so does the
        swap); otherwise a pooled one."""
        if self._rebuild is not None:
            yield self._rebuild
        else:
            async with self._pool.acquire() as conn:
                yield conn

    async def create_shadow(self) -> ProjectionStore:
        name = SHADOW + uuid.uuid4().hex[:16]
        async with self._admin() as conn, conn.transaction():
            await conn.execute(f"CREATE SCHEMA {name}")
            await conn.execute(f"SET LOCAL search_path TO {name}")
            for sql in tables(with_indexes=False):
                await conn.execute(sql)
        shadow = type(self)(self.url, schema=name, pool_size=2)
        await shadow.open()
        return shadow

    async def _refresh_stale(self, conn: asyncpg.Connection) -> None: ...

    async def finish_load(self) -> None:
        async with self._pool.acquire() as conn:
            for sql in indexes():
                await conn.execute(sql)
            await self._refresh_stale(conn)  # the organisations' extremes the load could not keep
            await conn.execute("ANALYZE")
        self._load_over = True

    async def discard(self) -> None:
        await self.close()
        conn = await asyncpg.connect(self.url, timeout=10)
        try:
            await conn.execute(f"DROP SCHEMA IF EXISTS {quote(self.schema)} CASCADE")
        finally:
            await conn.close()

    async def diff(self, shadow: ProjectionStore) -> dict[str, int]:
        assert isinstance(shadow, PostgresRebuilds)
        cur, m, s = "valid_to IS NULL", f"{LIVE}.event_versions", f"{quote(shadow.schema)}.event_versions"
        async with self._admin() as conn:
            row = await conn.fetchrow(
                f"SELECT (SELECT count(*) FROM {s} s WHERE s.{cur} AND NOT EXISTS "
                f"   (SELECT 1 FROM {m} m WHERE m.id = s.id)), "
                f" (SELECT count(*) FROM {m} m WHERE m.{cur} AND NOT EXISTS "
                f"   (SELECT 1 FROM {s} s WHERE s.id = m.id)), "
                f" (SELECT count(*) FROM {m} m JOIN {s} s ON s.id = m.id AND s.{cur} WHERE m.{cur} "
                f"   AND (m.version <> s.version OR m.retracted <> s.retracted "
                f"   OR m.first_position <> s.first_position OR m.doc <> s.doc))")
        return {"added": row[0], "removed": row[1], "changed": row[2]}

    async def swap(self, shadow: ProjectionStore) -> Checkpoint:
        assert isinstance(shadow, PostgresRebuilds)
        await shadow.close()
        new, retired = quote(shadow.schema), quote(RETIRED + shadow.schema.removeprefix(SHADOW))
        async with self._admin() as conn:
            async with conn.transaction():
                live = await conn.fetchval(f"SELECT position FROM {LIVE}.checkpoint")
                behind = await conn.fetchval(f"SELECT position FROM {new}.checkpoint")
                if behind < live:  # records applied live would be lost: the caller pauses writers first
                    raise RuntimeError(f"the shadow is at position {behind}, behind the live copy at {live}")
                await conn.execute(f"ALTER SCHEMA {LIVE} RENAME TO {retired}")
                await conn.execute(f"ALTER SCHEMA {new} RENAME TO {LIVE}")
            # Readers still on the old tables finish first; a crash here leaves a leftover.
            await conn.execute(f"DROP SCHEMA {retired} CASCADE")
        return await self.checkpoint()
