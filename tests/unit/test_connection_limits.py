"""The connection and memory limits' settings, the descriptor limit, and the aiohttp internals
`shared/connections.py` relies on (a future aiohttp that moved them must fail here, loudly)."""

from __future__ import annotations

import resource

import pytest
from aiohttp import web_protocol, web_server

from shared import memory
from shared.connections import raise_open_files_limit
from shared.settings import SettingsError, from_env


def test_limit_settings_defaults_and_values():
    s = from_env("ingest", {})
    assert (s.event_loop, s.max_connections, s.header_timeout, s.max_open_files, s.max_large_bodies) == (
        "uvloop", 4096, 10, 65536, 2)
    s = from_env("query", {"COOPLINE_EVENT_LOOP": "asyncio", "COOPLINE_MAX_CONNECTIONS": "50",
                           "COOPLINE_HEADER_TIMEOUT": "3", "COOPLINE_MAX_OPEN_FILES": "4096",
                           "COOPLINE_MAX_LARGE_BODIES": "4"})
    assert (s.event_loop, s.max_connections, s.header_timeout, s.max_open_files, s.max_large_bodies) == (
        "asyncio", 50, 3, 4096, 4)


@pytest.mark.parametrize("name,value", [("COOPLINE_EVENT_LOOP", "trio"), ("COOPLINE_MAX_CONNECTIONS", "0"),
                                        ("COOPLINE_HEADER_TIMEOUT", "1.5"), ("COOPLINE_HEADER_TIMEOUT", "0"),
                                        ("COOPLINE_MAX_OPEN_FILES", "10"), ("COOPLINE_MAX_LARGE_BODIES", "x")])
def test_bad_limit_settings_name_the_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        from_env("ingest", {name: value})


def test_the_soft_descriptor_limit_is_raised_never_lowered():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        assert raise_open_files_limit(1024) == (256, min(1024, hard))
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == min(1024, hard)
        assert raise_open_files_limit(300) == (min(1024, hard), min(1024, hard))  # never lowered
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_the_aiohttp_internals_the_guards_use_are_there():
    handler = web_server.RequestHandler
    assert issubclass(handler, web_protocol.RequestHandler)
    for name in ("_messages", "_manager", "data_received", "connection_made", "connection_lost"):
        assert name in dir(handler) or name in getattr(web_protocol.RequestHandler, "__slots__", ()), name
    assert hasattr(web_protocol, "_ErrInfo")  # what a refused request head is queued as


def test_the_allocator_is_tuned_on_glibc():
    import platform

    tuned = memory.tune()
    assert tuned == (platform.libc_ver()[0] == "glibc")
    memory.trim()  # callable anywhere
