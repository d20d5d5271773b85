"""The query service's own CPU per draft (the drafting worker's not counted), split into its
event loop's thread and its other threads: the real services, a 20,000-event log, a client
keeping two `POST /v1/drafts` in flight (our own test articles ≤ 10 kB, round-robin) for a
few rounds. For A/B runs of two trees back to back on a shared machine, where latency figures
swing with the load but CPU per request holds.

    .venv/bin/python bench/drafts_cpu.py [--events N] [--rounds R] [--seconds S]

Figures go to bench/README.md, section "Drafts while reading". Each round starts the article
list afresh: rounds after the first find some lookups kept from before (same log position).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import psutil

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.drafts_reads import Drafter, articles, drafting_services  # noqa: E402


def thread_cpu(proc: psutil.Process) -> dict[int, float]:
    return {t.id: t.user_time + t.system_time for t in proc.threads()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=20_000, help="events in the log (default 20,000)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of drafting (default 3)")
    ap.add_argument("--seconds", type=float, default=6, help="seconds per round (default 6)")
    args = ap.parse_args(argv)
    bodies = articles()
    with drafting_services(args.events, bodies, "coopline-bench-draftcpu-") as (_, query):
        proc = psutil.Process(query.pid)
        for n in range(args.rounds):
            before, cpu0 = thread_cpu(proc), query.cpu_seconds()
            with Drafter(query.url, bodies) as drafter:
                time.sleep(args.seconds)
            after, cpu = thread_cpu(proc), query.cpu_seconds() - cpu0
            drafts = max(1, sum(drafter.statuses.values()))
            loop = after.get(query.pid, 0.0) - before.get(query.pid, 0.0)
            print(f"round {n}: {drafts} drafts ({drafts / drafter.seconds:.1f}/s, statuses {drafter.statuses}): "
                  f"{cpu / drafts * 1000:.2f} ms CPU per draft, event loop's thread {loop / drafts * 1000:.2f}, "
                  f"other threads {(cpu - loop) / drafts * 1000:.2f}; load average {os.getloadavg()[0]:.1f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
