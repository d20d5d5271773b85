"""`coopline verify` and `coopline backup` against a real ingest process and its SQLite file."""

from __future__ import annotations

import sqlite3
import threading

import httpx
import pytest

from tests.conftest import make_record
from tests.harness import Service
from tests.integration.test_cli import cli  # noqa: F401 - the fixture


@pytest.fixture
def ingest_proc(tmp_path):
    svc = Service("ingest", {"COOPLINE_STORE": f"sqlite:///{tmp_path}/events.db"}, tmp_path / "ingest.log").start()
    yield svc, tmp_path / "events.db"
    svc.stop()


def test_verify_a_sound_log_through_the_feed_and_the_file(cli, ingest_proc):  # noqa: F811
    svc, db = ingest_proc
    with httpx.Client(base_url=svc.url) as client:
        client.post("/v1/events/batch", json=[make_record(i) for i in range(20)]).raise_for_status()
        client.post("/v1/events/test-1/corrections",
                    json={"expected_version": 1, "changes": {"title": "t"}, "reason": "r"}).raise_for_status()
        client.post("/v1/events/test-2/retraction", json={"expected_version": 1, "reason": "dup"}).raise_for_status()
    env = {"COOPLINE_INGEST_URL": svc.url}
    code, out, _ = cli("verify", env=env)
    assert code == 0 and "verified 22 log records: OK" in out
    code, out, _ = cli("verify", "--store", f"sqlite:///{db}", env=env)
    assert code == 0 and "verified 22 log records: OK" in out


def test_verify_reports_defects_and_exits_non_zero(cli, tmp_path):  # noqa: F811
    # a log written by hand, without the triggers that make the real one refuse such rows
    db = sqlite3.connect(tmp_path / "bad.db")
    db.execute("CREATE TABLE log (position INTEGER PRIMARY KEY, id TEXT, subject TEXT, streamversion INTEGER, "
               "type TEXT, time TEXT, actor TEXT, data BLOB)")
    rows = [(1, "a", "x", 1, "coopline.cooperation.recorded", "2026-01-01T00:00:00Z", "t", b'{"id": "x"}'),
            (3, "b", "ghost", 2, "coopline.cooperation.corrected", "2026-01-01T00:00:01Z", "t",
             b'{"changes": {"title": "t"}, "reason": "r"}')]
    db.executemany("INSERT INTO log VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    code, out, err = cli("verify", "--schema", "--store", f"sqlite:///{tmp_path}/bad.db", env={})
    assert code == 1
    assert "schema" in out and "expected position 2" in out and "unknown cooperation 'ghost'" in out
    assert "defect" in err


def test_backup_is_consistent_while_writes_go_on(cli, ingest_proc, tmp_path):  # noqa: F811
    svc, db = ingest_proc
    stop = threading.Event()

    def load():
        with httpx.Client(base_url=svc.url) as client:
            i = 0
            while not stop.is_set():
                client.post("/v1/events/batch", json=[make_record(f"{i}-{j}") for j in range(50)])
                i += 1

    writer = threading.Thread(target=load)
    writer.start()
    try:
        code, out, _ = cli("backup", "--store", f"sqlite:///{db}", str(tmp_path / "copy.db"), env={})
    finally:
        stop.set()
        writer.join()
    assert code == 0 and "backed up" in out
    code, out, _ = cli("verify", "--store", f"sqlite:///{tmp_path}/copy.db", env={})
    assert code == 0, out
    # the destination exists now: no overwrite without --force
    code, _, err = cli("backup", "--store", f"sqlite:///{db}", str(tmp_path / "copy.db"), env={})
    assert code == 1 and "--force" in err
    code, _, err = cli("backup", "--store", "postgresql://x/y", str(tmp_path / "pg.db"), env={})
    assert code == 1 and "pg_dump" in err
