"""SIGKILL while events are being appended leaves a valid hash chain, on both backends: after a
restart the log reads back sealed record by record (checked by an independent computation) and
`coopline verify` finds nothing wrong."""

from __future__ import annotations

import threading

import httpx
import pytest

from services.cli.__main__ import run as cli_run
from tests.conftest import BACKENDS, make_record, store_url
from tests.e2e.test_ingest_faults import whole_log
from tests.harness import Service
from tests.independent_chain import assert_chain

pytestmark = pytest.mark.slow


def _load(url: str, stop: threading.Event, name: str, acked: list[int]) -> None:
    with httpx.Client(base_url=url, timeout=10) as c:
        i = 0
        while not stop.is_set():
            try:
                if i % 3:
                    r = c.post("/v1/events", json=make_record(f"{name}-{i}"))
                else:
                    r = c.post("/v1/events/batch", json=[make_record(f"{name}-{i}-{j}") for j in range(25)])
                if r.status_code in (200, 201):
                    acked.append(i)
            except httpx.TransportError:
                return  # the server is gone
            i += 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_during_appends_leaves_a_valid_chain(backend, tmp_path, capsys):
    with store_url(backend, tmp_path, "events.db") as url:
        env = {"COOPLINE_STORE": url, "COOPLINE_LOG_FORMAT": "json"}
        svc = Service("ingest", env, tmp_path / "ingest.log").start()
        stop, acked = threading.Event(), []
        writers = [threading.Thread(target=_load, args=(svc.url, stop, f"w{n}", acked)) for n in range(4)]
        for w in writers:
            w.start()
        try:
            while len(acked) < 40:  # well into the load
                stop.wait(0.02)
            httpx.post(f"{svc.url}/v1/releases", json={"name": "mid-load"}, timeout=10).raise_for_status()
            svc.kill()  # SIGKILL: commits in flight are cut off
        finally:
            stop.set()
            for w in writers:
                w.join()
        assert svc.proc.returncode == -9
        svc = Service("ingest", env, tmp_path / "ingest-2.log").start()
        try:
            httpx.post(f"{svc.url}/v1/events", json=make_record("after-restart"), timeout=10).raise_for_status()
            log = whole_log(svc.url)
            assert len(log) > 40
            assert_chain(log)
            head = httpx.get(f"{svc.url}/v1/log/head", timeout=10).json()
            assert (head["position"], head["hash"]) == (log[-1]["position"], log[-1]["hash"])
            assert cli_run(["verify", "--store", url], env={}) == 0
            assert cli_run(["verify", "--head", f"{head['position']}:{head['hash']}"],
                           env={"COOPLINE_INGEST_URL": svc.url}) == 0
        finally:
            svc.stop()
    assert "OK" in capsys.readouterr().out
