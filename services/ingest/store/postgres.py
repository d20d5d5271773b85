"""The event log on PostgreSQL (asyncpg), for several ingest processes sharing one database.

Positions — why followers never skip a record
---------------------------------------------
A `bigserial` would hand out positions at INSERT time, but transactions commit in any order: a
reader could see 8 committed while 7 is still in flight, move its cursor to 8 and never see 7
(the bug behind Marten #4964 and Axon's gap-aware tokens). Here every write transaction first
takes one transaction-scoped advisory lock (`pg_advisory_xact_lock(LOG_LOCK)`), *then* reads the
head, assigns head+1…, inserts and commits. PostgreSQL releases the lock only after the commit
is durable (synchronous_commit) and visible to new snapshots, so the next writer — in this
process or any other — reads a head that already includes it. Hence commit order = position
order: whenever a snapshot sees position N, every position below N committed before it, and
`WHERE position > after` can never miss a late commit. The cost is one writer at a time across
the cluster; group commit (see `group_commit.py`) makes each turn carry many events, so one
lock round trip and one WAL flush are shared by a whole group. `decide()` runs under the same
lock, so idempotency, atomic batches and expected_version hold across processes too.

The database enforces the rest: statement triggers refuse UPDATE, DELETE and TRUNCATE on `log`,
and an after-insert statement trigger refuses rows that are not contiguous with the log.

The hash chain (shared/log_chain.py) is computed under the same lock, so replicas in several
processes extend one chain: each writer reads the last hash after taking the lock and writes
each new record's hash in its row. A log written before the chain is sealed once, when a
process opens it, into the append-only table `log_chain`, without changing its records.

Wake-ups: each write transaction also runs `pg_notify('coopline_log', head)`, delivered at
commit. Every process LISTENs on a dedicated connection and advances its head, which wakes its
long-polls. If that connection drops, it reconnects with backoff and re-reads the head; a
periodic head read on it doubles as a keep-alive and a safety net for lost notifications.
"""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg
import structlog

from services.ingest.store import decide as _decide
from services.ingest.store.base import Row, Stream, Unavailable
from services.ingest.store.group_commit import GroupCommitLog, WriteTx, streams_from_rows
from services.ingest.store.sealing import PAGE, seal_stored
from shared.log_chain import GENESIS

log = structlog.get_logger()
CHANNEL = "coopline_log"
LOG_LOCK = 0x636F6F706C6F67        # "cooplog": serialises position assignment + commit
MIGRATE_LOCK = 0x636F6F706D6967    # "coopmig": one process migrates at a time
COMPONENT = "ingest"
KEEPALIVE_SECONDS = 5.0
_COLUMNS = "position, id, subject, streamversion, type, time, actor, data, hash"
_STORED = _COLUMNS.removesuffix(", hash")  # what a record held before the chain

MIGRATIONS = [
    """
    CREATE TABLE log (
        position      BIGINT PRIMARY KEY CHECK (position >= 1),
        id            TEXT NOT NULL UNIQUE,
        subject       TEXT NOT NULL,
        streamversion INTEGER NOT NULL CHECK (streamversion >= 1),
        type          TEXT NOT NULL,
        time          TEXT NOT NULL,
        actor         TEXT NOT NULL,
        data          BYTEA NOT NULL,   -- canonical JSON bytes, served verbatim (JSONB would reorder keys)
        UNIQUE (subject, streamversion)
    );
    CREATE FUNCTION log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the event log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER log_no_update BEFORE UPDATE ON log FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
    CREATE TRIGGER log_no_delete BEFORE DELETE ON log FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
    CREATE TRIGGER log_no_truncate BEFORE TRUNCATE ON log FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
    -- One check per INSERT statement (not per row): the new rows are contiguous, follow an
    -- existing row (or start at 1), and nothing lies beyond them. With the primary key and,
    -- inductively, a gapless log before, that keeps the log gapless.
    CREATE FUNCTION log_gapless() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE lo BIGINT; hi BIGINT; n BIGINT;
    BEGIN
        SELECT min(position), max(position), count(*) INTO lo, hi, n FROM new_rows;
        IF n = 0 THEN RETURN NULL; END IF;
        IF hi - lo + 1 <> n
           OR (lo > 1 AND NOT EXISTS (SELECT 1 FROM log WHERE position = lo - 1))
           OR EXISTS (SELECT 1 FROM log WHERE position > hi) THEN
            RAISE EXCEPTION 'log positions are gapless: rows % to % do not follow the head', lo, hi
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER log_gapless AFTER INSERT ON log REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION log_gapless();
    """,
    # The hash chain. New records carry their hash in the column added here, written with them
    # and guarded by the log's own triggers; the records of a log written before the chain are
    # not changed: their hashes go to `log_chain` (append-only too) when the log is upgraded.
    """
    ALTER TABLE log ADD COLUMN hash TEXT CHECK (hash ~ '^[0-9a-f]{64}$');
    CREATE TABLE log_chain (
        position BIGINT PRIMARY KEY CHECK (position >= 1),
        hash     TEXT NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
    );
    CREATE TRIGGER log_chain_no_update BEFORE UPDATE ON log_chain FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
    CREATE TRIGGER log_chain_no_delete BEFORE DELETE ON log_chain FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
    CREATE TRIGGER log_chain_no_truncate BEFORE TRUNCATE ON log_chain FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
    """,
    # The same check on every hash, written so that it costs ~0.6 µs a row instead of ~7: the
    # bounded repetition `{64}` makes PostgreSQL's regex engine walk 64 copies of the class for
    # each row, which was a third of the server's CPU per appended record (bench/README.md,
    # "PostgreSQL appends after the hash chain"). 64 characters, each one of 0-9a-f: the same
    # strings pass and fail (tests/integration/test_ingest_postgres.py). Existing rows are
    # checked again when the constraint is added: one scan of the table.
    """
    ALTER TABLE log DROP CONSTRAINT log_hash_check,
        ADD CONSTRAINT log_hash_check CHECK (char_length(hash) = 64 AND hash ~ '^[0-9a-f]+$');
    ALTER TABLE log_chain DROP CONSTRAINT log_chain_hash_check,
        ADD CONSTRAINT log_chain_hash_check CHECK (char_length(hash) = 64 AND hash ~ '^[0-9a-f]+$');
    """,
]

_COLUMN_NAMES = _COLUMNS.split(", ")
_HEAD = "SELECT coalesce(max(position), 0) FROM log"
# A record's hash: its own column, or (a record written before the chain) the chain table's.
_HASH = "coalesce(hash, (SELECT c.hash FROM log_chain c WHERE c.position = log.position))"
_SEALED = f"{_STORED}, {_HASH}"
_LAST = f"SELECT position, time, {_HASH} FROM log ORDER BY position DESC LIMIT 1"


async def migrate(conn: asyncpg.Connection, migrations: list[str], component: str = COMPONENT) -> None:
    """Apply the versions not yet in `coopline_schema`, all in one transaction under a lock.

    Processes starting together queue on the advisory lock; the later ones find the versions
    applied and do nothing, so running this twice (or ten times at once) is safe.
    """
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATE_LOCK)
        await conn.execute("""CREATE TABLE IF NOT EXISTS coopline_schema (
            component TEXT NOT NULL, version INTEGER NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (component, version))""")
        done = {r[0] for r in await conn.fetch(
            "SELECT version FROM coopline_schema WHERE component = $1", component)}
        for version, script in enumerate(migrations, start=1):
            if version in done:
                continue
            await conn.execute(script)
            await conn.execute("INSERT INTO coopline_schema (component, version) VALUES ($1, $2)",
                               component, version)
            log.info("schema_migrated", component=component, version=version)


_LOCK = "SELECT pg_advisory_xact_lock($1)"
# A write transaction is four round trips, three of them under the lock: BEGIN with the lock
# (one simple query: the lock id is a constant), the reads (`_READ`), the COPY, then the
# wake-up with COMMIT. Each round trip is also a turn of the event loop, which may be decoding
# a 500-event batch meanwhile, so fewer of them shorten the time the lock is held (bench/README.md,
# "PostgreSQL appends after the hash chain"). The reads are a statement of their own, after the
# one that waited for the lock: their snapshot (READ COMMITTED: one per statement) is taken
# once the lock is granted, so it includes every earlier writer's commit.
_BEGIN = f"BEGIN; SELECT pg_advisory_xact_lock({LOG_LOCK})"
# A 201 promises durability, so a server default of synchronous_commit=off is overridden for
# each write transaction (SET LOCAL, for this transaction only). Stronger settings
# (remote_write, remote_apply) are left as the operator chose them.
_BEGIN_SYNC = f"BEGIN; SELECT pg_advisory_xact_lock({LOG_LOCK}), set_config('synchronous_commit', 'on', true)"
# The last record (part 0) and the group's streams (part 1) in one statement, one snapshot.
_READ = f"""
    (SELECT 0 AS part, position, time, {_HASH} AS hash, NULL::text AS subject, NULL::int AS streamversion,
            NULL::text AS type, NULL::bytea AS data
     FROM log ORDER BY position DESC LIMIT 1)
    UNION ALL
    (SELECT 1, position, NULL, NULL, subject, streamversion, type, data FROM log WHERE subject = ANY($1::text[]))
    ORDER BY part, subject, streamversion"""


async def seal_backlog(conn: asyncpg.Connection) -> str:
    """Seal the records written before the chain into `log_chain` (in the caller's transaction,
    under LOG_LOCK); → the last record's hash."""
    first = await conn.fetchval(f"SELECT min(position) FROM log WHERE {_HASH} IS NULL")
    if first is None:
        return (await conn.fetchrow(_LAST))[2]
    previous = GENESIS if first == 1 else await conn.fetchval(f"SELECT {_HASH} FROM log WHERE position = $1", first - 1)
    position = first - 1
    while rows := await conn.fetch(f"SELECT {_STORED} FROM log WHERE position > $1 ORDER BY position LIMIT $2",
                                   position, PAGE):
        sealed = seal_stored(previous, rows)
        await conn.copy_records_to_table("log_chain", columns=("position", "hash"), records=sealed)
        position, previous = sealed[-1]
        log.info("log_chain_sealed", position=position)
    return previous


def _usable(conn) -> bool:
    """A kept pool connection still open (the pool detaches one whose server side went away)."""
    try:
        return conn is not None and not conn.is_closed()
    except asyncpg.InterfaceError:
        return False


class _Tx(WriteTx):
    """A write transaction on the writer's connection, begun under LOG_LOCK (`_BEGIN`)."""

    def __init__(self, conn: asyncpg.Connection):
        self.conn, self.head = conn, None

    async def read(self, subjects: list[str]) -> tuple[int, str, str | None, dict[str, Stream]]:
        rows = await self.conn.fetch(_READ, subjects)
        if not rows or rows[0][0] != 0:  # an empty log: no last record, no streams
            return 0, "", None, {}
        _, head, last_time, digest = rows[0][:4]
        if digest is None and _decide.SEAL:  # written meanwhile by a version before the chain
            digest = await seal_backlog(self.conn)
        return head, last_time, digest, streams_from_rows((r[4], r[5], r[6], r[7], r[1]) for r in rows[1:])

    async def insert(self, rows: list[Row]) -> None:
        # A Row is a tuple in column order already: COPY takes the rows as they are.
        await self.conn.copy_records_to_table("log", columns=_COLUMN_NAMES, records=rows)
        self.head = rows[-1].position  # notified with the commit


class PostgresLog(GroupCommitLog):
    def __init__(self, url: str, *, pool_size: int = 10):
        super().__init__()
        self.url = url
        self.pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._listener: asyncio.Task | None = None
        self._begin_sql = _BEGIN
        # The writer task's own connection, kept between groups (no pool reset per group);
        # dropped, and replaced by a fresh one, after any failure.
        self._writer_conn: asyncpg.Connection | None = None

    async def _connect(self) -> int:
        # A writer whose host dies mid-transaction (no TCP reset) would hold LOG_LOCK and stall
        # every process; the server ends such a session after 10 s idle in its transaction.
        self._pool = await asyncpg.create_pool(
            self.url, min_size=1, max_size=self.pool_size, timeout=10, command_timeout=60,
            server_settings={"idle_in_transaction_session_timeout": "10s"})
        try:
            async with self._pool.acquire() as conn:
                await migrate(conn, MIGRATIONS)
                async with conn.transaction():  # once, for a log written before the chain
                    await conn.execute(_LOCK, LOG_LOCK)
                    await _Tx(conn).read([])
                if await conn.fetchval("SHOW synchronous_commit") == "off":
                    self._begin_sql = _BEGIN_SYNC
                if await conn.fetchval("SHOW fsync") == "off":
                    log.warning("postgres_fsync_off", detail="the server runs with fsync=off: commits are not durable")
            head = await self.head()
        except BaseException:
            await self._pool.close()
            self._pool = None
            raise
        listening = asyncio.get_running_loop().create_future()
        self._listener = asyncio.create_task(self._listen(listening), name="coopline-pg-listen")
        await asyncio.wait([listening, self._listener], timeout=10, return_when=asyncio.FIRST_COMPLETED)
        return head

    async def _disconnect(self) -> None:
        if self._writer_conn is not None:
            with contextlib.suppress(Exception):
                await self._pool.release(self._writer_conn)
            self._writer_conn = None
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
            self._listener = None
        if self._pool is not None:
            try:
                await asyncio.wait_for(self._pool.close(), 10)
            except Exception:  # a connection that will not close must not block shutdown
                self._pool.terminate()
            self._pool = None

    @contextlib.asynccontextmanager
    async def _transaction(self):
        conn = await self._begin()
        tx = _Tx(conn)
        try:
            yield tx
            # The wake-up (delivered at commit) and the commit in one round trip. A failure
            # here leaves the outcome unknown: the caller gets 503.
            await conn.execute("COMMIT" if tx.head is None else f"SELECT pg_notify('{CHANNEL}', '{tx.head}'); COMMIT")
        except BaseException:
            # The connection's state is unknown (a statement may be half done): closing it rolls
            # back and releases the lock; the next group starts on a fresh one.
            await self._drop_writer()
            raise

    async def _drop_writer(self) -> None:
        conn, self._writer_conn = self._writer_conn, None
        if conn is not None:
            await self._discard(conn)

    async def _discard(self, conn) -> None:
        with contextlib.suppress(Exception):  # the pool may already have detached a dead one
            conn.terminate()
        with contextlib.suppress(Exception):
            await self._pool.release(conn)

    async def _begin(self) -> asyncpg.Connection:
        """The writer's connection inside a new transaction that holds LOG_LOCK; one retry on a
        fresh connection.

        The kept connection may have died while idle (server restart, failover, an operator's
        pg_terminate_backend). Nothing has been written yet, so retrying once is safe; a lock
        wait that timed out is not retried (the command timeout bounds it, as before).
        """
        for attempt in (1, 2):
            if not _usable(self._writer_conn):
                self._writer_conn = None
                self._writer_conn = await self._pool.acquire(timeout=30)
            try:
                await self._writer_conn.execute(self._begin_sql)
                return self._writer_conn
            except Exception as exc:
                await self._drop_writer()
                if attempt == 2 or isinstance(exc, TimeoutError):
                    raise
        raise AssertionError("unreachable")

    # -- reads: a dropped database is "unavailable" (503), not an internal error ---------
    async def _fetch(self, sql: str, *args):
        for attempt in (1, 2):  # reads have no effects: one retry covers a connection that died idle
            try:
                return await self._pool.fetch(sql, *args)
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError,
                    asyncpg.InternalClientError) as exc:
                if attempt == 2:
                    raise Unavailable(f"the event log cannot be read now ({exc}); retry later") from None

    async def head(self) -> int:
        return (await self._fetch(_HEAD))[0][0]

    async def read(self, after: int, limit: int) -> list[Row]:
        rows = await self._fetch(
            f"SELECT {_SEALED} FROM log WHERE position > $1 ORDER BY position LIMIT $2", after, limit)
        return [Row(*r) for r in rows]

    async def tip(self) -> tuple[int, str, str | None]:
        rows = await self._fetch(_LAST)
        if not rows:
            return 0, GENESIS, None
        return rows[0][0], rows[0][2], rows[0][1]

    async def history(self, subject: str) -> list[Row]:
        rows = await self._fetch(f"SELECT {_SEALED} FROM log WHERE subject = $1 ORDER BY streamversion", subject)
        return [Row(*r) for r in rows]

    # -- cross-process wake-ups ----------------------------------------------------------
    def _on_notify(self, _conn, _pid, _channel, payload: str) -> None:
        with contextlib.suppress(ValueError):
            self._advance(int(payload))

    async def _listen(self, listening: asyncio.Future) -> None:
        backoff = 0.1
        while True:
            conn = None
            try:
                conn = await asyncpg.connect(self.url, timeout=10)
                lost = asyncio.Event()
                conn.add_termination_listener(lambda _c, lost=lost: lost.set())
                await conn.add_listener(CHANNEL, self._on_notify)
                # Whatever committed while we were not listening: catch up once, now.
                self._advance(await conn.fetchval(_HEAD, timeout=KEEPALIVE_SECONDS))
                if not listening.done():
                    listening.set_result(None)
                backoff = 0.1
                while not lost.is_set():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(lost.wait(), KEEPALIVE_SECONDS)
                    if not lost.is_set():  # keep-alive that also repairs a missed notification
                        self._advance(await conn.fetchval(_HEAD, timeout=KEEPALIVE_SECONDS))
                log.warning("postgres_listen_lost", retry_in=backoff)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("postgres_listen_failed", error=str(exc), retry_in=backoff)
            finally:
                if conn is not None:
                    conn.terminate()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)
