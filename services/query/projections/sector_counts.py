"""Sector counts: one row per (live version, sector); counted over a selection of events.

Year buckets use the start's year; events with an open start (`../B`) make a last bucket
`{"year": null, …}`.
"""

from __future__ import annotations

from services.query.projections.event_detail import valid
from services.query.projections.schema import Changes, Table
from services.query.projections.selection import Filters, where
from services.query.projections.state import OPEN_START, Change
from services.query.store.base import Reader
from shared.vocabulary import SECTORS

NAME = "sector_counts"
EVENT_SECTORS = Table("event_sectors", (("vid", "int"), ("sector", "text")), key=("vid", "sector"))
TABLES = (EVENT_SECTORS,)


def project(changes: list[Change], out: Changes) -> None:
    out.insert(EVENT_SECTORS, [(c.after.vid, sector) for c in changes if c.live
                               for sector in dict.fromkeys(c.fields.sectors)])


def _sectors(counts: dict[str, int]) -> list[dict]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"sector": s, "label_ko": SECTORS.get(s, {}).get("label_ko", s),
             "label_en": SECTORS.get(s, {}).get("label_en", s), "count": n} for s, n in ordered]


async def counts(db: Reader, country: str | None, f: Filters, at: int, by_year: bool) -> dict:
    """{total_events, sectors} or, by year, {years: [{year, total_events, sectors}]}."""
    p = db.params()
    if country is None:
        base = (f"SELECT v.vid AS vid, coalesce(v.start, '{OPEN_START}') AS start_key FROM event_versions v "
                f"WHERE v.retracted = 0 AND {valid(p, at)} AND {where(p, f, 'v')}")
    else:
        base = (f"SELECT c.vid AS vid, c.start_key AS start_key FROM event_countries c "
                f"JOIN event_versions v ON v.vid = c.vid WHERE c.country = {p(country)} AND {valid(p, at, 'c.vid')} "
                f"AND {where(p, f, 'c')}")
    year = f"CASE WHEN sel.start_key = '{OPEN_START}' THEN 'open' ELSE substr(sel.start_key, 1, 4) END" \
        if by_year else "''"
    rows = await db.fetchall(
        f"WITH sel AS ({base}) "
        f"SELECT {year}, NULL, count(*) FROM sel GROUP BY 1 "
        f"UNION ALL SELECT {year}, s.sector, count(*) FROM sel JOIN event_sectors s ON s.vid = sel.vid GROUP BY 1, 2",
        p.values)
    totals: dict[str, int] = {}
    per: dict[str, dict[str, int]] = {}
    for y, sector, n in rows:
        if sector is None:
            totals[y] = n
        else:
            per.setdefault(y, {})[sector] = n
    if not by_year:
        return {"total_events": totals.get("", 0), "sectors": _sectors(per.get("", {}))}
    return {"years": [{"year": None if y == "open" else int(y), "total_events": totals[y],  # 'open' sorts last
                       "sectors": _sectors(per.get(y, {}))} for y in sorted(totals)]}
