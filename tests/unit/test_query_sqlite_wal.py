"""The live SQLite store's WAL stays bounded while pages are applied back to back (checkpoints
run beside the writer, and inside its COMMIT once the WAL is large, so the WAL rewinds)."""

from __future__ import annotations

import os

from services.query.store.sqlite import SQLiteProjectionStore
from tests.logbuilder import LogBuilder


def size(path: str) -> int:
    return os.path.getsize(path)


async def test_wal_is_bounded_during_a_catch_up(tmp_path):
    log = LogBuilder()
    for i in range(6000):
        log.record(i, date=f"{1990 + i % 30}", summary="x" * 400)
    path = f"{tmp_path}/p.db"
    store = SQLiteProjectionStore(path)
    await store.open()
    try:
        biggest = 0
        for lo in range(0, len(log.records), 100):
            await store.apply_page(log.records[lo:lo + 100])
            biggest = max(biggest, size(path + "-wal"))
        assert size(path) > 4 * 2**20  # the data went to the file…
        assert biggest < 12 * 2**20  # …and the WAL was rewound along the way
        assert (await store.checkpoint()).position == len(log.records)
    finally:
        await store.close()
