"""Drafts: model load time and memory, the gazetteer's build time and memory, time per article after warm-up, and how late a
concurrent asyncio loop's 1 ms timer fires while drafts run in a thread or a process.

    .venv/bin/python bench/drafts.py      (figures go to bench/README.md, section "Drafts")
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time

import psutil

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from services.query.drafts import analyser, draft, gazetteer  # noqa: E402
from services.query.drafts.runner import DraftRunner  # noqa: E402
from tests.unit.drafts_corpus import own_articles, seed_articles  # noqa: E402


def corpus() -> list[dict]:
    return [b for _, b, _ in own_articles() + seed_articles() if len((b.get("text") or b.get("html")).encode()) <= 10_240]


async def loop_lag(runner: DraftRunner, bodies: list[dict], rounds: int) -> tuple[float, float, float]:
    lags: list[float] = []
    stop = False

    async def ticker():
        while not stop:
            t = time.perf_counter()
            await asyncio.sleep(0.001)
            lags.append(time.perf_counter() - t - 0.001)

    tick = asyncio.create_task(ticker())
    t0 = time.perf_counter()
    for _ in range(rounds):
        for b in bodies:
            await runner.draft(b)
    elapsed = time.perf_counter() - t0
    stop = True
    await tick
    lags.sort()
    return lags[int(len(lags) * 0.99)] * 1000, lags[-1] * 1000, elapsed / (rounds * len(bodies)) * 1000


def main() -> None:
    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    t = time.perf_counter()
    analyser.warm_up()
    load = time.perf_counter() - t
    rss_model = proc.memory_info().rss - rss0
    rss1, cpu1, t = proc.memory_info().rss, proc.cpu_times(), time.perf_counter()
    gazetteer.table()
    cpu2 = proc.cpu_times()
    gaz_load, gaz_cpu = time.perf_counter() - t, cpu2.user + cpu2.system - cpu1.user - cpu1.system
    rss_gaz = proc.memory_info().rss - rss1
    bodies = corpus()
    for b in bodies:
        draft(b)  # warm the caches (CLDR names, regular expressions)
    times = []
    for _ in range(3):
        for b in bodies:
            t = time.perf_counter()
            draft(b)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"model load {load:.2f} s, RSS +{rss_model / 2**20:.0f} MiB")
    print(f"gazetteer build {gaz_load:.2f} s ({gaz_cpu:.2f} s CPU), {len(gazetteer.table())} names, "
          f"RSS +{rss_gaz / 2**20:.0f} MiB")
    print(f"{len(bodies)} articles <= 10 kB: median {statistics.median(times):.0f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.0f} ms, max {times[-1]:.0f} ms")
    for name, body, _ in seed_articles():  # the real articles, each alone: median of five runs
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            draft(body)
            runs.append((time.perf_counter() - t) * 1000)
        size = len((body.get("text") or body.get("html")).encode()) / 1024
        print(f"  {name:30} {size:4.1f} kB  median {statistics.median(runs):.0f} ms")
    for processes in (False, True):
        runner = DraftRunner(processes=processes)

        async def run(r=runner):
            await r.warm_up()
            return await loop_lag(r, bodies, 3)

        p99, worst, per = asyncio.run(run())
        runner.close()
        kind = "process" if processes else "thread"
        print(f"{kind:7}: loop timer lag p99 {p99:.1f} ms, max {worst:.1f} ms; {per:.0f} ms per article")


if __name__ == "__main__":
    main()
