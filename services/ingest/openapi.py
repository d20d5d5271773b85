"""The ingest service's OpenAPI document (served at /openapi.json and shown at /docs)."""

from __future__ import annotations

from services.ingest.chain_routes import ReleaseRequest
from shared.log_record import Head, LogRecord, Page
from shared.openapi import (
    ANY_OBJECT,
    COMMON_PATHS,
    PROBLEM_ERRORS,
    document,
    json_body,
    operation,
    param,
    ref,
)
from shared.record import ID_PATTERN, Correction, Record, Retraction

RECEIPT = {"type": "object", "required": ["id", "version", "position"], "properties": {
    "id": {"type": "string"}, "version": {"type": "integer"}, "position": {"type": "integer"}}}
BATCH_RESULT = {"type": "object", "required": ["results"], "properties": {"results": {"type": "array", "items": {
    "type": "object", "required": ["id", "version", "position", "created"], "properties": {
        "id": {"type": "string"}, "version": {"type": "integer"}, "position": {"type": "integer"},
        "created": {"type": "boolean"}}}}}}
DRY_RUN_RESULT = {"type": "object", "required": ["results"], "properties": {"results": {"type": "array", "items": {
    "type": "object", "required": ["index", "id", "valid", "errors"], "properties": {
        "index": {"type": "integer", "description": "the item's place in the array, from 0"},
        "id": {"type": ["string", "null"], "description": "the item's id; null when it has none (one would be assigned)"},
        "valid": {"type": "boolean"}, "errors": PROBLEM_ERRORS}}}}}

EXAMPLE_RECORD = {
    "id": "demo-kr-by-2017-science-days", "kind": "forum", "date": "2017-04-09/2017-04-13",
    "title": "벨라루스 과학의 날", "title_en": "Belarusian Science Days",
    "participants": [
        {"name": "벨라루스 국립과학아카데미", "name_en": "National Academy of Sciences of Belarus",
         "country": "BY", "type": "research", "org": "by.nasb"},
        {"name": "과학기술정보통신부", "name_en": "Ministry of Science and ICT", "country": "KR",
         "type": "government", "role": "host"}],
    "place": {"city": "Seoul", "country": "KR"},
    "sectors": ["basic-science", "materials"],
    "sources": [{"publisher": "Embassy of the Republic of Belarus in the Republic of Korea",
                 "quote": "The days of Belarusian science were held in Seoul from 9 to 13 April."}]}
EXAMPLE_PLANNED = {
    "id": "demo-kr-dk-2027-smart-city-forum", "kind": "forum", "date": "2027-05", "status": "postponed",
    "title": "한–덴마크 스마트도시 포럼",
    "participants": [{"name": "Odense Kommune", "country": "DK", "type": "local-government"},
                     {"name": "서울특별시", "country": "KR", "type": "local-government"}],
    "sectors": ["smart-city"], "sources": [{"url": "https://example.org/news/smart-city-forum"}]}

_ID = param("id", {"type": "string", "pattern": ID_PATTERN}, "path",
            "the cooperation's id (the record's `id`, or the one assigned at recording)",
            example=EXAMPLE_RECORD["id"])
_DRY_RUN = param("dry_run", {"type": "boolean", "default": False},
                 description="true: validate every item and report all errors of each, appending nothing (200)")
_HASH = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
RELEASE = {"type": "object", "required": ["name", "note", "position", "hash", "record"], "properties": {
    "name": {"type": "string"}, "note": {"type": ["string", "null"]},
    "position": {"type": "integer", "description": "the last record the release covers (0: an empty log)"},
    "hash": {**_HASH, "description": "that record's hash"},
    "record": {"type": "object", "required": ["position", "hash"], "description": "the release's own record",
               "properties": {"position": {"type": "integer"}, "hash": _HASH}}}}
_W = (400, 401, 403, 413, 415, 422, 429, 503)  # 429 only when COOPLINE_WRITE_RATE is set


def build() -> dict:
    paths = {
        "/v1/events": {"post": operation(
            "Record one cooperation event (idempotent by id)",
            {201: json_body(ref("Receipt"), "recorded"), 200: json_body(ref("Receipt"), "already recorded identically")},
            body=json_body(ref("Record"), "one cooperation event", EXAMPLE_RECORD), errors=(*_W, 409), tag="write")},
        "/v1/events/batch": {"post": operation(
            "Record up to 1000 events atomically (all or none), or check them with dry_run=true",
            {201: json_body(ref("BatchResult"), "recorded"),
             200: json_body({"anyOf": [ref("BatchResult"), ref("DryRunResult")]},
                            "all already recorded; with dry_run=true, the check of every item")},
            params=[_DRY_RUN],
            body=json_body({"type": "array", "items": ref("Record"), "maxItems": 1000}, "the events, in order",
                           [EXAMPLE_RECORD, EXAMPLE_PLANNED]),
            errors=(*_W, 409), tag="write")},
        "/v1/events/{id}/corrections": {"post": operation(
            "Correct a recorded event (optimistic concurrency)", {201: json_body(ref("Receipt"))},
            params=[_ID], body=json_body(ref("Correction"), "the version corrected, whole fields replaced, and why", {
                "expected_version": 1, "changes": {"sectors": ["basic-science"]},
                "reason": "the source names one sector"}),
            errors=(*_W, 404, 409), tag="write")},
        "/v1/events/{id}/retraction": {"post": operation(
            "Retract a recorded event", {201: json_body(ref("Receipt"))},
            params=[_ID], body=json_body(ref("Retraction"), "the version retracted, and why", {
                "expected_version": 2, "reason": "recorded twice; see demo-kr-by-2017-science-days-2"}),
            errors=(*_W, 404, 409), tag="write")},
        "/v1/events/{id}/history": {"get": operation(
            "The log records of one cooperation", {200: json_body({"type": "array", "items": ref("LogRecord")})},
            params=[_ID], errors=(401, 403, 404), tag="read")},
        "/v1/log": {"get": operation(
            "The log after a position (long poll with wait)", {200: json_body(ref("Page"))},
            params=[param("after", {"type": "integer", "minimum": 0, "maximum": 2**62, "default": 0},
                          description="the last position already seen: records after it are returned"),
                    param("limit", {"type": "integer", "minimum": 1, "maximum": 5000, "default": 500},
                          description="at most this many records"),
                    param("wait", {"type": "number", "minimum": 0, "maximum": 30, "default": 0},
                          description="seconds to wait for a record when there is none yet (long poll)")],
            errors=(401, 403, 422), tag="read")},
        "/v1/log/head": {"get": operation(
            "The last record's position, hash and time (position 0 and 64 zeros for an empty log)",
            {200: json_body(ref("Head"))}, errors=(401, 403), tag="read")},
        "/v1/releases": {"post": operation(
            "Tag a release: name the log as it stands now (admin)",
            {201: json_body(ref("Release"), "tagged")},
            body=json_body(ref("ReleaseRequest"), "the release's name (the id pattern) and an optional note",
                           {"name": "2026-Q4", "note": "the data behind the Q4 cooperation report"}),
            errors=(*_W, 409), tag="write")},
        **COMMON_PATHS,
    }
    return document("Coopline ingest service",
                    "Validates cooperation events and appends them, immutably, to the event log.",
                    paths, [Record, Correction, Retraction, LogRecord, Page, Head, ReleaseRequest],
                    {"Receipt": RECEIPT, "Release": RELEASE, "BatchResult": BATCH_RESULT, "DryRunResult": DRY_RUN_RESULT,
                     "Any": ANY_OBJECT})
