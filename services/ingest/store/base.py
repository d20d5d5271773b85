"""The event log's store interface: what the ingest service needs, whatever the database.

Writes go through `LogStore.submit(command)`; implementations coalesce concurrent commands
into one transaction (group commit) and decide each command's outcome inside it (see
`decide.py`), so that idempotency and optimistic concurrency hold whatever the interleaving.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from shared.record import Record


class StoreError(Exception):
    """Base of the outcomes a client is told about (each maps to an HTTP status)."""

    status = 409

    def __init__(self, detail: str, **extra: Any):
        super().__init__(detail)
        self.detail, self.extra = detail, extra


class Conflict(StoreError):
    status = 409


class NotFound(StoreError):
    status = 404


class Invalid(StoreError):
    """A correction whose result is not a valid record; `errors` are `{path, message}`."""

    status = 422

    def __init__(self, detail: str, errors: list[dict[str, str]]):
        super().__init__(detail)
        self.errors = errors


class Unavailable(StoreError):
    """The database refused the write (disk full, read-only file…); nothing was appended."""

    status = 503


class Receipt(NamedTuple):
    id: str
    version: int
    position: int
    created: bool = True


@dataclass(slots=True)
class RecordCmd:
    records: list[Record]   # one for POST /v1/events, ≤ 1000 for a batch (atomic)
    bodies: list[bytes]     # RFC 8785 JSON of each record: shared.log_chain.canonical_ascii_keys
    actor: str
    batch: bool = False


@dataclass(slots=True)
class CorrectCmd:
    id: str
    expected_version: int
    changes: dict[str, Any]
    reason: str
    actor: str


@dataclass(slots=True)
class RetractCmd:
    id: str
    expected_version: int
    reason: str
    actor: str


@dataclass(slots=True)
class ReleaseCmd:
    name: str               # the release's name (the record id pattern); subject `release:<name>`
    note: str | None
    actor: str


class ReleaseReceipt(NamedTuple):
    """A tagged release: what it cites (the record before it) and where the tag itself sits."""

    name: str
    note: str | None
    position: int           # the last record the release covers
    hash: str               # that record's hash
    record_position: int    # the `coopline.release.tagged` record
    record_hash: str


Command = RecordCmd | CorrectCmd | RetractCmd | ReleaseCmd


class Row(NamedTuple):
    """One log record as stored: the log table's columns in order (`Row[:8]` is the INSERT's
    parameters), then its `hash` from the chain table beside it."""

    position: int
    id: str
    subject: str
    streamversion: int
    type: str
    time: str
    actor: str
    data: bytes
    hash: str | None = None  # None: a record not yet sealed (only while a log is upgraded)


@dataclass(slots=True)
class Stream:
    """What a decision needs to know about one cooperation already in the log."""

    version: int
    retracted: bool
    first: bytes            # canonical body as first recorded
    first_position: int
    changes: list[dict] = field(default_factory=list)  # corrections' `changes`, in order


class LogStore(abc.ABC):
    """The ingest side's store. One instance per process; `open()` before use."""

    @abc.abstractmethod
    async def open(self) -> None: ...

    @abc.abstractmethod
    async def close(self) -> None:
        """Finish and commit queued writes, then release the database."""

    @abc.abstractmethod
    async def submit(self, cmd: Command) -> Receipt | list[Receipt]:
        """Append durably; raise a StoreError subclass when the command is refused."""

    @abc.abstractmethod
    async def read(self, after: int, limit: int) -> list[Row]:
        """Records with position > after, in position order, at most `limit`."""

    @abc.abstractmethod
    async def head(self) -> int:
        """The highest committed position (0 for an empty log)."""

    @abc.abstractmethod
    async def tip(self) -> tuple[int, str, str | None]:
        """(position, hash, time) of the last record; (0, 64 zeros, None) for an empty log."""

    @abc.abstractmethod
    async def history(self, subject: str) -> list[Row]:
        """The records of one cooperation in order ([] when unknown)."""

    @abc.abstractmethod
    async def wait(self, after: int, timeout: float) -> int:
        """Return the head as soon as it passes `after`, or after `timeout` seconds."""

    def known_head(self) -> int | None:
        """The head as this process knows it without a database hop (`None`: ask `head()`)."""
        return None

    def recent(self, after: int, limit: int) -> list[Row] | None:
        """`read(after, limit)` answered from memory when this process holds those records
        (the tail it committed last); `None` when it cannot say without the database."""
        return None

    def release_waiters(self) -> None:
        """Make pending and future `wait` calls return at once (called when shutting down)."""
        return None

    async def ping(self) -> bool:
        """Readiness: can the database answer?"""
        try:
            await self.head()
            return True
        except Exception:
            return False
