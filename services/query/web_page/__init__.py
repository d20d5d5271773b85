"""The web page at `/`: HTML rendered by the server for the address's selection, enhanced by
plain JS/CSS modules from `static/` (no build step, no CDN; vis-timeline is vendored).

`/` renders `page.html` (Jinja2, autoescaped) with the timeline the address selects, read
through the JSON timeline route's own reader (`render.read_items`), so a reader without
JavaScript, a crawler or a chat preview sees the events. Static files are served from a fixed
table built at import, so a request can only ever name one of them (no path is joined from user
input): files directly in `static/`, and the files of `static/vendor/<package>/`. Every answer
carries the security headers of `shared.web` (a CSP with no inline script or style, nosniff,
frame denial). `/drafts` renders `drafts.html`, the drafts view (`drafts_page`).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from services.query.web_page import drafts_page, render
from shared.problems import Problem
from shared.web import SECURITY_HEADERS, SETTINGS

STATIC = Path(__file__).parent.parent / "static"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}
_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["html"]),
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _servable(rel: Path) -> bool:
    # the page's own files, and one level of vendored packages (vendor/<package>/<file>)
    hidden = any(part.startswith(".") for part in rel.parts)
    return not hidden and (len(rel.parts) == 1 or (len(rel.parts) == 3 and rel.parts[0] == "vendor"))


# "name" or "vendor/pkg/name" -> (path, content type); regular files with a known type only.
FILES = {rel.as_posix(): (STATIC / rel, CONTENT_TYPES[rel.suffix])
         for rel in sorted(p.relative_to(STATIC) for p in STATIC.rglob("*"))
         if (STATIC / rel).is_file() and not (STATIC / rel).is_symlink() and rel.suffix in CONTENT_TYPES
         and _servable(rel)}


def _headers(content_type: str) -> dict[str, str]:
    # no-cache: revalidate (cheap, ETag/Last-Modified) so a new release is seen at once
    return {**SECURITY_HEADERS, "Content-Type": content_type, "Cache-Control": "no-cache"}


async def index(request: web.Request) -> web.StreamResponse:
    canonical = render.canonical_query(request.query)
    if canonical != list(request.query.items()):  # e.g. a form sent without JavaScript, with empty fields
        location = "/" + (f"?{urlencode(canonical)}" if canonical else "")
        return web.Response(status=303, headers={**SECURITY_HEADERS, "Location": location})
    status, context = await render.page_context(request)
    html = _TEMPLATES.get_template("page.html").render(context)
    return web.Response(text=html, status=status, headers=_headers(CONTENT_TYPES[".html"]))


async def drafts(request: web.Request) -> web.StreamResponse:
    location = drafts_page.canonical(request.query)
    if location is not None:
        return drafts_page.redirect(location)
    settings = request.app[SETTINGS]
    ctx = drafts_page.context("en" if request.query.get("lang") == "en" else "ko", settings)
    html = _TEMPLATES.get_template("drafts.html").render(ctx)
    return web.Response(text=html, headers=drafts_page.headers(settings, CONTENT_TYPES[".html"]))


async def static_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["file"]
    found = FILES.get(name)
    if found is None:
        raise Problem(404, f"no static file {name!r}")
    return web.FileResponse(found[0], headers=_headers(found[1]))


def register(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/drafts", drafts)
    app.router.add_get("/static/{file:.+}", static_file)
