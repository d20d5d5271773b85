"""The follower while behind: the largest pages the feed gives, the next one fetched while
this one is applied; pages far from the head joined into one store transaction of up to
`catch_up_batch` records, pages near it one each; readers woken on each commit."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import msgspec

from services.query.feed_client import MAX_LIMIT, FeedClient
from services.query.follower import Follower
from services.query.store.sqlite import SQLiteProjectionStore
from tests.logbuilder import LogBuilder


def recording_transport(log: LogBuilder, asked: list[tuple[int, int]]) -> httpx.MockTransport:
    async def handler(request: httpx.Request) -> httpx.Response:
        after, limit = int(request.url.params["after"]), int(request.url.params["limit"])
        asked.append((after, limit))
        page = log.page(after, limit)
        if not page.records and float(request.url.params.get("wait", 0)):
            await asyncio.sleep(0.05)
        return httpx.Response(200, content=msgspec.json.encode(page))
    return httpx.MockTransport(handler)


@contextlib.asynccontextmanager
async def behind(tmp_path, events: int, catch_up_batch: int):
    """A follower with `events` records to catch up on (ingest's head already known); yields it with the
    log, its store, the feed requests (after, limit) and the records each transaction applied."""
    log = LogBuilder()
    for i in range(events):
        log.record(i, date=f"{1990 + i % 30}")
    asked: list[tuple[int, int]] = []
    applied: list[int] = []
    store = SQLiteProjectionStore(f"{tmp_path}/p.db")
    await store.open()
    feed = FeedClient("http://feed", None, transport=recording_transport(log, asked))
    follower = Follower(store, feed, page_size=100, poll_wait=0.05, catch_up_batch=catch_up_batch,
                        on_applied=lambda n, seconds: applied.append(n))
    await follower.start()
    follower.head = len(log.records)  # as if ingest had reported its head already
    try:
        yield follower, log, store, asked, applied
    finally:
        await follower.stop()
        await feed.close()
        await store.close()


async def test_catch_up_takes_large_pages_and_prefetches(tmp_path):
    async with behind(tmp_path, 2 * MAX_LIMIT + 300, 2 * MAX_LIMIT) as (follower, log, store, asked, applied):
        assert await follower.wait_until(lambda: follower.applied.position == len(log.records), 30)
        assert (await store.checkpoint()).position == len(log.records)
        # behind → full pages; and page N+1 was asked for as soon as page N arrived
        assert asked[0] == (0, MAX_LIMIT) and asked[1] == (MAX_LIMIT, MAX_LIMIT)
        assert applied[:2] == [2 * MAX_LIMIT, 300]  # two pages joined into one transaction, then the rest
        # caught up → back to page_size
        log.record("late")
        assert await follower.wait_until(lambda: follower.applied.position == len(log.records), 5)
        assert asked[-1][1] == 100


async def test_waiters_wake_on_the_commit(tmp_path):
    async with behind(tmp_path, 1, MAX_LIMIT) as (follower, log, store, asked, applied):
        assert await follower.wait_until(lambda: follower.applied.position >= 1, 5)
        log.record("two")
        assert await follower.wait_until(lambda: follower.applied.position >= 2, 5)
        async with store.reading() as db:
            assert (await db.fetchone("SELECT count(*) FROM event_versions"))[0] == 2


async def test_far_behind_pages_join_into_batches_and_live_pages_do_not(tmp_path):
    async with behind(tmp_path, 9 * MAX_LIMIT + 7, 4 * MAX_LIMIT) as (follower, log, store, asked, applied):
        assert await follower.wait_until(lambda: follower.applied.position == len(log.records), 60)
        # four feed pages per transaction while far behind; the page that ends 7 short of the head
        # commits alone (the next is not awaited near the head); nothing lost or doubled
        assert applied == [4 * MAX_LIMIT, 4 * MAX_LIMIT, MAX_LIMIT, 7]
        async with store.reading() as db:
            assert (await db.fetchone("SELECT count(*) FROM event_versions"))[0] == len(log.records)
        # following: each page its own transaction
        applied.clear()
        for i in range(50):
            log.record(f"live-{i}")
        follower.head = len(log.records)
        assert await follower.wait_until(lambda: follower.applied.position == len(log.records), 10)
        assert applied == [50]
