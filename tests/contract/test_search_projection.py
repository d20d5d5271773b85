"""The search projection on every backend: substrings (Korean and English, 2+ characters),
every word required, best matches first, and answers as the log stood at a position."""

from __future__ import annotations

import pytest

from services.query.projections import country_timeline, search
from services.query.projections.selection import Filters
from tests.contract import test_projection_store as contract
from tests.logbuilder import LogBuilder

store_url, store = contract.store_url, contract.store  # the contract's fixtures: every backend

MSIT = {"name": "과학기술정보통신부", "name_en": "Ministry of Science and ICT", "country": "KR"}
NASB = {"name": "벨라루스 국립과학아카데미", "name_en": "National Academy of Sciences of Belarus",
        "country": "BY", "org": "by.nasb"}


def log_of_three() -> LogBuilder:
    log = LogBuilder()
    log.record("day", title="과학의 날 기념 행사", title_en="Science Day", date="2019-04-21", participants=[MSIT])
    log.record("nasb", title="한-벨라루스 과학기술 공동위원회", date="2015-10-01", participants=[MSIT, NASB],
               place={"city": "Minsk", "country": "BY"})
    log.record("ru", title="한-러 혁신 플랫폼 MOU", date="2018-06-22", summary="아카데미 방문 일정 포함",
               participants=[MSIT, {"name": "Skolkovo", "country": "RU"}])
    return log


async def found(store, *words: str, at: int | None = None, country=None, **filters) -> list[str]:
    async with store.reading() as db:
        rows = await search.search(db, country, Filters(terms=words, **filters), at or 10**6, 100)
    return [bytes(r[0]).split(b'"id":"')[1].split(b'"')[0].decode() for r in rows]


async def test_substrings_korean_and_english(store):
    await store.apply_page(log_of_three().records)
    assert await found(store, "과학의", "날") == ["day"]
    assert await found(store, "과학의 날".split()[0]) == ["day"]
    assert await found(store, "아카데미") == ["ru", "nasb"]  # a summary and a participant's name; latest first
    assert await found(store, "벨라") == ["nasb"]  # two characters: below the trigram, still found
    assert await found(store, "과학") == ["day", "nasb", "ru"]  # title hits first, then by date, latest first
    assert await found(store, "SCIENCE", "ict") == ["day", "ru", "nasb"]  # any case; English names count
    assert await found(store, "minsk") == ["nasb"]  # the place's city
    assert await found(store, "과학", "벨라") == ["nasb"]  # every word must match
    assert await found(store, "과학", "없는말") == []
    assert await found(store, "100%") == [] and await found(store, "_a") == []  # LIKE's wildcards are literal


async def test_filters_and_country(store):
    await store.apply_page(log_of_three().records)
    assert await found(store, "과학", country="BY") == ["nasb"]
    assert await found(store, "과학", partner="RU") == ["ru"]
    assert await found(store, "과학", window=("2019-01-01", "2019-12-31")) == ["day"]
    async with store.reading() as db:  # `q` is a filter of every timeline too
        rows = await country_timeline.timeline(db, "KR", Filters(terms=("과학", "mou")), 10**6, 100)
    assert len(rows) == 1


async def test_as_of_a_correction_and_a_retraction(store):
    log = log_of_three()
    log.correct("day", title="지구의 날")  # renames: 과학의 날 is gone from its position on
    log.retract("ru")
    await store.apply_page(log.records)
    assert await found(store, "과학의", at=3) == ["day"]
    assert await found(store, "과학의", at=4) == []
    assert await found(store, "지구의", at=3) == []
    assert await found(store, "지구의", at=4) == ["day"]
    assert await found(store, "skolkovo", at=4) == ["ru"]
    assert await found(store, "skolkovo", at=5) == []  # retracted
    assert await found(store, "science", "day", at=5) == ["day"]  # title_en kept by the correction


@pytest.mark.parametrize("words", [("과학",), ("과학기술",)])
async def test_paging_is_stable(store, words):
    log = LogBuilder()
    for i in range(7):
        log.record(f"e{i}", title=f"과학기술 협력 {i}" if i % 2 else f"협력 {i}", summary="과학기술", date=f"201{i}")
    await store.apply_page(log.records)
    everything = await found(store, *words)
    assert everything == ["e5", "e3", "e1", "e6", "e4", "e2", "e0"]
    got, after = [], None
    while True:
        async with store.reading() as db:
            rows = await search.search(db, None, Filters(terms=words), 10**6, 2 + 1, after)
        got += [bytes(r[0]).split(b'"id":"')[1].split(b'"')[0].decode() for r in rows[:2]]
        if len(rows) <= 2:
            break
        _, _, first, hit, start = rows[1]
        after = (hit, start, first)
    assert got == everything


async def test_a_rebuilt_copy_finds_what_the_live_one_does(store):
    """A shadow loads without the full-text index; finishing the load builds it, and the
    records applied after that (the catch-up before a swap) are indexed as they come."""
    log = log_of_three()
    await store.apply_page(log.records)
    shadow = await store.create_shadow()
    await shadow.apply_page(log.records)
    await shadow.finish_load()
    log.record("late", title="아카데미 과학 축제", date="2020")
    await shadow.apply_page(log.records[-1:])
    await store.apply_page(log.records[-1:])
    await store.swap(shadow)
    assert await found(store, "아카데미") == ["late", "ru", "nasb"]
    assert await found(store, "벨라", "minsk") == ["nasb"]
