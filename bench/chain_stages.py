"""The hash chain's cost and `coopline verify`'s speed, measured in the same run as the rest.

`stage_chain`: the ingest service with and without the chain (`nochain_ingest.py`), each on a
fresh SQLite log, alternating (off, on, on, off, off, on) so that a neighbour's load falls on both: the
single-event POST at 64 connections and the batch POST (500 events, 4 connections), as
throughput and as server CPU per event. `stage_verify`: `coopline verify --store` over the log
the run built (records per second; the target is 1M records in under 10 s).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import load, services

ROUNDS = 3


def _ingest(workdir: Path, chain: bool, n: int) -> services.Proc:
    name = f"ingest-{'chain' if chain else 'nochain'}-{n}"
    argv = [sys.executable, "-m", "services.ingest"] if chain else [sys.executable, str(services.ROOT / "bench" / "nochain_ingest.py")]
    return services.Proc(name, argv, {"COOPLINE_STORE": f"sqlite:///{workdir}/{name}.db"}, workdir / f"{name}.log")


def _cpu_per(server: services.Proc, per: int, **wrk_args) -> dict:
    cpu0 = server.cpu_seconds()
    point = load.wrk(**wrk_args)
    point["server_cpu_us"] = (server.cpu_seconds() - cpu0) / max(1, point["requests"] * per) * 1e6
    return point


def stage_chain(seconds: float, work: Path, raw: dict, lines: list[str], log) -> None:
    out: dict[str, dict[str, list]] = {k: {"single": [], "batch": []} for k in ("chain", "nochain")}
    for n in range(ROUNDS):
        for chain in ((False, True) if n % 2 == 0 else (True, False)):
            key = "chain" if chain else "nochain"
            svc = _ingest(work, chain, n).start()
            try:
                load.wrk(svc.url + "/v1/events", mode="post", lines=lines, prefix=f"w{key}{n}", workdir=work,
                         connections=16, seconds=1)
                single = _cpu_per(svc, 1, url=svc.url + "/v1/events", mode="post", lines=lines, prefix=f"s{key}{n}",
                                  workdir=work, connections=64, seconds=seconds)
                batch = _cpu_per(svc, 500, url=svc.url + "/v1/events/batch", mode="batch", lines=lines,
                                 prefix=f"b{key}{n}", workdir=work, connections=4, seconds=seconds * 1.5, batch=500)
                batch["events_per_second"] = batch["rps"] * 500
            finally:
                svc.stop()
            out[key]["single"].append(single)
            out[key]["batch"].append(batch)
            log(f"  {key} round {n}: single {single['rps']:.0f} req/s ({single['server_cpu_us']:.1f} µs CPU/req); "
                f"batch {batch['events_per_second']:.0f} events/s ({batch['server_cpu_us']:.2f} µs CPU/event)")
    med = statistics.median
    raw["chain"] = {
        key: {"single_rps": med(p["rps"] for p in v["single"]), "single_cpu_us": med(p["server_cpu_us"] for p in v["single"]),
              "batch_eps": med(p["events_per_second"] for p in v["batch"]),
              "batch_cpu_us": med(p["server_cpu_us"] for p in v["batch"]), "rounds": v}
        for key, v in out.items()}


def stage_verify(db: Path, raw: dict, log) -> None:
    argv = [sys.executable, "-m", "services.cli", "verify", "--store", f"sqlite:///{db}"]
    t0, cpu0 = time.perf_counter(), _children_cpu()
    done = subprocess.run(argv, cwd=services.ROOT, capture_output=True, text=True)
    secs, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    n = int(done.stdout.split("verified ")[1].split()[0]) if "verified " in done.stdout else 0
    raw["verify"] = {"records": n, "seconds": round(secs, 2), "records_per_second": n / secs if secs else 0,
                     "cpu_seconds": round(cpu, 2), "cpu_us_per_record": cpu / n * 1e6 if n else 0,
                     "ok": done.returncode == 0, "output": (done.stdout + done.stderr)[-500:]}
    log(f"  verify: {n:,} records in {secs:.1f} s ({raw['verify']['records_per_second']:.0f}/s), "
        f"{cpu:.1f} s of CPU in all its processes, ok {done.returncode == 0}")


def _children_cpu() -> float:
    """User + system CPU of the waited-for children (verify and its worker processes)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
