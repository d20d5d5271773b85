"""The fold: a cooperation's log records, and its version before each, → the versions they make.

A *version* is made by each cooperation record; its id (`vid`) is the record's position, which
is also the version's `valid_from`. Records of other types (a release tag, anything newer than
this code) make no version: every projection skips them, and the checkpoint moves past them.
"""

from __future__ import annotations

import functools

import msgspec
import structlog

from shared import changes as shared_changes
from shared import edtf, record
from shared.log_record import CORRECTED, RECORDED, RETRACTED, LogRecord

log = structlog.get_logger()
HANDLED = (RECORDED, CORRECTED, RETRACTED)
# Sort keys of the bounds: an open end sorts after every real day (and lies in any open window);
# an open start (`../B`) sorts after every known start, so such events come last, by end.
OPEN_END = "9999-99-99"
OPEN_START = "9999-99-99"


# The page's objects are plain data with no cycles: kept out of the cyclic garbage collector
# (gc=False), whose passes over the thousands of them a page makes took two thirds of the fold.
class Participant(msgspec.Struct, gc=False):
    country: str
    name: str = ""
    name_en: str | None = None
    type: str = "other"
    org: str | None = None


class Place(msgspec.Struct, gc=False):
    city: str | None = None


class Fields(msgspec.Struct, gc=False):
    """The fields of a record that projections index or search (the rest stays in the
    document): decoded once per version, here, for every projection."""

    kind: str
    date: str
    participants: tuple[Participant, ...]  # tuples, not lists: the collector lets go of them
    status: str = "occurred"
    sectors: tuple[str, ...] = ()
    title: str = ""
    title_en: str | None = None
    summary: str | None = None
    place: Place | None = None


_fields = msgspec.json.Decoder(Fields)


def fields_of(doc: bytes) -> Fields:
    """The fields of a version's normalised record (as `Change.fields` has them)."""
    return _fields.decode(doc)
_dict = msgspec.json.Decoder(dict)


class State(msgspec.Struct, gc=False):
    """One version of a cooperation, as the event_versions table stores it."""

    vid: int
    first_position: int
    version: int
    retracted: bool
    doc: bytes  # the normalised record (corrections applied), canonical JSON


class Change(msgspec.Struct, gc=False):
    record: LogRecord
    before: State | None
    after: State
    fields: Fields
    start: str | None  # ISO day; None when open (`../B`)
    end_key: str       # ISO day, or OPEN_END
    countries: tuple[str, ...]  # the participants' countries, each once, sorted

    @property
    def live(self) -> bool:
        return not self.after.retracted

    @property
    def start_key(self) -> str:
        return self.start if self.start is not None else OPEN_START


def reason(rec: LogRecord) -> str | None:
    if rec.type == RECORDED:
        return None
    return _dict.decode(rec.data).get("reason")


def _corrected_doc(before: bytes, changes: dict, rec: LogRecord) -> bytes:
    current = _dict.decode(before)
    try:  # the same merge, validation and normalisation as ingest (country codes upper-cased…)
        return record.encode(record.apply_changes(current, changes))
    except record.RecordInvalid as exc:  # ingest accepted it: never stall the feed on a newer rule
        log.warning("correction_not_valid_now", position=rec.position, subject=rec.subject, errors=exc.errors)
        return msgspec.json.encode(shared_changes.merge(current, changes))


def fold(rec: LogRecord, before: State | None) -> Change | None:
    """The change a record makes; None for a record about an unknown cooperation or of a type
    the projections do not handle (skipped)."""
    pos = rec.position
    if rec.type == RECORDED:
        doc = bytes(rec.data)
        after = State(pos, before.first_position if before else pos, rec.streamversion, False, doc)
    elif before is None:
        return None
    elif rec.type == CORRECTED:
        changes = _dict.decode(rec.data).get("changes") or {}
        after = State(pos, before.first_position, rec.streamversion, False, _corrected_doc(before.doc, changes, rec))
    elif rec.type == RETRACTED:
        after = State(pos, before.first_position, rec.streamversion, True, before.doc)
    else:
        return None
    fields = _fields.decode(after.doc)
    return Change(rec, before, after, fields, *span(fields.date), tuple(sorted({p.country for p in fields.participants})))


def fold_page(records: list[LogRecord], before: dict[str, State]) -> list[Change]:
    """Every change of a page, in order; `before` (the versions current before the page, by
    id) is updated as the page goes."""
    out = []
    for rec in records:
        change = fold(rec, before.get(rec.subject))
        if change is not None:
            before[rec.subject] = change.after
            out.append(change)
    return out


@functools.lru_cache(maxsize=65536)  # a log repeats its dates: decoded once each
def span(date: str) -> tuple[str | None, str]:
    """(start, end_key) of a stored date: ISO days; start None when open, the end OPEN_END when open."""
    when = edtf.parse(date)
    return (when.start.isoformat() if when.start is not None else None,
            when.end.isoformat() if when.end is not None else OPEN_END)
