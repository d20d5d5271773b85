"""Event detail: every version of every cooperation, and the log's history of each.

`event_versions` keeps one row per version with the positions that made it (`vid`, which is
`valid_from`) and superseded it (`valid_to`, NULL while current), so any read can answer as
the log stood at a position P: `vid <= P AND (valid_to IS NULL OR valid_to > P)`. Each
cooperation record makes exactly one version, so the same rows are the cooperation's history
(with the record's type, time and reason) and map an RFC 3339 time to a position.

The other projections join `event_versions` for validity at a position and for the kind and
status filters: it is the fold's own table, which every projection may read.
"""

from __future__ import annotations

import msgspec

from services.query.projections.schema import Changes, Table, Update
from services.query.projections.state import Change, State, reason
from services.query.store.base import Reader

NAME = "event_detail"
VERSIONS = Table("event_versions", (
    ("vid", "int"),             # the position that made this version (valid_from)
    ("id", "text"),
    ("valid_to", "int?"),       # the position that superseded it; NULL = current
    ("first_position", "int"),
    ("version", "int"),
    ("retracted", "int"),
    ("kind", "text"),
    ("status", "text"),
    ("start", "text?"),         # ISO day; NULL when the start is open (`../B`)
    ("end_key", "text"),        # ISO day, or OPEN_END
    ("type", "text"),           # the log record that made it: type, time, reason
    ("time", "text"),
    ("reason", "text?"),
    ("doc", "bytes"),
), key=("vid",), load_indexes=(  # corrections look up the current version by id while loading
    "CREATE INDEX IF NOT EXISTS event_versions_id ON event_versions (id, vid)",
), indexes=(
    "CREATE INDEX IF NOT EXISTS event_versions_time ON event_versions (time, vid)",
    # Search results in order (projections/search.py): newest start first, open starts last;
    # with valid_to, a walk skips the versions not valid at its position without reading them.
    "CREATE INDEX IF NOT EXISTS event_versions_order ON event_versions ((coalesce(start, '')), first_position, valid_to)",
))
TABLES = (VERSIONS,)
SUPERSEDE = Update("event_versions", set=("valid_to",), where=("vid",))


def valid(p, at: int, vid: str = "v.vid") -> str:
    """The condition: version `v` is the one in force at position `at`. `vid` may name a
    joined row's copy of the version id (`c.vid`), so that the condition reads that row's index."""
    return f"{vid} <= {p(at)} AND (v.valid_to IS NULL OR v.valid_to > {p(at)})"


async def state(db: Reader, subjects: set[str]) -> dict[str, State]:
    """The current versions of these cooperations (one query per 500 ids), keyed by id."""
    out: dict[str, State] = {}
    ids = sorted(subjects)
    for lo in range(0, len(ids), 500):
        p = db.params()
        rows = await db.fetchall(f"SELECT vid, id, first_position, version, retracted, doc FROM event_versions "
                                 f"WHERE id IN ({p.many(ids[lo:lo + 500])}) AND valid_to IS NULL", p.values)
        for vid, cid, first, version, retracted, doc in rows:
            out[cid] = State(vid, first, version, bool(retracted), bytes(doc))
    return out


def project(changes: list[Change], out: Changes) -> None:
    out.insert(VERSIONS, [(c.after.vid, c.record.subject, None, c.after.first_position, c.after.version,
                           int(c.after.retracted), c.fields.kind, c.fields.status, c.start, c.end_key, c.record.type,
                           c.record.time, reason(c.record), c.after.doc) for c in changes])
    out.update(SUPERSEDE, [(c.record.position, c.before.vid) for c in changes if c.before is not None])


async def position_at(db: Reader, time: str) -> int:
    """The highest position whose time ≤ `time` (times never decrease along positions)."""
    p = db.params()
    row = await db.fetchone(f"SELECT vid FROM event_versions WHERE time <= {p(time)} "
                            f"ORDER BY time DESC, vid DESC LIMIT 1", p.values)
    return row[0] if row else 0


async def detail(db: Reader, cid: str, at: int) -> dict | None:
    """The cooperation's state at position `at`, with `version`, `retracted` and `history`."""
    p = db.params()
    row = await db.fetchone(f"SELECT version, retracted, doc FROM event_versions WHERE id = {p(cid)} "
                            f"AND vid <= {p(at)} ORDER BY vid DESC LIMIT 1", p.values)
    if row is None:
        return None
    version, retracted, doc = row
    p = db.params()
    hist = await db.fetchall(f"SELECT vid, version, type, time, reason FROM event_versions "
                             f"WHERE id = {p(cid)} AND vid <= {p(at)} ORDER BY vid", p.values)
    out = msgspec.json.decode(doc)
    out.update(version=version, retracted=bool(retracted), history=[
        {"position": p, "streamversion": v, "type": t, "time": tm, "reason": r} for p, v, t, tm, r in hist])
    return out
