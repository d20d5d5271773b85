"""`coopline submit --dry-run` and `--skip-invalid`: every error of every line, before recording.

Both send the events to `POST /v1/events/batch?dry_run=true`, which checks each item and appends
nothing. `--dry-run` stops there; `--skip-invalid` then submits the valid ones. An id already
recorded with another body is only found by the real submission (409 naming the index); with
`--skip-invalid` that event is set aside too and its batch sent again without it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from services.cli import output
from services.cli.client import Api
from services.cli.record_files import Item


@dataclass(frozen=True)
class Rejected:
    item: Item
    errors: list[dict]

    def lines(self) -> list[str]:
        """`events.jsonl:4 ($.date): '2018-13-01': there is no month 13`, one per error."""
        out = []
        for e in self.errors:
            path = str(e.get("path", "$"))
            if path.startswith("$["):  # $[3].date → $.date: the line is named already
                path = "$" + path.partition("]")[2]
            out.append(f"{self.item.origin} ({path or '$'}): {e.get('message', '')}")
        return out


def check(api: Api, items: list[Item], batch_size: int) -> list[Rejected]:
    """Every invalid item with all its errors (the server's dry run, batch by batch)."""
    rejected = []
    for start in range(0, len(items), batch_size):
        batch = items[start:start + batch_size]
        resp = api.request("ingest", "POST", "/v1/events/batch", params={"dry_run": "true"},
                           json=[it.event for it in batch], retries=3,
                           where={i: it.origin for i, it in enumerate(batch)})
        for result in resp.json()["results"]:
            if not result["valid"]:
                rejected.append(Rejected(batch[result["index"]], result["errors"]))
    return rejected


def conflict(resp) -> tuple[int, list[dict]] | None:
    """The index and errors of a batch's 409 for an id recorded with another body, if it is one."""
    try:
        body = resp.json()
    except ValueError:
        return None
    index = body.get("index") if isinstance(body, dict) else None
    return (index, body.get("errors") or []) if isinstance(index, int) else None


def dry_run(api: Api, items: list[Item], batch_size: int, *, as_json: bool = False) -> int:
    """Print every error of every event (stdout) and a summary (stderr); → 1 if any is invalid."""
    rejected = check(api, items, batch_size)
    if as_json:
        print(json.dumps({"invalid": [{"origin": r.item.origin, "id": r.item.event.get("id"), "errors": r.errors}
                                      for r in rejected]}, ensure_ascii=False))
    else:
        for r in rejected:
            for line in r.lines():
                print(line)
    errors = sum(len(r.errors) for r in rejected)
    output.say(f"{len(items)} event{'s' if len(items) != 1 else ''} checked: {len(items) - len(rejected)} valid, "
               f"{len(rejected)} invalid ({errors} error{'s' if errors != 1 else ''}); nothing was recorded")
    return 1 if rejected else 0
