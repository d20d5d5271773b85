"""Property: random histories of records, corrections and retractions give the same timelines
and sector counts, at every position of the log, as a simple in-test model."""

from __future__ import annotations

import asyncio
import copy
import tempfile
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.query.items import timeline_item
from services.query.projections import country_timeline, sector_counts
from services.query.projections.country_timeline import Filters
from services.query.store.sqlite import SQLiteProjectionStore
from shared import edtf
from tests.logbuilder import LogBuilder, party

DATES = ["2010", "201X", "2010-01", "2010-01-01~", "2010/..", "2009/2012", "2010-06-15/2010-07-01", "2012?", "2011/.."]
COUNTRIES = ["KR", "BY", "DK", "RU"]
SECTOR_POOL = ["ai", "ict", "space", "energy"]
STATUSES = ["occurred", "planned", "cancelled"]

op = st.tuples(
    st.sampled_from(["record", "record", "correct", "retract"]),
    st.integers(0, 5),
    st.sampled_from(DATES),
    st.sets(st.sampled_from(COUNTRIES), min_size=1, max_size=3),
    st.sets(st.sampled_from(SECTOR_POOL), max_size=3),
    st.sampled_from(STATUSES),
    st.sampled_from(["date", "participants", "sectors", "status"]),
)


def build(ops) -> tuple[LogBuilder, list[dict]]:
    """The log, and the model after each position (index 0: empty)."""
    log, model, snapshots = LogBuilder(), {}, [{}]
    for kind, n, date, countries, sectors, status, field in ops:
        cid = f"e{n}"
        fields = {"date": date, "participants": party(*sorted(countries)), "sectors": sorted(sectors), "status": status}
        if kind == "record" and cid not in model:
            rec = log.record(cid, **fields)
            model[cid] = {**fields, "first": rec.position, "live": True}
        elif kind == "correct" and model.get(cid, {}).get("live"):
            log.correct(cid, **{field: fields[field]})
            model[cid][field] = fields[field]
        elif kind == "retract" and model.get(cid, {}).get("live"):
            log.retract(cid)
            model[cid]["live"] = False
        else:
            continue
        snapshots.append(copy.deepcopy(model))
    return log, snapshots


def expected_timeline(model: dict, country: str) -> list[str]:
    def key(item):
        cid, e = item
        when = edtf.parse(e["date"])
        return when.start, when.end is None, when.end, e["first"]
    live = [(cid, e) for cid, e in model.items()
            if e["live"] and country in {p["country"] for p in e["participants"]}]
    return [cid for cid, _ in sorted(live, key=key)]


def expected_counts(model: dict, status: str | None) -> tuple[int, dict[str, int]]:
    selected = [e for e in model.values() if e["live"] and (status is None or e["status"] == status)]
    return len(selected), dict(Counter(s for e in selected for s in e["sectors"]))


async def check(log: LogBuilder, snapshots: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteProjectionStore(f"{tmp}/p.db")
        await store.open()
        try:
            if log.records:
                await store.apply_page(log.records)
            async with store.reading() as db:
                for at, model in enumerate(snapshots):
                    for country in COUNTRIES:
                        rows = await country_timeline.timeline(db, country, Filters(), at, 1000)
                        assert [timeline_item(*r[:3])["id"] for r in rows] == expected_timeline(model, country), (at, country)
                    for status in (None, "occurred"):
                        got = await sector_counts.counts(db, None, Filters(status=status), at, False)
                        total, counts = expected_counts(model, status)
                        assert got["total_events"] == total, (at, status)
                        assert {s["sector"]: s["count"] for s in got["sectors"]} == counts, (at, status)
        finally:
            await store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op, max_size=30))
def test_projections_match_the_model(ops):
    log, snapshots = build(ops)
    asyncio.run(check(log, snapshots))
