"""The projections' tables as PostgreSQL has them, and the query side's schema migrations.

Every projection table lives in one schema, `coopline_query`, which the store's connections
put on their `search_path`: the SQL names tables unqualified, and a rebuild can swap a whole
new schema in under the same name (see postgres_rebuild.py).
"""

from __future__ import annotations

import asyncpg
import structlog

from services.query import projections
from services.query.projections.schema import Table, create_sql, update_sql, upsert_sql

log = structlog.get_logger()
LIVE = "coopline_query"
COMPONENT = "query"
MIGRATE_LOCK = 0x636F6F70716D69  # "coopqmi": one process migrates at a time (ingest's is "coopmig")
TYPES = {"int": "BIGINT", "text": "TEXT", "bytes": "BYTEA"}
CHECKPOINT_TABLE = ("CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), "
                    "position BIGINT NOT NULL, time TEXT NOT NULL)")
SET_CHECKPOINT = "UPDATE checkpoint SET position = $1, time = $2 WHERE id = 1"
TABLES: dict[str, Table] = {t.name: t for t in projections.TABLES}
UPSERT = {name: upsert_sql(t, True) for name, t in TABLES.items()}


def update(u) -> str:
    return update_sql(u, True)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def indexes() -> list[str]:
    return [sql for t in TABLES.values() for sql in (*t.indexes, *t.extra.get("postgresql", ()))]


def tables(with_indexes: bool) -> list[str]:
    """The checkpoint and every projection's tables (and, unless bulk loading, indexes)."""
    return [CHECKPOINT_TABLE, *(create_sql(t, TYPES) for t in TABLES.values()),
            *(sql for t in TABLES.values() for sql in t.load_indexes), *(indexes() if with_indexes else ()),
            "INSERT INTO checkpoint VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING"]


# Each version: statements run in `coopline_query` (on the search_path). A change to a
# projection's tables is a new version that empties the schema and creates the tables anew, so
# that the leader replays the log into them (a rebuild uses the projection modules' tables).
_RESET = [f"DROP SCHEMA {LIVE} CASCADE", f"CREATE SCHEMA {LIVE}"]
MIGRATIONS: list[list[str]] = [
    [],                                   # 1: the first edition's tables, replaced by 2
    [*_RESET, *tables(with_indexes=True)],  # 2: open starts (start_key), the tables declared once
    [*_RESET, *tables(with_indexes=True)],  # 3: search (event_search, pg_trgm), organisations (event_orgs), releases
    # 4: search results in order (no replay: an index of the rows there are)
    ["CREATE INDEX IF NOT EXISTS event_versions_order ON event_versions ((coalesce(start, '')), first_position, valid_to)"],
    [*_RESET, *tables(with_indexes=True)],  # 5: org_counts (the organisations' counts at the head): replayed
    # 6: the organisations' reads walk indexes (event_orgs.last_key and .form, org_forms): replayed
    [*_RESET, *tables(with_indexes=True)],
    # 7: the organisations' `last` and forms' first and latest kept at the head (org_counts,
    # org_forms), two indexes of event_orgs fewer: replayed
    [*_RESET, *tables(with_indexes=True)],
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
