"""The typed application keys of the query service's aiohttp app."""

from __future__ import annotations

from aiohttp import web

from services.query.drafting import Drafting
from services.query.follower import Follower
from services.query.rebuild import Rebuilds
from services.query.store.base import ProjectionStore

STORE = web.AppKey("store", ProjectionStore)
FOLLOWER = web.AppKey("follower", Follower)
REBUILDS = web.AppKey("rebuilds", Rebuilds)
DRAFTING = web.AppKey("drafting", Drafting)
