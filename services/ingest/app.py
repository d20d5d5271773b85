"""The ingest service's app factory: `create_app(settings, tokens, store=None)`."""

from __future__ import annotations

from aiohttp import web
from prometheus_client import Gauge

from services.ingest import openapi
from services.ingest.routes import STORE, routes
from services.ingest.store import LogStore, open_store
from shared import web as shared_web
from shared.auth import TokenTable
from shared.settings import Settings


def create_app(settings: Settings, tokens: TokenTable | None = None, *, store: LogStore | None = None) -> web.Application:
    app = web.Application(client_max_size=settings.max_batch_bytes + 1)
    app[STORE] = store if store is not None else open_store(settings.store)

    async def ready() -> dict:
        ok = await app[STORE].ping()
        return {"ready": ok, "store": "ok" if ok else "unreachable", "head": app[STORE]._head if ok else None}

    registry = shared_web.setup(app, settings, tokens, service="ingest", ready=ready,
                                openapi=openapi.build(), public_reads=False)
    head = Gauge("coopline_log_head_position", "Highest committed log position", registry=registry)
    head.set_function(lambda: app[STORE]._head)
    app.router.add_routes(routes)
    app.cleanup_ctx.append(_store_ctx)
    return app


async def _store_ctx(app: web.Application):
    await app[STORE].open()
    yield
    # By now aiohttp has stopped accepting and waited for in-flight requests; commit what is
    # queued and release the database.
    await app[STORE].close()
