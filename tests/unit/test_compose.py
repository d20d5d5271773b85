"""compose.yaml wires the services with the variables of DESIGN §7 (no Docker engine needed to check)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_services_and_variables():
    doc = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = doc["services"]
    assert {"ingest", "query", "postgres"} <= set(services)
    assert services["postgres"]["profiles"] == ["postgres"]
    assert services["ingest"]["command"][-1] == "services.ingest"
    assert services["query"]["command"][-1] == "services.query"
    q = services["query"]["environment"]
    assert q["COOPLINE_INGEST_URL"] == "http://ingest:8081"
    assert {"COOPLINE_PORT", "COOPLINE_STORE", "COOPLINE_INGEST_TOKEN", "COOPLINE_TOKENS_FILE"} <= set(q)
    assert "COOPLINE_DRAFTS" in q
    # the drafts view (on the query service's published port) may record events on ingest
    cors = services["ingest"]["environment"]["COOPLINE_CORS_ORIGINS"]
    assert "http://localhost:8082" in cors and "http://127.0.0.1:8082" in cors
    assert (ROOT / services["ingest"]["build"]["dockerfile"]).is_file()
    assert (ROOT / "docs" / "compose-init.sql").is_file()
