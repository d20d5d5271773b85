"""Where `coopline verify` reads a log from: the ingest feed, a SQLite file or a PostgreSQL
database, one range of positions at a time (each range can be read by another process).

Every source yields the same tuples, `Sealed`: the log table's columns, the record's `hash`
(`None` when the record has none) and whether its CloudEvents envelope holds the constant
attributes (`specversion` 1.0, `source`, `datacontenttype`) — always true for a store, whose
columns do not hold them. Reading a store directly relies on the table `log` (position, id,
subject, streamversion, type, time, actor, data, hash) and, for records written before the
chain, `log_chain` (position, hash), which are part of the operator docs.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from services.cli.client import Api, Endpoints
from services.cli.errors import CliError
from shared.log_record import SOURCE, page_decoder

PAGE = 5000
_COLUMNS = "position, id, subject, streamversion, type, time, actor, data"
# A record's hash: its own column, or (a record written before the chain) the chain table's.
_HASH = "coalesce(hash, (SELECT c.hash FROM log_chain c WHERE c.position = log.position))"


class Sealed(NamedTuple):
    position: int
    id: str
    subject: str
    streamversion: int
    type: str
    time: str
    actor: str
    data: bytes
    hash: str | None
    envelope_ok: bool = True


@dataclass(frozen=True)
class Source:
    """Picklable: worker processes open their own connection from it."""

    kind: str                        # "feed", "sqlite" or "postgresql"
    where: str                       # a file path or a database URL ("" for the feed)
    endpoints: Endpoints | None = None

    def head(self) -> int:
        """The highest position (0 for an empty log)."""
        if self.kind == "feed":
            with Api(self.endpoints) as api:
                return api.get_json("ingest", "/v1/log/head")["position"]
        rows = list(self._store_rows("SELECT coalesce(max(position), 0) FROM log", ()))
        return rows[0][0]

    def rows(self, first: int, last: int) -> Iterator[Sealed]:
        """The records at positions first…last that exist, in position order."""
        if self.kind == "feed":
            yield from self._feed(first, last)
            return
        chain = self._has_chain()
        sql = (f"SELECT {_COLUMNS}, {_HASH} FROM log" if chain else f"SELECT {_COLUMNS}, NULL FROM log")
        sql += " WHERE position >= {0} AND position <= {1} ORDER BY position"
        for row in self._store_rows(sql, (first, last)):
            yield Sealed(*row[:7], bytes(row[7]), row[8])

    def has_chain(self) -> bool:
        return self.kind == "feed" or self._has_chain()

    # -- stores ---------------------------------------------------------------------------
    def _has_chain(self) -> bool:
        sql = ("SELECT count(*) FROM sqlite_master WHERE name = 'log_chain'" if self.kind == "sqlite" else
               "SELECT count(*) FROM information_schema.tables WHERE table_name = 'log_chain'")
        return list(self._store_rows(sql, ()))[0][0] > 0

    def _store_rows(self, sql: str, args: tuple) -> Iterator[tuple]:
        if self.kind == "sqlite":
            yield from _sqlite_rows(self.where, sql.format("?", "?"), args)
        else:
            yield from _postgres_rows(self.where, sql.format("$1", "$2"), args)

    # -- the feed ---------------------------------------------------------------------------
    def _feed(self, first: int, last: int) -> Iterator[Sealed]:
        after = first - 1
        with Api(self.endpoints) as api:
            while after < last:
                resp = api.request("ingest", "GET", "/v1/log", retries=2,
                                   params={"after": after, "limit": min(PAGE, last - after)})
                records = page_decoder.decode(resp.content).records
                if not records:
                    return
                for r in records:
                    if r.position > last:
                        return
                    ok = r.specversion == "1.0" and r.source == SOURCE and r.datacontenttype == "application/json"
                    yield Sealed(r.position, r.id, r.subject, r.streamversion, r.type, r.time, r.actor,
                                 bytes(r.data), r.hash, ok)
                after = records[-1].position


def _sqlite_rows(path: str, sql: str, args: tuple) -> Iterator[tuple]:
    if not os.path.isfile(path):
        raise CliError(f"no SQLite database at {path}")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield from db.execute(sql, args)
    except sqlite3.Error as exc:
        raise CliError(f"cannot read the log in {path}: {exc}") from None
    finally:
        db.close()


def _postgres_rows(url: str, sql: str, args: tuple) -> list[tuple]:
    import asyncpg

    async def fetch():
        conn = await asyncpg.connect(url)
        try:
            return [tuple(r) for r in await conn.fetch(sql, *args)]
        finally:
            await conn.close()
    try:
        return asyncio.run(fetch())
    except (OSError, asyncpg.PostgresError) as exc:
        raise CliError(f"cannot read the log from PostgreSQL: {exc}") from None


def source_for(store: str | None, endpoints: Endpoints | None) -> Source:
    if store is None:
        return Source("feed", "", endpoints)
    if store.startswith("sqlite:///"):
        return Source("sqlite", store[len("sqlite:///"):])
    if store.startswith(("postgresql://", "postgres://")):
        return Source("postgresql", store)
    raise CliError(f"--store {store!r}: expected sqlite:///path or postgresql://…")
