"""The service's canonical JSON is RFC 8785, checked against the independent `rfc8785` package,
and its chain against a second computation (tests/independent_chain.py)."""

from __future__ import annotations

import hashlib
import json

import msgspec
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from services.ingest.store.sealing import seal_stored
from shared import record
from shared.log_chain import (
    GENESIS,
    canonical_ascii_keys,
    canonical_data,
    canonical_json,
    canonical_record,
    link,
    seal,
)
from tests.conftest import make_record
from tests.independent_chain import expected_hashes

HOSTILE = [
    "".join(map(chr, range(0x20))),           # every control character
    "\x7f\x80\x9f\xa0\xad",                   # DEL, C1 controls, NBSP, soft hyphen
    "\u2028\u2029",                           # JSON allows them raw; JavaScript once did not
    "😀𝄞\U0010ffff",                          # non-BMP (surrogate pairs in UTF-16)
    '"\\/"\\\\\\"',                           # quotes, backslashes, a solidus
    "\ud7ff\ue000\ufeff\ufffd\uffff",         # around the surrogate block, BOM, specials
    "과학기술정보통신부 벨라루스 \u00e9\u0301",  # Korean, a combining accent
    "</script><!--",
]
# Keys whose order differs between UTF-16 code units (RFC 8785) and code points.
TRICKY_KEYS = {"\ue000": 1, "😀": 2, "a": 3, "\uffff": 4, "\U00010000": 5, "": 6, "A": 7, "é": 8}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20)


def test_hostile_strings_are_escaped_as_rfc8785_escapes_them():
    for s in HOSTILE:
        assert canonical_json(s) == rfc8785.dumps(s), repr(s)
        assert canonical_json({s: s}) == rfc8785.dumps({s: s}), repr(s)


def test_keys_are_sorted_by_utf16_code_units():
    assert canonical_json(TRICKY_KEYS) == rfc8785.dumps(TRICKY_KEYS)
    assert canonical_json([{"x": TRICKY_KEYS}]) == rfc8785.dumps([{"x": TRICKY_KEYS}])


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_value_of_the_log_s_types(value):
    assert canonical_json(value) == rfc8785.dumps(value)
    assert canonical_data(msgspec.json.encode(value)) == rfc8785.dumps(value)


@settings(max_examples=200, deadline=None)
@given(title=st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=50),
       summary=st.sampled_from(HOSTILE) | st.text(max_size=50),
       name=st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=30))
def test_a_record_struct_encodes_as_its_stored_json_canonicalised(title, summary, name):
    """The append path canonicalises the decoded Record struct directly; that must equal RFC
    8785 of the bytes it stores (and serves)."""
    body = make_record(1, title=title, summary=summary)
    body["participants"][0]["name"] = name
    rec = record.decode_record(json.dumps(body).encode())
    assert canonical_ascii_keys(rec) == rfc8785.dumps(json.loads(record.encode(rec)))


def served(position, rid, subject, version, kind, time, actor, data: bytes) -> dict:
    return {"specversion": "1.0", "id": rid, "source": "coopline/ingest", "type": kind, "subject": subject,
            "time": time, "datacontenttype": "application/json", "position": position,
            "streamversion": version, "actor": actor, "data": json.loads(data)}


def test_the_chain_matches_a_second_computation():
    rows = []
    for n, s in enumerate(HOSTILE, start=1):
        body = record.encode(record.decode_record(json.dumps(make_record(n, title=s)).encode()))
        rows.append((n, f"0190-{n}", f"test-{n}", 1, "coopline.cooperation.recorded",
                     "2026-12-06T05:00:00.000001Z", f"actor {s}", body))
    sealed = seal_stored(GENESIS, rows)
    assert [h for _, h in sealed] == expected_hashes([served(*r) for r in rows])
    assert sealed[0][1] == link(GENESIS, canonical_record(*rows[0][:7], canonical_data(rows[0][7])))


def test_the_append_path_s_seal_is_the_same_hash():
    """`seal` (the append path's shortcut: a byte template) against the general computation."""
    rec = record.decode_record(json.dumps(make_record(1, title=HOSTILE[0])).encode())
    data = canonical_ascii_keys(rec)
    for actor in ["admin", *HOSTILE]:
        args = (7, "0190a3b4-0000-7000-8000-000000000001", "test-1", 2, "coopline.release.tagged",
                "2026-12-06T05:00:00.000001Z", actor)
        assert seal("a" * 64, *args, data) == link("a" * 64, canonical_record(*args, data))
        body = served(*args, data)
        independent = hashlib.sha256(b"a" * 64 + rfc8785.dumps(body)).hexdigest()
        assert seal("a" * 64, *args, data) == independent
