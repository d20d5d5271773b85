"""When a fill (a rebuild job filling an empty store) loads what the log gained while it loaded:
`rebuild.load_more`. Its wiring into the job, with a log that grows, is in
tests/integration/test_query_fill.py."""

from __future__ import annotations

import pytest

from services.query.rebuild import load_more


@pytest.mark.parametrize("gained, loaded, more_at, rounds, expected", [
    (10_000, 500_000, 10_000, 0, True),      # the log gained as much as a fill's threshold
    (9_999, 500_000, 10_000, 0, False),      # less: the follower applies it page by page
    (600_000, 500_000, 10_000, 0, True),     # more than the job loaded: once, whatever the pace
    (600_000, 500_000, 10_000, 1, False),    # and not again: the log outruns the load
    (400_000, 500_000, 10_000, 1, True),     # while each round is shorter than the last
    (500_000, 500_000, 10_000, 3, False),
    (50_000, 60_000, 10_000, 7, True),
    (10_000, 500_000, 0, 0, False),          # 0: never (as COOPLINE_FILL_AT=0)
    (0, 500_000, 10_000, 0, False),
])
def test_a_fill_loads_what_the_log_gained_while_that_is_at_least_the_threshold_and_shrinking(
        gained, loaded, more_at, rounds, expected):
    assert load_more(gained, loaded, more_at, rounds) is expected


def test_the_rounds_end_when_the_log_is_written_faster_than_the_job_loads():
    """While the job loads a round, the log gains `pace` times as many records: at a pace of 1 or
    more the job stops after its first extension; under 1 it goes on until a gain is under the
    threshold."""
    def rounds(first: int, pace: float, more_at: int = 10_000) -> int:
        n, loaded, gained = 0, first, int(first * pace)
        while load_more(gained, loaded, more_at, n):
            n, loaded, gained = n + 1, gained, int(gained * pace)
        return n

    assert rounds(500_000, 1.5) == 1 and rounds(500_000, 1.0) == 1
    assert rounds(500_000, 0.5) == 5  # 250k, 125k, 62k, 31k, 16k; then 8k is left to the follower
    assert rounds(500_000, 0.01) == 0  # 5,000 gained: below the threshold
