"""The organisations' reads: the list, one organisation with its partners, its timeline.

Counts, first and last are over the live versions valid at the position (`event_orgs` joined
with `event_versions`); an organisation's name, English name, country and type are those of
its latest event by position, and `names` every name and English name it has had, in order.
"""

from __future__ import annotations

from services.query.projections.country_timeline import _FIRST, _LAST
from services.query.projections.event_detail import valid
from services.query.projections.selection import Filters, like, where
from services.query.store.base import Reader

_FROM = "FROM event_orgs c JOIN event_versions v ON v.vid = c.vid"


async def listing(db: Reader, at: int, country: str | None, terms: tuple[str, ...], limit: int,
                  after: tuple[int, str] | None = None, org: str | None = None) -> list[dict]:
    """Organisations, most events first (then by id); `country`: with events as a participant
    of that country; `terms`: every word in one of its names or its id."""
    if country is None and not terms and org is None:
        head = await _at_head(db, at, limit, after)
        if head is not None:
            return head
    p = db.params()
    sql = f"SELECT c.org, count(*), {_FIRST}, {_LAST} {_FROM} WHERE {valid(p, at, 'c.vid')}"
    if org is not None:
        sql += f" AND c.org = {p(org)}"
    sql += " GROUP BY c.org HAVING 1 = 1"
    if country is not None:
        sql += f" AND max(CASE WHEN c.country = {p(country)} THEN 1 ELSE 0 END) = 1"
    text = "lower(c.name || ' ' || coalesce(c.name_en, '') || ' ' || c.org)"
    for t in terms:
        sql += f" AND max(CASE WHEN {text} LIKE {p(like(t))} ESCAPE '\\' THEN 1 ELSE 0 END) = 1"
    if after is not None:
        sql += f" AND (count(*) < {p(after[0])} OR (count(*) = {p(after[0])} AND c.org > {p(after[1])}))"
    sql += f" ORDER BY count(*) DESC, c.org LIMIT {p(limit)}"
    rows = await db.fetchall(sql, p.values)
    named = await names(db, at, [r[0] for r in rows])
    return [{**named[o], "events": n, "first": first, "last": last} for o, n, first, last in rows]


async def _at_head(db: Reader, at: int, limit: int, after: tuple[int, str] | None) -> list[dict] | None:
    """The list from the counts kept for the head (`org_counts`), when `at` is the head: in
    the same statement as the checkpoint, so that it is the head's. None otherwise (an
    `as_of`, or a page applied since `at` was taken): the counts are then those of `at`'s rows."""
    p = db.params()
    sql = "SELECT org, events FROM org_counts WHERE events > 0"
    if after is not None:
        sql += f" AND (events < {p(after[0])} OR (events = {p(after[0])} AND org > {p(after[1])}))"
    sql = (f"SELECT k.position, o.org, o.events FROM checkpoint k LEFT JOIN ({sql} ORDER BY events DESC, org "
           f"LIMIT {p(limit)}) o ON 1 = 1 WHERE k.id = 1 ORDER BY o.events DESC, o.org")
    rows = await db.fetchall(sql, p.values)
    if not rows or rows[0][0] != at:
        return None
    orgs = [o for _, o, _ in rows if o is not None]
    bounds: dict[str, tuple] = {}
    for lo in range(0, len(orgs), 500):  # first and last of these organisations only
        p = db.params()
        for o, first, last in await db.fetchall(
                f"SELECT c.org, {_FIRST}, {_LAST} {_FROM} WHERE {valid(p, at, 'c.vid')} "
                f"AND c.org IN ({p.many(orgs[lo:lo + 500])}) GROUP BY c.org", p.values):
            bounds[o] = (first, last)
    named = await names(db, at, orgs)
    return [{**named[o], "events": n, "first": bounds[o][0], "last": bounds[o][1]} for _, o, n in rows if o is not None]


async def names(db: Reader, at: int, orgs: list[str]) -> dict[str, dict]:
    """{org: {org, name, name_en, names, country, type}} from their latest events. Each distinct
    (name, English name, country, type) of an organisation is one row here, with the first and
    last version that has it: a large organisation's events are counted in SQL, not read."""
    out: dict[str, dict] = {}
    for lo in range(0, len(orgs), 500):
        p = db.params()
        rows = await db.fetchall(f"SELECT c.org, c.name, c.name_en, c.country, c.type, min(c.vid), max(c.vid) {_FROM} "
                                 f"WHERE {valid(p, at, 'c.vid')} AND c.org IN ({p.many(orgs[lo:lo + 500])}) "
                                 f"GROUP BY c.org, c.name, c.name_en, c.country, c.type", p.values)
        by_org: dict[str, list] = {}
        for row in rows:
            by_org.setdefault(row[0], []).append(row)
        for org, forms in by_org.items():
            seen: list[str] = []
            for _, name, name_en, _, _, _, _ in sorted(forms, key=lambda r: r[5]):  # in order of first use
                seen += [n for n in (name, name_en) if n and n not in seen]
            _, name, name_en, country, kind, _, _ = max(forms, key=lambda r: r[6])  # the latest
            out[org] = {"org": org, "name": name, "name_en": name_en, "names": seen, "country": country, "type": kind}
    return out


async def profile(db: Reader, at: int, org: str) -> tuple[dict | None, list[dict]]:
    """An organisation as known at `at` (None when it has no event then) and its partners."""
    rows = await listing(db, at, None, (), 1, org=org)
    return (rows[0], await partners(db, at, org)) if rows else (None, [])


async def partners(db: Reader, at: int, org: str) -> list[dict]:
    """The organisations that took part in its events, with the number of events shared."""
    p = db.params()
    rows = await db.fetchall(f"SELECT x.org, count(*) {_FROM} JOIN event_orgs x ON x.vid = c.vid AND x.org <> c.org "
                             f"WHERE c.org = {p(org)} AND {valid(p, at, 'c.vid')} "
                             f"GROUP BY x.org ORDER BY count(*) DESC, x.org", p.values)
    named = await names(db, at, [r[0] for r in rows])
    return [{**named[o], "events": n} for o, n in rows]


async def timeline(db: Reader, org: str, f: Filters, at: int, limit: int,
                   after: tuple[str, str, int] | None = None) -> list[tuple]:
    """Rows (doc, version, first_position, start_key, end_key) in timeline order."""
    p = db.params()
    sql = (f"SELECT v.doc, v.version, c.first_position, c.start_key, c.end_key {_FROM} "
           f"WHERE c.org = {p(org)} AND {valid(p, at, 'c.vid')} AND ({where(p, f)})")
    if after is not None:
        sql += f" AND (c.start_key, c.end_key, c.first_position) > ({p(after[0])}, {p(after[1])}, {p(after[2])})"
    sql += f" ORDER BY c.start_key, c.end_key, c.first_position LIMIT {p(limit)}"
    return await db.fetchall(sql, p.values)


async def known(db: Reader, at: int, limit: int) -> list[dict]:
    """The organisations recorded with an `org` id (not the derived `name:` ones), most events
    first: `{org, names, country, type}` each, as the drafter takes them."""
    p = db.params()
    # two ranges around 'name:' rather than NOT LIKE, so that the (org, …) index serves them
    rows = await db.fetchall(f"SELECT c.org {_FROM} WHERE (c.org < 'name:' OR c.org >= 'name;') AND "
                             f"{valid(p, at, 'c.vid')} GROUP BY c.org ORDER BY count(*) DESC, c.org LIMIT {p(limit)}",
                             p.values)
    named = await names(db, at, [r[0] for r in rows])
    return [{"org": o, "names": named[o]["names"], "country": named[o]["country"], "type": named[o]["type"]}
            for (o,) in rows]
