"""The web page at `/` (DESIGN §8): plain HTML/CSS/JS from `static/`, no build step, no CDN.

The page is a static shell; `app.js` reads the selection from the address and calls the
public read API. Files are served from a fixed table built at import, so a request can only
ever name one of them (no path is joined from user input), each with the security headers
of `shared.web` (a CSP with no inline script or style, nosniff, frame denial).
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from shared.problems import Problem
from shared.web import SECURITY_HEADERS

STATIC = Path(__file__).with_name("static")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
# name -> (path, content type); only regular files directly in static/ with a known type.
FILES = {p.name: (p, CONTENT_TYPES[p.suffix]) for p in sorted(STATIC.iterdir())
         if p.is_file() and p.suffix in CONTENT_TYPES and not p.name.startswith(".")}


def _headers(content_type: str) -> dict[str, str]:
    # no-cache: revalidate (cheap, ETag/Last-Modified) so a new release is seen at once
    return {**SECURITY_HEADERS, "Content-Type": content_type, "Cache-Control": "no-cache"}


async def index(request: web.Request) -> web.StreamResponse:
    path, ctype = FILES["index.html"]
    return web.FileResponse(path, headers=_headers(ctype))


async def static_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["file"]
    found = FILES.get(name)
    if found is None:
        raise Problem(404, f"no static file {name!r}")
    return web.FileResponse(found[0], headers=_headers(found[1]))


def register(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/static/{file}", static_file)
