"""How results are shown: rich tables on a terminal, one tab-separated line per item otherwise.

Lines for pipes keep every title whole (tabs and newlines inside a value become spaces, so that
one event is always one line); `--json` bypasses all of this and prints the server's body.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def stdout_console() -> Console:
    return Console(file=sys.stdout, soft_wrap=False)


def stderr_console() -> Console:
    return Console(file=sys.stderr, soft_wrap=True)


def is_terminal() -> bool:
    return stdout_console().is_terminal


def say(message: str) -> None:
    """A status line for people (stderr, so that stdout stays clean for pipes)."""
    stderr_console().print(message, markup=False, highlight=False)


def print_server_json(text: str) -> None:
    console = stdout_console()
    if console.is_terminal:
        console.print_json(text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _cell(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def lines(rows: list[list[Any]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write("\t".join(_cell(v) for v in row) + "\n")


def timeline(items: list[dict], *, heading: str, more: bool) -> None:
    if not is_terminal():
        lines([[ev.get("date"), ev.get("kind"), ev.get("status"), ",".join(ev.get("countries") or []),
                ev.get("title"), ",".join(ev.get("sectors") or []), ev.get("id")] for ev in items])
        return
    table = Table(title=heading, caption=_caption(len(items), more), expand=True)
    table.add_column("date", no_wrap=True, style="cyan")
    table.add_column("kind", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("countries", no_wrap=True)
    table.add_column("title", ratio=1, overflow="fold", min_width=20)
    table.add_column("sectors", overflow="fold", style="green")
    for ev in items:  # Text, not markup: a title may well contain "[...]"
        status = ev.get("status") or ""
        table.add_row(Text(ev.get("date") or ""), Text(ev.get("kind") or ""),
                      Text(status, style="" if status == "occurred" else "yellow"),
                      Text(" ".join(ev.get("countries") or [])), Text(ev.get("title") or ""),
                      Text(" ".join(ev.get("sectors") or [])))
    stdout_console().print(table)


def _caption(n: int, more: bool) -> str:
    text = f"{n} event{'s' if n != 1 else ''}"
    return text + " (more: raise --limit)" if more else text


def sectors(doc: dict, *, heading: str) -> None:
    years = doc.get("years")
    if not is_terminal():
        if years is not None:
            lines([[y.get("year"), s.get("sector"), s.get("count")] for y in years for s in y.get("sectors") or []])
        else:
            lines([[s.get("sector"), s.get("count"), s.get("label_en")] for s in doc.get("sectors") or []])
        return
    console = stdout_console()
    if years is None:
        table = Table(title=heading, caption=f"{doc.get('total_events', 0)} events")
        table.add_column("sector", style="green")
        table.add_column("label")
        table.add_column("events", justify="right")
        for s in doc.get("sectors") or []:
            table.add_row(Text(str(s.get("sector"))), Text(f"{s.get('label_en')} · {s.get('label_ko')}"),
                          str(s.get("count")))
        console.print(table)
        return
    table = Table(title=heading)
    table.add_column("year", style="cyan", no_wrap=True)
    table.add_column("events", justify="right")
    table.add_column("sectors (events)", ratio=1)
    for y in years:
        table.add_row(str(y.get("year")), str(y.get("total_events")),
                      Text(", ".join(f"{s.get('sector')} {s.get('count')}" for s in y.get("sectors") or [])))
    console.print(table)
