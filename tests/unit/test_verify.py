"""The log checker behind `coopline verify` finds every kind of defect it promises to."""

from __future__ import annotations

import json

from services.cli.integrity import check_log
from shared import record
from shared.log_record import CORRECTED, RECORDED, RETRACTED
from tests.conftest import make_record


def rec(pos, subject, version, kind, data, time="2026-01-01T00:00:00.000000Z"):
    return {"specversion": "1.0", "id": f"r{pos}", "source": "coopline/ingest", "type": kind, "subject": subject,
            "time": time, "position": pos, "streamversion": version, "actor": "t", "data": data}


def body(n):
    return json.loads(record.encode(record.decode_record(json.dumps(make_record(n)).encode())))


def good_log():
    return [rec(1, "test-1", 1, RECORDED, body(1)),
            rec(2, "test-2", 1, RECORDED, body(2)),
            rec(3, "test-1", 2, CORRECTED, {"changes": {"title": "new"}, "reason": "r"}),
            rec(4, "test-2", 2, RETRACTED, {"reason": "dup"})]


def test_a_sound_log_has_no_defects():
    assert check_log(good_log()) == (4, [])


def test_each_defect_is_found():
    cases = {
        "gap": good_log()[:1] + [rec(3, "test-2", 1, RECORDED, body(2))],
        "streamversion": good_log()[:1] + [rec(2, "test-1", 3, CORRECTED, {"changes": {"title": "x"}, "reason": "r"})],
        "unknown cooperation": [rec(1, "ghost", 1, CORRECTED, {"changes": {"title": "x"}, "reason": "r"})],
        "retracted cooperation": good_log() + [rec(5, "test-2", 3, CORRECTED, {"changes": {"title": "x"}, "reason": "r"})],
        "schema": [rec(1, "test-1", 1, RECORDED, {**body(1), "date": "2017-02-30"})],
        "invalid record": good_log()[:1] + [rec(2, "test-1", 2, CORRECTED, {"changes": {"kind": "party"}, "reason": "r"})],
        "backwards": [rec(1, "test-1", 1, RECORDED, body(1), time="2026-02-01T00:00:00.000000Z"),
                      rec(2, "test-2", 1, RECORDED, body(2), time="2026-01-01T00:00:00.000000Z")],
        "differs from subject": [rec(1, "other", 1, RECORDED, body(1))],
        "unknown type": [rec(1, "test-1", 1, "coopline.cooperation.exploded", {})],
    }
    for needle, log in cases.items():
        _, defects = check_log(log)
        assert any(needle in d for d in defects), (needle, defects)
