"""The batch decoder for large bodies (services/ingest/bodies.py) decodes one record at a time,
off the loop; it must answer exactly as `record.decode_batch` does: same records, same canonical
JSON, same errors at the same paths, 400 for what is not JSON (nested past the parser's depth
included), 413 past the item limit before any record is decoded."""

from __future__ import annotations

import json

import pytest

from services.ingest.bodies import decode_stepwise
from shared import record
from shared.problems import Problem
from tests.conftest import make_record


def _both(body: bytes):
    out = []
    for fn in (lambda b: record.decode_batch(b), lambda b: decode_stepwise(b, 1000)[0]):
        try:
            recs = fn(body)
            out.append(("ok", [record.encode(r) for r in recs if r.id.startswith("t")]))
        except record.RecordInvalid as exc:
            out.append(("invalid", exc.errors))
        except record.MalformedJSON:
            out.append(("malformed", None))
    return out


BODIES = [
    [make_record(i) for i in range(5)],
    [make_record(1), make_record(2, date="2011-13"), make_record(3, participants=[{"name": "x", "country": "ZZ"}])],
    [make_record(1), {"kind": "signing"}, make_record(3, sectors=["ict", "ict"])],
    [make_record(1), 7, "x"],
    [make_record(1, participants="nope")],
    [],
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_stepwise_answers_as_the_one_call_decoder(body):
    first, second = _both(json.dumps(body).encode())
    assert first == second


@pytest.mark.parametrize("raw", [b"[" * 100_000, b"{", b"[1,", b'{"a": 1}', b"\xff", b'[{"a":' * 50_000])
def test_what_is_not_a_json_array_is_refused_alike(raw):
    first, second = _both(raw)
    assert first[0] == second[0] and first[0] in ("malformed", "invalid")


def test_past_the_item_limit_is_413_before_decoding_records():
    body = b"[" + b",".join([b'"not a record"'] * 1001) + b"]"
    with pytest.raises(Problem) as caught:
        decode_stepwise(body, 1000)
    assert caught.value.status == 413


def test_records_come_with_their_canonical_json():
    recs, encoded = decode_stepwise(json.dumps([make_record(1), make_record(2)]).encode(), 1000)
    assert encoded == [record.encode(r) for r in recs] and [r.id for r in recs] == ["test-1", "test-2"]
