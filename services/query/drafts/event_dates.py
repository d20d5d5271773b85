"""The date of a detected event: which of a sentence's dates belongs to its predicate, and
what an undated sentence borrows from the paragraph or the event before.
"""

from __future__ import annotations

import datetime
import re

from services.query.drafts.edtf_points import Span


def _truncate(span: Span, role: str) -> Span:
    """"같은 달" after "지난달 29일" is that month; "같은 해" that year; "이날" the day itself."""
    p = span.start or span.end
    if role == "same-month" and p.m is not None:
        return Span.of(type(p)(p.y, p.m, None, p.q))
    if role == "same-year":
        return Span.of(type(p)(p.y, None, None, p.q))
    if role == "same-week" and p.d is not None:  # Monday to Sunday of that day's week
        monday = p.first() - datetime.timedelta(days=p.first().weekday())
        sunday = monday + datetime.timedelta(days=6)
        return Span(type(p)(monday.year, monday.month, monday.day, p.q), type(p)(sunday.year, sunday.month, sunday.day, p.q))
    return span


# A span of years directly before a name ("2017-2019 벨라루스-한국 정보기술협력센터") names it.
_NAME_YEARS = re.compile(r"\s*[가-힣A-Za-z\"'“‘]")
_NOT_NAME = re.compile(r"\s*(?:년|에|부터|까지|동안|간|사이)")


# "…개소했다고 23일 밝혔다": the date of the report, not of the event.
_REPORTED = re.compile(r"\s*(?:오전|오후)?\s*(?:밝혔|말했|전했|설명했|발표했|강조했|덧붙였|알렸|[가-힣]+에 따르면)")


# "…, the ministry said on Monday": the date of the report, not of the event.
_REPORTED_EN = re.compile(r"\b(?:said|says|announced|reported|told reporters|stated|added|noted|confirmed)\s+"
                          r"(?:on\s+|late\s+|earlier\s+)?$")


_AS_THEN = re.compile(r"\s*,\s*(?:just\s+)?as\s+")


def _dateline(s, m) -> bool:
    """"Seoul, 14 April 2025 - …", "(서울=연합뉴스) …": where and when the story was filed — a place
    before the date; "* 25 February 2027 — Forum in Tunis" (a bullet at most before it) is a list item's date."""
    return m.start < 40 and re.match(r"\s*[-–—]\s", s.text[m.end:m.end + 3]) is not None \
        and re.search(r"[^\W\d_]", s.text[:m.start]) is not None


_ANNIVERSARY = re.compile(r"\s*(?:으로|로)\s*\d+\s*(?:년|주년|돌|회|번째)")
_QUOTE_OPENS = ("'", "‘", '"', "“", "「", "『")
_QUOTE_CLOSES = re.compile("[\'’\"”」』]")


# a year after a word that opens a span ("ran from 2023 to 2025"), and a name's next word, capitalised ("2024 Korea–ASEAN")
_SPAN_WORD = re.compile(r"\b(?:from|between|since|in|during|over)\s+$", re.IGNORECASE)
_CAPITALISED = re.compile(r"\s*[A-Z\"“‘']")


def _names_a_thing(s, m) -> bool:
    """"2017-2019 벨라루스-한국 정보기술협력센터", "2024 한-아세안 과학기술 포럼": years that name a thing."""
    if not (m.span and m.span.start and m.span.end and m.span.start.m is None):
        return False
    if m.role != "range" and not (s.lang == "ko" and m.role == "at" and m.span.single):
        return False
    if _ANNIVERSARY.match(s.text, m.end):
        return True  # "올해로 20년을 맞았다": the year of an anniversary, not of an event
    if not m.relative and s.text[: m.start].rstrip().endswith(_QUOTE_OPENS) \
            and _QUOTE_CLOSES.search(s.text, m.end):  # (not a quotation the sentence opens and leaves open)
        return True  # "'2026년 아프리카 과학기술협력 전략 설명회'를": the year opens a quoted title
    if m.relative or s.text[m.start:m.end].endswith("년"):
        return False  # "지난해 포럼은", "2027년 서울에서": a date said as one, not a name's year
    after = s.text[m.end:m.end + 6]
    if s.lang == "en" and (_SPAN_WORD.search(s.text, max(0, m.start - 16), m.start) or not _CAPITALISED.match(after)):
        return False  # "which ran from 2023 to 2025 and trained …": a span said as one; a name's word is capitalised
    return bool(_NAME_YEARS.match(after)) and not _NOT_NAME.match(after)


# the date a plan called off or moved had first, in Korean: "당초 이달 말로 예정됐던 …", "당초 8월 27일 … 열릴 예정이었던"
_FIRST_DATE_KO = re.compile(r"(?:당초|애초|원래|본래)(?:에는|엔|는)?\s*$")
_PLANNED_KO = re.compile(r"예정|계획")


# the date a plan called off or moved had first: "(originally) scheduled for", "set for", "planned for 9 December"
_FIRST_DATE_EN = re.compile(r"\b(?:scheduled|set|planned|slated|due|expected)\s+(?:to\s+(?:take\s+place|be\s+held|"
                            r"open|start|begin)\s+)?(?:for|on|in)\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$", re.IGNORECASE)


_OTHERS_YEAR = re.compile(r"\s?(?:체결|서명|맺|조인|설립|출범|개소|개관|발효)")


_REL_PERIOD = re.compile(r"(?:earlier\s+|later\s+)?(?:last|past|previous|this|current|next|coming)\s+(?:week|month|year)",
                         re.IGNORECASE)


def _holds_told_days(s, m, usable) -> bool:
    """"Last week, from 15 to 17 July, …", "this week, from 11 to 13 May": a relative week, month or year right
    beside days that lie within it only says when those days were."""
    if not m.relative or m.span is None or m.span.start is None or m.span.end is None \
            or not _REL_PERIOD.fullmatch(s.text[m.start:m.end]):
        return False
    for o in usable:
        if o is m or o.span is None or o.span.start is None or o.span.start.d is None or o.span.end is None:
            continue
        gap = s.text[m.end:o.start] if o.start >= m.end else s.text[o.end:m.start]
        if re.fullmatch(r",?\s*(?:(?:from|on|between)\s+)?", gap) \
                and m.span.start.first() <= o.span.start.first() and o.span.end.last() <= m.span.end.last():
            return True
    return False


# a date told as when a clause's event happens ("내년 중에는", "오는 6월에", "2027년께"), not as a modifier of a noun
# ("2030년 목표의 로드맵", "2024년 시작한 연구")
_WHEN_KO = re.compile(r"\s*(?:중\s*)?(?:에|엔|께|경|쯤|부터|중(?![가-힣]))")


def date_for(s, c, trig, mentions, para: Span | None, last: Span | None,
              last_day: Span | None = None, others_told: tuple = ()) -> tuple[Span | None, bool]:
    """The clause's date: a date opening the sentence (a chronicle's "2017 3 민스크에서는…"), else
    the date nearest the predicate on the side the language puts it (before it in Korean,
    after it in English) in the clause, then in the sentence; "이날"/"the same day" takes the
    last event's day; else the paragraph's last date; else the last event's date, uncertain."""
    usable = [m for m in mentions if m.span is not None and not m.role.startswith("same")
              and not _names_a_thing(s, m) and not _dateline(s, m) and not _REPORTED.match(s.text, m.end)
              and not _REPORTED_EN.search(s.text[max(0, m.start - 40):m.start])
              and not (trig.future and m.role == "until" and m.span.start is None)]  # a passed deadline
    if s.lang == "en":  # "last week, from 24 to 27 November", "this week, from 11 to 13 May": the days told
        usable = [m for m in usable if not _holds_told_days(s, m, usable)]
    # "또 29일에는 … 2020년 맺은 양해각서를": a year written right before its predicate is its own
    attached = [m for m in usable if 0 <= trig.start - (m.end + s.start) <= 1 and s.lang == "ko"
                and s.text[m.start:m.end].endswith("년") and c.start <= m.start + s.start]
    if attached:
        return attached[-1].span, False
    if s.lang == "en" and trig.status in ("postponed", "cancelled"):
        # "originally scheduled for July in Seoul, was postponed to November": the plan moved keeps its first date
        first = [m for m in usable if _FIRST_DATE_EN.search(s.text[max(0, m.start - 40):m.start])]
        if first:
            return first[0].span, False
    if s.lang == "ko" and trig.status in ("postponed", "cancelled"):
        # "당초 이달 말로 예정됐던 방문은 … 5월로 연기됐다": the plan moved keeps its first date
        first = [m for m in usable if _FIRST_DATE_KO.search(s.text[max(0, m.start - 8):m.start])
                 and _PLANNED_KO.search(s.text[m.end:m.end + 40])]
        if first:
            return first[0].span, False
    # "2019년 체결된 '…협정'에 따른 첫 공동위원회를 내년 상반기 중 … 열기로": a year written right before
    # another predicate is that one's, when the clause has another date for this one
    others = [m for m in usable if not (s.lang == "ko" and _OTHERS_YEAR.match(s.text, m.end)
                                        and abs(trig.start - (m.end + s.start)) > 2)]
    if others and len(others) < len(usable) and any(c.start <= m.start + s.start < c.end for m in others) \
            and not any(m.role == "until" for m in usable):  # "지난해 8월 시작한 … 12월까지 운영": one span
        usable = others
    opening = [m for m in usable if m.start <= 2 or s.lang == "en" and
               re.fullmatch(r"\s*(?:From|On|In|Between)\s+", s.text[:m.start]) is not None]
    rel = lambda m: m.start + s.start  # noqa: E731
    if opening and s.lang == "ko" and c.start > rel(opening[0]) + 2 \
            and any(c.start <= rel(m) < trig.start and m.role != "until" and _WHEN_KO.match(s.text, m.end) for m in usable):
        opening = []  # "오는 6월에는 … 열 계획이고, 내년 중에는 … 개소하는 방안을": a later clause's own date is its own
    if opening and s.lang == "en" and c.start > rel(opening[0]) + 2 \
            and any(c.start <= rel(m) < c.end and m.role != "until" for m in usable):
        opening = []  # "Yesterday, … held the meeting …, where they agreed to open a call, … funded in 2026": the same
    month = opening[0].span.start if opening and s.lang == "ko" and opening[0].span.single else None
    days = next((m for m in usable if rel(opening[0]) < rel(m) < trig.start and c.start <= rel(m)
                 and m.span.start is not None and m.span.start.d is not None and m.span.end is not None
                 and m.span.end.d is not None and m.role != "until"  # ("2027년까지": no days of that month)
                 and "월" not in s.text[m.start:m.end]), None) if month is not None and month.m is not None \
        and month.d is None else None
    if days is not None:  # "지난달에는 … 23일부터 27일까지 포항을 찾았다": those days of that month
        first, last = days.span.start, days.span.end
        if last.d >= first.d:
            return Span(type(first)(month.y, month.m, first.d, first.q), type(last)(month.y, month.m, last.d, last.q)), False
    year = opening[0].span if opening and s.lang == "ko" and opening[0].span.single and opening[0].span.start is not None \
        and opening[0].span.start.m is None else None
    inner = next((m for m in usable if rel(opening[0]) < rel(m) < trig.start and c.start <= rel(m) and m.role != "until"
                  and m.span.start is not None and m.span.end is not None and m.span.start.m is not None
                  and m.span.start.y == m.span.end.y == year.start.y), None) if year is not None else None
    if inner is not None:  # "올해도 지난 3월부터 8월까지 …": those months of that year
        return inner.span, False
    if opening:
        return opening[0].span, False
    in_clause = [m for m in usable if c.start <= rel(m) < c.end]
    before = [m for m in in_clause if rel(m) < trig.start and m.role != "until"]
    after = [m for m in in_clause if rel(m) >= trig.start and m.role != "until"]
    until = [m for m in in_clause if m.role == "until" and m.span.end is not None]
    if before and until and before[-1].span.start is not None and rel(until[-1]) > rel(before[-1]) \
            and until[-1].span.end.last() >= before[-1].span.start.first():
        return Span(before[-1].span.start, until[-1].span.end), False  # 지난해 8월 시작한 … 12월까지 운영
    if s.lang == "en" and after and until and after[0].span.start is not None and rel(until[-1]) > rel(after[0]) \
            and until[-1].span.end.last() >= after[0].span.start.first():
        return Span(after[0].span.start, until[-1].span.end), False  # "will start in January and run until the end of 2028"
    if s.lang == "en" and not in_clause:
        # "…, officials said yesterday, as a delegation wrapped up a three-day visit": the report's day is the clause's,
        # told with "as" right after it
        frame = next((m for m in mentions if m.span is not None and _REPORTED_EN.search(s.text[max(0, m.start - 40):m.start])
                      and _AS_THEN.fullmatch(s.text[m.end:c.start - s.start])), None)
        if frame is not None:
            return frame.span, False
    earlier = [m for m in usable if rel(m) < c.start and m.role != "until"]
    near = (after[:1], before[-1:]) if s.lang == "en" else (before[-1:], after[:1])
    # "The memorandum was signed in Bangkok by …, and Lee …, who is leading a delegation on a visit that began on
    # Sunday": a later clause's date that tells an event of its own (`others_told`: those clauses) is that event's
    rest = [m for m in usable if m.role != "until" and not (rel(m) >= c.end and any(a <= rel(m) < b for a, b in others_told))]
    for group in (*near, in_clause, earlier[-1:], rest):
        if group:
            return group[0].span, False
    same = next((m for m in mentions if m.role.startswith("same")), None)
    if same is not None and same.role == "same-year" and para is not None and (para.start or para.end) is not None:
        return _truncate(para, same.role), False  # "2023년부터 이어지고 있다. 그해 …": the year the text just named
    if same is not None and (last_day or last) is not None:  # 이날, 같은 달, the same day
        exact = same.role in ("same", "same-week") and last_day
        return _truncate(last_day if exact else last, same.role), False
    if para is not None:
        return para, True
    if last is not None:  # reported together with the last dated event: its date, uncertain
        return last.qualified("?"), True
    return None, True
