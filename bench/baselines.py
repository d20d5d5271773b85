"""In-process baselines, each run in its own process pinned to the server core:

* `insert`: msgspec decode (into shared.record.Record) + SQLite insert of the same events, WAL,
  synchronous=FULL, 500 per transaction — what the batch endpoint would cost with no HTTP,
  no validation beyond the schema and no idempotency.
* `scan`: read the whole log (position order) and decode every record — the floor under a
  rebuild, which must at least do this.
* `es1` / `es1000`: the `eventsourcing` library (the peer a Python user would pick) on SQLite,
  appending the same events as new aggregates, one per `save()` or 1000 per `save()`.
* `pg_insert`: decode + asyncpg unnest insert, 500 per transaction (the PostgreSQL floor).

    python -m bench.baselines insert|scan|es1|es1000|pg_insert --events N --db PATH
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import time

import msgspec

from bench import workload
from shared.record import Record

_decoder = msgspec.json.Decoder(Record)
LOG_TABLE = """CREATE TABLE IF NOT EXISTS log (
    position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, subject TEXT NOT NULL,
    streamversion INTEGER NOT NULL, type TEXT NOT NULL, time TEXT NOT NULL, actor TEXT NOT NULL,
    data BLOB NOT NULL, UNIQUE (subject, streamversion))"""


def _timed(fn, events: int) -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"events": events, "seconds": round(secs, 3), "events_per_second": events / secs,
            "cpu_us_per_event": cpu / events * 1e6}


def insert(events: int, db_path: str, per_tx: int = 500) -> dict:
    bodies = workload.bodies(0, events, "base")
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(LOG_TABLE)
    now = "2026-01-01T00:00:00.000000Z"

    def run() -> None:
        for lo in range(0, events, per_tx):
            rows = []
            for pos, body in enumerate(bodies[lo:lo + per_tx], start=lo + 1):
                rec = _decoder.decode(body)
                rows.append((pos, f"r{pos}", rec.id, 1, "coopline.cooperation.recorded", now, "bench", body))
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT INTO log VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.execute("COMMIT")

    return _timed(run, events)


def scan(db_path: str) -> dict:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    count = [0]

    def run() -> None:
        cur = db.execute("SELECT position, id, subject, streamversion, type, time, actor, data FROM log ORDER BY position")
        while rows := cur.fetchmany(5000):
            for row in rows:
                _decoder.decode(row[7])
            count[0] += len(rows)

    out = _timed(run, 1)
    out.update(events=count[0], events_per_second=count[0] / out["seconds"],
               cpu_us_per_event=out["cpu_us_per_event"] / max(1, count[0]))
    return out


def eventsourcing(events: int, db_path: str, per_save: int) -> dict:
    os.environ.update(PERSISTENCE_MODULE="eventsourcing.sqlite", SQLITE_DBNAME=db_path, SQLITE_LOCK_TIMEOUT="10")
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate, event

    class Cooperation(Aggregate):
        @event("Recorded")
        def __init__(self, body: dict):
            self.body = body

    class Cooperations(Application):
        pass

    app = Cooperations()
    bodies = workload.bodies(0, events, "es")

    def run() -> None:
        for lo in range(0, events, per_save):
            aggs = [Cooperation(msgspec.to_builtins(_decoder.decode(b))) for b in bodies[lo:lo + per_save]]
            app.save(*aggs)

    return _timed(run, events)


def pg_insert(events: int, dsn: str, per_tx: int = 500) -> dict:
    import asyncio

    import asyncpg

    bodies = workload.bodies(0, events, "pgbase")
    now = "2026-01-01T00:00:00.000000Z"

    async def run() -> None:
        conn = await asyncpg.connect(dsn)
        await conn.execute(LOG_TABLE.replace("BLOB", "BYTEA").replace("INTEGER PRIMARY KEY", "BIGINT PRIMARY KEY"))
        for lo in range(0, events, per_tx):
            cols: list[list] = [[] for _ in range(8)]
            for pos, body in enumerate(bodies[lo:lo + per_tx], start=lo + 1):
                rec = _decoder.decode(body)
                for col, value in zip(cols, (pos, f"r{pos}", rec.id, 1, "recorded", now, "bench", body), strict=True):
                    col.append(value)
            async with conn.transaction():
                await conn.execute("INSERT INTO log SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], "
                                   "$4::int[], $5::text[], $6::text[], $7::text[], $8::bytea[])", *cols)
        await conn.close()

    return _timed(lambda: asyncio.run(run()), events)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.baselines")
    p.add_argument("name", choices=["insert", "scan", "es1", "es1000", "pg_insert"])
    p.add_argument("--events", type=int, default=20000)
    p.add_argument("--db", required=True, help="SQLite file, or a PostgreSQL URL for pg_insert")
    args = p.parse_args(argv)
    if args.name == "insert":
        out = insert(args.events, args.db)
    elif args.name == "scan":
        out = scan(args.db)
    elif args.name == "pg_insert":
        out = pg_insert(args.events, args.db)
    else:
        out = eventsourcing(args.events, args.db, 1 if args.name == "es1" else 1000)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
