"""CORS for recording events from a web page (the query service's drafts view): only the origins
listed in `COOPLINE_CORS_ORIGINS`, only `POST /v1/events` and `/v1/events/batch`.

A listed origin's preflight (`OPTIONS`) is answered 204 with the method and the two headers a
write sends (`Authorization`, `Content-Type`); the writes' answers, errors included, carry
`Access-Control-Allow-Origin` for it. Any other origin gets no CORS header (so its browser
refuses to send the write) and its preflight a 403. No credentials mode: the page sends its
token itself, and no cookie is ever involved.
"""

from __future__ import annotations

from aiohttp import web

from shared.problems import Problem

PATHS = ("/v1/events", "/v1/events/batch")
ALLOWED_HEADERS = ("authorization", "content-type")
MAX_AGE = "600"
ORIGINS = web.AppKey("cors_origins", frozenset)


def install(app: web.Application, origins: tuple[str, ...]) -> None:
    """Nothing at all without origins: the service then answers as before (OPTIONS is 405)."""
    if not origins:
        return
    app[ORIGINS] = frozenset(origins)
    for path in PATHS:
        app.router.add_route("OPTIONS", path, _preflight)
    app.on_response_prepare.append(_allow_origin)


def _listed(request: web.Request) -> str | None:
    origin = request.headers.get("Origin")
    return origin if origin is not None and origin.lower() in request.app[ORIGINS] else None


async def _preflight(request: web.Request) -> web.Response:
    origin = _listed(request)
    if origin is None:
        raise Problem(403, "this origin may not send writes to the ingest service from a browser "
                           "(COOPLINE_CORS_ORIGINS lists the ones that may)")
    method = request.headers.get("Access-Control-Request-Method", "")
    if method != "POST":
        raise Problem(403, f"only POST is allowed here from another origin, not {method or 'no method'}")
    asked = {h.strip().lower() for h in request.headers.get("Access-Control-Request-Headers", "").split(",") if h.strip()}
    if asked - set(ALLOWED_HEADERS):
        raise Problem(403, f"only the headers Authorization and Content-Type are allowed, not "
                           f"{', '.join(sorted(asked - set(ALLOWED_HEADERS)))}")
    return web.Response(status=204, headers={
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
        "Access-Control-Max-Age": MAX_AGE})


async def _allow_origin(request: web.Request, response: web.StreamResponse) -> None:
    if request.path not in PATHS:
        return
    response.headers.add("Vary", "Origin")  # the answer differs by origin: caches must keep them apart
    origin = _listed(request)
    if origin is not None and request.method in ("POST", "OPTIONS"):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "X-Request-Id, Location"
