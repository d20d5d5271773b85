"""Real service processes for e2e and fault tests: `python -m services.<name>` on a free port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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
