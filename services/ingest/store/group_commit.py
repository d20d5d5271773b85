"""Group commit: concurrent write commands share one transaction and one fsync.

A single writer task takes every command queued while the previous transaction was
committing, decides each against the log inside a new transaction, appends the rows, commits,
and only then answers each waiting request. Durability (fsync on commit) therefore costs one
flush per group, not per event. Backends supply the transaction (`_transaction`) and reads.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
from datetime import UTC, datetime

import structlog

from services.ingest.store.base import (
    Command,
    LogStore,
    RecordCmd,
    Row,
    StoreError,
    Stream,
    Unavailable,
)
from services.ingest.store.decide import decide

log = structlog.get_logger()
MAX_GROUP_EVENTS = 5000


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _subjects(cmd: Command) -> list[str]:
    return [r.id for r in cmd.records] if isinstance(cmd, RecordCmd) else [cmd.id]


class WriteTx(abc.ABC):
    """The backend's view of one write transaction."""

    @abc.abstractmethod
    async def head_and_time(self) -> tuple[int, str]: ...

    @abc.abstractmethod
    async def streams(self, subjects: list[str]) -> dict[str, Stream]: ...

    @abc.abstractmethod
    async def insert(self, rows: list[Row]) -> None: ...


def streams_from_rows(rows) -> dict[str, Stream]:
    """(subject, streamversion, type, data, position) rows in stream order → Stream states."""
    import msgspec

    from shared.log_record import CORRECTED, RETRACTED

    out: dict[str, Stream] = {}
    for subject, version, kind, data, position in rows:
        s = out.get(subject)
        if s is None:
            out[subject] = Stream(version, False, bytes(data), position, [])
            continue
        s.version = version
        if kind == CORRECTED:
            s.changes.append(msgspec.json.decode(data)["changes"])
        elif kind == RETRACTED:
            s.retracted = True
    return out


class GroupCommitLog(LogStore):
    def __init__(self) -> None:
        self._queue: asyncio.Queue = asyncio.Queue()
        self._writer: asyncio.Task | None = None
        self._head = 0
        self._changed = asyncio.Event()
        self._closing = False
        self._draining = False
        self.write_error: str | None = None  # the last failed commit's error, until one succeeds

    # -- backend hooks ------------------------------------------------------------------
    @abc.abstractmethod
    async def _connect(self) -> int:
        """Open connections, migrate the schema; return the current head."""

    @abc.abstractmethod
    async def _disconnect(self) -> None: ...

    @abc.abstractmethod
    def _transaction(self) -> contextlib.AbstractAsyncContextManager[WriteTx]: ...

    # -- lifecycle ----------------------------------------------------------------------
    async def open(self) -> None:
        try:
            self._head = await self._connect()
        except BaseException:
            # Release what was opened (an aiosqlite connection is a non-daemon thread that
            # would otherwise keep the process alive after a failed start).
            await self._disconnect()
            raise
        self._writer = asyncio.create_task(self._run(), name="coopline-group-commit")

    async def close(self) -> None:
        self._closing = True
        self._notify()
        if self._writer is not None:
            self._queue.put_nowait(None)  # FIFO: everything queued before is committed first
            await self._writer
            self._writer = None
        await self._disconnect()

    # -- writes -------------------------------------------------------------------------
    async def submit(self, cmd: Command):
        if self._closing:
            raise Unavailable("the service is shutting down; retry shortly")
        fut = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((cmd, fut))
        return await fut

    async def _run(self) -> None:
        while True:
            item = await self._queue.get()
            if item is None:
                return
            group, size = [item], _size(item[0])
            stop = False
            while size < MAX_GROUP_EVENTS and not self._queue.empty():
                nxt = self._queue.get_nowait()
                if nxt is None:
                    stop = True
                    break
                group.append(nxt)
                size += _size(nxt[0])
            await self._commit(group)
            if stop:
                return

    async def _commit(self, group: list) -> None:
        outcomes: list = []
        appended = 0
        try:
            async with self._transaction() as tx:
                head, last_time = await tx.head_and_time()
                streams = await tx.streams(sorted({s for cmd, _ in group for s in _subjects(cmd)}))
                now = max(_now(), last_time)  # times never go backwards along positions
                position, rows = head + 1, []
                for cmd, fut in group:
                    try:
                        result, new_rows, updates = decide(cmd, streams, position, now)
                    except StoreError as exc:
                        outcomes.append((fut, exc))
                        continue
                    rows += new_rows
                    streams.update(updates)
                    position += len(new_rows)
                    outcomes.append((fut, result))
                if rows:
                    await tx.insert(rows)
                appended = len(rows)
        except Exception as exc:  # the database refused: nothing of this group was appended
            log.error("append_failed", error=str(exc), commands=len(group))
            self.write_error = str(exc)
            failure = Unavailable(f"the event log cannot be written now ({exc}); nothing was appended, retry later")
            outcomes = [(fut, failure) for _, fut in group]
        else:
            self.write_error = None
            if appended:
                self._advance(head + appended)
        for fut, result in outcomes:
            if fut.done():  # the caller went away; its write stands (a retry gets the receipt)
                continue
            if isinstance(result, Exception):
                fut.set_exception(result)
            else:
                fut.set_result(result)

    # -- the head and long-poll wake-ups -----------------------------------------------
    def _advance(self, head: int) -> None:
        if head > self._head:
            self._head = head
            self._notify()

    def _notify(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    def release_waiters(self) -> None:
        """Shutting down: long polls answer now with what there is, instead of holding the
        shutdown for the rest of their `wait`. Writes still commit until close()."""
        self._draining = True
        self._notify()

    async def wait(self, after: int, timeout: float) -> int:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._head <= after and not (self._closing or self._draining):
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                break
        return self._head


def _size(cmd: Command) -> int:
    return len(cmd.records) if isinstance(cmd, RecordCmd) else 1
