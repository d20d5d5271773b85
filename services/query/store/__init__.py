"""The query side's store, picked by the `COOPLINE_STORE` URL scheme (the one place that does)."""

from __future__ import annotations

from services.query.store.base import Checkpoint, ProjectionStore, Reader, Tx
from shared.settings import SettingsError, sqlite_path

__all__ = ["Checkpoint", "ProjectionStore", "Reader", "Tx", "open_store"]


def open_store(url: str) -> ProjectionStore:
    if url.startswith("sqlite:"):
        from services.query.store.sqlite import SQLiteProjectionStore

        return SQLiteProjectionStore(sqlite_path(url))
    raise SettingsError(f"COOPLINE_STORE: the query service supports only sqlite:// stores for now, got {url.split(':')[0]}://")
