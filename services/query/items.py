"""Timeline items (DESIGN §6): exactly these fields, built from a stored version's document."""

from __future__ import annotations

import functools

import msgspec

from shared import edtf

FIELDS = ("id", "kind", "status", "date", "start", "end", "precision", "uncertain", "approximate", "title",
          "summary", "lang", "participants", "countries", "place", "sectors", "sources", "version", "position",
          "corrected")
_decode = msgspec.json.Decoder(dict).decode


@functools.lru_cache(maxsize=65536)
def _when(date: str) -> tuple:
    """(start, end, precision, uncertain, approximate) of a date (cached: dates repeat)."""
    when = edtf.parse(date)
    return (when.start.isoformat(), when.end.isoformat() if when.end else None, when.precision, when.uncertain,
            when.approximate)


def timeline_item(doc: bytes, version: int, first_position: int) -> dict:
    d = _decode(doc)
    start, end, precision, uncertain, approximate = _when(d["date"])
    participants = d.get("participants", [])
    return {
        "id": d["id"], "kind": d["kind"], "status": d.get("status", "occurred"), "date": d["date"],
        "start": start, "end": end,
        "precision": precision, "uncertain": uncertain, "approximate": approximate,
        "title": d["title"], "summary": d.get("summary"), "lang": d.get("lang", "ko"),
        "participants": participants, "countries": sorted({p["country"] for p in participants}),
        "place": d.get("place"), "sectors": d.get("sectors", []), "sources": d.get("sources", []),
        "version": version, "position": first_position, "corrected": version > 1,
    }
