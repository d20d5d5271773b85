"""Integration fixtures: the real ingest app on a real SQLite file, through aiohttp's test client."""

from __future__ import annotations

import pytest

from services.ingest.app import create_app
from services.query.drafts.runner import DraftRunner
from shared.auth import TokenTable, token_line
from shared.settings import Settings
from tests.integration.query_pair import running_pair

TOKENS = {"reader": "tok-reader-0123456789", "writer": "tok-writer-0123456789", "admin": "tok-admin-0123456789"}


def auth(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}"}


@pytest.fixture
def tokens_file(tmp_path):
    path = tmp_path / "tokens.txt"
    path.write_text("# test tokens\n" + "\n".join(token_line(f"{r}-bot", r, t) for r, t in TOKENS.items()) + "\n")
    return path


@pytest.fixture
async def ingest(aiohttp_client, tmp_path, tokens_file):
    """A client of the ingest app with tokens configured."""
    settings = Settings(service="ingest", store=f"sqlite:///{tmp_path}/events.db", tokens_file=str(tokens_file))
    app = create_app(settings, TokenTable.load(str(tokens_file)))
    return await aiohttp_client(app)


@pytest.fixture
async def ingest_dev(aiohttp_client, tmp_path):
    """The ingest app in dev mode (no token file)."""
    settings = Settings(service="ingest", store=f"sqlite:///{tmp_path}/dev-events.db")
    return await aiohttp_client(create_app(settings, None))


@pytest.fixture(scope="session")
def draft_runner():
    """One drafting worker process for the whole session (it loads a 500 MiB model, about 5 s),
    started by the first test that drafts; the query apps of `pair` and `pg_pair` use it."""
    runner = DraftRunner(budget=10.0)
    yield runner
    runner.close()


# The ingest and query apps wired together (tests/integration/query_pair.py), on SQLite or on
# PostgreSQL; a module that needs another pair defines its own `pair`.
@pytest.fixture
async def pair(tmp_path, draft_runner):
    async with running_pair(tmp_path, drafts_runner=draft_runner) as p:
        yield p


@pytest.fixture
async def pg_pair(tmp_path, pg_databases, draft_runner):
    async with running_pair(tmp_path, ingest_store=await pg_databases(), query_store=await pg_databases(),
                            drafts_runner=draft_runner) as p:
        yield p
