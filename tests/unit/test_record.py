"""The record schema, its normalisation and corrections (DESIGN §1, §9)."""

from __future__ import annotations

import json

import pytest

from shared import record
from shared.record import MalformedJSON, RecordInvalid
from tests.conftest import make_record


def enc(obj) -> bytes:
    return json.dumps(obj).encode()


def test_normalises_defaults_and_country_case():
    body = make_record(1)
    body["participants"] = [{"name": "벨라루스 과학아카데미", "country": "by"}]
    rec = record.decode_record(enc(body))
    assert rec.status == "occurred" and rec.lang == "ko"
    p = rec.participants[0]
    assert (p.country, p.type, p.role) == ("BY", "other", "participant")
    data = json.loads(record.encode(rec))
    assert "summary" not in data and data["participants"][0]["country"] == "BY"


def test_canonical_encoding_ignores_key_order_and_case():
    a = make_record(1)
    b = dict(reversed(list(make_record(1).items())))
    b["participants"][1]["country"] = "RU"
    assert record.encode(record.decode_record(enc(a))) == record.encode(record.decode_record(enc(b)))


def test_assigns_an_id_when_absent():
    body = make_record(1)
    del body["id"]
    assert record.decode_record(enc(body)).id


@pytest.mark.parametrize("field, value", [
    ("title", "x" * 501), ("summary", "x" * 5001), ("sectors", ["ict"] * 21),
    ("participants", [{"name": "n", "country": "KR"}] * 101), ("sources", [{"publisher": "p"}] * 21),
    ("lang", "not a tag!"), ("id", "-starts-with-dash"), ("id", "x" * 129),
    ("title_en", ""), ("title_en", "x" * 501), ("status", "delayed"),
    ("sources", [{"publisher": "p", "quote": "q" * 1001}]), ("sources", [{"publisher": "p", "quote": ""}]),
])
def test_limits(field, value):
    with pytest.raises(RecordInvalid) as exc:
        record.decode_record(enc(make_record(1, **{field: value})))
    assert exc.value.errors[0]["path"].startswith(f"$.{field}")


def test_errors_name_nested_paths():
    body = make_record(1)
    body["participants"][1]["country"] = 42
    with pytest.raises(RecordInvalid) as exc:
        record.decode_record(enc(body))
    assert exc.value.errors == [{"path": "$.participants[1].country", "message": "Expected `str`, got `int`"}]


def test_source_published_must_be_edtf():
    with pytest.raises(RecordInvalid) as exc:
        record.decode_record(enc(make_record(1, sources=[{"publisher": "p", "published": "June 2018"}])))
    assert exc.value.errors[0]["path"] == "$.sources[0].published"


def test_place_country_is_checked_and_normalised():
    rec = record.decode_record(enc(make_record(1, place={"city": "Minsk", "country": "by"})))
    assert rec.place.country == "BY"
    with pytest.raises(RecordInvalid):
        record.decode_record(enc(make_record(1, place={"country": "ZZ"})))


def test_malformed():
    for body in (b"", b"{", b"[1,", b"\xff\xfe"):
        with pytest.raises(MalformedJSON):
            record.decode_record(body)


def test_batch_paths_carry_the_index():
    items = [make_record(1), make_record(2, date="2017-02-29"), make_record(3, kind="bad")]
    with pytest.raises(RecordInvalid) as exc:
        record.decode_batch(enc(items))
    assert exc.value.errors[0]["path"] == "$[2].kind"  # structure first (msgspec stops at the first)
    with pytest.raises(RecordInvalid) as exc:
        record.decode_batch(enc(items[:2]))
    assert exc.value.errors[0]["path"] == "$[1].date"


def test_apply_changes_replaces_whole_fields_and_null_removes():
    current = json.loads(record.encode(record.decode_record(enc(make_record(1, summary="s")))))
    rec = record.apply_changes(current, {"sectors": ["ai"], "summary": None})
    assert rec.sectors == ["ai"] and rec.summary is record.UNSET and rec.id == "test-1"
    with pytest.raises(RecordInvalid) as exc:
        record.apply_changes(current, {"date": None})
    assert exc.value.errors[0]["path"] == "$.changes.date"
    with pytest.raises(RecordInvalid) as exc:
        record.apply_changes(current, {"participants": [{"name": "x", "country": "QQ"}]})
    assert exc.value.errors[0]["path"] == "$.changes.participants[0].country"


def test_second_edition_fields_are_kept():
    """postponed, title_en, participant org, source quote and an open start (`../B`)."""
    body = make_record(1, status="postponed", date="../2023", title_en="Korea-Russia innovation platform MOU")
    body["participants"][0]["org"] = "kr.msit"
    body["participants"][1]["org"] = "Q1144569"
    body["sources"][0]["quote"] = "양국은 혁신 플랫폼 MOU를 체결했다."
    rec = json.loads(record.encode(record.decode_record(enc(body))))
    assert rec["status"] == "postponed" and rec["date"] == "../2023"
    assert rec["title_en"] == "Korea-Russia innovation platform MOU"
    assert [p["org"] for p in rec["participants"]] == ["kr.msit", "Q1144569"]
    assert rec["sources"][0]["quote"] == body["sources"][0]["quote"]


def test_records_without_the_new_fields_encode_as_before():
    """Older records stay valid and byte-identical: absent optionals are omitted."""
    rec = json.loads(record.encode(record.decode_record(enc(make_record(1)))))
    assert not {"title_en", "org", "quote"} & (set(rec) | set(rec["participants"][0]) | set(rec["sources"][0]))


@pytest.mark.parametrize("org", ["Q1144569", "ror:05dxps055", "by.nasb", "kr.msit", "kr.korea-railroad"])
def test_org_ids_accepted(org):
    body = make_record(1)
    body["participants"][0]["org"] = org
    assert record.decode_record(enc(body)).participants[0].org == org


@pytest.mark.parametrize("org", ["Q0123", "q42", "ror:15dxps055", "ror:05dxps05", "BY.nasb", "by.", "by.nasb-",
                                 "kor.msit", "by.na sb", "Q1234567890123"])
def test_org_ids_refused(org):
    body = make_record(1)
    body["participants"][0]["org"] = org
    with pytest.raises(RecordInvalid) as exc:
        record.decode_record(enc(body))
    assert exc.value.errors[0]["path"] == "$.participants[0].org"


def test_an_open_start_may_be_occurred_whatever_its_end():
    """`../B` is "on or before B": its start is unknown, so it is never "in the future"."""
    assert record.decode_record(enc(make_record(1, date="../2999"))).date == "../2999"
    with pytest.raises(RecordInvalid):
        record.decode_record(enc(make_record(1, date="2999/..")))
