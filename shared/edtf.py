"""The EDTF (ISO 8601-2) subset Coopline accepts for dates — DESIGN.md §3 and §9.

`parse` turns a date or interval into strict day bounds; `parse_bound` reads the plain
`from`/`to` query parameters. Errors are `EDTFError`s with messages fit for a 422 body.
"""

from __future__ import annotations

import calendar
import datetime
import re
import time
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["EDTFError", "EDTFDate", "parse", "parse_bound", "today_utc"]

_FORMS = ("use YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ?, ~ or %, or an interval A/B "
          "(A/.. when the end is open, ../B when the start is)")

# One date. The regex itself encodes where X may stand, so nothing else needs checking:
# the last one or two year digits (then nothing may follow), the whole month (then the day
# is absent or XX), or the whole day. Groups: y|yx year, m month, d day (None when absent
# or XX), q qualifier.
_DATE = re.compile(
    r"(?:(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?:(?P<d>\d\d)|XX))?|XX(?:-XX)?))?"
    r"|(?P<yx>\d\d(?:\dX|XX)))(?P<q>[?~%])?",
    re.ASCII,  # \d must not match other scripts' digits
)
# `from`/`to` query parameters: plain dates, no qualifier, no X.
_PLAIN = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", re.ASCII)
# An abbreviated interval end, like the '13' of '2017-04-09/13' or '04-13'.
_SHORT_END = re.compile(r"\d{1,2}(?:-\d{1,2})?[?~%]?", re.ASCII)
_LEADING_DIGITS = re.compile(r"[0-9]*")
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # monthrange() is slower


class EDTFError(ValueError):
    """A date outside the accepted subset; str(e) says why, for people."""


@dataclass(frozen=True, slots=True)
class EDTFDate:
    text: str  # the original string, unchanged
    start: datetime.date | None  # earliest day it can mean; None when the start is open ('../B')
    end: datetime.date | None  # latest day; None when the interval end is open ('A/..')
    precision: str  # 'year' | 'month' | 'day' — of the start (of an open start: of B)
    uncertain: bool  # '?' or '%' on the date or on either end of an interval
    approximate: bool  # '~' or '%' likewise


def _bounds(y0: int, y1: int, m: str | None, d: str | None, s: str):
    """(first day, last day, precision) of years y0..y1 narrowed by month/day digits."""
    if y0 == 0:  # also catches 000X / 00XX, which would reach year 0000
        raise EDTFError(f"'{s}': years run from 0001 to 9999")
    if m is None:
        return datetime.date(y0, 1, 1), datetime.date(y1, 12, 31), "year"
    month = int(m)
    if not 1 <= month <= 12:
        raise EDTFError(f"'{s}': there is no month {m}")
    last = 29 if month == 2 and calendar.isleap(y0) else _MONTH_DAYS[month]
    if d is None:
        return datetime.date(y0, month, 1), datetime.date(y0, month, last), "month"
    if not 1 <= int(d) <= last:
        raise EDTFError(f"{y0:04d}-{m}-{d} is not a calendar date")
    day = datetime.date(y0, month, int(d))
    return day, day, "day"


def _why_not(s: str) -> str:
    """Explain why `s` failed the date regex (the unhappy path only, so no need for speed)."""
    if not s:
        return "empty date"
    if any(c.isspace() for c in s):  # leading/trailing too: the text is kept exactly as given
        return f"'{s}': a date may not contain spaces"
    if "x" in s:
        return f"'{s}': write unspecified digits as upper-case X"
    if any(c in "?~%" for c in s[:-1]):
        return f"'{s}': one qualifier (?, ~ or %) at most, at the very end of a date"
    if "X" in s:
        return (
            f"'{s}': X may stand only for the last one or two digits of the year, "
            "the whole month or the whole day"
        )
    if len(_LEADING_DIGITS.match(s).group()) not in (0, 4):
        return f"'{s}': the year must have exactly 4 digits (0001-9999)"
    return f"'{s}' is not a supported date: {_FORMS}"


def _single(s: str):
    m = _DATE.fullmatch(s)
    if m is None:
        raise EDTFError(_why_not(s))
    y, q = m["y"] or m["yx"], m["q"]
    # 201X spans 2010..2019 and 20XX 2000..2099; for a plain year the replaces do nothing.
    start, end, precision = _bounds(
        int(y.replace("X", "0")), int(y.replace("X", "9")), m["m"], m["d"], s
    )
    return start, end, precision, q in ("?", "%"), q in ("~", "%")


@lru_cache(maxsize=65536)  # a log repeats the same dates over and over (tens of thousands of days)
def parse(text: str) -> EDTFDate:
    """Parse an accepted EDTF date or interval into strict bounds; raise EDTFError."""
    if not isinstance(text, str):
        raise EDTFError("a date must be a string")
    a, slash, b = text.partition("/")
    if not slash:
        start, end, precision, unc, approx = _single(text)
        return EDTFDate(text, start, end, precision, unc, approx)
    if "/" in b:  # e.g. 2017/04/09: a slashed date, not an interval
        raise EDTFError(f"'{text}' is not a supported date: {_FORMS}")
    if not a or not b:
        raise EDTFError(f"'{text}': an interval needs both ends (write '..' for an open end)")
    if a == "..":  # open start: on or before B, start unknown
        if b == "..":
            raise EDTFError(f"'{text}': an interval cannot be open at both ends")
        _, end, precision, unc, approx = _single(b)
        return EDTFDate(text, None, end, precision, unc, approx)
    if _SHORT_END.fullmatch(b):
        raise EDTFError(f"'{text}': write both ends of an interval in full")
    start, _, precision, unc, approx = _single(a)
    if b == "..":
        return EDTFDate(text, start, None, precision, unc, approx)
    _, end, _, b_unc, b_approx = _single(b)
    # Invalid only when nothing of B can follow anything of A (so 2017/2017-06 is fine).
    if end < start:
        raise EDTFError(f"interval ends ({b}) before it starts ({a})")
    return EDTFDate(text, start, end, precision, unc or b_unc, approx or b_approx)


def parse_bound(text: str) -> tuple[datetime.date, datetime.date]:
    """(first day, last day) of a `from`/`to` parameter: YYYY, YYYY-MM or YYYY-MM-DD only."""
    m = _PLAIN.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise EDTFError(f"'{text}': use YYYY, YYYY-MM or YYYY-MM-DD (no qualifier, X or interval)")
    y = int(m[1])
    start, end, _ = _bounds(y, y, m[2], m[3], text)
    return start, end


_today: tuple[float, datetime.date | None] = (0.0, None)  # (the UTC midnight it ends at, the day)


def today_utc() -> datetime.date:
    """Today in UTC: an `occurred` event may not start after this day (computed once a day)."""
    global _today
    now = time.time()
    until, day = _today
    if not until - 86400 <= now < until or day is None:  # a new day (or the clock was set back)
        day = datetime.datetime.fromtimestamp(now, datetime.UTC).date()
        _today = (now - now % 86400 + 86400, day)
    return day
