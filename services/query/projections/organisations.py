"""Organisations: the participants of each live version, grouped by organisation.

A participant with an `org` (a Wikidata item, a ROR id, a local slug) belongs to that
organisation. One without is grouped by its country and exact name (white space trimmed and
collapsed, Unicode NFC) under a derived id, `name:<cc>:<16 hex digits>` — the country code in
lower case and the start of the SHA-256 of the name's UTF-8 — which is URL-safe and stays the
same for the same country and name in every log and every rebuild.

One row per (live version, organisation), with the participant's name, English name, country
and type as that version has them and the timeline's sort key; a version's rows are valid at
a position as the version is (joined with `event_versions`), so every read answers at `as_of`.

The reads of an organisation's first and last dates and of its names walk indexes of these
rows in order and stop at the first row valid at the position (organisation_reads.py): each
row also carries its `last_key` (the date `last` takes from it) and its `form`, a 64-bit hash
of (name, English name, country, type). `org_forms` keeps every form an organisation has
ever had, once, with its lower-cased text for `q` and its count at the head. `org_counts` keeps the
organisations' counts at the head of the log.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata

from services.query.projections.schema import Changes, Table
from services.query.projections.state import OPEN_END, Change, Fields, fields_of

NAME = "organisations"
ORGS = Table("event_orgs", (
    ("vid", "int"), ("org", "text"), ("name", "text"), ("name_en", "text?"), ("country", "text"), ("type", "text"),
    ("start_key", "text"), ("end_key", "text"), ("first_position", "int"), ("last_key", "text"), ("form", "int"),
), key=("vid", "org"), indexes=(
    # the timeline, and `first` (walked up from the earliest start)
    "CREATE INDEX IF NOT EXISTS event_orgs_order ON event_orgs (org, start_key, end_key, first_position)",
    # `last` (walked down from the latest)
    "CREATE INDEX IF NOT EXISTS event_orgs_last ON event_orgs (org, last_key)",
    # a form's first and latest use (names, the latest name) and whether it is there at all
    "CREATE INDEX IF NOT EXISTS event_orgs_form ON event_orgs (org, form, vid)",
))
# The number of live events of each organisation at the head of the log, kept by +1/−1 as
# versions come and go (a correction's old version −1, its new one +1; a retraction −1): the
# list of organisations reads it when it is asked at the head (organisation_reads.listing).
COUNTS = Table("org_counts", (("org", "text"), ("events", "int")), key=("org",), add=True)
# Every (organisation, form) ever recorded, with the form's fields, its text for `q`
# (lower-cased: name, English name and id, as one line) and its live events at the head (kept
# like `org_counts`); never removed: at an `as_of`, whether it is there is the walk's to say.
FORMS = Table("org_forms", (
    ("org", "text"), ("form", "int"), ("name", "text"), ("name_en", "text?"), ("country", "text"), ("type", "text"),
    ("text", "text"), ("events", "int"),
), key=("org", "form"), add=True, indexes=(
    "CREATE INDEX IF NOT EXISTS org_forms_country ON org_forms (country, org)",
))
TABLES = (ORGS, COUNTS, FORMS)


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


def _form_row(org: str, name: str, form: int, p, n: int) -> tuple:
    return (org, form, name, p.name_en, p.country, p.type, f"{name} {p.name_en or ''} {org}".lower(), n)


def project(changes: list[Change], out: Changes) -> None:
    rows = []
    forms: dict[tuple[str, int], list] = {}
    counts: dict[str, int] = {}

    def count(orgs: dict[str, tuple], n: int) -> None:
        for org, (name, form, p) in orgs.items():
            counts[org] = counts.get(org, 0) + n
            if (org, form) in forms:
                forms[org, form][-1] += n
            else:
                forms[org, form] = list(_form_row(org, name, form, p, n))

    for c in changes:
        if c.before is not None and not c.before.retracted:  # the version it replaces counts no more
            count(_rows(c.fields if c.before.doc is c.after.doc else fields_of(c.before.doc)), -1)
        if c.after.retracted:
            continue
        vid, first, start, end = c.after.vid, c.after.first_position, c.start_key, c.end_key
        last = last_key(start, end)
        orgs = _rows(c.fields)
        rows += [(vid, org, name, p.name_en, p.country, p.type, start, end, first, last, form)
                 for org, (name, form, p) in orgs.items()]
        count(orgs, 1)
    out.insert(ORGS, rows)
    out.upsert(COUNTS, sorted((org, n) for org, n in counts.items() if n))
    # every form seen, even at 0 (a form first recorded and corrected away in one page)
    out.upsert(FORMS, [tuple(forms[k]) for k in sorted(forms)])
