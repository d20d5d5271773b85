"""Sealing records that are already stored onto the hash chain (shared/log_chain.py).

New records are sealed as they are decided (`decide.py`). This is for the records of a log
written before the chain existed: a backend seals them once, at upgrade, page by page, inside
one write transaction under its append lock, inserting only into the chain table — the records
themselves are not changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from shared.log_chain import canonical_data, canonical_record, link

PAGE = 5000  # stored records read (and held in memory) at a time


def seal_stored(previous: str, rows: Iterable) -> list[tuple[int, str]]:
    """(position, id, subject, streamversion, type, time, actor, data) rows in position order,
    following the record whose hash is `previous` → their (position, hash) chain rows."""
    out = []
    for position, rid, subject, version, kind, time, actor, data in rows:
        canonical = canonical_record(position, rid, subject, version, kind, time, actor, canonical_data(data))
        previous = link(previous, canonical)
        out.append((position, previous))
    return out
