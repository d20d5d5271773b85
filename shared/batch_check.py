"""A batch checked, not recorded (`POST /v1/events/batch?dry_run=true`): every error of every item.

Each item is checked on its own — structure first (every field, every list item), then, on the
item with its defective parts replaced by stand-ins, the semantic rules — so one defect does not
hide another. Duplicate ids inside the batch are reported on the later item. What only the log
can tell (an id already recorded with a different body → 409) is left to the real submission.
"""

from __future__ import annotations

from typing import Any

import msgspec

from shared import record, record_errors

_items = msgspec.json.Decoder(list[msgspec.Raw])
_json = msgspec.json.Decoder()


def _overlaps(path: str, errors: list[dict[str, str]]) -> bool:
    # a semantic error about a part whose structure is already reported ("a source needs a url"
    # when the url was not a string) would only repeat it
    return any(e["path"].startswith(path) or path.startswith(e["path"]) for e in errors)


def check_item(doc: Any, index: int) -> list[dict[str, str]]:
    path = f"$[{index}]"
    errors, fixed = record_errors.structural(doc, record.Record, path)
    try:
        rec = msgspec.convert(fixed, record.Record) if fixed is not record_errors.DROP else None
    except msgspec.ValidationError:  # a list still too short: no semantic pass for this item
        rec = None
    if rec is not None:
        errors += [e for e in record.semantic_errors(rec, path) if not _overlaps(e["path"], errors)]
    return errors


def check_batch(body: bytes) -> list[dict[str, Any]]:
    """→ [{index, id, valid, errors}] for every item (MalformedJSON / RecordInvalid for the body)."""
    results, seen = [], {}
    for i, raw in enumerate(record.decode(body, _items)):
        doc = _json.decode(raw)
        errors = check_item(doc, i)
        cid = doc.get("id") if isinstance(doc, dict) and isinstance(doc.get("id"), str) else None
        if cid is not None:
            if cid in seen:
                errors.append({"path": f"$[{i}].id", "message": f"id {cid!r} already appears at $[{seen[cid]}]"})
            else:
                seen[cid] = i
        results.append({"index": i, "id": cid, "valid": not errors, "errors": errors})
    return results
