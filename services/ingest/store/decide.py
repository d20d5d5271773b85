"""Deciding a write command against the log as it stands: pure, shared by every backend.

Runs inside the write transaction, so what it sees cannot change before the rows commit.
`streams` holds the cooperations the group touches (loaded from the log, then updated by the
commands decided before this one in the same group).
"""

from __future__ import annotations

import uuid

import msgspec

from services.ingest.store.base import (
    Command,
    Conflict,
    CorrectCmd,
    Invalid,
    NotFound,
    Receipt,
    RecordCmd,
    RetractCmd,
    Row,
    Stream,
)
from shared import record
from shared.log_record import CORRECTED, RECORDED, RETRACTED

_enc = msgspec.json.Encoder()


def current_state(stream: Stream) -> dict:
    """The record with its corrections applied (`None` in changes removes a field)."""
    state = msgspec.json.decode(stream.first)
    for changes in stream.changes:
        for key, value in changes.items():
            if value is None:
                state.pop(key, None)
            else:
                state[key] = value
    return state


def decide(cmd: Command, streams: dict[str, Stream], position: int, time: str):
    """→ (receipt or receipts, rows to append, streams to update). Raises StoreError."""
    if isinstance(cmd, RecordCmd):
        return _record(cmd, streams, position, time)
    stream = streams.get(cmd.id)
    if stream is None:
        raise NotFound(f"no cooperation with id {cmd.id!r}")
    if stream.retracted:
        raise Conflict(f"cooperation {cmd.id!r} is retracted and takes no more changes", current_version=stream.version)
    if cmd.expected_version != stream.version:
        raise Conflict(f"expected_version is {cmd.expected_version} but the current version is {stream.version}",
                       current_version=stream.version)
    version = stream.version + 1
    if isinstance(cmd, CorrectCmd):
        try:
            corrected = msgspec.to_builtins(record.apply_changes(current_state(stream), cmd.changes))
        except record.RecordInvalid as exc:
            raise Invalid("the corrected record would be invalid", exc.errors) from None
        # Store the changes normalised like a record (country codes upper-cased, defaults
        # filled in): followers can apply them as they are.
        changes = {key: corrected.get(key) for key in cmd.changes}
        data = _enc.encode({"changes": changes, "reason": cmd.reason})
        kind = CORRECTED
        updated = Stream(version, False, stream.first, stream.first_position, [*stream.changes, changes])
    else:
        assert isinstance(cmd, RetractCmd)
        data = _enc.encode({"reason": cmd.reason})
        kind = RETRACTED
        updated = Stream(version, True, stream.first, stream.first_position, stream.changes)
    row = Row(position, str(uuid.uuid4()), cmd.id, version, kind, time, cmd.actor, data)
    return Receipt(cmd.id, version, position), [row], {cmd.id: updated}


def _record(cmd: RecordCmd, streams: dict[str, Stream], position: int, time: str):
    receipts, rows, updates = [], [], {}
    for i, (rec, body) in enumerate(zip(cmd.records, cmd.bodies, strict=True)):
        at = f"$[{i}]" if cmd.batch else "$"
        sid = rec.id
        known = streams.get(sid)  # ids are distinct within a batch (checked before submit)
        if known is not None:
            if known.first != body:
                where = {"index": i, "errors": [{"path": f"{at}.id", "message": "already recorded with a different body"}]} if cmd.batch else {}
                raise Conflict(f"id {sid!r} is already recorded with a different body", **where)
            receipts.append(Receipt(sid, 1, known.first_position, created=False))
            continue
        row = Row(position, str(uuid.uuid4()), sid, 1, RECORDED, time, cmd.actor, body)
        rows.append(row)
        updates[sid] = Stream(1, False, body, position, [])
        receipts.append(Receipt(sid, 1, position))
        position += 1
    return (receipts if cmd.batch else receipts[0]), rows, updates
