"""Requests aiohttp's HTTP parser refuses before any route or middleware runs (issue 7).

A broken request line, a malformed or over-long header, bad chunked framing, TLS bytes on the
plain port: both services, as real processes, answer 400 application/problem+json (not aiohttp's
text/plain), name the kind of defect without echoing the raw bytes, close the connection, log one
`bad_http_request` warning with no token in it, and keep serving.
"""

from __future__ import annotations

import json
import socket

import httpx
import pytest

from shared.auth import token_line
from tests.harness import Service

TOKEN = "proto-SECRET-6d1e0a9b47"
PROBLEM = "application/problem+json"
MALFORMED = {
    "garbage request line": b"GARBAGE\r\n\r\n",
    "TLS on the plain port": b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 40,
    "header without a colon": f"GET /healthz HTTP/1.1\r\nHost: x\r\nAuthorization Bearer {TOKEN}\r\n\r\n".encode(),
    "header too long": f"GET /healthz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}{'x' * 9000}\r\n\r\n".encode(),
    "request line too long": b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    "non-UTF-8 header name": b"GET /healthz HTTP/1.1\r\nHost: x\r\n\xff\xfe: y\r\n\r\n",
    "two Content-Lengths": b"POST /v1/rebuilds HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "bad chunk size": f"POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
                      f"Transfer-Encoding: chunked\r\n\r\nzz\r\n{TOKEN}\r\n0\r\n\r\n".encode(),
}


def raw(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes, read until the server closes (a timeout here means it kept the connection open)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.fixture(scope="module", params=["ingest", "query"])
def service(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    tokens = tmp / "tokens"
    tokens.write_text(token_line("admin-bot", "admin", TOKEN) + "\n")
    env = {"COOPLINE_STORE": f"sqlite:///{tmp}/{request.param}.db", "COOPLINE_TOKENS_FILE": str(tokens),
           "COOPLINE_LOG_FORMAT": "json", "COOPLINE_LOG_LEVEL": "debug",
           "COOPLINE_INGEST_URL": "http://127.0.0.1:9"}  # query: no ingest service needed here
    svc = Service(request.param, env, tmp / "service.log").start()
    yield svc
    svc.kill()


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_parser_errors_are_problem_json(service, case):
    status, headers, body = raw(service.port, MALFORMED[case])
    assert status == 400
    assert headers["content-type"].startswith(PROBLEM), headers
    problem = json.loads(body)
    assert problem["status"] == 400 and problem["title"] == "Bad Request"
    assert problem["type"] == "https://coopline.dev/problems/bad-request"
    assert problem["detail"].startswith("malformed HTTP request")
    assert TOKEN not in body.decode(errors="replace") and "xxxx" not in problem["detail"]
    # the service keeps serving
    assert httpx.get(f"{service.url}/healthz", timeout=5).status_code == 200


def test_parser_errors_are_logged_once_without_the_bytes(service):
    for data in MALFORMED.values():
        raw(service.port, data)
    text = service.logs()
    assert TOKEN not in text
    entries = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    bad = [e for e in entries if e["event"] == "bad_http_request"]
    assert len(bad) >= len(MALFORMED) and all(e["level"] == "warning" and e.get("status") == 400 for e in bad)
    assert not any(e["level"] == "error" for e in entries), [e for e in entries if e["level"] == "error"]


def test_well_formed_errors_keep_the_middleware_shape(service):
    r = httpx.get(f"{service.url}/no/such/route", timeout=5)
    assert r.status_code == 404 and r.headers["content-type"].startswith(PROBLEM) and r.headers["X-Request-Id"]
