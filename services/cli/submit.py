"""`coopline submit FILE…` and `coopline seed`: send events to the ingest service in batches.

Batches are atomic on the server (all or none) and every event carries an id — the file's, or
one derived from the event's content when it has none — so a resubmission, or a retry after a
dropped connection, records nothing twice: the server answers `created: false` for those.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from services.cli import output, seeding
from services.cli.client import Api
from services.cli.errors import CliError
from services.cli.record_files import FORMATS, Item, content_id, read_files

MAX_BATCH = 1000


@dataclass
class Summary:
    created: int = 0
    existing: int = 0
    skipped: int = 0  # identical events given twice in the input without an id
    results: list[dict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.existing

    def text(self) -> str:
        line = f"{self.total} event{'s' if self.total != 1 else ''} submitted: {self.created} created, {self.existing} already recorded"
        if self.skipped:
            line += f", {self.skipped} repeated in the input (skipped)"
        return line


def with_ids(items: list[Item]) -> tuple[list[Item], int]:
    """Give id-less events their content id; drop exact repeats of such events."""
    out, seen, skipped = [], set(), 0
    for it in items:
        if "id" in it.event:
            out.append(it)
            continue
        cid = content_id(it.event)
        if cid in seen:
            skipped += 1
            continue
        seen.add(cid)
        out.append(Item({"id": cid, **it.event}, it.origin))
    return out, skipped


def submit_items(api: Api, items: list[Item], *, batch_size: int = MAX_BATCH, progress: bool | None = None) -> Summary:
    items, skipped = with_ids(items)
    summary = Summary(skipped=skipped)
    if not items:
        return summary
    show = output.stderr_console().is_terminal if progress is None else progress
    batches = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    with Progress(TextColumn("submitting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=output.stderr_console(), disable=not show, transient=True) as bar:
        task = bar.add_task("submit", total=len(items))
        for n, batch in enumerate(batches):
            where = {i: it.origin for i, it in enumerate(batch)}
            try:
                resp = api.request("ingest", "POST", "/v1/events/batch", json=[it.event for it in batch],
                                   where=where, retries=3)
            except CliError as exc:
                if n == 0:
                    raise
                raise CliError(f"{exc.message} [batch {n + 1} of {len(batches)} was refused as a whole; the "
                               f"{summary.total} events before it are recorded, and resubmitting is safe]") from None
            results = resp.json()["results"]
            summary.results += results
            made = sum(1 for r in results if r.get("created"))
            summary.created += made
            summary.existing += len(results) - made
            bar.advance(task, len(batch))
    return summary


def _batch_size(raw: str) -> int:
    value = int(raw)
    if not 1 <= value <= MAX_BATCH:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_BATCH}")
    return value


def _report(args, summary: Summary) -> None:
    if args.json:
        print(json.dumps({"results": summary.results}, ensure_ascii=False))
    else:
        print(summary.text())


def cmd_submit(args, api: Api) -> int:
    items = read_files(args.files, args.format, sys.stdin)
    if not items:
        raise CliError("no events in " + ", ".join(args.files))
    _report(args, submit_items(api, items, batch_size=args.batch_size))
    return 0


def register(sub, common) -> None:
    p = sub.add_parser("submit", parents=[common], help="record events from JSON, JSON Lines or CSV files",
                       description="Record events from files (JSON object or array, JSON Lines, CSV with a "
                                   "header of event fields). Sent in atomic batches; resubmitting is safe.")
    p.add_argument("files", nargs="+", metavar="FILE", help="files to read ('-' for standard input, with --format)")
    p.add_argument("--format", choices=FORMATS, help="file format (default: from the suffix, else guessed)")
    p.add_argument("--batch-size", type=_batch_size, default=MAX_BATCH, help=f"events per request (1–{MAX_BATCH})")
    p.add_argument("--json", action="store_true", help="print the server's receipts as JSON")
    p.set_defaults(func=cmd_submit)

    p = sub.add_parser("seed", parents=[common], help="load the seed data set (seeds/*.jsonl and its history); safe to repeat")
    p.add_argument("--dir", help="folder of *.jsonl seed files (default: seeds/ of the project)")
    p.add_argument("--json", action="store_true", help="print the server's receipts as JSON")
    p.set_defaults(func=seeding.cmd_seed)
