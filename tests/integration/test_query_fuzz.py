"""Schemathesis against the query service's own /openapi.json (issue 7).

A real ingest process with a few events and a real query process following it, both with token
files, on SQLite and on PostgreSQL (the query service's projection store and the ingest log on the
same backend, each in its own database); schemathesis's engine runs its examples, coverage and fuzzing phases over every
documented operation of the query service with an admin token, and checks each response against
the document: no 5xx, a documented status, a documented content type, a body matching the
documented schema.

`min_position` and an integer `as_of` past the head would hold a request for the 5 s wait and
end in 503; a `before_call` hook keeps generated positions at or below the head (the 503 is
documented and covered by the integration tests), so the run stays quick.
"""

from __future__ import annotations

import httpx
import pytest

from shared.auth import token_line
from tests.conftest import BACKENDS, make_record, store_url
from tests.fuzzing import assert_conforms
from tests.harness import Service
from tests.logbuilder import party

ADMIN = "qfuzz-admin-token-0123456789"
HEAD = 7  # six cooperation records and a release (2026-Q4, the example of its changes path)


@pytest.fixture(scope="module", params=BACKENDS)
def query_process(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("qfuzz")
    tokens = tmp / "tokens"
    tokens.write_text(token_line("fuzz", "admin", ADMIN) + "\n")
    common = {"COOPLINE_TOKENS_FILE": str(tokens), "COOPLINE_LOG_FORMAT": "json"}
    with (store_url(request.param, tmp, "events.db") as log_store,
          store_url(request.param, tmp, "projections.db") as projection_store):
        ingest = Service("ingest", {**common, "COOPLINE_STORE": log_store}, tmp / "ingest.log").start()
        query = None
        try:
            auth = {"Authorization": f"Bearer {ADMIN}"}
            with httpx.Client(base_url=ingest.url, headers=auth, timeout=10) as c:
                batch = [make_record(1), make_record(2, participants=party("KR", "BY"), date="2010?", sectors=["ai"]),
                         make_record(3, participants=party("KR", "DK"), date="2012/..", status="planned"),
                         make_record(4, participants=party("DK", "NZ"), date="201X", kind="forum")]
                assert c.post("/v1/events/batch", json=batch).status_code == 201
                assert c.post("/v1/events/test-2/corrections", json={
                    "expected_version": 1, "changes": {"date": "2011-04"}, "reason": "r"}).status_code == 201
                assert c.post("/v1/events/test-4/retraction", json={"expected_version": 1, "reason": "r"}).status_code == 201
                assert c.post("/v1/releases", json={"name": "2026-Q4"}).status_code == 201
            query = Service("query", {**common, "COOPLINE_STORE": projection_store,
                                      "COOPLINE_INGEST_URL": ingest.url, "COOPLINE_INGEST_TOKEN": ADMIN},
                            tmp / "query.log").start()
            r = httpx.get(f"{query.url}/v1/countries", params={"min_position": HEAD}, timeout=10)
            assert r.status_code == 200, r.text
            yield query
        finally:  # stopped before their PostgreSQL databases are dropped
            if query is not None:
                query.stop()
            ingest.stop()

def _positions_at_most_the_head(context, case, kwargs):
    """`before_call`: a position past the head would wait 5 s, then 503; keep it at the head."""
    for name in ("min_position", "as_of"):
        value = (case.query or {}).get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value > HEAD:
            case.query[name] = HEAD
        elif isinstance(value, str) and value.isdigit() and int(value) > HEAD:
            case.query[name] = str(HEAD)


def test_every_operation_conforms_to_its_document(query_process):
    assert_conforms(query_process, ADMIN, _positions_at_most_the_head)
