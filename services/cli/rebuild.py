"""`coopline rebuild [--wait] [--dry-run]`: rebuild the query projections from the log (admin)."""

from __future__ import annotations

import json
import time

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from services.cli import output
from services.cli.client import Api
from services.cli.errors import CliError

FINAL = ("succeeded", "failed", "cancelled")


def _summary(job: dict, dry_run: bool) -> str:
    line = f"rebuild {job.get('id')} {job.get('state')}: {job.get('processed', 0)} of {job.get('total', 0)} log records"
    if job.get("events_per_second"):
        line += f" at {job['events_per_second']:.0f}/s"
    diff = job.get("diff")
    if isinstance(diff, dict):
        line += f"; diff: {diff.get('added', 0)} added, {diff.get('removed', 0)} removed, {diff.get('changed', 0)} changed"
    if dry_run and job.get("state") == "succeeded":
        line += " (dry run: the live projections were not swapped)"
    if job.get("error"):
        line += f"; error: {job['error']}"
    return " ".join(line.split())


def wait_for(api: Api, job_id: str, *, interval: float = 0.25) -> dict:
    show = output.stderr_console().is_terminal
    with Progress(TextColumn("rebuilding {task.fields[state]}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=output.stderr_console(), disable=not show, transient=True) as bar:
        task = bar.add_task("rebuild", total=None, state="queued")
        while True:
            job = api.get_json("query", f"/v1/rebuilds/{job_id}")
            bar.update(task, completed=job.get("processed") or 0, total=job.get("total") or None,
                       state=job.get("state", ""))
            if job.get("state") in FINAL:
                return job
            time.sleep(interval)


def cmd_rebuild(args, api: Api) -> int:
    if args.cancel:
        api.request("query", "DELETE", f"/v1/rebuilds/{args.cancel}")
        print(f"rebuild {args.cancel}: cancel requested")
        return 0
    resp = api.request("query", "POST", "/v1/rebuilds", json={"dry_run": bool(args.dry_run)})
    job = resp.json()
    if not args.wait:
        if args.json:
            output.print_server_json(resp.text)
        else:
            print(f"rebuild {job.get('id')} {job.get('state')}; follow it with `coopline rebuild --wait` next time, "
                  f"or GET /v1/rebuilds/{job.get('id')}")
        return 0
    try:
        job = wait_for(api, job["id"])
    except KeyboardInterrupt:
        raise CliError(f"stopped waiting; rebuild {job['id']} keeps running (coopline rebuild --cancel {job['id']})",
                       130) from None
    if args.json:
        print(json.dumps(job, ensure_ascii=False))
    else:
        print(_summary(job, args.dry_run))
    return 0 if job.get("state") == "succeeded" else 1


def register(sub, common) -> None:
    p = sub.add_parser("rebuild", parents=[common], help="rebuild the query projections from the log (admin token)")
    p.add_argument("--wait", action="store_true", help="follow the job with a progress bar until it ends")
    p.add_argument("--dry-run", action="store_true", help="build and report the difference without swapping")
    p.add_argument("--cancel", metavar="ID", help="cancel a running rebuild job")
    p.add_argument("--json", action="store_true", help="print the job as JSON")
    p.set_defaults(func=cmd_rebuild)
