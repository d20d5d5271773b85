"""Security properties of the ingest service (issue 7, DESIGN §7).

* Tokens, request bodies and secrets (the database password, on PostgreSQL) never reach the
  logs, even at debug level and even for failing requests; every log line is JSON and request
  lines carry a request id. On SQLite and on PostgreSQL.
* Dev mode (no token file) only on a loopback address.
* Tokens are kept as SHA-256 digests and every lookup compares against every entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from shared import auth as auth_module
from shared.auth import TokenTable, token_line
from shared.runner import redact_url
from tests.conftest import BACKENDS, free_port, make_record, store_url
from tests.harness import ROOT, Service

TOKENS = {"reader": "rdr-SECRET-7f3a9c1e2b", "writer": "wtr-SECRET-c41d8e0f77", "admin": "adm-SECRET-9b2e6a3d05"}
UNKNOWN = "unk-SECRET-5e8f1a2b3c"
BODY_MARK = "BODYMARK-삼성-4f1c"  # distinctive text sent only inside request bodies
DB_PASSWORD = "pw-SECRET-0c7e2d"  # in the PostgreSQL store URL (the test server trusts loopback)


@pytest.fixture(params=BACKENDS)
def logged_service(request, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text("\n".join(token_line(f"{r}-bot", r, t) for r, t in TOKENS.items()) + "\n")
    with store_url(request.param, tmp_path, "events.db", password=DB_PASSWORD) as store:
        svc = Service("ingest", {"COOPLINE_STORE": store, "COOPLINE_TOKENS_FILE": str(tokens),
                                 "COOPLINE_LOG_FORMAT": "json", "COOPLINE_LOG_LEVEL": "debug"}, tmp_path / "ingest.log")
        yield svc.start()
        svc.stop()


def _raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


def _exercise(svc: Service) -> None:
    bearer = {role: {"Authorization": f"Bearer {t}"} for role, t in TOKENS.items()}
    with httpx.Client(base_url=svc.url, timeout=10) as c:
        mark = lambda n: make_record(n, title=f"{BODY_MARK} {n}", summary=f"{BODY_MARK} summary")  # noqa: E731
        assert c.post("/v1/events", json=mark(1), headers=bearer["writer"]).status_code == 201
        assert c.post("/v1/events", json=mark(1), headers=bearer["admin"]).status_code == 200
        assert c.post("/v1/events", json={**mark(1), "title": f"{BODY_MARK} changed"}, headers=bearer["writer"]).status_code == 409
        assert c.post("/v1/events", json=mark(2) | {"date": f"{BODY_MARK}"}, headers=bearer["writer"]).status_code == 422
        assert c.post("/v1/events", json=mark(3) | {BODY_MARK: 1}, headers=bearer["writer"]).status_code == 422
        assert c.post("/v1/events", content=f'{{"title": "{BODY_MARK}"'.encode(), headers={
            **bearer["writer"], "Content-Type": "application/json"}).status_code == 400
        assert c.post("/v1/events", content=BODY_MARK.encode(), headers={
            **bearer["writer"], "Content-Type": "text/plain"}).status_code == 415
        assert c.post("/v1/events", json=mark(4), headers={"Authorization": f"Bearer {UNKNOWN}"}).status_code == 401
        assert c.post("/v1/events", json=mark(4), headers={"Authorization": f"Token {TOKENS['writer']}"}).status_code == 401
        assert c.post("/v1/events", json=mark(4), headers=bearer["reader"]).status_code == 403
        assert c.post("/v1/events/batch", json=[mark(5), mark(5)], headers=bearer["writer"]).status_code == 422
        assert c.post("/v1/events/test-1/corrections", headers=bearer["writer"], json={
            "expected_version": 1, "changes": {"date": BODY_MARK}, "reason": BODY_MARK}).status_code == 422
        assert c.post("/v1/events/test-1/corrections", headers=bearer["writer"], json={
            "expected_version": 9, "changes": {"summary": BODY_MARK}, "reason": BODY_MARK}).status_code == 409
        assert c.post("/v1/events/test-1/retraction", headers=bearer["writer"], json={
            "expected_version": 1, "reason": BODY_MARK}).status_code == 201
        assert c.get("/v1/log", params={"wait": BODY_MARK}, headers=bearer["reader"]).status_code == 422
        assert c.get("/v1/log", headers={"Authorization": f"Bearer {UNKNOWN}"}).status_code == 401
        assert c.get("/v1/events/test-1/history", headers={**bearer["reader"], "X-Request-Id": "client-rid-1"}).status_code == 200
    # malformed requests that aiohttp itself refuses, with a token inside the broken header line
    _raw(svc.port, f"GET /v1/log HTTP/1.1\r\nHost: x\r\nAuthorization Bearer {TOKENS['admin']}\r\n\r\n".encode())
    _raw(svc.port, f"GET /v1/log HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKENS['admin']}{'x' * 9000}\r\n\r\n".encode())
    _raw(svc.port, f"POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKENS['writer']}\r\n"
                   f"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{BODY_MARK}\r\n0\r\n\r\n".encode())


def test_tokens_and_bodies_never_reach_the_logs(logged_service):
    _exercise(logged_service)
    time.sleep(0.2)
    assert logged_service.stop() == 0
    text = logged_service.logs()
    secrets = [*TOKENS.values(), UNKNOWN, BODY_MARK, DB_PASSWORD, "SECRET",
               *(hashlib.sha256(t.encode()).hexdigest() for t in TOKENS.values())]
    for secret in secrets:
        assert secret not in text, f"{secret!r} appears in the log"
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) > 20
    requests = []
    for line in lines:
        entry = json.loads(line)  # every line is one JSON object
        assert isinstance(entry, dict) and "event" in entry and "level" in entry, line
        if entry["event"] == "request":
            requests.append(entry)
    assert len(requests) >= 18
    assert all(r.get("request_id") for r in requests)
    assert {r["status"] for r in requests} >= {200, 201, 400, 401, 403, 409, 415, 422}
    assert any(r["request_id"] == "client-rid-1" for r in requests)


def test_store_url_passwords_are_redacted():
    assert redact_url("postgresql://coop:hunter2@db:5432/coopline") == "postgresql://coop:***@db:5432/coopline"
    assert redact_url("sqlite:///data/events.db") == "sqlite:///data/events.db"


# -- dev mode only on loopback ---------------------------------------------------------------
def _start(env: dict, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.ingest"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=timeout)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "example.org"])
def test_dev_mode_refuses_a_non_loopback_address(tmp_path, host):
    result = _start({"COOPLINE_HOST": host, "COOPLINE_STORE": f"sqlite:///{tmp_path}/e.db", "COOPLINE_PORT": str(free_port())})
    assert result.returncode == 2
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "COOPLINE_TOKENS_FILE" in lines[0], result.stderr


@pytest.mark.parametrize("host, url_host", [("::1", "[::1]"), ("localhost", "localhost"), ("127.0.0.2", "127.0.0.2")])
def test_dev_mode_runs_on_every_loopback_address(tmp_path, host, url_host):
    port = free_port()
    env = {**os.environ, "COOPLINE_HOST": host, "COOPLINE_PORT": str(port), "COOPLINE_LOG_FORMAT": "json",
           "COOPLINE_STORE": f"sqlite:///{tmp_path}/e.db"}
    log = tmp_path / "ingest.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "services.ingest"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline, status = time.monotonic() + 20, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status = httpx.get(f"http://{url_host}:{port}/v1/log", timeout=0.5).status_code
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        assert status == 200, log.read_text()
        assert '"dev_mode"' in log.read_text()  # the loud warning
    finally:
        proc.terminate()
        proc.wait(10)


# -- tokens: hashes only, constant-time lookup -----------------------------------------------
def _table(n: int) -> tuple[TokenTable, list[str]]:
    tokens = [f"tok-{i}-{'k' * 20}" for i in range(n)]
    return TokenTable([(f"bot{i}", "writer", hashlib.sha256(t.encode()).digest()) for i, t in enumerate(tokens)]), tokens


def test_token_lookup_compares_against_every_entry(monkeypatch):
    table, tokens = _table(7)
    calls = []
    real = auth_module.hmac.compare_digest

    def counting(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth_module.hmac, "compare_digest", counting)
    for presented, expected in [(tokens[0], "bot0"), (tokens[3], "bot3"), (tokens[6], "bot6"), ("nope", None), ("", None)]:
        calls.clear()
        found = table.lookup(presented)
        assert (found.name if found else None) == expected
        assert len(calls) == 7, f"{len(calls)} comparisons for {presented!r}: the lookup exits early"
        assert all(len(a) == len(b) == 32 for a, b in calls), "compares digests, not the tokens themselves"


def test_token_file_keeps_only_hashes(tmp_path):
    path = tmp_path / "tokens"
    path.write_text("\n".join(token_line(f"{r}-bot", r, t) for r, t in TOKENS.items()) + "\n")
    assert not any(t in path.read_text() for t in TOKENS.values())
    table = TokenTable.load(str(path))
    held = repr(vars(table)).encode() + b"".join(e[2] for e in table._entries)
    for t in TOKENS.values():
        assert t.encode() not in held
        assert hashlib.sha256(t.encode()).digest() in {e[2] for e in table._entries}
    assert table.lookup(TOKENS["admin"]).role == "admin" and table.lookup(TOKENS["admin"][:-1]) is None
