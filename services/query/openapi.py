"""The query service's OpenAPI document."""

from __future__ import annotations

from services.query.params import MAX_LIMIT, MAX_POSITION
from shared.openapi import COMMON_PATHS, document, json_body, operation, param, ref
from shared.record import ID_PATTERN, Participant, Place, Record, Source
from shared.vocabulary import KINDS, SECTORS, STATUSES

_INT = {"type": "integer"}
_STR = {"type": "string"}
_DAY = {"type": "string", "format": "date"}
_NULL_DAY = {"type": ["string", "null"], "format": "date"}
_BOUND = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_CODE = {"type": "string", "pattern": "^[A-Za-z]{2}$"}
_READ = [param("as_of", {"oneOf": [{"type": "integer", "minimum": 0, "maximum": MAX_POSITION},
                                   {"type": "string", "format": "date-time"}]},
               description="answer as the log stood at this position or RFC 3339 time"),
         param("release", {"type": "string", "pattern": ID_PATTERN},
               description="answer as the log stood when this release was tagged (as_of its position; not "
                           "together with as_of); an unknown release is a 422"),  # no example: /docs would send it
         param("min_position", {"type": "integer", "minimum": 0, "maximum": MAX_POSITION},
               description="wait (≤ 5 s) until the projections have applied this position, else 503")]
_FILTERS = [param("partner", _CODE, description="only events that include this country too (ISO 3166-1 "
                  "alpha-2, any case)", example="BY"),
            param("from", _BOUND, description="window start (YYYY, YYYY-MM or YYYY-MM-DD), taken at its first day",
                  example="2015"),
            param("to", _BOUND, description="window end (YYYY, YYYY-MM or YYYY-MM-DD), inclusive: taken at its last day"),
            param("match", {"enum": ["overlap", "within"], "default": "overlap"},
                  description="overlap: keep an event whose dates touch the window; within: only one that lies inside it"),
            param("kind", {"enum": list(KINDS)}, description="only events of this kind"),
            param("sector", {"enum": list(SECTORS)}, description="only events tagged with this sector"),
            param("q", {"type": "string", "maxLength": 200}, description="only events whose text holds every word "
                  "(case-insensitive substrings of the titles, summary, participants' names, place; at least one "
                  "word of 2+ characters)", example="과학"),
            param("org", {"type": "string"}, description="only events in which this organisation took part (its "
                  "recorded org, or name:<cc>:<hash> for one recorded without)", example="by.nasb")]


def _status(default: str | None) -> dict:
    schema = {"enum": [*STATUSES, "all"]}
    if default:
        schema["default"] = default
    return param("status", schema, description="only events of this status; all: every status"
                 + (f" (default {default})" if default else " (default: every status)"))


def _obj(props: dict, required: list | None = None) -> dict:
    return {"type": "object", "required": list(props) if required is None else required, "properties": props}


SUMMARY = _obj({"code": _STR, "name_en": _STR, "name_ko": _STR, "events": _INT, "first": _NULL_DAY, "last": _DAY})
ITEM = _obj({
    "id": _STR, "kind": {"enum": list(KINDS)}, "status": {"enum": list(STATUSES)}, "date": _STR, "start": _NULL_DAY,
    "end": _NULL_DAY, "precision": {"enum": ["year", "month", "day"]}, "uncertain": {"type": "boolean"},
    "approximate": {"type": "boolean"}, "title": _STR, "title_en": {"type": ["string", "null"]},
    "summary": {"type": ["string", "null"]}, "lang": _STR,
    "participants": {"type": "array", "items": ref("Participant")},
    "countries": {"type": "array", "items": _STR},
    "place": {"oneOf": [ref("Place"), {"type": "null"}]},
    "sectors": {"type": "array", "items": _STR}, "sources": {"type": "array", "items": ref("Source")},
    "version": _INT, "position": _INT, "corrected": {"type": "boolean"}})
PAGE = _obj({"items": {"type": "array", "items": ref("TimelineItem")},
             "next_cursor": {"type": ["string", "null"]}})
_TJS_DATE = {"type": "object", "required": ["year"], "properties": {"year": _INT, "month": _INT, "day": _INT}}
TIMELINEJS = _obj({"title": _obj({"text": _obj({"headline": _STR})}), "events": {"type": "array", "items": {
    "type": "object", "required": ["unique_id", "start_date", "display_date", "text"], "properties": {
        "unique_id": _STR, "start_date": _TJS_DATE, "end_date": _TJS_DATE, "display_date": _STR,
        "text": {"type": "object", "required": ["headline"], "properties": {"headline": _STR, "text": _STR}},
        "group": _STR}}}})
SECTOR_COUNT = _obj({"sector": _STR, "label_ko": _STR, "label_en": _STR, "count": _INT})
_SECTOR_LIST = {"type": "array", "items": ref("SectorCount")}
SECTORS_BODY = {"oneOf": [
    _obj({"total_events": _INT, "sectors": _SECTOR_LIST}),
    _obj({"years": {"type": "array", "items": _obj({"year": {"type": ["integer", "null"]}, "total_events": _INT, "sectors": _SECTOR_LIST})}}),
]}
HISTORY = _obj({"position": _INT, "streamversion": _INT, "type": _STR, "time": _STR,
                "reason": {"type": ["string", "null"]}})
DETAIL = {"type": "object", "required": ["id", "kind", "date", "title", "version", "retracted", "history"],
          "properties": {"id": _STR, "version": _INT, "retracted": {"type": "boolean"},
                         "history": {"type": "array", "items": HISTORY}}}
PROJECTION = _obj({"name": _STR, "tables": {"type": "array", "items": _STR}, "position": _INT,
                   "time": {"type": ["string", "null"], "description": "the `time` of the record at `position`"},
                   "head": _INT, "lag_events": _INT, "lag_seconds": {"type": "number"},
                   "state": {"enum": ["following", "catching-up", "disconnected"]}, "rebuilding": {"type": "boolean"},
                   "leader": {"type": "boolean", "description": "whether this replica applies the feed (replicas "
                              "sharing a PostgreSQL store take turns; the others mirror its position)"}})
RELEASE = _obj({"name": _STR, "note": {"type": ["string", "null"]},
                "position": {**_INT, "description": "the log position the release names (the record before its own)"},
                "hash": {**_STR, "description": "the hash of the record at `position`"},
                "time": {**_STR, "description": "when the release was tagged (its own record's time)"},
                "record_position": {**_INT, "description": "the position of the release record itself"}})
_CHANGED = {"type": "array", "items": _obj({"id": _STR, "title": _STR, "position": _INT})}
RELEASE_CHANGES = _obj({"release": _STR, "position": _INT, "since": {"type": ["string", "null"]},
                        "since_position": _INT, "added": _CHANGED, "corrected": _CHANGED, "retracted": _CHANGED})
_RELEASE_HEADER = {"Coopline-Release": {"description": "with release=: `NAME; position=N; hash=H`, the release the "
                                                       "export shows", "schema": _STR}}
_DIFF = {"oneOf": [_obj({"added": _INT, "removed": _INT, "changed": _INT}), {"type": "null"}]}
JOB = _obj({"id": _STR, "state": {"enum": ["queued", "running", "succeeded", "failed", "cancelled"]},
            "dry_run": {"type": "boolean"}, "processed": _INT, "total": _INT,
            "events_per_second": {"type": "number"}, "started_at": {"type": ["string", "null"]},
            "finished_at": {"type": ["string", "null"]}, "diff": _DIFF, "error": {"type": ["string", "null"]}})
ACCEPTED = _obj({"id": _STR, "state": _STR})
REBUILD_REQUEST = {"type": "object", "additionalProperties": False,
                   "properties": {"dry_run": {"type": "boolean", "default": False}}}
_R = (401, 403, 422, 503)
_PATH_CODE = param("code", _CODE, "path", "ISO 3166-1 alpha-2 country code (any case)", example="KR")
_JOB_ID = param("id", _STR, "path", "rebuild job id")


def timeline_operation(summary: str, path_param: dict) -> dict:
    """A timeline (a country's, an organisation's): a page of events, or an export."""
    csv = {"text/csv": {"schema": _STR}}
    body = {"anyOf": [ref("TimelinePage"), ref("TimelineJS")]}
    return operation(
        summary, {200: {"description": "a page of events, or the export", "headers": _RELEASE_HEADER,
                        "content": {"application/json": {"schema": body}, **csv}}},
        params=[path_param, *_FILTERS, _status(None),
                param("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 100},
                      description="events per page (exports ignore it and carry the whole selection)"),
                param("cursor", _STR, description="next_cursor of the previous page, to read the next one"),
                param("format", {"enum": ["json", "csv", "timelinejs"], "default": "json"},
                      description="json: a page of items; csv or timelinejs: the whole selection as a file"),
                param("lang", {"enum": ["ko", "en"], "default": "ko"},
                      description="language of the TimelineJS export's dates, labels and titles"),
                param("bom", {"enum": ["true", "false"], "default": "false"},
                      description="start the CSV with a UTF-8 byte order mark (for spreadsheet programs)"), *_READ],
        errors=(*_R, 404), tag="read")


def build() -> dict:
    from services.query import openapi_drafts, openapi_search  # they build on this module's pieces
    paths = {
        "/v1/countries": {"get": operation(
            "Countries with at least one live event", {200: json_body({"type": "array", "items": ref("CountrySummary")})},
            params=_READ, errors=_R, tag="read")},
        "/v1/countries/{code}/timeline": {"get": timeline_operation(
            "A country's (or a dyad's) events in date order; format=csv|timelinejs exports the whole selection",
            _PATH_CODE)},
        "/v1/countries/{code}/partners": {"get": operation(
            "Partner countries with the number of live events shared and their first and last dates",
            {200: json_body({"type": "array", "items": ref("CountrySummary")})},
            params=[_PATH_CODE, *_READ], errors=(*_R, 404), tag="read")},
        "/v1/sectors": {"get": operation(
            "Sector counts over a selection of events (optionally by start year)", {200: json_body(ref("SectorCounts"))},
            params=[param("country", _CODE, description="only events that include this country (ISO 3166-1 alpha-2)",
                          example="DK"),
                    *_FILTERS, _status("occurred"),
                    param("by", {"enum": ["year"]}, description="year: one count per start year (years with events only)"),
                    *_READ],
            errors=_R, tag="read")},
        "/v1/events/{id}": {"get": operation(
            "One cooperation's current state, history and retraction", {200: json_body(ref("EventDetail"))},
            params=[param("id", {"type": "string", "pattern": ID_PATTERN}, "path", "the cooperation's id"), *_READ],
            errors=(*_R, 404), tag="read")},
        "/v1/releases": {"get": operation(
            "The releases tagged in the log, oldest first", {200: json_body({"type": "array", "items": ref("Release")})},
            params=_READ, errors=_R, tag="read")},
        "/v1/releases/{name}/changes": {"get": operation(
            "Cooperations added, corrected and retracted between two releases",
            {200: json_body(ref("ReleaseChanges"))},
            params=[param("name", {"type": "string", "pattern": ID_PATTERN}, "path", "the later release",
                          example="2026-Q4"),
                    param("since", {"type": "string", "pattern": ID_PATTERN},
                          description="the earlier release (default: the empty log); unknown or later → 422"),
                    _READ[-1]],
            errors=(*_R, 404), tag="read")},
        "/v1/projections": {"get": operation(
            "Projection positions and lag", {200: json_body({"type": "array", "items": ref("Projection")})},
            errors=(401, 403), tag="operations")},
        "/v1/rebuilds": {"post": {**operation(
            "Rebuild every projection from the log into a shadow copy, then swap (or, dry_run, diff)",
            {202: json_body(ref("RebuildAccepted"), "started")},
            errors=(400, 401, 403, 409, 413, 415, 422), tag="operations"),
            "requestBody": {"required": False, "content": {"application/json": {
                "schema": ref("RebuildRequest"), "example": {"dry_run": True}}}}}},
        "/v1/rebuilds/{id}": {
            "get": operation("A rebuild's progress", {200: json_body(ref("RebuildJob"))}, params=[_JOB_ID],
                             errors=(401, 403, 404), tag="operations"),
            "delete": operation("Cancel a rebuild", {200: json_body(ref("RebuildJob"), "cancelled")}, params=[_JOB_ID],
                                errors=(401, 403, 404, 409), tag="operations")},
        **openapi_search.paths(),
        **openapi_drafts.paths(),
        **COMMON_PATHS,
    }
    return document("Coopline query service",
                    "Timelines, partners, sector counts and event detail, as of any log position; rebuild jobs; "
                    "drafts from news articles.",
                    paths, [Record, Participant, Place, Source],
                    {"CountrySummary": SUMMARY, "TimelineItem": ITEM, "TimelinePage": PAGE, "TimelineJS": TIMELINEJS, "SectorCount": SECTOR_COUNT,
                     "SectorCounts": SECTORS_BODY, "EventDetail": DETAIL, "Projection": PROJECTION, "RebuildJob": JOB,
                     "RebuildAccepted": ACCEPTED, "RebuildRequest": REBUILD_REQUEST,
                     "Release": RELEASE, "ReleaseChanges": RELEASE_CHANGES, **openapi_search.SCHEMAS,
                     **openapi_drafts.SCHEMAS})
