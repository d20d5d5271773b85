"""The projections' SQL as PostgreSQL runs it, and the query side's schema migrations.

The projection modules write one dialect (SQLite's, with `?` placeholders), and it stays
shared: queries only have their placeholders numbered (`$1, $2…`). Table definitions differ
in types alone: INTEGER becomes BIGINT (positions outgrow 32 bits), BLOB becomes BYTEA, and
SQLite's storage hint `WITHOUT ROWID` is dropped.

Every projection table lives in one schema, `coopline_query`, which the store's connections
put on their `search_path`: the SQL names tables unqualified, and a rebuild can swap a whole
new schema in under the same name (see postgres.py).
"""

from __future__ import annotations

import functools
import re

import asyncpg
import structlog

from services.query import projections

log = structlog.get_logger()
LIVE = "coopline_query"
COMPONENT = "query"
MIGRATE_LOCK = 0x636F6F70716D69  # "coopqmi": one process migrates at a time (ingest's is "coopmig")
_TYPES = [(re.compile(r"\bINTEGER\b"), "BIGINT"), (re.compile(r"\bBLOB\b"), "BYTEA"),
          (re.compile(r"\s*\bWITHOUT ROWID\b"), "")]
CHECKPOINT_TABLE = ("CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), "
                    "position BIGINT NOT NULL, time TEXT NOT NULL)")
SET_CHECKPOINT = "UPDATE checkpoint SET position = $1, time = $2 WHERE id = 1"


@functools.lru_cache(maxsize=2048)
def params(sql: str) -> str:
    """`?` → `$n`, outside string literals (the projections' SQL has no other use for `?`)."""
    parts = sql.split("'")
    n = 0
    for i in range(0, len(parts), 2):
        pieces = parts[i].split("?")
        out = [pieces[0]]
        for piece in pieces[1:]:
            n += 1
            out.append(f"${n}{piece}")
        parts[i] = "".join(out)
    return "'".join(parts)


_PLAIN_INSERT = re.compile(r"^INSERT INTO (\w+) VALUES \(((?:\?|NULL)(?:, (?:\?|NULL))*)\)$")


@functools.lru_cache(maxsize=64)
def copy_plan(sql: str) -> tuple[str, tuple[int, ...]] | None:
    """For `INSERT INTO t VALUES (?, NULL, ?…)`: the table and where the NULLs go, so that
    many rows can be sent with COPY instead; None for any other statement."""
    m = _PLAIN_INSERT.match(sql)
    if m is None:
        return None
    values = m.group(2).split(", ")
    return m.group(1), tuple(i for i, v in enumerate(values) if v == "NULL")


def ddl(sql: str) -> str:
    for pattern, replacement in _TYPES:
        sql = pattern.sub(replacement, sql)
    return sql


def tables(with_indexes: bool) -> list[str]:
    """The checkpoint and every projection's tables (and, unless bulk loading, indexes)."""
    return [CHECKPOINT_TABLE, *map(ddl, projections.TABLES), *(map(ddl, projections.INDEXES) if with_indexes else ()),
            "INSERT INTO checkpoint VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING"]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# Each version: statements run in `coopline_query` (on the search_path). A later change to a
# projection's tables is a new version here *and* the new definition in the projection module
# (which rebuilds use for their shadow schema); or a version that empties the schema so that
# the leader replays the log into it.
MIGRATIONS: list[list[str]] = [
    tables(with_indexes=True),
]


async def migrate(conn: asyncpg.Connection) -> None:
    """Apply the versions not yet in `coopline_schema`, in one transaction under a lock.

    Replicas starting together queue on the lock; later ones find everything applied, so
    running this twice (or on every start) is safe. `coopline_schema` is shared with the
    ingest side when both use one database, told apart by `component`.
    """
    meta = f"{quote(await conn.fetchval('SELECT coalesce(current_schema(), $1)', 'public'))}.coopline_schema"
    for attempt in (1, 2):
        try:
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATE_LOCK)
                await conn.execute(f"""CREATE TABLE IF NOT EXISTS {meta} (
                    component TEXT NOT NULL, version INTEGER NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (component, version))""")
                done = {r[0] for r in await conn.fetch(f"SELECT version FROM {meta} WHERE component = $1", COMPONENT)}
                for version, statements in enumerate(MIGRATIONS, start=1):
                    if version in done:
                        continue
                    await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {LIVE}")
                    await conn.execute(f"SET LOCAL search_path TO {LIVE}")
                    for sql in statements:
                        await conn.execute(sql)
                    await conn.execute(f"INSERT INTO {meta} (component, version) VALUES ($1, $2)", COMPONENT, version)
                    log.info("schema_migrated", component=COMPONENT, version=version)
            return
        except (asyncpg.UniqueViolationError, asyncpg.DuplicateTableError):
            # The ingest side (another lock) created coopline_schema at the same moment.
            if attempt == 2:
                raise
