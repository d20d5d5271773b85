"""What both aiohttp apps share: request ids, problem+json errors, auth, metrics, JSON bodies.

`setup(app, settings, tokens, service=…)` installs the middlewares and the common routes
(`/healthz`, `/metrics`, `/v1/vocabulary`, `/openapi.json`, `/docs`); each service adds its own
routes and a readiness check.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable

import msgspec
import structlog
from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from shared import docs_page, problems
from shared.auth import DEV, Principal, TokenTable
from shared.dev_mode import check_dev_request, is_json_type
from shared.problems import Problem
from shared.settings import Settings
from shared.vocabulary import vocabulary_document

log = structlog.get_logger()
json_encoder = msgspec.json.Encoder()

SETTINGS = web.AppKey("settings", Settings)
TOKENS = web.AppKey("tokens", TokenTable | None)
REGISTRY = web.AppKey("registry", CollectorRegistry)
READY = web.AppKey("ready", Callable[[], Awaitable[dict]])
OPENAPI = web.AppKey("openapi", bytes)
PRINCIPAL = web.RequestKey("principal", Principal)
_RID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class _RequestIds:
    """Request ids unique across processes and restarts without a uuid4() per request: a random
    per-process prefix (renewed in a forked child) and a counter."""

    def __init__(self) -> None:
        self.renew()
        os.register_at_fork(after_in_child=self.renew)

    def renew(self) -> None:
        self._prefix = os.urandom(8).hex() + "-"
        self._counter = itertools.count(1)

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter):x}"


request_ids = _RequestIds()


def requires(role: str):
    """Mark a handler with the least role that may call it (reader, writer, admin)."""
    def mark(handler):
        handler.required_role = role
        return handler
    return mark


def json_response(obj, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    if headers is None:  # the usual case: a ready header dict is cheaper than content_type=
        return web.Response(body=json_encoder.encode(obj), status=status, headers={"Content-Type": "application/json"})
    return web.Response(body=json_encoder.encode(obj), status=status,
                        content_type="application/json", headers=headers)


async def read_json(request: web.Request, limit: int) -> bytes:
    """The raw body of a JSON request: 415 for another type, 413 past `limit` bytes."""
    ctype = request.content_type
    if not is_json_type(ctype):
        raise Problem(415, f"send the body as application/json, not {ctype or 'no content type'}")
    length = request.content_length
    if length is not None and length > limit:
        raise Problem(413, f"the body is {length} bytes; the limit here is {limit}")
    try:
        if length is not None:
            return await request.read()
        chunks, size = [], 0
        async for chunk in request.content.iter_any():
            size += len(chunk)
            if size > limit:
                raise Problem(413, f"the body is over the limit of {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    except ConnectionResetError:  # the client left mid-body: its fault, and nothing was submitted
        raise Problem(400, "the connection closed before the whole body arrived") from None


def principal(request: web.Request) -> Principal:
    return request.get(PRINCIPAL, DEV)


def _authenticate(request: web.Request, role: str) -> Principal:
    tokens = request.app[TOKENS]
    if tokens is None:  # dev mode (loopback only; checked at start)
        return DEV
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(401, "send a token: Authorization: Bearer <token>",
                      headers={"WWW-Authenticate": 'Bearer realm="coopline"'})
    found = tokens.lookup(token.strip())
    if found is None:
        raise Problem(401, "unknown token", headers={"WWW-Authenticate": 'Bearer realm="coopline", error="invalid_token"'})
    if not found.allows(role):
        raise Problem(403, f"this needs the {role} role; token {found.name!r} has {found.role}")
    return found


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _debug_enabled() -> bool:
    """Whether a debug event would be logged (as structlog is configured when asked)."""
    try:
        return log.is_enabled_for(logging.DEBUG)
    except AttributeError:  # a wrapper class that cannot say: log and let it filter
        return True


class RateLimiter:
    """Per-token token bucket for writes (off unless COOPLINE_WRITE_RATE is set): a burst of
    `rate` seconds' worth, then `rate` writes per second; past that 429 with Retry-After."""

    def __init__(self, rate: float):
        self.rate, self.burst = rate, max(1.0, rate)
        self._buckets: dict[str, tuple[float, float]] = {}

    def check(self, key: str) -> None:
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1:
            wait = max(1, int((1 - tokens) / self.rate + 0.999))
            raise Problem(429, f"too many writes for this token; at most {self.rate:g} per second",
                          headers={"Retry-After": str(wait)})
        self._buckets[key] = (tokens - 1, now)


def _middlewares(service: str, registry: CollectorRegistry, public_reads: bool, write_rate: float,
                 unavailable: tuple[type[Exception], ...] = (), dev: bool = False):
    """One middleware doing, in order: request id (bound for every log line of the request),
    authentication and the write rate limit, the handler, errors as problem+json (a store
    exception in `unavailable` as a retryable 503), latency metrics and the X-Request-Id header.

    One layer rather than one per concern: each aiohttp middleware adds a coroutine frame and a
    partial call to every request."""
    limiter = RateLimiter(write_rate) if write_rate > 0 else None
    latency = Histogram("coopline_http_request_duration_seconds", "HTTP request latency",
                        ["method", "route", "status"], registry=registry,
                        buckets=(.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
    errors = Counter("coopline_http_server_errors_total", "Responses with a 5xx status", ["route"], registry=registry)
    observers: dict[tuple, Callable[[float], None]] = {}  # (method, resource, status) → child's observe
    bind = structlog.contextvars.bind_contextvars
    perf_counter = time.perf_counter
    match_rid = _RID.match
    next_rid = request_ids.next
    debug = _debug_enabled()  # logging is configured before the app is made, once

    @web.middleware
    async def context(request: web.Request, handler):
        rid = request.headers.get("X-Request-Id")
        if rid is None or not match_rid(rid):
            rid = next_rid()
        # aiohttp runs every request in a task of its own, whose context is a fresh copy of
        # the connection's: nothing bound by an earlier request on the connection is left here.
        bind(request_id=rid, service=service)
        started = perf_counter()
        match_info = request.match_info
        try:
            if dev:
                check_dev_request(request)
            role = getattr(match_info.handler, "required_role", None)
            if role is not None and not (role == "reader" and public_reads):
                found = request[PRINCIPAL] = _authenticate(request, role)
                if limiter is not None and role != "reader":
                    limiter.check(found.name)
            resp = await handler(request)
        except Problem as p:
            resp = problems.from_problem(p)
        except unavailable as exc:  # the store is unreachable or refuses writes: retry later
            resp = problems.response(503, getattr(exc, "detail", None) or str(exc), headers={"Retry-After": "5"})
        except web.HTTPException as exc:  # aiohttp's own 404/405/413…: same problem shape
            resp = problems.response(exc.status, exc.reason, headers={k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")})
        except Exception:
            log.exception("unhandled_error", method=request.method, path=request.path)
            resp = problems.response(500, "internal error; the request id is in the X-Request-Id header")
        elapsed = perf_counter() - started
        status = resp.status
        route = match_info.route
        resource = route.resource if route is not None else None
        method = request.method
        label = method if method in _METHODS else "other"  # bounded label values (and keys)
        key = (label, resource, status)
        observe = observers.get(key)
        if observe is None:
            name = resource.canonical if resource is not None else "unmatched"
            observe = observers[key] = latency.labels(label, name, status).observe
        observe(elapsed)
        if status >= 500:
            errors.labels(resource.canonical if resource is not None else "unmatched").inc()
        resp.headers["X-Request-Id"] = rid
        if debug:  # building the event costs more than the filtered call saves
            log.debug("request", method=method, path=request.path, status=status, ms=round(elapsed * 1000, 2))
        return resp

    return [context]


async def _healthz(request: web.Request) -> web.Response:
    return json_response({"status": "ok"})


async def _readyz(request: web.Request) -> web.Response:
    state = await request.app[READY]()
    return json_response(state, status=200 if state.get("ready") else 503)


async def _metrics(request: web.Request) -> web.Response:
    return web.Response(body=generate_latest(request.app[REGISTRY]), headers={"Content-Type": CONTENT_TYPE_LATEST})


_VOCAB = json_encoder.encode(vocabulary_document())


async def _vocabulary(request: web.Request) -> web.Response:
    return web.Response(body=_VOCAB, content_type="application/json")


async def _openapi(request: web.Request) -> web.Response:
    return web.Response(body=request.app[OPENAPI], content_type="application/json")


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


async def _nosniff(request: web.Request, response: web.StreamResponse) -> None:
    """Every answer, streamed ones and files included, as its type says: a browser must not
    sniff a JSON or CSV answer into HTML or script."""
    response.headers["X-Content-Type-Options"] = "nosniff"


def setup(app: web.Application, settings: Settings, tokens: TokenTable | None, *, service: str,
          ready: Callable[[], Awaitable[dict]], openapi: dict, public_reads: bool,
          unavailable: tuple[type[Exception], ...] = ()) -> CollectorRegistry:
    """Install the middleware and the common routes; → the app's metrics registry.

    `unavailable`: the store exceptions answered as a retryable 503 (unreachable, refusing writes)."""
    registry = CollectorRegistry()
    app[SETTINGS], app[TOKENS], app[REGISTRY], app[READY] = settings, tokens, registry, ready
    app[OPENAPI] = json_encoder.encode(openapi)
    app.middlewares.extend(_middlewares(service, registry, public_reads, settings.write_rate, unavailable,
                                        dev=tokens is None))
    app.on_response_prepare.append(_nosniff)
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/readyz", _readyz)
    app.router.add_get("/metrics", _metrics)
    app.router.add_get("/v1/vocabulary", _vocabulary)
    app.router.add_get("/openapi.json", _openapi)
    docs_page.add_routes(app.router, SECURITY_HEADERS)
    return registry
