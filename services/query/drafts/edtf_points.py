"""Calendar points and spans as the date resolver builds them, and their EDTF text.

A `Point` is a year, month or day with an optional qualifier; a `Span` is one point or an
interval of two, either end of which may be open. Both know their strict day bounds, so a
draft can be compared with other events without parsing its text again.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Point:
    y: int
    m: int | None = None
    d: int | None = None
    q: str = ""  # '', '?' (uncertain), '~' (approximate) or '%' (both)

    def text(self) -> str:
        out = f"{self.y:04d}"
        if self.m is not None:
            out += f"-{self.m:02d}"
            if self.d is not None:
                out += f"-{self.d:02d}"
        return out + self.q

    def first(self) -> datetime.date:
        return datetime.date(self.y, self.m or 1, self.d or 1)

    def last(self) -> datetime.date:
        if self.m is None:
            return datetime.date(self.y, 12, 31)
        if self.d is None:
            return datetime.date(self.y, self.m, calendar.monthrange(self.y, self.m)[1])
        return datetime.date(self.y, self.m, self.d)

    def qualified(self, q: str) -> Point:
        """This point with qualifier `q` added ('?' and '~' together make '%')."""
        if not q or q == self.q:
            return self
        both = set(self.q.replace("%", "?~")) | set(q.replace("%", "?~"))
        return replace(self, q="%" if both == {"?", "~"} else q)


OPEN = None  # an open end of a span ('..')


@dataclass(frozen=True, slots=True)
class Span:
    """One point (`end is start`), or an interval; `start` or `end` None means open ('..')."""

    start: Point | None
    end: Point | None

    @classmethod
    def of(cls, p: Point) -> Span:
        return cls(p, p)

    @property
    def single(self) -> bool:
        return self.start is not None and self.start == self.end

    def text(self) -> str:
        if self.single:
            return self.start.text()
        a = self.start.text() if self.start else ".."
        b = self.end.text() if self.end else ".."
        return f"{a}/{b}"

    def lo(self) -> datetime.date | None:
        return self.start.first() if self.start else None

    def hi(self) -> datetime.date | None:
        return self.end.last() if self.end else None

    def qualified(self, q: str) -> Span:
        if self.single:
            return Span.of(self.start.qualified(q))
        return Span(self.start and self.start.qualified(q), self.end and self.end.qualified(q))


def month_shift(y: int, m: int, by: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + by
    return n // 12, n % 12 + 1


def clamp_day(y: int, m: int, d: int) -> int | None:
    """`d` if month m of year y has it, else None (a day that does not exist is no date)."""
    return d if 1 <= d <= calendar.monthrange(y, m)[1] else None


def part_of_month(y: int, m: int, part: str) -> Span:
    """Early, middle or late month ('초', '중순', 'late'): days 1–10, 11–20, 21–end.

    '초순/중순/하순' name those thirds exactly; '초', '말', 'early', 'late' are looser, so their
    ends carry '~' (approximate)."""
    last = calendar.monthrange(y, m)[1]
    lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part.rstrip("~")]
    q = "~" if part.endswith("~") else ""
    return Span(Point(y, m, lo, q), Point(y, m, hi, q))


def overlaps(a: tuple, b: tuple) -> bool:
    """Do day ranges (lo, hi) overlap? None is open (before everything / after everything)."""
    a_lo, a_hi = a
    b_lo, b_hi = b
    return (a_hi is None or b_lo is None or b_lo <= a_hi) and (b_hi is None or a_lo is None or a_lo <= b_hi)


def bounds_of(text: str) -> tuple[datetime.date | None, datetime.date | None]:
    """Day bounds of an EDTF text this package writes or a record holds (`../B` included)."""
    a, slash, b = text.partition("/")
    if not slash:
        b = a
    return (None if a == ".." else _point_bounds(a)[0], None if b == ".." else _point_bounds(b)[1])


def _point_bounds(s: str) -> tuple[datetime.date, datetime.date]:
    s = s.rstrip("?~%")
    parts = s.split("-")
    y = parts[0]
    if "X" in y:
        return datetime.date(int(y.replace("X", "0")), 1, 1), datetime.date(int(y.replace("X", "9")), 12, 31)
    m = int(parts[1]) if len(parts) > 1 and parts[1] != "XX" else None
    d = int(parts[2]) if len(parts) > 2 and parts[2] != "XX" else None
    p = Point(int(y), m, d if m else None)
    return p.first(), p.last()
