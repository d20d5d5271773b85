"""Schemathesis against the ingest service's own /openapi.json (issue 7).

A real ingest process (tests.harness.Service) with a token file, on SQLite and on PostgreSQL;
schemathesis's engine runs
its examples, coverage and fuzzing phases over every documented operation with an admin token,
and each response is checked against the document: no 5xx, a documented status, a documented
content type, and a body matching the documented schema. (The engine rather than
`schemathesis.pytest.from_fixture`, whose lazy schema breaks on pytest 9.)
"""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis.engine import Status, events
from schemathesis.engine import from_schema as engine_for
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

from shared.auth import token_line
from tests.conftest import BACKENDS, store_url
from tests.harness import Service

ADMIN = "fuzz-admin-token-0123456789"
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance")
CONFIG = {
    "seed": 7,
    "generation": {"max-examples": 40, "mode": "all", "deterministic": True},
    "phases": {"stateful": {"enabled": False}},
    "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    "request-timeout": 10,
}


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


_short_long_polls.__name__ = "before_call"


def _failures(schema) -> tuple[list[str], int, int]:
    """Run the engine; → (failure descriptions, scenarios run, checks run)."""
    found, scenarios, checked = [], 0, 0
    for event in engine_for(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            scenarios += 1
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    checked += 1
                    if check.status == Status.FAILURE:
                        case = event.recorder.cases[case_id].value
                        info = check.failure_info
                        found.append(f"{check.name}: {case.method} {case.formatted_path} → "
                                     f"{info.failure.title if info else ''}\n{info.failure.message if info else ''}\n"
                                     f"{info.code_sample if info else ''}")
        elif isinstance(event, events.NonFatalError):
            found.append(f"error: {event.info.format() if hasattr(event.info, 'format') else event.value}")
        elif isinstance(event, events.FatalError):
            raise event.exception
    return found, scenarios, checked


def test_every_operation_conforms_to_its_document(ingest_process):
    schema = schemathesis.openapi.from_url(f"{ingest_process.url}/openapi.json",
                                           config=schemathesis.Config.from_dict(CONFIG))
    schema.config.update(base_url=ingest_process.url, headers={"Authorization": f"Bearer {ADMIN}"})

    schemathesis.hook(_short_long_polls)
    try:
        failures, scenarios, checked = _failures(schema)
    finally:
        GLOBAL_HOOK_DISPATCHER.unregister(_short_long_polls)
    assert scenarios >= len(list(schema.get_all_operations())), "schemathesis ran fewer scenarios than operations"
    assert checked > 500, f"only {checked} checks ran"
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(dict.fromkeys(failures))
    assert '"status": 500' not in ingest_process.logs() and "unhandled_error" not in ingest_process.logs()
