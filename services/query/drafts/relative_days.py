"""Days counted from the publication day: "24일", "지난 20일", "오는 29일", "on Saturday",
"last week", "yesterday". The publication date is the resolver's `Reference` (dates.py).
"""

from __future__ import annotations

import datetime

from services.query.drafts.date_forms import Atom
from services.query.drafts.edtf_points import Point, Span, clamp_day, month_shift


def resolve_day(a: Atom, ref, future: bool, nearest: bool = False) -> Span | None:
    """A day of the month with no month given: "24일", "지난 20일", "오는 29일". `nearest`: in a
    line without tense, the publication month's day up to a week after the publication day, else
    last month's ("5일" on the 4th is tomorrow, "3일" on the 24th this month's, "28일" on the 2nd last month's)."""
    if ref is None or ref.m is None:
        return None
    if ref.d is None:  # only the publication month is known: assume it, and say so
        d = clamp_day(ref.y, ref.m, a.d)
        return Span.of(Point(ref.y, ref.m, d, "?")) if d else None
    mode = a.day_mod or ("future" if future else "nearest" if nearest else "past-or-today")
    if mode == "nearest":  # a brief's list of the days around it: this month's, up to a week ahead
        shift = 0 if a.d <= ref.d + 7 else -1
        y, m = month_shift(ref.y, ref.m, shift)
        d = clamp_day(y, m, a.d)
        return Span.of(Point(y, m, d, "?" if ref.uncertain else "")) if d else None
    if mode == "past":
        shift = 0 if a.d < ref.d else -1
    elif mode == "future":  # a plan for the publication day itself ("24일 … 둘러볼 예정" on the 24th) is that day
        shift = 0 if a.d > ref.d or a.d == ref.d and a.day_mod is None else 1
    elif mode == "this":
        shift = 0
    else:
        shift = 0 if a.d <= ref.d else -1
    y, m = month_shift(ref.y, ref.m, shift)
    d = clamp_day(y, m, a.d)
    return Span.of(Point(y, m, d, "?" if ref.uncertain else "")) if d else None


def resolve_days(a: Atom, ref, future: bool, nearest: bool = False) -> Span | None:
    """Yesterday, on Saturday, last week: need the publication day itself. `nearest`: a bare weekday (a plan
    called off, a line without tense) is the nearest such day, ahead or past ("was due to open on Wednesday,
    … said on Monday": two days on)."""
    day = ref.day() if ref else None
    if day is None:
        return None
    q = "?" if ref.uncertain else ""
    if a.rel_day is not None:
        return Span.of(_day(day + datetime.timedelta(days=a.rel_day), q))
    if a.rel_week is not None:
        monday = day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=a.rel_week)
        return Span(_day(monday, q), _day(monday + datetime.timedelta(days=6), q))
    delta = a.weekday - day.weekday()
    # a planned "on Wednesday" in a story of a Wednesday is that day; "next Wednesday" is a week on
    mode = a.day_mod if a.day_mod in ("past", "future", "this") else (
        "today-or-future" if future else "nearest" if nearest else "past-or-today")
    if mode == "nearest":
        delta = min((delta - 7, delta, delta + 7), key=lambda x: (abs(x), x))
    # "last Monday" said on a Tuesday is the Monday of the week before ("yesterday" says the day before), as
    # "next Wednesday" said on a Tuesday is the Wednesday of the week after; writers differ (the most recent
    # Monday, a text written a day before it was published), so that reading is uncertain
    if mode == "past":
        q = "?" if delta == -1 else q
        delta = delta - 7 if delta >= -1 else delta
    elif mode == "future":
        q = "?" if delta == 1 else q
        delta = delta + 7 if delta <= 1 else delta
    elif mode == "today-or-future":
        delta = delta + 7 if delta < 0 else delta
    elif mode == "past-or-today":
        delta = delta - 7 if delta > 0 else delta
    return Span.of(_day(day + datetime.timedelta(days=delta), q))


def _day(d: datetime.date, q: str) -> Point:
    return Point(d.year, d.month, d.day, q)
