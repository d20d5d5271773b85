"""Timeline items: exactly these fields, built from a stored version's document (participants' `org`
and sources' `quote` pass through as recorded)."""

from __future__ import annotations

import msgspec

from shared import edtf

FIELDS = ("id", "kind", "status", "date", "start", "end", "precision", "uncertain", "approximate", "title",
          "title_en", "summary", "lang", "participants", "countries", "place", "sectors", "sources", "version", "position",
          "corrected")
_decode = msgspec.json.Decoder(dict).decode


def timeline_item(doc: bytes, version: int, first_position: int) -> dict:
    d = _decode(doc)
    when = edtf.parse(d["date"])
    participants = d.get("participants", [])
    return {
        "id": d["id"], "kind": d["kind"], "status": d.get("status", "occurred"), "date": d["date"],
        "start": when.start.isoformat() if when.start else None, "end": when.end.isoformat() if when.end else None,
        "precision": when.precision, "uncertain": when.uncertain, "approximate": when.approximate,
        "title": d["title"], "title_en": d.get("title_en"), "summary": d.get("summary"), "lang": d.get("lang", "ko"),
        "participants": participants, "countries": sorted({p["country"] for p in participants}),
        "place": d.get("place"), "sectors": d.get("sectors", []), "sources": d.get("sources", []),
        "version": version, "position": first_position, "corrected": version > 1,
    }
