"""A page's changes come from records folded in bulk (state read once per page): however the
log is cut into pages, the rows are the same, and the per-country spans (`country_spans`)
equal the longest closed span over every version. Record types the projections do not handle,
and envelope attributes they do not know, are skipped while the checkpoint moves on."""

from __future__ import annotations

import pytest

from services.query.projections.state import OPEN_END, OPEN_START
from services.query.store.sqlite import SQLiteProjectionStore
from tests.logbuilder import LogBuilder, party

_YEARS = "CAST(substr(end_key, 1, 4) AS INTEGER) - CAST(substr(start_key, 1, 4) AS INTEGER)"
TABLES = ("SELECT vid, country, start_key, end_key, first_position FROM event_countries ORDER BY 1, 2",
          "SELECT vid, sector FROM event_sectors ORDER BY 1, 2",
          "SELECT country, years FROM country_spans ORDER BY 1",
          # what the spans stand for: the longest closed span per country, over every version
          f"SELECT country, max({_YEARS}) FROM event_countries WHERE end_key <> '{OPEN_END}' "
          f"AND start_key <> '{OPEN_START}' GROUP BY country ORDER BY 1")


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


async def rows(path: str, records, pages: int) -> list[list[tuple]]:
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


@pytest.mark.parametrize("pages", [3, 10])
async def test_rows_do_not_depend_on_how_the_log_is_paged(tmp_path, pages):
    records = log_with_every_kind_of_change().records
    derived = await rows(f"{tmp_path}/one.db", records, 1)
    assert derived == await rows(f"{tmp_path}/paged.db", records, pages)
    assert derived[0] and derived[1]  # the log does produce rows of both kinds
    assert derived[2] == derived[3] and ("RU", 3) in derived[2]  # 2001-03/2004-07, kept after its retraction
    countries = {(vid, c) for vid, c, *_ in derived[0]}
    assert (2, "DK") in countries and (4, "NZ") in countries and not any(vid == 6 for vid, _ in countries)


@pytest.mark.parametrize("step", [1, 2, 5])
async def test_a_shadow_loaded_while_pages_go_in_has_the_same_rows(tmp_path, step):
    """A shadow makes each page's changes while the previous page's rows are still going in;
    corrections and retractions of a cooperation in that page come from memory."""
    records = log_with_every_kind_of_change().records
    expected = await rows(f"{tmp_path}/one.db", records, 1)
    live = SQLiteProjectionStore(f"{tmp_path}/live.db")
    await live.open()
    shadow = await live.create_shadow()
    try:
        for lo in range(0, len(records), step):
            await shadow.apply_page(records[lo:lo + step])
        await shadow.finish_load()
        async with shadow.reading() as db:
            assert [await db.fetchall(sql) for sql in TABLES] == expected
        assert (await live.swap(shadow)).position == len(records)
    finally:
        await shadow.discard()  # after the swap: nothing left to remove
        await live.close()
