"""The organisations' reads: the list, one organisation with its partners, its timeline.

Counts, first and last are over the live versions valid at the position (`event_orgs` joined
with `event_versions`); an organisation's name, English name, country and type are those of
its latest event by position, and `names` every name and English name it has had, in order of
first use (the first version, valid at the position, that has each).

How they are read (see organisations.py for the rows and what is kept), exact at every position:

* **at the head** (`at` is the checkpoint, read in the same statement): counts from
  `org_counts`; `last` and, per form, whether it is there (its events) and its first and
  latest version, from `org_counts` and `org_forms` (`_kept`), kept exactly as versions come
  and go; `first` (the countries' `_FIRST` rule: open starts left out) one walk up
  `event_orgs_order` from the earliest known start, stopping at the first row valid there.
  `country` and `q` keep the organisations having a form with events of that country
  (holding the word in its text).
* **at an `as_of` behind it** (or when a page went in since `at` was taken): the list's counts,
  first and last in one grouped pass over the rows valid there (the whole list: along the
  table, in vid order, ≈ 1.5 s at 1M events; with `country` or `q`, the matching
  organisations' rows along `event_orgs_order`); one organisation's page, the same for its
  rows. Then the forms of those listed (`_forms_at`): for a dense organisation (in more than
  one in `DENSE` of the log's events) two walks per form along the table, each stopping at the
  first row valid there; for the others their rows valid there grouped (along
  `event_orgs_order`, or in one pass over every row when theirs are many). `country` and `q`
  keep an organisation when one of its forms of that country (holding the word) has a row
  valid there: a walk of its rows that stops at the first.
* **names, the latest form**: names in order of first use (the form's first version there),
  the fields of the form whose latest version there is the latest.
"""

from __future__ import annotations

import asyncio

from services.query.projections.event_detail import valid
from services.query.projections.organisations import dense, org_column, rows_in_order
from services.query.projections.selection import Filters, like, where
from services.query.projections.state import OPEN_END, OPEN_START
from services.query.store.base import Reader

_FROM = "FROM event_orgs c JOIN event_versions v ON v.vid = c.vid"
_CHUNK = 500


def _there(p, at: int | None) -> str:
    """The condition: form `f` of its organisation has a row valid at `at` — at the head
    (`at` None) its count kept; else a walk of the organisation's rows (`event_orgs_order`)."""
    if at is None:
        return "f.events > 0"
    return f"EXISTS (SELECT 1 {_FROM} WHERE c.org = f.org AND c.form = f.form AND {valid(p, at, '+c.vid')})"


def _filters(p, at: int | None, country: str | None, terms: tuple[str, ...], col: str) -> str:
    """` AND …`: `col` (an organisation id) has a form there at `at` (None: the head) of
    `country`, and for each term a form there whose text holds it."""
    sql = ""
    if country is not None:
        sql += f" AND {col} IN (SELECT f.org FROM org_forms f WHERE f.country = {p(country)} AND {_there(p, at)})"
    for t in terms:
        sql += (f" AND {col} IN (SELECT f.org FROM org_forms f WHERE f.text LIKE {p(like(t))} ESCAPE '\\' "
                f"AND {_there(p, at)})")
    return sql


def _after(p, after: tuple[int, str] | None, events: str, org: str) -> str:
    if after is None:
        return ""
    return f" AND ({events} < {p(after[0])} OR ({events} = {p(after[0])} AND {org} > {p(after[1])}))"


async def listing(db: Reader, at: int, country: str | None, terms: tuple[str, ...], limit: int,
                  after: tuple[int, str] | None = None, org: str | None = None) -> list[dict]:
    """Organisations, most events first (then by id); `country`: with events as a participant
    of that country; `terms`: every word in one of its names or its id."""
    rows = await _at_head(db, at, limit, after, lambda p: (f" AND org = {p(org)}" if org is not None else "")
                          + _filters(p, None, country, terms, "org"))
    if rows is not None:
        about = await _about(db, at, [o for o, _ in rows], bounds=True)
        return [{**_row(about[o], o), "events": n} for o, n in rows]
    # The counts, first and last in one grouped pass: every row valid there (no filter, or a
    # dense organisation's) along the table, in vid order — on SQLite grouped by `+c.org` in a
    # temporary b-tree, not read along event_orgs_order for its order, each row's version then
    # looked up at a random place (×5 the CPU at 1M) — else the organisations' rows along
    # event_orgs_order, which holds all the pass reads of them.
    col = "c.org"
    if org is not None:
        col = await _column(db, org)
    whole = col != "c.org" or (org is None and country is None and not terms)
    p = db.params()
    sql = f"SELECT c.org, count(*), {_FIRST}, {_LAST} {rows_in_order(db) if whole else _FROM} WHERE {valid(p, at, 'c.vid')}"
    if org is not None:
        sql += f" AND {col} = {p(org)}"
    sql += _filters(p, at, country, terms, "c.org")
    sql += f" GROUP BY {org_column(db, whole)} HAVING 1 = 1" + _after(p, after, "count(*)", "c.org")
    sql += f" ORDER BY count(*) DESC, c.org LIMIT {p(limit)}"
    rows = await db.fetchall(sql, p.values)
    forms = await _forms_at(db, at, [r[0] for r in rows])
    return [_row((forms[o], first, last, n), o) for o, n, first, last in rows]


async def _at_head(db: Reader, at: int, limit: int, after: tuple[int, str] | None,
                   cond=lambda p: "") -> list[tuple] | None:
    """[(org, events)] from the counts kept for the head (`org_counts`) when `at` is the head,
    most first: in the same statement as the checkpoint, so that they are the head's. `cond(p)`:
    more conditions on `org`. None otherwise (an `as_of`, or a page applied since `at` was taken)."""
    p = db.params()
    sql = f"SELECT org, events FROM org_counts WHERE events > 0{cond(p)}{_after(p, after, 'events', 'org')}"
    sql = (f"SELECT k.position, o.org, o.events FROM checkpoint k LEFT JOIN ({sql} ORDER BY events DESC, org "
           f"LIMIT {p(limit)}) o ON 1 = 1 WHERE k.id = 1 ORDER BY o.events DESC, o.org")
    rows = await db.fetchall(sql, p.values)
    if not rows or rows[0][0] != at:
        return None
    return [(o, n) for _, o, n in rows if o is not None]


# What `_about` gathers of an organisation: its forms there, each (name, name_en, country, type,
# first vid, latest vid), its first and last days, and its events (None where not read).
_About = tuple[list[tuple], str | None, str | None, int | None]


def _row(about: _About, org: str) -> dict:
    """{org, name, name_en, names, country, type, events, first, last} of what `_about` gathered."""
    forms, first, last, events = about
    seen: list[str] = []
    for name, name_en, *_ in sorted(forms, key=lambda f: f[4]):  # in order of first use
        seen += [n for n in (name, name_en) if n and n not in seen]
    name, name_en, country, kind, _, _ = max(forms, key=lambda f: f[5])  # the latest
    return {"org": org, "name": name, "name_en": name_en, "names": seen, "country": country, "type": kind,
            "events": events, "first": first, "last": last}


async def _about(db: Reader, at: int, orgs: list[str], bounds: bool) -> dict[str, _About]:
    """Of each organisation with a row valid at `at`: at the head, what `org_forms` and
    `org_counts` keep (`_kept`, and `first` walked when `bounds`); else its forms there
    (`_forms_at`) and, when `bounds`, first and last grouped from its rows there."""
    out: dict[str, _About] = {}
    behind: list[str] = []  # those read at the head after a page went in: read at `at`
    for lo in range(0, len(orgs), _CHUNK):
        chunk = orgs[lo:lo + _CHUNK]
        kept = await _kept(db, at, chunk)
        if kept is None:
            behind += chunk
            continue
        firsts: dict[str, str | None] = {}
        if bounds and kept:
            p = db.params()
            # `+c.vid`: the range of ids is not the index to read, the order is
            first = (f"SELECT c.start_key {_FROM} WHERE c.org = o.org AND c.start_key < '{OPEN_START}' "
                     f"AND {valid(p, at, '+c.vid')} ORDER BY c.start_key LIMIT 1")
            sql = f"SELECT o.org, ({first}) FROM org_counts o WHERE o.org IN ({p.many(list(kept))})"
            firsts = dict(await db.fetchall(sql, p.values))
        out.update({o: (forms, firsts.get(o), last, None) for o, (forms, last) in kept.items()})
    if behind:  # all at once: `_forms_at` chooses its plan by how many rows they have in all
        forms = await _forms_at(db, at, behind)
        grouped = await _bounds(db, at, list(forms)) if bounds else {}
        out.update({o: (f, *grouped.get(o, (None, None)), None) for o, f in forms.items()})
    return out


async def _kept(db: Reader, at: int, orgs: list[str]) -> dict[str, tuple[list[tuple], str]] | None:
    """{org: (forms, last)} of those with events at the head, as `org_forms` and `org_counts`
    keep them, when `at` is the head (read with the checkpoint, in one statement); else None."""
    p = db.params()
    sql = (f"SELECT f.org, f.name, f.name_en, f.country, f.type, f.first_vid, f.latest_vid, o.last_key "
           f"FROM org_forms f JOIN org_counts o ON o.org = f.org WHERE f.org IN ({p.many(orgs)}) AND f.events > 0")
    rows = await db.fetchall(f"SELECT k.position, x.* FROM checkpoint k LEFT JOIN ({sql}) x ON 1 = 1 WHERE k.id = 1",
                             p.values)
    if not rows or rows[0][0] != at:
        return None
    out: dict[str, tuple[list[tuple], str]] = {}
    for _, org, name, name_en, country, kind, first, latest, last in rows:
        if org is not None:
            out.setdefault(org, ([], last))[0].append((name, name_en, country, kind, first, latest))
    return out


_FIRST = f"min(CASE WHEN c.start_key < '{OPEN_START}' THEN c.start_key END)"
# max(c.last_key) from the columns of event_orgs_order (organisations.last_key)
_LAST = f"max(CASE WHEN c.end_key = '{OPEN_END}' THEN c.start_key ELSE c.end_key END)"
# Sparse organisations' forms behind the head are grouped along `event_orgs_order` (a random
# lookup per row, ≈ 5 µs at 1M); when their rows add up to more than one in _SCAN of the log's, one pass
# over every row valid there, in vid order, costs less.
_SCAN = 4


async def _sizes(db: Reader, orgs: list[str]) -> tuple[int, dict[str, int]]:
    """(the checkpoint's position, {org: live events at the head}): what chooses a plan, never
    an answer (see organisations.org_column)."""
    size, out = 0, {}
    for lo in range(0, len(orgs), _CHUNK):
        p = db.params()
        for position, org, n in await db.fetchall(f"SELECT k.position, o.org, o.events FROM checkpoint k LEFT JOIN "
                                                  f"org_counts o ON o.org IN ({p.many(orgs[lo:lo + _CHUNK])}) "
                                                  f"WHERE k.id = 1", p.values):
            size = position
            if org is not None:
                out[org] = n
    return size, out


async def _column(db: Reader, org: str) -> str:
    """`c.org` as a statement about this one organisation's rows names it (`org_column`)."""
    size, sizes = await _sizes(db, [org])
    return org_column(db, dense(sizes.get(org, 0), size))


async def _bounds(db: Reader, at: int, orgs: list[str]) -> dict[str, tuple]:
    """{org: (first, last)} grouped from their rows valid at `at`."""
    size, sizes = await _sizes(db, orgs)
    out: dict[str, tuple] = {}
    for org in orgs:
        p = db.params()
        col = org_column(db, dense(sizes.get(org, 0), size))
        frm = rows_in_order(db) if col != "c.org" else _FROM
        for first, last in await db.fetchall(f"SELECT {_FIRST}, {_LAST} {frm} WHERE {col} = "
                                             f"{p(org)} AND {valid(p, at, 'c.vid')}", p.values):
            if last is not None:
                out[org] = (first, last)
    return out


async def _forms_at(db: Reader, at: int, orgs: list[str]) -> dict[str, list[tuple]]:
    """{org: [(name, name_en, country, type, first vid, latest vid)]}: every form with a row
    valid at `at`, with the first and latest there. A dense organisation's (`DENSE`): per form
    of it, two walks along the table in vid order, each stopping at the first row valid (a form
    in many events is met soon); the others': grouped from their rows valid there, along
    `event_orgs_order`, or in one pass over every row valid there when theirs are many."""
    size, sizes = await _sizes(db, orgs)
    big = [o for o in orgs if dense(sizes.get(o, 0), size)]
    sparse = [o for o in orgs if not dense(sizes.get(o, 0), size)]
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for lo in range(0, len(big), _CHUNK):
        p = db.params()
        walk = (f"SELECT c.vid {_FROM} WHERE {org_column(db, True)} = f.org AND c.form = f.form AND {{}} "
                f"ORDER BY c.vid {{}} LIMIT 1")
        first = walk.format(valid(p, at, "c.vid"), "")
        latest = walk.format(valid(p, at, "c.vid"), "DESC")
        for org, form, fv, lv in await db.fetchall(f"SELECT f.org, f.form, ({first}), ({latest}) FROM org_forms f "
                                                    f"WHERE f.org IN ({p.many(big[lo:lo + _CHUNK])})", p.values):
            if fv is not None:
                spans[org, form] = (fv, lv)
    group = "SELECT c.org, c.form, min(c.vid), max(c.vid) {} WHERE {} GROUP BY {}, c.form"
    if sum(sizes.get(o, 0) for o in sparse) * _SCAN > size:
        p = db.params()
        wanted = set(sparse)
        sql = group.format(rows_in_order(db), valid(p, at, "c.vid"), org_column(db, True))
        for org, form, fv, lv in await db.fetchall(sql, p.values):
            if org in wanted:
                spans[org, form] = (fv, lv)
    else:
        for lo in range(0, len(sparse), _CHUNK):
            p = db.params()
            cond = f"c.org IN ({p.many(sparse[lo:lo + _CHUNK])}) AND {valid(p, at, '+c.vid')}"
            for org, form, fv, lv in await db.fetchall(group.format(_FROM, cond, "c.org"), p.values):
                spans[org, form] = (fv, lv)
    found = sorted({org for org, _ in spans})
    out: dict[str, list[tuple]] = {}
    for lo in range(0, len(found), _CHUNK):
        p = db.params()
        for org, form, name, name_en, country, kind in await db.fetchall(
                f"SELECT org, form, name, name_en, country, type FROM org_forms WHERE org IN "
                f"({p.many(found[lo:lo + _CHUNK])})", p.values):
            if (org, form) in spans:
                out.setdefault(org, []).append((name, name_en, country, kind, *spans[org, form]))
    return out


async def names(db: Reader, at: int, orgs: list[str]) -> dict[str, dict]:
    """{org: {org, name, name_en, names, country, type}} of the organisations with a row valid
    at `at` (see `_about`)."""
    about = await _about(db, at, orgs, bounds=False)
    keys = ("org", "name", "name_en", "names", "country", "type")
    return {o: {k: v for k, v in _row(a, o).items() if k in keys} for o, a in about.items()}


async def profile(db: Reader, at: int, org: str) -> tuple[dict | None, list[dict]]:
    """An organisation as known at `at` (None when it has no event then) and its partners."""
    rows = await listing(db, at, None, (), 1, org=org)
    return (rows[0], await partners(db, at, org)) if rows else (None, [])


async def partners(db: Reader, at: int, org: str) -> list[dict]:
    """The organisations that took part in its events, with the number of events shared
    (grouped from its rows valid at `at`: seconds for an organisation in most of a large log)."""
    col = await _column(db, org)
    p = db.params()
    frm = f"{rows_in_order(db)} CROSS JOIN" if col != "c.org" else f"{_FROM} JOIN"  # a dense one's along the table
    rows = await db.fetchall(f"SELECT x.org, count(*) {frm} event_orgs x ON x.vid = c.vid AND x.org <> c.org "
                             f"WHERE {col} = {p(org)} AND {valid(p, at, 'c.vid')} "
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


# the organisations recorded with an `org` id: two ranges around 'name:' rather than NOT LIKE,
# so that an index on the id serves them
_RECORDED = "({0} < 'name:' OR {0} >= 'name;')"


async def known(db: Reader, at: int, limit: int) -> list[dict]:
    """The organisations recorded with an `org` id (not the derived `name:` ones), most events
    first: `{org, names, country, type}` each, as the drafter takes them."""
    rows = await _at_head(db, at, limit, None, lambda p: " AND " + _RECORDED.format("org"))
    if rows is None:
        p = db.params()
        rows = await db.fetchall(f"SELECT c.org, count(*) {_FROM} WHERE {_RECORDED.format('c.org')} AND "
                                 f"{valid(p, at, 'c.vid')} GROUP BY c.org ORDER BY count(*) DESC, c.org "
                                 f"LIMIT {p(limit)}", p.values)
    named = await names(db, at, [r[0] for r in rows])
    out: list[dict] = []
    for lo in range(0, len(rows), _CHUNK):  # 500 at a time, a read waiting on the loop going between
        if lo:
            await asyncio.sleep(0)
        out += [{"org": o, "names": named[o]["names"], "country": named[o]["country"], "type": named[o]["type"]}
                for o, _ in rows[lo:lo + _CHUNK]]
    return out
