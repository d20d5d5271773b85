"""One organisation's reads behind the head, in process, on an existing projections file.

    .venv/bin/python -m bench.org_reads --store DIR/projections.db [--as-of N] [--rounds 3]

On a file `bench.query_stages --keep` built (at 1M events), times `GET /v1/organisations/{org}`'s
read (`organisation_reads.profile`: the organisation and its partners) and the timeline's
headline (`names`) for the organisation with the most events and for the median one, and the
list (all, `country=DK`, `q=institute`; 51 items), at an `as_of` (by default half the head)
and at the head; and, where the tree keeps them (`organisations.head_rows`), what recomputing an
organisation's kept extremes costs. Wall and process CPU per call, the median of `--rounds`.
Run two trees back to back (PYTHONPATH=<tree>) and compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

from services.query.projections import organisation_reads, organisations
from services.query.store.sqlite import SQLiteProjectionStore


async def run(path: str, as_of: int | None, rounds: int) -> dict:
    store = SQLiteProjectionStore(path)
    head = (await store.open()).position
    at = as_of if as_of is not None else head // 2
    out: dict = {"head": head, "as_of": at}

    async def timed(name: str, query) -> None:
        walls, cpus = [], []
        for _ in range(rounds):
            t, c = time.perf_counter(), time.process_time()
            async with store.reading() as db:
                await query(db)
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        out[name] = {"wall_ms": round(statistics.median(walls) * 1e3, 1), "cpu_ms": round(statistics.median(cpus) * 1e3, 1)}

    try:
        async with store.reading() as db:
            ranked = await db.fetchall("SELECT org, events FROM org_counts WHERE events > 0 ORDER BY events DESC, org")
        big, ordinary = ranked[0], ranked[len(ranked) // 2]
        out["orgs"] = {"big": list(big), "ordinary": list(ordinary)}
        for label, (org, _) in (("big", big), ("ordinary", ordinary)):
            for where, pos in (("as_of", at), ("head", head)):
                await timed(f"profile {label} {where}", lambda db, o=org, p=pos: organisation_reads.profile(db, p, o))
                await timed(f"names {label} {where}", lambda db, o=org, p=pos: organisation_reads.names(db, p, [o]))
            if hasattr(organisations, "head_rows"):  # what a page that removes the row holding one pays
                dense = dict(ranked)[org] * organisations.DENSE > head
                await timed(f"recompute {label}", lambda db, o=org, d=dense: organisations.head_rows(db, o, [0], d))
                async with store.reading() as db:
                    _, form, latest = (await db.fetchall(
                        "SELECT events, form, latest_vid FROM org_forms WHERE org = ? ORDER BY events DESC", (org,)))[0]
                await timed(f"walk {label}", lambda db, o=org, f=form, v=latest:
                            organisations._walk(db, o, f, [0], v, up=False))
        for name, kw in (("all", {}), ("country=DK", {"country": "DK"}), ("q=institute", {"terms": ("institute",)})):
            kw = {"country": None, "terms": (), **kw}
            for where, pos in (("as_of", at), ("head", head)):
                await timed(f"list {name} {where}", lambda db, kw=kw, p=pos: organisation_reads.listing(db, p, limit=51, **kw))
    finally:
        await store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--as-of", type=int)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    print(json.dumps(asyncio.run(run(a.store, a.as_of, a.rounds))))


if __name__ == "__main__":
    main()
