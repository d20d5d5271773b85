"""Drafting off the event loop: one worker that loads the Korean model once and drafts there.

Drafting is CPU work (the analyser, regular expressions, fuzzy matching). `DraftRunner` runs
it in one worker process by default, which loads the model (about 500 MB) once at start-up:
measured, a worker thread lets the drafter's Python code hold the GIL long enough to delay a
concurrent loop's timers by tens of milliseconds, a worker process does not (bench/README.md,
"Drafts"). `processes=False` keeps a thread for tests and small installations.

The service talks to the worker process over one socket pair, in length-prefixed MessagePack
frames, one request at a time (no executor: no pickling, no feeder or result threads; the
service's side reads and writes on its event loop without blocking). A request is one
exchange, or two when a draft has candidates to look up:

    service → worker   {op: draft, body, budget, orgs_v, orgs?}   (orgs only when the worker lacks that version)
    worker → service   {need: [key, …]}                           (the drafts' lookup keys; none: straight to the answer)
    service → worker   {pools: [[stored JSON, …], …]}             (per key, the live events it found)
    worker → service   {answer: JSON bytes} | {error: too_long | failed, type}

The answer comes as the response body's JSON, encoded in the worker: the service sends it as
it is. The worker keeps the organisations it was last sent, indexed once (not per article).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import struct
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor

import msgspec

from services.query.drafts import analyser, gazetteer
from services.query.drafts.candidates import lookup_key, matches
from services.query.drafts.directory import Directory
from services.query.drafts.engine import directory_of, draft

LOOKUPS = 100  # drafts of one article whose candidates are looked up
# The worker's CPU priority below the service's: drafting is batch work, reads are not. Where the
# worker and the service share a core, the scheduler then runs a waking read before the draft in
# progress (nice 10 weighs about a tenth of nice 0; SCHED_BATCH does not preempt on wake-up).
NICE = 10

# (countries, kind, (first day | None, last day | None) | None): the live events a draft may repeat
Key = tuple[tuple[str, ...], str | None, tuple[str | None, str | None] | None]
Lookup = Callable[[list[Key]], Awaitable[list[list[bytes | str]]]]
Organisations = tuple[int | None, list[dict]] | Callable[[], Awaitable[tuple[int | None, list[dict]]]] | None


class TooLong(Exception):
    """An article took longer than the worker's time budget (some inputs — a line of thousands of
    words — cost far more than their size); the worker is free again."""


class Stopped(Exception):
    """The worker process died (killed, out of memory) or the runner was closed."""


class Failed(Exception):
    """The drafter failed on an article (a defect): `kind` is the error's type name only (its
    message could quote the article)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def _too_long(signum, frame):
    raise TooLong


@contextlib.contextmanager
def _budget(seconds: float):
    # The budget is a timer signal, so it can be kept only on a process's main thread (a worker
    # process); the drafter spends its time in Python and in short C calls, so the signal's
    # exception lands within moments of the budget.
    timed = seconds > 0 and threading.current_thread() is threading.main_thread()
    if timed:
        before = signal.signal(signal.SIGALRM, _too_long)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, before)


_decode_doc = msgspec.json.Decoder(dict).decode
_json = msgspec.json.Encoder()


def _keys(answer: dict) -> tuple[list[Key], list[int | None]]:
    """The distinct lookup keys of an answer's drafts (the first LOOKUPS drafts) and, per draft,
    the index of its key (None: nothing to look up)."""
    keys: dict[Key, int] = {}
    index: list[int | None] = []
    for n, d in enumerate(answer["drafts"]):
        key = lookup_key(d["record"]) if n < LOOKUPS else None
        index.append(None if key is None else keys.setdefault(key, len(keys)))
    return list(keys), index


def _score(answer: dict, index: list[int | None], pools: list[list[bytes | str]], budget: float) -> None:
    events = [[_decode_doc(doc) for doc in pool] for pool in pools]  # decoded here, in the worker
    with _budget(budget):
        for d, k in zip(answer["drafts"], index, strict=True):
            d["matches"] = matches(d["record"], events[k]) if k is not None else []


class _Orgs:
    """The worker's known organisations: one version, indexed once."""

    def __init__(self) -> None:
        self.version: int | None = None
        self.directory = Directory()

    def update(self, version: int | None, organisations: list[dict] | None) -> Directory:
        if organisations is not None or version != self.version:
            self.directory, self.version = directory_of(organisations or ()), version
        return self.directory


def _load() -> None:
    """What drafting reads on every article, loaded once: the Korean model and the gazetteer."""
    analyser.warm_up()
    gazetteer.table()


# -- the worker process ---------------------------------------------------------------------
_HEAD = struct.Struct("!I")
_CHUNK = 64 * 1024  # bytes asked of the socket at a time (the service's side)


def _send(sock: socket.socket, obj) -> None:
    payload = msgspec.msgpack.encode(obj)
    sock.sendall(_HEAD.pack(len(payload)) + payload)


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = sock.recv_into(view[got:])
        if k == 0:
            raise EOFError
        got += k
    return bytes(buf)


def _recv(sock: socket.socket) -> dict:
    (n,) = _HEAD.unpack(_recv_exact(sock, _HEAD.size))
    return msgspec.msgpack.decode(_recv_exact(sock, n))


def _serve(sock: socket.socket) -> None:
    """The worker process: leave with the service (a service killed by SIGKILL runs no shutdown
    code, and an orphaned worker would keep its 500 MiB for ever), load the model and the
    gazetteer, then answer requests until the service closes its end."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        def watch() -> None:
            multiprocessing.connection.wait([parent.sentinel])
            os._exit(0)
        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    sock.setblocking(True)
    _lower_priority()
    _load()
    orgs = _Orgs()
    try:
        while True:
            msg = _recv(sock)
            if msg.get("op") == "ping":
                _send(sock, {"ok": True})
                continue
            _send(sock, _one(sock, msg, orgs))
    except EOFError:
        pass


def _lower_priority() -> None:
    """The worker yields the CPU to the service (`NICE`, and SCHED_BATCH where the system has it)."""
    os.nice(NICE)
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_BATCH"):
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))


def _one(sock: socket.socket, msg: dict, orgs: _Orgs) -> dict:
    budget = msg.get("budget", 0.0)
    try:
        directory = orgs.update(msg.get("orgs_v"), msg.get("orgs"))
        with _budget(budget):
            answer = draft(msg["body"], directory=directory)
        keys, index = _keys(answer)
        if keys:
            _send(sock, {"need": keys})
            reply = _recv(sock)
            if "pools" not in reply:  # the service could not read them: this request is over
                return {"error": "aborted"}
            _score(answer, index, reply["pools"], budget)
        return {"answer": _json.encode(answer)}
    except TooLong:
        return {"error": "too_long"}
    except EOFError:
        raise
    except Exception as exc:  # a defect of the drafter on this article; the type only (see Failed)
        return {"error": "failed", "type": type(exc).__name__}


# -- the service's side -------------------------------------------------------------------------
class _Worker:
    """One worker process and the service's end of its socket (non-blocking, read and written
    on the event loop with the loop's socket methods)."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # spawn, not fork: see DraftRunner
        self.sock, theirs = socket.socketpair()
        try:
            self.process = ctx.Process(target=_serve, args=(theirs,), name="coopline-drafts", daemon=True)
            self.process.start()
        except BaseException:
            self.sock.close()
            raise
        finally:
            theirs.close()
        self.sock.setblocking(False)
        # reaps the worker as soon as it ends (killed under the service: no zombie left behind)
        threading.Thread(target=self.process.join, name="drafts-reaper", daemon=True).start()
        self.talking = False  # a request half-way (its loop gone: the stream is out of step)
        self._buf = bytearray()  # what was read of the next frames

    async def send(self, obj) -> None:
        payload = msgspec.msgpack.encode(obj)
        try:
            await asyncio.get_running_loop().sock_sendall(self.sock, _HEAD.pack(len(payload)) + payload)
        except OSError:
            raise Stopped from None

    async def recv(self) -> dict:
        """The next frame: read in chunks into a kept buffer, so a frame that has arrived whole
        (the usual case) costs one read and one loop wake-up, not a head's and a payload's."""
        buf = self._buf
        while True:
            if len(buf) >= _HEAD.size:
                (n,) = _HEAD.unpack_from(buf)
                end = _HEAD.size + n
                if len(buf) >= end:
                    with memoryview(buf) as view:
                        msg = msgspec.msgpack.decode(view[_HEAD.size:end])
                    del buf[:end]
                    return msg
                want = max(_CHUNK, end - len(buf))
            else:
                want = _CHUNK
            try:
                chunk = await asyncio.get_running_loop().sock_recv(self.sock, want)
            except OSError:
                raise Stopped from None
            if not chunk:
                raise Stopped
            buf += chunk

    def stop(self, wait: float) -> None:
        """Close the service's end (the worker leaves once it has answered what it holds), then
        wait for the process; kill it past `wait` seconds."""
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_WR)
        self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(10)
        self.sock.close()


class DraftRunner:
    """`await runner.answer(body, organisations=..., lookup=...)` (the response's JSON) or
    `await runner.draft(body, ...)` (the answer as a dict); `close()` when done."""

    def __init__(self, *, processes: bool = True, budget: float = 20.0):
        self.budget = budget  # seconds one article may take in a worker process (TooLong past it)
        self.processes = processes
        # spawn, not fork: the service forking itself with its event loop and threads running
        # would copy them half-way; a spawned worker starts clean and loads the model once
        self._worker: _Worker | None = None
        self._threads = None if processes else ThreadPoolExecutor(1, thread_name_prefix="drafts",
                                                                   initializer=_load)
        self._sent: tuple[_Worker | None, int | None] = (None, None)  # which worker holds which organisations
        self._orgs = _Orgs()  # (threads) the organisations, indexed
        self._turn: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = None
        self._idle = threading.Event()
        self._idle.set()
        self._closed = False

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._turn is None or self._turn[0] is not loop:  # (tests share a runner between loops)
            self._turn = (loop, asyncio.Lock())
        return self._turn[1]

    async def warm_up(self) -> None:
        """Load the model now (at start-up) instead of on the first request."""
        if self._threads is not None:
            await asyncio.get_running_loop().run_in_executor(self._threads, _load)
            return
        await self._exchange(self._ping)

    async def _ping(self, w: _Worker) -> bytes:
        await w.send({"op": "ping"})
        await w.recv()
        return b""

    async def draft(self, body: dict, *, organisations: list[dict] | None = None,
                    candidates: list[dict] | None = None) -> dict:
        """The drafts of one article, each draft's `matches` among `candidates` (live events)."""
        async def lookup(keys: list[Key]) -> list[list[bytes]]:
            pool = [_json.encode(ev) for ev in candidates or ()]
            return [pool for _ in keys]
        answer = await self.answer(body, organisations=(None, organisations) if organisations else None,
                                   lookup=lookup if candidates is not None else None)
        return msgspec.json.decode(answer)

    async def answer(self, body: dict, *, organisations: Organisations = None, lookup: Lookup | None = None) -> bytes:
        """The answer's JSON for a validated request body. `organisations`: (version, list), or
        an async function giving them (called when this request's turn with the worker comes) —
        a version the worker holds already is not sent again (None: always sent). `lookup(keys)`:
        per key, the stored JSON of the live events it names (called only when a draft has one).
        Raises TooLong, Failed, Stopped."""
        if self._threads is not None:
            return await self._in_thread(body, *(await _resolve(organisations)), lookup)

        async def converse(w: _Worker) -> bytes:
            version, orgs = await _resolve(organisations)
            have = self._sent[0] is w and version is not None and self._sent[1] == version
            await w.send({"op": "draft", "body": body, "budget": self.budget, "orgs_v": version,
                          **({} if have else {"orgs": orgs})})
            self._sent = (w, version)
            reply = await w.recv()
            if "need" in reply:
                try:
                    pools = await lookup([_key(k) for k in reply["need"]]) if lookup is not None else None
                except BaseException:
                    await w.send({"abort": True})
                    await w.recv()
                    raise
                await w.send({"pools": pools if pools is not None else [[] for _ in reply["need"]]})
                reply = await w.recv()
            return _answer(reply)
        return await self._exchange(converse)

    async def _exchange(self, converse: Callable[[_Worker], Awaitable[bytes]]) -> bytes:
        """One request with the worker, the others waiting their turn. Once begun it runs to its
        end even if the caller is cancelled (a client that left): else the next request would
        read this one's answer."""
        lock = self._lock()
        await lock.acquire()

        async def run() -> bytes:
            try:
                if self._closed:
                    raise Stopped
                w = self._worker
                if w is not None and w.talking:  # a request cut off with its loop: start afresh
                    self._worker = None
                    await asyncio.to_thread(w.stop, 0)
                    w = None
                if w is None:  # (spawning a process, off the loop)
                    w = self._worker = await asyncio.to_thread(_Worker)
                w.talking = True
                self._idle.clear()
                try:
                    out = await converse(w)
                    w.talking = False
                    return out
                except Stopped:
                    w.talking = False  # (a dead worker: the caller drops this runner)
                    raise
            finally:
                self._idle.set()
                lock.release()
        task = asyncio.ensure_future(run())
        task.add_done_callback(lambda t: t.cancelled() or t.exception())  # (its caller may have left)
        return await asyncio.shield(task)

    async def _in_thread(self, body: dict, version: int | None, orgs: list[dict], lookup: Lookup | None) -> bytes:
        loop = asyncio.get_running_loop()

        def first() -> tuple[dict, list[Key], list[int | None]]:  # (one thread: one request at a time)
            fresh = version is None or version != self._orgs.version
            answer = draft(body, directory=self._orgs.update(version, orgs if fresh else None))
            return (answer, *_keys(answer))
        answer, keys, index = await loop.run_in_executor(self._threads, first)
        if keys and lookup is not None:
            pools = await lookup(keys)
            await loop.run_in_executor(self._threads, _score, answer, index, pools, 0.0)
        return _json.encode(answer)

    def close(self) -> None:
        """Wait for a request in progress (up to its budget), then stop the worker."""
        self._closed = True
        if self._threads is not None:
            self._threads.shutdown(wait=True, cancel_futures=True)
        w, self._worker = self._worker, None
        if w is not None:
            self._idle.wait(self.budget * 2 + 5)
            w.stop(10)


async def _resolve(organisations: Organisations) -> tuple[int | None, list[dict]]:
    if organisations is None:
        return None, []
    return organisations if isinstance(organisations, tuple) else await organisations()


def _key(raw: list) -> Key:
    countries, kind, window = raw
    return tuple(countries), kind, tuple(window) if window is not None else None


def _answer(reply: dict) -> bytes:
    if "answer" in reply:
        return reply["answer"]
    if reply.get("error") == "too_long":
        raise TooLong
    raise Failed(reply.get("type", "unknown"))
