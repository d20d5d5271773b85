"""The ingest service under faults (issue 7), as a real process on SQLite.

* The disk fills up: writes get 503 problem+json with Retry-After, nothing is half-written,
  /readyz says so, and writes succeed again — without a restart — once space returns.
* The database is read-only: the service refuses to start with one clear line, and starts
  with the log intact once it is writable again.
* Clients vanish mid-request: no 5xx, no half-written record, the server keeps serving.
* A thousand abandoned long polls: file descriptors and memory return to about the baseline,
  and the server answers quickly meanwhile.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import psutil
import pytest

from tests.conftest import make_record
from tests.e2e.conftest import cannot_stage, fill_disk
from tests.harness import ROOT, Service

pytestmark = pytest.mark.slow
PROBLEM = "application/problem+json"


def ingest(tmp_path, store_dir=None, **env) -> Service:
    store_dir = store_dir or tmp_path
    base = {"COOPLINE_STORE": f"sqlite:///{store_dir}/events.db", "COOPLINE_LOG_FORMAT": "json"}
    return Service("ingest", {**base, **env}, tmp_path / "ingest.log")


def whole_log(url: str) -> list[dict]:
    out, after = [], 0
    while True:
        r = httpx.get(f"{url}/v1/log", params={"after": after, "limit": 5000}, timeout=10)
        assert r.status_code == 200, r.text
        page = r.json()
        if not page["records"]:
            return out
        out += page["records"]
        after = page["records"][-1]["position"]


def assert_sound(url: str) -> list[dict]:
    """The log reads back whole: gapless positions, each record id once, consecutive stream versions."""
    log = whole_log(url)
    assert [r["position"] for r in log] == list(range(1, len(log) + 1))
    assert len({r["id"] for r in log}) == len(log)
    versions: dict[str, int] = {}
    for r in log:
        assert r["streamversion"] == versions.get(r["subject"], 0) + 1
        versions[r["subject"]] = r["streamversion"]
    return log


def no_server_errors(svc: Service) -> None:
    for line in svc.logs().splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            assert entry.get("status", 0) < 500 or entry.get("event") != "request", line
            assert entry.get("event") != "unhandled_error", line


# -- (a) disk full (the `small_disk` fixture is in tests/e2e/conftest.py) -------------------------
def test_disk_full_gives_503_writes_nothing_half_and_recovers_without_restart(tmp_path, small_disk):
    svc = ingest(tmp_path, small_disk).start()
    try:
        with httpx.Client(base_url=svc.url, timeout=15) as c:
            for i in range(5):
                assert c.post("/v1/events", json=make_record(f"before-{i}")).status_code == 201
            fill_disk(small_disk / "filler")
            statuses, refused, acked = [], None, {f"test-before-{i}" for i in range(5)}
            for i in range(200):  # big bodies: the WAL needs new pages soon
                rec = make_record(f"full-{i}", summary="x" * 4000)
                r = c.post("/v1/events", json=rec)
                statuses.append(r.status_code)
                if r.status_code == 201:
                    acked.add(rec["id"])
                elif r.status_code == 503:
                    refused = r
                    break
            assert refused is not None, f"no write was refused on a full disk: {statuses}"
            assert set(statuses) <= {201, 503}
            assert refused.headers["content-type"].startswith(PROBLEM)
            assert int(refused.headers["Retry-After"]) > 0
            assert refused.json()["status"] == 503 and "nothing was appended" in refused.json()["detail"]
            ready = c.get("/readyz")
            assert ready.status_code == 503 and ready.json()["store"] == "not writable", ready.text
            # more writes keep being refused cleanly; reads still work and show no partial record
            assert c.post("/v1/events/batch", json=[make_record(f"b-{i}", summary="y" * 4000) for i in range(20)]).status_code == 503
            log = assert_sound(svc.url)
            assert {r["subject"] for r in log} == acked
            # space returns: the very next write succeeds, no restart
            (small_disk / "filler").unlink()
            r = c.post("/v1/events", json=make_record("after-1"))
            assert r.status_code == 201, r.text
            assert c.get("/readyz").status_code == 200
            assert c.post("/v1/events/batch", json=[make_record(f"after-b{i}") for i in range(10)]).status_code == 201
        log = assert_sound(svc.url)
        assert {"test-after-1", "test-after-b9"} <= {r["subject"] for r in log}
        no_server_errors(svc)
    finally:
        svc.stop()
    # and the database is intact for the next start
    svc = ingest(tmp_path, small_disk).start()
    try:
        assert len(assert_sound(svc.url)) == len(log)
    finally:
        svc.stop()


def _chattr(flag: str, *paths) -> subprocess.CompletedProcess:
    return subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True, text=True, timeout=10)


def test_read_only_database_refuses_to_start_with_one_clear_line_then_recovers(tmp_path):
    """An immutable database file and directory (root ignores chmod, not the immutable flag).

    Linux lets a process keep writing through descriptors it opened before the flag was set,
    so a database turning read-only under a running service cannot be staged this way; the
    running case's 503 path is the one the full-disk test above exercises."""
    store = tmp_path / "db"
    store.mkdir()
    svc = ingest(tmp_path, store).start()
    with httpx.Client(base_url=svc.url, timeout=5) as c:
        for i in range(3):
            assert c.post("/v1/events", json=make_record(i)).status_code == 201
    assert svc.stop() == 0
    done = _chattr("+i", store / "events.db", store)
    if done.returncode != 0:
        cannot_stage(f"cannot set the immutable flag here (needs root / CAP_LINUX_IMMUTABLE on a file system "
                     f"that has the flag, such as ext4): {done.stderr.strip()}")
    try:
        result = subprocess.run([sys.executable, "-m", "services.ingest"], cwd=ROOT, capture_output=True, text=True,
                                timeout=30, env={**os.environ, **svc.env, "COOPLINE_PORT": str(svc.port)})
        assert result.returncode == 2, result.stderr
        errors = [json.loads(x) for x in result.stderr.splitlines() if '"level": "error"' in x]
        assert len(errors) == 1 and errors[0]["event"] == "cannot_start" and "COOPLINE_STORE" in errors[0]["error"]
        assert "Traceback" not in result.stderr
    finally:
        _chattr("-i", store / "events.db", store)
    svc.start()
    try:
        assert len(assert_sound(svc.url)) == 3
        assert httpx.post(f"{svc.url}/v1/events", json=make_record(9), timeout=5).status_code == 201
    finally:
        svc.stop()


# -- (b) clients that vanish mid-request -------------------------------------------------------
def _send(port: int, head: bytes, body: bytes, wait_reply: bool = False) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(head + body)
        if wait_reply:
            s.recv(1)
    # closed here: after half a body, or right after a full one


def _request(n: str, declared: int | None = None) -> tuple[bytes, bytes]:
    body = json.dumps(make_record(n)).encode()
    head = (f"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {declared or len(body)}\r\n\r\n").encode()
    return head, body


def test_clients_vanishing_mid_request_leave_no_trace(tmp_path):
    svc = ingest(tmp_path).start()
    try:
        jobs = []
        for i in range(40):
            head, body = _request(f"half-{i}")
            jobs.append((svc.port, head, body[: len(body) // 2]))
            head, body = _request(f"full-{i}")
            jobs.append((svc.port, head, body))
            head, body = _request(f"over-{i}", declared=len(body) + 100)  # promises more than it sends
            jobs.append((svc.port, head, body))
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(lambda job: _send(*job), jobs))
        time.sleep(0.5)
        with httpx.Client(base_url=svc.url, timeout=5) as c:
            assert c.get("/healthz").status_code == 200
            assert c.post("/v1/events", json=make_record("still-serving")).status_code == 201
        log = assert_sound(svc.url)
        subjects = {r["subject"] for r in log}
        assert not any(s.startswith(("test-half-", "test-over-")) for s in subjects), "a partial body was recorded"
        for r in log:  # whatever was recorded is whole
            assert r["data"] == json.loads(json.dumps(r["data"])) and r["data"]["title"].startswith("한-러")
        # a full body whose sender left may stand (it was complete); retrying it is idempotent
        with httpx.Client(base_url=svc.url, timeout=5) as c:
            for i in range(40):
                assert c.post("/v1/events", json=make_record(f"full-{i}")).status_code in (200, 201)
        assert len({r["subject"] for r in assert_sound(svc.url)}) == len(assert_sound(svc.url))
        no_server_errors(svc)
    finally:
        svc.stop()


# -- (c) a thousand abandoned long polls -------------------------------------------------------
def _open_polls(port: int, n: int) -> list[socket.socket]:
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /v1/log?after=1000000&wait=30 HTTP/1.1\r\nHost: x\r\n\r\n")
        socks.append(s)
    return socks


def _settle(proc: psutil.Process, baseline_fds: int, timeout: float = 15) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fds = proc.num_fds()
        if fds <= baseline_fds + 5:
            return fds
        time.sleep(0.1)
    return proc.num_fds()


def test_a_thousand_abandoned_long_polls_leak_nothing(tmp_path):
    svc = ingest(tmp_path).start()
    try:
        proc = psutil.Process(svc.proc.pid)
        with httpx.Client(base_url=svc.url, timeout=5) as c:
            for i in range(20):  # warm up: code paths, caches, the allocator
                c.post("/v1/events", json=make_record(f"warm-{i}"))
                c.get("/v1/log", params={"after": 10**6, "wait": 0.01})
        base_fds, base_rss = proc.num_fds(), proc.memory_info().rss
        for _round in range(2):
            socks = _open_polls(svc.port, 1000)
            time.sleep(1)
            assert proc.num_fds() >= base_fds + 900, "the long polls are not all open"
            with httpx.Client(base_url=svc.url, timeout=5) as c:
                started = time.monotonic()
                assert c.get("/healthz").status_code == 200
                assert c.post("/v1/events", json=make_record(f"during-{_round}")).status_code == 201
                assert c.get("/v1/log", params={"after": 0, "limit": 1}).status_code == 200
                assert time.monotonic() - started < 2, "the server is slow behind the long polls"
            for s in socks:  # abandon them: an abrupt close, no reading
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                s.close()
            fds = _settle(proc, base_fds)
            assert fds <= base_fds + 5, f"{fds - base_fds} file descriptors still open after the clients left"
        rss = proc.memory_info().rss
        assert rss - base_rss < 40 * 2**20, f"RSS grew by {(rss - base_rss) / 2**20:.1f} MiB"
        with httpx.Client(base_url=svc.url, timeout=5) as c:
            assert c.get("/healthz").status_code == 200
        assert_sound(svc.url)
        no_server_errors(svc)
        started = time.monotonic()
        assert svc.stop() == 0
        # the abandoned polls' handlers ended with their connections: nothing holds up the shutdown
        assert time.monotonic() - started < 10, "graceful shutdown waited for abandoned long polls"
    finally:
        svc.stop()
