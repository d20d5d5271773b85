"""`coopline verify` and `coopline backup`: the operator's integrity tools.

`verify` reads a whole log — through the ingest feed, or straight from a SQLite/PostgreSQL
store when the service is down — and checks what the design promises: positions gapless from 1,
stream versions consecutive per cooperation, every record decodes against its schema, no
correction or retraction of an unknown or retracted cooperation, times never going backwards.
Reading a store directly relies on the log table's columns (position, id, subject,
streamversion, type, time, actor, data), which are part of the operator docs.

`backup` takes a consistent online copy of a SQLite store with SQLite's backup API (safe while
the service writes), then checks the copy.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator

import msgspec

from services.cli.errors import CliError
from shared import record
from shared.log_record import CORRECTED, RECORDED, RETRACTED, SOURCE

_COLUMNS = "position, id, subject, streamversion, type, time, actor, data"
PAGE = 5000


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
        else:
            defects.append(f"{at}: unknown type {kind!r}")
    return n, defects


def _from_sqlite(path: str) -> Iterator[dict]:
    if not os.path.isfile(path):
        raise CliError(f"no SQLite database at {path}")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for row in db.execute(f"SELECT {_COLUMNS} FROM log ORDER BY position"):
            yield _row(row)
    except sqlite3.Error as exc:
        raise CliError(f"cannot read the log in {path}: {exc}") from None
    finally:
        db.close()


def _row(row) -> dict:
    pos, rid, subject, version, kind, time, actor, data = row
    try:
        data = msgspec.json.decode(bytes(data))
    except msgspec.DecodeError:
        data = None
    return {"specversion": "1.0", "id": rid, "source": SOURCE, "type": kind, "subject": subject, "time": time,
            "position": pos, "streamversion": version, "actor": actor, "data": data}


def _from_postgres(url: str) -> list[dict]:
    import asyncpg

    async def fetch():
        conn = await asyncpg.connect(url)
        try:
            return [_row(tuple(r)) for r in await conn.fetch(f"SELECT {_COLUMNS} FROM log ORDER BY position")]
        finally:
            await conn.close()
    try:
        return asyncio.run(fetch())
    except (OSError, asyncpg.PostgresError) as exc:
        raise CliError(f"cannot read the log from PostgreSQL: {exc}") from None


def _from_feed(api) -> Iterator[dict]:
    after = 0
    while True:
        page = api.get_json("ingest", "/v1/log", params={"after": after, "limit": PAGE})
        if not page["records"]:
            return
        yield from page["records"]
        after = page["records"][-1]["position"]


def cmd_verify(args, api=None) -> int:
    store = args.store
    if store is None:
        source = _from_feed(api)
    elif store.startswith("sqlite:///"):
        source = _from_sqlite(store[len("sqlite:///"):])
    elif store.startswith(("postgresql://", "postgres://")):
        source = _from_postgres(store)
    else:
        raise CliError(f"--store {store!r}: expected sqlite:///path or postgresql://…")
    n, defects = check_log(source)
    for line in defects:
        print(line)
    status = "OK" if not defects else f"{len(defects)} defect(s)"
    print(f"verified {n} log records: {status}", file=sys.stderr if defects else sys.stdout)
    return 1 if defects else 0


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
    v.set_defaults(func=lambda args, api=None: cmd_verify(args, api))
    b = sub.add_parser("backup", help="consistent online copy of a SQLite store (events or projections)")
    b.add_argument("--store", default="sqlite:///data/events.db", help="the store to copy (default sqlite:///data/events.db)")
    b.add_argument("destination", help="file to write")
    b.add_argument("--force", action="store_true", help="overwrite the destination")
    b.set_defaults(func=cmd_backup, needs_api=False)
