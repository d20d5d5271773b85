"""CPU per event of the live path: pages into a live SQLite store, in process.

    .venv/bin/python -m bench.live_pages [--preload 20000] [--events 20000] [--page 50]
    .venv/bin/python -m bench.live_pages --store DIR/projections.db --events 50000 --page 5000

A live store is first loaded with `--preload` events (pages of 5,000, not timed) — or, with
`--store FILE`, a copy of an existing projections file (e.g. one `bench.query_stages --keep`
built at 1M events) is opened — then `--events` more go in as pages of `--page` (as the
follower applies them: 50 under a steady stream, 5,000 catching up), each page through
`apply_page` (one transaction, COMMIT included). Reported: µs of process CPU (every thread:
SQLite runs on aiosqlite's) and of wall time per event, the median, p99 and longest page
(wall, and CPU while it ran), the peak RSS, and the bytes written to the WAL and read from the file per event
(/proc/self/io). `--pragma X` adds a pragma to the writer's (to compare settings). Run two
trees back to back on a shared machine (PYTHONPATH=<tree>) and compare the CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import tempfile
import time

from bench.query_stages import page_bytes, templates
from services.query.store import sqlite_schema
from services.query.store.sqlite import SQLiteProjectionStore
from shared.log_record import page_decoder


def _io() -> dict[str, int]:
    try:
        with open("/proc/self/io") as f:
            return {k: int(v) for k, v in (line.split(": ") for line in f)}
    except OSError:
        return {}


async def run(preload: int, events: int, page: int, store_file: str | None) -> dict:
    tmpl = templates()
    with tempfile.TemporaryDirectory(dir=None) as d:
        path = f"{d}/projections.sqlite"
        if store_file:
            shutil.copyfile(store_file, path)
        store = SQLiteProjectionStore(path)
        pos = (await store.open()).position
        head = pos + preload + events
        while pos < preload:
            records = page_decoder.decode(page_bytes(tmpl, pos, min(5000, preload - pos), head)).records
            pos = (await store.apply_page(records)).position
        bodies = [page_bytes(tmpl, p, page, head) for p in range(pos, pos + events, page)]
        io0 = _io()
        t0, c0 = time.perf_counter(), time.process_time()
        pages, page_cpu = [], []
        for body in bodies:
            t, c = time.perf_counter(), time.process_time()
            await store.apply_page(page_decoder.decode(body).records)
            pages.append(time.perf_counter() - t)
            page_cpu.append(time.process_time() - c)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        io1 = _io()
        await store.close()
    n = len(bodies) * page
    pages.sort()
    page_cpu.sort()
    out = {"at": pos, "events": n, "page": page, "cpu_us_per_event": round(cpu / n * 1e6, 1),
           "wall_us_per_event": round(wall / n * 1e6, 1),
           "page_ms_p50": round(pages[len(pages) // 2] * 1e3, 2),
           "page_ms_p99": round(pages[max(0, int(len(pages) * 0.99) - 1)] * 1e3, 1),
           "page_ms_max": round(pages[-1] * 1e3, 1),
           # CPU of the process while each page was applied (steadier than its wall time here)
           "page_cpu_ms_p50": round(page_cpu[len(page_cpu) // 2] * 1e3, 2),
           "page_cpu_ms_p99": round(page_cpu[max(0, int(len(page_cpu) * 0.99) - 1)] * 1e3, 1),
           "page_cpu_ms_max": round(page_cpu[-1] * 1e3, 1),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if io0 and io1:
        out["written_kb_per_event"] = round((io1["wchar"] - io0["wchar"]) / n / 1024, 2)
        out["read_kb_per_event"] = round((io1["rchar"] - io0["rchar"]) / n / 1024, 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--preload", type=int, default=20000)
    ap.add_argument("--events", type=int, default=20000)
    ap.add_argument("--page", type=int, default=50)
    ap.add_argument("--store", help="start from a copy of this projections file instead of a preload")
    ap.add_argument("--pragma", action="append", default=[], help="another pragma for the writer")
    a = ap.parse_args()
    sqlite_schema.LIVE_PRAGMAS = (*sqlite_schema.LIVE_PRAGMAS, *a.pragma)
    print(json.dumps(asyncio.run(run(0 if a.store else a.preload, a.events, a.page, a.store))))


if __name__ == "__main__":
    main()
