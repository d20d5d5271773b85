"""Start a service from the environment: settings read once, logs set up, tokens loaded, app run.

Graceful shutdown on SIGTERM/SIGINT is aiohttp's: stop accepting, let in-flight requests
finish (up to 30 s), then run the app's cleanup contexts (which commit and close the stores).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from aiohttp import web

from shared import logs, memory
from shared.auth import TokenTable
from shared.connections import install_connection_guards, raise_open_files_limit
from shared.dev_mode import check_dev_mode
from shared.problems import install_protocol_problems
from shared.settings import Settings, SettingsError, from_env


def redact_url(url: str) -> str:
    """A store URL without its password, fit for a log line."""
    parts = urlsplit(url)
    if parts.password:
        return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))
    return url


def freeze_after_startup(app: web.Application) -> web.Application:
    """Once the app has started (stores open, caches warm), move every object that exists then
    into the collector's permanent generation (`gc.freeze()`).

    A full (generation 2) collection walks every tracked object: the modules, classes and
    functions loaded at startup are most of them, and they live as long as the process. Left
    in, each full collection stops the event loop for 15–45 ms on the bench machine, long enough
    to hold up a commit and the `min_position` reads waiting for it (bench: append → visible
    p99 under load). Frozen, a full collection only walks what was made since.
    """
    async def _freeze(app: web.Application) -> None:
        gc.collect()
        gc.freeze()

    app.on_startup.append(_freeze)  # after the cleanup contexts' startup halves (stores open)
    return app


# What one request head may hold: aiohttp's line and field limits (8190 bytes each) with fewer
# header lines than its 128, so a head is at most ~0.5 MiB of buffering per connection.
HEAD_LIMITS = {"max_line_size": 8190, "max_field_size": 8190, "max_headers": 64}
FILES_RESERVED = 64


def new_event_loop(name: str):
    """The loop the service runs on: uvloop (the default; bench/README.md § Event loop) or asyncio's own."""
    if name == "uvloop":
        try:
            import uvloop
        except ImportError:
            return None
        return uvloop.new_event_loop()
    return None


def run(service: str, create_app: Callable[[Settings, TokenTable | None], web.Application]) -> int:
    try:
        settings = from_env(service)
        logs.configure(settings.log_format, settings.log_level)
        tokens = TokenTable.load(settings.tokens_file) if settings.tokens_file else None
        check_dev_mode(settings, tokens)
    except SettingsError as exc:
        print(f"coopline {service}: cannot start: {exc}", file=sys.stderr)
        return 2
    log = logs.log()
    # What the service creates (the SQLite log and projection files, their -wal/-shm, markers)
    # is not for other users: 0640 at most, whatever the inherited umask (a stricter one stays).
    os.umask(os.umask(0) | 0o027)
    memory.tune()  # before any thread starts: arenas are made per thread
    files = raise_open_files_limit(settings.max_open_files)
    install_protocol_problems()  # malformed HTTP (answered before any middleware) → problem+json too
    # Never more connections than descriptors, with some left for the store and the logs.
    max_connections = min(settings.max_connections, max(16, files[1] - FILES_RESERVED))
    install_connection_guards(max_connections)
    log.info("starting", host=settings.host, port=settings.port, store=redact_url(settings.store), service=service,
             event_loop=settings.event_loop, open_files=files[1], max_connections=max_connections)
    try:
        # handler_cancellation: a client that goes away stops its handler at once, so an abandoned
        # long poll does not hold a task (nor delay a graceful shutdown) for the rest of its `wait`.
        # Safe for writes: a submitted command still commits; a retry gets its receipt.
        web.run_app(freeze_after_startup(create_app(settings, tokens)), host=settings.host, port=settings.port, print=None,
                    access_log=None, shutdown_timeout=30, handle_signals=True, handler_cancellation=True,
                    loop=new_event_loop(settings.event_loop), keepalive_timeout=settings.header_timeout,
                    **HEAD_LIMITS)
    except SettingsError as exc:  # found while starting up (e.g. the store cannot be opened)
        log.error("cannot_start", error=str(exc), service=service)
        return 2
    except OSError as exc:  # port taken, address not available…
        log.error("cannot_listen", error=str(exc), service=service)
        return 1
    log.info("stopped", service=service)
    return 0
