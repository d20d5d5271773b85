"""Both OpenAPI documents describe every parameter and give an example for every request body,
so that /docs explains each call and "Try it out" starts from a working body."""

from __future__ import annotations

import msgspec
import pytest

from services.ingest.openapi import build as ingest_document
from services.query.openapi import build as query_document
from shared import record

DOCUMENTS = {"ingest": ingest_document, "query": query_document}


def _operations(doc):
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            yield f"{method.upper()} {path}", op


@pytest.mark.parametrize("service", DOCUMENTS)
def test_every_parameter_is_described(service):
    doc = DOCUMENTS[service]()
    params = [(name, p) for name, op in _operations(doc) for p in op.get("parameters", [])]
    assert len(params) > 5
    bare = [f"{name}: {p['name']}" for name, p in params if len(p.get("description", "").strip()) < 8]
    assert bare == []


@pytest.mark.parametrize("service", DOCUMENTS)
def test_every_request_body_has_an_example(service):
    doc = DOCUMENTS[service]()
    bodies = [(name, media) for name, op in _operations(doc) if "requestBody" in op
              for media in op["requestBody"]["content"].values()]
    assert bodies
    assert [name for name, media in bodies if "example" not in media] == []


def test_the_ingest_examples_are_valid_requests():
    doc = ingest_document()
    post = doc["paths"]["/v1/events"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert record.decode_record(msgspec.json.encode(post)).id == post["id"]
    batch = doc["paths"]["/v1/events/batch"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert len(record.decode_batch(msgspec.json.encode(batch))) == len(batch) == 2
    for path, decoder in (("/v1/events/{id}/corrections", record.Correction), ("/v1/events/{id}/retraction", record.Retraction)):
        example = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["example"]
        msgspec.convert(example, decoder)


def test_the_batch_documents_its_dry_run():
    op = ingest_document()["paths"]["/v1/events/batch"]["post"]
    assert [p["name"] for p in op["parameters"]] == ["dry_run"]
    assert "DryRunResult" in str(op["responses"]["200"])


def test_every_field_of_the_record_and_its_parts_is_described():
    schemas = ingest_document()["components"]["schemas"]
    bare = [f"{name}.{field}" for name in ("Record", "Participant", "Place", "Source", "Correction", "Retraction")
            for field, prop in schemas[name]["properties"].items() if not prop.get("description")]
    assert bare == []
