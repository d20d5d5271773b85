"""The projection store contract, run against every backend (SQLite and PostgreSQL)."""

from __future__ import annotations

import os

import asyncpg
import msgspec
import pytest

from services.query.projections import country_timeline
from services.query.projections.country_timeline import Filters
from services.query.store import open_store
from services.query.store.base import Checkpoint, ProjectionStore
from shared.log_record import page_decoder
from tests.logbuilder import LogBuilder

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=[pytest.param(b, marks=pytest.mark.postgres) if b == "postgresql" else b for b in BACKENDS])
def store_url(request, tmp_path) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("pg_database")  # a fresh database; fails in CI if unreachable
    return f"sqlite:///{tmp_path}/projections.db"


@pytest.fixture
async def store(store_url):
    s = open_store(store_url)
    await s.open()
    yield s
    await s.close()


async def feed(store: ProjectionStore, records) -> Checkpoint:
    return await store.apply_page(records)


async def ids(store: ProjectionStore, at: int, country: str = "KR") -> list[str]:
    async with store.reading() as db:
        rows = await country_timeline.timeline(db, country, Filters(), at, 1000)
    return [bytes(r[0]).split(b'"id":"')[1].split(b'"')[0].decode() for r in rows]


async def shadow_exists(store_url: str) -> bool:
    if store_url.startswith("sqlite:"):
        return os.path.exists(store_url.removeprefix("sqlite:///") + ".shadow")  # noqa: ASYNC240
    conn = await asyncpg.connect(store_url)
    try:
        return await conn.fetchval("SELECT count(*) FROM pg_namespace WHERE starts_with(nspname, 'coopline_shadow_')") > 0
    finally:
        await conn.close()


def history(n: int) -> LogBuilder:
    log = LogBuilder()
    for i in range(n):
        log.record(i, date=f"20{10 + i % 10}")
    return log


async def test_empty_store_checkpoint_and_ping(store):
    assert await store.checkpoint() == Checkpoint(0, "")
    assert await store.ping()


async def test_rows_and_checkpoint_commit_together(store, monkeypatch):
    log = history(3)
    cp = await feed(store, log.records[:2])
    assert cp == Checkpoint(2, log.time_of(2)) == await store.checkpoint()

    def fails(changes, out):  # a projection that fails after the others added their rows
        raise ZeroDivisionError

    monkeypatch.setattr(country_timeline, "project", fails)
    with pytest.raises(ZeroDivisionError):
        await feed(store, log.records[2:])
    monkeypatch.undo()
    assert await store.checkpoint() == cp and await ids(store, 3) == ["test-0", "test-1"]


async def test_update_sees_rows_inserted_earlier_in_the_same_transaction(store):
    log = history(1)
    log.correct("test-0", date="2001")
    log.correct("test-0", date="2002")
    await feed(store, log.records)
    async with store.reading() as db:
        rows = await db.fetchall("SELECT vid, valid_to FROM event_versions ORDER BY vid")
    assert rows == [(1, 2), (2, 3), (3, None)]


async def test_data_survives_reopen(store_url):
    s = open_store(store_url)
    await s.open()
    log = history(4)
    await feed(s, log.records)
    await s.close()
    again = open_store(store_url)
    assert (await again.open()).position == 4
    assert len(await ids(again, 4)) == 4
    await again.close()


async def test_shadow_diff_and_swap(store):
    log = history(5)
    await feed(store, log.records)
    shadow = await store.create_shadow()
    await feed(shadow, log.records[:3])
    await shadow.finish_load()
    log.correct("test-1", title="changed")
    await feed(shadow, log.records[3:])
    assert await store.diff(shadow) == {"added": 0, "removed": 0, "changed": 1}
    cp = await store.swap(shadow)
    assert cp.position == 6 and await store.checkpoint() == cp
    assert len(await ids(store, 6)) == 5
    # the follower carries on: more records apply on top of the swapped-in copy
    log.record("later", date="2025")
    await feed(store, log.records[6:])
    assert (await ids(store, 7))[-1] == "later"


async def test_discarded_and_leftover_shadows_are_removed(store, store_url):
    shadow = await store.create_shadow()
    await feed(shadow, history(2).records)
    await shadow.discard()
    assert not await shadow_exists(store_url)
    # a crash mid-rebuild leaves a shadow behind: the next open deletes it and keeps the live data
    await feed(store, history(1).records)
    leftover = await store.create_shadow()
    await feed(leftover, history(2).records)
    await leftover.close()
    await store.close()
    assert await shadow_exists(store_url)
    reopened = open_store(store_url)
    assert (await reopened.open()).position == 1
    assert not await shadow_exists(store_url)
    await reopened.close()
    await store.open()  # the fixture closes it


async def test_diff_counts_added_removed_changed(store):
    live = LogBuilder()
    live.record("same")
    live.record("only-live")
    live.record("retracted-later")
    await feed(store, live.records)
    other = LogBuilder()
    other.record("same")
    other.record("only-shadow")
    other.record("retracted-later")
    other.retract("retracted-later")
    shadow = await store.create_shadow()
    await feed(shadow, other.records)
    assert await store.diff(shadow) == {"added": 1, "removed": 1, "changed": 1}
    await shadow.discard()


async def test_apply_page_commits_rows_and_checkpoint_together(store):
    log = history(3)
    cp = await store.apply_page(log.records[:2])
    assert cp == Checkpoint(2, log.time_of(2)) == await store.checkpoint()
    bad = log.records[2]
    broken = type(bad)(**{**{f: getattr(bad, f) for f in bad.__struct_fields__}, "data": msgspec.Raw(b'{"not": "a record"}')})
    with pytest.raises(Exception):  # noqa: B017 - whatever the fold raises, nothing of the page stays
        await store.apply_page([broken])
    assert await store.checkpoint() == cp and await ids(store, 3) == ["test-0", "test-1"]
    assert (await store.apply_page(log.records[2:])).position == 3
    assert await ids(store, 3) == ["test-0", "test-1", "test-2"]


async def test_apply_page_on_a_shadow_then_swap(store):
    log = history(4)
    await store.apply_page(log.records)
    shadow = await store.create_shadow()
    await shadow.apply_page(log.records[:2])
    await shadow.apply_page(log.records[2:])
    await shadow.finish_load()
    assert await store.diff(shadow) == {"added": 0, "removed": 0, "changed": 0}
    assert (await store.swap(shadow)).position == 4
    assert await ids(store, 4) == ["test-0", "test-1", "test-2", "test-3"]


async def test_unknown_record_types_and_envelope_attributes_are_skipped_as_the_checkpoint_moves(store):
    """The log may carry records of other types (a release tag) and envelope attributes this
    code does not know (`hash`): every projection skips them, the checkpoint moves past them."""
    log = history(2)
    log._append("coopline.release.tagged", "release:2026-12",
                msgspec.json.encode({"name": "2026-12", "note": "first", "position": 2, "hash": "ab" * 32}))
    log.record("after", date="2020")
    body = msgspec.json.encode({"records": [{**msgspec.json.decode(msgspec.json.encode(r)), "hash": "cd" * 32}
                                            for r in log.records],
                                "head": 4})
    page = page_decoder.decode(body)
    assert (await store.apply_page(page.records[:3])).position == 3  # a page that ends on the tag
    assert await store.checkpoint() == Checkpoint(3, log.time_of(3))
    assert (await store.apply_page(page.records[3:])).position == 4
    assert await ids(store, 4) == ["test-0", "test-1", "after"]
    async with store.reading() as db:
        assert await db.fetchall("SELECT count(*) FROM event_versions") == [(3,)]
