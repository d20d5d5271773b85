"""The SQLite projection file's schema and settings: a file of another schema version (e.g. 1,
before `country_spans`) is dropped on open and rebuilt from the log; the full-text tables'
settings in live files and shadows, and their segments after a rebuild; what the planner is told
after a rebuild's `ANALYZE`."""

from __future__ import annotations

import contextlib
import sqlite3

from services.query.projections import country_timeline, search
from services.query.projections.country_timeline import Filters
from services.query.store import sqlite as sqlite_store
from tests.contract.test_projection_store import feed, history, ids


def old_file(path: str) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE checkpoint (id INTEGER PRIMARY KEY, position INTEGER NOT NULL, time TEXT NOT NULL)")
    db.execute("INSERT INTO checkpoint VALUES (1, 41, '2026-01-01T00:00:00Z')")
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()


def tables_and_version(path: str) -> tuple[set[str], int]:
    db = sqlite3.connect(path)
    try:
        names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return names, db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


async def test_a_file_of_another_schema_is_dropped_and_refilled(tmp_path, capsys):
    path = str(tmp_path / "projections.db")
    old_file(path)
    store = sqlite_store.SQLiteProjectionStore(path)
    try:
        assert (await store.open()).position == 0  # not the old file's 41
        assert "projection_schema_changed" in capsys.readouterr().out
        await feed(store, history(3).records)
        assert len(await ids(store, 3)) == 3
    finally:
        await store.close()
    names, version = tables_and_version(path)
    assert version == sqlite_store.schema.SCHEMA_VERSION and {"country_spans", "event_search_fts", "releases"} <= names


def fts_settings(path: str) -> dict[str, dict[str, int]]:
    db = sqlite3.connect(path)
    try:
        return {t: dict(db.execute(f"SELECT k, v FROM {t}_config WHERE k IN ('automerge', 'crisismerge')").fetchall())
                for t in ("event_search_fts", "event_title_fts")}
    finally:
        db.close()


async def rebuilt(store: sqlite_store.SQLiteProjectionStore, records) -> None:
    """The store open and these records rebuilt into it: a shadow loaded, finished (`ANALYZE`
    included) and swapped in."""
    await store.open()
    shadow = await store.create_shadow()
    await feed(shadow, records)
    await shadow.finish_load()
    await store.swap(shadow)


def pending_statistics(path: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'event_search_pending'").fetchall()


async def test_the_full_text_tables_merge_16_segments_at_a_time_and_64_in_a_crisis_in_live_files_and_shadows(tmp_path):
    path = str(tmp_path / "projections.db")
    fresh = {t: {"automerge": 16, "crisismerge": 64} for t in ("event_search_fts", "event_title_fts")}
    # A file of this version made before the setting (FTS5's default, 4): set on open.
    db = sqlite3.connect(path)
    for t in fresh:
        db.execute(f"CREATE VIRTUAL TABLE {t} USING fts5({'title' if 'title' in t else 'body'}, tokenize='trigram')")
    db.execute(f"PRAGMA user_version={sqlite_store.schema.SCHEMA_VERSION}")
    db.commit()
    db.close()
    assert fts_settings(path) == {t: {} for t in fresh}
    store = sqlite_store.SQLiteProjectionStore(path)
    try:
        await store.open()
        assert fts_settings(path) == fresh
        shadow = await store.create_shadow()
        await feed(shadow, history(3).records)
        await shadow.finish_load()
        async with shadow.reading() as r:  # (the shadow's own connection: it holds its file exclusively)
            assert {t: dict(await r.fetchall(f"SELECT k, v FROM {t}_config WHERE k IN ('automerge', 'crisismerge')")) for t in fresh} == fresh
        await store.swap(shadow)
        assert fts_settings(path) == fresh
    finally:
        await store.close()


async def test_indexing_the_pending_full_text_rows_reads_the_pending_list_not_every_search_row(tmp_path):
    """After a rebuild's ANALYZE (which saw the pending list empty) the planner must still
    drive the flush from the pending rows: scanning `event_search` instead read the whole
    table at every flush."""
    path = str(tmp_path / "projections.db")
    store = sqlite_store.SQLiteProjectionStore(path)
    try:
        await rebuilt(store, history(30).records)
    finally:
        await store.close()
    db = sqlite3.connect(path)
    try:
        assert db.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'event_search'").fetchone()[0] == 1
        for sql in sqlite_store.schema.FLUSH[:2]:
            plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
            assert plan[0] == "SCAN q" and not any(step.startswith("SCAN s") for step in plan), plan
    finally:
        db.close()


async def test_a_shadow_indexes_its_full_text_rows_with_a_larger_hash_and_hands_over_the_default(tmp_path):
    """`finish_load` indexes every search row with FTS5's `hashsize` at `search.HASHSIZE_LOAD`
    (fewer, larger segments to merge) and `automerge` 0, and sets them back (1 MiB, 16) before
    the live pages come: each of those would otherwise hold up to that much text in memory, and
    their segments would pile up unmerged (the settings after it: the test above)."""
    path = str(tmp_path / "projections.db")
    store = sqlite_store.SQLiteProjectionStore(path)
    try:
        await store.open()
        shadow = await store.create_shadow()
        await feed(shadow, history(30).records)
        seen = []
        execute = shadow._w.execute

        async def spy(sql, *args):
            if "event_title_fts (rowid" in sql:  # the load's indexing: the settings as they are then
                seen.append(dict(await (await execute(
                    "SELECT k, v FROM event_title_fts_config WHERE k IN ('hashsize', 'automerge')")).fetchall()))
            return await execute(sql, *args)

        shadow._w.execute = spy
        await shadow.finish_load()
        shadow._w.execute = execute
        # (and no merging while it writes: its segments are merged into one after it)
        assert seen == [{"hashsize": search.HASHSIZE_LOAD, "automerge": 0}]
        assert search.HASHSIZE_LOAD > search.HASHSIZE_DEFAULT == 1 << 20
        async with shadow.reading() as r:
            for t in ("event_search_fts", "event_title_fts"):
                assert await r.fetchall(f"SELECT v FROM {t}_config WHERE k = 'hashsize'") == [(1 << 20,)]
            ((text,),) = await r.fetchall("SELECT substr(text, length(title) + 2, 4) FROM event_search LIMIT 1")
            having = await r.fetchall("SELECT vid FROM event_search WHERE instr(substr(text, length(title) + 2), ?) ORDER BY vid", (text,))
            found = await r.fetchall("SELECT rowid FROM event_search_fts WHERE event_search_fts MATCH ? ORDER BY rowid", (f'"{text}"',))
            assert found == having and len(having) == 30  # every row indexed
        await store.swap(shadow)
    finally:
        await store.close()


def segments(path: str) -> dict[str, int]:
    """Each full-text table's number of segments, from FTS5's structure record (row 10 of its
    `_data` table: a 4-byte cookie, then varints: levels, segments, …)."""

    def varint(b: bytes, i: int) -> tuple[int, int]:  # SQLite's own varint
        v = 0
        for k in range(9):
            c, i = b[i], i + 1
            if k == 8:
                return (v << 8) | c, i
            v = (v << 7) | (c & 0x7F)
            if not c & 0x80:
                return v, i
        raise AssertionError("unreachable")

    with contextlib.closing(sqlite3.connect(path)) as db:
        out = {}
        for t in ("event_title_fts", "event_search_fts"):
            (block,) = db.execute(f"SELECT block FROM {t}_data WHERE id = 10").fetchone()
            i = 8 if block[4:8] == b"\xff\x00\x00\x01" else 4  # (the second version of the record)
            _, i = varint(block, i)
            out[t] = varint(block, i)[0]
        return out


async def test_a_rebuilt_file_holds_each_full_text_table_as_one_segment(tmp_path, monkeypatch):
    """The load's full-text indexing writes a segment each time FTS5's hash fills; left on the
    lowest level, those were merged again with the live flushes' segments, once all at once inside
    a live page (seconds at a million events). `finish_load` merges each table into one segment.
    Here the hash is made tiny so that 40 records make many segments, as a million do with 16 MiB."""
    log = history(40)
    tiny = search.flush_all(1024)
    unmerged = tuple(sql for sql in tiny if "'optimize'" not in sql)
    assert len(unmerged) == len(tiny) - 2
    counts = {}
    for name, statements in (("unmerged", unmerged), ("finished", tiny)):
        monkeypatch.setattr(sqlite_store.schema, "FLUSH_ALL", statements)
        path = str(tmp_path / f"{name}.db")
        store = sqlite_store.SQLiteProjectionStore(path)
        try:
            await rebuilt(store, log.records)
            async with store.reading() as r:
                ((text,),) = await r.fetchall("SELECT substr(text, length(title) + 2, 4) FROM event_search LIMIT 1")
                found = await r.fetchall("SELECT rowid FROM event_search_fts WHERE event_search_fts MATCH ?", (f'"{text}"',))
                titled = await r.fetchall("SELECT count(*) FROM event_title_fts WHERE event_title_fts MATCH ?", ('"플랫폼"',))
        finally:
            await store.close()
        counts[name] = segments(path), len(found), titled
    (unmerged_segments, *unmerged_reads), (merged_segments, *merged_reads) = counts["unmerged"], counts["finished"]
    assert all(n > 3 for n in unmerged_segments.values()), unmerged_segments  # what the test would see without it
    assert merged_segments == {"event_title_fts": 1, "event_search_fts": 1}
    assert merged_reads == unmerged_reads and merged_reads[0] == 40  # the same rows found


async def test_after_a_rebuild_a_search_reads_the_pending_rows_without_reading_every_search_row(tmp_path):
    """A rebuild's ANALYZE sees the pending list empty and writes no statistics for it; taken
    for a table of a million rows, it made SQLite check a million search rows against it through
    a Bloom filter built from all of them (150 ms a search at a million events). The store tells
    the planner how small the list is, after a rebuild and when it opens a file analysed before
    that. (The statistics of `event_search` are set to a million rows: SQLite weighs a Bloom
    filter only for tables that large.)"""
    path = str(tmp_path / "projections.db")
    log = history(40)
    store = sqlite_store.SQLiteProjectionStore(path)
    try:
        await rebuilt(store, log.records[:30])
        await feed(store, log.records[30:])  # a live page: its search rows are pending
        statements = []
        async with store.reading() as db:
            fetch = db.fetchall

            async def recorded(sql, params=()):
                statements.append((sql, list(params)))
                return await fetch(sql, params)

            db.fetchall = recorded
            rows = await search.search(db, None, Filters(terms=("플랫폼",)), 40, 100)
            rows += await country_timeline.timeline(db, "KR", Filters(terms=("ministry", "mou")), 40, 100)
        assert len(rows) == 80
    finally:
        await store.close()
    pending = [(sql, params) for sql, params in statements if "event_search_pending" in sql]
    assert len(pending) >= 2

    def plans(db) -> list[list[str]]:
        db.execute("UPDATE sqlite_stat1 SET stat = '1000000' WHERE tbl = 'event_search'")
        db.commit()
        fresh = sqlite3.connect(path)  # (statistics are read when a connection opens)
        try:
            return [[row[3] for row in fresh.execute(f"EXPLAIN QUERY PLAN {sql}", params)] for sql, params in pending]
        finally:
            fresh.close()

    db = sqlite3.connect(path)
    try:
        assert db.execute("SELECT count(*) FROM event_search_pending").fetchone()[0] == 10
        assert pending_statistics(path) == [(str(search.FLUSH_AT),)]
        for plan in plans(db):
            assert not any("BLOOM FILTER" in step for step in plan), plan
        # without them, as a file analysed before the store wrote them: the Bloom filter
        db.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'event_search_pending'")
        assert any("BLOOM FILTER" in step for plan in plans(db) for step in plan)
    finally:
        db.close()
    store = sqlite_store.SQLiteProjectionStore(path)  # such a file gets them when it is opened
    try:
        await store.open()
    finally:
        await store.close()
    assert pending_statistics(path) == [(str(search.FLUSH_AT),)]
