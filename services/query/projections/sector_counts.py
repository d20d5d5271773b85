"""Sector counts: one row per (live version, sector); counted over a selection of events."""

from __future__ import annotations

from services.query.projections.country_timeline import Filters, where
from services.query.projections.state import Change
from services.query.store.base import Reader, Tx
from shared.vocabulary import SECTORS

NAME = "sector_counts"
TABLES = [
    """CREATE TABLE IF NOT EXISTS event_sectors (
        vid    INTEGER NOT NULL,
        sector TEXT NOT NULL,
        PRIMARY KEY (vid, sector)) WITHOUT ROWID""",
]
INDEXES: list[str] = []
_INSERT = "INSERT INTO event_sectors VALUES (?, ?)"
# `apply` in SQL (SQLite's JSON functions): the live versions made at positions ? to ?.
DERIVE = ("INSERT OR IGNORE INTO event_sectors SELECT v.vid, s.value FROM event_versions v, "
          "json_each(CAST(v.doc AS TEXT), '$.sectors') s WHERE v.vid BETWEEN ? AND ? AND v.retracted = 0")


def apply(change: Change, tx: Tx) -> None:
    if not change.live:
        return
    for sector in dict.fromkeys(change.fields.sectors):
        tx.insert(_INSERT, (change.after.vid, sector))


def _sectors(counts: dict[str, int]) -> list[dict]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"sector": s, "label_ko": SECTORS.get(s, {}).get("label_ko", s),
             "label_en": SECTORS.get(s, {}).get("label_en", s), "count": n} for s, n in ordered]


async def counts(db: Reader, country: str | None, f: Filters, at: int, by_year: bool) -> dict:
    """{total_events, sectors} or, by year, {years: [{year, total_events, sectors}]}."""
    if country is None:
        cond, params = where(f, "v")
        base = (f"SELECT v.vid AS vid, v.start AS start FROM event_versions v WHERE v.retracted = 0 "
                f"AND v.vid <= ? AND (v.valid_to IS NULL OR v.valid_to > ?) AND {cond}")
        params = [at, at, *params]
    else:
        cond, params = where(f, "c")
        base = (f"SELECT c.vid AS vid, c.start AS start FROM event_countries c JOIN event_versions v ON v.vid = c.vid "
                f"WHERE c.country = ? AND c.vid <= ? AND (v.valid_to IS NULL OR v.valid_to > ?) AND {cond}")
        params = [country, at, at, *params]
    year = "substr(sel.start, 1, 4)" if by_year else "''"
    rows = await db.fetchall(
        f"WITH sel AS ({base}) "
        f"SELECT {year}, NULL, count(*) FROM sel GROUP BY 1 "
        f"UNION ALL SELECT {year}, s.sector, count(*) FROM sel JOIN event_sectors s ON s.vid = sel.vid GROUP BY 1, 2",
        params)
    totals: dict[str, int] = {}
    per: dict[str, dict[str, int]] = {}
    for y, sector, n in rows:
        if sector is None:
            totals[y] = n
        else:
            per.setdefault(y, {})[sector] = n
    if not by_year:
        return {"total_events": totals.get("", 0), "sectors": _sectors(per.get("", {}))}
    return {"years": [{"year": int(y), "total_events": totals[y], "sectors": _sectors(per.get(y, {}))}
                      for y in sorted(totals)]}
