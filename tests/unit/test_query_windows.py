"""Property: on SQLite an `overlap` window is read as two index ranges (country_timeline.
_overlap); it must give exactly the rows of the plain condition, in the same order, at any
position, with any limit and cursor."""

from __future__ import annotations

import asyncio
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.query.projections import country_timeline
from services.query.projections.country_timeline import Filters
from services.query.store.base import Reader
from services.query.store.sqlite import SQLiteProjectionStore
from tests.logbuilder import LogBuilder, party

DATES = ["2010", "2010-03", "2010-12-30/2011-01-02", "2009/2012", "2011/..", "1995/..", "2012-06-15",
         "2008-02/2010-11", "2013~", "201X", "2011-07-01/2011-07-09", "2010-01-01"]
WINDOWS = [("2010-01-01", "2010-12-31"), ("2011-01-01", "2011-06-30"), ("2012-01-01", "9999-99-99"),
           ("2000-01-01", "2009-12-31"), ("0001-01-01", "2010-06-30"), ("2014-01-01", "2014-12-31")]


class Plain(Reader):
    """The same connection, without SQLite's own plan."""

    def __init__(self, inner: Reader):
        self.inner = inner

    async def fetchall(self, sql, params=()):
        return await self.inner.fetchall(sql, params)


async def check(dates: list[tuple[str, bool, bool]], window, limit: int) -> None:
    log = LogBuilder()
    for i, (date, correct, retract) in enumerate(dates):
        log.record(f"e{i}", date=date, participants=party("KR", "BY" if i % 2 else "DK"))
        if correct:
            log.correct(f"e{i}", date=DATES[(i * 7) % len(DATES)])
        if retract:
            log.retract(f"e{i}")
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteProjectionStore(f"{tmp}/p.db")
        await store.open()
        try:
            if log.records:
                await store.apply_page(log.records)
            async with store.reading() as db:
                for at in sorted({0, len(log.records) // 2, len(log.records)}):
                    for country in ("KR", "BY"):
                        f = Filters(window=window)
                        after, seen = None, 0
                        while True:  # page through with the cursor, like the route does
                            fast = await country_timeline.timeline(db, country, f, at, limit, after)
                            plain = await country_timeline.timeline(Plain(db), country, f, at, limit, after)
                            assert fast == plain, (at, country, after)
                            seen += len(fast)
                            if len(fast) < limit:
                                break
                            _, _, first, start, end_key = fast[-1]
                            after = (start, end_key, first)
                        assert seen <= len(dates)
        finally:
            await store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(DATES), st.booleans(), st.booleans()), max_size=25),
       st.sampled_from(WINDOWS), st.integers(1, 6))
def test_overlap_windows_match_the_plain_condition(dates, window, limit):
    asyncio.run(check(dates, window, limit))
