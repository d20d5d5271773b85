"""The event log on SQLite (WAL, synchronous=FULL).

Three connections, each with its own thread (`shared.sqlite_worker`): the writer runs a whole
group commit — BEGIN IMMEDIATE, head, streams, `decide()`, INSERT, COMMIT — as **one**
synchronous function on its thread (one thread round trip per group, not one per
statement); the reader answers reads, so history and
catch-up pages never wait behind a commit's fsync (long polls at the head are answered from
the in-memory tail, see `group_commit.py`); the third copies the WAL back into the file
(`wal_checkpoint(PASSIVE)`, with its fsync) every 0.1 s while records are being written, so
the checkpoint SQLite would otherwise run inside a COMMIT, with the writer and every request of
its group waiting, rarely finds anything left to do (`shared/wal_checkpoints.py`).
`BEGIN IMMEDIATE` takes the write lock before the head is read, so positions are assigned
under the lock and are gapless in commit order.
Triggers make the database itself refuse UPDATE, DELETE and any insert that would leave a gap.
Each record's `hash` (shared/log_chain.py) is computed in the same group commit and stored in
its row, guarded by the same triggers; a log written before the chain gets its chain once, when
the service opens it, in the append-only table `log_chain` — its records are not changed
(`sealing.py`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

import msgspec

from services.ingest.store import decide as _decide
from services.ingest.store.base import Command, Row
from services.ingest.store.decide import decide_group, group_subjects
from services.ingest.store.group_commit import TAIL_ROWS, GroupCommitLog, streams_from_rows
from services.ingest.store.sealing import PAGE, seal_stored
from shared.log_chain import GENESIS
from shared.sqlite_worker import Connection, run
from shared.sqlite_worker import connect as _open
from shared.wal_checkpoints import PASSIVE, Checkpoints

MIGRATIONS = [
    """
    CREATE TABLE log (
        position      INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        subject       TEXT NOT NULL,
        streamversion INTEGER NOT NULL CHECK (streamversion >= 1),
        type          TEXT NOT NULL,
        time          TEXT NOT NULL,
        actor         TEXT NOT NULL,
        data          BLOB NOT NULL,
        UNIQUE (subject, streamversion)
    );
    CREATE TRIGGER log_no_update BEFORE UPDATE ON log
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: UPDATE refused'); END;
    CREATE TRIGGER log_no_delete BEFORE DELETE ON log
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: DELETE refused'); END;
    CREATE TRIGGER log_gapless BEFORE INSERT ON log
        WHEN NEW.position IS NOT (SELECT coalesce(max(position), 0) + 1 FROM log)
        BEGIN SELECT RAISE(ABORT, 'log positions are gapless: insert the next position'); END;
    """,
    # The hash chain. New records carry their hash in the column added here, written with them
    # and guarded by the log's own triggers; the records of a log written before the chain are
    # not changed: their hashes go to `log_chain` (append-only too) when the log is upgraded.
    """
    ALTER TABLE log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);
    CREATE TABLE log_chain (
        position INTEGER PRIMARY KEY,
        hash     TEXT NOT NULL CHECK (length(hash) = 64)
    );
    CREATE TRIGGER log_chain_no_update BEFORE UPDATE ON log_chain
        BEGIN SELECT RAISE(ABORT, 'the hash chain is append-only: UPDATE refused'); END;
    CREATE TRIGGER log_chain_no_delete BEFORE DELETE ON log_chain
        BEGIN SELECT RAISE(ABORT, 'the hash chain is append-only: DELETE refused'); END;
    """,
]
_COLUMNS = "position, id, subject, streamversion, type, time, actor, data, hash"
# A record's hash: its own column, or (a record written before the chain) the chain table's.
_HASH = "coalesce(hash, (SELECT c.hash FROM log_chain c WHERE c.position = log.position))"
_SEALED = f"position, id, subject, streamversion, type, time, actor, data, {_HASH}"
_LAST = f"SELECT position, time, {_HASH} FROM log ORDER BY position DESC LIMIT 1"
_FIRST_UNSEALED = f"SELECT min(position) FROM log WHERE {_HASH} IS NULL"
_HASH_AT = f"SELECT {_HASH} FROM log WHERE position = ?"
_UNSEALED = f"SELECT {_COLUMNS.removesuffix(', hash')} FROM log WHERE position > ? ORDER BY position LIMIT ?"
_STREAMS = ("SELECT subject, streamversion, type, data, position FROM log "
            "WHERE subject IN (SELECT value FROM json_each(?)) ORDER BY subject, streamversion")
_STREAM = ("SELECT subject, streamversion, type, data, position FROM log "
           "WHERE subject = ? ORDER BY streamversion")
_INSERT = f"INSERT INTO log ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_CHAIN = "INSERT INTO log_chain (position, hash) VALUES (?, ?)"
_HEAD = "SELECT coalesce(max(position), 0) FROM log"
_READ = f"SELECT {_SEALED} FROM log WHERE position > ? ORDER BY position LIMIT ?"
_HISTORY = f"SELECT {_SEALED} FROM log WHERE subject = ? ORDER BY streamversion"
_json = msgspec.json.Encoder()
BUSY_TIMEOUT_MS = 10000
CHECKPOINT_EVERY = 0.1


def _durable(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


async def connect(path: str) -> Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, durable commits."""
    conn = await _open(path)
    try:
        await run(conn, _durable)
    except BaseException:
        with contextlib.suppress(Exception):
            await conn.close()
        raise
    return conn


def migrate(db: sqlite3.Connection, migrations: list[str]) -> None:
    """Apply the migrations past `PRAGMA user_version`, each in its own transaction."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    for number, script in enumerate(migrations[version:], start=version + 1):
        db.execute("BEGIN IMMEDIATE")
        (current,) = db.execute("PRAGMA user_version").fetchone()
        if current >= number:  # another process got there first
            db.execute("ROLLBACK")
            continue
        try:
            for statement in filter(str.strip, script.split(";\n")):
                db.execute(statement)
            db.execute(f"PRAGMA user_version={number}")
            db.execute("COMMIT")
        except Exception:
            db.execute("ROLLBACK")
            raise


class SQLiteLog(GroupCommitLog):
    memory_tail = TAIL_ROWS

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self._w: Connection | None = None
        self._r: Connection | None = None
        self._c: Connection | None = None  # WAL checkpoints, beside the writer
        self._checkpoints = Checkpoints(lambda: run(self._c, _checkpoint_sync), CHECKPOINT_EVERY,
                                        "coopline-log-checkpoint")

    async def _connect(self) -> int:
        if os.path.dirname(self.path):
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self._w = await connect(self.path)
        await run(self._w, migrate, MIGRATIONS)
        await run(self._w, _seal_upgrade)
        self._r = await connect(self.path)
        self._c = await connect(self.path)
        return await self.head()

    async def _disconnect(self) -> None:
        await self._checkpoints.wait()
        for conn in (self._c, self._r, self._w):
            if conn is not None:
                with contextlib.suppress(Exception):
                    await conn.close()
        self._c = self._r = self._w = None

    # -- writes: the whole group in one call on the writer's thread ----------------------
    async def _commit_group(self, cmds: list[Command]) -> tuple[int, list[Row], list]:
        out = await run(self._w, _commit_sync, cmds)
        self._checkpoints.written()
        return out

    # -- reads: one call each on the reader's thread -------------------------------------
    async def head(self) -> int:
        return await run(self._r, _head_sync)

    async def tip(self) -> tuple[int, str, str | None]:
        return await run(self._r, _tip_sync)

    async def read(self, after: int, limit: int) -> list[Row]:
        return await run(self._r, _read_sync, after, limit)

    async def history(self, subject: str) -> list[Row]:
        return await run(self._r, _history_sync, subject)


@contextlib.contextmanager
def _write_transaction(db: sqlite3.Connection):
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (a cancelled or failed unit of work)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(Exception):
                db.execute("ROLLBACK")
        raise


def _commit_sync(db: sqlite3.Connection, cmds: list[Command]) -> tuple[int, list[Row], list]:
    with _write_transaction(db):
        last = db.execute(_LAST).fetchone()
        head, last_time, last_hash = last if last is not None else (0, "", None)
        if last_hash is None and head and _decide.SEAL:  # written meanwhile by a version before the chain
            last_hash = _seal_backlog(db)
        subjects = group_subjects(cmds)
        if len(subjects) == 1:
            found = db.execute(_STREAM, (subjects[0],)).fetchall()
        else:
            found = db.execute(_STREAMS, (_json.encode(subjects).decode(),)).fetchall()
        rows, outcomes = decide_group(cmds, streams_from_rows(found), head, last_time, last_hash)
        if rows:
            db.executemany(_INSERT, rows)
    return head, rows, outcomes


def _seal_backlog(db: sqlite3.Connection) -> str:
    """Seal the records written before the chain into `log_chain` (inside the caller's write
    transaction); → the last record's hash."""
    (first,) = db.execute(_FIRST_UNSEALED).fetchone()
    if first is None:
        return db.execute(_LAST).fetchone()[2]
    position, previous = first - 1, GENESIS if first == 1 else db.execute(_HASH_AT, (first - 1,)).fetchone()[0]
    while rows := db.execute(_UNSEALED, (position, PAGE)).fetchall():
        sealed = seal_stored(previous, rows)
        db.executemany(_INSERT_CHAIN, sealed)
        position, previous = sealed[-1]
    return previous


def _seal_upgrade(db: sqlite3.Connection) -> None:
    """Once, when a log written before the chain is opened: seal its records."""
    with _write_transaction(db):
        last = db.execute(_LAST).fetchone()
        if last is not None and last[2] is None:
            _seal_backlog(db)


def _tip_sync(db: sqlite3.Connection) -> tuple[int, str, str | None]:
    last = db.execute(_LAST).fetchone()
    if last is None:
        return 0, GENESIS, None
    return last[0], last[2], last[1]


def _checkpoint_sync(db: sqlite3.Connection) -> None:
    db.execute(PASSIVE)


def _head_sync(db: sqlite3.Connection) -> int:
    return db.execute(_HEAD).fetchone()[0]


def _read_sync(db: sqlite3.Connection, after: int, limit: int) -> list[Row]:
    return list(map(Row._make, db.execute(_READ, (after, limit))))


def _history_sync(db: sqlite3.Connection, subject: str) -> list[Row]:
    return list(map(Row._make, db.execute(_HISTORY, (subject,))))
