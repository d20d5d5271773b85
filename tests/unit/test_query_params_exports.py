"""Query-parameter parsing and the CSV / TimelineJS exports of the query service."""

from __future__ import annotations

import csv
import io

import pytest
from multidict import MultiDict

from services.query import exports, params
from services.query.projections.country_timeline import Filters
from shared.problems import Problem


def q(**kw) -> MultiDict:
    return MultiDict({k.rstrip("_"): v for k, v in kw.items()})


def test_filters_defaults_and_window_bounds():
    assert params.filters(q(), default_status=None) == Filters()
    assert params.filters(q(), default_status="occurred").status == "occurred"
    assert params.filters(q(status="all"), default_status="occurred").status is None
    f = params.filters(q(from_="2010-02", to="2011", match="within", partner="by", kind="visit", sector="ai"),
                       default_status=None)
    assert f == Filters(partner="BY", window=("2010-02-01", "2011-12-31"), match="within", kind="visit", sector="ai")
    assert params.filters(q(to="2012-02"), default_status=None).window == ("0000-00-00", "2012-02-29")
    assert params.filters(q(from_="2012"), default_status=None).window == ("2012-01-01", "9999-99-99")
    # from's first day equal to to's last day is fine
    assert params.filters(q(from_="2012-05-05", to="2012-05-05"), default_status=None).window == ("2012-05-05", "2012-05-05")


@pytest.mark.parametrize("bad", [
    {"from_": "2010?"}, {"from_": "201X"}, {"to": "2010/2011"}, {"from_": "2011", "to": "2010-12-31"},
    {"kind": "foo"}, {"match": "x"}, {"status": "x"}, {"sector": "nope"}, {"partner": "XX"}, {"partner": "KOR"},
    {"partner": "12"},
])
def test_bad_filter_values_are_422(bad):
    with pytest.raises(Problem) as err:
        params.filters(q(**bad), default_status=None)
    assert err.value.status == 422 and err.value.errors[0]["path"].startswith("query.")


def test_integers_as_of_and_cursor():
    assert params.integer(q(limit="1000"), "limit", 100, 1, 1000) == 1000
    for bad in ("1001", "0", "-1", "1.5", "x", ""):
        with pytest.raises(Problem):
            params.integer(q(limit=bad), "limit", 100, 1, 1000)
    assert params.as_of(q(as_of="42")) == 42
    assert params.as_of(q(as_of="2026-01-01T09:00:00+09:00")) == "2026-01-01T00:00:00.000000Z"
    assert params.as_of(q(as_of="2026-01-01T00:00:00.5Z")) == "2026-01-01T00:00:00.500000Z"
    for bad in ("2026-01-01", "2026-01-01T00:00:00", "yesterday", "-3", "0001-01-01T00:00:00+01:00"):
        with pytest.raises(Problem):
            params.as_of(q(as_of=bad))
    key = ("2010-01-01", "9999-99-99", 17)
    assert params.decode_cursor(q(cursor=params.encode_cursor(key))) == key
    for bad in ("x", "", "WzEsMiwzXQ"):
        with pytest.raises(Problem):
            params.decode_cursor(q(cursor=bad))


ITEM = {
    "id": "e1", "kind": "visit", "status": "occurred", "date": "2017-04-09/2017-04-13", "start": "2017-04-09",
    "end": "2017-04-13", "title": 'Delegation, "quoted"\nsecond line', "summary": "요약",
    "countries": ["BY", "KR"], "sectors": ["ai", "ict"],
    "participants": [{"name": "과기정통부", "name_en": "MSIT", "country": "KR"}, {"name": "NASB", "country": "BY"}],
    "sources": [{"url": "https://example.org/a"}, {"publisher": "연합뉴스"}],
}


def test_csv_is_rfc4180_with_the_contract_columns():
    text = exports.csv_text([ITEM, {**ITEM, "id": "e2", "date": "2011/..", "end": None}])
    assert text.startswith("id,date,start,end,kind,status,title,countries,participants,sectors,sources\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["e1", "2017-04-09/2017-04-13", "2017-04-09", "2017-04-13", "visit", "occurred",
                       'Delegation, "quoted"\nsecond line', "BY; KR", "과기정통부 / MSIT (KR); NASB (BY)", "ai; ict",
                       "https://example.org/a; 연합뉴스"]
    assert rows[2][3] == "" and len(rows) == 3


def test_timelinejs_known_parts_only():
    doc = exports.timelinejs([ITEM, {**ITEM, "id": "e2", "date": "2008-12~", "summary": None},
                              {**ITEM, "id": "e3", "date": "201X/2021-06", "countries": ["KR"]}], "Korea", "KR")
    assert doc["title"] == {"text": {"headline": "Korea"}}
    one, two, three = doc["events"]
    assert one == {"unique_id": "e1", "start_date": {"year": 2017, "month": 4, "day": 9},
                   "end_date": {"year": 2017, "month": 4, "day": 13}, "display_date": "2017-04-09/2017-04-13",
                   "text": {"headline": ITEM["title"], "text": "요약"}, "group": "Belarus"}
    assert two["start_date"] == {"year": 2008, "month": 12} and "end_date" not in two and "text" not in two["text"]
    assert three["start_date"] == {"year": 2010} and three["end_date"] == {"year": 2021, "month": 6}
    assert "group" not in three  # a domestic event has no partner
    assert exports.timelinejs([ITEM], "x", "BY", "KR")["events"][0]["group"] == "South Korea"
