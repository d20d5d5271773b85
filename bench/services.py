"""Start and stop the real services (and the bare baseline server) as separate, pinned processes.

Cores: on this 2-core machine the server under test gets core 0 and the load generator core 1
(`taskset`), so the client never competes with the server it measures. Where two servers run
together (ingest + query) each gets its own core and the probe client is left unpinned.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
CORES = os.cpu_count() or 1
SERVER_CORE, CLIENT_CORE, SECOND_SERVER_CORE = "0", ("1" if CORES > 1 else "0"), ("1" if CORES > 1 else "0")
HAVE_TASKSET = shutil.which("taskset") is not None and CORES > 1


def wait_until_healthy(name: str, proc: subprocess.Popen, url: str, log_path: Path, timeout: float,
                       give_up: Callable[[], object]) -> None:
    """Poll `url` (a health endpoint) until it answers 200. If `proc` exits first, or `timeout`
    passes (then `give_up()` ends it), raise RuntimeError with the tail of its log.
    Shared by `Proc.start` and the tests' `tests.harness.Service.start`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}:\n{log_tail(log_path)}")
        try:
            if httpx.get(url, timeout=0.5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    give_up()
    raise RuntimeError(f"{name} did not become healthy:\n{log_tail(log_path)}")


def log_tail(log_path: Path, chars: int = 3000) -> str:
    """The last `chars` characters of a process's log ("" before it exists)."""
    return log_path.read_text(errors="replace")[-chars:] if log_path.exists() else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pinned(argv: list[str], core: str | None) -> list[str]:
    """`argv` run on `core` (a taskset CPU list) when the machine has cores to spare."""
    return ["taskset", "-c", core, *argv] if core is not None and HAVE_TASKSET else argv


@dataclass
class Proc:
    """One server process: `python -m <module>` (or a script) on a free port."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log_path: Path
    core: str | None = SERVER_CORE
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, health: str = "/healthz", timeout: float = 30.0) -> Proc:
        env = {**os.environ, **self.env, "COOPLINE_PORT": str(self.port), "PYTHONUNBUFFERED": "1",
               "COOPLINE_LOG_LEVEL": "warning"}
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the process's life
        self.proc = subprocess.Popen(pinned(self.argv, self.core), cwd=ROOT, env=env, stdout=log,
                                     stderr=subprocess.STDOUT)
        wait_until_healthy(self.name, self.proc, self.url + health, self.log_path, timeout, give_up=self.stop)
        return self

    def rss_mb(self) -> float:
        try:
            return psutil.Process(self.pid).memory_info().rss / 2**20
        except psutil.Error:
            return float("nan")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process so far (all its threads)."""
        try:
            t = psutil.Process(self.pid).cpu_times()
            return t.user + t.system
        except psutil.Error:
            return float("nan")

    def stop(self, timeout: float = 30.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # our own child, by pid
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def ingest(workdir: Path, store: str | None = None, core: str | None = SERVER_CORE) -> Proc:
    store = store or f"sqlite:///{workdir}/events.db"
    return Proc("ingest", [sys.executable, "-m", "services.ingest"], {"COOPLINE_STORE": store},
                workdir / "ingest.log", core)


def query(workdir: Path, ingest_url: str, core: str | None = SECOND_SERVER_CORE) -> Proc:
    return Proc("query", [sys.executable, "-m", "services.query"],
                {"COOPLINE_STORE": f"sqlite:///{workdir}/projections.db", "COOPLINE_INGEST_URL": ingest_url},
                workdir / "query.log", core)


def bare(workdir: Path, core: str | None = SERVER_CORE) -> Proc:
    return Proc("bare", [sys.executable, str(ROOT / "bench" / "bare_server.py")], {}, workdir / "bare.log", core)
