"""Group commit: concurrent write commands share one transaction and one fsync.

A single writer task takes every command queued while the previous transaction was
committing, decides each against the log inside a new transaction, appends the rows, commits,
and only then answers each waiting request. Durability (fsync on commit) therefore costs one
flush per group, not per event. Backends supply the transaction — an async `_transaction`
(PostgreSQL), or a whole `_commit_group` run in one executor call (SQLite) — and the reads.

The rows of the last commits stay in memory (`recent`), so a long poll waiting at the head is
answered from them as soon as the commit lands, without reading them back.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
from collections import deque

import structlog

from services.ingest.store.base import (
    Command,
    LogStore,
    RecordCmd,
    Row,
    Stream,
    Unavailable,
)
from services.ingest.store.decide import decide_group, group_subjects

log = structlog.get_logger()
MAX_GROUP_EVENTS = 5000
# Records of the last commits kept in memory, so that a follower's long poll is answered right
# after a commit without reading them back (about 1 KiB each: a few MiB at most).
TAIL_ROWS = 4096

class WriteTx(abc.ABC):
    """The backend's view of one write transaction, begun under the append lock."""

    @abc.abstractmethod
    async def read(self, subjects: list[str]) -> tuple[int, str, str | None, dict[str, Stream]]:
        """(head, its time, its hash, the streams of `subjects`), read under the append lock
        (one round trip where the backend can); the records of a log written before the chain
        are sealed first (`sealing.py`)."""

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
    # How many of its last committed records a backend keeps in memory for `recent()`, and
    # whether its in-memory head may stand for the database's (`known_head()`): for a log this
    # process alone writes. 0: every read goes to the database (PostgreSQL: several processes
    # write, and a page must say 503 when the database is gone).
    memory_tail = 0

    def __init__(self) -> None:
        # Commands waiting for the writer task, FIFO; `None` asks it to stop. A deque and one
        # wake-up future rather than an asyncio.Queue: a submit is an append, and the writer
        # takes a whole group without a get() per command.
        self._pending: deque = deque()
        self._wakeup: asyncio.Future | None = None
        self._writer: asyncio.Task | None = None
        self._head = 0
        self._changed = asyncio.Event()
        self._closing = False
        self._draining = False
        self.write_error: str | None = None  # the last failed commit's error, until one succeeds
        # The rows this process committed last, contiguous positions, oldest first.
        self._tail: deque[Row] = deque(maxlen=self.memory_tail)
        self.commits = self.committed = 0  # groups committed, records appended (for metrics)

    # -- backend hooks ------------------------------------------------------------------
    @abc.abstractmethod
    async def _connect(self) -> int:
        """Open connections, migrate the schema; return the current head."""

    @abc.abstractmethod
    async def _disconnect(self) -> None: ...

    def _transaction(self) -> contextlib.AbstractAsyncContextManager[WriteTx]:
        """A write transaction (for backends that use the default `_commit_group`)."""
        raise NotImplementedError

    async def _commit_group(self, cmds: list[Command]) -> tuple[int, list[Row], list]:
        """Decide and durably append one group in one transaction.

        → (the head before it, the rows appended, one outcome per command: receipt(s) or the
        StoreError refusing it). Raise when the database refuses: nothing was appended then.
        This default drives an async `_transaction()`; a backend with a blocking driver
        overrides it to run the whole transaction in one executor call instead.
        """
        async with self._transaction() as tx:
            head, last_time, last_hash, streams = await tx.read(group_subjects(cmds))
            rows, outcomes = decide_group(cmds, streams, head, last_time, last_hash)
            if rows:
                await tx.insert(rows)
        return head, rows, outcomes

    # -- lifecycle ----------------------------------------------------------------------
    async def open(self) -> None:
        try:
            self._head = await self._connect()
        except BaseException:
            # Release what was opened (connections, and the threads that own them).
            await self._disconnect()
            raise
        self._writer = asyncio.create_task(self._run(), name="coopline-group-commit")

    async def close(self) -> None:
        self._closing = True
        self._notify()
        if self._writer is not None:
            self._enqueue(None)  # FIFO: everything queued before is committed first
            await self._writer
            self._writer = None
        await self._disconnect()

    # -- writes -------------------------------------------------------------------------
    async def submit(self, cmd: Command):
        if self._closing:
            raise Unavailable("the service is shutting down; retry shortly")
        fut = asyncio.get_running_loop().create_future()
        self._enqueue((cmd, fut))
        return await fut

    def _enqueue(self, item) -> None:
        self._pending.append(item)
        wakeup = self._wakeup
        if wakeup is not None:
            self._wakeup = None
            if not wakeup.done():
                wakeup.set_result(None)

    async def _run(self) -> None:
        pending = self._pending
        loop = asyncio.get_running_loop()
        while True:
            if not pending:
                self._wakeup = wakeup = loop.create_future()
                await wakeup
                continue
            item = pending.popleft()
            if item is None:
                return
            group, size = [item], _size(item[0])
            stop = False
            while size < MAX_GROUP_EVENTS and pending:
                nxt = pending.popleft()
                if nxt is None:
                    stop = True
                    break
                group.append(nxt)
                size += _size(nxt[0])
            await self._commit(group)
            if stop:
                return

    async def _commit(self, group: list) -> None:
        try:
            head, rows, outcomes = await self._commit_group([cmd for cmd, _ in group])
        except Exception as exc:  # the database refused: nothing of this group was appended
            log.error("append_failed", error=str(exc), commands=len(group))
            self.write_error = str(exc)
            failure = Unavailable(f"the event log cannot be written now ({exc}); nothing was appended, retry later")
            outcomes = [failure] * len(group)
        else:
            self.write_error = None
            self.commits += 1
            if rows:
                self.committed += len(rows)
                self._remember(rows)
                self._advance(head + len(rows))
        for (_, fut), result in zip(group, outcomes, strict=True):
            if fut.done():  # the caller went away; its write stands (a retry gets the receipt)
                continue
            if isinstance(result, Exception):
                fut.set_exception(result)
            else:
                fut.set_result(result)

    # -- the in-memory tail of the log --------------------------------------------------
    def _remember(self, rows: list[Row]) -> None:
        tail = self._tail
        if not self.memory_tail:
            return
        if tail and tail[-1].position + 1 != rows[0].position:
            tail.clear()  # another process appended in between: keep the tail contiguous
        tail.extend(rows)

    def recent(self, after: int, limit: int) -> list[Row] | None:
        tail = self._tail
        if not tail:
            return None
        first, last = tail[0].position, tail[-1].position
        if not first - 1 <= after < last:
            return None
        start = after + 1 - first
        stop = min(start + limit, len(tail))
        if start == 0 and stop == len(tail):
            return list(tail)
        # Indexing a deque walks from the nearer end: followers ask for the newest rows.
        return [tail[i] for i in range(start, stop)]

    def known_head(self) -> int | None:
        return self._head if self.memory_tail else None

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
