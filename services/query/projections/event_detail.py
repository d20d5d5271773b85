"""Event detail: every version of every cooperation, and the log's history of each.

`event_versions` keeps one row per version with the positions that made it (`vid`, which is
`valid_from`) and superseded it (`valid_to`, NULL while current), so any read can answer as
the log stood at a position P: `vid <= P AND (valid_to IS NULL OR valid_to > P)`.
`history` has one row per applied log record; it also maps an RFC 3339 time to a position.
"""

from __future__ import annotations

import msgspec

from services.query.projections.state import Change, State, reason
from services.query.store.base import Reader, Tx

NAME = "event_detail"
TABLES = [
    """CREATE TABLE IF NOT EXISTS event_versions (
        vid            INTEGER PRIMARY KEY,  -- the position that made this version (valid_from)
        id             TEXT NOT NULL,
        valid_to       INTEGER,              -- the position that superseded it; NULL = current
        first_position INTEGER NOT NULL,
        version        INTEGER NOT NULL,
        retracted      INTEGER NOT NULL,
        kind           TEXT NOT NULL,
        status         TEXT NOT NULL,
        start          TEXT NOT NULL,
        end_key        TEXT NOT NULL,
        doc            BLOB NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS history (
        position      INTEGER PRIMARY KEY,
        subject       TEXT NOT NULL,
        streamversion INTEGER NOT NULL,
        type          TEXT NOT NULL,
        time          TEXT NOT NULL,
        reason        TEXT)""",
    # Needed while loading: corrections look up the current version by id.
    "CREATE INDEX IF NOT EXISTS event_versions_id ON event_versions (id, vid)",
]
INDEXES = [  # built after a bulk load
    "CREATE INDEX IF NOT EXISTS history_subject ON history (subject, position)",
    "CREATE INDEX IF NOT EXISTS history_time ON history (time, position)",
]
DERIVE = None
VALID = "{t}.vid <= ? AND ({t}.valid_to IS NULL OR {t}.valid_to > ?)"

_INSERT_VERSION = "INSERT INTO event_versions VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_HISTORY = "INSERT INTO history VALUES (?, ?, ?, ?, ?, ?)"
_SUPERSEDE = "UPDATE event_versions SET valid_to = ? WHERE vid = ?"
_CURRENT = "SELECT vid, id, first_position, version, retracted, doc FROM event_versions WHERE id"


def apply(change: Change, tx: Tx) -> None:
    rec, after, f = change.record, change.after, change.fields
    tx.insert(_INSERT_HISTORY, (rec.position, rec.subject, rec.streamversion, rec.type, rec.time, reason(rec)))
    if change.before is not None:
        tx.update(_SUPERSEDE, (rec.position, change.before.vid))
    tx.insert(_INSERT_VERSION, (after.vid, rec.subject, after.first_position, after.version, int(after.retracted),
                                f.kind, f.status, change.start, change.end_key, after.doc))


async def current(tx: Reader, subjects: set[str]) -> dict[str, State]:
    """The current versions of these cooperations (one query per 500), keyed by id."""
    out: dict[str, State] = {}
    ids = sorted(subjects)
    for lo in range(0, len(ids), 500):
        chunk = ids[lo:lo + 500]
        rows = await tx.fetchall(f"{_CURRENT} IN ({', '.join('?' * len(chunk))}) AND valid_to IS NULL", chunk)
        for vid, cid, first, version, retracted, doc in rows:
            out[cid] = State(vid, first, version, bool(retracted), bytes(doc))
    return out


async def position_at(db: Reader, time: str) -> int:
    """The highest position whose time ≤ `time` (times never decrease along positions)."""
    row = await db.fetchone("SELECT position FROM history WHERE time <= ? ORDER BY time DESC, position DESC LIMIT 1",
                            (time,))
    return row[0] if row else 0


async def detail(db: Reader, cid: str, at: int) -> dict | None:
    """The cooperation's state at position `at`, with `version`, `retracted` and `history`."""
    row = await db.fetchone("SELECT version, retracted, doc FROM event_versions WHERE id = ? AND vid <= ? "
                            "ORDER BY vid DESC LIMIT 1", (cid, at))
    if row is None:
        return None
    version, retracted, doc = row
    hist = await db.fetchall("SELECT position, streamversion, type, time, reason FROM history "
                             "WHERE subject = ? AND position <= ? ORDER BY position", (cid, at))
    out = msgspec.json.decode(doc)
    out.update(version=version, retracted=bool(retracted), history=[
        {"position": p, "streamversion": v, "type": t, "time": tm, "reason": r} for p, v, t, tm, r in hist])
    return out

