"""Both services running together on real ports: the ingest app and the query app following it.

A test module declares its fixture with `running_pair`:

    @pytest.fixture
    async def pair(tmp_path):
        async with running_pair(tmp_path) as p:
            yield p
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import msgspec
from aiohttp.test_utils import TestClient, TestServer

from services.ingest.app import create_app as create_ingest
from services.query.app import create_app as create_query
from services.query.feed_client import FeedClient
from shared.auth import TokenTable
from shared.log_record import LogRecord
from shared.settings import Settings
from tests.conftest import free_port
from tests.logbuilder import LogBuilder


@dataclass
class Pair:
    tmp_path: object
    ingest_port: int
    ingest: TestClient | None = None
    query: TestClient | None = None
    ingest_store: str | None = None  # COOPLINE_STORE URLs; by default SQLite files in tmp_path
    query_store: str | None = None

    @property
    def ingest_url(self) -> str:
        return f"http://127.0.0.1:{self.ingest_port}"

    async def start_ingest(self) -> None:
        settings = Settings(service="ingest", store=self.ingest_store or f"sqlite:///{self.tmp_path}/events.db")
        self.ingest = TestClient(TestServer(create_ingest(settings, None), port=self.ingest_port))
        await self.ingest.start_server()

    async def stop_ingest(self) -> None:
        await self.ingest.close()

    async def start_query(self, tokens: TokenTable | None = None, *, fill_at: int | None = None,
                          started: bool = True, **options) -> TestClient:
        """`fill_at`: COOPLINE_FILL_AT (default its setting's); `started` False: the app is made,
        not started (the test starts it: `await pair.query.start_server()`)."""
        settings = Settings(service="query", store=self.query_store or f"sqlite:///{self.tmp_path}/projections.db",
                            ingest_url=self.ingest_url, port=0, **({} if fill_at is None else {"fill_at": fill_at}))
        self.query = TestClient(TestServer(create_query(settings, tokens, poll_wait=1.0, **options)))
        if started:
            await self.query.start_server()
        return self.query

    async def post(self, path: str, body) -> dict:
        r = await self.ingest.post(path, json=body)
        assert r.status in (200, 201), await r.text()
        return await r.json()

    async def get(self, path: str, status: int = 200):
        r = await self.query.get(path)
        assert r.status == status, await r.text()
        return await r.json() if r.content_type.endswith("json") else await r.text()

    async def log(self) -> list[LogRecord]:
        r = await self.ingest.get("/v1/log?after=0&limit=5000")
        return msgspec.json.decode(await r.read(), type=dict[str, list[LogRecord] | int])["records"]

    async def replay(self, upto: int) -> TestClient:
        """A second query app built from scratch from the first `upto` records of the log
        (always on SQLite: a reference to compare the pair's stores with)."""
        log = LogBuilder()
        log.records = await self.log()
        settings = Settings(service="query", store=f"sqlite:///{self.tmp_path}/replay-{upto}.db", port=0)
        feed = FeedClient("http://feed", None, transport=log.feed_transport(upto))
        client = TestClient(TestServer(create_query(settings, None, feed=feed, poll_wait=1.0)))
        await client.start_server()
        return client


@contextlib.asynccontextmanager
async def running_pair(tmp_path, *, ingest_store: str | None = None, query_store: str | None = None,
                       **query_options):
    """`query_options` go to the query app's `create_app` (e.g. `drafts_runner`)."""
    p = Pair(tmp_path, free_port(), ingest_store=ingest_store, query_store=query_store)
    await p.start_ingest()
    await p.start_query(**query_options)
    try:
        yield p
    finally:
        await p.query.close()
        await p.ingest.close()
