"""RFC 9457 problem+json responses: the only shape an error takes on either service."""

from __future__ import annotations

from http import HTTPStatus

import msgspec
from aiohttp import web

CONTENT_TYPE = "application/problem+json"
_enc = msgspec.json.Encoder()


class Problem(Exception):
    """Raise anywhere in a handler; the middleware turns it into a problem+json response."""

    def __init__(self, status: int, detail: str, *, errors: list[dict] | None = None,
                 headers: dict[str, str] | None = None, extra: dict | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors
        self.headers, self.extra = headers or {}, extra or {}


def response(status: int, detail: str, *, errors: list[dict] | None = None,
             headers: dict[str, str] | None = None, extra: dict | None = None) -> web.Response:
    phrase = HTTPStatus(status).phrase
    body = {"type": f"https://coopline.dev/problems/{phrase.lower().replace(' ', '-')}",
            "title": phrase, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    if extra:
        body.update(extra)
    return web.Response(status=status, body=_enc.encode(body), content_type=CONTENT_TYPE,
                        headers=headers)


def from_problem(p: Problem) -> web.Response:
    return response(p.status, p.detail, errors=p.errors, headers=p.headers, extra=p.extra)
