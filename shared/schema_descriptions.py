"""What each field of the shared schemas means, for the OpenAPI documents (shown at /docs).

Kept beside the schemas rather than in them so that `shared/record.py` stays the wire format
alone; `shared.openapi.document` adds these to the generated components, and a unit test holds
every field of the record to having one.
"""

from __future__ import annotations

FIELDS: dict[str, dict[str, str]] = {
    "Record": {
        "id": "idempotency key, ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$; absent → the server assigns one",
        "kind": "what happened: signing, visit, forum, meeting, opening, project or other",
        "date": "EDTF date: 2018-06-22, 2008-12, 2014, 2010?, 2008-12~, 201X, 2017-04-09/2017-04-13, 2011/.., ../2023",
        "status": "occurred (default; may not start in the future), planned, postponed or cancelled",
        "title": "the title, 1–500 characters, in the language of `lang`",
        "title_en": "the English title, used by English views (which fall back to `title`)",
        "summary": "a summary, at most 5000 characters",
        "lang": "BCP 47 tag of title and summary (default ko)",
        "participants": "1–100 participants; their distinct countries are the event's countries",
        "place": "where it happened (informational: it does not make the event that country's)",
        "sectors": "0–20 distinct sector slugs (GET /v1/vocabulary)",
        "sources": "1–20 sources, each with a url or a publisher",
    },
    "Participant": {
        "name": "the name as the source writes it, 1–300 characters",
        "name_en": "the English name",
        "country": "ISO 3166-1 alpha-2 code, any case (stored upper-case); a name is refused with the code to use",
        "type": "government, local-government, agency, research, university, company, hospital, association, "
                "international, person or other (default)",
        "role": "signatory, host, visitor, organiser or participant (default)",
    },
    "Place": {"city": "the city", "country": "ISO 3166-1 alpha-2 code"},
    "Source": {
        "publisher": "who published it",
        "title": "the source's title",
        "published": "EDTF date of publication",
        "quote": "the passage of the source that states the event, at most 1000 characters",
    },
    "Correction": {
        "expected_version": "the version being corrected; another current version → 409",
        "changes": "whole top-level fields to replace (not id); null removes an optional field",
        "reason": "why, 1–2000 characters (the audit trail)",
    },
    "Retraction": {
        "expected_version": "the version being retracted; another current version → 409",
        "reason": "why, 1–2000 characters",
    },
}


def describe(schemas: dict[str, dict]) -> None:
    """Add the descriptions above to generated component schemas (in place), never replacing one."""
    for name, fields in FIELDS.items():
        props = schemas.get(name, {}).get("properties", {})
        for field, text in fields.items():
            if field in props and "description" not in props[field]:
                props[field]["description"] = text
