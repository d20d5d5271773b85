"""The query service's app factory: `create_app(settings, tokens, *, store=None, feed=None, drafts_runner=None)`.

`drafts_runner`: a drafting worker the caller owns (tests share one); by default the service
starts its own as `COOPLINE_DRAFTS` says and closes it on shutdown."""

from __future__ import annotations

from aiohttp import web

from services.query import metrics, openapi, web_page
from services.query.context import DRAFTING, FOLLOWER, REBUILDS, STORE
from services.query.drafting import Drafting
from services.query.drafts.runner import DraftRunner
from services.query.feed_client import FeedClient
from services.query.follower import Follower
from services.query.rebuild import Rebuilds
from services.query.routes import ROUTE_TABLES
from services.query.routes.drafts import MAX_BYTES as MAX_DRAFT_BYTES
from services.query.store import ProjectionStore, Unavailable, open_store
from shared import web as shared_web
from shared.auth import TokenTable
from shared.runner import redact_url
from shared.settings import Settings, SettingsError
from shared.web import SETTINGS

FEED = web.AppKey("feed", FeedClient)


def create_app(settings: Settings, tokens: TokenTable | None = None, *, store: ProjectionStore | None = None,
               feed: FeedClient | None = None, poll_wait: float = 20.0,
               drafts_runner: DraftRunner | None = None) -> web.Application:
    app = web.Application(client_max_size=MAX_DRAFT_BYTES + 1)  # the largest body any route reads
    app[STORE] = store if store is not None else open_store(settings.store)
    app[FEED] = feed if feed is not None else FeedClient(settings.ingest_url, settings.ingest_token)
    app[FOLLOWER] = Follower(app[STORE], app[FEED], poll_wait=poll_wait, fill_at=settings.fill_at)
    app[REBUILDS] = Rebuilds(app[STORE], app[FOLLOWER], app[FEED])
    app[FOLLOWER].fill = app[REBUILDS].fill  # an empty store is filled by a rebuild job (follower.py)
    app[DRAFTING] = Drafting(app[STORE], app[FOLLOWER], settings.drafts, runner=drafts_runner)

    async def ready() -> dict:
        ok, f = await app[STORE].ping(), app[FOLLOWER]
        store = "unreachable" if not ok else "not writable" if f.store_error else "ok"
        return {"ready": ok, "store": store,
                "ingest": "connected" if f.connected else "unreachable", "error": _public_error(f),
                "position": f.applied.position, "head": f.head, "lag_events": f.lag_events,
                "lag_seconds": f.lag_seconds, "state": f.state, "leader": f.leading}

    registry = shared_web.setup(app, settings, tokens, service="query", ready=ready, openapi=openapi.build(),
                                public_reads=settings.public_reads, unavailable=(Unavailable,))
    metrics.install(registry, app[FOLLOWER])
    for table in ROUTE_TABLES:
        app.router.add_routes(table)
    web_page.register(app)
    app.cleanup_ctx.append(_lifecycle)
    return app



def _public_error(f: Follower) -> str | None:
    """The follower's last error as anyone may see it: the store's own (a full disk) as it is,
    the feed's only as reachability — its message names the ingest address, which stays in the
    service's log (`follower_retrying`)."""
    if f.store_error:
        return f.store_error
    if f.error and not f.connected:
        return "the ingest feed is unreachable or refused the query service (details in the service's log)"
    return f.error


async def _lifecycle(app: web.Application):
    try:
        await app[STORE].open()
    except Exception as exc:  # unreadable file, database down: one clear line
        raise SettingsError(f"COOPLINE_STORE: cannot open the projection store at "
                            f"{redact_url(app[SETTINGS].store)}: {exc}") from None
    await app[FOLLOWER].start()
    await app[DRAFTING].start()
    yield
    await app[DRAFTING].close()
    await app[REBUILDS].close()
    await app[FOLLOWER].stop()
    await app[FEED].close()
    await app[STORE].close()
