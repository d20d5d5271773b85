"""Drafting off the event loop: one worker that loads the Korean model once and drafts there.

Drafting is CPU work (the analyser, regular expressions, fuzzy matching). `DraftRunner` runs
it in one worker process by default, which loads the model (about 500 MB) and the gazetteer
(about 10 MB) once at start-up:
measured, a worker thread lets the drafter's Python code hold the GIL long enough to delay a
concurrent loop's timers by tens of milliseconds, a worker process does not (bench/README.md,
"Drafts"). `processes=False` keeps a thread for tests and small installations.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

import msgspec

from services.query.drafts import analyser, gazetteer
from services.query.drafts.candidates import matches
from services.query.drafts.engine import draft


class TooLong(Exception):
    """An article took longer than the worker's time budget (some inputs — a line of thousands of
    words — cost far more than their size); the worker is free again."""


def _too_long(signum, frame):
    raise TooLong


def _draft(body: dict, organisations: list[dict], candidates: list[dict] | None, budget: float) -> dict:
    # The budget is a timer signal, so it can be kept only on a process's main thread (a worker
    # process); the drafter spends its time in Python and in short C calls, so the signal's
    # exception lands within moments of the budget.
    timed = budget > 0 and threading.current_thread() is threading.main_thread()
    if timed:
        before = signal.signal(signal.SIGALRM, _too_long)
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return draft(body, organisations=organisations, candidates=candidates)
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, before)


def _worker_start() -> None:
    """In a worker process: leave with the service (a service killed by SIGKILL runs no shutdown
    code, and an orphaned worker would keep its 500 MiB for ever), then load the model and the
    gazetteer."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        def watch() -> None:
            multiprocessing.connection.wait([parent.sentinel])
            os._exit(0)
        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    _load()


def _load() -> None:
    """What drafting reads on every article, loaded once: the Korean model and the gazetteer."""
    analyser.warm_up()
    gazetteer.table()


_decode_doc = msgspec.json.Decoder(dict).decode


def _matches(records: list[dict], pools: list[list[bytes | str | dict]]) -> list[list[dict]]:
    return [matches(rec, [ev if isinstance(ev, dict) else _decode_doc(ev) for ev in pool])
            for rec, pool in zip(records, pools, strict=True)]


class DraftRunner:
    """`await runner.draft(body, organisations=..., candidates=...)`; `close()` when done."""

    def __init__(self, *, processes: bool = True, workers: int = 1, budget: float = 20.0):
        self.budget = budget  # seconds one article may take in a worker process (TooLong past it)
        # spawn, not fork: the service forking itself with its event loop and threads running
        # would copy them half-way; a spawned worker starts clean and loads the model once
        self._pool: Executor = (ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                                    initializer=_worker_start) if processes
                                else ThreadPoolExecutor(workers, thread_name_prefix="drafts",
                                                        initializer=_load))

    async def warm_up(self) -> None:
        """Load the model now (at start-up) instead of on the first request."""
        await asyncio.get_running_loop().run_in_executor(self._pool, _load)

    async def draft(self, body: dict, *, organisations: list[dict] | None = None,
                    candidates: list[dict] | None = None) -> dict:
        """The drafts of one article. Candidates are passed as a list (a process pool cannot
        call back into the service); the service selects them by the article's countries."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _draft, body, list(organisations or ()), candidates,
                                          self.budget)

    async def matches(self, records: list[dict], pools: list[list[bytes | str | dict]]) -> list[list[dict]]:
        """Each record's `matches` among its own pool of candidate live events (the second step
        of a request: the service looks the pools up by the drafts' countries and dates). An
        event may come as its stored JSON document: decoded here, in the worker, not by the
        service (decoding and pickling them cost the service's loop 2–3 ms a request)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _matches, records, pools)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
