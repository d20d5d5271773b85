"""The OpenAPI paths and schemas of search and organisations (`openapi.build` adds them)."""

from __future__ import annotations

from services.query.openapi import (
    _CODE,
    _FILTERS,
    _INT,
    _NULL_DAY,
    _R,
    _READ,
    _STR,
    _obj,
    _status,
    timeline_operation,
)
from shared.openapi import json_body, operation, param, ref

_ORG_ID = {"type": "string", "pattern": r"^(Q[1-9][0-9]{0,11}|ror:0[a-z0-9]{8}|[a-z]{2}\.[a-z0-9]+(-[a-z0-9]+)*"
                                        r"|name:[a-z]{2}:[0-9a-f]{16})$"}
_ORG_DOC = ("an organisation: its recorded `org` (Wikidata Q…, ror:…, or cc.slug), or, for participants recorded "
            "without one, `name:<country code>:<16 hex digits of the SHA-256 of the exact name>`")
_PATH_ORG = param("org", _ORG_ID, "path", _ORG_DOC, example="by.nasb")
_LIMIT = param("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}, description="items per page")
_CURSOR = param("cursor", _STR, description="next_cursor of the previous page, to read the next one")
_Q_LIST = param("q", {"type": "string", "maxLength": 200}, description="only organisations with every word (2+ "
                "characters; case-insensitive) in one of their names or their id", example="아카데미")
ORGANISATION = _obj({"org": _STR, "name": _STR, "name_en": {"type": ["string", "null"]},
                     "names": {"type": "array", "items": _STR, "description": "every name and English name recorded"},
                     "country": _STR, "type": _STR, "events": _INT, "first": _NULL_DAY, "last": _NULL_DAY})
ORGANISATIONS = _obj({"items": {"type": "array", "items": ref("Organisation")}, "next_cursor": {"type": ["string", "null"]}})
PARTNER = _obj({"org": _STR, "name": _STR, "name_en": {"type": ["string", "null"]},
                "names": {"type": "array", "items": _STR}, "country": _STR, "type": _STR,
                "events": {"type": "integer", "description": "events shared with the organisation"}})
ORGANISATION_DETAIL = {"allOf": [ref("Organisation"), _obj({"partners": {"type": "array", "items": ref("OrganisationPartner")}})]}
SCHEMAS = {"Organisation": ORGANISATION, "OrganisationPage": ORGANISATIONS, "OrganisationPartner": PARTNER,
           "OrganisationDetail": ORGANISATION_DETAIL}


def paths() -> dict:
    return {
        "/v1/search": {"get": operation(
            "Events whose text holds every word of q, across all countries: title hits first, then by date (latest first)",
            {200: json_body(ref("TimelinePage"))},
            params=[param("q", {"type": "string", "minLength": 2, "maxLength": 200}, required=True,
                          description="words separated by spaces (at most 10), each found as a case-insensitive "
                          "substring of the title, English title, summary, participants' names or place; at least "
                          "one word of 2 or more characters", example="과학의 날"),
                    param("country", _CODE, description="only events that include this country", example="BY"),
                    *_FILTERS, _status(None), _LIMIT, _CURSOR, *_READ],
            errors=_R, tag="read")},
        "/v1/organisations": {"get": operation(
            "Organisations that took part in live events, most events first",
            {200: json_body(ref("OrganisationPage"))},
            params=[param("country", _CODE, description="only organisations recorded with this country", example="BY"),
                    _Q_LIST, _LIMIT, _CURSOR, *_READ],
            errors=_R, tag="read")},
        "/v1/organisations/{org}": {"get": operation(
            "One organisation: its names, counts and partner organisations",
            {200: json_body(ref("OrganisationDetail"))}, params=[_PATH_ORG, *_READ], errors=(*_R, 404), tag="read")},
        "/v1/organisations/{org}/timeline": {"get": timeline_operation(
            "An organisation's events in date order; format=csv|timelinejs exports the whole selection", _PATH_ORG)},
    }
