"""`shared.changes.merge`: the one rule of a correction's changes, for ingest and the query side."""

from __future__ import annotations

import msgspec

from services.ingest.store.base import Stream
from services.ingest.store.decide import current_state
from shared import changes, record
from tests.conftest import make_record


def test_fields_are_replaced_whole_and_null_removes():
    current = {"title": "t", "summary": "s", "sectors": ["ai"], "place": {"city": "Seoul"}}
    merged = changes.merge(current, {"summary": None, "sectors": ["ict"], "place": {"country": "KR"}, "absent": None})
    assert merged == {"title": "t", "sectors": ["ict"], "place": {"country": "KR"}}
    assert current["summary"] == "s"  # a new dict: the current state is untouched


def test_ingest_uses_the_same_rule():
    assert record.apply_changes(make_record(1, summary="s"), {"summary": None}).summary is msgspec.UNSET
    stream = Stream(version=3, retracted=False, first=msgspec.json.encode({"title": "t", "summary": "s"}),
                    first_position=1, changes=[{"summary": None}, {"title": "u"}])
    assert current_state(stream) == {"title": "u"}
