"""Country timelines, partners and the country list: one row per (live version, country).

Rows exist only for live versions (a retraction's version has none) and carry the timeline's
sort key: start (open starts after every known one), end (open ends last), first position.
They join `event_versions` for validity at a position and for the kind/status filters.
"""

from __future__ import annotations

import dataclasses

from services.query.projections.event_detail import valid
from services.query.projections.schema import Changes, Table
from services.query.projections.selection import Filters, where
from services.query.projections.state import OPEN_END, OPEN_START, Change
from services.query.store.base import Reader

NAME = "country_timeline"
COUNTRIES = Table("event_countries", (
    ("vid", "int"), ("country", "text"), ("start_key", "text"), ("end_key", "text"), ("first_position", "int"),
), key=("vid", "country"), indexes=(
    "CREATE INDEX IF NOT EXISTS event_countries_order ON event_countries (country, start_key, end_key, first_position)",
), extra={"sqlite": (  # SQLite's plan for overlap windows (`_overlap`): the open-ended rows by start
    f"CREATE INDEX IF NOT EXISTS event_countries_open ON event_countries (country, start_key, first_position) "
    f"WHERE end_key = '{OPEN_END}'",
)})
# Per country, how many calendar years the longest closed row spans (an upper bound over every
# version, valid at any `as_of`), so that an `overlap` window reads rows from the window's
# start minus that many years on instead of the country's whole history (see `_overlap`).
SPANS = Table("country_spans", (("country", "text"), ("years", "int")), key=("country",), grow=True)
TABLES = (COUNTRIES, SPANS)


def project(changes: list[Change], out: Changes) -> None:
    rows: list[tuple] = []
    longest: dict[str, int] = {}
    for c in changes:
        if c.after.retracted:
            continue
        vid, first, start, end_key = c.after.vid, c.after.first_position, c.start, c.end_key
        rows += [(vid, code, start if start is not None else OPEN_START, end_key, first) for code in c.countries]
        if start is not None and end_key != OPEN_END:
            years = int(end_key[:4]) - int(start[:4])
            for code in c.countries:
                if years > longest.get(code, -1):
                    longest[code] = years
    out.insert(COUNTRIES, rows)
    out.upsert(SPANS, sorted(longest.items()))  # grow-only: a shorter span leaves the stored one


async def timeline(db: Reader, country: str, f: Filters, at: int, limit: int,
                   after: tuple[str, str, int] | None = None) -> list[tuple]:
    """Rows (doc, version, first_position, start_key, end_key) in timeline order."""
    if f.window is not None and f.match == "overlap" and db.dialect == "sqlite":
        return await _overlap(db, country, f, at, limit, after)
    return await _select(db, country, f, at, limit, after)


async def _select(db: Reader, country: str, f: Filters, at: int, limit: int, after: tuple[str, str, int] | None,
                  extra=lambda p: "1 = 1") -> list[tuple]:
    p = db.params()
    sql = (f"SELECT v.doc, v.version, c.first_position, c.start_key, c.end_key FROM event_countries c "
           f"JOIN event_versions v ON v.vid = c.vid WHERE c.country = {p(country)} AND {valid(p, at, 'c.vid')} "
           f"AND ({where(p, f)}) AND ({extra(p)})")
    if after is not None:
        sql += f" AND (c.start_key, c.end_key, c.first_position) > ({p(after[0])}, {p(after[1])}, {p(after[2])})"
    sql += f" ORDER BY c.start_key, c.end_key, c.first_position LIMIT {p(limit)}"
    return await db.fetchall(sql, p.values)


async def _overlap(db: Reader, country: str, f: Filters, at: int, limit: int,
                   after: tuple[str, str, int] | None) -> list[tuple]:
    """An overlap window [lo, hi] as three index ranges, in timeline order one after the other:
    open-ended rows that start before `floor`, rows starting in [floor, hi] that end on or after
    lo, and open-start rows that end on or after lo. No closed row starting before `floor` can
    reach lo: `floor` is Jan 1 of lo's year minus the most calendar years any closed row of the
    country spans."""
    lo, hi = f.window
    p = db.params()
    span = await db.fetchone(f"SELECT years FROM country_spans WHERE country = {p(country)}", p.values)
    first_year = int(lo[:4]) - (span[0] if span else 0)
    floor = f"{first_year:04d}-01-01" if first_year > 0 else ""
    rest = dataclasses.replace(f, window=None)
    ranges = [lambda p: f"c.end_key = '{OPEN_END}' AND c.start_key < {p(floor)}",
              lambda p: f"c.start_key >= {p(floor)} AND c.start_key <= {p(hi)} AND c.start_key < '{OPEN_START}' "
                        f"AND c.end_key >= {p(lo)}",
              lambda p: f"c.start_key = '{OPEN_START}' AND c.end_key >= {p(lo)}"]
    rows: list[tuple] = []
    for extra in ranges:
        if len(rows) < limit:
            rows += await _select(db, country, rest, at, limit - len(rows), after, extra)
    return rows


def _summary(rows) -> list[dict]:
    return [{"code": code, "events": n, "first": first, "last": last} for code, n, first, last in rows]


# `first` ignores open starts (NULL when every event has one); `last` is the latest end, or
# the start when the end is open.
_FIRST = f"min(CASE WHEN c.start_key = '{OPEN_START}' THEN NULL ELSE c.start_key END)"
_LAST = f"max(CASE WHEN c.end_key = '{OPEN_END}' THEN c.start_key ELSE c.end_key END)"


async def countries(db: Reader, at: int) -> list[dict]:
    p = db.params()
    rows = await db.fetchall(
        f"SELECT c.country, count(*), {_FIRST}, {_LAST} FROM event_countries c "
        f"JOIN event_versions v ON v.vid = c.vid WHERE {valid(p, at, 'c.vid')} GROUP BY c.country ORDER BY c.country", p.values)
    return _summary(rows)


async def partners(db: Reader, country: str, at: int) -> list[dict]:
    p = db.params()
    rows = await db.fetchall(
        f"SELECT x.country, count(*), {_FIRST}, {_LAST} FROM event_countries c "
        f"JOIN event_countries x ON x.vid = c.vid AND x.country <> c.country "
        f"JOIN event_versions v ON v.vid = c.vid WHERE c.country = {p(country)} AND {valid(p, at, 'c.vid')} "
        f"GROUP BY x.country ORDER BY count(*) DESC, x.country", p.values)
    return _summary(rows)
