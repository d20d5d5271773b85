"""The EDTF subset of DESIGN.md §3 and §9: bounds, precision, qualifiers, rejections."""

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.edtf import EDTFDate, EDTFError, parse, parse_bound, today_utc

D = dt.date

# text, start, end, precision, uncertain, approximate
ACCEPTED = [
    ("2018-06-22", D(2018, 6, 22), D(2018, 6, 22), "day", False, False),
    ("2008-12", D(2008, 12, 1), D(2008, 12, 31), "month", False, False),
    ("2014", D(2014, 1, 1), D(2014, 12, 31), "year", False, False),
    ("2010?", D(2010, 1, 1), D(2010, 12, 31), "year", True, False),
    ("2008-12~", D(2008, 12, 1), D(2008, 12, 31), "month", False, True),
    ("2018-06-22%", D(2018, 6, 22), D(2018, 6, 22), "day", True, True),
    ("201X", D(2010, 1, 1), D(2019, 12, 31), "year", False, False),
    ("20XX", D(2000, 1, 1), D(2099, 12, 31), "year", False, False),
    ("201X?", D(2010, 1, 1), D(2019, 12, 31), "year", True, False),
    ("2017-XX", D(2017, 1, 1), D(2017, 12, 31), "year", False, False),
    ("2017-XX-XX", D(2017, 1, 1), D(2017, 12, 31), "year", False, False),
    ("2017-04-XX", D(2017, 4, 1), D(2017, 4, 30), "month", False, False),
    ("2017-04-XX~", D(2017, 4, 1), D(2017, 4, 30), "month", False, True),
    ("2016-02", D(2016, 2, 1), D(2016, 2, 29), "month", False, False),
    ("2015-02", D(2015, 2, 1), D(2015, 2, 28), "month", False, False),
    ("2000-02-29", D(2000, 2, 29), D(2000, 2, 29), "day", False, False),
    ("0001", D(1, 1, 1), D(1, 12, 31), "year", False, False),
    ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), "day", False, False),
    ("99XX", D(9900, 1, 1), D(9999, 12, 31), "year", False, False),
    ("001X", D(10, 1, 1), D(19, 12, 31), "year", False, False),
    # intervals: start of A, end of B; precision of A; flags from either end
    ("2017-04-09/2017-04-13", D(2017, 4, 9), D(2017, 4, 13), "day", False, False),
    ("2011/..", D(2011, 1, 1), None, "year", False, False),
    ("2011-05~/..", D(2011, 5, 1), None, "month", False, True),
    ("2017/2017-06", D(2017, 1, 1), D(2017, 6, 30), "year", False, False),
    ("2017-05/2017", D(2017, 5, 1), D(2017, 12, 31), "month", False, False),
    ("2017-04-09/2017-04-09", D(2017, 4, 9), D(2017, 4, 9), "day", False, False),
    ("2010?/2012", D(2010, 1, 1), D(2012, 12, 31), "year", True, False),
    ("2010/2012~", D(2010, 1, 1), D(2012, 12, 31), "year", False, True),
    ("2010~/2012?", D(2010, 1, 1), D(2012, 12, 31), "year", True, True),
    ("201X/2015-06-XX", D(2010, 1, 1), D(2015, 6, 30), "year", False, False),
    ("2019/201X", D(2019, 1, 1), D(2019, 12, 31), "year", False, False),
    # open start: on or before B; no start, B's last day, B's precision and qualifiers
    ("../2023", None, D(2023, 12, 31), "year", False, False),
    ("../2019-05", None, D(2019, 5, 31), "month", False, False),
    ("../2019-05-16~", None, D(2019, 5, 16), "day", False, True),
    ("../201X?", None, D(2019, 12, 31), "year", True, False),
]


@pytest.mark.parametrize(("text", "start", "end", "precision", "unc", "approx"), ACCEPTED)
def test_accepted(text, start, end, precision, unc, approx):
    assert parse(text) == EDTFDate(text, start, end, precision, unc, approx)


# text, a fragment the message must contain
REJECTED = [
    ("", "empty"),
    (" 2017", "spaces"),
    ("2017 ", "spaces"),
    ("2017\n", "spaces"),
    ("2017 /2018", "spaces"),
    ("201x", "upper-case X"),
    ("2017-xx", "upper-case X"),
    ("2017-02-30", "2017-02-30 is not a calendar date"),
    ("2015-02-29", "2015-02-29 is not a calendar date"),
    ("1900-02-29", "1900-02-29 is not a calendar date"),
    ("2017-04-31", "not a calendar date"),
    ("2017-04-00", "not a calendar date"),
    ("2017-13", "no month 13"),
    ("2017-00-05", "no month 00"),
    ("0000", "0001 to 9999"),
    ("0000-05-01", "0001 to 9999"),
    ("000X", "0001 to 9999"),
    ("00XX", "0001 to 9999"),
    ("10000", "exactly 4 digits"),
    ("017", "exactly 4 digits"),
    ("17-04-09", "exactly 4 digits"),
    ("2XXX", "X may stand only"),
    ("XXXX", "X may stand only"),
    ("2017-1X", "X may stand only"),
    ("2017-XX-05", "X may stand only"),
    ("2017-04-1X", "X may stand only"),
    ("201X-04", "X may stand only"),
    ("201X-XX", "X may stand only"),
    ("2010??", "one qualifier"),
    ("2010?~", "one qualifier"),
    ("2010?-05", "one qualifier"),
    ("?2010", "one qualifier"),
    ("2017-4-9", "not a supported date"),
    ("2017/04/09", "not a supported date"),
    ("20170409", "exactly 4 digits"),
    ("2017-04-09T10:00", "not a supported date"),
    ("2017-W15", "not a supported date"),
    ("2017-21", "no month 21"),  # EDTF seasons are not in the subset
    ("-2017", "not a supported date"),
    ("+2017", "not a supported date"),
    ("..", "not a supported date"),
    ("2017..2018", "not a supported date"),
    ("[2017,2018]", "not a supported date"),
    ("٢٠١٧", "not a supported date"),  # Arabic-Indic digits are not ASCII digits
    ("2017-04-09/13", "'2017-04-09/13': write both ends of an interval in full"),
    ("2017-04-09/04-13", "write both ends of an interval in full"),
    ("2017/18", "write both ends of an interval in full"),
    ("2017-04-09/2017-04-01", "interval ends (2017-04-01) before it starts (2017-04-09)"),
    ("2018/2017-06", "interval ends (2017-06) before it starts (2018)"),
    ("2020/201X", "interval ends (201X) before it starts (2020)"),
    ("../..", "cannot be open at both ends"),
    ("../2011-02-30", "2011-02-30 is not a calendar date"),
    ("../11", "exactly 4 digits"),
    ("../", "needs both ends"),
    ("2011/", "needs both ends"),
    ("/2011", "needs both ends"),
    ("/", "needs both ends"),
    ("2011/..?", "not a supported date"),
    ("2011/2012/2013", "not a supported date"),
    ("2017-02-30/2017-03", "2017-02-30 is not a calendar date"),
    ("2017/2018-13", "no month 13"),
]


@pytest.mark.parametrize(("text", "fragment"), REJECTED)
def test_rejected(text, fragment):
    with pytest.raises(EDTFError) as info:
        parse(text)
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError)


def test_non_string_rejected():
    with pytest.raises(EDTFError):
        parse(2017)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2014", D(2014, 1, 1), D(2014, 12, 31)),
        ("2016-02", D(2016, 2, 1), D(2016, 2, 29)),
        ("2008-12", D(2008, 12, 1), D(2008, 12, 31)),
        ("2018-06-22", D(2018, 6, 22), D(2018, 6, 22)),
    ],
)
def test_parse_bound(text, first, last):
    assert parse_bound(text) == (first, last)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2010?",
        "2010~",
        "2010%",
        "201X",
        "2017-XX",
        "2017-04-XX",
        "2011/..",
        "2017/2018",
        "2017-02-30",
        "2017-13",
        "0000",
        "10000",
        " 2017",
        "2017 ",
        "2017-4",
        "٢٠١٧",
        None,
    ],
)
def test_parse_bound_rejects(text):
    with pytest.raises(EDTFError):
        parse_bound(text)


def test_today_utc():
    before = dt.datetime.now(dt.UTC).date()
    today = today_utc()
    assert today in (before, dt.datetime.now(dt.UTC).date())  # tolerate passing midnight


# --- properties ---------------------------------------------------------------------------

QUALIFIER = st.sampled_from(["", "?", "~", "%"])


@st.composite
def dates(draw):
    """(text, expected start, expected end, expected precision) of a random valid date."""
    year = draw(st.integers(1, 9999))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.integers(1, last))
    q = draw(QUALIFIER)
    forms = [
        (f"{year:04d}", D(year, 1, 1), D(year, 12, 31), "year"),
        (f"{year:04d}-XX", D(year, 1, 1), D(year, 12, 31), "year"),
        (f"{year:04d}-XX-XX", D(year, 1, 1), D(year, 12, 31), "year"),
        (f"{year:04d}-{month:02d}", D(year, month, 1), D(year, month, last), "month"),
        (f"{year:04d}-{month:02d}-XX", D(year, month, 1), D(year, month, last), "month"),
        (f"{year:04d}-{month:02d}-{day:02d}", D(year, month, day), D(year, month, day), "day"),
    ]
    if year >= 10:  # 000X would reach year 0000
        decade = year // 10 * 10
        forms.append((f"{year // 10:03d}X", D(decade, 1, 1), D(decade + 9, 12, 31), "year"))
    if year >= 100:
        century = year // 100 * 100
        forms.append((f"{year // 100:02d}XX", D(century, 1, 1), D(century + 99, 12, 31), "year"))
    text, start, end, precision = draw(st.sampled_from(forms))
    return text + q, start, end, precision


@given(dates())
def test_random_dates(case):
    text, start, end, precision = case
    d = parse(text)
    assert d.text == text
    assert (d.start, d.end, d.precision) == (start, end, precision)
    assert d.start <= d.end
    assert d.uncertain == text.endswith(("?", "%"))
    assert d.approximate == text.endswith(("~", "%"))


@given(dates(), dates())
def test_random_intervals(first, second):
    a, b = parse(first[0]), parse(second[0])
    text = f"{a.text}/{b.text}"
    if b.end < a.start:
        with pytest.raises(EDTFError, match="before it starts"):
            parse(text)
        return
    d = parse(text)
    assert d.text == text
    assert (d.start, d.end, d.precision) == (a.start, b.end, a.precision)
    assert d.uncertain == (a.uncertain or b.uncertain)
    assert d.approximate == (a.approximate or b.approximate)
    opened = parse(f"{a.text}/..")
    assert (opened.start, opened.end, opened.precision) == (a.start, None, a.precision)


@given(st.text(max_size=25))
def test_anything_else_is_accepted_or_a_clear_error(text):
    try:
        d = parse(text)
    except EDTFError as e:
        assert str(e)
    else:
        assert d.text == text
        assert d.end is None or d.start <= d.end
