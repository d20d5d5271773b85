"""The query service's stages in-process, on an N-event log shaped like the benchmark's.

    .venv/bin/python -m bench.query_stages --events 200000 [--keep DIR] [--store FILE]

Pages of the log are encoded as ingest sends them (`GET /v1/log` bodies, not timed), then:
rebuild = decode + apply every page into a fresh shadow + build its indexes (CPU and wall
time, peak RSS); then the same timeline, search and organisation reads as `run.py` (50 items;
timelines with and without a window, the search words with and without a country) straight
through the store, each query's p50/p99. `--store FILE` skips the build and
reads an existing projections file (e.g. one kept by `run.py --keep`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import tempfile
import time

import msgspec

from bench import workload
from services.query.projections import country_timeline, organisation_reads, search
from services.query.projections.country_timeline import Filters
from services.query.store.sqlite import SQLiteProjectionStore
from shared import record
from shared.log_record import RECORDED, LogRecord, Page, page_decoder

COUNTRIES = ["KR", "BY", "DK", "US", "JP", "VN", "NZ", "RU", "UZ", "FI"]
_enc = msgspec.json.Encoder()


def templates() -> list[bytes]:
    out = []
    for d in workload.records(0, 4096, "tmpl"):
        d["id"] = "placeholder-id"
        doc = record.encode(record.validate(msgspec.convert(d, record.Record)))
        out.append(doc.replace(b"placeholder-id", workload.ID_PLACEHOLDER.encode()))
    return out


def page_bytes(tmpl: list[bytes], after: int, n: int, head: int) -> bytes:
    recs = []
    for pos in range(after + 1, after + n + 1):
        cid = f"log-{pos}"
        data = tmpl[pos % len(tmpl)].replace(workload.ID_PLACEHOLDER.encode(), cid.encode(), 1)
        recs.append(LogRecord(id=f"00000000-0000-4000-8000-{pos:012d}", type=RECORDED, subject=cid,
                              time=f"2026-11-22T10:{pos // 60000 % 60:02d}:{pos // 1000 % 60:02d}.{pos % 1000:03d}000Z",
                              position=pos, streamversion=1, actor="bench", data=msgspec.Raw(data)))
    return _enc.encode(Page(records=recs, head=head))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def rebuild(path: str, events: int, page: int) -> dict:
    tmpl = templates()
    live = SQLiteProjectionStore(path)
    await live.open()
    shadow = await live.create_shadow()
    cpu = wall = 0.0
    pos = 0
    while pos < events:
        body = page_bytes(tmpl, pos, min(page, events - pos), events)
        t0, c0 = time.perf_counter(), time.process_time()
        records = page_decoder.decode(body).records
        pos = (await shadow.apply_page(records)).position
        wall += time.perf_counter() - t0
        cpu += time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    await shadow.finish_load()
    idx_wall, idx_cpu = time.perf_counter() - t0, time.process_time() - c0
    await live.swap(shadow)
    await live.close()
    total = wall + idx_wall
    return {"events": events, "load_s": round(wall, 2), "load_cpu_s": round(cpu, 2), "index_s": round(idx_wall, 2),
            "index_cpu_s": round(idx_cpu, 2), "events_per_s": round(events / total),
            "events_per_cpu_s": round(events / (cpu + idx_cpu)), "peak_rss_mb": round(rss_mb())}


def _stats(times: list[float]) -> dict:
    times = sorted(times)
    return {"n": len(times), "p50_ms": round(statistics.median(times) * 1000, 3),
            "p99_ms": round(times[max(0, int(len(times) * 0.99) - 1)] * 1000, 3), "max_ms": round(times[-1] * 1000, 3)}


async def reads(path: str, rounds: int) -> dict:
    from bench.run import ORGANISATION_QUERIES, SEARCH_COUNTRY, SEARCH_WORDS

    store = SQLiteProjectionStore(path)
    at = (await store.open()).position
    out = {}

    async def timed(times: list[float], query) -> list:
        t0 = time.perf_counter()
        async with store.reading() as db:
            rows = await query(db)
        times.append(time.perf_counter() - t0)
        return rows

    try:
        for name, filters in (("no_window", [Filters()]),
                              ("window", [Filters(window=(f"{y}-01-01", f"{y + 1}-06-30")) for y in (1995, 2005, 2015, 2020)])):
            times: list[float] = []
            for _ in range(rounds):
                for c in COUNTRIES:
                    for f in filters:
                        rows = await timed(times, lambda db, c=c, f=f: country_timeline.timeline(db, c, f, at, 51))
                        assert rows or c != "KR"
            out[name] = _stats(times)
        for word in SEARCH_WORDS:
            for country in (None, SEARCH_COUNTRY):
                times = []
                for _ in range(rounds):
                    rows = await timed(times, lambda db, w=word, c=country: search.search(db, c, Filters(terms=(w,)), at, 51))
                    assert rows, word
                out[f"search {word}{' ' + country if country else ''}"] = _stats(times)
        orgs = {"": {}, "country=DK": {"country": "DK"}, "q=institute": {"terms": ("institute",)}}
        assert set(orgs) == set(ORGANISATION_QUERIES)
        for name, kw in orgs.items():
            times = []
            for _ in range(max(1, rounds // 10)):  # seconds each at 1M: a few rounds
                kw = {"country": None, "terms": (), **kw}
                assert await timed(times, lambda db, kw=kw: organisation_reads.listing(db, at, limit=51, **kw))
            out[f"organisations {name or 'all'}"] = _stats(times)
    finally:
        await store.close()
    return out


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--page", type=int, default=5000)
    ap.add_argument("--store", help="read this existing projections file instead of building one")
    ap.add_argument("--keep", help="build into this directory and keep it")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store
        if path is None:
            path = os.path.join(args.keep or tmp, "projections.db")
            print("rebuild", await rebuild(path, args.events, args.page), flush=True)
        print("reads", await reads(path, args.rounds), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
