"""`make bench`: start the real services as separate processes and measure them, each figure as
a ratio to a baseline measured in the same run. `--quick` runs smaller (100k-event log, short
wrk runs). Prints a table and JSON; writes bench/results/<time>.json and bench/throughput.png.

    python bench/run.py [--quick] [--events N] [--skip-postgres] [--keep] [--stages chain,verify]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from urllib.parse import quote  # noqa: E402

import httpx  # noqa: E402

from bench import chain_stages, load, report, services, workload  # noqa: E402
from bench.report import Figure, Target, percentile  # noqa: E402

HERE = Path(__file__).resolve().parent
PG_ADMIN = os.environ.get("COOPLINE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
CONNECTIONS = [1, 4, 16, 64, 128]
COUNTRIES = ["KR", "BY", "DK", "US", "JP", "VN", "NZ", "RU", "UZ", "FI"]
# `/v1/search`: a Korean substring (FTS), a two-character Korean word (no trigram: a LIKE), an
# English word; each alone and with a country filter. `/v1/organisations`: the list, by country,
# by a word.
SEARCH_WORDS = ["과학기술", "협력", "ministry"]
SEARCH_COUNTRY = "DK"
ORGANISATION_QUERIES = ["", "country=DK", "q=institute"]


def search_paths() -> list[str]:
    return [f"/v1/search?q={quote(w)}&limit=50{'&country=' + c if c else ''}"
            for w in SEARCH_WORDS for c in (None, SEARCH_COUNTRY)]


def organisation_paths() -> list[str]:
    return [f"/v1/organisations?limit=50{'&' + q if q else ''}" for q in ORGANISATION_QUERIES]


@dataclass(frozen=True)
class Plan:
    events: int            # the log size for the query figures
    sweep_seconds: float   # each wrk run of the connection sweep
    read_seconds: float
    baseline_events: int
    es1_events: int
    visibility_samples: int
    pg_events: int


STAGES = ("baselines", "writes", "query", "chain", "verify", "postgres")
FULL = Plan(1_000_000, 5, 5, 100_000, 2000, 2000, 100_000)
QUICK = Plan(100_000, 2, 2, 20_000, 500, 400, 40_000)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def on_core(core: str | None):
    """Run this (client) process on `core` for the block, when there are cores to spare."""
    if core is None or not services.HAVE_TASKSET:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {int(core)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


class RssSampler:
    """Samples a process's RSS every `every` seconds in a thread; `.peak`, `.samples`."""

    def __init__(self, proc: services.Proc, every: float = 0.2):
        self.proc, self.every, self.samples = proc, every, []
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(self.proc.rss_mb())
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()

    @property
    def peak(self) -> float:
        return max(self.samples, default=float("nan"))


def settle() -> None:
    """Before a stage: the page cache's dirty pages written out (os.sync), so that the kernel's
    deferred writeback of one stage's writes (30 s later, by default) does not land in the next
    stage's figures. The query store writes without syncing (services/query/store/unsynced.py)."""
    os.sync()


def baseline(name: str, events: int, db: str) -> dict:
    argv = services.pinned([sys.executable, "-m", "bench.baselines", name, "--events", str(events), "--db", db],
                           services.SERVER_CORE)
    out = subprocess.run(argv, cwd=services.ROOT, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measured(server: services.Proc, per: int = 1, **wrk_args) -> dict:
    """A wrk run plus the server's CPU time per request (or per event, `per` events a request):
    on a shared machine CPU per request is steadier than requests/s, which neighbours disturb."""
    cpu0 = server.cpu_seconds()
    point = load.wrk(**wrk_args)
    point["server_cpu_us"] = (server.cpu_seconds() - cpu0) / max(1, point["requests"] * per) * 1e6
    point["rss_mb"] = server.rss_mb()
    return point


def sweep(server: services.Proc, path: str, lines: list[str], prefix: str, work: Path, seconds: float) -> list[dict]:
    points = []
    for c in CONNECTIONS:
        point = measured(server, url=server.url + path, mode="post", lines=lines, prefix=f"{prefix}{c}", workdir=work,
                         connections=c, seconds=seconds)
        log(f"  {prefix} c={c}: {point['rps']:.0f} req/s p50 {point['p50_ms']:.2f} ms p99 {point['p99_ms']:.2f} ms"
            f" server CPU {point['server_cpu_us']:.0f} µs/req errors {point['errors']}")
        points.append(point)
    return points


def head_of(url: str) -> int:
    return httpx.get(f"{url}/v1/log", params={"after": 10**12}, timeout=10).json()["head"]


def wait_caught_up(query_url: str, head: int, timeout: float) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        p = httpx.get(f"{query_url}/v1/projections", timeout=10).json()
        if p and p[0]["position"] >= head:
            return time.perf_counter() - t0
        time.sleep(0.05)
    raise RuntimeError(f"the query service did not reach position {head} in {timeout} s")


async def plain_reads(query_url: str, ids: list[str]) -> list[float]:
    conn = await load.HttpConn(query_url).connect()
    out = []
    try:
        for cid in ids:
            t0 = time.perf_counter()
            status, _ = await conn.request("GET", f"/v1/events/{cid}")
            out.append(time.perf_counter() - t0)
            assert status == 200, status
    finally:
        await conn.close()
    return out


def ms_stats(xs: list[float]) -> dict:
    return {"n": len(xs), "p50_ms": percentile(xs, 50) * 1000, "p90_ms": percentile(xs, 90) * 1000,
            "p99_ms": percentile(xs, 99) * 1000, "max_ms": max(xs, default=float("nan")) * 1000}


# -- the stages --------------------------------------------------------------------------
def stage_baselines(plan: Plan, work: Path, raw: dict) -> None:
    log("baselines: in-process decode + SQLite insert; eventsourcing one per save and 1000 per save")
    raw["insert"] = baseline("insert", plan.baseline_events, str(work / "baseline-insert.db"))
    raw["es1"] = baseline("es1", plan.es1_events, str(work / "baseline-es1.db"))
    raw["es1000"] = baseline("es1000", plan.baseline_events // 2, str(work / "baseline-es1000.db"))
    for k in ("insert", "es1", "es1000"):
        log(f"  {k}: {raw[k]['events_per_second']:.0f} events/s")


def stage_writes(plan: Plan, work: Path, raw: dict, lines: list[str]) -> services.Proc:
    settle()
    log("bare aiohttp + msgspec handler: connection sweep")
    bare = services.bare(work).start()
    try:
        load.wrk(bare.url + "/v1/events", mode="post", lines=lines, prefix="warm", workdir=work, connections=16, seconds=1)
        raw["bare_sweep"] = sweep(bare, "/v1/events", lines, "bare", work, plan.sweep_seconds)
    finally:
        bare.stop()
    log("ingest (SQLite): single-event POST connection sweep")
    ingest = services.ingest(work).start()
    load.wrk(ingest.url + "/v1/events", mode="post", lines=lines, prefix="warm", workdir=work, connections=16, seconds=1)
    raw["ingest_rss_warm_mb"] = ingest.rss_mb()
    head0 = head_of(ingest.url)
    raw["ingest_sweep"] = sweep(ingest, "/v1/events", lines, "single", work, plan.sweep_seconds)
    acked = sum(p["requests"] for p in raw["ingest_sweep"])
    raw["ingest_sweep_appended"] = head_of(ingest.url) - head0
    raw["ingest_sweep_acked"] = acked
    log("ingest: batch POST, 500 events per request, 4 connections")
    raw["batch"] = measured(ingest, 500, url=ingest.url + "/v1/events/batch", mode="batch", lines=lines, prefix="batch",
                            workdir=work, connections=4, seconds=plan.sweep_seconds * 1.5, batch=500)
    raw["batch"]["events_per_second"] = raw["batch"]["rps"] * 500
    raw["ingest_rss_end_mb"] = ingest.rss_mb()
    log(f"  batch: {raw['batch']['events_per_second']:.0f} events/s; ingest RSS {raw['ingest_rss_warm_mb']:.0f} → "
        f"{raw['ingest_rss_end_mb']:.0f} MB")
    return ingest


def stage_build_log(plan: Plan, ingest: services.Proc, raw: dict) -> int:
    head = head_of(ingest.url)
    todo = max(0, plan.events - head)
    log(f"building the log to {plan.events:,} events through the batch endpoint ({todo:,} to write), "
        "the query service following")
    with on_core(services.CLIENT_CORE), RssSampler(ingest) as rss:
        out = load.run(load.post_batches(ingest.url, workload.Filler("log"), todo, 1000, 4))
    out.pop("latencies_s")
    out["ingest_rss_peak_mb"] = rss.peak
    raw["log_build"] = out
    log(f"  {out['events_per_second']:.0f} events/s ({out['seconds']} s); ingest RSS peak {rss.peak:.0f} MB")
    return head_of(ingest.url)


def stage_query(plan: Plan, work: Path, ingest: services.Proc, raw: dict, lines: list[str]) -> None:
    """The query service follows the log while it is built (as in production, and so that a full
    run fits in 10 minutes); its catch-up after the last write is reported as well."""
    query = services.query(work, ingest.url).start(timeout=120)
    raw["query_rss_start_mb"] = query.rss_mb()
    # CPU seconds of the query process per event applied: what a shared machine's load changes
    # least (wall-clock rates there depend on what else runs).
    cpu0, pos0 = query.cpu_seconds(), httpx.get(f"{query.url}/v1/projections", timeout=10).json()[0]["position"]
    try:
        with RssSampler(query) as rss:
            head = stage_build_log(plan, ingest, raw)
            lag = head - httpx.get(f"{query.url}/v1/projections", timeout=10).json()[0]["position"]
            log(f"query service: {lag:,} events behind at the end of the build; catching up")
            secs = wait_caught_up(query.url, head, timeout=1800)
        cpu = query.cpu_seconds() - cpu0
        raw["catchup"] = {"events": head, "lag_at_end_of_build": lag, "seconds_after_build": round(secs, 2),
                          "events_per_second": lag / secs if secs > 0 else float("nan"), "query_rss_peak_mb": rss.peak,
                          "events_per_cpu_second": (head - pos0) / cpu if cpu > 0 else float("nan")}
        log(f"  caught up {secs:.1f} s after the build ({raw['catchup']['events_per_second']:.0f} events/s; "
            f"{raw['catchup']['events_per_cpu_second']:.0f} events per query CPU second), query RSS peak {rss.peak:.0f} MB")
        log("scan + decode of the log (baseline for rebuilds)")
        raw["scan"] = baseline("scan", 0, str(work / "events.db"))
        log(f"  {raw['scan']['events_per_second']:.0f} events/s over {raw['scan']['events']:,} records")
        try:
            stage_visibility(plan, ingest, query, raw)
        except Exception as exc:  # noqa: BLE001 - the reads and the rebuild are measured all the same
            log(f"stage visibility FAILED: {exc.__class__.__name__}: {exc}")
            raw["visibility_error"] = f"{exc.__class__.__name__}: {exc}"
            wait_caught_up(query.url, head_of(ingest.url), timeout=600)
        stage_reads(plan, work, ingest, query, raw)
        stage_rebuild(query, raw)
    finally:
        query.stop()


def stage_visibility(plan: Plan, ingest: services.Proc, query: services.Proc, raw: dict) -> None:
    settle()
    log("append → visible in the query service (min_position read right after the 201), idle")
    out = load.run(load.visibility(ingest.url, query.url, workload.Filler("vis"), plan.visibility_samples))
    raw["visible_idle"] = ms_stats(out["visible_s"])
    raw["visible_idle_roundtrip"] = ms_stats(out["roundtrip_s"])
    ids = [f"vis-{i}" for i in range(0, plan.visibility_samples)]
    raw["plain_read"] = ms_stats(load.run(plain_reads(query.url, ids)))
    log(f"  visible p50 {raw['visible_idle']['p50_ms']:.2f} ms p99 {raw['visible_idle']['p99_ms']:.2f} ms; "
        f"plain read p50 {raw['plain_read']['p50_ms']:.2f} ms")
    log("the same while 5,000 events/s are written (batches of 50 every 10 ms, another process)")
    seconds = plan.visibility_samples * 0.006 + 3
    writer = subprocess.Popen([sys.executable, "-m", "bench.load", "write", ingest.url, "--rate", "5000", "--batch", "50",
                               "--seconds", str(seconds), "--prefix", "bg"], cwd=services.ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        time.sleep(1.0)
        out = load.run(load.visibility(ingest.url, query.url, workload.Filler("visload"), plan.visibility_samples))
    finally:
        bg = json.loads(writer.communicate(timeout=seconds + 60)[0].strip().splitlines()[-1])
    raw["visible_loaded"] = ms_stats(out["visible_s"])
    raw["visible_loaded_roundtrip"] = ms_stats(out["roundtrip_s"])
    raw["background_writer"] = bg
    log(f"  visible p50 {raw['visible_loaded']['p50_ms']:.2f} ms p99 {raw['visible_loaded']['p99_ms']:.2f} ms; "
        f"background wrote {bg['events_per_second']:.0f} events/s")


def stage_reads(plan: Plan, work: Path, ingest: services.Proc, query: services.Proc, raw: dict) -> None:
    settle()
    log("country timeline over HTTP, 50 items, 1 connection (client on the ingest core, ingest idle)")
    plain = [f"/v1/countries/{c}/timeline?limit=50" for c in COUNTRIES]
    window = [f"/v1/countries/{c}/timeline?limit=50&from={y}-01-01&to={y + 1}-06-30"
              for c in COUNTRIES for y in (1995, 2005, 2015, 2020)]
    raw["reads_log_events"] = head_of(ingest.url)
    kw = dict(mode="get", prefix="read", workdir=work, connections=1, seconds=plan.read_seconds,
              core=services.SERVER_CORE)
    raw["healthz"] = load.wrk(query.url + "/healthz", lines=["/healthz"], **kw)
    raw["timeline"] = load.wrk(query.url + "/", lines=plain, **kw)
    raw["timeline_window"] = load.wrk(query.url + "/", lines=window, **kw)
    raw["search"] = load.wrk(query.url + "/", lines=search_paths(), **kw)
    for k in ("healthz", "timeline", "timeline_window", "search"):
        log(f"  {k}: {raw[k]['rps']:.0f} req/s p50 {raw[k]['p50_ms']:.2f} ms p99 {raw[k]['p99_ms']:.2f} ms "
            f"errors {raw[k]['errors']}")
    # One request per list, waited for (they take seconds on a large log: under wrk an unanswered
    # request would run on in the service into the next stage).
    times = []
    for path in organisation_paths():
        t0 = time.perf_counter()
        httpx.get(query.url + path, timeout=600).raise_for_status()
        times.append(time.perf_counter() - t0)
    raw["organisations"] = ms_stats(times)
    log(f"  organisations: {len(times)} lists, slowest {raw['organisations']['max_ms']:.1f} ms")


def stage_rebuild(query: services.Proc, raw: dict) -> None:
    settle()
    log("rebuild of every projection (POST /v1/rebuilds)")
    cpu0 = query.cpu_seconds()
    with RssSampler(query, 0.1) as rss:
        job = httpx.post(f"{query.url}/v1/rebuilds", json={}, timeout=10).json()
        t0 = time.perf_counter()
        while True:
            state = httpx.get(f"{query.url}/v1/rebuilds/{job['id']}", timeout=10).json()
            if state["state"] not in ("queued", "running"):
                break
            time.sleep(0.1)
        secs = time.perf_counter() - t0
    cpu = query.cpu_seconds() - cpu0
    raw["rebuild"] = {"events_per_cpu_second": state["processed"] / cpu if cpu > 0 else float("nan"),"state": state["state"], "events": state["processed"], "seconds": round(secs, 2),
                      "events_per_second": state["processed"] / secs, "job_events_per_second": state["events_per_second"],
                      "query_rss_peak_mb": rss.peak, "error": state.get("error"), "diff": state.get("diff")}
    log(f"  {state['state']}: {state['processed']:,} events in {secs:.1f} s "
        f"({raw['rebuild']['events_per_second']:.0f} events/s; {raw['rebuild']['events_per_cpu_second']:.0f} per query "
        f"CPU second), query RSS peak {rss.peak:.0f} MB")


def stage_postgres(plan: Plan, work: Path, raw: dict) -> None:
    import asyncpg

    settle()
    name = f"coopline_bench_{int(time.time())}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(PG_ADMIN)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    try:
        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        raw["postgres"] = {"skipped": f"PostgreSQL not reachable at {PG_ADMIN}: {exc}"}
        log(f"PostgreSQL skipped: {exc}")
        return
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        log("PostgreSQL: decode + unnest insert in-process, 500 per transaction (baseline)")
        raw["pg_insert"] = baseline("pg_insert", plan.baseline_events // 2, url)
        asyncio.run(admin(f'DROP DATABASE "{name}" WITH (FORCE)'))
        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
        log(f"  {raw['pg_insert']['events_per_second']:.0f} events/s")
        log(f"PostgreSQL ingest: batched appends (500 per request) from 8 concurrent writers, {plan.pg_events:,} events")
        ingest = services.ingest(work, store=url)
        try:
            ingest.start(timeout=60)
        except RuntimeError as exc:
            raw["postgres"] = {"skipped": f"the PostgreSQL ingest store did not start: {str(exc)[-500:]}"}
            log("  the PostgreSQL ingest store did not start; skipped")
            return
        try:
            with on_core(services.CLIENT_CORE):
                out = load.run(load.post_batches(ingest.url, workload.Filler("pg"), plan.pg_events, 500, 8))
            out.pop("latencies_s")
        finally:
            ingest.stop()

        async def check() -> dict:
            conn = await asyncpg.connect(url)
            try:
                n, lo, hi = await conn.fetchrow("SELECT count(*), min(position), max(position) FROM log")
                holes = await conn.fetchval("SELECT count(*) FROM (SELECT position - lag(position) OVER "
                                            "(ORDER BY position) AS d FROM log) s WHERE d <> 1")
            finally:
                await conn.close()
            return {"count": n, "min": lo, "max": hi, "holes": holes}

        out["log"] = asyncio.run(check())
        out["gapless"] = out["log"] == {"count": plan.pg_events, "min": 1, "max": plan.pg_events, "holes": 0}
        raw["postgres"] = out
        log(f"  {out['events_per_second']:.0f} events/s; gapless {out['gapless']} {out['log']}")
    finally:
        with contextlib.suppress(Exception):
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# -- figures -------------------------------------------------------------------------------
def _at(points: list[dict], c: int) -> dict:
    return next(p for p in points if p["connections"] == c)


def figures(raw: dict, plan: Plan) -> list[Figure]:
    f: list[Figure] = []
    g = raw.get
    if "insert" in raw:
        # a baseline that failed (reported above the table) leaves its figure empty
        ins, es1, es1000 = (g(k, {}).get("events_per_second") for k in ("insert", "es1", "es1000"))
        f += [Figure("baseline_insert", "baseline: decode + SQLite insert in-process (500/tx)", ins, "events/s"),
              Figure("baseline_es1", "baseline: eventsourcing, 1 event per save", es1, "events/s"),
              Figure("baseline_es1000", "baseline: eventsourcing, 1000 events per save", es1000, "events/s")]
    if "ingest_sweep" in raw:
        bare, ing = raw["bare_sweep"], raw["ingest_sweep"]
        b1, i1, b64, i64 = _at(bare, 1), _at(ing, 1), _at(bare, 64), _at(ing, 64)
        f += [
            Figure("bare_64_rps", "baseline: bare aiohttp+msgspec handler, 64 conns", b64["rps"], "req/s"),
            Figure("post_64_rps", "single POST, 64 conns, durable acks", i64["rps"], "req/s", "bare_64_rps", b64["rps"],
                   Target(">=", 0.8, "ratio")),
            Figure("post_64_cpu", "single POST, 64 conns: bare's server CPU/req ÷ ingest's", b64["server_cpu_us"]
                   / i64["server_cpu_us"], "", note="the throughput ratio if each server had its core to itself"),
            Figure("post_64_p99", "single POST, 64 conns, p99", i64["p99_ms"], "ms", "bare_64_p99", b64["p99_ms"],
                   Target("<=", 10)),
            Figure("post_64_vs_es1", "single POST, 64 conns vs eventsourcing 1/save", i64["rps"], "events/s",
                   "baseline_es1", g("es1", {}).get("events_per_second")),
            Figure("post_1_p50", "single POST, 1 conn, p50", i1["p50_ms"], "ms", "bare_1_p50", b1["p50_ms"],
                   Target("<=", 0.6)),
            Figure("post_1_p99", "single POST, 1 conn, p99", i1["p99_ms"], "ms", "bare_1_p99", b1["p99_ms"]),
            Figure("post_128_rps", "single POST, 128 conns", _at(ing, 128)["rps"], "req/s", "bare_128_rps",
                   _at(bare, 128)["rps"]),
            Figure("batch_eps", "batch POST, 500 events/request, 4 conns", raw["batch"]["events_per_second"], "events/s",
                   "baseline_insert", g("insert", {}).get("events_per_second"), Target(">=", 0.7, "ratio")),
            Figure("batch_cpu", "batch POST: server CPU per event", raw["batch"]["server_cpu_us"], "µs",
                   "baseline_insert_cpu", g("insert", {}).get("cpu_us_per_event")),
            Figure("batch_vs_es1000", "batch POST vs eventsourcing 1000/save", raw["batch"]["events_per_second"],
                   "events/s", "baseline_es1000", g("es1000", {}).get("events_per_second")),
            Figure("ingest_rss", "ingest RSS after all write load", raw["ingest_rss_end_mb"], "MB", "rss_after_warmup",
                   raw["ingest_rss_warm_mb"], Target("<=", 1.25, "ratio"), note="flat: ≤ 1.25× the RSS after warm-up"),
        ]
    if raw.get("log_build", {}).get("events_per_second"):  # nothing to build when the sweeps wrote N already
        f.append(Figure("log_build_eps", "log build: batch POST 1000/request, 4 conns, query following", raw["log_build"]["events_per_second"],
                        "events/s", "baseline_insert", g("insert", {}).get("events_per_second")))
    if "scan" in raw:
        scan = raw["scan"]["events_per_second"]
        f.append(Figure("baseline_scan", f"baseline: scan + decode of the log ({raw['scan']['events']:,})", scan, "events/s"))
    if "catchup" in raw:
        c = raw["catchup"]
        f.append(Figure("catchup_eps", f"query follower catch-up after the build ({c['lag_at_end_of_build']:,} behind)",
                        c["events_per_second"], "events/s", "baseline_scan", g("scan", {}).get("events_per_second")))
        f.append(Figure("catchup_cpu", "query catch-up, events per query CPU second", c["events_per_cpu_second"],
                        "events/s"))
    if "visible_idle" in raw:
        plain = raw["plain_read"]["p50_ms"]
        for k, label in (("visible_idle", "append → visible, idle"), ("visible_loaded", "append → visible, 5k events/s written")):
            if k not in raw:  # the stage failed there (reported above the table)
                continue
            f += [Figure(f"{k}_p50", f"{label}, p50", raw[k]["p50_ms"], "ms", "plain_read_p50", plain, Target("<=", 2)),
                  Figure(f"{k}_p99", f"{label}, p99", raw[k]["p99_ms"], "ms", "plain_read_p99",
                         raw["plain_read"]["p99_ms"], Target("<=", 15))]
    if "timeline" in raw:
        hz = raw["healthz"]
        for k, label in (("timeline", "timeline, 50 items, no window"), ("timeline_window", "timeline, 50 items, window")):
            f.append(Figure(f"{k}_p99", f"{label}, p99 ({raw.get('reads_log_events', plan.events):,} events)", raw[k]["p99_ms"], "ms",
                            "healthz_p99", hz["p99_ms"], Target("<=", 5)))
        n = f"{raw.get('reads_log_events', plan.events):,} events"
        if "search" in raw:
            f.append(Figure("search_p99", f"search, 50 items, {len(SEARCH_WORDS)} words ± country, p99 ({n})",
                            _p99(raw["search"]), "ms", "healthz_p99", hz["p99_ms"], Target("<=", 10),
                            note=_errors(raw["search"])))
        if "organisations" in raw:
            f.append(Figure("organisations_max", f"organisations list, 50 items, slowest of {raw['organisations']['n']} "
                            f"({n})", raw["organisations"]["max_ms"], "ms", "healthz_p99", hz["p99_ms"]))
    if "rebuild" in raw:
        r = raw["rebuild"]
        f += [Figure("rebuild_eps", f"rebuild of every projection ({r['events']:,} events)", r["events_per_second"],
                     "events/s", "baseline_scan", g("scan", {}).get("events_per_second"), Target(">=", 75_000)),
              Figure("rebuild_cpu", "rebuild, events per query CPU second", r["events_per_cpu_second"], "events/s"),
              Figure("query_rss_peak", "query RSS peak (catch-up and rebuild)",
                     max(r["query_rss_peak_mb"], raw["catchup"]["query_rss_peak_mb"]), "MB", "query_rss_start",
                     raw["query_rss_start_mb"], Target("<=", 300))]
    f += chain_figures(raw)
    pg = raw.get("postgres", {})
    if "events_per_second" in pg:
        f += [Figure("pg_eps", "PostgreSQL: batched appends, 8 writers", pg["events_per_second"], "events/s",
                     "baseline_pg_insert", g("pg_insert", {}).get("events_per_second"), Target(">=", 40_000)),
              Figure("pg_gapless", "PostgreSQL: log gapless after the run (1 = yes)", float(pg["gapless"]), "",
                     target=Target(">=", 1))]
    return f


def _p99(w: dict) -> float | None:
    """A wrk run's p99, or None when any request failed or timed out (wrk's latencies leave those
    out) or none was answered within the run."""
    return None if w["errors"] or not w["requests"] else w["p99_ms"]


def _errors(w: dict) -> str:
    """A wrk run's failures (timeouts at 10 s, non-2xx answers), for a figure's note."""
    if not w["requests"]:
        return f"no answer within the {w['seconds']} s run"
    return f"{w['errors']} of {w['requests'] + w['errors']} requests failed or timed out" if w["errors"] else ""


def chain_figures(raw: dict) -> list[Figure]:
    f: list[Figure] = []
    if "chain" in raw:
        on, off = raw["chain"]["chain"], raw["chain"]["nochain"]
        f += [Figure("chain_single_rps", "single POST, 64 conns, with the hash chain", on["single_rps"], "req/s",
                     "nochain_single_rps", off["single_rps"], Target(">=", 0.95, "ratio")),
              Figure("chain_single_cpu", "single POST: server CPU/req without the chain ÷ with it",
                     off["single_cpu_us"] / on["single_cpu_us"], "", target=Target(">=", 0.95)),
              Figure("chain_batch_eps", "batch POST 500/request, 4 conns, with the hash chain", on["batch_eps"],
                     "events/s", "nochain_batch_eps", off["batch_eps"], Target(">=", 0.90, "ratio")),
              Figure("chain_batch_cpu", "batch POST: server CPU/event without the chain ÷ with it",
                     off["batch_cpu_us"] / on["batch_cpu_us"], "", target=Target(">=", 0.90))]
    if raw.get("verify", {}).get("records"):
        v = raw["verify"]
        f += [Figure("verify_rps", f"coopline verify --store, SQLite ({v['records']:,} records, {v['seconds']} s)",
                     v["records_per_second"], "records/s", target=Target(">=", 100_000),
                     note="1M records in under 10 s"),
              Figure("verify_cpu", "coopline verify: CPU per record, all its processes", v["cpu_us_per_record"], "µs",
                     target=Target("<=", 20), note="≤ 20 µs: 1M records in 10 s on two idle cores")]
    return f


def stage_verify(plan: Plan, work: Path, raw: dict) -> None:
    settle()
    db = work / "events.db"
    if not db.exists():  # the write stages did not run: a log of the plan's size, written by the store
        from bench import sealed_log

        log(f"writing a {plan.events:,}-record log through the ingest store for verify")
        asyncio.run(sealed_log.build(f"sqlite:///{db}", plan.events))
    log("coopline verify --store over the run's log")
    chain_stages.stage_verify(db, raw, log)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smaller N and shorter runs (under 2 minutes)")
    p.add_argument("--events", type=int, help="log size for the query figures")
    p.add_argument("--skip-postgres", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the working directory (databases, logs)")
    p.add_argument("--stages", default=",".join(STAGES),
                   help=f"comma-separated stages to run (default all: {','.join(STAGES)})")
    args = p.parse_args(argv)
    stages = set(args.stages.split(","))
    if stages - set(STAGES):
        p.error(f"unknown stages: {', '.join(sorted(stages - set(STAGES)))}")
    plan = QUICK if args.quick else FULL
    if args.events:
        plan = Plan(args.events, *list(plan.__dict__.values())[1:])
    if shutil.which("wrk") is None:
        print("bench: wrk is not installed (Debian: apt-get install wrk)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="coopline-bench-"))
    raw: dict = {"plan": plan.__dict__}
    lines = [t.decode() for t in workload.templates(1024)]
    started = time.time()
    log(f"working in {work}; server core {services.SERVER_CORE}, client core {services.CLIENT_CORE}"
        f"{'' if services.HAVE_TASKSET else ' (no taskset: unpinned)'}")
    failed = False

    def attempt(name: str, fn, *a):
        """Run one stage; a failure is reported (with the services' log tails) and the run goes on."""
        nonlocal failed
        try:
            return fn(*a)
        except Exception as exc:  # noqa: BLE001 - a failed stage must not lose the others' figures
            failed = True
            tails = {p.name: p.read_text(errors="replace")[-2000:] for p in work.glob("*.log")}
            raw.setdefault("errors", {})[name] = {"error": f"{exc.__class__.__name__}: {exc}", "logs": tails}
            log(f"stage {name} FAILED: {exc.__class__.__name__}: {exc}")
            for svc, tail in tails.items():
                log(f"  --- {svc} (last lines) ---\n{tail[-800:]}")
            return None

    try:
        if "baselines" in stages:
            attempt("baselines", stage_baselines, plan, work, raw)
        ingest = attempt("writes", stage_writes, plan, work, raw, lines) if "writes" in stages else None
        if ingest is not None:
            try:
                if "query" in stages:
                    attempt("query", stage_query, plan, work, ingest, raw, lines)
            finally:
                ingest.stop()
        if "chain" in stages:
            settle()
            log("the hash chain's cost: ingest without and with it, alternating, fresh logs")
            attempt("chain", chain_stages.stage_chain, plan.sweep_seconds, work, raw, lines, log)
        if "verify" in stages:
            attempt("verify", stage_verify, plan, work, raw)
        if not args.skip_postgres and "postgres" in stages:
            attempt("postgres", stage_postgres, plan, work, raw)
    finally:
        raw["seconds"] = round(time.time() - started, 1)
        figs = figures(raw, plan)
        meta = {"machine": report.machine(), "quick": args.quick, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z",
                time.localtime(started)), "seconds": raw["seconds"], "workdir": str(work) if args.keep else None}
        results = HERE / "results"
        results.mkdir(exist_ok=True)
        out = results / time.strftime("%Y%m%d-%H%M%S.json", time.localtime(started))
        out.write_text(report.to_json(figs, meta=meta, raw=raw), encoding="utf-8")
        if "ingest_sweep" in raw:
            report.chart({"bare aiohttp+msgspec": raw["bare_sweep"], "ingest (SQLite, durable)": raw["ingest_sweep"]},
                         HERE / "throughput.png",
                         f"single-event POST, server on 1 core, wrk on the other — {'quick' if args.quick else 'full'} run")
        print(report.table(figs))
        print(json.dumps({fi.key: {"value": fi.value, "ratio": fi.ratio, "met": fi.met} for fi in figs}, indent=1))
        log(f"done in {raw['seconds']} s; results in {out}")
        if args.keep or failed:
            log(f"working directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
