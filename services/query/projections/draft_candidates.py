"""The live events drafts may repeat (`POST /v1/drafts`, `matches`): for each lookup key —
(countries, kind, window) — the rows `country_timeline.timeline` gives for the first country
with the second as partner, the kind and the overlap window, in timeline order, at most
`limit`; all the keys of one article in one statement (two on SQLite, with the spans), not
four per key: each statement is a trip to a reader connection the timelines share.
"""

from __future__ import annotations

import dataclasses

from services.query.projections.event_detail import valid
from services.query.projections.selection import Filters, where
from services.query.projections.state import OPEN_END, OPEN_START
from services.query.store.base import Params, Reader

Key = tuple[tuple[str, ...], str | None, tuple[str, str] | None]  # window: (first day or NO_FROM, last or OPEN_END)
SIZE_CAP = 5000  # rows counted per country when choosing which one's index to read
PER_STATEMENT = 40  # keys per statement (SQLite allows 500 terms in a compound SELECT; 3 per key)
_ORDER = "c.start_key, c.end_key, c.first_position"


async def sizes(db: Reader, countries: list[str]) -> dict[str, int]:
    """Timeline rows per country, counted up to SIZE_CAP (what reading its index may cost)."""
    p = db.params()
    parts = [f"SELECT {p(c)} AS country, (SELECT count(*) FROM (SELECT 1 FROM event_countries WHERE country = "
             f"{p(c)} LIMIT {SIZE_CAP}) AS r{n}) AS n" for n, c in enumerate(countries)]
    return dict(await db.fetchall(" UNION ALL ".join(parts), p.values)) if parts else {}


async def candidates(db: Reader, at: int, keys: list[Key], limit: int, size: dict[str, int] | None = None,
                     spans: dict[str, int] | None = None) -> list[list]:
    """Per key, the stored documents of its live events (as `country_timeline.timeline` reads them
    for the key's first country with the second as partner). With `size` (rows per country), the
    two countries' smaller index is read: the same events, in the same order (a version's rows
    carry the same bounds and position for each of its countries), fewer rows passed over.
    `spans`: the countries' longest spans read before at this same `at` (read here if missing,
    and added): they only grow, so they are kept for one position only."""
    spans = {} if spans is None else spans
    out: list[list] = [[] for _ in keys]
    if size:
        keys = [(tuple(sorted(countries, key=lambda c: (size.get(c, SIZE_CAP), c))) if len(countries) == 2
                 else countries, kind, window) for countries, kind, window in keys]
    for lo in range(0, len(keys), PER_STATEMENT):
        chunk = keys[lo:lo + PER_STATEMENT]
        if db.dialect == "sqlite":
            await _spans(db, chunk, spans)
        sql, refs = _statement(db.dialect, db.numbered, lo, tuple(_shape(k) for k in chunk))
        slots = [_values(db.dialect, key, at, limit, spans) for key in chunk]
        rows = await db.fetchall(sql, [slots[n - lo][name] for n, name in refs])
        for k, _, doc, *_ in rows:
            if len(out[k]) < limit:  # the ranges one after the other, up to `limit` in all
                out[k].append(doc)
    return out


def _shape(key: Key) -> tuple[bool, bool, bool]:
    countries, kind, window = key
    return len(countries) > 1, kind is not None, window is not None


def _values(dialect: str, key: Key, at: int, limit: int, spans: dict[str, int]) -> dict:
    """A key's parameter values, by the names `_statement` gives its placeholders."""
    countries, kind, window = key
    values = {"country": countries[0], "partner": countries[1] if len(countries) > 1 else None, "kind": kind,
              "at": at, "limit": limit}
    if window is not None:
        values["lo"], values["hi"] = window
        if dialect == "sqlite":
            first_year = int(window[0][:4]) - spans.get(countries[0], 0)
            values["floor"] = f"{first_year:04d}-01-01" if first_year > 0 else ""
    return values


class _Slot(str):
    """A placeholder's value while a statement is written: which key's value, by name."""

    __slots__ = ("n",)

    def __new__(cls, n: int, name: str) -> _Slot:
        slot = super().__new__(cls, name)
        slot.n = n
        return slot


_STATEMENTS: dict[tuple, tuple[str, list[tuple[int, str]]]] = {}
STATEMENTS_KEPT = 512  # statements written, by the shape of their keys (their text holds no value)


def _statement(dialect: str, numbered: bool, lo: int, shapes: tuple) -> tuple[str, list[tuple[int, str]]]:
    """The statement for keys of these shapes (partner, kind, window each given or not), numbered
    from `lo`, and which value goes in each placeholder: (key number, name). Its text depends
    on the shapes only, so it is written once per shape (the values come per call), not per
    article on the event loop."""
    cache_key = (dialect, numbered, lo, shapes)
    found = _STATEMENTS.get(cache_key)
    if found is not None:
        return found
    p = Params(numbered)
    parts = []
    for n, (partner, kind, window) in enumerate(shapes, start=lo):
        f = Filters(partner=_Slot(n, "partner") if partner else None, kind=_Slot(n, "kind") if kind else None,
                    window=(_Slot(n, "lo"), _Slot(n, "hi")) if window else None)
        ranges = _ranges(dialect, n, f)
        rest = dataclasses.replace(f, window=None) if ranges[0] is not None else f
        mark = len(p.values)  # the key's own conditions, written once for its ranges
        common = (f"c.country = {p(_Slot(n, 'country'))} AND {valid(p, _Slot(n, 'at'), 'c.vid')} "
                  f"AND ({where(p, rest)})")
        shared = p.values[mark:]
        for r, extra in enumerate(ranges):
            if r and not p.numbered:  # `?` placeholders: the same values again, in order
                p.values.extend(shared)
            parts.append(
                f"SELECT * FROM (SELECT {n} AS k, {r} AS r, v.doc AS doc, c.start_key AS s, c.end_key AS e, "
                f"c.first_position AS fp FROM event_countries c JOIN event_versions v ON v.vid = c.vid "
                f"WHERE {common} AND ({extra(p) if extra is not None else '1 = 1'}) "
                f"ORDER BY {_ORDER} LIMIT {p(_Slot(n, 'limit'))}) AS q{len(parts)}")
    found = (" UNION ALL ".join(parts) + " ORDER BY k, r, s, e, fp", [(v.n, str(v)) for v in p.values])
    if len(_STATEMENTS) >= STATEMENTS_KEPT:
        _STATEMENTS.clear()
    _STATEMENTS[cache_key] = found
    return found


async def _spans(db: Reader, keys: list[Key], spans: dict[str, int]) -> None:
    countries = sorted({countries[0] for countries, _, window in keys if window is not None} - set(spans))
    if not countries:
        return
    p = db.params()
    found = dict(await db.fetchall(f"SELECT country, years FROM country_spans WHERE country IN ({p.many(countries)})",
                                   p.values))
    spans.update((c, found.get(c, 0)) for c in countries)


def _ranges(dialect: str, n: int, f: Filters) -> list:
    """The condition of each index range, in timeline order (None: the filters' own window). On
    SQLite an overlap window is three ranges, as `country_timeline._overlap` reads them; the
    first day of the middle one (`floor`: the window's year less the country's longest span)
    is a value of its own."""
    if f.window is None or f.match != "overlap" or dialect != "sqlite":
        return [None]
    lo, hi = f.window
    floor = _Slot(n, "floor")
    return [lambda p: f"c.end_key = '{OPEN_END}' AND c.start_key < {p(floor)}",
            lambda p: f"c.start_key >= {p(floor)} AND c.start_key <= {p(hi)} AND c.start_key < '{OPEN_START}' "
                      f"AND c.end_key >= {p(lo)}",
            lambda p: f"c.start_key = '{OPEN_START}' AND c.end_key >= {p(lo)}"]
