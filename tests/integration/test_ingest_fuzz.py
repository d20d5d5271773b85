"""Schemathesis against the ingest service's own /openapi.json (issue 7).

A real ingest process (tests.harness.Service) with a token file, on SQLite and on PostgreSQL,
fuzzed by `tests.fuzzing.assert_conforms` (every operation; no 5xx; documented statuses,
content types and bodies).
"""

from __future__ import annotations

import pytest

from shared.auth import token_line
from tests.conftest import BACKENDS, store_url
from tests.fuzzing import assert_conforms
from tests.harness import Service

ADMIN = "fuzz-admin-token-0123456789"


@pytest.fixture(scope="module", params=BACKENDS)
def ingest_process(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    tokens = tmp / "tokens"
    tokens.write_text(token_line("fuzz", "admin", ADMIN) + "\n")
    with store_url(request.param, tmp, "events.db") as store:
        svc = Service("ingest", {"COOPLINE_STORE": store, "COOPLINE_TOKENS_FILE": str(tokens),
                                 "COOPLINE_LOG_FORMAT": "json"}, tmp / "ingest.log").start()
        yield svc
        svc.stop()


def _short_long_polls(context, case, kwargs):
    """`before_call`: a long poll past the head waits its whole `wait`; keep generated waits short."""
    try:
        wait = float((case.query or {}).get("wait"))
    except (TypeError, ValueError):
        return
    if wait > 0.01:
        case.query["wait"] = 0.01


def test_every_operation_conforms_to_its_document(ingest_process):
    assert_conforms(ingest_process, ADMIN, _short_long_polls)
