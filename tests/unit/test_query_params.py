"""Query-parameter parsing of the query service (the exports: test_exports.py)."""

from __future__ import annotations

import pytest
from multidict import MultiDict

from services.query import params
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
