"""The projection store interface: what the follower, the reads and the rebuilds need.

* the follower: `apply_page(records)` — the page's row changes (services.query.projections)
  and the checkpoint, in one transaction — and `checkpoint()`;
* the reads: `reading()`, a `Reader` held briefly;
* a rebuild: `create_shadow()`, then on the shadow `apply_page` and `finish_load()` (the
  secondary indexes, built once), then on the live store `diff(shadow)` or `swap(shadow)`, or
  on the shadow `discard()`.

Several replicas may share one store (PostgreSQL): then only the one that `leading` says may
write, the others `standby()` and mirror its checkpoint, and rebuilds claim one slot shared by
all and pause whichever replica writes. A store that only one process uses always leads.
"""

from __future__ import annotations

import abc
import contextlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Checkpoint:
    position: int  # the last log position applied (0: nothing yet)
    time: str      # that record's `time` ("" when position is 0)


class Unavailable(Exception):
    """The store cannot be reached now (a database server down or restarting): retry later."""


class NotLeader(Exception):
    """This replica does not lead: another replica applies the feed to the shared store."""


class Params:
    """Queries are written once for both dialects: placeholders for one query: `p(value)` keeps the value and returns `?` (SQLite) or
    `$n` (PostgreSQL); `p.values` are the parameters, in order."""

    __slots__ = ("numbered", "values")

    def __init__(self, numbered: bool) -> None:
        self.numbered, self.values = numbered, []

    def __call__(self, value) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.numbered else "?"

    def many(self, values) -> str:
        return ", ".join(self(v) for v in values)


class Reader(abc.ABC):
    """A read handle. `dialect` lets a projection pick a plan of one backend's own."""

    dialect = "sql"
    numbered = False  # placeholders `$1, $2…` (PostgreSQL) rather than `?`

    def params(self) -> Params:
        return Params(self.numbered)

    @abc.abstractmethod
    async def fetchall(self, sql: str, params: tuple | list = ()) -> list[tuple]: ...

    async def fetchone(self, sql: str, params: tuple | list = ()) -> tuple | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None


class ProjectionStore(abc.ABC):
    """One instance per live store (or per shadow during a rebuild); `open()` before use."""

    @abc.abstractmethod
    async def open(self) -> Checkpoint:
        """Connect, create the tables if needed, drop leftovers of a crashed rebuild."""

    @abc.abstractmethod
    async def close(self) -> None: ...

    @abc.abstractmethod
    async def checkpoint(self) -> Checkpoint: ...

    @abc.abstractmethod
    async def apply_page(self, records: list) -> Checkpoint:
        """Apply log records (contiguous, in position order) and move the checkpoint to the
        last of them, in one transaction; return the new checkpoint."""

    @abc.abstractmethod
    def reading(self) -> contextlib.AbstractAsyncContextManager[Reader]: ...

    # -- rebuilds ---------------------------------------------------------------------
    @abc.abstractmethod
    async def create_shadow(self) -> ProjectionStore:
        """An empty, opened store tuned for bulk loading, beside the live one."""

    @abc.abstractmethod
    async def finish_load(self) -> None:
        """(On a shadow) build the secondary indexes left out to load faster."""

    @abc.abstractmethod
    async def diff(self, shadow: ProjectionStore) -> dict[str, int]:
        """{added, removed, changed}: event ids whose current state differs from `shadow`'s."""

    @abc.abstractmethod
    async def swap(self, shadow: ProjectionStore) -> Checkpoint:
        """Replace the live contents by the shadow's, atomically (a crash leaves one or the
        other, whole). The caller has paused every writer; readers wait briefly."""

    @abc.abstractmethod
    async def discard(self) -> None:
        """(On a shadow) close and delete it."""

    # -- several replicas on one database (PostgreSQL); a store of its own always leads --
    @property
    def leading(self) -> bool:
        """True while this replica may write the live projections (`apply_page`)."""
        return True

    async def standby(self, known: Checkpoint, timeout: float) -> Checkpoint:
        """(Not leading) wait until the live checkpoint differs from `known`, this replica
        becomes the leader, or `timeout` passes; return the live checkpoint."""
        return await self.checkpoint()

    async def claim_rebuild(self) -> bool:
        """Take the one rebuild slot shared by every replica; False if another holds it."""
        return True

    async def release_rebuild(self) -> None:  # noqa: B027 - nothing to give back on one replica
        """Give the slot back (safe to call when not holding it)."""

    def writers_paused(self) -> contextlib.AbstractAsyncContextManager:
        """(Holding the rebuild slot) keep every replica's writer out of the live copy, so
        that a rebuild can catch up to the live checkpoint and swap."""
        return contextlib.nullcontext()

    async def ping(self) -> bool:
        try:
            await self.checkpoint()
            return True
        except Exception:
            return False
