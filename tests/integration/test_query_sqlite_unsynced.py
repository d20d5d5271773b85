"""The live SQLite projection file writes without syncing under a boot-id marker: a clean close
makes it durable and drops the marker, a dead process keeps its file, a machine crash (a marker
from another boot) discards it for a rebuild from the log, and without a boot id it syncs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from services.query.store import sqlite as sqlite_store
from services.query.store import unsynced
from tests.contract.test_projection_store import feed, history, ids

ROOT = Path(__file__).resolve().parents[2]


def marker(path: str) -> str | None:
    """The marker's text, or None when there is none."""
    try:
        return Path(path + unsynced.SUFFIX).read_text(errors="replace").strip()
    except FileNotFoundError:
        return None


def set_marker(path: str, content: bytes) -> None:
    Path(path + unsynced.SUFFIX).write_bytes(content)


async def synchronous(store: sqlite_store.SQLiteProjectionStore) -> set[int]:
    """PRAGMA synchronous on the writer and on a reader (which runs the WAL checkpoints)."""
    (writer,) = await store._w.execute_fetchall("PRAGMA synchronous")
    (reader,) = await store._read("PRAGMA synchronous", ())
    return {writer[0], reader[0]}


async def test_unsynced_while_open_durable_and_unmarked_after_a_clean_close(tmp_path):
    path = str(tmp_path / "projections.db")
    store = sqlite_store.SQLiteProjectionStore(path)
    await store.open()
    try:
        assert marker(path) == unsynced.boot_id()
        assert await synchronous(store) == {0}  # OFF
        await feed(store, history(5).records)
    finally:
        await store.close()
    assert marker(path) is None
    again = sqlite_store.SQLiteProjectionStore(path)
    assert (await again.open()).position == 5
    await again.close()


def die_after_five_records(path: str) -> None:
    """Another process opens the store, applies five records and dies without closing."""
    script = textwrap.dedent(f"""
        import asyncio, os
        from services.query.store.sqlite import SQLiteProjectionStore
        from tests.contract.test_projection_store import feed, history

        async def main():
            store = SQLiteProjectionStore({path!r})
            await store.open()
            await feed(store, history(5).records)
            os._exit(9)

        asyncio.run(main())
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    assert marker(path) == unsynced.boot_id()


async def test_a_dead_process_keeps_its_projections(tmp_path):
    path = str(tmp_path / "projections.db")
    die_after_five_records(path)
    store = sqlite_store.SQLiteProjectionStore(path)
    try:
        assert (await store.open()).position == 5
        assert len(await ids(store, 5)) == 5
    finally:
        await store.close()


async def test_a_machine_crash_discards_the_file_for_a_rebuild_from_the_log(tmp_path, capsys):
    path = str(tmp_path / "projections.db")
    die_after_five_records(path)
    set_marker(path, b"another-boot\n")  # as if the machine went down
    store = sqlite_store.SQLiteProjectionStore(path)
    try:
        assert (await store.open()).position == 0  # the follower starts again from the log
        assert "projections_discarded" in capsys.readouterr().out
        assert marker(path) == unsynced.boot_id()
        log = history(6)
        await feed(store, log.records)
        assert len(await ids(store, 6)) == 6
    finally:
        await store.close()


async def test_an_unreadable_marker_counts_as_a_crash(tmp_path):
    path = str(tmp_path / "projections.db")
    die_after_five_records(path)
    set_marker(path, b"\xff\xfe")
    store = sqlite_store.SQLiteProjectionStore(path)
    try:
        assert (await store.open()).position == 0
    finally:
        await store.close()


async def test_without_a_boot_id_it_syncs_and_writes_no_marker(tmp_path, monkeypatch):
    monkeypatch.setattr(unsynced, "BOOT_ID", str(tmp_path / "no-such-file"))
    path = str(tmp_path / "projections.db")
    store = sqlite_store.SQLiteProjectionStore(path)
    await store.open()
    try:
        assert await synchronous(store) == {1}  # NORMAL
        await feed(store, history(3).records)
        assert marker(path) is None
    finally:
        await store.close()
    assert marker(path) is None


async def test_a_swap_keeps_the_store_unsynced_and_marked(tmp_path):
    path = str(tmp_path / "projections.db")
    store = sqlite_store.SQLiteProjectionStore(path)
    await store.open()
    try:
        log = history(4)
        await feed(store, log.records)
        shadow = await store.create_shadow()
        await feed(shadow, log.records)
        await shadow.finish_load()
        await store.swap(shadow)
        assert await synchronous(store) == {0}
        assert marker(path) == unsynced.boot_id()
        assert len(await ids(store, 4)) == 4
    finally:
        await store.close()
    assert marker(path) is None


async def test_a_marker_that_cannot_be_written_means_synced_writes(tmp_path, monkeypatch, capsys):
    def full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(unsynced, "mark", full)
    path = str(tmp_path / "projections.db")
    store = sqlite_store.SQLiteProjectionStore(path)
    await store.open()  # it still starts, and serves
    try:
        assert await synchronous(store) == {1}  # NORMAL
        assert "projections_synced" in capsys.readouterr().out
        await feed(store, history(2).records)
        assert len(await ids(store, 2)) == 2
    finally:
        await store.close()
    assert marker(path) is None
