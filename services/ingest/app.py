"""The ingest service's app factory: `create_app(settings, tokens, store=None)`."""

from __future__ import annotations

from aiohttp import web
from prometheus_client import Gauge

from services.ingest import chain_routes, cors, openapi
from services.ingest.bodies import BODIES, LargeBodies
from services.ingest.routes import STORE, routes
from services.ingest.store import LogStore, open_store
from services.ingest.store.base import Unavailable
from shared import web as shared_web
from shared.auth import TokenTable
from shared.runner import redact_url
from shared.settings import Settings, SettingsError
from shared.web import SETTINGS


def create_app(settings: Settings, tokens: TokenTable | None = None, *, store: LogStore | None = None) -> web.Application:
    app = web.Application(client_max_size=settings.max_batch_bytes + 1)
    app[STORE] = store if store is not None else open_store(settings.store)
    app[BODIES] = LargeBodies(settings.max_large_bodies, settings.max_event_bytes)

    async def ready() -> dict:
        store = app[STORE]
        ok = await store.ping()
        # A failed commit (disk full, read-only file) makes the service unready until one succeeds.
        write_error = getattr(store, "write_error", None)
        state = "unreachable" if not ok else "not writable" if write_error else "ok"
        out = {"ready": ok and not write_error, "store": state, "head": store._head if ok else None}
        if write_error:
            out["error"] = write_error
        return out

    registry = shared_web.setup(app, settings, tokens, service="ingest", ready=ready,
                                openapi=openapi.build(), public_reads=False,
                                unavailable=(Unavailable,))
    head = Gauge("coopline_log_head_position", "Highest committed log position", registry=registry)
    head.set_function(lambda: app[STORE]._head)
    # Records per commit = committed_records / commits: how well group commit is grouping.
    Gauge("coopline_log_commits", "Write transactions committed since start", registry=registry
          ).set_function(lambda: app[STORE].commits)
    Gauge("coopline_log_committed_records", "Records appended since start", registry=registry
          ).set_function(lambda: app[STORE].committed)
    app.router.add_routes(routes)
    app.router.add_routes(chain_routes.routes)
    cors.install(app, settings.cors_origins)
    app.cleanup_ctx.append(_store_ctx)
    # on_shutdown runs before aiohttp waits for in-flight requests: free the long polls first.
    app.on_shutdown.append(_release_long_polls)
    return app



async def _release_long_polls(app: web.Application) -> None:
    app[STORE].release_waiters()


async def _store_ctx(app: web.Application):
    try:
        await app[STORE].open()
    except Exception as exc:  # unreadable file, read-only directory, database down: one clear line
        raise SettingsError(f"COOPLINE_STORE: cannot open the event log at {redact_url(app[SETTINGS].store)}: {exc}") from None
    yield
    # By now aiohttp has stopped accepting and waited for in-flight requests; commit what is
    # queued and release the database.
    await app[STORE].close()
    app[BODIES].close()
