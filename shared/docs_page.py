"""`/docs` on both services: Swagger UI on the service's own `/openapi.json`, offline.

Swagger UI's files come from the `swagger-ui-py` package (its `static/` folder, Apache-2.0 with
its LICENSE beside them), so no CDN is involved; the page and its small start-up script are
ours (`shared/static/docs.*`). Every file is served under the services' Content-Security-Policy:
Swagger UI needs no inline script, and sets its styles through the DOM, which the CSP allows.
"""

from __future__ import annotations

from pathlib import Path

import swagger_ui
from aiohttp import web

OURS = Path(__file__).with_name("static")
SWAGGER = Path(swagger_ui.__file__).with_name("static")
# Only the files the page loads (and the licence): never a listing of the package's folder.
FILES = {
    "swagger-ui-bundle.js": (SWAGGER, "text/javascript; charset=utf-8"),
    "swagger-ui.css": (SWAGGER, "text/css; charset=utf-8"),
    "LICENSE": (SWAGGER, "text/plain; charset=utf-8"),
    "docs.js": (OURS, "text/javascript; charset=utf-8"),
    "docs.css": (OURS, "text/css; charset=utf-8"),
}


def add_routes(router: web.UrlDispatcher, headers: dict[str, str]) -> None:
    """GET /docs and GET /docs/<file>, each with `headers` (the security headers)."""

    async def page(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(OURS / "docs.html", headers={**headers, "Content-Type": "text/html; charset=utf-8"})

    async def asset(request: web.Request) -> web.StreamResponse:
        found = FILES.get(request.match_info["file"])
        if found is None:
            raise web.HTTPNotFound(reason="no such file")
        folder, ctype = found
        return web.FileResponse(folder / request.match_info["file"], headers={**headers, "Content-Type": ctype})

    router.add_get("/docs", page)
    router.add_get("/docs/{file}", asset)
