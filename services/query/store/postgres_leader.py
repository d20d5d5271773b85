"""Which query replica applies the feed: the one holding a session advisory lock.

Each replica keeps one dedicated connection. It LISTENs on `coopline_projections`, where the
leader's every commit announces the new checkpoint, and it tries `pg_try_advisory_lock`
every second. The replica that holds the lock leads, and its writes run on this same
connection: if the connection dies, the server rolls back whatever was in flight *before* it
releases the lock, so the next leader's first read of the checkpoint is final and no record
is applied twice or skipped. The others serve reads and learn each new checkpoint from the
notifications (and from a read every second, which also covers a lost notification).

A leader whose process dies loses its connection at once, and a standby takes over within
about a second. A leader whose host vanishes without a TCP reset is ended by the server:
`idle_session_timeout` (10 s; the leader touches the connection every second) and TCP
keepalives bound that case.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import asyncpg
import structlog

from services.query.store.base import Checkpoint, NotLeader

log = structlog.get_logger()
CHANNEL = "coopline_projections"
LEADER_LOCK = 0x636F6F70716C64  # "coopqld"
RETRY_SECONDS = 1.0
_CHECKPOINT = "SELECT position, time FROM checkpoint WHERE id = 1"


class Leadership:
    def __init__(self, connect: Callable[[], Awaitable[asyncpg.Connection]], name: str = ""):
        self._connect, self.name = connect, name
        self.conn: asyncpg.Connection | None = None
        self.leading = False
        self.live = Checkpoint(0, "")  # the newest checkpoint seen committed
        self.lock = asyncio.Lock()     # the connection runs one thing at a time
        self._changed = asyncio.Event()
        self._dropped = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Connect and try for the lead once (a lone replica leads at once), then keep at it."""
        await self._open()
        await self._tick()
        self._task = asyncio.create_task(self._run(), name="coopline-query-leadership")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.leading = False
        self._drop()

    # -- what the store and the follower use ---------------------------------------------
    @contextlib.asynccontextmanager
    async def writing(self):
        """The leader's connection, for one write transaction; NotLeader if not leading."""
        async with self.lock:
            conn = self.conn
            if not self.leading or conn is None or conn.is_closed():
                raise NotLeader("another query replica applies the feed")
            try:
                yield conn
            except (OSError, asyncpg.InterfaceError, asyncpg.ConnectionDoesNotExistError) as exc:
                if conn.is_closed():
                    self._lost("connection lost while writing")
                    raise NotLeader(f"the leader's connection was lost ({exc})") from exc
                raise

    async def wait(self, known: Checkpoint, timeout: float) -> Checkpoint:
        if not self.leading and self.live.position <= known.position:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout)
        return self.live

    # -- the loop ----------------------------------------------------------------------------
    def _signal(self) -> None:
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    def _observe(self, checkpoint: Checkpoint) -> None:
        if checkpoint.position > self.live.position:
            self.live = checkpoint
            self._signal()

    def _on_notify(self, _conn, _pid, _channel, payload: str) -> None:
        position, _, time = payload.partition(" ")
        with contextlib.suppress(ValueError):
            self._observe(Checkpoint(int(position), time))

    def _on_termination(self, conn) -> None:
        if conn is self.conn:  # not one that we dropped ourselves
            self._lost("connection lost")

    def _lost(self, why: str) -> None:
        if self.leading:
            log.warning("projection_leadership_lost", replica=self.name, reason=why)
        self.leading = False
        self._dropped.set()
        self._signal()

    def _drop(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            conn.terminate()

    async def _open(self) -> None:
        self._drop()
        conn = await self._connect()
        try:
            conn.add_termination_listener(self._on_termination)
            await conn.add_listener(CHANNEL, self._on_notify)
        except BaseException:
            conn.terminate()
            raise
        self.conn = conn
        self._dropped.clear()

    async def _tick(self) -> None:
        """Try for the lead when standing by; read the checkpoint (a keep-alive either way)."""
        async with self.lock:
            conn = self.conn
            won = not self.leading and await conn.fetchval("SELECT pg_try_advisory_lock($1)", LEADER_LOCK, timeout=5)
            row = await conn.fetchrow(_CHECKPOINT, timeout=5)
            if won:
                # The previous leader's session is over, so this read is final: carry on from it.
                self.live = Checkpoint(row[0], row[1])
                self.leading = True
                log.info("projection_leader", replica=self.name, position=row[0])
                self._signal()
        self._observe(Checkpoint(row[0], row[1]))

    async def _run(self) -> None:
        backoff = 0.1
        while True:
            try:
                if self.conn is None or self.conn.is_closed():
                    await self._open()
                await self._tick()
                backoff = 0.1
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("projection_watch_failed", replica=self.name, error=str(exc), retry_in=backoff)
                self._lost(str(exc))
                self._drop()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._dropped.wait(), RETRY_SECONDS)
