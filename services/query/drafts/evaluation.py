"""Scoring drafts against the events a careful reader finds in an article.

A draft matches an expected event when both name the same set of countries, the same kind and
overlapping dates (open ends overlap everything on their side). Each expected event is matched
at most once, in order; recall is the share of expected events matched, precision the share of
drafts that match one. Status is reported beside them, not matched on: of the matched events,
how many have the expected status (an expected event without one is "occurred").
"""

from __future__ import annotations

from services.query.drafts.edtf_points import bounds_of, overlaps


def _key(rec: dict) -> tuple[frozenset[str], str, tuple]:
    countries = rec.get("countries") or [p.get("country") for p in rec.get("participants", [])]
    when = bounds_of(rec["date"]) if rec.get("date") else None
    return frozenset(c.upper() for c in countries if c), rec["kind"], when


def score(drafts: list[dict], expected: list[dict]) -> dict:
    got = [_key(d["record"]) for d in drafts]
    used: set[int] = set()
    hits = status_right = 0
    for exp in expected:
        countries, kind, when = _key(exp)
        for i, (c, k, w) in enumerate(got):
            if i in used or c != countries or k != kind or w is None or not overlaps(w, when):
                continue
            used.add(i)
            hits += 1
            status_right += drafts[i]["record"].get("status") == exp.get("status", "occurred")
            break
    return {"expected": len(expected), "drafts": len(drafts), "matched": hits, "status": status_right,
            "recall": round(hits / len(expected), 2) if expected else 1.0,
            "precision": round(len(used) / len(drafts), 2) if drafts else 1.0}
