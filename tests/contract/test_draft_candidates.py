"""The candidates of drafts (`matches`) on every backend: all the keys of an article in one
statement give, per key, exactly what the country timeline gives for it — whichever of the two
countries' index is read, through corrections and retractions, open starts and ends, and when
the limit cuts the ranges short."""

from __future__ import annotations

import random

from services.query.projections import country_timeline, draft_candidates
from services.query.projections.selection import NO_FROM, Filters
from services.query.projections.state import OPEN_END
from tests.contract import test_projection_store as contract
from tests.logbuilder import LogBuilder

store_url, store = contract.store_url, contract.store  # the contract's fixtures: every backend
COUNTRIES = ["KR", "BY", "UZ", "DK"]
KINDS = ["signing", "meeting", "visit"]
DATES = ["2018-06-22", "2018-06", "2018", "2017-12-30/2018-01-03", "2016/2019", "2018/..", "../2018-05",
         "2019-02-11", "2015", "2018-06-22/2018-06-25"]


def history() -> LogBuilder:
    rng, log = random.Random(14), LogBuilder()
    for n in range(120):
        a, b = rng.sample(COUNTRIES, 2) if rng.random() < 0.8 else ("KR", "KR")
        parts = [{"name": f"기관 {n}", "country": a, "type": "government"},
                 {"name": f"Body {n}", "country": b, "type": "agency"}]
        log.record(n, kind=rng.choice(KINDS), date=rng.choice(DATES), participants=parts)
    log.correct("test-3", date="2018-06-23")
    log.correct("test-4", kind="meeting")
    log.retract("test-5")
    log.retract("test-6")
    return log


def keys() -> list:
    out = []
    for countries in (("BY", "KR"), ("KR", "UZ"), ("DK", "UZ"), ("KR",), ("BY",)):
        for kind in ("signing", "meeting", None):
            for window in (("2018-06-22", "2018-06-22"), ("2018-01-01", "2018-12-31"), (NO_FROM, "2017-01-01"),
                           ("2019-01-01", OPEN_END), None):
                out.append((countries, kind, window))
    return out


async def _by_timeline(store, at: int, key, limit: int) -> list:
    countries, kind, window = key
    f = Filters(partner=countries[1] if len(countries) > 1 else None, window=window, kind=kind)
    async with store.reading() as db:
        return [doc for doc, *_ in await country_timeline.timeline(db, countries[0], f, at, limit)]


def _docs(docs: list) -> list:
    return [bytes(d) if not isinstance(d, bytes | str) else d for d in docs]


async def test_one_statement_gives_what_the_timeline_gives(store):
    log = history()
    await store.apply_page(log.records)
    wanted = keys()
    for at in (len(log.records) - 10, len(log.records)):  # before the corrections and retractions, after
        for limit in (50, 3):
            expected = [_docs(await _by_timeline(store, at, k, limit)) for k in wanted]
            assert any(len(e) == limit for e in expected) and any(0 < len(e) < limit for e in expected)
            async with store.reading() as db:
                size = await draft_candidates.sizes(db, COUNTRIES)
                plain = await draft_candidates.candidates(db, at, wanted, limit)
                sized = await draft_candidates.candidates(db, at, wanted, limit, size)
                reverse = await draft_candidates.candidates(db, at, wanted, limit, {c: -n for c, n in size.items()})
                spans: dict = {}
                kept = [await draft_candidates.candidates(db, at, wanted, limit, size, spans) for _ in range(2)]
            assert size["KR"] > size["UZ"] > 0
            assert {"BY", "KR"} <= set(spans) if db.dialect == "sqlite" else spans == {}  # read once, then kept
            for got in (plain, sized, reverse, *kept):
                assert [_docs(g) for g in got] == expected


async def test_many_keys_take_several_statements(store, monkeypatch):
    log = history()
    await store.apply_page(log.records)
    wanted = keys()
    monkeypatch.setattr(draft_candidates, "PER_STATEMENT", 4)
    async with store.reading() as db:
        got = await draft_candidates.candidates(db, len(log.records), wanted, 50)
    assert [_docs(g) for g in got] == [_docs(await _by_timeline(store, len(log.records), k, 50)) for k in wanted]
