"""Fixtures every test layer shares: settings, records, PostgreSQL databases, free ports."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import uuid

import pytest

from shared.settings import Settings

PG_ADMIN_DSN = os.environ.get("COOPLINE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_record(n: int | str = 1, **over) -> dict:
    """A valid record body; `over` replaces top-level fields."""
    rec = {
        "id": f"test-{n}",
        "kind": "signing",
        "date": "2018-06-22",
        "title": f"한-러 혁신 플랫폼 MOU {n}",
        "participants": [
            {"name": "과학기술정보통신부", "name_en": "MSIT", "country": "KR", "type": "government", "role": "signatory"},
            {"name": "Ministry of Economic Development", "country": "ru", "type": "government", "role": "signatory"},
        ],
        "place": {"city": "Moscow", "country": "RU"},
        "sectors": ["ict", "startups"],
        "sources": [{"publisher": "이뉴스투데이", "title": "한러 혁신 플랫폼", "published": "2018-06"}],
    }
    rec.update(over)
    return rec


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(service="ingest", store=f"sqlite:///{tmp_path}/events.db", port=0)


def _pg_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def require_postgres() -> None:
    """In CI an unreachable PostgreSQL fails the run; on a laptop it skips."""
    if _pg_reachable():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432 (CI=true: this is a failure, not a skip)")
    pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")


async def _create_database() -> str:
    import asyncpg

    name = f"coopline_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return name


async def _drop_database(name: str) -> None:
    import asyncpg

    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def pg_database():
    """A fresh, empty PostgreSQL database for one test; dropped afterwards. Yields its URL."""
    require_postgres()
    name = await _create_database()
    yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    await _drop_database(name)


@pytest.fixture
async def pg_databases():
    """`await pg_databases()` → the URL of another fresh database; all dropped afterwards."""
    require_postgres()
    names: list[str] = []

    async def make() -> str:
        names.append(await _create_database())
        return f"postgresql://postgres@127.0.0.1:5432/{names[-1]}"

    yield make
    for name in names:
        await _drop_database(name)


# -- running a hardening suite on both backends -------------------------------------------------
# `@pytest.fixture(params=BACKENDS)` (or `pytest.mark.parametrize("backend", BACKENDS)`): the
# PostgreSQL case is marked `postgres`, skips on a laptop without it and fails in CI.
BACKENDS = [pytest.param("sqlite", id="sqlite"), pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)]


@contextlib.contextmanager
def postgres_database(password: str | None = None):
    """A fresh PostgreSQL database for sync code (module fixtures, real processes); → its URL.
    `password` is put in the URL (the local server trusts loopback, so any password works):
    tests use it to check that no log line shows it."""
    require_postgres()
    name = asyncio.run(_create_database())
    user = f"postgres:{password}" if password else "postgres"
    try:
        yield f"postgresql://{user}@127.0.0.1:5432/{name}"
    finally:
        asyncio.run(_drop_database(name))


@contextlib.contextmanager
def store_url(backend: str, directory, filename: str, password: str | None = None):
    """COOPLINE_STORE for `backend`: a SQLite file in `directory`, or a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield f"sqlite:///{directory}/{filename}"
    else:
        with postgres_database(password) as url:
            yield url
