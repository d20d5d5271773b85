"""The search projection on every backend: substrings (Korean and English, 2+ characters),
every word required, best matches first, and answers as the log stood at a position."""

from __future__ import annotations

import dataclasses

import pytest

from services.query.projections import country_timeline, search
from services.query.projections.selection import Filters, like, where
from services.query.store.sqlite import SQLiteProjectionStore
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


@pytest.mark.parametrize("flush_at", [1, 2, 10**6])  # full-text rows indexed, pending, or some of each
async def test_as_of_a_correction_and_a_retraction(store, monkeypatch, flush_at):
    monkeypatch.setattr(search, "FLUSH_AT", flush_at)
    log = log_of_three()
    log.correct("day", title="지구의 날")  # renames: 과학의 날 is gone from its position on
    log.retract("ru")
    for r in log.records:
        await store.apply_page([r])
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


async def reference(store, words, country, f: Filters) -> list[str]:
    """The order a search promises, as one plain query over every row (no index walk)."""
    async with store.reading() as db:
        p = db.params()
        hit = " AND ".join(f"s.title LIKE {p(like(t))} ESCAPE '\\'" for t in words)
        sql = (f"SELECT v.id, CASE WHEN {hit} THEN 1 ELSE 0 END AS h, coalesce(v.start, '') AS st, v.first_position "
               f"FROM event_search s JOIN event_versions v ON v.vid = s.vid WHERE v.valid_to IS NULL "
               f"AND ({where(p, dataclasses.replace(f, terms=()), 'v')}) AND "  # the words: a LIKE on every row
               + " AND ".join(f"s.text LIKE {p(like(t))} ESCAPE '\\'" for t in words))
        if country is not None:
            sql += f" AND EXISTS (SELECT 1 FROM event_countries x WHERE x.vid = v.vid AND x.country = {p(country)})"
        rows = await db.fetchall(sql + " ORDER BY h DESC, st DESC, v.first_position DESC", p.values)
    return [r[0] for r in rows]


@pytest.mark.parametrize("flush_at", [1, 4, 10**6])
@pytest.mark.parametrize("walk", [(10**6, 10**6), (3, 2), (1, 1)])
async def test_the_walk_in_order_and_the_index_answer_alike(store, monkeypatch, walk, flush_at):
    """A search reads the first versions in order and falls back to the full-text index when
    they do not fill the page (search.WALK): with every walk length, every page, title hits,
    open starts, countries, filters and a correction give the answer of the plain query —
    whether the rows are in SQLite's full-text tables, all pending, or some of each
    (search.FLUSH_AT; the records go in one per page)."""
    monkeypatch.setattr(search, "FLUSH_AT", flush_at)
    monkeypatch.setattr(search, "WALK", walk[0])
    monkeypatch.setattr(search, "WALK_TITLE", walk[0])
    monkeypatch.setattr(search, "WALK_COUNTRY", walk[1])
    log = LogBuilder()
    dates = ["2011", "2013-05", "../2012", "2016-02-03", "2016-02-03", "2019/..", "2014", "../2019", "2018", "2010"]
    for i, date in enumerate(dates):
        partner = {"name": f"Partner {i}", "country": "BY" if i % 3 else "DK"}
        log.record(f"e{i}", title=f"과학기술 협력 {i}" if i % 2 else f"협력 회의 {i}", date=date,
                   kind="visit" if i % 4 else "forum", summary="과학기술 분야의 교류" if i % 3 else "Ministry visit",
                   participants=[MSIT, partner])
    log.correct("e4", title="과학기술 협력 수정본")  # `수정본`: in this title alone (indexed, or pending)
    log.retract("e9")
    for r in log.records:
        await store.apply_page([r])
    if isinstance(store, SQLiteProjectionStore):  # the case asked for: indexed, pending, or both
        async with store.reading() as db:
            (pending,) = await db.fetchone("SELECT count(*) FROM event_search_pending")
            # the index is contentless (no rows to count): the rows it finds for `협력 `, in every title
            (indexed,) = await db.fetchone("""SELECT count(*) FROM event_title_fts WHERE event_title_fts MATCH '"협력 "'""")
        assert (pending, indexed) == {1: (0, 11), 4: (3, 8), 10**6: (11, 0)}[flush_at]

    async def paged(words, country, f: Filters, size: int) -> list[str]:
        got, after = [], None
        while True:
            async with store.reading() as db:
                rows = await search.search(db, country, f, 10**6, size + 1, after)
            got += [bytes(r[0]).split(b'"id":"')[1].split(b'"')[0].decode() for r in rows[:size]]
            if len(rows) <= size:
                return got
            _, _, first, hit, start = rows[size - 1]
            after = (hit, start, first)

    # `ministry`, `없는말`: in no title (SQLite then does not walk the titles: search._in_a_title)
    for words in [("과학기술",), ("협력",), ("ministry",), ("과학기술", "ministry"), ("수정",), ("수정본",), ("없는말",)]:
        for country in (None, "DK", "BY"):
            for f in (Filters(terms=words), Filters(terms=words, kind="forum")):
                want = await reference(store, words, country, f)
                for size in (1, 2, 100):
                    assert await paged(words, country, f, size) == want, (words, country, f, size)
                if country is not None:  # `q` in a timeline: the same versions
                    async with store.reading() as db:
                        rows = await country_timeline.timeline(db, country, f, 10**6, 100)
                    assert sorted(bytes(r[0]).split(b'"id":"')[1].split(b'"')[0].decode() for r in rows) == sorted(want)
    ref = await reference(store, ("과학기술",), None, Filters())  # the cases are not trivial: title hits, then the rest
    assert set(ref[:5]) == {"e1", "e3", "e4", "e5", "e7"} and len(ref) == 9 and ref[-1] in ("e2", "e7")


async def test_a_rebuilt_copy_finds_what_the_live_one_does(store):
    """A shadow's full-text rows go into its index in one go at the end of its load (SQLite:
    none is listed pending while it loads), and the records applied after the load (the
    catch-up before a swap) are found as they come."""
    log = log_of_three()
    await store.apply_page(log.records)
    shadow = await store.create_shadow()
    await shadow.apply_page(log.records)
    if isinstance(shadow, SQLiteProjectionStore):
        await shadow._loaded_all()
        async with shadow.reading() as db:
            assert await db.fetchone("SELECT count(*) FROM event_search_pending") == (0,)
    await shadow.finish_load()
    log.record("late", title="아카데미 과학 축제", date="2020")
    await shadow.apply_page(log.records[-1:])
    await store.apply_page(log.records[-1:])
    await store.swap(shadow)
    assert await found(store, "아카데미") == ["late", "ru", "nasb"]
    assert await found(store, "벨라", "minsk") == ["nasb"]
