"""Schemathesis run against a service's own /openapi.json: the shared part of the fuzz tests.

Schemathesis's engine runs its examples, coverage and fuzzing phases over every documented
operation with an admin token, and each response is checked against the document: no 5xx, a
documented status, a documented content type, and a body matching the documented schema. (The
engine rather than `schemathesis.pytest.from_fixture`, whose lazy schema breaks on pytest 9.)
"""

from __future__ import annotations

import schemathesis
from schemathesis.engine import Status, events
from schemathesis.engine import from_schema as engine_for
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

from tests.harness import Service

CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance")
CONFIG = {
    "seed": 7,
    "generation": {"max-examples": 40, "mode": "all", "deterministic": True},
    "phases": {"stateful": {"enabled": False}},
    "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    "request-timeout": 10,
}


def failures(schema) -> tuple[list[str], int, int]:
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


def assert_conforms(service: Service, token: str, before_call) -> None:
    """Fuzz every operation of `service` with `token`; `before_call` may adjust each case."""
    schema = schemathesis.openapi.from_url(f"{service.url}/openapi.json",
                                           config=schemathesis.Config.from_dict(CONFIG))
    schema.config.update(base_url=service.url, headers={"Authorization": f"Bearer {token}"})
    before_call.__name__ = "before_call"
    schemathesis.hook(before_call)
    try:
        found, scenarios, checked = failures(schema)
    finally:
        GLOBAL_HOOK_DISPATCHER.unregister(before_call)
    assert scenarios >= len(list(schema.get_all_operations())), "schemathesis ran fewer scenarios than operations"
    assert checked > 500, f"only {checked} checks ran"
    assert not found, f"{len(found)} failures:\n\n" + "\n\n".join(dict.fromkeys(found))
    logs = service.logs()
    assert '"status": 500' not in logs and "unhandled_error" not in logs
