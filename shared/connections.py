"""What one client connection may hold of a service: a bounded number of connections, nothing
buffered past a request the parser refused, and enough file descriptors for the bound.

aiohttp has no public hook for any of this per connection. As `shared.problems` does for its
error answers, `install_connection_guards` has the server build its connections with a subclass
of the `RequestHandler` it finds in `aiohttp.web_server` (real processes only: `shared.runner`).
The time a client may take to send a request head is aiohttp's own `keepalive_timeout`, which
closes a connection that has not completed a request within that time of opening or of its last
response (`shared.runner` sets it from COOPLINE_HEADER_TIMEOUT).
"""

from __future__ import annotations

import resource

from aiohttp import web_protocol, web_server
from aiohttp.http_parser import RawRequestMessage

from shared.problems import response

# Answered, then closed, to a connection past the bound: written straight to the transport
# (no request has been read, so no handler or middleware runs).
_FULL = None


def _full_bytes() -> bytes:
    global _FULL
    if _FULL is None:
        resp = response(503, "too many open connections; retry shortly", headers={"Retry-After": "1"})
        body = resp.body
        head = (f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: {resp.content_type}\r\n"
                f"Content-Length: {len(body)}\r\nRetry-After: 1\r\nX-Content-Type-Options: nosniff\r\n"
                "Connection: close\r\n\r\n")
        _FULL = head.encode("ascii") + body
    return _FULL


def _guarded_class(base: type, max_connections: int) -> type:
    class GuardedRequestHandler(base):
        """A connection past `max_connections` is answered 503 and closed before it is served.

        Once the parser has refused a request (an over-long header, say), the rest of what the
        client sends is dropped unread: aiohttp would otherwise feed every later chunk to the
        failed parser until the error answer is written, and each refusal raises anew an
        exception whose traceback holds that chunk (up to 256 KiB on uvloop, which reads a
        socket dry in one go) in a reference cycle — 50 clients sending 8 MB headers left
        hundreds of MB for the collector and then the allocator to keep (bench/README.md)."""

        open_connections = 0
        _counted = False
        _refused = False

        def connection_made(self, transport) -> None:
            cls = GuardedRequestHandler
            if cls.open_connections >= max_connections:
                self._manager = None  # never registered: connection_lost has nothing to undo
                transport.write(_full_bytes())
                transport.close()
                return
            cls.open_connections += 1
            self._counted = True
            super().connection_made(transport)

        def connection_lost(self, exc) -> None:
            if self._counted:
                self._counted = False
                GuardedRequestHandler.open_connections -= 1
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self._refused:
                return
            super().data_received(data)
            messages = self._messages
            if messages:
                msg = messages[-1][0]
                if not isinstance(msg, RawRequestMessage):  # aiohttp's error record for the parser's refusal
                    self._refused = True
                    exc = getattr(msg, "exc", None)
                    if exc is not None:
                        exc.__traceback__ = None  # break exc → traceback → frame → chunk now
                    if self.transport is not None:
                        self.transport.pause_reading()  # the answer is a 400 and a close anyway

    return GuardedRequestHandler


def install_connection_guards(max_connections: int) -> bool:
    """Make every aiohttp server in this process bound its connections (call once, after
    `shared.problems.install_protocol_problems`). → whether it is installed."""
    current = getattr(web_server, "RequestHandler", None)
    if current is None or not isinstance(current, type) or not issubclass(current, web_protocol.RequestHandler):
        return False
    if getattr(current, "_coopline_guarded", False):
        return True
    handler = _guarded_class(current, max_connections)
    handler._coopline_guarded = True
    web_server.RequestHandler = handler
    return True


def raise_open_files_limit(target: int) -> tuple[int, int]:
    """Raise the soft RLIMIT_NOFILE to `target` (never above the hard limit, never lower than it
    was); → (soft before, soft after). Distributions start processes at a soft 1024, which a
    thousand idle sockets exhaust; the hard limit is usually far higher."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = target if hard == resource.RLIM_INFINITY else min(target, hard)
    if soft != resource.RLIM_INFINITY and want > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
        return soft, want
    return soft, soft
