"""Country timelines, partners and the country list: one row per (live version, country).

Rows exist only for live versions (a retraction's version has none), carry the sort key of
DESIGN §3 (start, end with open last, first position) and join `event_versions` for
validity at a position and for the kind/status filters.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.query.projections.state import OPEN_END, Change
from services.query.store.base import Reader, Tx

NAME = "country_timeline"
TABLES = [
    """CREATE TABLE IF NOT EXISTS event_countries (
        vid            INTEGER NOT NULL,
        country        TEXT NOT NULL,
        start          TEXT NOT NULL,
        end_key        TEXT NOT NULL,
        first_position INTEGER NOT NULL,
        PRIMARY KEY (vid, country)) WITHOUT ROWID""",
]
INDEXES = [
    "CREATE INDEX IF NOT EXISTS event_countries_order ON event_countries (country, start, end_key, first_position)",
]
_INSERT = "INSERT INTO event_countries VALUES (?, ?, ?, ?, ?)"
_VALID = "c.vid <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)"
_LAST = f"max(CASE WHEN c.end_key = '{OPEN_END}' THEN c.start ELSE c.end_key END)"


def apply(change: Change, tx: Tx) -> None:
    if not change.live:
        return
    vid, first = change.after.vid, change.after.first_position
    for code in change.countries:
        tx.insert(_INSERT, (vid, code, change.start, change.end_key, first))


@dataclass(frozen=True, slots=True)
class Filters:
    """Selection shared by timelines and sector counts; None = no filter."""

    partner: str | None = None
    window: tuple[str, str] | None = None  # (first day, last day or OPEN_END)
    match: str = "overlap"
    kind: str | None = None
    status: str | None = None  # None = all
    sector: str | None = None


def where(f: Filters, t: str = "c") -> tuple[str, list]:
    """SQL conditions (on alias `t` for start/end_key and `v` for the version) and their params."""
    sql, params = [], []
    if f.kind is not None:
        sql.append("v.kind = ?")
        params.append(f.kind)
    if f.status is not None:
        sql.append("v.status = ?")
        params.append(f.status)
    if f.window is not None:
        lo, hi = f.window
        sql.append(f"{t}.start <= ? AND {t}.end_key >= ?" if f.match == "overlap" else f"{t}.start >= ? AND {t}.end_key <= ?")
        params += [hi, lo] if f.match == "overlap" else [lo, hi]
    if f.sector is not None:
        sql.append(f"EXISTS (SELECT 1 FROM event_sectors s WHERE s.vid = {t}.vid AND s.sector = ?)")
        params.append(f.sector)
    if f.partner is not None:
        sql.append(f"EXISTS (SELECT 1 FROM event_countries p WHERE p.vid = {t}.vid AND p.country = ?)")
        params.append(f.partner)
    return " AND ".join(f"({s})" for s in sql) or "TRUE", params


async def timeline(db: Reader, country: str, f: Filters, at: int, limit: int,
                   after: tuple[str, str, int] | None = None) -> list[tuple]:
    """Rows (doc, version, first_position, start, end_key) in timeline order."""
    cond, params = where(f)
    page = ""
    if after is not None:
        page = "AND (c.start, c.end_key, c.first_position) > (?, ?, ?)"
        params += list(after)
    sql = (f"SELECT v.doc, v.version, c.first_position, c.start, c.end_key FROM event_countries c "
           f"JOIN event_versions v ON v.vid = c.vid WHERE c.country = ? AND {_VALID} AND {cond} {page} "
           f"ORDER BY c.start, c.end_key, c.first_position LIMIT ?")
    return await db.fetchall(sql, [country, at, at, *params, limit])


def _summary(rows) -> list[dict]:
    return [{"code": code, "events": n, "first": first, "last": last} for code, n, first, last in rows]


async def countries(db: Reader, at: int) -> list[dict]:
    rows = await db.fetchall(
        f"SELECT c.country, count(*), min(c.start), {_LAST} FROM event_countries c "
        f"JOIN event_versions v ON v.vid = c.vid WHERE {_VALID} GROUP BY c.country ORDER BY c.country", (at, at))
    return _summary(rows)


async def partners(db: Reader, country: str, at: int) -> list[dict]:
    rows = await db.fetchall(
        f"SELECT p.country, count(*), min(c.start), {_LAST} FROM event_countries c "
        f"JOIN event_countries p ON p.vid = c.vid AND p.country <> c.country "
        f"JOIN event_versions v ON v.vid = c.vid WHERE c.country = ? AND {_VALID} "
        f"GROUP BY p.country ORDER BY count(*) DESC, p.country", (country, at, at))
    return _summary(rows)
