"""A sealed event log of N records, written through the ingest store itself (in-process, batches
of 1000 as `POST /v1/events/batch` would), for timing `coopline verify` on it.

    .venv/bin/python bench/sealed_log.py sqlite:///tmp/events.db 1000000
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import workload  # noqa: E402
from services.ingest.store import open_store  # noqa: E402
from services.ingest.store.base import RecordCmd  # noqa: E402
from shared import record  # noqa: E402
from shared.log_chain import canonical_ascii_keys  # noqa: E402

_batch = msgspec.json.Encoder()

BATCH = 1000


async def build(url: str, n: int, prefix: str = "v") -> float:
    """Append n records; → seconds taken."""
    store = open_store(url)
    await store.open()
    start = time.perf_counter()
    try:
        pending = []
        for lo in range(0, n, BATCH):
            recs = record.decode_batch(_batch.encode(workload.records(lo, min(BATCH, n - lo), prefix)))
            pending.append(store.submit(RecordCmd(recs, [canonical_ascii_keys(r) for r in recs], "bench", batch=True)))
            if len(pending) >= 8:
                await asyncio.gather(*pending)
                pending = []
        await asyncio.gather(*pending)
    finally:
        await store.close()
    return time.perf_counter() - start


if __name__ == "__main__":
    url, count = sys.argv[1], int(sys.argv[2])
    print(f"{count} records in {asyncio.run(build(url, count)):.1f} s")
