"""Thirty whole-selection exports at once against a real query process: its memory stays bounded.

Built in memory, each export held every item of the selection (and its text) until the last
byte: thirty at once took the service to 1.4 GB. Streamed, an export holds one page, and only
a few stream at once. The bound is on the process's resident memory (peak and after), never a
time.
"""

from __future__ import annotations

import asyncio
import threading

import httpx
import psutil
import pytest

from tests.conftest import make_record
from tests.harness import Service

pytestmark = pytest.mark.slow
EVENTS = 3000
CONCURRENT = 30
SUMMARY = "협력 사업의 경과와 성과를 정리한 요약입니다. " * 60  # ~1.7 KB, like a real report's summary
MiB = 1024 * 1024
GROWTH_BOUND = 150 * MiB  # built in memory, 30 × 3000 items is several hundred MB


@pytest.fixture
def query(tmp_path):
    ingest = Service("ingest", {"COOPLINE_STORE": f"sqlite:///{tmp_path}/events.db"}, tmp_path / "ingest.log").start()
    service = Service("query", {"COOPLINE_STORE": f"sqlite:///{tmp_path}/projections.db",
                                "COOPLINE_INGEST_URL": ingest.url}, tmp_path / "query.log")
    try:
        with httpx.Client(base_url=ingest.url, timeout=120) as client:
            head = 0
            for lo in range(0, EVENTS, 1000):
                batch = [make_record(i, date=f"{1995 + i % 30}-{1 + i % 12:02d}", summary=f"{i} {SUMMARY}",
                                     participants=[{"name": f"기관 {i}", "name_en": f"Org {i}", "country": "KR"},
                                                   {"name": "NASB", "country": "BY", "org": "by.nasb"}])
                         for i in range(lo, lo + 1000)]
                r = client.post("/v1/events/batch", json=batch)
                assert r.status_code == 201, r.text
                head = max(item["position"] for item in r.json()["results"])
        service.start()
        with httpx.Client(base_url=service.url, timeout=120) as client:
            r = client.get("/v1/countries", params={"min_position": head})
            while r.status_code == 503:  # each wait is bounded by the service (5 s); the loop by the data
                r = client.get("/v1/countries", params={"min_position": head})
            assert r.status_code == 200, r.text
        yield service
    finally:
        service.kill()
        ingest.kill()


class PeakRss:
    """The highest resident memory of a process, sampled in a thread until stopped."""

    def __init__(self, pid: int):
        self.proc, self.peak, self._stop = psutil.Process(pid), 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            self._stop.wait(0.01)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


async def _export_all(url: str, fmt: str) -> list[int]:
    limits = httpx.Limits(max_connections=CONCURRENT)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:
        mark = b"\r\n" if fmt == "csv" else b'"unique_id"'  # one per row or event

        async def one(i: int) -> int:
            count, tail = 0, b""
            async with client.stream("GET", f"/v1/countries/KR/timeline?format={fmt}&partner=BY") as r:
                assert r.status_code == 200
                async for chunk in r.aiter_bytes():  # read as it comes, holding one chunk
                    text = tail + chunk
                    count += text.count(mark)
                    tail = text[-(len(mark) - 1):]  # a mark may straddle two chunks
            return count

        return await asyncio.gather(*(one(i) for i in range(CONCURRENT)))


@pytest.mark.parametrize("fmt", ["csv", "timelinejs"])
def test_thirty_whole_selection_exports_keep_memory_bounded(query, fmt):
    rss = psutil.Process(query.proc.pid).memory_info().rss
    with PeakRss(query.proc.pid) as peak:
        counts = asyncio.run(_export_all(query.url, fmt))
    # every export whole: CSV lines count the header too (and no event text holds a CRLF)
    assert counts == [EVENTS + (fmt == "csv")] * CONCURRENT
    after = psutil.Process(query.proc.pid).memory_info().rss
    assert peak.peak - rss < GROWTH_BOUND, f"peak {peak.peak / MiB:.0f} MiB from {rss / MiB:.0f} MiB"
    assert after - rss < GROWTH_BOUND, f"after {after / MiB:.0f} MiB from {rss / MiB:.0f} MiB"
