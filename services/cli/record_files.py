"""Read events from files: JSON (an object or an array), JSON Lines, or CSV.

Each event comes back with its origin (`events.jsonl:4`, `events.csv row 3`, `events.json[2]`)
so that an error from the server can name the user's own line.

CSV: one header row of DESIGN §1 field names (scalar fields as plain text; an empty cell
leaves the field out). Cells of list and object fields that start with `[` or `{` are JSON;
otherwise they use a short form:
  sectors       `ict;ai;robotics`
  participants  `KR:과학기술정보통신부;BY:State Committee on Science and Technology`
                (COUNTRY:name items; type and role need the JSON form)
  sources       `https://example.org/a;연합뉴스` (a URL item is a url, anything else a publisher)
  place         JSON only, or the columns `place.city` and `place.country`
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.cli.errors import CliError

FORMATS = ("json", "jsonl", "csv")
_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
RECORD_FIELDS = ("id", "kind", "date", "status", "title", "summary", "lang",
                 "participants", "place", "sectors", "sources")
_CSV_COLUMNS = set(RECORD_FIELDS) | {"place.city", "place.country"}


@dataclass(frozen=True)
class Item:
    event: dict[str, Any]
    origin: str


def read_files(paths: list[str], fmt: str | None = None, stdin: io.TextIOBase | None = None) -> list[Item]:
    items: list[Item] = []
    for p in paths:
        items += read_file(p, fmt, stdin)
    return items


def read_file(path: str, fmt: str | None = None, stdin: io.TextIOBase | None = None) -> list[Item]:
    if path == "-":
        if stdin is None:
            raise CliError("reading events from standard input needs --format")
        name, text = "<stdin>", stdin.read()
    else:
        p = Path(path)
        if not p.is_file():
            raise CliError(f"{path}: no such file" if not p.exists() else f"{path}: not a file")
        try:
            text = p.read_text(encoding="utf-8-sig")  # tolerate a BOM from spreadsheet exports
        except UnicodeDecodeError:
            raise CliError(f"{path}: not UTF-8 text") from None
        except OSError as exc:
            raise CliError(f"{path}: {exc.strerror}") from None
        name = path
    fmt = fmt or _SUFFIXES.get(Path(path).suffix.lower()) or _sniff(text)
    reader = {"json": _json, "jsonl": _jsonl, "csv": _csv}[fmt]
    items = reader(text, name)
    for it in items:
        if not isinstance(it.event, dict):
            raise CliError(f"{it.origin}: an event is a JSON object, not {type(it.event).__name__}")
    return items


def _sniff(text: str) -> str:
    head = text.lstrip()[:1]
    if head == "[":
        return "json"
    if head == "{":
        try:
            json.loads(text)
            return "json"
        except ValueError:
            return "jsonl"
    return "csv"


def _json(text: str, name: str) -> list[Item]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{name}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    if isinstance(doc, list):
        return [Item(ev, f"{name}[{i}]") for i, ev in enumerate(doc)]
    return [Item(doc, name)]


def _jsonl(text: str, name: str) -> list[Item]:
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(Item(json.loads(line), f"{name}:{n}"))
        except json.JSONDecodeError as exc:
            raise CliError(f"{name}:{n}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    return items


def _csv(text: str, name: str) -> list[Item]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    unknown = [c for c in header if c not in _CSV_COLUMNS]
    if unknown:
        raise CliError(f"{name}: unknown CSV column {unknown[0]!r}; columns are the event fields "
                       f"({', '.join(RECORD_FIELDS)}, place.city, place.country)")
    items = []
    for row in reader:
        origin = f"{name}:{reader.line_num}"
        if None in row:
            raise CliError(f"{origin}: more cells than header columns")
        items.append(Item(_csv_event(row, origin), origin))
    return items


def _csv_event(row: dict[str, str | None], origin: str) -> dict[str, Any]:
    ev: dict[str, Any] = {}
    place: dict[str, Any] = {}
    for col, raw in row.items():
        cell = (raw or "").strip()
        if not cell:
            continue
        if col.startswith("place."):
            place[col[6:]] = cell
        elif col in ("participants", "sectors", "sources", "place"):
            ev[col] = _structured(col, cell, origin)
        else:
            ev[col] = cell
    if place:
        ev["place"] = {**ev.get("place", {}), **place} if isinstance(ev.get("place", {}), dict) else place
    return ev


def _structured(col: str, cell: str, origin: str) -> Any:
    if cell[0] in "[{":
        try:
            return json.loads(cell)
        except json.JSONDecodeError as exc:
            raise CliError(f"{origin}: column {col}: not valid JSON ({exc.msg})") from None
    parts = [p.strip() for p in cell.split(";") if p.strip()]
    if col == "sectors":
        return parts
    if col == "sources":
        return [{"url": p} if p.startswith(("http://", "https://")) else {"publisher": p} for p in parts]
    if col == "participants":
        out = []
        for p in parts:
            country, sep, who = p.partition(":")
            if not sep or not who.strip():
                raise CliError(f"{origin}: column participants: write COUNTRY:name items separated by ';' "
                               f"or a JSON array, not {p!r}")
            out.append({"country": country.strip(), "name": who.strip()})
        return out
    raise CliError(f"{origin}: column {col}: write a JSON object")


def content_id(event: dict[str, Any]) -> str:
    """A stable id for an event given without one, so that resubmitting the same file is safe."""
    canonical = json.dumps(event, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "c-" + hashlib.sha256(canonical.encode()).hexdigest()[:32]
