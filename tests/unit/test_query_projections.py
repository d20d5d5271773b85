"""Projections on a temporary SQLite store, fed LogRecords directly (no HTTP)."""

from __future__ import annotations

import pytest

from services.query.items import FIELDS, timeline_item
from services.query.projections import country_timeline, event_detail, sector_counts
from services.query.projections.country_timeline import Filters
from services.query.store import sqlite as sqlite_store
from services.query.store.sqlite import SQLiteProjectionStore
from tests.logbuilder import LogBuilder, party


class Projected:
    """A store plus the log that fed it, with the reads as short calls."""

    def __init__(self, store: SQLiteProjectionStore, log: LogBuilder):
        self.store, self.log = store, log

    async def feed(self) -> None:
        cp = await self.store.checkpoint()
        todo = self.log.records[cp.position:]
        if todo:
            await self.store.apply_page(todo)

    @property
    def head(self) -> int:
        return len(self.log.records)

    async def ids(self, country: str, f: Filters | None = None, at: int | None = None) -> list[str]:
        async with self.store.reading() as db:
            rows = await country_timeline.timeline(db, country, f or Filters(), self.head if at is None else at, 1000)
        return [timeline_item(*r[:3])["id"] for r in rows]

    async def items(self, country: str) -> list[dict]:
        async with self.store.reading() as db:
            rows = await country_timeline.timeline(db, country, Filters(), self.head, 1000)
        return [timeline_item(*r[:3]) for r in rows]

    async def sectors(self, country=None, f: Filters | None = None, at=None, by_year=False) -> dict:
        async with self.store.reading() as db:
            return await sector_counts.counts(db, country, f or Filters(), self.head if at is None else at, by_year)


@pytest.fixture
async def proj(tmp_path):
    store = SQLiteProjectionStore(str(tmp_path / "p.db"))
    await store.open()
    yield Projected(store, LogBuilder())
    await store.close()


async def test_timeline_order_start_end_open_last_then_first_position(proj):
    log = proj.log
    log.record("open", date="2018/..")
    log.record("year", date="2018")
    log.record("day", date="2018-01-01")
    log.record("day-again", date="2018-01-01")
    log.record("month", date="2018-01")
    log.record("early", date="2017-12-31")
    await proj.feed()
    assert await proj.ids("KR") == ["early", "day", "day-again", "month", "year", "open"]


async def test_item_fields_exactly(proj):
    proj.log.record(1, date="2010?", summary="s")
    proj.log.record(2, date="2011-05~/..")
    await proj.feed()
    one, two = await proj.items("KR")
    assert tuple(one) == FIELDS
    assert one["start"] == "2010-01-01" and one["end"] == "2010-12-31" and one["precision"] == "year"
    assert one["uncertain"] and not one["approximate"] and one["summary"] == "s"
    assert one["countries"] == ["KR", "RU"] and one["participants"][1]["country"] == "RU"
    assert one["position"] == 1 and one["version"] == 1 and one["corrected"] is False
    assert two["end"] is None and two["approximate"] and two["precision"] == "month" and two["summary"] is None


async def test_corrections_move_events(proj):
    log = proj.log
    log.record("a", date="2018-01-01")
    log.record("b", date="2019-01-01", participants=party("KR", "BY"), sectors=["ai"])
    await proj.feed()
    assert await proj.ids("KR") == ["a", "b"] and await proj.ids("BY") == ["b"]
    log.correct("a", date="2020-01-01")                       # re-orders
    log.correct("b", participants=party("kr", "dk"))          # moves BY → DK (codes normalised)
    log.correct("b", sectors=["energy", "space"])             # re-counts
    await proj.feed()
    assert await proj.ids("KR") == ["b", "a"]
    assert await proj.ids("BY") == [] and await proj.ids("DK") == ["b"]
    counts = await proj.sectors()
    assert counts["total_events"] == 2
    assert [(s["sector"], s["count"]) for s in counts["sectors"]] == [("energy", 1), ("ict", 1), ("space", 1), ("startups", 1)]
    items = {i["id"]: i for i in await proj.items("KR")}
    assert items["b"]["version"] == 3 and items["b"]["corrected"] and items["b"]["position"] == 2
    # as of position 2, before any correction
    assert await proj.ids("KR", at=2) == ["a", "b"] and await proj.ids("BY", at=2) == ["b"]
    assert [(s["sector"], s["count"]) for s in (await proj.sectors(at=2))["sectors"]] == [
        ("ai", 1), ("ict", 1), ("startups", 1)]


async def test_retraction_removes_and_detail_keeps_it(proj):
    log = proj.log
    log.record("a")
    log.record("b")
    log.retract("a", reason="duplicate")
    await proj.feed()
    assert await proj.ids("KR") == ["b"] and await proj.ids("KR", at=2) == ["a", "b"]
    assert (await proj.sectors())["total_events"] == 1
    async with proj.store.reading() as db:
        detail = await event_detail.detail(db, "a", 3)
        before = await event_detail.detail(db, "a", 2)
        missing = await event_detail.detail(db, "b", 1)
        countries = await country_timeline.countries(db, 3)
    assert detail["retracted"] is True and detail["version"] == 2 and detail["title"].endswith("a")
    assert [(h["position"], h["type"].rsplit(".", 1)[1], h["reason"]) for h in detail["history"]] == [
        (1, "recorded", None), (3, "retracted", "duplicate")]
    assert before["retracted"] is False and len(before["history"]) == 1
    assert missing is None
    assert [(c["code"], c["events"]) for c in countries] == [("KR", 1), ("RU", 1)]


async def test_partners_and_first_last(proj):
    log = proj.log
    log.record("a", date="2010-03", participants=party("KR", "BY"))
    log.record("b", date="2012/..", participants=party("KR", "BY", "DK"))
    log.record("c", date="2011-05-01/2011-06-02", participants=party("KR", "DK"), status="planned")
    await proj.feed()
    async with proj.store.reading() as db:
        partners = await country_timeline.partners(db, "KR", proj.head)
        countries = await country_timeline.countries(db, proj.head)
    assert partners == [{"code": "BY", "events": 2, "first": "2010-03-01", "last": "2012-01-01"},
                        {"code": "DK", "events": 2, "first": "2011-05-01", "last": "2012-01-01"}]
    assert countries[-1] == {"code": "KR", "events": 3, "first": "2010-03-01", "last": "2012-01-01"}
    assert await proj.ids("KR", Filters(partner="DK")) == ["c", "b"]
    assert await proj.ids("KR", Filters(partner="DK", status="planned")) == ["c"]


@pytest.mark.parametrize(("window", "match", "expected"), [
    (("2011-01-01", "2011-12-31"), "overlap", ["y2010-11", "y2011", "open"]),
    (("2011-01-01", "2011-12-31"), "within", ["y2011"]),
    (("2011-12-01", "9999-99-99"), "within", ["open"]),
    (("0000-00-00", "2010-06-30"), "within", ["d2010"]),
])
async def test_window_filters(proj, window, match, expected):
    log = proj.log
    log.record("d2010", date="2010-06-30")
    log.record("y2010-11", date="2010/2011")
    log.record("y2011", date="2011")
    log.record("open", date="2011-12/..")
    await proj.feed()
    assert await proj.ids("KR", Filters(window=window, match=match)) == expected


async def test_kind_sector_filters_and_sector_years(proj):
    log = proj.log
    log.record("a", date="2018", kind="visit", sectors=["ai"])
    log.record("b", date="2019-05", sectors=[])
    log.record("c", date="2019-07", sectors=["ai", "space"], status="cancelled")
    await proj.feed()
    assert await proj.ids("KR", Filters(kind="visit")) == ["a"]
    assert await proj.ids("KR", Filters(sector="ai")) == ["a", "c"]
    by_year = await proj.sectors(f=Filters(status="occurred"), by_year=True)
    assert [(y["year"], y["total_events"], [s["sector"] for s in y["sectors"]]) for y in by_year["years"]] == [
        (2018, 1, ["ai"]), (2019, 1, [])]
    everything = await proj.sectors(country="KR", f=Filters())
    assert everything["total_events"] == 3 and everything["sectors"][0]["sector"] == "ai"
    assert (await proj.sectors(country="BY"))["total_events"] == 0


async def test_checkpoint_moves_with_rows_and_rollback_leaves_nothing(proj, monkeypatch):
    proj.log.record(1)

    async def crash(db, changes):  # after some of the page's rows are written, before COMMIT
        await db.executemany("INSERT INTO event_sectors VALUES (?, ?)", [(1, "ai")])
        raise RuntimeError("crash before commit")

    monkeypatch.setattr(sqlite_store, "write_changes", crash)
    with pytest.raises(RuntimeError):
        await proj.store.apply_page(proj.log.records)
    monkeypatch.undo()
    async with proj.store.reading() as db:
        assert await db.fetchall("SELECT * FROM event_sectors") == []
    assert (await proj.store.checkpoint()).position == 0 and await proj.ids("KR") == []
    await proj.feed()
    assert await proj.store.checkpoint() == (await proj.store.checkpoint()).__class__(1, proj.log.time_of(1))
    assert await proj.ids("KR") == ["test-1"]


async def test_time_maps_to_position(proj):
    for i in range(3):
        proj.log.record(i)
    await proj.feed()
    async with proj.store.reading() as db:
        assert await event_detail.position_at(db, proj.log.time_of(2)) == 2
        assert await event_detail.position_at(db, "2000-01-01T00:00:00.000000Z") == 0
        assert await event_detail.position_at(db, "2999-01-01T00:00:00.000000Z") == 3


async def test_a_null_in_changes_removes_the_field_as_ingest_does(proj):
    proj.log.record(1, summary="to be removed", title_en="English")
    proj.log.correct("test-1", summary=None, place={"city": "Minsk", "country": "by"})
    await proj.feed()
    async with proj.store.reading() as db:
        detail = await event_detail.detail(db, "test-1", proj.head)
    assert "summary" not in detail and detail["title_en"] == "English"
    assert detail["place"] == {"city": "Minsk", "country": "BY"}  # normalised as ingest normalises


async def test_a_correction_that_newer_rules_refuse_is_applied_by_the_same_rule_and_logged(proj, capsys):
    """Ingest accepted it when it was written; the feed must never stall on a stricter rule."""
    proj.log.record(1, summary="kept")
    proj.log.correct("test-1", kind="a-kind-no-longer-known", summary=None)
    proj.log.record(2)
    await proj.feed()
    assert (await proj.store.checkpoint()).position == 3
    async with proj.store.reading() as db:
        detail = await event_detail.detail(db, "test-1", proj.head)
    assert detail["kind"] == "a-kind-no-longer-known" and "summary" not in detail and detail["version"] == 2
    assert "correction_not_valid_now" in capsys.readouterr().out
