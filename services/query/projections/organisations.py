"""Organisations: the participants of each live version, grouped by organisation.

A participant with an `org` (a Wikidata item, a ROR id, a local slug) belongs to that
organisation. One without is grouped by its country and exact name (white space trimmed and
collapsed, Unicode NFC) under a derived id, `name:<cc>:<16 hex digits>` — the country code in
lower case and the start of the SHA-256 of the name's UTF-8 — which is URL-safe and stays the
same for the same country and name in every log and every rebuild.

One row per (live version, organisation), with the participant's name, English name, country
and type as that version has them and the timeline's sort key; a version's rows are valid at
a position as the version is (joined with `event_versions`), so every read answers at `as_of`.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata

from services.query.projections.schema import Changes, Table
from services.query.projections.state import Change, Fields, fields_of

NAME = "organisations"
ORGS = Table("event_orgs", (
    ("vid", "int"), ("org", "text"), ("name", "text"), ("name_en", "text?"), ("country", "text"), ("type", "text"),
    ("start_key", "text"), ("end_key", "text"), ("first_position", "int"),
), key=("vid", "org"), indexes=(
    "CREATE INDEX IF NOT EXISTS event_orgs_order ON event_orgs (org, start_key, end_key, first_position)",
))
# The number of live events of each organisation at the head of the log, kept by +1/−1 as
# versions come and go (a correction's old version −1, its new one +1; a retraction −1): the
# list of organisations reads it when it is asked at the head (organisation_reads.listing).
COUNTS = Table("org_counts", (("org", "text"), ("events", "int")), key=("org",), add=True)
TABLES = (ORGS, COUNTS)


def clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def derived_id(country: str, name: str) -> str:
    """The id of an organisation recorded without `org`: by country and exact name."""
    return f"name:{country.lower()}:{hashlib.sha256(clean(name).encode()).hexdigest()[:16]}"


@functools.lru_cache(maxsize=65536)  # a log names the same organisations again and again
def _named(country: str, name: str) -> tuple[str, str]:
    """(derived id, clean name) of a participant's country and name."""
    return derived_id(country, name), clean(name)


def org_of(participant: dict) -> str:
    """A participant's organisation: its `org`, else the id derived from its country and name."""
    return participant.get("org") or _named(participant["country"], participant["name"])[0]


def _orgs(f: Fields) -> set[str]:
    return {p.org or _named(p.country, p.name)[0] for p in f.participants}


def project(changes: list[Change], out: Changes) -> None:
    rows = []
    counts: dict[str, int] = {}
    for c in changes:
        if c.before is not None and not c.before.retracted:  # the version it replaces counts no more
            gone = c.fields if c.before.doc is c.after.doc else fields_of(c.before.doc)
            for org in _orgs(gone):
                counts[org] = counts.get(org, 0) - 1
        if c.after.retracted:
            continue
        seen: set[str] = set()
        vid, first, start, end = c.after.vid, c.after.first_position, c.start_key, c.end_key
        for p in c.fields.participants:
            derived, name = _named(p.country, p.name)
            org = p.org or derived
            if org not in seen:  # one organisation twice in one event (two roles) counts once
                seen.add(org)
                rows.append((vid, org, name, p.name_en, p.country, p.type, start, end, first))
                counts[org] = counts.get(org, 0) + 1
    out.insert(ORGS, rows)
    out.upsert(COUNTS, sorted((org, n) for org, n in counts.items() if n))
