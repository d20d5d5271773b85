"""`coopline verify`'s check of the hash chain, and of the log's sequence, fast enough for
millions of records.

Each record's `hash` must equal SHA-256(previous record's stored hash + this record's canonical
JSON) (shared/log_chain.py). Every link depends only on two stored records, so ranges of the
log are checked in parallel, each by a worker process that reads its own range from the source
(`log_sources.py`); the whole chain holds when every link does. A record changed in place breaks
its own link; a deleted record leaves a gap and breaks the next link; a reordered pair breaks
the first link of the two. What needs the whole history — positions gapless, stream versions,
corrections of known cooperations, times in order — is checked in this process from a compact
summary of each record that the workers send back.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Iterator
from typing import NamedTuple

import msgspec

from services.cli.log_sources import Sealed, Source
from shared.log_chain import GENESIS, canonical_decoded, link, seal
from shared.log_record import CORRECTED, RECORDED, RELEASE_PREFIX, RELEASED, RETRACTED

CHUNK = 50_000  # records per worker task
_decode = msgspec.json.decode
_NOT_JSON = object()
# Types whose data shape is checked only with `strict` (--schema): the chain already covers
# their content, and decoding every record would double verify's time. Releases are always
# decoded: their data must cite the record before them.
_SHAPED = (RECORDED, CORRECTED, RETRACTED)


class Summary(NamedTuple):
    """What the sequence checks need of one record."""

    position: int
    subject: str
    streamversion: int
    type: str
    time: str


class Chunk(NamedTuple):
    defects: list[tuple[int, str]]   # (position, message)
    summaries: tuple[list, ...]      # Summary's fields as columns: lists pickle 5× faster than tuples
    hashes: dict[int, str]           # the stored hashes asked for (published heads)
    last_hash: str | None


def check_range(source: Source, first: int, last: int, wanted: frozenset[int] = frozenset(),
                strict: bool = False) -> Chunk:
    """Check every link of positions first…last (reading the record before `first` too).

    A link is first recomputed over the record's stored `data` as it is: records are stored in
    RFC 8785 form, so that is the definition's hash unless the stored bytes changed. Only when
    it does not match is `data` decoded and canonicalised (a record stored in another form by
    an earlier version, or a changed one); `strict` decodes every record and also checks its
    data's shape, as `--schema` does.
    """
    defects: list[tuple[int, str]] = []
    columns: tuple[list, ...] = ([], [], [], [], [])
    hashes: dict[int, str] = {}
    positions, subjects, versions, kinds, times = columns
    prev_pos, prev_hash = (0, GENESIS) if first == 1 else (-1, None)
    for row in source.rows(max(first - 1, 1), last):
        pos, rid, subject, version, kind, time, actor, data, digest, envelope_ok = row
        if pos < first:
            prev_pos, prev_hash = pos, digest
            continue
        positions.append(pos)
        subjects.append(subject)
        versions.append(version)
        kinds.append(kind)
        times.append(time)
        if pos in wanted and digest is not None:
            hashes[pos] = digest
        if digest is None:
            defects.append((pos, "no hash: the record is not sealed onto the chain"))
        elif prev_pos != pos - 1 or prev_hash is None:
            defects.append((pos, "hash chain broken: the record before it is missing or unsealed"))
        elif not envelope_ok:
            defects.append((pos, "not a CloudEvents 1.0 record of coopline/ingest"))
        elif strict or seal(prev_hash, pos, rid, subject, version, kind, time, actor, data) != digest:
            value = _value(data)
            if value is _NOT_JSON or link(prev_hash, canonical_decoded(pos, rid, subject, version, kind, time,
                                                                        actor, value)) != digest:
                defects.append((pos, "hash chain broken: the record (or the hash of the one before it) was changed"))
        if strict or kind not in _SHAPED:
            problem = _check_data(row, _value(data), prev_pos, prev_hash)
            if problem:
                defects.append((pos, problem))
        prev_pos, prev_hash = pos, digest
    return Chunk(defects, columns, hashes, prev_hash if prev_pos >= first else None)


def _value(data: bytes):
    try:
        return _decode(data)
    except msgspec.DecodeError:
        return _NOT_JSON


def _check_data(row: Sealed, data, prev_pos: int, prev_hash: str | None) -> str | None:
    kind, is_dict = row.type, isinstance(data, dict)
    if data is _NOT_JSON:
        return "data is not JSON"
    if kind == RECORDED:
        if not is_dict or data.get("id") != row.subject:
            return f"data.id {data.get('id') if is_dict else None!r} differs from subject {row.subject!r}"
    elif kind == CORRECTED:
        if not is_dict or not isinstance(data.get("changes"), dict) or not isinstance(data.get("reason"), str):
            return "correction data is not {changes, reason}"
    elif kind == RETRACTED:
        if not is_dict or not isinstance(data.get("reason"), str):
            return "retraction without a reason"
    elif kind == RELEASED:
        if not is_dict or RELEASE_PREFIX + str(data.get("name")) != row.subject:
            return f"release data does not name its subject {row.subject!r}"
        if prev_pos == row.position - 1 and (data.get("position"), data.get("hash")) != (prev_pos, prev_hash):
            return "release does not cite the record before it (position and hash)"
    else:
        return f"unknown type {kind!r}"
    return None


def check_sequence(summaries: Iterator[Summary]) -> Iterator[tuple[int, str]]:
    """Positions gapless from 1, times UTC and never going back, stream versions consecutive,
    corrections and retractions only of known, live cooperations, each release name once."""
    expected, last_time = 1, ""
    streams: dict[str, list] = {}  # subject → [version, retracted]
    for pos, subject, version, kind, time in summaries:
        if pos != expected:  # a gap is named by its first missing position
            yield min(pos, expected), f"expected position {expected}, found {pos} (gap or disorder)"
        expected = pos + 1
        if not time.endswith("Z") or time < last_time:
            yield pos, f"time {time!r} is not UTC or goes backwards (after {last_time!r})"
        last_time = max(last_time, time)
        stream = streams.get(subject)
        want = 1 if stream is None else stream[0] + 1
        if version != want:
            yield pos, f"{subject!r} has streamversion {version}, expected {want}"
        if kind in (RECORDED, RELEASED):
            if stream is not None:
                yield pos, f"{subject!r} recorded a second time"
            else:
                streams[subject] = [version, False]
        elif kind in (CORRECTED, RETRACTED):
            if stream is None or subject.startswith(RELEASE_PREFIX):
                yield pos, f"{kind} of unknown cooperation {subject!r}"
                continue
            if stream[1]:
                yield pos, f"{kind} of retracted cooperation {subject!r}"
            stream[0] = version
            stream[1] = stream[1] or kind == RETRACTED


def check_chain(source: Source, head: int, wanted: frozenset[int] = frozenset(),
                workers: int | None = None, strict: bool = False) -> tuple[int, list[tuple[int, str]], dict[int, str], str | None]:
    """→ (records read, defects sorted by position, stored hashes at `wanted`, the last hash)."""
    ranges = [(lo, min(lo + CHUNK - 1, head)) for lo in range(1, head + 1, CHUNK)]
    workers = min(workers or os.cpu_count() or 1, len(ranges))
    if workers <= 1:
        chunks = [check_range(source, lo, hi, wanted, strict) for lo, hi in ranges]
        return _combine(chunks)
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        futures = [pool.submit(check_range, source, lo, hi, wanted, strict) for lo, hi in ranges]
        return _combine(_results(futures))


def _results(futures: list) -> Iterator[Chunk]:
    while futures:  # popped as consumed, so a checked chunk's summaries can be freed
        yield futures.pop(0).result()


def _combine(chunks) -> tuple[int, list[tuple[int, str]], dict[int, str], str | None]:
    """Fold the chunks, in position order, as they arrive (only defects are kept)."""
    defects: list[tuple[int, str]] = []
    hashes: dict[int, str] = {}
    state = {"n": 0, "last": GENESIS}

    def summaries() -> Iterator[Summary]:
        for chunk in chunks:
            defects.extend(chunk.defects)
            hashes.update(chunk.hashes)
            state["n"] += len(chunk.summaries[0])
            if chunk.summaries[0]:
                state["last"] = chunk.last_hash
            yield from zip(*chunk.summaries, strict=True)

    sequence = list(check_sequence(summaries()))
    defects += sequence
    defects.sort(key=lambda d: d[0])
    return state["n"], defects, hashes, state["last"]
