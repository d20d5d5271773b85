"""The PostgreSQL stage of `run.py` (8 writers posting 500-event batches to one ingest process),
A/B across source trees, interleaved, with where the time and the CPU go.

    .venv/bin/python -m bench.pg_appends --rounds 4 before=/path/to/other/worktree after=.

Each tree is a git worktree with its own `make setup`. Per run, on a fresh database: events/s;
CPU per event of the ingest process, of the PostgreSQL processes serving the bench database
(its backends, the WAL writer, the checkpointer, the background writer) and of this client; how
busy the whole machine was (2.0 on two cores: neighbours took what we did not use); and, from
timers put around the store's write transaction inside the ingest process (`--serve`), the
lock's hold time per group (from asking for the lock to COMMIT answered) and its parts per event.
The ingest process runs on core 0 and this client on core 1, as in `run.py`; PostgreSQL is not
pinned. Results are appended as JSON lines to `--out`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ADMIN = os.environ.get("COOPLINE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PARTS = ("lock", "read", "decide", "decide_cpu", "insert", "commit")


# -- inside the ingest process (`--serve`, started with the tree under test as cwd) ---------
def serve() -> None:
    """`python -m services.ingest` of the tree in cwd, with timers around its write transaction."""
    import atexit
    import runpy

    sys.path.insert(0, os.getcwd())
    from services.ingest.store import group_commit as gc
    from services.ingest.store import postgres as pg

    clock, cpu = time.perf_counter, time.thread_time
    groups: list[dict] = []
    at: dict = {}
    if hasattr(pg._Tx, "read"):  # BEGIN with the lock, then one read
        lock_owner, lock_name, read_name = pg.PostgresLog, "_begin", "read"
    else:  # the lock, then the tip, then the streams
        lock_owner, read_name = pg._Tx, "streams"
        lock_name = "tip" if hasattr(pg._Tx, "tip") else "head_and_time"
    take_lock, read, insert = getattr(lock_owner, lock_name), getattr(pg._Tx, read_name), pg._Tx.insert
    decide_group, commit_group = gc.decide_group, pg.PostgresLog._commit_group

    async def timed_lock(self):
        at["asked"] = clock()
        out = await take_lock(self)
        at["locked"] = clock()
        return out

    async def timed_read(self, subjects):
        out = await read(self, subjects)
        at["read"] = clock()
        return out

    def timed_decide(*args, **kw):
        c0 = cpu()
        out = decide_group(*args, **kw)
        at["decide_cpu"], at["decided"] = cpu() - c0, clock()
        return out

    async def timed_insert(self, rows):
        await insert(self, rows)
        at["inserted"] = clock()

    async def timed_group(self, cmds):
        at.clear()
        out = await commit_group(self, cmds)
        end = clock()
        if "inserted" in at:
            groups.append({"n": len(out[1]), "hold": end - at["asked"], "lock": at["locked"] - at["asked"],
                           "read": at["read"] - at["locked"], "decide": at["decided"] - at["read"],
                           "decide_cpu": at["decide_cpu"], "insert": at["inserted"] - at["decided"],
                           "commit": end - at["inserted"]})
        return out

    setattr(lock_owner, lock_name, timed_lock)
    setattr(pg._Tx, read_name, timed_read)
    pg._Tx.insert = timed_insert
    gc.decide_group = timed_decide
    pg.PostgresLog._commit_group = timed_group

    @atexit.register
    def dump() -> None:
        Path(os.environ["PG_APPENDS_STATS"]).write_text(json.dumps(groups))

    sys.argv = ["services.ingest"]
    runpy.run_module("services.ingest", run_name="__main__", alter_sys=True)


# -- the driver -----------------------------------------------------------------------------
def _admin(sql: str) -> None:
    import asyncio

    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(ADMIN)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


def _server_pids(db: str) -> set[int]:
    import asyncio

    import asyncpg

    async def run() -> set[int]:
        conn = await asyncpg.connect(ADMIN)
        try:
            return {r[0] for r in await conn.fetch(
                "SELECT pid FROM pg_stat_activity WHERE datname = $1 OR backend_type IN "
                "('walwriter', 'checkpointer', 'background writer')", db)}
        finally:
            await conn.close()

    return asyncio.run(run())


def _postgres_cpu() -> dict[int, float]:
    import psutil

    out = {}
    for p in psutil.process_iter(["name"]):
        if p.info["name"] == "postgres":
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system
            except psutil.Error:
                pass
    return out


def _busy() -> float:
    import psutil

    t = psutil.cpu_times()
    return t.user + t.system + t.nice + t.irq + t.softirq + t.steal


def one_run(name: str, tree: Path, events: int, work: Path) -> dict:
    import psutil

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench import load, services, workload

    db = f"coopline_pg_appends_{name}_{int(time.time() * 1000)}"
    _admin(f'CREATE DATABASE "{db}"')
    stats, log_path, port = work / f"{db}.json", work / f"{db}.log", services.free_port()
    env = {**os.environ, "COOPLINE_STORE": ADMIN.rsplit("/", 1)[0] + "/" + db, "COOPLINE_PORT": str(port),
           "PYTHONUNBUFFERED": "1", "COOPLINE_LOG_LEVEL": "warning", "PG_APPENDS_STATS": str(stats)}
    argv = services.pinned([str(tree / ".venv" / "bin" / "python"), str(Path(__file__).resolve()), "--serve"],
                           services.SERVER_CORE)
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(argv, cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        services.wait_until_healthy(name, proc, f"http://127.0.0.1:{port}/healthz", log_path, 60, proc.kill)
        ingest = psutil.Process(proc.pid)
        os.sync()
        pg0, i0, c0, b0 = _postgres_cpu(), sum(ingest.cpu_times()[:2]), time.process_time(), _busy()
        before = os.sched_getaffinity(0)
        if services.HAVE_TASKSET:
            os.sched_setaffinity(0, {int(services.CLIENT_CORE)})
        try:
            out = load.run(load.post_batches(f"http://127.0.0.1:{port}", workload.Filler("pg"), events, 500, 8))
        finally:
            os.sched_setaffinity(0, before)
        pg1, i1, c1, b1 = _postgres_cpu(), sum(ingest.cpu_times()[:2]), time.process_time(), _busy()
        mine = _server_pids(db)
    finally:
        proc.terminate()  # our own child, by pid
        proc.wait(60)
        _admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    secs = out["seconds"]
    groups = [g for g in json.loads(stats.read_text()) if g["n"]]
    appended = sum(g["n"] for g in groups)
    holds = sorted(g["hold"] for g in groups)
    return {
        "tree": name, "at": time.strftime("%H:%M:%S"), "events_per_second": events / secs,
        "ingest_cpu_us": (i1 - i0) / events * 1e6,
        "postgres_cpu_us": sum(v - pg0.get(k, 0.0) for k, v in pg1.items() if k in mine) / events * 1e6,
        "client_cpu_us": (c1 - c0) / events * 1e6, "machine_busy_cores": (b1 - b0) / secs,
        "groups": len(groups), "events_per_group": appended / max(len(groups), 1),
        "hold_ms_p50": holds[len(holds) // 2] * 1e3 if holds else float("nan"),
        "hold_share_of_run": sum(holds) / secs,
        **{f"{part}_us_per_event": sum(g[part] for g in groups) / max(appended, 1) * 1e6 for part in PARTS},
    }


def summary(rows: list[dict]) -> str:
    keys = [k for k in rows[0] if k not in ("tree", "at", "round")]
    trees = list(dict.fromkeys(r["tree"] for r in rows))
    lines = [f"{'median [min–max]':24s}" + "".join(f"{t:>28s}" for t in trees)]
    for k in keys:
        cells = []
        for t in trees:
            v = sorted(r[k] for r in rows if r["tree"] == t)
            cells.append(f"{v[len(v) // 2]:.1f} [{v[0]:.1f}–{v[-1]:.1f}]")
        lines.append(f"{k:24s}" + "".join(f"{c:>28s}" for c in cells))
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:] == ["--serve"]:
        serve()
        return
    p = argparse.ArgumentParser(prog="python -m bench.pg_appends", description=__doc__.split("\n\n")[0])
    p.add_argument("trees", nargs="+", help="NAME=PATH of a worktree with its own .venv")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--events", type=int, default=100_000, help="per run (run.py's full plan: 100,000)")
    p.add_argument("--out", default="bench/results/pg_appends.jsonl")
    args = p.parse_args()
    trees = [(n, Path(t).resolve()) for n, t in (a.split("=", 1) for a in args.trees)]
    work = Path(args.out).resolve().parent
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for r in range(args.rounds):
        for name, tree in trees if r % 2 == 0 else trees[::-1]:
            row = {**one_run(name, tree, args.events, work), "round": r}
            rows.append(row)
            print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}), flush=True)
            with open(args.out, "a") as f:
                f.write(json.dumps(row) + "\n")
    print(summary(rows))


if __name__ == "__main__":
    main()
