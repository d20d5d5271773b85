"""The OpenAPI path and schemas of `POST /v1/drafts` (`openapi.build` adds them)."""

from __future__ import annotations

from services.query.openapi import _STR, _obj
from shared.openapi import json_body, operation, ref

_TEXT = {"type": "string", "minLength": 1}
DRAFT_REQUEST = {
    "type": "object", "additionalProperties": False,
    "description": "an article: exactly one of `text` and `html`; the whole body at most 2 MiB. A field left out "
                   "and a field sent as null are the same.",
    "properties": {
        "text": {**_TEXT, "description": "the article as plain text (a first short line without a final full stop "
                                         "is taken as its headline)"},
        "html": {**_TEXT, "description": "the article's web page; its main text, headline and publication date are "
                                         "read from the page itself (nothing is fetched)"},
        "url": {"type": "string", "maxLength": 2000, "description": "the article's http(s) address, kept in each "
                "draft's source; never fetched"},
        "published": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?[?~%]?$",
                      "description": "the publication date (EDTF day, month or year, e.g. 2025-08-03): relative "
                                     "dates (\"지난 20일\", \"last month\") are resolved against it; it overrides a "
                                     "date found in the page"},
        "publisher": {"type": "string", "minLength": 1, "maxLength": 300,
                      "description": "the publisher's name, kept in each draft's source"},
        "lang": {"enum": ["ko", "en"], "description": "the article's language (default: recognised from the text)"},
    },
}
_EXAMPLE = {"text": "한-우즈베키스탄 과학기술 협력 확대\n\n과학기술정보통신부와 우즈베키스탄 혁신개발부는 지난 14일 "
                    "타슈켄트에서 제5차 한-우즈베키스탄 과학기술공동위원회를 개최했다.",
            "published": "2024-06-21", "publisher": "테스트 통신", "url": "https://news.example.org/2024/06/uz"}
_MATCH = _obj({"id": _STR, "title": _STR, "date": _STR,
               "score": {"type": "number", "description": "0–1: title (0.6) and participant-name (0.4) similarity"}})
DRAFT = _obj({
    "record": {"type": "object", "description": "what the article says, in the fields of a Record (no id): valid "
               "for POST /v1/events on the ingest service as it is when `missing` is empty; otherwise the paths in "
               "`missing` are absent"},
    "quote": {**_STR, "description": "the article's own sentence that states the event (a substring of its text)"},
    "confidence": {"type": "number", "description": "0–1: how sure the drafter is that this is an event as drafted"},
    "missing": {"type": "array", "items": _STR, "description": "JSON paths of the record a person must fill in "
                "($.date, $.participants, $.participants[0].country, $.sources[0].publisher)"},
    "matches": {"type": "array", "items": _MATCH, "description": "live events that may already record the same "
                "happening (same countries and kind, overlapping dates), best first, at most 5"},
})
_NULL_STR = {"type": ["string", "null"]}
DRAFTS = _obj({
    "article": _obj({"title": _NULL_STR, "published": _NULL_STR, "url": _NULL_STR, "publisher": _NULL_STR,
                     "lang": {"enum": ["ko", "en"]}}),
    "drafts": {"type": "array", "items": ref("Draft")},
})
SCHEMAS = {"DraftRequest": DRAFT_REQUEST, "Draft": DRAFT, "Drafts": DRAFTS}


def paths() -> dict:
    return {"/v1/drafts": {"post": operation(
        "Draft cooperation records from a news article (text or HTML); nothing is recorded, nothing fetched",
        {200: json_body(ref("Drafts"), "the article as read and its drafts (the same input gives the same drafts)")},
        body=json_body(ref("DraftRequest"), "the article", example=_EXAMPLE),
        errors=(400, 401, 403, 404, 413, 415, 422, 503), tag="drafts")}}
