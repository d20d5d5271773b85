"""The organisations projection on every backend: grouping by `org`, or by country and exact
name under a stable derived id; counts, names, partners and timelines as of a position."""

from __future__ import annotations

import hashlib

import pytest

from services.query.projections import organisation_reads as reads
from services.query.projections.country_timeline import _FIRST, _LAST
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
            assert await grouped(db, at, 100, None) == [(r["org"], r["events"]) for r in rows]
            assert await grouped(db, at - 1, 100, None) is None  # behind the head: grouped from the rows
    assert [(r["org"], r["events"]) for r in rows] == [("by.nasb", 2), ("kr.msit", 1),
                                                       (derived_id("DK", "Danish Agency"), 1)]


async def _none():
    return None


# The list as it was defined before the reads walked indexes: everything grouped from the rows
# valid at the position. The walks must give the same at every position.
_GROUPED = (f"SELECT c.org, count(*), {_FIRST}, {_LAST} FROM event_orgs c JOIN event_versions v ON v.vid = c.vid "
            "WHERE c.vid <= {at} AND (v.valid_to IS NULL OR v.valid_to > {at}) GROUP BY c.org")
_FORMS = ("SELECT c.org, c.name, c.name_en, c.country, c.type, min(c.vid), max(c.vid) FROM event_orgs c "
          "JOIN event_versions v ON v.vid = c.vid WHERE c.vid <= {at} AND (v.valid_to IS NULL OR v.valid_to > {at}) "
          "GROUP BY c.org, c.name, c.name_en, c.country, c.type")

_PARTNERS = ("SELECT x.org, count(*) FROM event_orgs c JOIN event_versions v ON v.vid = c.vid JOIN event_orgs x "
             "ON x.vid = c.vid AND x.org <> c.org WHERE c.org = '{org}' AND c.vid <= {at} AND (v.valid_to IS NULL "
             "OR v.valid_to > {at}) GROUP BY x.org ORDER BY count(*) DESC, x.org")


async def grouped(store, at: int) -> list[dict]:
    async with store.reading() as db:
        counted = await db.fetchall(_GROUPED.format(at=int(at)))
        forms = await db.fetchall(_FORMS.format(at=int(at)))
    out = []
    for org, n, first, last in counted:
        mine = [f for f in forms if f[0] == org]
        seen: list[str] = []
        for f in sorted(mine, key=lambda f: f[5]):
            seen += [x for x in f[1:3] if x and x not in seen]
        _, name, name_en, country, kind, _, _ = max(mine, key=lambda f: f[6])
        out.append({"org": org, "name": name, "name_en": name_en, "names": seen, "country": country, "type": kind,
                    "events": n, "first": first, "last": last, "_countries": {f[3] for f in mine},
                    "_text": " ".join(f"{f[1]} {f[2] or ''} {org}".lower() for f in mine)})
    return sorted(out, key=lambda r: (-r["events"], r["org"]))


def _public(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


async def test_the_walked_reads_equal_the_grouped_rows_at_every_position(store):
    """first, last, names and the latest form walk indexes and stop at the first row valid at
    the position; at every position of a history that corrects away the version holding an
    organisation's first date and the one holding its last, retracts, renames (and renames
    back), moves events between organisations and has open starts and ends, every list — all,
    by country, by words, one organisation, the drafter's `known` — equals the rows grouped."""
    nasb_old = {k: v for k, v in NASB.items() if k != "name_en"} | {"name": "벨라루스 과학원"}  # no English name
    log = LogBuilder()
    log.record("a", date="2014-03", participants=[MSIT, NASB])  # 1: NASB's first date (2014-03-01)
    log.record("b", date="../2016", participants=[MSIT, nasb_old])  # 2: an open start; another form
    log.record("c", date="2018/..", participants=[NASB_RENAMED, DK])  # 3: open end: last = its start
    log.record("d", date="2017-05-02", participants=[MSIT, DK, {"name": "Tekes", "country": "FI", "org": "Q1"}])
    log.correct("a", date="2015-06")  # 5: the version holding NASB's first date goes; first = 2015-06-01
    log.correct("c", participants=[NASB, DK])  # 6: back to the first name: latest form changes back
    log.retract("d")  # 7: DK's and Tekes's last date and Tekes itself go
    log.record("e", date="2020/2022", participants=[{**DK, "name_en": "DA"}, NASB])  # 8
    log.correct("b", participants=[MSIT, NASB])  # 9: the old form's only row goes: not in `names` any more
    log.correct("e", participants=[{**DK, "name_en": "DA"}, {**NASB, "country": "DK"}])  # 10: NASB recorded as DK
    log.record("f", date="2013", participants=[{"name": "Tekes", "country": "FI", "org": "Q1"}])  # 11
    log.record("g", date="2024", participants=[{**DK, "name_en": "Danish Agnecy"}])  # 12: a typo…
    log.correct("g", participants=[{**DK, "name_en": "Danish Agency"}])  # 13: …corrected in the same page
    for page in [[r] for r in log.records[:9]] + [log.records[9:11], log.records[11:]]:
        head = (await store.apply_page(page)).position  # the head's list (kept counts) after every page
        await _same_as_grouped(store, range(head - 1, head + 1) if head < len(log.records) else range(head + 1))
    nasb = next(r for r in await listing(store) if r["org"] == "by.nasb")
    # a: 2015-06 (its 2014-03 version corrected away), e: to 2022; names in order of first use
    # among the versions there: the old form (only in b's first version) is gone
    assert (nasb["first"], nasb["last"], nasb["events"]) == ("2015-06-01", "2022-12-31", 4)
    assert nasb["names"] == ["벨라루스 국립과학아카데미", "NASB"] and nasb["country"] == "DK"
    at4 = next(r for r in await listing(store, at=4) if r["org"] == "by.nasb")
    assert at4["first"] == "2014-03-01" and at4["names"] == ["벨라루스 국립과학아카데미", "NASB", "벨라루스 과학원",
                                                             "벨라루스 과학아카데미"]
    assert at4["name"] == "벨라루스 과학아카데미"


async def _same_as_grouped(store, positions) -> None:
    for at in positions:
        want = await grouped(store, at)
        assert _public(want) == await listing(store, at=at), at
        for country in ("BY", "DK", "FI", "KR"):
            assert _public([r for r in want if country in r["_countries"]]) == await listing(
                store, at=at, country=country), (at, country)
        for terms in (("nasb",), ("과학",), ("아카데미", "nasb"), ("da",), ("q1",), ("원",), ("agnecy",)):
            assert _public([r for r in want if all(t in r["_text"] for t in terms)]) == await listing(
                store, at=at, terms=terms), (at, terms)
        async with store.reading() as db:
            for r in want:
                found, partners = await reads.profile(db, at, r["org"])
                assert _public([r]) == [found], (at, r["org"])
                assert [(x["org"], x["events"]) for x in partners] == await db.fetchall(_PARTNERS.format(
                    at=at, org=r["org"])), (at, r["org"])
                named = {x["org"]: x for x in want}
                for x in partners:  # each partner named as the list names it
                    keys = ("org", "name", "name_en", "names", "country", "type")
                    assert x == {**{k: named[x["org"]][k] for k in keys}, "events": x["events"]}, (at, x)
            assert (await reads.profile(db, at, "kr.nothing"))[0] is None
            assert await reads.known(db, at, 10) == [{"org": r["org"], "names": r["names"], "country": r["country"],
                                                      "type": r["type"]} for r in want if ":" not in r["org"]]
            for size in (1, 2):  # pages of the list
                got, after = [], None
                while True:
                    rows = await reads.listing(db, at, None, (), size + 1, after)
                    got += rows[:size]
                    if len(rows) <= size:
                        break
                    after = (rows[size - 1]["events"], rows[size - 1]["org"])
                assert got == _public(want), (at, size)


async def _kept_exact(store) -> None:
    """The `last` and the forms' first and latest version kept at the head equal the ones
    grouped from the rows live there."""
    async with store.reading() as db:
        counts = await db.fetchall("SELECT org, last_key, at_last FROM org_counts WHERE events > 0 ORDER BY org")
        forms = await db.fetchall("SELECT org, form, first_vid, latest_vid FROM org_forms WHERE events > 0 "
                                  "ORDER BY org, form")
        live = "FROM event_orgs c JOIN event_versions v ON v.vid = c.vid WHERE v.valid_to IS NULL"
        maxima = await db.fetchall(f"SELECT c.org, max(c.last_key) {live} GROUP BY c.org ORDER BY c.org")
        want = []
        for org, lk in maxima:
            (n,) = await db.fetchone(f"SELECT count(*) {live} AND c.org = '{org}' AND c.last_key = '{lk}'")
            want.append((org, lk, n))
        assert [tuple(r) for r in counts] == want
        assert [tuple(r) for r in forms] == [tuple(r) for r in await db.fetchall(
            f"SELECT c.org, c.form, min(c.vid), max(c.vid) {live} GROUP BY c.org, c.form ORDER BY c.org, c.form")]


async def test_the_extremes_kept_at_the_head_are_recomputed_when_the_version_holding_them_goes(store):
    """An organisation's `last` and its forms' first and latest use are kept at the head; when
    the version holding one is corrected or retracted it is found again among the rows left —
    at the head and at every `as_of` (where they are grouped from the rows valid there)."""
    renamed = {**NASB, "name_en": "NAS of Belarus"}
    log = LogBuilder()
    log.record("a", date="2015", participants=[NASB])  # 1: NASB's first form: first use
    log.record("b", date="2019-05", participants=[NASB, DK])  # 2: NASB's and DK's last (2019-05-31)
    log.record("c", date="2019-05-31", participants=[NASB])  # 3: the same last day: two rows hold it
    log.record("d", date="2016", participants=[renamed])  # 4: the latest form
    log.retract("b")  # 5: one of two holding the last goes: still 2019-05-31; DK has no event left
    log.retract("d")  # 6: the only row of the latest form goes: NASB's name is the first form's again
    log.correct("c", date="2018")  # 7: the other holding the last goes: it is recomputed (2018-12-31)
    log.correct("a", participants=[renamed])  # 8: the first form's first use goes: its first use is now c
    log.record("e", date="../2030", participants=[DK])  # 9: an open start holds DK's last
    log.correct("e", date="2010/2011", participants=[DK])  # 10: in the same page: DK's last is 2011-12-31
    log.retract("c")  # 11: NASB's last, first form's only row: the renamed form alone
    for page in [[r] for r in log.records[:8]] + [log.records[8:10], log.records[10:]]:
        head = (await store.apply_page(page)).position
        await _kept_exact(store)
        await _same_as_grouped(store, range(head - 1, head + 1))
    nasb = next(r for r in await listing(store) if r["org"] == "by.nasb")
    assert (nasb["first"], nasb["last"], nasb["name_en"], nasb["names"]) == (
        "2015-01-01", "2015-12-31", "NAS of Belarus", ["벨라루스 국립과학아카데미", "NAS of Belarus"])
    at5, at6, at7 = [next(r for r in await listing(store, at=at) if r["org"] == "by.nasb") for at in (5, 6, 7)]
    assert (at5["last"], at5["name_en"]) == ("2019-05-31", "NAS of Belarus")
    assert (at6["last"], at6["name_en"], at6["names"]) == ("2019-05-31", "NASB", ["벨라루스 국립과학아카데미", "NASB"])
    assert (at7["last"], at7["name_en"]) == ("2018-12-31", "NASB")
    dk = next(r for r in await listing(store) if r["org"] == derived_id("DK", "Danish Agency"))
    assert (dk["first"], dk["last"], dk["events"]) == ("2010-01-01", "2011-12-31", 1)


# The plans an organisation's rows are read by (organisations.DENSE, organisation_reads._SCAN):
# as the log has them, every organisation dense, none (each sparse one's rows grouped along the
# index), none (one pass over every row).
PLANS = {"as is": {}, "all dense": {"DENSE": 10**9}, "none dense, by index": {"DENSE": 0, "_SCAN": 0},
         "none dense, one pass": {"DENSE": 0, "_SCAN": 10**9}}


@pytest.mark.parametrize("plan", list(PLANS))
async def test_the_extremes_kept_stay_exact_through_many_corrections_and_a_rebuild(store, plan, monkeypatch):
    """A history of records, corrections and retractions over a few organisations, forms and
    dates (ties of `last` among them), in pages of every size: after every page the kept
    extremes equal the grouped ones and every list equals the rows grouped, whichever plan
    reads the rows; a rebuild (whose load reads no state and refreshes the organisations it
    removed rows of) keeps them too."""
    import random

    from services.query.projections import organisations

    for name, value in PLANS[plan].items():
        monkeypatch.setattr(organisations if name == "DENSE" else reads, name, value)  # `dense()` reads it there
    rng = random.Random(12)
    people = [NASB, NASB_RENAMED, {**NASB, "name_en": "NAS"}, DK, {**DK, "type": "agency"}, MSIT,
              {"name": "Tekes", "country": "FI", "org": "Q1"}, {"name": "Tekes", "country": "FI", "org": "Q1",
                                                                 "name_en": "Business Finland"}]
    dates = ["2015", "2016-03", "2016-03-31", "2019", "2019-12-31", "../2019", "2017/..", "2014-02/2019-12"]
    log, live = LogBuilder(), []
    for i in range(60):
        roll = rng.random()
        parts = rng.sample(people, rng.randint(1, 3))
        parts = [p for j, p in enumerate(parts) if p.get("org") not in {q.get("org") for q in parts[:j]} or
                 p.get("org") is None]
        if roll < 0.5 or len(live) < 3:
            live.append(f"e{i}")
            log.record(f"e{i}", date=rng.choice(dates), participants=parts)
        elif roll < 0.85:
            log.correct(rng.choice(live), **rng.choice([{"date": rng.choice(dates)}, {"participants": parts}]))
        else:
            log.retract(live.pop(rng.randrange(len(live))))
    cuts = sorted(rng.sample(range(1, len(log.records)), 14))
    pages = [log.records[a:b] for a, b in zip([0, *cuts], [*cuts, len(log.records)], strict=True)]
    for page in pages:
        head = (await store.apply_page(page)).position
        await _kept_exact(store)
        await _same_as_grouped(store, (head - len(page), head))
    shadow = await store.create_shadow()
    for page in pages[:-2]:
        await shadow.apply_page(page)
    await shadow.finish_load()
    for page in pages[-2:]:  # the catch-up after the load reads state as a live page does
        await shadow.apply_page(page)
    await store.swap(shadow)
    await _kept_exact(store)
    await _same_as_grouped(store, (head,))
