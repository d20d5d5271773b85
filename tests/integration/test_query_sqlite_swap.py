"""A SQLite swap whose file replacement fails (disk full, permissions) leaves the live store
serving its old file, whole, on fresh connections."""

from __future__ import annotations

import pytest

from services.query.store import sqlite as sqlite_store
from tests.contract.test_projection_store import feed, history, ids


async def test_a_failed_replace_leaves_the_old_store_serving(tmp_path, monkeypatch):
    store = sqlite_store.SQLiteProjectionStore(str(tmp_path / "projections.db"))
    await store.open()
    try:
        log = history(4)
        await feed(store, log.records)
        shadow = await store.create_shadow()
        await feed(shadow, log.records[:2])
        await shadow.finish_load()

        def refuse(*_args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(sqlite_store.schema, "replace", refuse)
        with pytest.raises(OSError):
            await store.swap(shadow)
        assert (await store.checkpoint()).position == 4
        assert len(await ids(store, 4)) == 4  # the old file, whole
        log.record("after", date="2025")
        await feed(store, log.records[4:])  # and it keeps taking pages
        assert (await ids(store, 5))[-1] == "after"
    finally:
        await store.close()
