"""The projections. Each is one module that runs on both backends: its `Table`s, a pure
`project(changes, [state,] out)` from a page's changes to the rows it writes, and the queries
it serves. See docs/query-internals.md.

`page_changes` is the whole write path of a page: read the state the page needs (the
cooperations' current versions, in one query), fold the records into changes (pure), read the
organisations' kept summaries when the page removes rows of theirs (in bulk) and let every
projection add its rows (pure). The store applies
the result in bulk, with the checkpoint, in one transaction.
"""

from __future__ import annotations

from services.query.projections import (
    country_timeline,
    event_detail,
    organisations,
    releases,
    search,
    sector_counts,
)
from services.query.projections.schema import Changes, Table
from services.query.projections.state import HANDLED, State, fold_page
from services.query.store.base import Reader
from shared.log_record import RECORDED, RELEASED, LogRecord

PROJECTIONS = (event_detail, country_timeline, sector_counts, search, organisations, releases)
TABLES: tuple[Table, ...] = tuple(t for p in PROJECTIONS for t in p.TABLES)


async def page_changes(records: list[LogRecord], db: Reader, known: dict[str, State] | None = None, *,
                       loading: bool = False, settle=None) -> Changes:
    """The row changes of a page (contiguous records, in position order). Records of types the
    projections do not handle are skipped; the caller still moves the checkpoint past them.
    Release records go to the releases projection only, never to the fold.
    `known`: current versions the caller holds (those of a page still being written), read
    from them instead of `db`. The result's `versions` are those the page made, by id.
    `loading` (a shadow before `finish_load`, which has no secondary indexes): the
    organisations read no state and list in `stale` those whose kept extremes they could not
    keep. `settle`: awaited before the organisations read their state, when they do (a shadow
    whose previous page may still be going in: they read rows, not versions)."""
    tags = [r for r in records if r.type == RELEASED]
    records = [r for r in records if r.type in HANDLED]
    # A valid log never records a subject twice: only corrections and retractions need a state.
    needed = {r.subject for r in records if r.type != RECORDED}
    known = known or {}
    before = {s: known[s] for s in needed if s in known}
    before.update(await event_detail.state(db, needed - before.keys()))
    changes = fold_page(records, before)
    out = Changes()
    out.versions = before
    event_detail.project(changes, out)
    country_timeline.project(changes, out)
    sector_counts.project(changes, out)
    search.project(changes, out)
    kept = None
    if not loading:
        if settle is not None and organisations.removed(changes):
            await settle()
        kept = await organisations.state(db, changes)
    organisations.project(changes, kept, out)
    releases.project(tags, out)
    return out
