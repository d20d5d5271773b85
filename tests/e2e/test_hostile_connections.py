"""Hostile connections against the real service processes (issue 17, items 1 and 2).

* 50 concurrent requests with an 8 MB header, three times: each is refused (400) and the
  service's RSS comes back under a bound (it stayed 600–1,800 MB above its start before).
* Idle sockets past COOPLINE_MAX_CONNECTIONS are answered 503 and closed at once; the service
  keeps its descriptors bounded, and serves again once the idle ones are cut.
* A client trickling its request head is cut after COOPLINE_HEADER_TIMEOUT, not aiohttp's 75 s.
* The soft descriptor limit is raised at start.
"""

from __future__ import annotations

import asyncio
import json
import resource
import socket
import time

import httpx
import psutil
import pytest

from tests.harness import Service

HEADER_BYTES = 8 * 2**20
HEADER_TIMEOUT = 2
MAX_CONNECTIONS = 40
RSS_GROWTH_BOUND_MB = 80  # the attack moved RSS by 600–1,800 MB before the fix


@pytest.fixture(scope="module", params=["ingest", "query"])
def service(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    env = {"COOPLINE_STORE": f"sqlite:///{tmp}/{request.param}.db", "COOPLINE_LOG_FORMAT": "json",
           "COOPLINE_INGEST_URL": "http://127.0.0.1:9",  # query: no ingest service needed here
           "COOPLINE_HEADER_TIMEOUT": str(HEADER_TIMEOUT), "COOPLINE_MAX_CONNECTIONS": str(MAX_CONNECTIONS)}
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (512, hard))  # the service inherits a low soft limit
    try:
        svc = Service(request.param, env, tmp / "service.log").start()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    yield svc
    svc.kill()


def rss_mb(svc: Service) -> float:
    return psutil.Process(svc.proc.pid).memory_info().rss / 2**20


async def _big_header(port: int) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * HEADER_BYTES + b"\r\n\r\n")
        try:
            await asyncio.wait_for(writer.drain(), 30)
        except (OSError, TimeoutError):
            pass  # the server answered and closed while we were still sending
        try:
            return await asyncio.wait_for(reader.read(64), 30)
        except OSError:
            return b""
    finally:
        writer.close()


async def _attack(port: int, clients: int) -> list[bytes]:
    return await asyncio.gather(*[_big_header(port) for _ in range(clients)])


def test_big_headers_leave_no_memory_behind(service):
    httpx.get(f"{service.url}/healthz", timeout=5)
    start = rss_mb(service)
    answers = []
    for _ in range(3):
        # 30 at a time keeps within the connection bound this module's services run with
        answers += asyncio.run(_attack(service.port, 30))
        answers += asyncio.run(_attack(service.port, 20))
    # those that read an answer before the close read a 400 (the rest see the connection reset)
    assert all(a == b"" or a.startswith((b"HTTP/1.1 400", b"HTTP/1.0 400")) for a in answers), set(answers)
    deadline = time.monotonic() + 10
    while (now := rss_mb(service)) > start + RSS_GROWTH_BOUND_MB and time.monotonic() < deadline:
        time.sleep(0.2)
    assert now <= start + RSS_GROWTH_BOUND_MB, f"RSS {start:.0f} MB before, {now:.0f} MB after the attack"
    assert httpx.get(f"{service.url}/healthz", timeout=5).status_code == 200


def _open_idle(port: int, n: int) -> list[socket.socket]:
    return [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(n)]


def _read_all(s: socket.socket) -> bytes | None:
    """Everything until the service closes; None if it kept the connection open (a timeout)."""
    out = b""
    try:
        while chunk := s.recv(65536):
            out += chunk
    except TimeoutError:
        return None
    except OSError:  # reset: closed by the service
        pass
    return out


def test_idle_sockets_past_the_bound_are_refused_and_the_service_survives(service):
    proc = psutil.Process(service.proc.pid)
    idle = _open_idle(service.port, MAX_CONNECTIONS + 60)
    try:
        extra = idle[-20:]
        for s in extra:  # the service answered these at once and closed them
            answer = _read_all(s)
            assert answer.startswith(b"HTTP/1.1 503"), answer[:80]
            assert b"Retry-After: 1" in answer
            body = json.loads(answer.partition(b"\r\n\r\n")[2])
            assert body["status"] == 503 and "connections" in body["detail"]
        assert proc.num_fds() < MAX_CONNECTIONS + 50, "the refused sockets stayed open in the service"
    finally:
        for s in idle:
            s.close()
    # the idle ones are gone (closed by us or cut by the header timeout): it serves again
    deadline = time.monotonic() + HEADER_TIMEOUT + 10
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{service.url}/healthz", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    else:
        pytest.fail("the service did not serve again after the idle sockets went")
    assert service.proc.poll() is None


def test_a_trickled_request_head_is_cut_after_the_header_timeout(service):
    with socket.create_connection(("127.0.0.1", service.port), timeout=30) as s:
        started = time.monotonic()
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        cut = None
        for i in range(60):  # one header line a second: without the timeout, 60 s and more
            try:
                s.sendall(f"X-Slow-{i}: a\r\n".encode())
                s.settimeout(1)
                if s.recv(1) == b"":
                    cut = time.monotonic() - started
                    break
            except TimeoutError:
                continue
            except OSError:
                cut = time.monotonic() - started
                break
    assert cut is not None, "the connection was never cut"
    # cut by the configured timeout, well before aiohttp's 75 s (a wide margin: a shared machine)
    assert cut < HEADER_TIMEOUT + 20, cut


def test_an_idle_keep_alive_connection_is_cut_too(service):
    with socket.create_connection(("127.0.0.1", service.port), timeout=HEADER_TIMEOUT + 30) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        first = s.recv(65536)
        assert first.startswith(b"HTTP/1.1 200")
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # never finished
        assert _read_all(s) == b""  # closed by the service, not by our timeout


def test_the_soft_descriptor_limit_is_raised(service):
    # started with a soft limit of 512: raised to the hard limit or COOPLINE_MAX_OPEN_FILES
    soft, hard = psutil.Process(service.proc.pid).rlimit(psutil.RLIMIT_NOFILE)
    assert soft == min(hard, 65536), (soft, hard)
