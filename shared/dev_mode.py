"""Dev mode: no token file, every request is admin. Only on a loopback address (checked at
start), and only for requests a web page in the developer's browser cannot forge (checked per
request by the shared middleware)."""

from __future__ import annotations

import re

import structlog
from aiohttp import web

from shared.auth import TokenTable
from shared.problems import Problem
from shared.settings import Settings, SettingsError

log = structlog.get_logger()


def check_dev_mode(settings: Settings, tokens: TokenTable | None) -> None:
    """Dev mode (no tokens) only on loopback; anywhere else refuse to start."""
    if tokens is None and not settings.loopback:
        raise SettingsError(f"COOPLINE_TOKENS_FILE: required when listening on {settings.host} (not loopback); "
                            "without it anyone could write. Set it, or bind COOPLINE_HOST=127.0.0.1")
    if tokens is None:
        log.warning("dev_mode", message="NO TOKEN FILE: every request is admin. Loopback only; never expose this.")


def is_json_type(ctype: str) -> bool:
    return ctype == "application/json" or (ctype.startswith("application/") and ctype.endswith("+json"))


# Dev mode (no token file) answers anyone who can reach its port as admin. A web page the
# developer visits can reach it too: by DNS rebinding (its own host name resolving to 127.0.0.1,
# so the Host header names it) and by a plain form POST, which a browser sends cross-site
# without asking (no preflight) — but only with a form's content types, never JSON.
# (An address literal cannot be rebound: any 127.x.x.x, as dev mode may listen on any of them.)
_LOOPBACK_HOST = re.compile(r"(127(\.[0-9]{1,3}){3}|localhost|\[::1\])(:[0-9]{1,5})?\Z", re.IGNORECASE)
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def check_dev_request(request: web.Request) -> None:
    host = request.headers.get("Host", "")
    if not _LOOPBACK_HOST.match(host):
        raise Problem(421, "this service runs in dev mode (no token file) and answers only requests for "
                           "a loopback address (127.x.x.x, [::1]) or localhost")
    if request.method in _WRITES and request.match_info.http_exception is None:  # else 404/405 anyway
        ctype = request.content_type
        if not is_json_type(ctype):
            raise Problem(415, "in dev mode a write must be sent as application/json (even with an empty body), "
                               f"not {ctype or 'no content type'}")
