"""The query side's store, picked by the `COOPLINE_STORE` URL scheme (the one place that does)."""

from __future__ import annotations

from services.query.store.base import Checkpoint, NotLeader, ProjectionStore, Reader, Unavailable
from shared.settings import SettingsError, sqlite_path

__all__ = ["Checkpoint", "NotLeader", "ProjectionStore", "Reader", "Unavailable", "open_store"]


def open_store(url: str) -> ProjectionStore:
    if url.startswith("sqlite:"):
        from services.query.store.sqlite import SQLiteProjectionStore

        return SQLiteProjectionStore(sqlite_path(url))
    if url.startswith(("postgresql:", "postgres:")):
        from services.query.store.postgres import PostgresProjectionStore

        return PostgresProjectionStore(url)
    raise SettingsError(f"COOPLINE_STORE: the query service supports sqlite:// and postgresql:// stores, got {url.split(':')[0]}://")
