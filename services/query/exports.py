"""Timeline exports (DESIGN §9): CSV (RFC 4180, UTF-8) and TimelineJS JSON.

Exports carry the whole selection: they ignore `limit` and `cursor`.
"""

from __future__ import annotations

import csv
import io

from shared import countries, edtf

CSV_COLUMNS = ("id", "date", "start", "end", "kind", "status", "title", "countries", "participants", "sectors",
               "sources")
LIST_SEP = "; "


def _participant(p: dict) -> str:
    name = p["name"]
    if p.get("name_en") and p["name_en"] != name:
        name = f"{name} / {p['name_en']}"
    return f"{name} ({p['country']})"


def _source(s: dict) -> str:
    return s.get("url") or s.get("publisher") or ""


def csv_row(item: dict) -> list[str]:
    return [item["id"], item["date"], item["start"], item["end"] or "", item["kind"], item["status"], item["title"],
            LIST_SEP.join(item["countries"]), LIST_SEP.join(_participant(p) for p in item["participants"]),
            LIST_SEP.join(item["sectors"]), LIST_SEP.join(_source(s) for s in item["sources"])]


def csv_text(items: list[dict], *, header: bool = True) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(i) for i in items)
    return out.getvalue()


def _date_parts(start, precision: str) -> dict:
    parts = {"year": start.year}
    if precision in ("month", "day"):
        parts["month"] = start.month
    if precision == "day":
        parts["day"] = start.day
    return parts


def _group(item: dict, country: str, partner: str | None) -> str | None:
    """TimelineJS `group` = the partner country (§9): the one asked for, else the event's other
    countries; none for a domestic event."""
    others = [partner] if partner else [c for c in item["countries"] if c != country]
    return ", ".join(countries.name_en(c) for c in others) or None


def timelinejs_event(item: dict, country: str, partner: str | None = None) -> dict:
    when = edtf.parse(item["date"])
    event = {"unique_id": item["id"], "start_date": _date_parts(when.start, when.precision),
             "display_date": item["date"], "text": {"headline": item["title"]}}
    group = _group(item, country, partner)
    if group:
        event["group"] = group
    first, slash, second = item["date"].partition("/")
    if slash and second != "..":
        end = edtf.parse(second)  # the end's own known parts (its latest day)
        event["end_date"] = _date_parts(end.end, end.precision)
    if item.get("summary"):
        event["text"]["text"] = item["summary"]
    return event


def timelinejs(items: list[dict], headline: str, country: str, partner: str | None = None) -> dict:
    return {"title": {"text": {"headline": headline}},
            "events": [timelinejs_event(i, country, partner) for i in items]}
