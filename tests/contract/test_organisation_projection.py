"""The organisations projection on every backend: grouping by `org`, or by country and exact
name under a stable derived id; counts, names, partners and timelines as of a position."""

from __future__ import annotations

import hashlib

from services.query.projections import organisation_reads as reads
from services.query.projections.organisations import derived_id
from services.query.projections.selection import Filters
from tests.contract import test_projection_store as contract
from tests.logbuilder import LogBuilder

store_url, store = contract.store_url, contract.store  # the contract's fixtures: every backend
MSIT = {"name": "과학기술정보통신부", "name_en": "MSIT", "country": "KR"}  # no org: grouped by name
NASB = {"name": "벨라루스 국립과학아카데미", "name_en": "NASB", "country": "BY", "org": "by.nasb"}
NASB_RENAMED = {**NASB, "name": "벨라루스 과학아카데미"}
DK = {"name": "Danish Agency", "country": "DK"}


def history() -> LogBuilder:
    log = LogBuilder()
    log.record("a", date="2015", participants=[MSIT, NASB])
    log.record("b", date="2017", participants=[{**MSIT, "name": "과학기술정보통신부 "}, NASB_RENAMED, DK])
    log.record("c", date="2019", participants=[MSIT, DK])
    return log


async def listing(store, at=10**6, **kw) -> list[dict]:
    async with store.reading() as db:
        return await reads.listing(db, at, kw.pop("country", None), kw.pop("terms", ()), 100, **kw)


def test_derived_ids_are_stable_and_url_safe():
    msit = derived_id("KR", "과학기술정보통신부")
    assert msit == "name:kr:e244342fc79432d9"  # fixed for all time: links to a derived organisation must keep working
    assert derived_id("kr", " 과학기술정보통신부 ") == msit  # white space and the code's case do not matter
    assert derived_id("KR", "과학기술정보통신부2") != msit and derived_id("KP", "과학기술정보통신부") != msit
    assert len(msit) == len("name:kr:") + 16 and msit.isascii()
    assert derived_id("KR", "MSIT") == "name:kr:" + hashlib.sha256(b"MSIT").hexdigest()[:16]


async def test_grouping_with_and_without_org(store):
    await store.apply_page(history().records)
    msit = derived_id("KR", MSIT["name"])
    rows = await listing(store)
    # most events first, then by id ("by.nasb" < "name:dk:…")
    assert [(r["org"], r["events"]) for r in rows] == [(msit, 3), ("by.nasb", 2), (derived_id("DK", "Danish Agency"), 2)]
    nasb = next(r for r in rows if r["org"] == "by.nasb")
    assert nasb == {"org": "by.nasb", "name": "벨라루스 과학아카데미", "name_en": "NASB",
                    "names": ["벨라루스 국립과학아카데미", "NASB", "벨라루스 과학아카데미"],
                    "country": "BY", "type": "other", "events": 2, "first": "2015-01-01", "last": "2017-12-31"}
    assert [r["org"] for r in await listing(store, country="BY")] == ["by.nasb"]
    assert [r["org"] for r in await listing(store, terms=("아카데미",))] == ["by.nasb"]
    assert [r["org"] for r in await listing(store, terms=("nasb",))] == ["by.nasb"]  # English name, or id
    async with store.reading() as db:
        partners = await reads.partners(db, 10**6, "by.nasb")
        rows = await reads.timeline(db, "by.nasb", Filters(), 10**6, 100)
        filtered = await reads.timeline(db, msit, Filters(org="by.nasb", partner="DK"), 10**6, 100)
    assert [(p["org"], p["events"]) for p in partners] == sorted([(msit, 2), (derived_id("DK", "Danish Agency"), 1)],
                                                                   key=lambda x: (-x[1], x[0]))
    assert len(rows) == 2 and len(filtered) == 1


async def test_as_of_an_org_added_by_a_correction(store):
    log = history()
    log.correct("c", participants=[{**MSIT, "org": "kr.msit"}, DK])  # position 4: MSIT gets an org in c
    log.retract("a")  # position 5
    await store.apply_page(log.records)
    msit = derived_id("KR", MSIT["name"])
    at3 = {r["org"]: r["events"] for r in await listing(store, at=3)}
    at4 = {r["org"]: r["events"] for r in await listing(store, at=4)}
    at5 = {r["org"]: r["events"] for r in await listing(store, at=5)}
    assert at3[msit] == 3 and "kr.msit" not in at3
    assert at4[msit] == 2 and at4["kr.msit"] == 1
    assert at5[msit] == 1 and at5["by.nasb"] == 1
    async with store.reading() as db:
        assert len(await reads.timeline(db, "kr.msit", Filters(), 3, 100)) == 0
        assert len(await reads.timeline(db, "kr.msit", Filters(), 4, 100)) == 1


async def test_the_counts_kept_at_the_head_give_the_grouped_list(store, monkeypatch):
    """At the head the list reads the counts kept per organisation (`org_counts`); at every
    position — records, a correction that adds an `org`, one that removes a participant, a
    retraction, a record and its correction in one page — it equals the list grouped from
    the rows, on every page of it, and an `as_of` behind the head is grouped from the rows."""
    log = history()
    log.correct("c", participants=[{**MSIT, "org": "kr.msit"}, DK])  # MSIT gets an org in c
    log.correct("b", participants=[NASB_RENAMED])  # two participants fewer
    log.retract("a")
    log.record("d", date="2021", participants=[MSIT, NASB, {"name": "Tekes", "country": "FI"}])
    log.correct("d", participants=[NASB])
    pages = [[r] for r in log.records[:-2]] + [log.records[-2:]]
    grouped = reads._at_head

    async def both(at, size):
        out = []
        for head in (grouped, None):
            monkeypatch.setattr(reads, "_at_head", head or (lambda *a: _none()))
            got, after = [], None
            while True:
                async with store.reading() as db:
                    rows = await reads.listing(db, at, None, (), size + 1, after)
                got += rows[:size]
                if len(rows) <= size:
                    break
                after = (rows[size - 1]["events"], rows[size - 1]["org"])
            out.append(got)
        return out

    for page in pages:
        at = (await store.apply_page(page)).position
        for size in (1, 2, 100):
            kept, rows = await both(at, size)
            assert kept == rows, (at, size)
        async with store.reading() as db:  # the list at the head did read the counts
            assert await grouped(db, at, 100, None) == rows
            assert await grouped(db, at - 1, 100, None) is None  # behind the head: grouped from the rows
    assert [(r["org"], r["events"]) for r in rows] == [("by.nasb", 2), ("kr.msit", 1),
                                                       (derived_id("DK", "Danish Agency"), 1)]


async def _none():
    return None
