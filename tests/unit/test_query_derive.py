"""SQLite derives country and sector rows in SQL (the projections' DERIVE) instead of one
Python row at a time: both must give the same rows for the same log, and the same per-country
spans (SQLite's `country_spans`, kept per page either way) equal to the longest closed span."""

from __future__ import annotations

import pytest

from services.query.projections import country_timeline
from services.query.projections.state import OPEN_END
from services.query.store import sqlite as sqlite_store
from services.query.store.sqlite import SQLiteProjectionStore
from tests.logbuilder import LogBuilder, party

TABLES = ("SELECT vid, country, start, end_key, first_position FROM event_countries ORDER BY 1, 2",
          "SELECT vid, sector FROM event_sectors ORDER BY 1, 2",
          "SELECT country, years FROM country_spans ORDER BY 1",
          # what the spans stand for: the longest closed span per country, over every version
          f"SELECT country, max({country_timeline._YEARS}) FROM event_countries WHERE end_key <> '{OPEN_END}' "
          "GROUP BY country ORDER BY 1")


def log_with_every_kind_of_change() -> LogBuilder:
    log = LogBuilder()
    log.record("a", participants=party("KR", "BY"), sectors=["ai", "ict"])
    log.record("b", date="2019/..", participants=party("DK", "DK", "KR"), sectors=[])
    log.record("c", date="2001-03/2004-07", participants=party("RU"))
    log.correct("a", participants=party("NZ", "KR", "NZ"))
    log.correct("b", sectors=["space", "energy"])
    log.retract("c")
    log.correct("a", date="2020-05-01~")
    log.correct("zzz-unknown", date="2020")  # about a cooperation never recorded: skipped
    log.record("d", participants=party("US"), sectors=["optics"])
    log.retract("d")
    return log


async def rows(path: str, records, pages: int, monkeypatch, derive: bool) -> list[list[tuple]]:
    if not derive:
        monkeypatch.setattr(sqlite_store._SyncTx, "derives_in_sql", False)
    store = SQLiteProjectionStore(path)
    await store.open()
    try:
        step = max(1, len(records) // pages)
        for lo in range(0, len(records), step):
            await store.apply_page(records[lo:lo + step])
        async with store.reading() as db:
            return [await db.fetchall(sql) for sql in TABLES]
    finally:
        await store.close()
        monkeypatch.undo()


@pytest.mark.parametrize("pages", [1, 3, 10])
async def test_sql_derivation_matches_python_apply(tmp_path, monkeypatch, pages):
    records = log_with_every_kind_of_change().records
    derived = await rows(f"{tmp_path}/derived.db", records, pages, monkeypatch, derive=True)
    python = await rows(f"{tmp_path}/python.db", records, pages, monkeypatch, derive=False)
    assert derived == python
    assert derived[0] and derived[1]  # the log does produce rows of both kinds
    assert derived[2] == derived[3] and ("RU", 3) in derived[2]  # 2001-03/2004-07, kept after its retraction
    countries = {(vid, c) for vid, c, *_ in derived[0]}
    assert (2, "DK") in countries and (4, "NZ") in countries and not any(vid == 6 for vid, _ in countries)
