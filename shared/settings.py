"""Settings of DESIGN §7: environment only, read once at start into a frozen Struct.

Nothing else in the project reads `os.environ`; `__main__` modules call `from_env` and hand
the result to `create_app`. A bad value raises SettingsError whose message names the variable.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

import msgspec

DEFAULT_PORTS = {"ingest": 8081, "query": 8082}
DEFAULT_STORES = {"ingest": "sqlite:///data/events.db", "query": "sqlite:///data/projections.db"}
MiB = 1024 * 1024


class SettingsError(Exception):
    """One clear line naming the variable at fault."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    service: str
    host: str = "127.0.0.1"
    port: int = 8081
    store: str = "sqlite:///data/events.db"
    ingest_url: str = "http://127.0.0.1:8081"
    ingest_token: str | None = None
    # Query: the ingest service's address as browsers reach it (the drafts view submits there);
    # empty = ingest_url. Differs where the services reach each other by an inner name.
    ingest_public_url: str = ""
    tokens_file: str | None = None
    log_format: str = "console"
    log_level: str = "info"
    public_reads: bool = True
    write_rate: float = 0.0  # writes per second per token; 0 = unlimited
    max_event_bytes: int = 1 * MiB
    max_batch_bytes: int = 16 * MiB
    max_batch_items: int = 1000
    # Connections and memory under hostile clients (docs/operations.md § Limits).
    event_loop: str = "uvloop"
    max_connections: int = 4096  # open connections; past it a new one is answered 503 and closed
    header_timeout: int = 10  # seconds to send a whole request head (from connect, or the last response)
    max_open_files: int = 65536  # the soft RLIMIT_NOFILE raised to this (or to the hard limit if lower)
    max_large_bodies: int = 2  # request bodies over max_event_bytes being read or decoded at once
    # Drafts (query): off, lazy (the drafting worker starts with the first request) or eager (at start-up).
    drafts: str = "lazy"
    # Query: an empty projection store facing a log of at least this many records is filled the
    # way a rebuild fills its shadow (bulk load, indexes once, swap); 0 = always follow page by page.
    fill_at: int = 10_000
    # Ingest: the web origins whose pages may send writes (CORS); empty = none.
    cors_origins: tuple[str, ...] = ()

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _int(env: Mapping[str, str], name: str, default: int, lo: int, hi: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}: expected an integer, got {raw!r}") from None
    if not lo <= value <= hi:
        raise SettingsError(f"{name}: must be between {lo} and {hi}, got {value}")
    return value


def _choice(env: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    value = (env.get(name) or default).lower()
    if value not in choices:
        raise SettingsError(f"{name}: expected one of {', '.join(choices)}, got {value!r}")
    return value


def _url(env: Mapping[str, str], name: str, default: str, schemes: tuple[str, ...]) -> str:
    value = env.get(name) or default
    if not value.startswith(schemes):
        raise SettingsError(f"{name}: expected a URL starting with {' or '.join(schemes)}, got {value!r}")
    return value


def _public_url(env: Mapping[str, str], name: str) -> str:
    """An address browsers use: http(s), a host, no query or fragment; empty when unset."""
    value = (env.get(name) or "").strip().rstrip("/")
    if not value:
        return ""
    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and parts.hostname and not parts.query and not parts.fragment
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        ok = False
    if not ok:
        raise SettingsError(f"{name}: expected an http(s) address such as https://ingest.example.org, got {value!r}")
    return value


_ORIGIN = re.compile(r"^https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")


def _origins(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Comma-separated exact origins (`scheme://host[:port]`, no path, no `*`), lower-cased."""
    out: list[str] = []
    for raw in (env.get(name) or "").split(","):
        origin = raw.strip()
        if not origin:
            continue
        if not _ORIGIN.match(origin):
            raise SettingsError(f"{name}: expected origins like http://127.0.0.1:8082 (scheme://host[:port], "
                                f"comma-separated, no path, no *), got {origin!r}")
        if origin.lower() not in out:
            out.append(origin.lower())
    return tuple(out)


def from_env(service: str, env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    host = env.get("COOPLINE_HOST") or "127.0.0.1"
    tokens_file = env.get("COOPLINE_TOKENS_FILE") or None
    if tokens_file is not None and not os.path.isfile(tokens_file):
        raise SettingsError(f"COOPLINE_TOKENS_FILE: no such file {tokens_file!r}")
    rate = env.get("COOPLINE_WRITE_RATE") or "0"
    try:
        write_rate = float(rate)
        if write_rate < 0:
            raise ValueError
    except ValueError:
        raise SettingsError(f"COOPLINE_WRITE_RATE: expected a number of writes per second ≥ 0, got {rate!r}") from None
    public = _choice(env, "COOPLINE_PUBLIC_READS", "true", ("true", "false", "1", "0", "yes", "no"))
    return Settings(
        service=service,
        host=host,
        port=_int(env, "COOPLINE_PORT", DEFAULT_PORTS[service], 0, 65535),
        store=_url(env, "COOPLINE_STORE", DEFAULT_STORES[service], ("sqlite://", "postgresql://", "postgres://")),
        ingest_url=_url(env, "COOPLINE_INGEST_URL", "http://127.0.0.1:8081", ("http://", "https://")).rstrip("/"),
        ingest_token=env.get("COOPLINE_INGEST_TOKEN") or None,
        ingest_public_url=_public_url(env, "COOPLINE_INGEST_PUBLIC_URL"),
        tokens_file=tokens_file,
        log_format=_choice(env, "COOPLINE_LOG_FORMAT", "console", ("console", "json")),
        log_level=_choice(env, "COOPLINE_LOG_LEVEL", "info", ("debug", "info", "warning", "error")),
        public_reads=public in ("true", "1", "yes"),
        write_rate=write_rate,
        event_loop=_choice(env, "COOPLINE_EVENT_LOOP", "uvloop", ("uvloop", "asyncio")),
        max_connections=_int(env, "COOPLINE_MAX_CONNECTIONS", 4096, 1, 1_000_000),
        header_timeout=_int(env, "COOPLINE_HEADER_TIMEOUT", 10, 1, 600),
        max_open_files=_int(env, "COOPLINE_MAX_OPEN_FILES", 65536, 64, 1 << 24),
        max_large_bodies=_int(env, "COOPLINE_MAX_LARGE_BODIES", 2, 1, 1000),
        drafts=_choice(env, "COOPLINE_DRAFTS", "lazy", ("off", "lazy", "eager")),
        fill_at=_int(env, "COOPLINE_FILL_AT", 10_000, 0, 1 << 62),
        cors_origins=_origins(env, "COOPLINE_CORS_ORIGINS"),
    )


def sqlite_path(url: str) -> str:
    """`sqlite:///data/events.db` → `data/events.db`; `sqlite:////abs/x.db` → `/abs/x.db`."""
    if not url.startswith("sqlite:///"):
        raise SettingsError(f"COOPLINE_STORE: a SQLite URL is sqlite:///relative/path or sqlite:////absolute/path, got {url!r}")
    return url[len("sqlite:///"):]
