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


# -- errors aiohttp answers before any middleware runs ------------------------------------------
# A request the HTTP parser cannot read (a broken request line, a malformed or over-long header,
# bad chunked framing) never reaches a route or a middleware: aiohttp's RequestHandler.handle_error
# answers it, as text/plain. aiohttp has no public hook for that response (aio-libs/aiohttp#3287,
# #9882), so `install_protocol_problems` has the server build its connections with a subclass whose
# handle_error answers problem+json. The detail names the kind of defect, never the raw bytes
# (a broken header line may hold a token).
_PARSE_DETAILS = (
    ("LineTooLong", "a request line or header is longer than the server accepts"),
    ("BadHttpMethod", "the request line does not start with an HTTP method"),
    ("BadStatusLine", "the request line is not valid HTTP/1.1"),
    ("InvalidHeader", "a header line is malformed"),
    ("InvalidURLError", "the request target is not a valid URL"),
    ("TransferEncodingError", "the chunked body is malformed"),
    ("ContentLengthError", "the body does not match its Content-Length"),
    ("PayloadEncodingError", "the body's encoding is malformed"),
)


def _parse_detail(status: int, exc: BaseException | None) -> str:
    if status >= 500:
        return "internal error"
    names = {cls.__name__ for cls in type(exc).__mro__} if exc is not None else set()
    for name, detail in _PARSE_DETAILS:
        if name in names:
            return f"malformed HTTP request: {detail}"
    return "malformed HTTP request"


def _problem_handler_class(base: type) -> type:
    class ProblemRequestHandler(base):
        """aiohttp's connection handler, answering its own (pre-routing) errors as problem+json."""

        def handle_error(self, request, status: int = 500, exc: BaseException | None = None,
                         message: str | None = None):
            super().handle_error(request, status, exc, message)  # logs; raises if a response already started
            resp = response(status, _parse_detail(status, exc))
            resp.force_close()
            return resp

    return ProblemRequestHandler


def install_protocol_problems() -> bool:
    """Make every aiohttp server in this process answer parser errors as problem+json.

    `web.Server` instantiates the `RequestHandler` it finds in `aiohttp.web_server` for each
    connection; this replaces that name with a subclass (idempotent). → whether it is installed
    (False if a future aiohttp moved the name: errors then stay text/plain, nothing breaks)."""
    from aiohttp import web_protocol, web_server

    current = getattr(web_server, "RequestHandler", None)
    if current is None or not isinstance(current, type) or not issubclass(current, web_protocol.RequestHandler):
        return False
    if getattr(current, "_coopline_problems", False):
        return True
    handler = _problem_handler_class(current)
    handler._coopline_problems = True
    web_server.RequestHandler = handler
    return True
