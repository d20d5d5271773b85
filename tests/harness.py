"""Real service processes for e2e and fault tests: `python -m services.<name>` on a free port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.services import wait_until_healthy
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Service:
    name: str
    env: dict[str, str]
    log_path: Path
    port: int = 0
    proc: subprocess.Popen | None = None
    extra: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> Service:
        if not self.port:
            self.port = free_port()
        env = {**os.environ, **self.env, "COOPLINE_PORT": str(self.port), "PYTHONUNBUFFERED": "1"}
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the process's life
        self.proc = subprocess.Popen([sys.executable, "-m", f"services.{self.name}"], cwd=ROOT, env=env,
                                     stdout=log, stderr=subprocess.STDOUT)
        wait_until_healthy(self.name, self.proc, f"{self.url}/healthz", self.log_path, timeout, give_up=self.kill)
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM and wait: the graceful path."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise
        return self.proc.returncode if self.proc else 0

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace")


class Up:
    """`coopline up` (what `make run` runs) as a subprocess, its data under `cwd/data`; its
    stdout is read by a thread so that nothing blocks."""

    def __init__(self, cwd: Path, ingest_port: int, query_port: int, env: dict[str, str] | None = None):
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up", "--ingest-port", str(ingest_port),
             "--query-port", str(query_port), "--data-dir", str(cwd / "data")],
            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"})
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, needle: str, timeout: float = 40) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if needle in line:
                    return line
            if self.proc.poll() is not None and not any(needle in ln for ln in self.lines):
                time.sleep(0.2)
                raise AssertionError(f"up exited {self.proc.returncode}:\n" + "\n".join(self.lines))
            time.sleep(0.05)
        raise AssertionError(f"no {needle!r} in:\n" + "\n".join(self.lines))

    def value(self, label: str) -> str:
        return self.wait_for(f"  {label} ").split(label, 1)[1].strip()

    def interrupt(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(60)
