"""Dates in an article, resolved against its publication date into EDTF with honest precision.

`resolve(text, published, lang=, future=)` finds every date expression (`date_forms.py`),
joins ranges ("9일부터 13일까지", "25~28일", "April 9-13", "다음달부터 10월까지") and resolves
relative words. Rules (docs/drafts.md lists them with examples):

* A day without a month ("24일") is in the publication month when it is not later than the
  publication day, else in the month before; in a sentence about the future it is the next
  such day instead. "지난 20일" is always before, "오는 29일" always after.
* A month without a year is in the publication year, moved a year back (past) or forward
  (future) when the month would otherwise fall on the wrong side of the publication date.
* Relative to a publication date known only to the month or year, the result carries `?`.
* Parts of a month: 초순/중순/하순 are days 1-10/11-20/21-end; the looser 초/중/말, "early",
  "mid", "late" are the same thirds marked approximate (`~`).
* "X까지"/"until X" alone is a deadline (`../X`); "X부터"/"since X" alone is open-ended (`X/..`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from services.query.drafts.date_forms import Atom, atoms
from services.query.drafts.edtf_points import Point, Span, clamp_day, month_shift, part_of_month
from services.query.drafts.relative_days import resolve_day, resolve_days


@dataclass(frozen=True, slots=True)
class Reference:
    """The publication date as the resolver uses it: its first day and its precision."""

    y: int
    m: int | None
    d: int | None
    uncertain: bool

    @classmethod
    def of(cls, published: str | None) -> Reference | None:
        if not published:
            return None
        first = published.split("/")[0]
        m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?([?~%]?)", first)
        if m is None:
            return None
        unc = bool(m[4]) or "/" in published
        return cls(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None, unc)

    def day(self) -> datetime.date | None:
        return datetime.date(self.y, self.m, self.d) if self.m and self.d else None


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # offsets in the text
    end: int
    span: Span | None  # None: a relative date with no publication date to resolve it against
    role: str = "at"  # 'at' | 'range' | 'until' | 'since' | 'same' | 'same-month' | 'same-year' (이날, 같은 달)
    relative: bool = False

    @property
    def text(self) -> str | None:
        return self.span.text() if self.span else None


SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}
_KO_RANGE = re.compile(r"\s*(?:부터|에서)?\s*(?:~|∼|〜|-|–|—|부터)\s*(?:오는\s*)?$")
_EN_RANGE = re.compile(r"\s*(?:-|–|—|to|until|till|through|and|into)\s*$", re.IGNORECASE)
_BARE_DAY_END = re.compile(r"\s*(?:~|∼|-|–|—)\s*(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*일?")
_UNTIL = re.compile(r"\s*(?:까지|until|till|through|by the end)", re.IGNORECASE)
_SINCE_AFTER = re.compile(r"\s*(?:부터|이후|since)")
_SINCE_BEFORE = re.compile(r"(?:since|from|starting)\s*$", re.IGNORECASE)
_UNTIL_BEFORE = re.compile(r"(?:until|till|by)\s*$", re.IGNORECASE)


def _is_relative(a: Atom) -> bool:
    return a.y is None


def _resolve(a: Atom, ref: Reference | None, future: bool, anchor: Point | None = None,
             nearest: bool = False, past: bool = False) -> Span | None:
    # Only what is read off the publication date inherits its uncertainty; "2018년 6월" never does.
    q = anchor.q if anchor is not None else ("?" if ref is not None and ref.uncertain and a.y is None else "")
    if a.y is not None:
        y = a.y
    elif anchor is not None and (a.rel_year is None or ref is None):
        y = anchor.y
    elif anchor is not None:  # "2023년부터 지난해까지": a range's relative year is the publication's, not its start's
        y = ref.y + a.rel_year
    elif ref is None:
        return None
    elif a.rel_year is not None:
        y = ref.y + a.rel_year
    else:
        y = ref.y
    if a.rel_day is not None or a.weekday is not None or a.rel_week is not None:
        return resolve_days(a, ref, future, nearest)
    if a.quarter is not None or a.rel_quarter is not None:
        if a.quarter is not None:
            n = a.quarter
            if a.y is None and a.rel_year is None and ref is not None and ref.m is not None:
                now = (ref.m - 1) // 3 + 1  # "3분기" alone: this year's, or next year's when the sentence looks ahead past it
                y += 1 if future and n < now else -1 if not future and n > now else 0
        elif ref is None or ref.m is None:
            return None
        else:
            k = ref.y * 4 + (ref.m - 1) // 3 + a.rel_quarter
            y, n = k // 4, k % 4 + 1
        return Span(Point(y, 3 * n - 2, None, q), Point(y, 3 * n, None, q))
    if a.part in SEASONS:  # spring, summer, autumn: three months, in the year the sentence's tense points to
        lo, hi = SEASONS[a.part]
        if a.y is None and a.rel_year is None and anchor is None and ref is not None and ref.m is not None:
            y += 1 if future and hi < ref.m else -1 if not future and lo > ref.m else 0
        return Span(Point(y, lo, None, q), Point(y, hi, None, q))
    if a.part in ("year-end", "year-start", "year", "H1", "H2"):
        lo, hi = {"year-end": (12, 12), "year-start": (1, 1), "year": (1, 12), "H1": (1, 6), "H2": (7, 12)}[a.part]
        return Span.of(Point(y, lo, None, q)) if lo == hi else (Span(Point(y, lo, None, q), Point(y, hi, None, q)) if lo != 1 or hi != 12 else Span.of(Point(y, None, None, q)))
    m = a.m
    if m is None and a.rel_month is not None:
        if ref is None or ref.m is None:
            return None
        y, m = month_shift(ref.y, ref.m, a.rel_month)
        q = "?" if ref.uncertain else ""
    elif m is None and a.d is not None:
        if anchor is not None and anchor.m is not None:
            y, m = anchor.y, anchor.m
            if anchor.d is not None and a.d < anchor.d:
                y, m = month_shift(y, m, 1)
        else:
            return resolve_day(a, ref, future, nearest)
    elif m is not None and a.y is None and a.rel_year is None and ref is not None and ref.m is not None and anchor is None:
        ahead = a.day_mod == "future" or future and a.day_mod != "past"  # 오는 12월, 지난 3월
        if a.day_mod == "this":  # "this November": the publication year's, whatever the tense
            pass
        elif a.day_mod == "next":  # "next May": the year after the publication's, as "this May" is its own
            y += 1
        elif a.told_weekday is not None and a.d is not None and ref.d is not None and any(
                _weekday(yy, m, a.d) == a.told_weekday for yy in (ref.y - 1, ref.y, ref.y + 1)):
            # "12월 3일(목)": the year (of the three nearest) whose 3 December is a Thursday, whatever the tense
            y = min((yy for yy in (ref.y - 1, ref.y, ref.y + 1) if _weekday(yy, m, a.d) == a.told_weekday),
                    key=lambda yy: abs(_ordinal(yy, m, a.d) - _ordinal(ref.y, ref.m, ref.d)))
        elif nearest and a.day_mod is None and ref.d is not None:  # a line without tense: the nearest such day
            y = min((ref.y - 1, ref.y, ref.y + 1), key=lambda yy: abs(_ordinal(yy, m, a.d or 15) - _ordinal(
                ref.y, ref.m, ref.d)))
        elif not ahead and (m > ref.m or past and m == ref.m and a.d is not None and ref.d is not None and a.d > ref.d):
            y -= 1  # (a day later in the publication's own month, told in the past tense: "took place from 20 to 31
            #          January" on 10 January is last year's)
        elif ahead and m < ref.m:
            y += 1
    elif m is not None and anchor is not None and a.y is None and a.rel_year is None and anchor.m is not None \
            and m < anchor.m:
        y += 1
    if m is None:
        if a.y is None and a.rel_year is None and anchor is None:
            return None
        return Span.of(Point(y, None, None, q))
    if a.part in ("early", "mid", "late", "early~", "mid~", "late~") and a.d is None:
        return part_of_month(y, m, a.part).qualified(q)
    if a.d is None:
        return Span.of(Point(y, m, None, q))
    d = clamp_day(y, m, a.d)
    return Span.of(Point(y, m, d, q)) if d else None


# the gap between two days each told in brackets after its weekday ("월요일(23일)부터 목요일(26일)까지")
_DAY_IN_BRACKETS = re.compile(r"\s*\(\s*\d{1,2}\s*일\s*\)")
_WEEKDAY_DAY = re.compile(r"\)\s*(?:부터|~|∼|-)\s*[월화수목금토일]요일\s*\(")


def resolve(text: str, published: str | None, *, lang: str = "ko", future: bool = False,
            nearest: bool = False, past: bool = False) -> list[Mention]:
    """Every date mentioned in `text`, resolved against `published` (EDTF) where relative. `nearest`:
    the text has no tense (a verbless list line), so a day or month without a year is the one
    nearest the publication day rather than the last one before it. `past`: the text is told in the past tense, so
    a day later in the publication's month is last year's."""
    ref = Reference.of(published)
    found = atoms(text, lang)
    if lang != "en":  # "월요일(23일)": the weekday names the day in its brackets, no date of its own
        found = [a for a in found if not _DAY_IN_BRACKETS.match(text, a.end)
                 or not re.fullmatch(r"[월화수목금토일]요일", text[a.start:a.end])]
    out: list[Mention] = []
    i = 0
    while i < len(found):
        a = found[i]
        if a.same_day:
            out.append(Mention(a.start, a.end, None, a.same))
            i += 1
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        gap = text[a.end:nxt.start] if nxt else ""
        connector = _KO_RANGE if lang != "en" else _EN_RANGE
        if lang != "en" and _WEEKDAY_DAY.fullmatch(gap):  # "월요일(23일)부터 목요일(26일)까지": the days in brackets
            gap = "부터"
        if lang == "en" and a.rel_week is not None and not a.same_day and nxt is not None and _weekdays(nxt, nxt) \
                and _WEEK_THEN_DAY.fullmatch(gap):
            # "Last week, on Wednesday and Thursday, …", "last week on Tuesday": those days of that week
            third = found[i + 2] if i + 2 < len(found) else None
            third = third if third is not None and _weekdays(third, third) and third.weekday > nxt.weekday \
                and _DAY_AND_DAY.fullmatch(text[nxt.end:third.start]) else None
            span = resolve_days(a, ref, future, nearest)
            if span is not None and span.start is not None:
                monday, q = span.start.first(), span.start.q
                first = monday + datetime.timedelta(days=nxt.weekday)
                last = monday + datetime.timedelta(days=(third or nxt).weekday)
                out.append(Mention(a.start, (third or nxt).end, Span(Point(first.year, first.month, first.day, q),
                                                                     Point(last.year, last.month, last.day, q)),
                                   "range" if third else "at", True))
                i += 3 if third is not None else 2
                continue
        third = found[i + 2] if i + 2 < len(found) else None
        if lang == "en" and a.rel_week is not None and not a.same_day and nxt is not None and third is not None \
                and _weekdays(nxt, third) and _WEEK_CLAUSE_GAP.fullmatch(gap) \
                and connector.match(text[nxt.end:third.start]) and len(text[nxt.end:third.start]) <= 8:
            # "Last week the team crossed into Malawi and spent Monday to Friday in Lilongwe": those days of that week
            mention = _weekday_range(nxt, third, a, ref, future, nearest)
            if mention is not None:
                out.append(Mention(a.start, third.end, mention.span, "range", True))
                i += 3
                continue
        if lang == "en" and nxt is not None and _weekdays(a, nxt) and connector.match(gap) and len(gap) <= 8:
            week = found[i + 2] if i + 2 < len(found) else None
            week = week if week is not None and week.rel_week is not None and not week.same_day \
                and re.fullmatch(r",?\s*(?:of\s+)?", text[nxt.end:week.start]) else None  # "Monday to Thursday of last week"
            mention = _weekday_range(a, nxt, week, ref, future, nearest)
            if mention is not None:  # "from Monday to Thursday this week": both days, in the week told after them
                out.append(mention)
                i += 3 if week is not None else 2
                continue
        if nxt is not None and not nxt.same_day and not nxt.after_previous and connector.match(gap) and len(gap) <= 8:
            mention = _range(text, a, nxt, ref, future, nearest, past)
            if mention is not None:
                out.append(mention)
                i += 2
                continue
        bare = _BARE_DAY_END.match(text, a.end) if a.d is not None else None
        if bare:
            end = Atom(bare.start(), bare.end(), d=int(bare["d"]))
            mention = _range(text, a, end, ref, future, nearest, past)
            if mention is not None:
                out.append(mention)
                i += 1
                continue
        prev = out[-1] if out else None
        prev_atom = found[i - 1] if i else None
        if lang == "en" and a.weekday is not None and a.day_mod is None and a.d is None and prev is not None \
                and prev_atom is not None and prev_atom.weekday is not None and prev.start == prev_atom.start \
                and prev.span is not None and prev.span.single and prev.span.start.d is not None \
                and a.start - prev.end <= 60 and _UNTIL_BEFORE.search(text[max(0, a.start - 8):a.start]):
            # "arrived on Sunday and will stay until Friday": the first Friday after that Sunday
            first = prev.span.start.first()
            last = first + datetime.timedelta(days=(a.weekday - first.weekday()) % 7 or 7)
            out.append(Mention(a.start, a.end, Span(None, Point(last.year, last.month, last.day, prev.span.start.q)),
                               "until", True))
            i += 1
            continue
        if a.after_previous and a.y is None:  # "2016년 … 맺었고, 이듬해 …": the year after that date
            prev = next((m.span.start for m in reversed(out) if m.span is not None and m.span.start is not None), None)
            if prev is not None:
                a = replace(a, y=prev.y + 1, rel_year=None)
        out.append(_single(text, a, ref, future, nearest, past))
        i += 1
    return out


# What lies between a week told first and the days of it a clause names after ("Last week the team … spent ").
# (Not across what is said or planned: "Last week the ministry announced that the team would visit … from Monday to
# Friday" is the days to come.)
_WEEK_CLAUSE_GAP = re.compile(r"(?:(?!\b(?:will|would|shall|said|says|announced|announces|told|plans?|planned|expects?|"
                              r"expected|is to|are to)\b)[^.;!?\n]){0,80}?\b(?:spent|from|between)\s+(?:the\s+)?",
                              re.IGNORECASE)
_WEEK_THEN_DAY = re.compile(r",?\s*(?:on\s+)?", re.IGNORECASE)
_DAY_AND_DAY = re.compile(r"\s*(?:and|to|through|-|–)\s*(?:on\s+)?", re.IGNORECASE)


def _range(text: str, a: Atom, b: Atom, ref, future, nearest: bool = False, past: bool = False) -> Mention | None:
    # Fill what the first end leaves out from the second ("9-13 April 2017", "9 to 13 June").
    if a.m is None and a.rel_month is None and a.y is None and b.m is not None:
        a = Atom(a.start, a.end, y=b.y, m=b.m, d=a.d, rel_year=b.rel_year, day_mod=a.day_mod)
    if future and ref is not None and ref.d is not None and _bare_day(a) and _bare_day(b) and a.d <= ref.d <= b.d:
        future = False  # "16일부터 19일까지 방문한다" published on the 18th: under way this month
    start = _resolve(a, ref, future, nearest=nearest, past=past)
    if start is None or start.start is None:
        return None
    end = _resolve(b, ref, future, anchor=start.start)
    if end is None or end.end is None or end.end.last() < start.start.first():
        return None
    span = Span(start.start, end.end)
    return Mention(a.start, b.end, span, "range", _is_relative(a))


def _weekdays(a: Atom, b: Atom) -> bool:
    return all(x.weekday is not None and x.d is None and x.m is None and x.day_mod is None for x in (a, b))


def _weekday_range(a: Atom, b: Atom, week: Atom | None, ref, future, nearest) -> Mention | None:
    """"from Wednesday to Friday last week", "from Monday to Thursday": the second day is the first such day on or
    after the first one (never the one before, as each read alone against the publication day may be); a week told
    right after them ("this week", "last week") holds both."""
    if week is not None:
        span = resolve_days(week, ref, future, nearest)
        if span is None:
            return None
        monday = span.start.first()
        first = monday + datetime.timedelta(days=a.weekday)
    else:
        span = resolve_days(a, ref, future, nearest)
        if span is None:
            return None
        first = span.start.first()
    last = first + datetime.timedelta(days=(b.weekday - a.weekday) % 7)
    q = span.start.q
    return Mention(a.start, (week or b).end, Span(Point(first.year, first.month, first.day, q),
                                                  Point(last.year, last.month, last.day, q)), "range", True)


def _weekday(y: int, m: int, d: int) -> int | None:
    try:
        return datetime.date(y, m, d).weekday()
    except ValueError:
        return None


def _ordinal(y: int, m: int, d: int) -> int:
    return datetime.date(y, m, clamp_day(y, m, d) or 28).toordinal()


def _bare_day(a: Atom) -> bool:
    return a.d is not None and a.m is None and a.y is None and a.rel_month is None and a.rel_year is None \
        and a.day_mod is None and a.weekday is None and a.rel_day is None


def _single(text: str, a: Atom, ref, future, nearest: bool = False, past: bool = False) -> Mention:
    role = "at"
    if _UNTIL.match(text, a.end) or _UNTIL_BEFORE.search(text[max(0, a.start - 8):a.start]):
        role = "until"
    elif _SINCE_AFTER.match(text, a.end) or _SINCE_BEFORE.search(text[max(0, a.start - 10):a.start]):
        role = "since"
    # (an end still to come is not moved to last year by the past tense of its start: "which started on 5 January,
    # runs until 30 January")
    span = _resolve(a, ref, future, nearest=nearest, past=past and role != "until")
    if span is not None and role == "until":
        # A deadline still ahead runs from the publication day; one already passed is "on or before".
        today = ref.day() if ref else None
        if today is not None and span.end.first() > today:
            span = Span(Point(today.year, today.month, today.day, span.end.q), span.end)
        else:
            span = Span(None, span.end)
    elif span is not None and role == "since":
        span = Span(span.start, None)
    return Mention(a.start, a.end, span, role, _is_relative(a))
