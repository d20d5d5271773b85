"""The one rule of a correction's `changes`: each field replaces the current one whole, and a
`null` removes it. Ingest validates the result (`record.apply_changes`); the query side folds
corrections with the same rule."""

from __future__ import annotations

from typing import Any


def merge(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A new dict: `current` with `changes` applied (`None` removes the field)."""
    merged = dict(current)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
