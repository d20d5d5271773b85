"""CPU per event of the live path: pages of 50 into a live SQLite store, in process.

    .venv/bin/python -m bench.live_pages [--preload 20000] [--events 20000] [--page 50]

A live store is first loaded with `--preload` events (pages of 5,000, not timed), then
`--events` more go in as pages of `--page` (as the follower applies them under a steady
stream), each page through `apply_page` (one transaction, COMMIT included). Reported: µs of
process CPU (every thread: SQLite runs on aiosqlite's) and of wall time per event, and the
median and longest page (wall). Run two
trees back to back on a shared machine (PYTHONPATH=<tree>) and compare the CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time

from bench.query_stages import page_bytes, templates
from services.query.store.sqlite import SQLiteProjectionStore
from shared.log_record import page_decoder


async def run(preload: int, events: int, page: int) -> dict:
    tmpl = templates()
    with tempfile.TemporaryDirectory() as d:
        store = SQLiteProjectionStore(f"{d}/projections.sqlite")
        await store.open()
        pos, head = 0, preload + events
        while pos < preload:
            records = page_decoder.decode(page_bytes(tmpl, pos, min(5000, preload - pos), head)).records
            pos = (await store.apply_page(records)).position
        bodies = [page_bytes(tmpl, p, page, head) for p in range(pos, pos + events, page)]
        t0, c0 = time.perf_counter(), time.process_time()
        pages = []
        for body in bodies:
            t = time.perf_counter()
            await store.apply_page(page_decoder.decode(body).records)
            pages.append(time.perf_counter() - t)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        await store.close()
    n = len(bodies) * page
    return {"events": n, "page": page, "cpu_us_per_event": round(cpu / n * 1e6, 1),
            "wall_us_per_event": round(wall / n * 1e6, 1),
            "page_ms_p50": round(sorted(pages)[len(pages) // 2] * 1e3, 2), "page_ms_max": round(max(pages) * 1e3, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--preload", type=int, default=20000)
    ap.add_argument("--events", type=int, default=20000)
    ap.add_argument("--page", type=int, default=50)
    a = ap.parse_args()
    print(json.dumps(asyncio.run(run(a.preload, a.events, a.page))))


if __name__ == "__main__":
    main()
