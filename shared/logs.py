"""structlog set-up: one event per line, JSON in production, request ids bound per request.

The standard library's loggers (aiohttp, asyncio, aiosqlite) are rendered by the same
processors, so every line has one format. They are held at WARNING or above whatever
COOPLINE_LOG_LEVEL says: aiosqlite's debug lines print SQL parameters, i.e. request bodies.
"""

from __future__ import annotations

import logging
import sys

import structlog

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


class _ProtocolErrors(logging.Filter):
    """aiohttp logs a malformed request with a traceback whose message quotes the raw bytes it
    could not parse (a header line may carry a token). Keep the fact, drop the bytes."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None:
            record.msg, record.args = "bad_http_request", ()
            record.levelno, record.levelname = logging.WARNING, "WARNING"  # the client's fault
            record.exc_info = record.exc_text = None
            record.error = type(exc).__name__
            record.status = getattr(exc, "code", None)
        return True


def configure(log_format: str = "console", level: str = "info") -> None:
    renderer = (structlog.processors.JSONRenderer() if log_format == "json"
                else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty()))
    common = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*common, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(_LEVELS[level]),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*common, structlog.stdlib.add_logger_name,
                           structlog.stdlib.ExtraAdder({"error", "status"})],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info, renderer]))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(max(_LEVELS[level], logging.WARNING))
    server = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, _ProtocolErrors) for f in server.filters):
        server.addFilter(_ProtocolErrors())
    # aiohttp's own access log would duplicate ours and print raw request lines.
    logging.getLogger("aiohttp.access").disabled = True


log = structlog.get_logger
