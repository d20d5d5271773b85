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

from services.cli import checking, output, seeding
from services.cli.client import Api, problem_line
from services.cli.errors import CliError
from services.cli.record_files import FORMATS, Item, content_id, read_files

MAX_BATCH = 1000


@dataclass
class Summary:
    created: int = 0
    existing: int = 0
    skipped: int = 0  # identical events given twice in the input without an id
    results: list[dict] = field(default_factory=list)
    rejected: list[checking.Rejected] = field(default_factory=list)  # --skip-invalid: set aside

    @property
    def total(self) -> int:
        return self.created + self.existing

    def text(self) -> str:
        line = f"{self.total} event{'s' if self.total != 1 else ''} submitted: {self.created} created, {self.existing} already recorded"
        if self.skipped:
            line += f", {self.skipped} repeated in the input (skipped)"
        if self.rejected:
            line += f", {len(self.rejected)} invalid (not submitted)"
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


def submit_items(api: Api, items: list[Item], *, batch_size: int = MAX_BATCH, progress: bool | None = None,
                 skip_invalid: bool = False) -> Summary:
    items, skipped = with_ids(items)
    summary = Summary(skipped=skipped)
    if skip_invalid:  # check everything first; submit only what passes
        summary.rejected = checking.check(api, items, batch_size)
        bad = {id(r.item) for r in summary.rejected}
        items = [it for it in items if id(it) not in bad]
    if not items:
        return summary
    show = output.stderr_console().is_terminal if progress is None else progress
    batches = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    with Progress(TextColumn("submitting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=output.stderr_console(), disable=not show, transient=True) as bar:
        task = bar.add_task("submit", total=len(items))
        for n, batch in enumerate(batches):
            try:
                resp = _send(api, batch, summary, skip_invalid)
            except CliError as exc:
                if n == 0:
                    raise
                raise CliError(f"{exc.message} [batch {n + 1} of {len(batches)} was refused as a whole; the "
                               f"{summary.total} events before it are recorded, and resubmitting is safe]") from None
            if resp is None:  # every event of the batch was set aside
                bar.advance(task, len(batch))
                continue
            results = resp.json()["results"]
            summary.results += results
            made = sum(1 for r in results if r.get("created"))
            summary.created += made
            summary.existing += len(results) - made
            bar.advance(task, len(batch))
    return summary


def _send(api: Api, batch: list[Item], summary: Summary, skip_invalid: bool):
    """POST one batch; with skip_invalid an id already recorded with another body (409 naming
    its index) is set aside and the rest sent again. → the response, or None if none is left."""
    while batch:
        where = {i: it.origin for i, it in enumerate(batch)}
        resp = api.request("ingest", "POST", "/v1/events/batch", json=[it.event for it in batch],
                           where=where, retries=3, ok=(409,) if skip_invalid else ())
        found = checking.conflict(resp) if resp.status_code == 409 else None
        if found is None or not 0 <= found[0] < len(batch):
            if resp.status_code == 409:
                raise CliError(f"ingest service: {problem_line(resp, where)}")
            return resp
        index, errors = found
        summary.rejected.append(checking.Rejected(batch[index], errors))
        batch = batch[:index] + batch[index + 1:]
    return None


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
    if args.dry_run:  # every error of every line; nothing recorded
        items, _ = with_ids(items)
        return checking.dry_run(api, items, args.batch_size, as_json=args.json)
    summary = submit_items(api, items, batch_size=args.batch_size, skip_invalid=args.skip_invalid)
    for rejected in summary.rejected:  # stderr: stdout keeps the summary (or the JSON receipts)
        for line in rejected.lines():
            output.say(line)
    _report(args, summary)
    return 0


def register(sub, common) -> None:
    p = sub.add_parser("submit", parents=[common], help="record events from JSON, JSON Lines or CSV files",
                       description="Record events from files (JSON object or array, JSON Lines, CSV with a "
                                   "header of event fields). Sent in atomic batches; resubmitting is safe.")
    p.add_argument("files", nargs="+", metavar="FILE", help="files to read ('-' for standard input, with --format)")
    p.add_argument("--format", choices=FORMATS, help="file format (default: from the suffix, else guessed)")
    p.add_argument("--batch-size", type=_batch_size, default=MAX_BATCH, help=f"events per request (1–{MAX_BATCH})")
    p.add_argument("--json", action="store_true", help="print the server's receipts as JSON")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true",
                      help="check every event and list every error of every line; record nothing")
    mode.add_argument("--skip-invalid", action="store_true",
                      help="record the valid events and list the invalid ones (with every error) on stderr")
    p.set_defaults(func=cmd_submit)

    p = sub.add_parser("seed", parents=[common], help="load the seed data set (seeds/*.jsonl and its history); safe to repeat")
    p.add_argument("--dir", help="folder of *.jsonl seed files (default: seeds/ of the project)")
    p.add_argument("--json", action="store_true", help="print the server's receipts as JSON")
    p.set_defaults(func=seeding.cmd_seed)
