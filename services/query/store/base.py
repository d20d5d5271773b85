"""The projection store interface: what the query service needs, whatever the database.

Projections (services/query/projections/) own their tables and SQL; a store runs that SQL.
Writes go through `transaction()`, which commits the projection rows together with the
checkpoint (the position applied), so each log record is applied exactly once. Rebuilds
load a *shadow* store and then `swap` it in (or `diff` it against the live copy).

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


class Reader(abc.ABC):
    """A read handle, held briefly (a swap waits for it)."""

    dialect = "sql"  # "sqlite" where a projection has a plan of SQLite's own (its SQLITE_INDEXES)

    @abc.abstractmethod
    async def fetchall(self, sql: str, params: tuple | list = ()) -> list[tuple]: ...

    async def fetchone(self, sql: str, params: tuple | list = ()) -> tuple | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None


class Tx(Reader):
    """One write transaction. Inserts and updates are buffered and run at commit, inserts
    first (so an update may target a row inserted earlier in the same transaction); reads
    see only what was committed before, so callers keep batch-local state themselves."""

    @abc.abstractmethod
    def insert(self, sql: str, row: tuple) -> None: ...

    @abc.abstractmethod
    def update(self, sql: str, params: tuple) -> None: ...

    @abc.abstractmethod
    def set_checkpoint(self, checkpoint: Checkpoint) -> None: ...

    # A store that can derive a projection's rows in SQL from the event_versions rows just
    # written (a projection's DERIVE statement) says so here; the projection's `apply` is then
    # skipped and `derive` called once per batch with the batch's positions. SQLite stores
    # also get the projections' SQLITE_DERIVE statements (upkeep of their SQLITE_TABLES) this
    # way, whether or not they derive the rows themselves.
    derives_in_sql = False

    def derive(self, statements: list[str], first: int, last: int) -> None:
        raise NotImplementedError


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
    def transaction(self) -> contextlib.AbstractAsyncContextManager[Tx]:
        """Commit on normal exit (rows and checkpoint together), roll back on an exception."""

    @abc.abstractmethod
    def reading(self) -> contextlib.AbstractAsyncContextManager[Reader]: ...

    async def apply_page(self, records: list) -> Checkpoint:
        """Apply log records (contiguous, in position order) and move the checkpoint, in one
        transaction; return the new checkpoint. Stores may do it in fewer round trips."""
        from services.query.projections import apply_records  # the projections import this module

        async with self.transaction() as tx:
            return await apply_records(records, tx)

    # -- rebuilds ---------------------------------------------------------------------
    @abc.abstractmethod
    async def create_shadow(self) -> ProjectionStore:
        """An empty, opened store tuned for bulk loading, beside the live one."""

    @abc.abstractmethod
    async def build_indexes(self) -> None:
        """(On a shadow) create the indexes that were left out to load faster."""

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
        """True while this replica may write the live projections (`transaction()`)."""
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

