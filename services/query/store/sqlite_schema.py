"""The SQLite projection file: its pragmas, tables and indexes, and the file operations of a
rebuild (diff against a shadow, replace by it), as plain statements the store runs.

Tables whose key is not a single integer are `WITHOUT ROWID` (the rows are their key: one
b-tree, written in key order while loading). Rebuilds load a shadow file (`<path>.shadow`)
with journaling and syncing off and the secondary indexes left for the end.
"""

from __future__ import annotations

import contextlib
import os

from services.query import projections
from services.query.projections import search
from services.query.projections.schema import Table, create_sql, insert_sql, update_sql, upsert_sql
from services.query.store import unsynced

SCHEMA_VERSION = 9  # bump when a projection's tables change: old files are dropped and rebuilt
# 2: country_spans replaced the event_countries_years index; 3: open starts (start_key)
# 4: search (event_search, event_search_fts), organisations (event_orgs), releases
# 5: event_search_fts holds the text without the title, event_title_fts the title; event_versions_order
# 6: event_search_pending (full-text rows indexed in bulk), org_counts
# 7: event_orgs.last_key and .form with their indexes, org_forms
# 8: the full-text tables contentless
# 9: event_orgs_last and event_orgs_form dropped; org_counts.last_key, .at_last, org_forms.first_vid, .latest_vid
TYPES = {"int": "INTEGER", "text": "TEXT", "bytes": "BLOB"}
CHECKPOINT_TABLE = ("CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), "
                    "position INTEGER NOT NULL, time TEXT NOT NULL)")
SET_CHECKPOINT = ("INSERT INTO checkpoint VALUES (1, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET position = excluded.position, time = excluded.time")
SUFFIXES = ("", "-journal", "-wal", "-shm")
# The shadow: no journal, no fsync until sealed; a bounded page cache, and sorts for the index
# builds spill to temporary files instead of growing the process (RSS stays flat with the log).
BULK_PRAGMAS = ("journal_mode=OFF", "synchronous=OFF", "cache_size=-32768", "temp_store=FILE",
                "locking_mode=EXCLUSIVE")
# The live file: `synchronous=OFF` where a boot id guards it (`unsynced.py`), NORMAL elsewhere.
# The writer's page cache holds the hot parts of the indexes that rows land in at random places
# (the countries', organisations' and search order indexes): 64 MiB. At a million events a page
# of 5,000 dirties ≈ 25,000 of their leaves; with 32 MiB a catch-up page spilled and read them
# back (≈ 10–20 % more CPU per event; bench/README.md, "at a million events"); the default 2 MiB far more.
# Live pages of 50 gain nothing from more (their leaves are new to each page either way).
LIVE_PRAGMAS = ("journal_mode=WAL", "busy_timeout=10000", "cache_size=-65536")
# Each reader's page cache: 16 MiB, not the default 2 MiB. A search walks a few hundred of the
# newest versions and their search rows, one page each, at random places in the file: with 2 MiB
# the same pages were read again from the OS on every request (CPU per search ×1.7–2 at 1M events,
# bench/README.md). Two readers (sqlite.READERS): at most 32 MiB more.
READER_PRAGMAS = ("busy_timeout=10000", "cache_size=-16384")
# Rows of a page, as SQL: one statement per table (run with executemany).
TABLES: dict[str, Table] = {t.name: t for t in projections.TABLES}
INSERT = {name: insert_sql(t, False) for name, t in TABLES.items()}
# Each table's copy in a structure of SQLite's own (a full-text index), inserted with its rows.
MIRROR = {name: [(insert, n) for _, insert, n in t.mirror["sqlite"]] for name, t in TABLES.items() if "sqlite" in t.mirror}
# A shadow loads without mirrors and `finish_load` makes up for search's alone (FLUSH_ALL): a
# new mirror needs its own statement there.
assert set(MIRROR) == {"event_search"}, "a mirror that finish_load does not fill"
# The full-text rows pending (search.py): their count, and the statements that index them.
PENDING = "SELECT count(*) FROM event_search_pending"
# The pending list's size for the planner, written by the live store when it opens a file to
# which `ANALYZE` gave statistics (a rebuild's `finish_load`: every swap reopens the file). ANALYZE
# sees the list empty and writes nothing for it; SQLite then takes it for a table of about a
# million rows and, having statistics, checks the search rows against it through a Bloom filter
# built by reading every search row: 150 ms for each search or `q` filter while a row was pending
# at a million events (bench/README.md, "Search after a rebuild"). At most `search.FLUSH_AT`
# rows are pending.
HAS_STATISTICS = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
PENDING_STATISTICS = ("DELETE FROM sqlite_stat1 WHERE tbl = 'event_search_pending'",  # (no key: not a REPLACE)
                      f"INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('event_search_pending', NULL, '{search.FLUSH_AT}')")
FLUSH = search.FLUSH["sqlite"]
FLUSH_ALL = search.FLUSH_ALL["sqlite"]
UPSERT = {name: upsert_sql(t, False) for name, t in TABLES.items()}


def update(u) -> str:
    return update_sql(u, False)


def _create(t: Table) -> str:
    single_int = len(t.key) == 1 and dict(t.columns)[t.key[0]] == "int"
    return create_sql(t, TYPES, "" if single_int else " WITHOUT ROWID")


def tables() -> list[str]:
    """The checkpoint and every projection's tables, with the indexes a load needs."""
    return [CHECKPOINT_TABLE, *(_create(t) for t in TABLES.values()),
            *(create for t in TABLES.values() for create, _, _ in t.mirror.get("sqlite", ())), *search.FTS["sqlite"],
            *(sql for t in TABLES.values() for sql in t.load_indexes)]


def indexes() -> list[str]:
    """The secondary indexes (built after a bulk load, or with the tables of a live file)."""
    return [sql for t in TABLES.values() for sql in (*t.indexes, *t.extra.get("sqlite", ()))]


def diff_sql() -> str:
    """{added, removed, changed} between `main` and an attached `shadow`, by current version."""
    cur = "valid_to IS NULL"
    return (f"SELECT (SELECT count(*) FROM shadow.event_versions s WHERE s.{cur} AND NOT EXISTS "
            f"   (SELECT 1 FROM main.event_versions m WHERE m.id = s.id)), "
            f" (SELECT count(*) FROM main.event_versions m WHERE m.{cur} AND NOT EXISTS "
            f"   (SELECT 1 FROM shadow.event_versions s WHERE s.id = m.id)), "
            f" (SELECT count(*) FROM main.event_versions m JOIN shadow.event_versions s "
            f"   ON s.id = m.id AND s.{cur} WHERE m.{cur} AND (m.version <> s.version "
            f"   OR m.retracted <> s.retracted OR m.first_position <> s.first_position OR m.doc <> s.doc))")


def remove(path: str) -> None:
    for suffix in SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)


def replace(shadow_path: str, path: str) -> None:
    """(Every connection closed) the shadow file in place of the live one, durably."""
    for suffix in ("-wal", "-shm"):  # empty after the checkpoint; must not meet the new file
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)
    os.replace(shadow_path, path)
    unsynced.fsync_path(os.path.dirname(path) or ".")
