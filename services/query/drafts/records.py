"""A detected event as a draft cooperation record: title, English title, sectors, place,
source, what a person must still fill in (`missing`) and how sure the drafter is.
"""

from __future__ import annotations

import re

import msgspec

from services.query.drafts import places
from services.query.drafts.lexicon import SECTOR_WORDS
from shared import record as schema

_KIND_KO = {"signing": "체결", "visit": "방문", "forum": "개최", "meeting": "개최", "opening": "개소", "project": "추진",
            "other": ""}
_KIND_EN = {"signing": "agreement signed", "visit": "visit", "forum": "forum", "meeting": "meeting",
            "opening": "opening", "project": "joint project", "other": "cooperation"}
_QUOTED = re.compile(r"[‘'“\"「『]([^’'”\"」』]{3,80})[’'”\"」』]")


def sectors(text: str) -> list[str]:
    found = []
    for slug, words in SECTOR_WORDS.items():
        for w in words:
            if w.isascii():
                flags = 0 if w.isupper() else re.IGNORECASE
                hit = re.search(rf"(?<![A-Za-z]){re.escape(w)}", text, flags)
            else:
                hit = w in text
            if hit:
                found.append(slug)
                break
    return found[:20]


def quoted_names(text: str, *, aliases: bool = False) -> list[str]:
    """Names in quotes, less (unless `aliases`) the aliases that follow them ("(‘혁신 플랫폼 MOU’)",
    "(이하 ‘ICT MOU’)")."""
    return [m.group(1).strip() for m in _QUOTED.finditer(text)
            if aliases or not re.search(r"\(\s*(?:이하\s*)?$", text[:m.start()])]


def quoted_name(text: str) -> str | None:
    m = _QUOTED.search(text)
    return m.group(1).strip() if m else None


def title_ko(kind: str, parts: list[dict], obj: str | None, clause: str) -> str:
    """"벨라루스 국립과학아카데미–한국기계연구원 상호협력 협정 체결": the parties by side, then
    what the clause names (a quoted name or the object before the predicate), then the act."""
    sides: dict[str, list[str]] = {}
    for p in parts:
        if p.get("type") == "other" and p["name"].endswith((" 측", " side")):
            continue
        sides.setdefault(p.get("country", "?"), []).append(p["name"])
    who = "–".join("·".join(names[:2]) for names in list(sides.values())[:3])
    if not who:
        codes = [p["country"] for p in parts if p.get("country")]
        who = "–".join(places.name_ko(c) for c in dict.fromkeys(codes))
    what = quoted_name(clause) or obj or ""
    act = _KIND_KO[kind]
    if what and any(what.endswith(w) for w in ("체결", "서명", "방문", "개최", "개소", "추진", "개관", "출범")):
        act = ""
    title = " ".join(x for x in (who, what, act) if x).strip()
    return title[:500] or clause[:500]


def title_en(kind: str, parts: list[dict], clause: str, lang: str) -> str | None:
    if lang == "en":
        return clause.strip()[:500] or None
    names = [p["name_en"] for p in parts if p.get("name_en")]
    codes = list(dict.fromkeys(p["country"] for p in parts if p.get("country")))
    if len(names) >= 2:
        who = "–".join(names[:3])
    elif codes:
        who = "–".join(places.name_en(c) for c in codes[:4])
    else:
        return None
    return f"{who}: {_KIND_EN[kind]}"


def recheck(d: dict) -> None:
    """A draft's `missing` again after its record changed (sides added, a date given): what the record
    now lacks, keeping a `$.date` the drafter put there for a person to check (an uncertain date)."""
    d["missing"] = list(dict.fromkeys(missing(d["record"]) + (["$.date"] if "$.date" in d["missing"] else [])))


def missing(record: dict) -> list[str]:
    out = []
    if "date" not in record:
        out.append("$.date")
    parts = record.get("participants", [])
    if not parts:
        out.append("$.participants")
    for i, p in enumerate(parts):
        if "country" not in p:
            out.append(f"$.participants[{i}].country")
    if parts and len({p.get("country") for p in parts if p.get("country")}) < 2:
        out.append("$.participants")  # a cooperation between countries needs both sides named
    src = record["sources"][0]
    if "url" not in src and "publisher" not in src:
        out.append("$.sources[0].publisher")
    return list(dict.fromkeys(out))


def says_why(draft: dict) -> None:
    """The last word on a draft's `missing`: a draft that lists nothing is one `POST /v1/events`
    accepts unchanged, so where the record schema still refuses it (a party a later step added
    without its country, say) the paths the schema names go into `missing`."""
    if draft["missing"]:
        return
    try:
        schema.decode_record(msgspec.json.encode(draft["record"]))
    except schema.RecordInvalid as exc:
        draft["missing"] = list(dict.fromkeys(e["path"] for e in exc.errors))


def confidence(*, strong: bool, dated: bool, inherited: bool, countries: int, orgs: int, quoted: bool) -> float:
    """0–1: a strong predicate, a date in the sentence, two countries and named bodies all raise it."""
    score = 0.35 + (0.2 if strong else 0.05)
    score += 0.15 if dated and not inherited else (0.05 if dated else 0.0)
    score += 0.15 if countries >= 2 else 0.0
    score += min(orgs, 2) * 0.05 + (0.05 if quoted else 0.0)
    return round(min(score, 0.95), 2)
