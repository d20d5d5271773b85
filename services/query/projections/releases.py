"""Releases: the `coopline.release.tagged` records, one row per release name, and what changed
between two of them.

A release names the log as it stood at the record before it (`position`, `hash` of that
record). Release records make no cooperation version: they come here instead of the fold, so
no timeline, count or organisation ever shows them. A release exists for a read at position P
when its own record is at or before P (`record_position <= P`).
"""

from __future__ import annotations

import msgspec
import structlog

from services.query.projections.event_detail import valid
from services.query.projections.schema import Changes, Table
from services.query.store.base import Reader
from shared.log_record import CORRECTED, RETRACTED, LogRecord

log = structlog.get_logger()
NAME = "releases"
RELEASES = Table("releases", (
    ("name", "text"),
    ("note", "text?"),
    ("position", "int"),         # the record the release names (the one before its own)
    ("hash", "text"),            # that record's hash
    ("record_position", "int"),  # the release record itself
    ("time", "text"),            # the release record's time
), key=("name",))
TABLES = (RELEASES,)
COLUMNS = "name, note, position, hash, time, record_position"


class _Data(msgspec.Struct):
    name: str
    position: int
    hash: str
    note: str | None = None


_data = msgspec.json.Decoder(_Data)
_doc = msgspec.json.Decoder(dict)


def project(records: list[LogRecord], out: Changes) -> None:
    """Rows of a page's release records (the caller passes only those)."""
    rows = []
    for rec in records:
        try:
            d = _data.decode(rec.data)
        except msgspec.DecodeError as exc:  # (ValidationError too) ingest wrote it: never stall the feed on it
            log.warning("release_not_understood", position=rec.position, error=str(exc))
            continue
        rows.append((d.name, d.note, d.position, d.hash, rec.position, rec.time))
    # Names are used once (ingest refuses a second): an upsert keeps a replayed page harmless.
    out.upsert(RELEASES, rows)


def _row(r) -> dict:
    return dict(zip(("name", "note", "position", "hash", "time", "record_position"), r, strict=True))


async def listing(db: Reader, at: int) -> list[dict]:
    """The releases tagged at or before position `at`, oldest first."""
    p = db.params()
    rows = await db.fetchall(f"SELECT {COLUMNS} FROM releases WHERE record_position <= {p(at)} "
                             f"ORDER BY record_position", p.values)
    return [_row(r) for r in rows]


async def named(db: Reader, name: str) -> dict | None:
    p = db.params()
    row = await db.fetchone(f"SELECT {COLUMNS} FROM releases WHERE name = {p(name)}", p.values)
    return _row(row) if row else None


def _entry(cid: str, position: int, doc: bytes) -> dict:
    return {"id": cid, "title": _doc.decode(doc).get("title"), "position": position}


async def changes(db: Reader, since: int, until: int) -> dict:
    """{added, corrected, retracted} between positions `since` (exclusive) and `until`: added —
    first recorded in the range and not retracted at `until`; corrected — existed at `since`,
    corrected in the range, not retracted at `until` (position: the last correction);
    retracted — existed at `since`, retracted in the range. Titles as at `until` (a retracted
    one's as last recorded). Each list in position order. Every query reads only the versions
    made after `since` (a range of the primary key, `vid`), not the whole history."""
    p = db.params()
    added = await db.fetchall(
        f"SELECT v.id, v.first_position, v.doc FROM event_versions v WHERE v.vid > {p(since)} "
        f"AND v.first_position > {p(since)} "
        f"AND v.first_position <= {p(until)} AND {valid(p, until)} AND v.retracted = 0 "
        f"ORDER BY v.first_position", p.values)
    p = db.params()
    corrected = await db.fetchall(
        f"SELECT v.id, (SELECT max(c.vid) FROM event_versions c WHERE c.id = v.id AND c.type = {p(CORRECTED)} "
        f"AND c.vid > {p(since)} AND c.vid <= {p(until)}), v.doc FROM event_versions v "
        f"WHERE v.first_position <= {p(since)} AND v.vid > {p(since)} AND {valid(p, until)} AND v.retracted = 0",
        p.values)
    p = db.params()
    retracted = await db.fetchall(
        f"SELECT v.id, v.vid, v.doc FROM event_versions v WHERE v.type = {p(RETRACTED)} AND v.vid > {p(since)} "
        f"AND v.vid <= {p(until)} AND v.first_position <= {p(since)} ORDER BY v.vid", p.values)
    return {"added": [_entry(*r) for r in added],
            "corrected": sorted((_entry(*r) for r in corrected if r[1] is not None), key=lambda e: e["position"]),
            "retracted": [_entry(*r) for r in retracted]}
