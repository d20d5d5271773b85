"""Deciding a write command against the log as it stands: pure, shared by every backend.

Runs inside the write transaction, so what it sees cannot change before the rows commit.
`streams` holds the cooperations the group touches (loaded from the log, then updated by the
commands decided before this one in the same group).
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable

import msgspec

from services.ingest.store.base import (
    Command,
    Conflict,
    CorrectCmd,
    Invalid,
    NotFound,
    Receipt,
    RecordCmd,
    ReleaseCmd,
    ReleaseReceipt,
    RetractCmd,
    Row,
    StoreError,
    Stream,
)
from shared import changes as shared_changes
from shared import record
from shared.ids import new_ids
from shared.log_chain import GENESIS, canonical_ascii_keys, seal
from shared.log_record import CORRECTED, RECORDED, RELEASE_PREFIX, RELEASED, RETRACTED

# Bench- and test-only: False appends unsealed records (no hash, nothing in the chain table), to
# measure what the chain costs (bench/nochain_ingest.py). Never a setting: a log written so
# fails `coopline verify`.
SEAL = True

_second: tuple[int, str] = (-1, "")


def utc_now() -> str:
    """The current UTC time as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (strftime once per second)."""
    global _second
    us = _time.time_ns() // 1000
    sec, frac = divmod(us, 1_000_000)
    cached = _second
    if cached[0] != sec:
        cached = _second = (sec, _time.strftime("%Y-%m-%dT%H:%M:%S", _time.gmtime(sec)))
    return f"{cached[1]}.{frac:06d}Z"


def group_subjects(cmds: list[Command]) -> list[str]:
    """The cooperations a group of commands touches, sorted (what `streams` must hold)."""
    out: set[str] = set()
    for cmd in cmds:
        if isinstance(cmd, RecordCmd):
            out.update(r.id for r in cmd.records)
        elif isinstance(cmd, ReleaseCmd):
            out.add(RELEASE_PREFIX + cmd.name)
        else:
            out.add(cmd.id)
    return sorted(out)


class _Chain:
    """The tip of the hash chain while a group is decided: each new row is sealed onto it."""

    __slots__ = ("position", "hash")

    def __init__(self, position: int, hash: str):
        self.position, self.hash = position, hash

    def row(self, rid: str, subject: str, version: int, kind: str, time: str, actor: str, data: bytes) -> Row:
        """The next row, its `hash` computed from `data` (RFC 8785 bytes, stored as they are)."""
        position = self.position + 1
        h = seal(self.hash, position, rid, subject, version, kind, time, actor, data) if SEAL else None
        self.position, self.hash = position, h
        return Row(position, rid, subject, version, kind, time, actor, data, h)


def decide_group(cmds: list[Command], streams: dict[str, Stream], head: int, last_time: str,
                 last_hash: str | None):
    """Decide a group in order against the log whose last record is (`head`, `last_time`,
    `last_hash`).

    → (rows to append at head+1…, each sealed onto the chain; one outcome per command: its
    receipt(s) or the StoreError it is refused with). Pure: backends call it inside their write
    transaction (under the lock that assigns positions), SQLite in its writer thread.
    """
    now = utc_now()
    if now < last_time:  # times never go backwards along positions
        now = last_time
    n = sum(len(c.records) if isinstance(c, RecordCmd) else 1 for c in cmds)
    new_id = iter(new_ids(n)).__next__  # an upper bound: replays take no id
    rows, outcomes = [], []
    if head == 0:
        last_hash = GENESIS
    elif last_hash is None and SEAL:
        raise RuntimeError("the hash chain is behind the log: seal the stored records first")
    chain = _Chain(head, last_hash)
    for cmd in cmds:
        tip = chain.position, chain.hash
        try:
            result, new_rows, updates = decide(cmd, streams, chain, now, new_id)
        except StoreError as exc:
            chain.position, chain.hash = tip  # a refused command appends nothing
            outcomes.append(exc)
            continue
        rows += new_rows
        streams.update(updates)
        outcomes.append(result)
    return rows, outcomes


def current_state(stream: Stream) -> dict:
    """The record with its corrections applied (`None` in changes removes a field)."""
    state = msgspec.json.decode(stream.first)
    for changes in stream.changes:
        state = shared_changes.merge(state, changes)
    return state


def decide(cmd: Command, streams: dict[str, Stream], chain: _Chain, time: str, new_id: Callable[[], str]):
    """→ (receipt or receipts, rows to append, streams to update). Raises StoreError.

    `new_id()` gives each new record's CloudEvents id (a UUIDv7 string, see shared/ids.py)."""
    if isinstance(cmd, RecordCmd):
        return _record(cmd, streams, chain, time, new_id)
    if isinstance(cmd, ReleaseCmd):
        return _release(cmd, streams, chain, time, new_id)
    stream = streams.get(cmd.id)
    if stream is None or cmd.id.startswith(RELEASE_PREFIX):  # a release is no cooperation
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
        body = {"changes": changes, "reason": cmd.reason}
        kind = CORRECTED
        updated = Stream(version, False, stream.first, stream.first_position, [*stream.changes, changes])
    else:
        assert isinstance(cmd, RetractCmd)
        body = {"reason": cmd.reason}
        kind = RETRACTED
        updated = Stream(version, True, stream.first, stream.first_position, stream.changes)
    row = chain.row(new_id(), cmd.id, version, kind, time, cmd.actor, canonical_ascii_keys(body))
    return Receipt(cmd.id, version, row.position), [row], {cmd.id: updated}


def _release(cmd: ReleaseCmd, streams: dict[str, Stream], chain: _Chain, time: str, new_id):
    subject = RELEASE_PREFIX + cmd.name
    if subject in streams:
        raise Conflict(f"a release named {cmd.name!r} exists already; release names are used once")
    body = {"name": cmd.name, "note": cmd.note, "position": chain.position, "hash": chain.hash}
    row = chain.row(new_id(), subject, 1, RELEASED, time, cmd.actor, canonical_ascii_keys(body))
    receipt = ReleaseReceipt(cmd.name, cmd.note, body["position"], body["hash"], row.position, row.hash)
    return receipt, [row], {subject: Stream(1, False, row.data, row.position, [])}


def _same_json(a: bytes, b: bytes) -> bool:
    """Equal as JSON values: a body first recorded before bodies were stored in RFC 8785 form
    (keys in schema order) against the same record now."""
    return msgspec.json.decode(a) == msgspec.json.decode(b)


def _record(cmd: RecordCmd, streams: dict[str, Stream], chain: _Chain, time: str, new_id):
    receipts, rows, updates = [], [], {}
    actor = cmd.actor
    for i, (rec, body) in enumerate(zip(cmd.records, cmd.bodies, strict=True)):
        sid = rec.id
        known = streams.get(sid)  # ids are distinct within a batch (checked before submit)
        if known is not None:
            if known.first != body and not _same_json(known.first, body):
                at = f"$[{i}]" if cmd.batch else "$"
                where = {"index": i, "errors": [{"path": f"{at}.id", "message": "already recorded with a different body"}]} if cmd.batch else {}
                raise Conflict(f"id {sid!r} is already recorded with a different body", **where)
            receipts.append(Receipt(sid, 1, known.first_position, created=False))
            continue
        row = chain.row(new_id(), sid, 1, RECORDED, time, actor, body)
        rows.append(row)
        updates[sid] = Stream(1, False, body, row.position, [])
        receipts.append(Receipt(sid, 1, row.position))
    return (receipts if cmd.batch else receipts[0]), rows, updates
