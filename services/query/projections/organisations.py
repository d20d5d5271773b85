"""Organisations: the participants of each live version, grouped by organisation.

A participant with an `org` (a Wikidata item, a ROR id, a local slug) belongs to that
organisation. One without is grouped by its country and exact name (white space trimmed and
collapsed, Unicode NFC) under a derived id, `name:<cc>:<16 hex digits>` — the country code in
lower case and the start of the SHA-256 of the name's UTF-8 — which is URL-safe and stays the
same for the same country and name in every log and every rebuild.

One row per (live version, organisation), with the participant's name, English name, country
and type as that version has them and the timeline's sort key; a version's rows are valid at
a position as the version is (joined with `event_versions`), so every read answers at `as_of`.

What is read of an organisation beyond its rows (organisation_reads.py) is kept at the head of
the log, by organisation and form, so that only one index of the rows (`event_orgs_order`: the
timeline and `first`) takes a page's rows at random places: `org_counts` keeps each
organisation's live events, its `last` (the latest `last_key` of its live rows: the end, or
the start when the end is open) and how many of its live rows have that day; `org_forms` keeps
every form an organisation has ever had (a form: a 64-bit hash of name, English name, country
and type, each row's `form`), once, with its lower-cased text for `q`, its live events, and the
first and the latest version that has it (names in order of first use, the latest name).

A page's new rows only raise these (a version's id is its position: a page's come after every
stored one), in the upsert itself (`Table.merge`), without reading them. A page that removes
rows (a correction's old version, a retraction) reads, once and in bulk, the summaries of the
organisations it removes rows of (`state`), and sets them exactly (`project`): a `last` other
rows still have keeps, with its count lowered; a first or latest use that goes, unless the
page's own rows settle it, is found again among that organisation's rows live at the head —
for an organisation in more than one in 20 of the log's events (`DENSE`) whose `last` is still
held, by a walk along the table to the next row of the form (`_walk`: 0.1–0.5 ms at 1M events),
else, with its `last` when the last row holding that goes, by one grouped pass over its rows
(`head_rows`: 0.4 ms for an organisation of 244 events at 1M; 2.2–2.4 s of CPU for one in 95 %
of them, read along the table; bench/README.md). A rebuild's load reads no state (it has no index of the
rows yet): it lists the organisations it removed rows of, and `finish_load` recomputes theirs
(`refresh`).
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata

from services.query.projections.schema import Changes, Table, Update
from services.query.projections.state import OPEN_END, OPEN_START, Change, Fields, fields_of, span
from services.query.store.base import Reader

NAME = "organisations"
ORGS = Table("event_orgs", (
    ("vid", "int"), ("org", "text"), ("name", "text"), ("name_en", "text?"), ("country", "text"), ("type", "text"),
    ("start_key", "text"), ("end_key", "text"), ("first_position", "int"), ("last_key", "text"), ("form", "int"),
), key=("vid", "org"), indexes=(
    # the timeline, `first` (walked up from the earliest start), and every read of one
    # organisation's rows (the grouped reads at an `as_of`, the extremes recomputed)
    "CREATE INDEX IF NOT EXISTS event_orgs_order ON event_orgs (org, start_key, end_key, first_position)",
))
# Per organisation at the head of the log: the number of its live events, kept by +1/−1 as
# versions come and go (a correction's old version −1, its new one +1; a retraction −1), which
# the list reads when it is asked at the head (organisation_reads.listing); and its `last`
# (the latest `last_key` of its live rows, '' when it has none) with the number of its live
# rows that have it (`at_last`). A page's new rows raise them in the upsert itself (`merge`);
# a page that removes rows sets them exactly (`project`, from `state`).
COUNTS = Table("org_counts", (("org", "text"), ("last_key", "text"), ("at_last", "int"), ("events", "int")),
               key=("org",), add=True, merge=(
    ("last_key", "CASE WHEN excluded.last_key > {t}.last_key THEN excluded.last_key ELSE {t}.last_key END"),
    ("at_last", "CASE WHEN excluded.last_key > {t}.last_key THEN excluded.at_last "
                "WHEN excluded.last_key = {t}.last_key THEN {t}.at_last + excluded.at_last ELSE {t}.at_last END"),
))
# Every (organisation, form) ever recorded, with the form's fields, its text for `q`
# (lower-cased: name, English name and id, as one line), and at the head: the first and the
# latest version (vid) of its live rows (0 when it has none) and its number of live rows, kept
# like `org_counts`; never removed: at an `as_of`, whether it is there is the rows' to say.
FORMS = Table("org_forms", (
    ("org", "text"), ("form", "int"), ("name", "text"), ("name_en", "text?"), ("country", "text"), ("type", "text"),
    ("text", "text"), ("first_vid", "int"), ("latest_vid", "int"), ("events", "int"),
), key=("org", "form"), add=True, merge=(
    # a page's rows come after every stored one: the first stays unless the form had none
    ("first_vid", "CASE WHEN {t}.events > 0 THEN {t}.first_vid ELSE excluded.first_vid END"),
    ("latest_vid", "CASE WHEN excluded.latest_vid > {t}.latest_vid THEN excluded.latest_vid ELSE {t}.latest_vid END"),
), indexes=(
    "CREATE INDEX IF NOT EXISTS org_forms_country ON org_forms (country, org)",
))
TABLES = (ORGS, COUNTS, FORMS)
SET_LAST = Update("org_counts", set=("last_key", "at_last"), where=("org",))
SET_FORM = Update("org_forms", set=("first_vid", "latest_vid"), where=("org", "form"))
_CHUNK = 500


def clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def derived_id(country: str, name: str) -> str:
    """The id of an organisation recorded without `org`: by country and exact name."""
    return f"name:{country.lower()}:{hashlib.sha256(clean(name).encode()).hexdigest()[:16]}"


@functools.lru_cache(maxsize=65536)  # a log names the same organisations again and again
def _named(country: str, name: str) -> tuple[str, str]:
    """(derived id, clean name) of a participant's country and name."""
    return derived_id(country, name), clean(name)


@functools.lru_cache(maxsize=65536)
def form_of(name: str, name_en: str | None, country: str, kind: str) -> int:
    """A row's form: the first 8 bytes of the BLAKE2b of its (clean) name, English name,
    country and type, as a signed 64-bit integer (one organisation has a handful of forms:
    two of them hashing alike is a chance of about 2⁻⁶⁴)."""
    raw = "\x1f".join((name, "\x00" if name_en is None else name_en, country, kind)).encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big", signed=True)


def last_key(start_key: str, end_key: str) -> str:
    """The day a row gives `last`: its end, or its start when the end is open."""
    return start_key if end_key == OPEN_END else end_key


def org_of(participant: dict) -> str:
    """A participant's organisation: its `org`, else the id derived from its country and name."""
    return participant.get("org") or _named(participant["country"], participant["name"])[0]


def _rows(f: Fields) -> dict[str, tuple]:
    """{org: (clean name, form, participant)} of a version: an organisation twice in one event
    (two roles) once, as its first participant has it."""
    out: dict[str, tuple] = {}
    for p in f.participants:
        derived, name = _named(p.country, p.name)
        org = p.org or derived
        if org not in out:
            out[org] = (name, form_of(name, p.name_en, p.country, p.type), p)
    return out


def _form_row(org: str, name: str, form: int, p, n: int) -> list:
    return [org, form, name, p.name_en, p.country, p.type, f"{name} {p.name_en or ''} {org}".lower(), 0, 0, n]


def _row_last(f: Fields) -> str:
    start, end = span(f.date)
    return last_key(start if start is not None else OPEN_START, end)


def removed(changes: list[Change]) -> dict[int, tuple[dict[str, tuple], str]]:
    """{vid: (its rows as `_rows` gives them, its last_key)} of the versions stored before the
    page that the page takes out of the head (corrected or retracted)."""
    made: set[int] | None = None
    out = {}
    for c in changes:
        b = c.before
        if b is None or b.retracted:
            continue
        if made is None:
            made = {c.after.vid for c in changes}
        if b.vid not in made:
            f = c.fields if b.doc is c.after.doc else fields_of(b.doc)
            out[b.vid] = (_rows(f), _row_last(f))
    return out


def _live(changes: list[Change]) -> dict[int, tuple[dict[str, tuple], str]]:
    """{vid: (rows, last_key)} of the versions the page makes that are still live after it, in
    order of vid."""
    live: dict[int, tuple[dict[str, tuple], str]] = {}
    for c in changes:
        if c.before is not None:
            live.pop(c.before.vid, None)
        if not c.after.retracted:
            live[c.after.vid] = (_rows(c.fields), last_key(c.start_key, c.end_key))
    return live


def _extremes(live) -> tuple[dict[str, list], dict[tuple[str, int], list]]:
    """({org: [latest last_key, rows having it]}, {(org, form): [first vid, latest vid]}) of
    the page's live rows."""
    lasts: dict[str, list] = {}
    spans: dict[tuple[str, int], list] = {}
    for vid, (orgs, last) in live.items():
        for org, (_, form, _) in orgs.items():
            lk = lasts.get(org)
            if lk is None or last > lk[0]:
                lasts[org] = [last, 1]
            elif last == lk[0]:
                lk[1] += 1
            sp = spans.get((org, form))
            if sp is None:
                spans[org, form] = [vid, vid]
            else:
                sp[1] = vid
    return lasts, spans


class Kept:
    """What the page's `project` needs of the head beyond the page (`state`), for the
    organisations whose rows the page removes: of their rows stored before the page and still
    live after it, `last` {org: (latest last_key or '', rows having it)} and `forms`
    {(org, form): (first vid, latest vid)} (0: none, or not needed — the page's own live rows
    of that form give the latest)."""

    __slots__ = ("last", "forms")

    def __init__(self) -> None:
        self.last: dict[str, tuple[str, int]] = {}
        self.forms: dict[tuple[str, int], tuple[int, int]] = {}


async def state(db: Reader, changes: list[Change]) -> Kept:
    """The kept summaries of the organisations whose rows the page removes, read in bulk (one
    statement per 500 organisations per table); an extreme held by a removed row alone is
    recomputed from that organisation's rows live at the head: one grouped pass over its rows
    (`head_rows`), or for a dense organisation's first or latest use of a form (its `last` still
    held), a walk to the next row live (`_walk`). Nothing is read for a page that removes none."""
    kept = Kept()
    gone = removed(changes)
    if not gone:
        return kept
    orgs = sorted({org for rows, _ in gone.values() for org in rows})
    counts: dict[str, tuple] = {}
    stored: dict[tuple[str, int], tuple] = {}
    for lo in range(0, len(orgs), _CHUNK):
        p = db.params()
        ids = p.many(orgs[lo:lo + _CHUNK])
        for org, lk, n, events in await db.fetchall(
                f"SELECT org, last_key, at_last, events FROM org_counts WHERE org IN ({ids})", p.values):
            counts[org] = (lk, n, events)
        for org, form, first, latest, events in await db.fetchall(
                f"SELECT org, form, first_vid, latest_vid, events FROM org_forms WHERE org IN ({ids})", p.values):
            stored[org, form] = (first, latest, events)
    at_last: dict[str, int] = {}
    rows_gone: dict[str, int] = {}
    form_gone: dict[tuple[str, int], int] = {}
    vids_of: dict[str, list[int]] = {}
    for vid, (rows, lk) in gone.items():
        for org, (_, form, _) in rows.items():
            at_last[org] = at_last.get(org, 0) + (lk == counts[org][0])
            rows_gone[org] = rows_gone.get(org, 0) + 1
            form_gone[org, form] = form_gone.get((org, form), 0) + 1
            vids_of.setdefault(org, []).append(vid)
    lasts, spans = _extremes(_live(changes))
    again: set[str] = set()  # the organisations whose extremes are recomputed from their rows
    for org in orgs:
        lk, n, events = counts[org]
        if events == rows_gone[org]:
            kept.last[org] = ("", 0)
        elif n > at_last[org] or (org in lasts and lasts[org][0] >= lk):  # held by another row, or the page's
            kept.last[org] = (lk, n - at_last[org])
        else:
            again.add(org)
    for (org, form), k in form_gone.items():
        first, latest, events = stored[org, form]
        rest = events - k
        if rest and (first in gone or (latest in gone and (org, form) not in spans)):
            again.add(org)
        kept.forms[org, form] = (0 if not rest or first in gone else first,
                                 0 if not rest or latest in gone else latest)
    size = changes[0].after.vid  # the log's length, near enough: what makes an organisation dense
    for org in sorted(again):
        big = dense(counts[org][2], size)
        if big and org in kept.last:  # its forms only: walks, each stopping at the first row live
            for (o, form), (first, latest) in list(kept.forms.items()):
                if o != org or stored[o, form][2] == form_gone[o, form]:
                    continue
                if not first:
                    first = await _walk(db, org, form, vids_of[org], stored[org, form][0], up=True)
                if not latest and (org, form) not in spans:
                    latest = await _walk(db, org, form, vids_of[org], stored[org, form][1], up=False)
                kept.forms[org, form] = (first, latest)
            continue
        forms, last = await head_rows(db, org, vids_of[org], big)
        if org not in kept.last:
            kept.last[org] = last
        for form, (first, latest) in forms.items():
            if (org, form) in kept.forms:
                f0, l0 = kept.forms[org, form]
                kept.forms[org, form] = (f0 or first, l0 or latest)
    return kept


# An organisation in more than one in DENSE of the log's events has its rows read along the
# table, in the order of their versions (see `org_column`).
DENSE = 20


def dense(events: int, size: int) -> bool:
    """Whether an organisation of `events` live events is dense in a log of `size`: in more than
    one in `DENSE` of its events (what chooses how its rows are read, never an answer)."""
    return events * DENSE > size


def org_column(db: Reader, dense: bool) -> str:
    """How a statement names the organisation of `event_orgs c`: on SQLite, for a dense
    organisation, `+c.org`, so that its rows are read along the table in vid order (each row's
    version looked up in order) rather than along `event_orgs_order` (in date order, each
    lookup at a random place of the file: ≈ 5× the CPU for one in most events, bench/README.md)."""
    return "+c.org" if dense and db.dialect == "sqlite" else "c.org"


def rows_in_order(db: Reader) -> str:
    """`FROM` the rows with their versions, on SQLite the rows read first (`CROSS JOIN` keeps
    the order of the tables): with `org_column`, along the table, each version looked up in
    order (not the versions scanned, whose rows hold the documents)."""
    join = "CROSS JOIN" if db.dialect == "sqlite" else "JOIN"
    return f"FROM event_orgs c {join} event_versions v ON v.vid = c.vid"


async def _walk(db: Reader, org: str, form: int, without: list[int], start: int, up: bool) -> int:
    """The next version after (`up`) or before `start` that has the form and is live at the
    head, but for `without`: a walk along the table's key (vid), as long as the distance to it."""
    p = db.params()
    sql = (f"SELECT c.vid FROM event_orgs c JOIN event_versions v ON v.vid = c.vid WHERE {org_column(db, True)} = "
           f"{p(org)} AND c.form = {p(form)} AND c.vid {'>' if up else '<'} {p(start)} AND v.valid_to IS NULL "
           f"AND c.vid NOT IN ({p.many(without)}) ORDER BY c.vid{'' if up else ' DESC'} LIMIT 1")
    row = await db.fetchone(sql, p.values)
    return row[0] if row else 0


async def head_rows(db: Reader, org: str, without: list[int] = (), dense: bool = False
                    ) -> tuple[dict[int, tuple[int, int]], tuple[str, int]]:
    """({form: (first vid, latest vid)}, (latest last_key or '', rows having it)) of the
    organisation's rows live at the head, but for the versions `without`: one grouped pass over
    its rows (`dense`: along the table; else along `event_orgs_order`) — the cost of an extreme
    recomputed, in proportion to the organisation's rows (bench/README.md)."""
    p = db.params()
    cond = f"{org_column(db, dense)} = {p(org)} AND v.valid_to IS NULL"
    if without:
        cond += f" AND c.vid NOT IN ({p.many(without)})"
    rows = await db.fetchall(f"SELECT c.form, c.last_key, min(c.vid), max(c.vid), count(*) "
                             f"{rows_in_order(db) if dense else 'FROM event_orgs c JOIN event_versions v ON v.vid = c.vid'} "
                             f"WHERE {cond} GROUP BY c.form, c.last_key", p.values)
    forms: dict[int, tuple[int, int]] = {}
    last = ("", 0)
    for form, lk, first, latest, n in rows:
        f0, l0 = forms.get(form, (first, latest))
        forms[form] = (min(f0, first), max(l0, latest))
        if lk > last[0]:
            last = (lk, n)
        elif lk == last[0]:
            last = (lk, last[1] + n)
    return forms, last


async def refresh(db: Reader, orgs: set[str]) -> Changes:
    """The updates that make the kept `last` and forms' first and latest exact, for these
    organisations, from their rows live at the head (a shadow's load reads no state: it lists
    the organisations whose rows it removed, and `finish_load` refreshes them here)."""
    out = Changes()
    (size,) = await db.fetchone("SELECT position FROM checkpoint WHERE id = 1")
    for org in sorted(orgs):
        p = db.params()
        row = await db.fetchone(f"SELECT events FROM org_counts WHERE org = {p(org)}", p.values)
        forms, last = await head_rows(db, org, (), dense=dense(row[0] if row else 0, size))
        out.update(SET_LAST, [(*last, org)])
        out.update(SET_FORM, [(first, latest, org, form) for form, (first, latest) in sorted(forms.items())])
    return out


def project(changes: list[Change], kept: Kept | None, out: Changes) -> None:
    """The page's rows and the kept summaries. `kept` (from `state`) None: a shadow's load,
    which reads no state: the organisations whose rows the page removes are listed in
    `out.stale`, their extremes left for `refresh`."""
    rows = []
    forms: dict[tuple[str, int], list] = {}  # org_forms rows, the page's first and latest live vid in them
    counts: dict[str, int] = {}
    lasts: dict[str, list] = {}  # {org: [latest last_key of the page's live rows, rows having it]}

    def count(orgs: dict[str, tuple], n: int, vid: int = 0, last: str = "") -> None:
        for org, (name, form, p) in orgs.items():
            counts[org] = counts.get(org, 0) + n
            row = forms.get((org, form))
            if row is None:
                row = forms[org, form] = _form_row(org, name, form, p, 0)
            row[9] += n
            if vid:  # a live row: vids come in order
                if not row[7]:
                    row[7] = vid
                row[8] = vid
                lk = lasts.get(org)
                if lk is None or last > lk[0]:
                    lasts[org] = [last, 1]
                elif last == lk[0]:
                    lk[1] += 1

    live: dict[int, tuple[dict[str, tuple], str]] = {}
    again = False  # a version the page made is replaced within it: its extremes are made again
    for c in changes:
        if c.before is not None:
            if live.pop(c.before.vid, None) is not None:
                again = True
            if not c.before.retracted:  # the version it replaces counts no more
                count(_rows(c.fields if c.before.doc is c.after.doc else fields_of(c.before.doc)), -1)
        if c.after.retracted:
            continue
        vid, first, start, end = c.after.vid, c.after.first_position, c.start_key, c.end_key
        last = last_key(start, end)
        orgs = _rows(c.fields)
        rows += [(vid, org, name, p.name_en, p.country, p.type, start, end, first, last, form)
                 for org, (name, form, p) in orgs.items()]
        count(orgs, 1, vid, last)
        live[vid] = (orgs, last)
    if again:
        lasts, spans = _extremes(live)
        for k, row in forms.items():
            row[7:9] = spans.get(k, (0, 0))
    out.insert(ORGS, rows)
    out.upsert(COUNTS, sorted((org, *(lasts.get(org) or ("", 0)), n) for org, n in counts.items() if n or org in lasts))
    # every form seen, even at 0 (a form first recorded and corrected away in one page)
    out.upsert(FORMS, [tuple(forms[k]) for k in sorted(forms)])
    if kept is None:
        out.stale.update(org for rows, _ in removed(changes).values() for org in rows)
        return
    exact = []
    for org, (lk, n) in sorted(kept.last.items()):
        mine = lasts.get(org)
        if mine is not None and mine[0] > lk:
            lk, n = mine
        elif mine is not None and mine[0] == lk:
            n += mine[1]
        exact.append((lk, n, org))
    out.update(SET_LAST, exact)
    exact = []
    for (org, form), (first, latest) in sorted(kept.forms.items()):
        row = forms.get((org, form))
        if row is not None and row[8]:  # the page has live rows of the form
            first, latest = first or row[7], row[8]
        exact.append((first, latest, org, form))
    out.update(SET_FORM, exact)
