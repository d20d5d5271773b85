"""The fold: a log record and the cooperation's state before it → its state after.

Every projection consumes the resulting `Change`. A *version* is made by each log record;
its id (`vid`) is the record's position, which is also the version's `valid_from`.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from shared import edtf, record
from shared.log_record import CORRECTED, RECORDED, RETRACTED, LogRecord

OPEN_END = "9999-99-99"  # sorts after every real day: an open end comes last, lies in any open window


class _Participant(msgspec.Struct):
    country: str


class Fields(msgspec.Struct):
    """The fields of a record that projections index (the rest stays in the document)."""

    kind: str
    date: str
    participants: list[_Participant]
    status: str = "occurred"
    sectors: list[str] = []


_fields = msgspec.json.Decoder(Fields)
_reason = msgspec.json.Decoder(dict)


@dataclass(slots=True)
class State:
    """One version of a cooperation, as the event_versions table stores it."""

    vid: int
    first_position: int
    version: int
    retracted: bool
    doc: bytes  # the normalised record (corrections applied), canonical JSON


@dataclass(slots=True)
class Change:
    record: LogRecord
    before: State | None
    after: State
    fields: Fields
    start: str      # ISO day
    end_key: str    # ISO day, or OPEN_END

    @property
    def live(self) -> bool:
        return not self.after.retracted

    @property
    def countries(self) -> list[str]:
        return sorted({p.country for p in self.fields.participants})


def reason(rec: LogRecord) -> str | None:
    if rec.type == RECORDED:
        return None
    return _reason.decode(rec.data).get("reason")


def _corrected_doc(before: bytes, changes: dict) -> bytes:
    current = msgspec.json.decode(before)
    try:  # the same merge, validation and normalisation as ingest (country codes upper-cased…)
        return record.encode(record.apply_changes(current, changes))
    except record.RecordInvalid:  # ingest accepted it; never stall the feed on a stricter rule
        for key, value in changes.items():
            if value is None:
                current.pop(key, None)
            else:
                current[key] = value
        for p in current.get("participants", []):
            p["country"] = str(p.get("country", "")).upper()
        return msgspec.json.encode(current)


def fold(rec: LogRecord, before: State | None) -> Change | None:
    """The change a record makes; None for a record about an unknown cooperation (skipped)."""
    pos = rec.position
    if rec.type == RECORDED:
        doc = bytes(rec.data)
        after = State(pos, before.first_position if before else pos, rec.streamversion, False, doc)
    elif before is None:
        return None
    elif rec.type == CORRECTED:
        changes = msgspec.json.decode(rec.data).get("changes") or {}
        after = State(pos, before.first_position, rec.streamversion, False, _corrected_doc(before.doc, changes))
    elif rec.type == RETRACTED:
        after = State(pos, before.first_position, rec.streamversion, True, before.doc)
    else:
        return None
    fields = _fields.decode(after.doc)
    return Change(rec, before, after, fields, *span(fields.date))


def span(date: str) -> tuple[str, str]:
    """(start, end_key) of a stored date: ISO days, the end OPEN_END when open."""
    when = edtf.parse(date)
    return when.start.isoformat(), when.end.isoformat() if when.end is not None else OPEN_END
