"""The event-loop decision, measured: the bare baseline and the ingest service on uvloop and on
asyncio's own loop, alternated (`rounds` times) so that a neighbour's load falls on both.

    python -m bench.event_loop [--seconds 3] [--rounds 2]

Prints, per loop, single-POST requests/s and the server's CPU µs per request at 1 and 64
connections, and batch POST events/s (500 a request, 4 connections): the medians of the rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from bench import load, services, workload
from bench.run import measured

LOOPS = ("uvloop", "asyncio")


def one_round(loop: str, work: Path, lines: list[str], seconds: float) -> dict:
    os.environ["COOPLINE_EVENT_LOOP"] = loop  # the servers inherit it
    out = {}
    for name, make in (("bare", services.bare), ("ingest", services.ingest)):
        proc = make(work / f"{loop}-{name}")
        (work / f"{loop}-{name}").mkdir(exist_ok=True)
        proc.start()
        try:
            load.wrk(proc.url + "/v1/events", mode="post", lines=lines, prefix=f"w{loop}{name}", workdir=work,
                     connections=16, seconds=1)
            for c in (1, 64):
                p = measured(proc, url=proc.url + "/v1/events", mode="post", lines=lines,
                             prefix=f"{loop}{name}{c}-{os.urandom(3).hex()}", workdir=work, connections=c, seconds=seconds)
                out[f"{name}_{c}_rps"], out[f"{name}_{c}_cpu_us"] = p["rps"], p["server_cpu_us"]
            if name == "ingest":
                b = measured(proc, 500, url=proc.url + "/v1/events/batch", mode="batch", lines=lines,
                             prefix=f"b{loop}-{os.urandom(3).hex()}", workdir=work, connections=4, seconds=seconds, batch=500)
                out["batch_eps"], out["batch_cpu_us"] = b["rps"] * 500, b["server_cpu_us"]
        finally:
            proc.stop()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    lines = [t.decode() for t in workload.templates(1024)]
    with tempfile.TemporaryDirectory(prefix="coopline-loops-") as tmp:
        work = Path(tmp)
        runs = {loop: [] for loop in LOOPS}
        for _ in range(args.rounds):
            for loop in LOOPS:
                runs[loop].append(one_round(loop, work, lines, args.seconds))
    keys = list(runs[LOOPS[0]][0])
    print(f"{'figure':<18}" + "".join(f"{loop:>12}" for loop in LOOPS) + f"{'asyncio/uvloop':>16}")
    for k in keys:
        med = [statistics.median(r[k] for r in runs[loop]) for loop in LOOPS]
        print(f"{k:<18}" + "".join(f"{m:>12.1f}" for m in med) + f"{med[1] / med[0]:>16.2f}")


if __name__ == "__main__":
    main()
