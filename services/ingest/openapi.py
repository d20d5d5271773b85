"""The ingest service's OpenAPI document."""

from __future__ import annotations

from services.ingest.chain_routes import ReleaseRequest
from shared.log_record import Head, LogRecord, Page
from shared.openapi import ANY_OBJECT, COMMON_PATHS, document, json_body, operation, param, ref
from shared.record import ID_PATTERN, Correction, Record, Retraction

RECEIPT = {"type": "object", "required": ["id", "version", "position"], "properties": {
    "id": {"type": "string"}, "version": {"type": "integer"}, "position": {"type": "integer"}}}
BATCH_RESULT = {"type": "object", "required": ["results"], "properties": {"results": {"type": "array", "items": {
    "type": "object", "required": ["id", "version", "position", "created"], "properties": {
        "id": {"type": "string"}, "version": {"type": "integer"}, "position": {"type": "integer"},
        "created": {"type": "boolean"}}}}}}
_HASH = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
RELEASE = {"type": "object", "required": ["name", "note", "position", "hash", "record"], "properties": {
    "name": {"type": "string"}, "note": {"type": ["string", "null"]},
    "position": {"type": "integer", "description": "the last record the release covers (0: an empty log)"},
    "hash": {**_HASH, "description": "that record's hash"},
    "record": {"type": "object", "required": ["position", "hash"], "description": "the release's own record",
               "properties": {"position": {"type": "integer"}, "hash": _HASH}}}}
_ID = param("id", {"type": "string", "pattern": ID_PATTERN}, "path", "cooperation id")
_W = (400, 401, 403, 413, 415, 422, 429, 503)  # 429 only when COOPLINE_WRITE_RATE is set


def build() -> dict:
    paths = {
        "/v1/events": {"post": operation(
            "Record one cooperation event (idempotent by id)",
            {201: json_body(ref("Receipt"), "recorded"), 200: json_body(ref("Receipt"), "already recorded identically")},
            body=json_body(ref("Record")), errors=(*_W, 409), tag="write")},
        "/v1/events/batch": {"post": operation(
            "Record up to 1000 events atomically",
            {201: json_body(ref("BatchResult"), "recorded"), 200: json_body(ref("BatchResult"), "all already recorded")},
            body=json_body({"type": "array", "items": ref("Record"), "maxItems": 1000}), errors=(*_W, 409), tag="write")},
        "/v1/events/{id}/corrections": {"post": operation(
            "Correct a recorded event (optimistic concurrency)", {201: json_body(ref("Receipt"))},
            params=[_ID], body=json_body(ref("Correction")), errors=(*_W, 404, 409), tag="write")},
        "/v1/events/{id}/retraction": {"post": operation(
            "Retract a recorded event", {201: json_body(ref("Receipt"))},
            params=[_ID], body=json_body(ref("Retraction")), errors=(*_W, 404, 409), tag="write")},
        "/v1/events/{id}/history": {"get": operation(
            "The log records of one cooperation", {200: json_body({"type": "array", "items": ref("LogRecord")})},
            params=[_ID], errors=(401, 403, 404), tag="read")},
        "/v1/log": {"get": operation(
            "The log after a position (long poll with wait)", {200: json_body(ref("Page"))},
            params=[param("after", {"type": "integer", "minimum": 0, "maximum": 2**62, "default": 0},
                          description="position already seen"),
                    param("limit", {"type": "integer", "minimum": 1, "maximum": 5000, "default": 500}),
                    param("wait", {"type": "number", "minimum": 0, "maximum": 30, "default": 0},
                          description="seconds to wait for a record when there is none")],
            errors=(401, 403, 422), tag="read")},
        "/v1/log/head": {"get": operation(
            "The last record's position, hash and time (position 0 and 64 zeros for an empty log)",
            {200: json_body(ref("Head"))}, errors=(401, 403), tag="read")},
        "/v1/releases": {"post": operation(
            "Tag a release: name the log as it stands now (admin)",
            {201: json_body(ref("Release"), "tagged")},
            body=json_body(ref("ReleaseRequest")), errors=(*_W, 409), tag="write")},
        **COMMON_PATHS,
    }
    return document("Coopline ingest service",
                    "Validates cooperation events and appends them, immutably, to the event log.",
                    paths, [Record, Correction, Retraction, LogRecord, Page, Head, ReleaseRequest],
                    {"Receipt": RECEIPT, "Release": RELEASE, "BatchResult": BATCH_RESULT, "Any": ANY_OBJECT})
