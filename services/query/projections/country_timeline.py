"""Country timelines, partners and the country list: one row per (live version, country).

Rows exist only for live versions (a retraction's version has none), carry the sort key of
DESIGN §3 (start, end with open last, first position) and join `event_versions` for
validity at a position and for the kind/status filters.
"""

from __future__ import annotations

import dataclasses
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
# SQLite only (PostgreSQL keeps the plain window condition): the open-ended rows by start (a
# partial index), and per country how many calendar years the longest closed row spans, so
# that an `overlap` window reads rows from the window's start minus that many years on
# instead of the country's whole history (see `_overlap`). The spans are a small table kept
# per page (SQLITE_DERIVE), not an index: an index on the span took a random-order write per
# row, 17 % of the live store's apply time (bench/README.md).
_YEARS = "CAST(substr(end_key, 1, 4) AS INTEGER) - CAST(substr(start, 1, 4) AS INTEGER)"
SQLITE_TABLES = [
    "CREATE TABLE IF NOT EXISTS country_spans (country TEXT PRIMARY KEY, years INTEGER NOT NULL) WITHOUT ROWID",
]
SQLITE_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS event_countries_open ON event_countries (country, start, first_position) "
    f"WHERE end_key = '{OPEN_END}'",
]
# After the page's rows (positions ? to ?) are in: the longest spans only grow, so the value
# is an upper bound over every version, valid at any `as_of`.
SQLITE_DERIVE = [
    f"INSERT INTO country_spans SELECT country, max({_YEARS}) FROM event_countries "
    f"WHERE vid BETWEEN ? AND ? AND end_key <> '{OPEN_END}' GROUP BY country "
    f"ON CONFLICT (country) DO UPDATE SET years = max(years, excluded.years)",
]
_INSERT = "INSERT INTO event_countries VALUES (?, ?, ?, ?, ?)"
# `apply` in SQL (SQLite's JSON functions): the live versions made at positions ? to ?;
# OR IGNORE drops a country named twice, as the set in `apply` does.
DERIVE = ("INSERT OR IGNORE INTO event_countries SELECT v.vid, json_extract(p.value, '$.country'), v.start, "
          "v.end_key, v.first_position FROM event_versions v, json_each(CAST(v.doc AS TEXT), '$.participants') p "
          "WHERE v.vid BETWEEN ? AND ? AND v.retracted = 0")
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
    if f.window is not None and f.match == "overlap" and db.dialect == "sqlite":
        return await _overlap(db, country, f, at, limit, after)
    return await db.fetchall(*_select(country, f, at, limit, after))


def _select(country: str, f: Filters, at: int, limit: int, after: tuple[str, str, int] | None,
            extra: str = "TRUE", extra_params: tuple = ()) -> tuple[str, list]:
    cond, params = where(f)
    page = ""
    if after is not None:
        page = "AND (c.start, c.end_key, c.first_position) > (?, ?, ?)"
        params += list(after)
    sql = (f"SELECT v.doc, v.version, c.first_position, c.start, c.end_key FROM event_countries c "
           f"JOIN event_versions v ON v.vid = c.vid WHERE c.country = ? AND {_VALID} AND {cond} {page} AND {extra} "
           f"ORDER BY c.start, c.end_key, c.first_position LIMIT ?")
    return sql, [country, at, at, *params, *extra_params, limit]


async def _overlap(db: Reader, country: str, f: Filters, at: int, limit: int,
                   after: tuple[str, str, int] | None) -> list[tuple]:
    """An overlap window [lo, hi] as two index ranges, in timeline order one after the other:
    open-ended rows that start before `floor`, then rows starting in [floor, hi] that end on
    or after lo. No closed row starting before `floor` can reach lo: `floor` is Jan 1 of lo's
    year minus the most calendar years any closed row of the country spans (an upper bound
    over every version, so it holds at any `as_of`)."""
    lo, hi = f.window
    span = await db.fetchone("SELECT years FROM country_spans WHERE country = ?", (country,))
    first_year = int(lo[:4]) - (span[0] if span else 0)
    floor = f"{first_year:04d}-01-01" if first_year > 0 else ""
    rest = dataclasses.replace(f, window=None)
    rows = await db.fetchall(*_select(country, rest, at, limit, after, f"c.end_key = '{OPEN_END}' AND c.start < ?",
                                      (floor,)))
    if len(rows) < limit:
        rows += await db.fetchall(*_select(country, rest, at, limit - len(rows), after,
                                           "c.start >= ? AND c.start <= ? AND c.end_key >= ?", (floor, hi, lo)))
    return rows


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
