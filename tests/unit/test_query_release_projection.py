"""The releases projection's pure part: release records → rows, a record it cannot read skipped
(logged) rather than stalling the feed; and the `release` parameter's checks."""

from __future__ import annotations

import msgspec
import pytest

from services.query import params
from services.query.projections import releases
from services.query.projections.schema import Changes
from shared.log_record import RELEASED, LogRecord
from shared.problems import Problem


def tag(position: int, data: dict) -> LogRecord:
    return LogRecord(id=f"r{position}", type=RELEASED, subject=f"release:{data.get('name')}", time="2026-12-06T07:00:00Z",
                     position=position, streamversion=1, actor="admin", data=msgspec.Raw(msgspec.json.encode(data)))


def test_release_records_become_rows_and_an_unreadable_one_is_skipped():
    out = Changes()
    releases.project([tag(8, {"name": "v1", "note": None, "position": 7, "hash": "ab" * 32}),
                      tag(9, {"name": "v2", "position": "not a number", "hash": "cd" * 32}),
                      tag(10, {"name": "v3", "note": "q4", "position": 9, "hash": "ef" * 32})], out)
    assert out.upserts == {"releases": [("v1", None, 7, "ab" * 32, 8, "2026-12-06T07:00:00Z"),
                                        ("v3", "q4", 9, "ef" * 32, 10, "2026-12-06T07:00:00Z")]}
    assert out.inserts == {} and out.updates == {}


def test_no_release_records_no_rows():
    out = Changes()
    releases.project([], out)
    assert out.upserts == {}


@pytest.mark.parametrize(("query", "ok"), [
    ({}, True), ({"release": "2026-Q4"}, True), ({"release": "a.b:c-d_e"}, True),
    ({"release": ""}, False), ({"release": "v1\n"}, False), ({"release": "two words"}, False),
    ({"release": "x" * 129}, False), ({"release": "v1", "as_of": "3"}, False),
])
def test_the_release_parameter(query, ok):
    if ok:
        assert params.release(query) == query.get("release")
    else:
        with pytest.raises(Problem) as exc:
            params.release(query)
        assert exc.value.status == 422
