"""Events dated relative to another event the article has dated: "A year before the opening, …",
"Two months after the hub opened, …", "The following spring, …". The phrase opens the sentence
(or its clause); the event it names is the last drafted one of that kind, and the date is that
event's moved by the interval, kept at the precision the interval allows (a month for months)."""

from __future__ import annotations

import datetime
import re

from services.query.drafts.edtf_points import Point, Span
from services.query.drafts.lexicon import KIND_NOUNS_EN

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# the verb an event's kind is told with: "after the hub opened", "before the memorandum was signed"
_VERBS = {"opened": "opening", "inaugurated": "opening", "launched": "opening", "signed": "signing",
          "visited": "visit", "met": "meeting", "started": "project", "began": "project"}
_RELATIVE = re.compile(
    r"^\W*(?:(?P<n>\d{1,2}|" + "|".join(_NUMBERS) + r")\s+(?P<unit>year|month)s?\s+(?P<dir>before|after)\s+"
    r"(?:the|its|their)\s+(?P<what>[\w\- ]{2,60}?)\s*(?:,|$)"
    r"|the\s+(?P<next>following|next|previous|preceding)\s+(?P<part>spring|summer|autumn|fall|winter|year|month)\s*,)",
    re.IGNORECASE)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def _kind_of(what: str) -> str | None:
    """The event kind a phrase names: a noun ("the opening", "the signing") or a verb ("the hub opened")."""
    words = what.lower().split()
    for w in reversed(words):
        if w in _VERBS:
            return _VERBS[w]
    text = " ".join(words)
    for kind, nouns in KIND_NOUNS_EN.items():
        if any(re.search(rf"\b{re.escape(n)}\b", text) for n in nouns):
            return kind
    if words and words[-1].endswith("ing") and words[-1][:-3] + "ed" in _VERBS:
        return _VERBS[words[-1][:-3] + "ed"]
    return None


def _moved(p: Point, months: int) -> Point:
    total = p.y * 12 + (p.m or 1) - 1 + months
    y, m = divmod(total, 12)
    return Point(y, m + 1 if p.m is not None else None, None)


def relative_date(sentence: str, span_of_kind: dict, last: Span | None) -> Span | None:
    """The date of a sentence that opens by dating itself against an event told before; None when
    it does not, or when that event has no date."""
    m = _RELATIVE.match(sentence)
    if m is None:
        return None
    if m.group("next"):
        if last is None or last.start is None or last.end is None:
            return None
        sign = -1 if m.group("next").lower() in ("previous", "preceding") else 1
        ref = last.end if sign > 0 else last.start
        part = m.group("part").lower()
        if part == "year":
            return Span.of(Point(ref.y + sign))
        if part == "month":
            return Span.of(_moved(Point(ref.y, ref.m or 1), sign)) if ref.m is not None else None
        lo, hi = _SEASONS[part]
        month = ref.m or (12 if sign > 0 else 1)
        if sign > 0:
            y = ref.y if month < lo else ref.y + 1
        else:
            y = ref.y if month > (hi if hi > lo else 12) else ref.y - 1
        return Span(Point(y, lo), Point(y + (1 if hi < lo else 0), hi))
    kind = _kind_of(m.group("what"))
    ref_span = span_of_kind.get((kind, False)) if kind else None
    if ref_span is None or ref_span.start is None:
        return None
    n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS[m.group("n").lower()]
    months = n * (12 if m.group("unit").lower() == "year" else 1) * (-1 if m.group("dir").lower() == "before" else 1)
    p = ref_span.start if months < 0 or ref_span.end is None else ref_span.end
    if p.m is None and m.group("unit").lower() == "month":
        return None
    return Span.of(_moved(p, months))


def relative_phrase_end(sentence: str) -> int:
    """Where an opening "Two months after the hub opened," ends (0 when there is none): the event
    it names is the reference, not one of the sentence's own."""
    m = _RELATIVE.match(sentence)
    return m.end() if m is not None and m.group("what") else 0


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_OF_TRIP = re.compile(r"\bon the (?P<day>" + "|".join(_WEEKDAYS) + r"|(?P<end>first|last|final|second)\s+day)\s+of\s+"
                          r"(?:the|our|their|his|her|its|that|this)\s+"
                          r"(?:[\w-]+\s+){0,2}?(?:trip|visit|mission|tour|stay)\b", re.IGNORECASE)


def day_of_trip(clause: str, trip: Span | None) -> Span | None:
    """"On the Wednesday of our trip": that weekday within the trip's days, when the trip was dated
    to the day and has exactly one such weekday; "on the last (first, second) day of the visit": that day of it."""
    m = _DAY_OF_TRIP.search(clause)
    if m is None or trip is None or trip.start is None or trip.end is None or trip.start.d is None \
            or trip.end.d is None:
        return None
    first, last = trip.start.first(), trip.end.last()
    days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    if m.group("end"):
        which = {"first": 0, "second": 1}.get(m.group("end").lower(), -1)
        day = days[which] if len(days) > 1 else None
        return Span.of(Point(day.year, day.month, day.day)) if day else None
    want = _WEEKDAYS.index(m.group("day").lower())
    hits = [d for d in days if d.weekday() == want]
    return Span.of(Point(hits[0].year, hits[0].month, hits[0].day)) if len(hits) == 1 else None


_SPACE = re.compile(r"\s")
# a sentence opening on a day of the event just told, naming no event ("On the second day the directors …
# signed", "둘째 날에는 …")
# (not a time's own day: "On the year's last day")
_DAY_OF_LAST = re.compile(r"\s*(?:On|on)\s+the\s+(?:(?P<en>first|second|third|last|final)|"
                          r"(?!(?:year|month|week|season|term|decade|century)['’]s)[a-z]+['’]s\s+(?P<end>closing|opening|"
                          r"last|final))\s+day\b(?!\s+of\b)|"
                          r"\s*(?:[-–•·○]\s*[^:：\n]{1,30}[:：]\s*)?(?:[가-힣]{1,6}\s+)?"
                          r"(?P<ko>첫날|둘째\s*날|셋째\s*날|마지막\s*날)(?:에는|에|은|엔)?\s")
# (Korean also after the event's noun, "포럼 첫날에는", and after a list item's label, "- 실무협의: 마지막 날 오후에는")


def day_of_last_event(sentence: str, last: Span | None) -> Span | None:
    """"On the second day …" opening a sentence: that day of the event told before, when it was dated to the
    day over more days than that ("On the forum's closing day, …" too)."""
    m = _DAY_OF_LAST.match(sentence)
    if m is None or last is None or last.start is None or last.end is None or last.start.d is None or last.end.d is None:
        return None
    first, end = last.start.first(), last.end.last()
    days = [first + datetime.timedelta(days=i) for i in range((end - first).days + 1)]
    word = _SPACE.sub("", (m.group("en") or m.group("end") or m.group("ko")).lower())
    which = {"first": 0, "opening": 0, "첫날": 0, "second": 1, "둘째날": 1, "third": 2, "셋째날": 2}.get(word, -1)
    if len(days) < 2 or which >= len(days):
        return None
    day = days[which]
    return Span.of(Point(day.year, day.month, day.day))


# a sentence opening on the day after the last day told, naming no date ("The following day, the delegation
# hosted …", "The next day …", "이튿날에는 …")
_DAY_AFTER = re.compile(r"\s*(?:(?:On\s+)?[Tt]he\s+(?:following|next)\s+day\b|(?:이튿날|다음\s*날)(?:에는|에|은|엔)?\s)")


def day_after_last(sentence: str, last_day: Span | None) -> Span | None:
    """"The following day, …" opening a sentence: the day after the last one told, when that was one day."""
    if not _DAY_AFTER.match(sentence) or last_day is None or not last_day.single or last_day.start is None \
            or last_day.start.d is None:
        return None
    day = last_day.start.first() + datetime.timedelta(days=1)
    return Span.of(Point(day.year, day.month, day.day))


# "둘째 날인 13일": a day of the month told as a day of the event before ("심포지엄 둘째 날인 2일, …")
_TOLD_DAY_OF_LAST = re.compile(r"(?:첫날|둘째\s*날|셋째\s*날|넷째\s*날|마지막\s*날)\s*인\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*일")


def told_day_of_last(sentence: str, last: Span | None) -> Span | None:
    """"심포지엄 둘째 날인 13일": the 13th of the event told before over several days — its month, not the one
    the day alone would be read in against the publication day."""
    m = _TOLD_DAY_OF_LAST.search(sentence)
    if m is None or last is None or last.start is None or last.end is None or last.start.d is None or last.end.d is None:
        return None
    first, end = last.start.first(), last.end.last()
    for i in range((end - first).days + 1):
        day = first + datetime.timedelta(days=i)
        if day.day == int(m["d"]):
            return Span.of(Point(day.year, day.month, day.day))
    return None
