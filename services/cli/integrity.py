"""`coopline verify` and `coopline backup`: the operator's integrity tools.

`verify` reads a whole log — through the ingest feed, or straight from a SQLite/PostgreSQL
store when the service is down (`log_sources.py`) — and checks what the design promises: every
record's hash links it to the one before (`chain_check.py`), positions gapless from 1, stream
versions consecutive per cooperation, no correction or retraction of an unknown or retracted
cooperation, times never going backwards, releases citing the record before them, and heads
published earlier (`--head`) still in the log. `--schema` adds `check_log`'s slower checks:
every record decodes against its schema and every correction leaves a valid record.

`backup` takes a consistent online copy of a SQLite store with SQLite's backup API (safe while
the service writes), then checks the copy.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterable

import msgspec

from services.cli.chain_check import check_chain
from services.cli.errors import CliError
from services.cli.log_sources import source_for
from shared import record
from shared.log_record import CORRECTED, RECORDED, RELEASED, RETRACTED, SOURCE


class _Stream(msgspec.Struct):
    version: int
    retracted: bool
    state: dict


def check_log(records: Iterable[dict]) -> tuple[int, list[str]]:
    """→ (records read, defects). Each record is a CloudEvents log record as a dict."""
    defects: list[str] = []
    streams: dict[str, _Stream] = {}
    expected, last_time, n = 1, "", 0
    for rec in records:
        n += 1
        pos, subject, version, kind = rec.get("position"), rec.get("subject"), rec.get("streamversion"), rec.get("type")
        at = f"position {pos}"
        if pos != expected:
            defects.append(f"{at}: expected position {expected} (gap or disorder)")
        expected = (pos if isinstance(pos, int) else expected) + 1
        if rec.get("specversion") != "1.0" or rec.get("source") != SOURCE or not rec.get("id"):
            defects.append(f"{at}: not a CloudEvents 1.0 record of {SOURCE}")
        time = str(rec.get("time", ""))
        if not time.endswith("Z") or time < last_time:
            defects.append(f"{at}: time {time!r} is not UTC or goes backwards (after {last_time!r})")
        last_time = max(last_time, time)
        stream = streams.get(subject)
        want = 1 if stream is None else stream.version + 1
        if version != want:
            defects.append(f"{at}: {subject!r} has streamversion {version}, expected {want}")
        data = rec.get("data")
        if kind == RECORDED:
            if stream is not None:
                defects.append(f"{at}: {subject!r} recorded a second time")
                continue
            try:
                rec_obj = record.validate(msgspec.convert(data, record.Record), assign_id=False)
                if rec_obj.id != subject:
                    defects.append(f"{at}: data.id {rec_obj.id!r} differs from subject {subject!r}")
                streams[subject] = _Stream(1, False, data)
            except (msgspec.ValidationError, record.RecordInvalid) as exc:
                defects.append(f"{at}: recorded data does not match the schema: {exc}")
                streams[subject] = _Stream(1, False, data if isinstance(data, dict) else {})
        elif kind in (CORRECTED, RETRACTED):
            if stream is None:
                defects.append(f"{at}: {kind} of unknown cooperation {subject!r}")
                continue
            if stream.retracted:
                defects.append(f"{at}: {kind} of retracted cooperation {subject!r}")
            stream.version = version if isinstance(version, int) else stream.version + 1
            if kind == RETRACTED:
                stream.retracted = True
                if not isinstance(data, dict) or not isinstance(data.get("reason"), str):
                    defects.append(f"{at}: retraction without a reason")
                continue
            changes = data.get("changes") if isinstance(data, dict) else None
            if not isinstance(changes, dict) or not isinstance(data.get("reason"), str):
                defects.append(f"{at}: correction data is not {{changes, reason}}")
                continue
            try:
                stream.state = msgspec.to_builtins(record.apply_changes(stream.state, changes))
            except record.RecordInvalid as exc:
                defects.append(f"{at}: the correction leaves an invalid record: {exc}")
        elif kind == RELEASED:  # no cooperation: checked with the chain (chain_check.py)
            streams[subject] = _Stream(version if isinstance(version, int) else 1, True, {})
        else:
            defects.append(f"{at}: unknown type {kind!r}")
    return n, defects


def _as_dict(row) -> dict:
    try:
        data = msgspec.json.decode(row.data)
    except msgspec.DecodeError:
        data = None
    return {"specversion": "1.0", "id": row.id, "source": SOURCE, "type": row.type, "subject": row.subject,
            "time": row.time, "position": row.position, "streamversion": row.streamversion,
            "actor": row.actor, "data": data}


def _published(values: list[str]) -> dict[int, str]:
    heads = {}
    for value in values:
        pos, sep, digest = value.partition(":")
        if not (sep and pos.isdigit() and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)):
            raise CliError(f"--head {value!r}: expected POSITION:HASH (a position and 64 lower-case hex digits)")
        heads[int(pos)] = digest
    return heads


def cmd_verify(args, api=None) -> int:
    source = source_for(args.store, api.endpoints if api is not None else None)
    published = _published(args.head or [])
    head = source.head()
    n, defects, hashes, last_hash = check_chain(source, head, frozenset(published), strict=args.schema)
    for pos, digest in sorted(published.items()):
        if pos > head:
            defects.append((pos, f"the published head {digest} lies beyond the log's head {head}"))
        elif hashes.get(pos) != digest:
            defects.append((pos, f"the published head {digest} differs from the log's hash {hashes.get(pos)}"))
    lines = [f"position {pos}: {message}" for pos, message in sorted(defects, key=lambda d: d[0])]
    if head and not source.has_chain():
        lines.insert(0, "the log has no hash chain (written before it; the ingest service seals it when it opens the log)")
    if args.schema:  # the slower record-by-record schema checks, in one pass
        seen = set(lines)
        _, found = check_log(_as_dict(row) for row in source.rows(1, head))
        lines += [line for line in found if line not in seen]
    for line in lines:
        print(line)
    if lines:
        first = f"; the first at position {defects[0][0]}" if defects else ""
        print(f"verified {n} log records: {len(lines)} defect(s){first}", file=sys.stderr)
        return 1
    print(f"verified {n} log records: OK; head {head} hash {last_hash}")
    return 0


def cmd_backup(args) -> int:
    store, dest = args.store, args.destination
    if not store.startswith("sqlite:///"):
        raise CliError("backup copies SQLite stores; for PostgreSQL use pg_dump (see docs/operations.md)")
    src_path = store[len("sqlite:///"):]
    if not os.path.isfile(src_path):
        raise CliError(f"no SQLite database at {src_path}")
    if os.path.exists(dest) and not args.force:
        raise CliError(f"{dest} exists; pass --force to overwrite it")
    tmp = dest + ".partial"
    try:
        src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
        out = sqlite3.connect(tmp)
        with out:
            src.backup(out, pages=4096)  # a consistent snapshot even while the service writes
        (ok,) = out.execute("PRAGMA integrity_check").fetchone()
        out.close()
        src.close()
        if ok != "ok":
            raise CliError(f"the copy failed its integrity check: {ok}")
        os.replace(tmp, dest)  # the destination is either the old file or a complete copy
    except sqlite3.Error as exc:
        raise CliError(f"backup failed: {exc}") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    print(f"backed up {src_path} to {dest} ({os.path.getsize(dest)} bytes)")
    return 0


def register(sub, common) -> None:
    v = sub.add_parser("verify", parents=[common], help="check a log's integrity; non-zero exit on any defect")
    v.add_argument("--store", help="read this store directly (sqlite:///path or postgresql://…) instead of the ingest feed")
    v.add_argument("--head", action="append", metavar="POSITION:HASH",
                   help="a head published earlier (from GET /v1/log/head): check the log still holds it; repeatable")
    v.add_argument("--schema", action="store_true",
                   help="also validate every record against the schema and replay corrections (slower)")
    v.set_defaults(func=lambda args, api=None: cmd_verify(args, api))
    b = sub.add_parser("backup", help="consistent online copy of a SQLite store (events or projections)")
    b.add_argument("--store", default="sqlite:///data/events.db", help="the store to copy (default sqlite:///data/events.db)")
    b.add_argument("destination", help="file to write")
    b.add_argument("--force", action="store_true", help="overwrite the destination")
    b.set_defaults(func=cmd_backup, needs_api=False)
