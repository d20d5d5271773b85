"""The projections, registered as data: each owns its tables and an `apply(change, tx)`.

A projection whose rows follow from the `event_versions` row alone also has `DERIVE`: the
same rows as one INSERT … SELECT over the versions made at positions `?`..`?` (SQLite runs
that instead of one Python row at a time; the two must agree, see test_query_derive.py).

`apply_records` folds log records into changes and hands each to every projection; the
caller commits the transaction together with the checkpoint.
"""

from __future__ import annotations

from services.query.projections import country_timeline, event_detail, sector_counts
from services.query.projections.state import State, fold
from services.query.store.base import Checkpoint, Tx
from shared.log_record import RECORDED, LogRecord

PROJECTIONS = (event_detail, country_timeline, sector_counts)
TABLES = [sql for p in PROJECTIONS for sql in p.TABLES]
INDEXES = [sql for p in PROJECTIONS for sql in p.INDEXES]
SQLITE_TABLES = [sql for p in PROJECTIONS for sql in getattr(p, "SQLITE_TABLES", [])]
SQLITE_INDEXES = [sql for p in PROJECTIONS for sql in getattr(p, "SQLITE_INDEXES", [])]
SQLITE_DERIVE = [sql for p in PROJECTIONS for sql in getattr(p, "SQLITE_DERIVE", [])]


async def apply_records(records: list[LogRecord], tx: Tx) -> Checkpoint:
    """Apply records (contiguous, in position order) in `tx`; return the new checkpoint."""
    # States before this batch, fetched at once (a valid log never records a subject twice, so
    # only corrections and retractions need one); then this batch's own, as the tx's buffered
    # rows are not readable yet.
    states: dict[str, State] = await event_detail.current(tx, {r.subject for r in records if r.type != RECORDED})
    derived = [p.DERIVE for p in PROJECTIONS if p.DERIVE] if tx.derives_in_sql else []
    appliers = [p.apply for p in PROJECTIONS if not (derived and p.DERIVE)]
    for rec in records:
        change = fold(rec, states.get(rec.subject))
        if change is None:
            continue
        states[rec.subject] = change.after
        for apply in appliers:
            apply(change, tx)
    last = records[-1]
    if derived:
        tx.derive(derived, records[0].position, last.position)
    if tx.dialect == "sqlite" and SQLITE_DERIVE:  # upkeep of SQLite's own tables, after the rows
        tx.derive(SQLITE_DERIVE, records[0].position, last.position)
    checkpoint = Checkpoint(last.position, last.time)
    tx.set_checkpoint(checkpoint)
    return checkpoint
