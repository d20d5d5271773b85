"""Drafts compared with each other (the same event reported twice in one article) and with
live events that may already record them (`matches`), with rapidfuzz string similarity.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from services.query.drafts.edtf_points import bounds_of, overlaps
from shared import edtf


def _countries(rec: dict) -> frozenset[str]:
    return frozenset(p["country"].upper() for p in rec.get("participants", []) if p.get("country"))


def _bounds(rec: dict):
    return bounds_of(rec["date"]) if rec.get("date") else (None, None)


def _names(rec: dict) -> set[str]:
    return {p["name"] for p in rec.get("participants", []) if not p["name"].endswith((" 측", " side"))}


def same_event(a: dict, b: dict) -> bool:
    ra, rb = a["record"], b["record"]
    if ra["kind"] != rb["kind"] or _countries(ra) != _countries(rb):
        return False
    if not overlaps(_bounds(ra), _bounds(rb)):
        return False
    if a["quote"] == b["quote"]:
        return ra["title"] == rb["title"]
    if ra["kind"] == "project" and _starts_apart(ra.get("date"), rb.get("date")):
        return False  # "2025년부터 2027년까지 추진하고 있는 … 사업" and a course "이달 중순부터": two projects, begun apart
    if _ordinals(ra["title"]) != _ordinals(rb["title"]):
        return False  # 제1차 회의 and 제13차 공동위원회 are two meetings
    if _PHASE.findall(a["quote"]) != _PHASE.findall(b["quote"]):
        return False  # "이에 따라 공동연구 2단계 사업이 … 시작된다": a project's next phase, not the one told before
    similar = fuzz.token_set_ratio(ra["title"], rb["title"])
    shared = _names(ra) & _names(rb)
    return similar >= 85 or similar >= 60 and bool(shared) and len(shared) >= min(len(_names(ra)), len(_names(rb)))


_PHASE = re.compile(r"(\d+)\s?단계\s?(?:사업|연구|과제|프로젝트)|\b[Pp]hase\s(\d+|I{1,3}|one|two|three)\b")


def _starts_apart(a: str | None, b: str | None) -> bool:
    """Two spans told with their starts ("2025/2027", "2026-07-11/..") that begin more than a quarter apart (a
    lead's "from now" and the body's "from next month" are one project's start told twice)."""
    if not a or not b or "/" not in a or "/" not in b:
        return False
    sa, sb = a.split("/", 1)[0], b.split("/", 1)[0]
    if not sa or not sb or sa == ".." or sb == "..":
        return False
    try:
        (a0, a1), (b0, b1) = bounds_of(sa), bounds_of(sb)
    except (ValueError, edtf.EDTFError):
        return False
    if None in (a0, a1, b0, b1):
        return False
    return (b0 - a1).days > _QUARTER or (a0 - b1).days > _QUARTER


_QUARTER = 92


def _ordinals(title: str) -> set[str]:
    return set(re.findall(r"제\s?(\d+)\s?차|(\d+)(?:st|nd|rd|th)\b", title)) - {("", "")}


def dedupe(drafts: list[dict]) -> list[dict]:
    """Keep the first report of each event; a later, better-dated report lends its date."""
    kept: list[dict] = []
    for d in drafts:
        twin = next((k for k in kept if same_event(k, d)), None)
        if twin is None:
            kept.append(d)
            continue
        if "date" in d["record"] and ("date" not in twin["record"] or "$.date" in twin["missing"]):
            twin["record"]["date"] = d["record"]["date"]
            twin["missing"] = [m for m in twin["missing"] if m != "$.date"]
        extra = [s for s in d["record"]["sectors"] if s not in twin["record"]["sectors"]]
        twin["record"]["sectors"] = (twin["record"]["sectors"] + extra)[:20]
        twin["confidence"] = max(twin["confidence"], d["confidence"])
    return kept


def lookup_key(rec: dict) -> tuple | None:
    """What a draft's candidate live events are looked up by: (its countries, its kind, its
    dates as (first day, last day), None where open), or None when it names no country."""
    countries = tuple(sorted({p["country"].upper() for p in rec.get("participants", ()) if p.get("country")}))
    if not countries:
        return None
    window = None
    try:
        when = edtf.parse(rec["date"]) if rec.get("date") else None
    except edtf.EDTFError:
        when = None
    if when is not None:
        window = (when.start.isoformat() if when.start else None, when.end.isoformat() if when.end else None)
    return countries, rec.get("kind"), window


def matches(rec: dict, candidates, limit: int = 5) -> list[dict]:
    """Live events with the same countries and overlapping dates, scored by title and
    participant similarity (0–1), best first."""
    if candidates is None:
        return []
    countries = sorted(_countries(rec))
    pool = candidates(countries, rec.get("date")) if callable(candidates) else candidates
    mine = _bounds(rec)
    names = " ".join(sorted(_names(rec)))
    scored = []
    for ev in pool:
        if _countries(ev) != frozenset(countries) or ev.get("kind") not in (None, rec["kind"]):
            continue
        if not overlaps(mine, _bounds(ev)):
            continue
        title = max(fuzz.token_set_ratio(rec["title"], ev.get("title", "")),
                    fuzz.token_set_ratio(rec.get("title_en", ""), ev.get("title_en", "")) if ev.get("title_en") else 0)
        people = fuzz.token_set_ratio(names, " ".join(sorted(_names(ev)))) if names else 0
        score = round((0.6 * title + 0.4 * people) / 100, 2)
        if score >= 0.3:
            scored.append({"id": ev.get("id"), "title": ev.get("title"), "date": ev.get("date"), "score": score})
    scored.sort(key=lambda m: (-m["score"], str(m["id"])))
    return scored[:limit]
