"""The ingest side's store, picked by the `COOPLINE_STORE` URL scheme (the one place that does)."""

from __future__ import annotations

from services.ingest.store.base import LogStore
from shared.settings import sqlite_path


def open_store(url: str) -> LogStore:
    if url.startswith("sqlite:"):
        from services.ingest.store.sqlite import SQLiteLog

        return SQLiteLog(sqlite_path(url))
    from services.ingest.store.postgres import PostgresLog

    return PostgresLog(url)
