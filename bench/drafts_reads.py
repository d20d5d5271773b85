"""Timeline reads while drafts are made: the real query service's country timeline p99 (wrk, 1
connection) with no drafting, then while a client keeps `POST /v1/drafts` busy (two requests
in flight, our own test articles ≤ 10 kB, round-robin), divided by the first. Twice: with the
drafting worker on a core of its own (core 0, beside the idle ingest service and wrk), and
with the worker left on the query service's core (one core for both: the worst case); and at
a reviewers' pace (5 drafts a second) with the worker on its own core.

    .venv/bin/python bench/drafts_reads.py [--events N] [--seconds S]

Figures go to bench/README.md, section "Drafts while reading". Not a stage of `make bench`: it
needs the Korean model (500 MiB, 5 s to load) and a minute and a half of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import load, services, workload  # noqa: E402
from bench.report import Figure, Target, table  # noqa: E402
from bench.run import COUNTRIES, head_of, settle, wait_caught_up  # noqa: E402
from tests.unit.drafts_corpus import own_articles  # noqa: E402


def articles() -> list[dict]:
    return [b for _, b, _ in own_articles() if len((b.get("text") or b.get("html")).encode()) <= 10_240]


class Drafter:
    """Keeps `in_flight` drafts requests going until stopped; counts answers by status."""

    def __init__(self, url: str, bodies: list[dict], in_flight: int = 2, rate: float = 0.0):
        """`rate` > 0: one request every 1/rate seconds (a team of reviewers), else as fast as
        `in_flight` requests at a time go (the worker never idle: the worst case)."""
        self.url, self.bodies, self.in_flight, self.rate = url, bodies, in_flight, rate
        self.statuses: dict[int, int] = {}
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    async def _run(self) -> None:
        async with httpx.AsyncClient(base_url=self.url, timeout=60) as client:
            async def one(k: int) -> None:
                n = k
                while not self._stop.is_set():
                    t0 = time.perf_counter()
                    r = await client.post("/v1/drafts", json=self.bodies[n % len(self.bodies)])
                    self.latencies.append(time.perf_counter() - t0)
                    self.statuses[r.status_code] = self.statuses.get(r.status_code, 0) + 1
                    n += self.in_flight
                    if self.rate:
                        await asyncio.sleep(max(0.0, self.in_flight / self.rate - (time.perf_counter() - t0)))
            await asyncio.gather(*(one(k) for k in range(self.in_flight)))

    def __enter__(self) -> Drafter:
        if services.HAVE_TASKSET:  # this client off the query service's core (with wrk and the ingest service)
            os.sched_setaffinity(0, {int(services.SERVER_CORE)})
        self.started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(120)
        self.seconds = time.perf_counter() - self.started


def pin_children(query: services.Proc, core: str | None) -> list[int]:
    """Move the query service's child processes (the drafting worker, multiprocessing's
    resource tracker) to `core`, or back to the query service's own affinity."""
    parent = psutil.Process(query.pid)
    cores = [int(core)] if core is not None else parent.cpu_affinity()
    kids = parent.children(recursive=True)
    for kid in kids:
        kid.cpu_affinity(cores)
    return [k.pid for k in kids]


@contextlib.contextmanager
def drafting_services(events: int, bodies: list[dict], prefix: str):
    """The real ingest and query services (`COOPLINE_DRAFTS=eager`) in a temporary directory,
    an `events`-event log the query service has caught up with, its drafting worker up and
    moved to the ingest's core: yields (work directory, query service); both stop after."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        work = Path(tmp)
        ingest = services.ingest(work).start()
        query = services.query(work, ingest.url)
        query.env["COOPLINE_DRAFTS"] = "eager"
        try:
            query.start()
            print(f"building the log to {events:,} events", flush=True)
            load.run(load.post_batches(ingest.url, workload.Filler("log"), events, 1000, 4))
            wait_caught_up(query.url, head_of(ingest.url), 300)
            r = httpx.post(query.url + "/v1/drafts", json=bodies[0], timeout=120)  # the worker is up
            assert r.status_code == 200, r.text
            pin_children(query, services.SERVER_CORE)
            yield work, query
        finally:
            query.stop()
            ingest.stop()


def timeline_p99(query: services.Proc, work: Path, seconds: float, prefix: str) -> dict:
    lines = [f"/v1/countries/{c}/timeline?limit=50" for c in COUNTRIES]
    return load.wrk(query.url + "/", mode="get", lines=lines, prefix=prefix, workdir=work, connections=1,
                    seconds=seconds, core=services.SERVER_CORE)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=20_000, help="events in the log (default 20,000)")
    ap.add_argument("--seconds", type=float, default=10, help="seconds of each wrk run (default 10)")
    args = ap.parse_args(argv)
    bodies = articles()
    raw: dict = {}
    with drafting_services(args.events, bodies, "coopline-bench-drafts-") as (work, query):
        cpu0 = query.cpu_seconds()
        with Drafter(query.url, bodies) as alone:  # no reads: the service's own cost per draft
            time.sleep(args.seconds / 2)
        n = sum(alone.statuses.values())
        raw["alone"] = {"drafts": alone.statuses, "drafts_per_second": n / alone.seconds,
                        "query_cpu_ms_per_draft": (query.cpu_seconds() - cpu0) / max(1, n) * 1000}
        print(f"  drafting alone: {raw['alone']['drafts_per_second']:.1f} drafts/s, query service CPU "
              f"{raw['alone']['query_cpu_ms_per_draft']:.2f} ms per draft (the worker's not counted)", flush=True)
        for setup, core, rate in (("own core", services.SERVER_CORE, 0.0),
                                  ("own core, 5 drafts/s", services.SERVER_CORE, 5.0),
                                  ("query's core", None, 0.0)):
            pin_children(query, core)
            settle()
            idle = timeline_p99(query, work, args.seconds, "idle")
            with Drafter(query.url, bodies, rate=rate) as drafter:
                time.sleep(1)  # the worker busy before wrk starts
                busy = timeline_p99(query, work, args.seconds, "drafts")
            raw[setup] = {"idle": idle, "drafting": busy, "drafts": drafter.statuses,
                          "drafts_per_second": sum(drafter.statuses.values()) / drafter.seconds}
            print(f"  worker on {setup}: timeline p99 idle {idle['p99_ms']:.2f} ms, while drafting "
                  f"{busy['p99_ms']:.2f} ms; {raw[setup]['drafts_per_second']:.1f} drafts/s "
                  f"(statuses {drafter.statuses})", flush=True)
    figs = []
    # Targets on the ratio to the same run's idle p99: a paced load (people reviewing articles)
    # must not be felt; a worker kept busy without a pause may cost up to 3× on its own core.
    for setup, key, limit in (("own core", "own", 3.0), ("own core, 5 drafts/s", "paced", 1.5),
                              ("query's core", "shared", None)):
        x = raw[setup]
        figs.append(Figure(f"drafts_timeline_p99_{key}", f"timeline p99 while drafting, worker on {setup}",
                           x["drafting"]["p99_ms"], "ms", "timeline_p99_idle", x["idle"]["p99_ms"],
                           Target("<=", limit, "ratio") if limit else None))
    print(table(figs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
