"""Loading the seed data set (`coopline seed`, `coopline up`): its records, then its history.

`seeds/*.jsonl` hold every record as it was first published, and a published line never
changes: an install that loaded it earlier answers `created: false`, never 409.
`seeds/history/corrections.jsonl` holds what changed since, in order, one step a line:
`{id, version, changes, reason}` (a correction) or `{id, version, retract: true, reason}`
(a retraction), where `version` is the version the step produces. A step is sent only when
the event stands at the version before it, so loading again appends nothing, and an install
that loaded older seeds is brought up to date. What cannot be applied (an id recorded here
with another body, an event changed locally) is reported and left alone; the rest loads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from services.cli.client import Api, problem_line
from services.cli.errors import CliError
from services.cli.record_files import Item, content_id, read_files

HISTORY = Path("history") / "corrections.jsonl"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
MAX_BATCH = 1000


@dataclass(frozen=True)
class Step:
    id: str
    version: int  # the version this step produces
    reason: str
    changes: dict | None  # None: a retraction
    origin: str  # file:line, for messages


@dataclass
class Report:
    created: int = 0
    existing: int = 0
    applied: int = 0  # history steps appended now
    present: int = 0  # history steps found already in the log
    head: int = 0  # the highest log position this load saw
    problems: list[str] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)  # receipts of records and steps, for --json

    def lines(self) -> list[str]:
        total = self.created + self.existing
        out = [f"{total} event{'s' if total != 1 else ''} submitted: {self.created} created, {self.existing} already recorded",
               f"{self.applied + self.present} corrections and retractions: {self.applied} applied, {self.present} already applied"]
        return out + [f"not applied: {p}" for p in self.problems]


def find_seeds_dir(given: str | None) -> Path:
    if given:
        path = Path(given)
        if not path.is_dir():
            raise CliError(f"{given}: no such directory")
        return path
    for candidate in (PROJECT_ROOT / "seeds", Path.cwd() / "seeds"):
        if candidate.is_dir() and any(candidate.glob("*.jsonl")):
            return candidate
    raise CliError(f"no seeds/*.jsonl found next to the project ({PROJECT_ROOT / 'seeds'}) or here; pass --dir")


def seed_files(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.glob("*.jsonl"))]


def read_steps(folder: Path) -> list[Step]:
    """The history file's steps, checked for shape and for versions that follow each other."""
    path = folder / HISTORY
    if not path.is_file():
        return []
    steps, last = [], {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        origin = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise CliError(f"{origin}: not valid JSON ({exc})") from None
        step = _step(obj, origin)
        if step.version != last.get(step.id, 1) + 1:
            raise CliError(f"{origin}: version {step.version} of {step.id} does not follow version {last.get(step.id, 1)}")
        last[step.id] = step.version
        steps.append(step)
    return steps


def _step(obj, origin: str) -> Step:
    ok = (isinstance(obj, dict) and isinstance(obj.get("id"), str) and type(obj.get("version")) is int
          and isinstance(obj.get("reason"), str) and obj["reason"]
          and set(obj) in ({"id", "version", "changes", "reason"}, {"id", "version", "retract", "reason"}))
    changes = obj.get("changes") if ok else None
    if not ok or ("retract" in obj and obj["retract"] is not True) or ("changes" in obj and not (isinstance(changes, dict) and changes)):
        raise CliError(f"{origin}: a step is {{id, version, changes, reason}} or {{id, version, retract: true, reason}}")
    return Step(obj["id"], obj["version"], obj["reason"], changes, origin)


def load(api: Api, folder: Path) -> Report:
    """Records first (atomic batches), then the history steps in file order."""
    steps = read_steps(folder)  # a malformed history file stops the load before anything is sent
    report = Report()
    conflicts = submit_records(api, read_files(seed_files(folder)), report)
    apply_steps(api, steps, report, conflicts)
    return report


def submit_records(api: Api, items: list[Item], report: Report) -> set[str]:
    """Send the records; an id already recorded with another body is reported and left out
    (the batch is atomic, so the rest is sent again without it). Returns those ids."""
    items = [it if "id" in it.event else Item({"id": content_id(it.event), **it.event}, it.origin) for it in items]
    conflicts: set[str] = set()
    for start in range(0, len(items), MAX_BATCH):
        for r in _send_batch(api, items[start:start + MAX_BATCH], report, conflicts):
            report.results.append(r)
            report.created += bool(r.get("created"))
            report.existing += not r.get("created")
            report.head = max(report.head, r.get("position") or 0)
    return conflicts


def _send_batch(api: Api, batch: list[Item], report: Report, conflicts: set[str]) -> list[dict]:
    while batch:
        resp = api.request("ingest", "POST", "/v1/events/batch", json=[it.event for it in batch],
                           where={i: it.origin for i, it in enumerate(batch)}, retries=3, ok=(409,))
        if resp.status_code != 409:
            return resp.json()["results"]
        index = resp.json().get("index")
        if type(index) is not int or not 0 <= index < len(batch):
            raise CliError(f"ingest service: {problem_line(resp)}")
        bad = batch.pop(index)
        conflicts.add(bad.event["id"])
        report.problems.append(f"{bad.origin}: {bad.event['id']} is recorded here with another body; "
                               "left as it is, and its corrections are not applied")
    return []


def apply_steps(api: Api, steps: list[Step], report: Report, skip: set[str]) -> None:
    logs: dict[str, list[dict] | None] = {}  # id → its log records (None: not in the log)
    blocked = set(skip)  # ids whose further steps are not sent
    for step in steps:
        if step.id in blocked:
            continue
        if step.id not in logs:
            resp = api.request("ingest", "GET", f"/v1/events/{quote(step.id, safe='')}/history", retries=2, ok=(404,))
            logs[step.id] = resp.json() if resp.status_code == 200 else None
        log = logs[step.id]
        if log is None:
            report.problems.append(f"{step.origin}: {step.id} is not in the log")
            blocked.add(step.id)
        elif len(log) >= step.version:
            if _same(log[step.version - 1], step):
                report.present += 1
                report.head = max(report.head, log[step.version - 1]["position"])
            else:
                report.problems.append(f"{step.origin}: version {step.version} of {step.id} is another change "
                                       "(made on this install); this step and the later ones are left out")
                blocked.add(step.id)
        elif len(log) + 1 < step.version or log[-1]["type"].endswith(".retracted"):
            report.problems.append(f"{step.origin}: {step.id} stands at version {len(log)}"
                                   + (" and is retracted" if log[-1]["type"].endswith(".retracted") else ""))
            blocked.add(step.id)
        elif (rec := _send(api, step, len(log), report)) is not None:
            log.append(rec)
        else:
            blocked.add(step.id)


def _same(rec: dict, step: Step) -> bool:
    kind = "corrected" if step.changes is not None else "retracted"
    return rec.get("type", "").endswith("." + kind) and (rec.get("data") or {}).get("reason") == step.reason


def _send(api: Api, step: Step, current: int, report: Report) -> dict | None:
    body: dict = {"expected_version": current, "reason": step.reason}
    if step.changes is not None:
        body["changes"] = step.changes
    path = f"/v1/events/{quote(step.id, safe='')}/" + ("corrections" if step.changes is not None else "retraction")
    # No retries: a step sent twice would meet its own first copy as a version conflict.
    resp = api.request("ingest", "POST", path, json=body, ok=(409, 422))
    if resp.status_code in (409, 422):  # changed meanwhile, or the step does not fit this record
        report.problems.append(f"{step.origin}: {step.id}: {problem_line(resp)}")
        return None
    receipt = resp.json()
    report.applied += 1
    report.head = max(report.head, receipt["position"])
    report.results.append({**receipt, "created": True, "step": step.origin})
    kind = "corrected" if step.changes is not None else "retracted"
    return {"type": f"coopline.cooperation.{kind}", "position": receipt["position"], "data": {"reason": step.reason}}


def cmd_seed(args, api: Api) -> int:
    folder = find_seeds_dir(args.dir)
    if not seed_files(folder):
        raise CliError(f"{folder}: no *.jsonl files")
    report = load(api, folder)
    if args.json:
        print(json.dumps({"results": report.results, "problems": report.problems}, ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return 0
