"""Query parameters parsed as the docs say and nothing else (issue 17, items 3 and 8).

`as_of` is an integer position or an RFC 3339 date-time with an offset: not what
`datetime.fromisoformat` also takes (ISO week and ordinal dates, basic format, a space for the
T, trailing bytes), not Python's `int()` extras (underscores, blanks, a trailing newline). A
cursor is refused when its position is past what a log can hold.
"""

from __future__ import annotations

import base64
import json

import pytest

from services.query import params
from shared.problems import Problem

ACCEPTED = {
    "2026-01-01T00:00:00Z": "2026-01-01T00:00:00.000000Z",
    "2026-01-01t00:00:00z": "2026-01-01T00:00:00.000000Z",
    "2026-01-01T09:00:00+09:00": "2026-01-01T00:00:00.000000Z",
    "2025-12-31T23:30:00.5-00:30": "2026-01-01T00:00:00.500000Z",
    "12": 12,
    "0": 0,
}
REFUSED = ["2026-01-01T00:00:00Z%00", "2026-01-01T00:00:00Z\x00", "2026-01-01T00:00:00Z\n", "2026-W01-1T00:00:00Z",
           "2026-W01T00:00Z", "2026-001T00:00:00Z", "20260101T000000Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00",
           "2026-01-01", "2026-01-01T00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:60Z",
           "2026-01-01T00:00:00+0900", "1_0", " 7", "7 ", "12\n", "+1", "-1", "١٢", "0x10", str(2**62 + 1)]


@pytest.mark.parametrize("raw", sorted(ACCEPTED))
def test_as_of_accepts_positions_and_rfc3339(raw):
    assert params.as_of({"as_of": raw}) == ACCEPTED[raw]


@pytest.mark.parametrize("raw", REFUSED)
def test_as_of_refuses_everything_else(raw):
    with pytest.raises(Problem) as caught:
        params.as_of({"as_of": raw})
    assert caught.value.status == 422 and caught.value.errors[0]["path"] == "query.as_of"


@pytest.mark.parametrize("raw", ["1_0", "12\n", " 7"])
def test_integers_take_ascii_digits_only(raw):
    with pytest.raises(Problem):
        params.integer({"limit": raw}, "limit", 100, 1, 1000)


def _cursor(pos) -> str:
    return base64.urlsafe_b64encode(json.dumps(["2018", "2018", pos]).encode()).decode().rstrip("=")


@pytest.mark.parametrize("pos", [2**62 + 1, 2**63, 2**64, -1])
def test_a_cursor_past_any_log_position_is_refused(pos):
    with pytest.raises(Problem) as caught:
        params.decode_cursor({"cursor": _cursor(pos)})
    assert caught.value.status == 422


def test_a_cursor_from_a_page_round_trips():
    key = ("2018-06-22", "2018-06-22", 2**62)
    assert params.decode_cursor({"cursor": params.encode_cursor(key)}) == key
