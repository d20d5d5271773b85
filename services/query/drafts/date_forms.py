"""The written forms of dates in Korean and English news, as regular expressions.

Each form yields an `Atom`: the calendar fields it names (year, month, day) and the relative
words it uses ("지난달", "오는", "last month", "on Saturday"). Nothing is resolved here; the
resolver (`dates.py`) turns atoms into EDTF against the publication date. Dates are a formal
notation with a closed set of spellings, which is why regular expressions, not the
morphological analyser, read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_D = r"(?:3[01]|[12]\d|0?[1-9])"
_M = r"(?:1[0-2]|0?[1-9])"
_Y = r"(?:19|20)\d\d"
# A bare number after a year is a month or day only when no counter follows it ("10개 기관").
_NOT_COUNT = (r"(?!\d)(?![.,]\d)(?!\s*(?:개|명|건|곳|억|만|천|원|달러|%|배|차|회|위|시간|분|세|kg|km|번|편|층|종|호|주년|"
              r"년|학년|기관|대학|곳))")

KO_AFTER_PREVIOUS = ("이듬해", "다음해", "다음 해")
KO_REL_YEAR = {"재작년": -2, "지난해": -1, "작년": -1, "전년": -1, "올해": 0, "금년": 0, "올": 0,
               "내년": 1, "이듬해": 1, "다음해": 1, "다음 해": 1}
KO_REL_MONTH = {"지난달": -1, "지난 달": -1, "전달": -1, "이달": 0, "이번 달": 0, "이번달": 0, "금월": 0,
                "다음달": 1, "다음 달": 1, "내달": 1, "익월": 1}
KO_REL_WEEK = {"지난주": -1, "지난 주": -1, "이번 주": 0, "이번주": 0, "금주": 0, "다음주": 1, "다음 주": 1, "내주": 1}
KO_PARTS = {"초순": "early", "초": "early~", "중순": "mid", "중": "mid~", "하순": "late", "말": "late~",
            "상반기": "H1", "하반기": "H2"}
KO_WEEKDAYS = "월화수목금토일"
KO_DAY_MOD = {"지난": "past", "오는": "future", "이번": "this"}
KO_SAME_DAY = ("이날", "당일", "같은 날")
KO_SAME = {"이날": "same", "당일": "same", "같은 날": "same", "같은 달": "same-month", "같은 해": "same-year",
           "그달": "same-month", "그해": "same-year", "이달 들어": None}


@dataclass(frozen=True, slots=True)
class Atom:
    start: int
    end: int
    y: int | None = None
    m: int | None = None
    d: int | None = None
    rel_year: int | None = None  # years from the publication year
    rel_month: int | None = None  # months from the publication month
    rel_week: int | None = None
    rel_day: int | None = None  # days from the publication day (yesterday, tomorrow)
    day_mod: str | None = None  # 'past' | 'future' | 'this' for 지난/오는/이번 + day or weekday; 'next' for "next May"
    weekday: int | None = None  # 0 = Monday
    part: str | None = None  # 'early' | 'mid' | 'late' (with '~' when loose) | 'H1' | 'H2' | 'year-end' | 'year-start'
    same_day: bool = False  # 이날, 당일, the same day
    same: str = "same"  # 'same' | 'same-month' | 'same-year': how much of the date before it repeats
    quarter: int | None = None  # 1-4: "2분기", "the third quarter", "Q3"
    rel_quarter: int | None = None  # quarters from the publication's: "다음 분기", "next quarter"
    after_previous: bool = False  # "이듬해", "the following year": the year after the date told before it
    told_weekday: int | None = None  # "12월 3일(목)": the weekday in brackets after a date, 0 = Monday


def _alts(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# 초/중/말 are parts only before a particle or a break (not 중국, 말했다); the longer forms always are.
_KO_PART = r"(?:\s*(?P<part>초순|중순|하순|상반기|하반기|(?:초|말)(?=\s|$|[에부까께쯤경엔을의로,.])))?"
_KO = [
    # 2018년 6월 22일 · 2008 12 · 2017 4 9일 · 2021 년 · 2022 3 월
    re.compile(rf"(?<![\d.])(?P<y>{_Y})(?!\d)(?:\s*년)?(?:\s*(?P<m>{_M}){_NOT_COUNT}\s*(?:월)?"
               rf"(?:\s*(?P<d>{_D}){_NOT_COUNT}\s*(?:일(?![본자정]))?)?)?{_KO_PART}"),
    # 2018.06.22 · 2018-06-22 · 2018/6/22
    re.compile(rf"(?<![\d.])(?P<y>{_Y})(?P<sep>[./-])(?P<m>{_M})(?P=sep)(?P<d>{_D})(?!\d)\.?"),
    # 2025. 9. 23. · 2025. 9. (a notice's dotted date, spaced)
    re.compile(rf"(?<![\d.])(?P<y>{_Y})\.\s+(?P<m>{_M})\.(?:\s*(?P<d>{_D})\.)?(?!\d)"),
    # 10. 15.(수) (the second end of a notice's range: month and day, told by its weekday)
    re.compile(rf"(?<![\d.])(?P<m>{_M})\.\s*(?P<d>{_D})\.(?=\s*\([{KO_WEEKDAYS}]\))"),
    # 10. 22. · 10.22. (a list item's month and day without a year: "○ 10. 22.: 도지사 접견"); not a
    # decimal ("3.5%", "1.5배"), not a part of a longer dotted number ("1.2.3")
    re.compile(rf"(?<![\d.])(?P<m>{_M})\.\s(?P<d>{_D})(?:\.(?![\d.])|(?=\s*[:：]\s))(?!\s*(?:%|배|명|개))"),
    # …written without the space only where a list line, a bracket or a table's cell puts it ("○ 10.22.",
    # "(10.22.~10.23.)", "| 11.26.")
    re.compile(rf"(?:^|(?<=\n)|(?<=\n\s)|(?<=\n\s\s)|(?<=[○●■□◆◇▶▲△•·*\-–(~∼|]\s)|(?<=[○●■□◆◇▶▲△•·*\-–(~∼|]))"
               rf"(?P<m>{_M})\.(?P<d>{_D})\.(?![\d.])"),
    # 6월 22일 · 10월 말 · 오는 12월
    re.compile(rf"(?:(?P<dmod>{_alts(KO_DAY_MOD)})\s*)?(?<![\d.])(?P<m>{_M})\s*월(?:\s*(?P<d>{_D})\s*일)?{_KO_PART}"),
    # 4 10일 (a month and day whose 월 was lost, as on pages run through a converter)
    re.compile(rf"(?<![\d.])(?P<m>{_M})\s+(?P<d>{_D})\s*일"),
    # 다음 분기 · 이번 분기 · 지난 분기 · 내년 1분기 · 2027년 2분기 · 3분기
    re.compile(r"(?P<rq>지난|이번|다음|오는)\s*분기"),
    re.compile(rf"(?:(?P<ry>{_alts(k for k in KO_REL_YEAR if k != '올')}|올)\s*|(?P<y>{_Y})\s*년\s*)?(?P<qn>[1-4])\s*분기"),
    # 지난해 8월 · 올해 7월 · 올 하반기 · 내년
    re.compile(rf"(?P<ry>{_alts(k for k in KO_REL_YEAR if k != '올')}|올(?=\s*(?:\d|상반기|하반기)))"
               rf"(?:\s*(?P<m>{_M})\s*월(?:\s*(?P<d>{_D})\s*일)?)?{_KO_PART}"),
    # 지난달 29일 · 내달 초 · 이달 중순
    re.compile(rf"(?P<rm>{_alts(KO_REL_MONTH)})(?:\s*(?P<d>{_D})\s*일)?{_KO_PART}"),
    # 지난 20일 · 오는 29일 · 24일
    re.compile(rf"(?:(?P<dmod>{_alts(KO_DAY_MOD)})\s*)?(?<![\d.])(?P<d>{_D})\s*일(?!\s*(?:간|동안|만에|째|일정(?:으로|의)|짜리))(?!자|본|정|반|상|원|대|단|환|치|제|부(?!터))"),
    # 지난 토요일 · 오는 월요일
    re.compile(rf"(?:(?P<dmod>{_alts(KO_DAY_MOD)}|다음)\s*)?(?P<wd>[{KO_WEEKDAYS}])요일"),
    re.compile(rf"(?P<rw>{_alts(KO_REL_WEEK)})"),
    re.compile(r"(?P<ypart>연말|연초|연내)"),
    # 어제 · 오늘 · 내일 (not 오늘날, "nowadays")
    re.compile(r"(?<![가-힣])(?P<rd>그저께|그제|어제|오늘|내일|모레)(?!날|의\s*[가-힣]*(?:세계|현실|시대))"),
    # 전날 (the day before the report): the adverb opening a clause or after a topic or subject ("진흥원은 전날 …"),
    # not a noun's day before ("개막 전날", "그 전날": the day before another event)
    re.compile(r"(?:^|(?<=\n)|(?<=[,(]\s)|(?<=[은는이가도서]\s))(?P<prev>전날)(?![가-힣])"),
    re.compile(rf"(?:(?P<ry>{_alts(KO_REL_YEAR)})\s*)?(?P<season>봄|여름|가을)(?=\s|$|[에께쯤경엔을의로,.])"),
    re.compile(rf"(?P<same>{_alts(k for k, v in KO_SAME.items() if v)})"),
]

MONTHS = {m: i for i, names in enumerate(
    [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
     ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
     ("October", "Oct"), ("November", "Nov"), ("December", "Dec")], start=1) for m in names}
_MON = rf"(?P<mon>{_alts(MONTHS)})\.?(?![a-z])"
WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
EN_REL = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
EN_PARTS = {"early": "early", "beginning of": "early", "mid": "mid", "middle of": "mid", "late": "late",
            "end of": "late"}
_EN_PART = rf"(?:(?P<part>{_alts(EN_PARTS)})[\s-]+)?"
# (a date, not any number: "on Tuesday 40 delegates signed" keeps its Tuesday)
_DATE_NEXT = (rf"(?!,?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:{_alts(MONTHS)})|"
              rf"\s*(?:to|until|through|and|[-–—])\s*\S)|,?\s+the\s+\d{{1,2}}(?:st|nd|rd|th)\b|"
              rf",?\s+(?:{_alts(MONTHS)})\.?\s+\d)")
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
             "twentieth"] + [f"twenty-{o}" for o in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                                     "eighth", "ninth")] + ["thirtieth", "thirty-first"]
_ORDINAL_DAY = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_EN_THIS_YEAR = r"(?:,?\s+(?P<ry>this|last|next)\s+year)?"
_I = re.IGNORECASE
_EN = [
    # 2026-03-05 · 2026/3/5 · 2026.03.05: a numeric date, year first
    re.compile(rf"(?<![\d./-])(?P<iy>{_Y})(?P<isep>[-./])(?P<im>{_M})(?P=isep)(?P<id>{_D})(?![\d/-]|\.\d)"),
    # 05.03.2026: day first when dotted (Europe's way); 13/3/2026 · 3/13/2026: slashed, read only when one of the
    # two cannot be a month (3/5/2026 is March 5 in one country and 3 May in another)
    re.compile(rf"(?<![\d./-])(?P<dd>{_D})\.(?P<dm>{_M})\.(?P<dy>{_Y})(?!\d)"),
    re.compile(rf"(?<![\d./-])(?P<sa>\d{{1,2}})/(?P<sb>\d{{1,2}})/(?P<sy>{_Y})(?![\d/])"),
    # June 22, 2018 · April 19 this year
    re.compile(rf"\b{_MON}\s+(?P<d>{_D})(?:st|nd|rd|th)?\b(?:,?\s*(?P<y>{_Y})\b)?{_EN_THIS_YEAR}"),
    # 22 June 2018 · the 22nd of June · (a treaty's) the 14th day of March 2025
    re.compile(rf"\b(?P<d>{_D})(?:st|nd|rd|th)?\s+(?:day\s+of\s+|of\s+)?{_MON}(?:,?\s*(?P<y>{_Y})\b)?{_EN_THIS_YEAR}"),
    # the first of October · the twenty-first of May 2026: the day spelled as an ordinal
    re.compile(rf"\bthe\s+(?P<dw>{_ORDINAL_DAY})\s+(?:day\s+)?of\s+{_MON}(?:,?\s*(?P<y>{_Y})\b)?{_EN_THIS_YEAR}", _I),
    # June 2018 · early June · in May (a bare month only after a preposition: "may" is a verb)
    re.compile(rf"\b{_EN_PART}{_MON}(?:\s+(?P<y>{_Y})\b|(?=\s+(?:this|last|next)\s+year))?{_EN_THIS_YEAR}"),
    # in 2019 · since 2011 · early 2020
    # (… and opening a sentence: "In 2012 they opened …", "Since 2019, …")
    re.compile(rf"(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bduring\s)|"
               rf"(?<=\bIn\s)|(?<=\bSince\s)|(?<=\bFrom\s)|(?<=\bUntil\s)|(?<=\bBy\s)|(?<=\bDuring\s)|(?<=\bBetween\s)|"
               rf"(?<=\bbetween\s)|(?<=\band\s)|(?<=\bto\s)|(?<=\bthrough\s)|(?<=\bof\s)|(?<=[-–]))"
               rf"{_EN_PART}(?P<y>{_Y})\b"),
    re.compile(rf"\b{_EN_PART}(?P<y>{_Y})\b(?=\s*[-–]|\s+(?:to|and)\s+{_Y})"),
    # last month · this year · next week · earlier this month
    re.compile(r"\b(?:earlier\s+|later\s+)?(?P<rel>last|past|previous|this|current|next|coming)\s+(?P<unit>year|month|week)\b", _I),
    # (a statement's "This morning, the Centre was launched": the day it is issued)
    re.compile(r"\b(?P<rd>yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening))\b", _I),
    # next quarter · the third quarter of 2027 · Q3 2027 · the following year
    re.compile(r"\b(?P<rq>last|this|current|next|coming)\s+quarter\b", _I),
    re.compile(rf"\b(?:the\s+)?(?P<qw>first|second|third|fourth)\s+quarter(?:\s+of\s+(?P<y>{_Y}))?\b|"
               rf"\bQ(?P<qn>[1-4])\s+(?P<y2>{_Y})\b", _I),
    re.compile(r"\b(?P<follow>the following year|the next year|a year later)\b", _I),
    # on Saturday · last Friday · next Tuesday · (wire style) arrived Monday
    # (a weekday that a date follows, "on Thursday 2 October", "Tuesday, March 3", only names that date's day)
    re.compile(rf"\b(?P<wmod>on|last|next|this|coming)\s+(?P<wd>{'|'.join(WEEKDAYS_EN)})\b{_DATE_NEXT}", _I),
    re.compile(rf"\b(?P<wd>{'|'.join(w.capitalize() for w in WEEKDAYS_EN)})\b{_DATE_NEXT}"),
    # in the autumn · this spring · autumn 2026
    re.compile(rf"(?:\bin\s+(?:the\s+)?|\b(?P<srel>this|last|next)\s+|\b(?=(?:spring|summer|autumn|fall)\s+(?:of\s+)?{_Y}))"
               rf"(?P<season>spring|summer|autumn|fall)\b(?:\s+(?:of\s+)?(?P<y>{_Y})\b)?", _I),
    re.compile(r"\b(?P<same>the same day|that day|the same week|that week|the same month|that month|the same year|"
               r"that year)\b", _I),
]


_WD_EN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


# Day ranges written once: "April 9-13, 2017", "9-13 April 2017", "9 to 13 June".
_EN_DAY_RANGES = [
    re.compile(rf"\b{_MON}\s+(?P<d1>{_D})(?:st|nd|rd|th)?(?P<gap>\s*(?:-|–|—|to|until|through|and)\s*)"
               rf"(?P<d2>{_D})(?:st|nd|rd|th)?\b(?:,?\s*(?P<y>{_Y})\b)?"),
    # "from Tuesday 28 to Thursday 30 April 2026": weekdays before both days
    re.compile(rf"\b(?:{_WD_EN},?\s+)?(?P<d1>{_D})(?:st|nd|rd|th)?(?P<gap>\s*(?:-|–|—|to|until|through|and)\s*)"
               rf"(?:{_WD_EN},?\s+)?(?P<d2>{_D})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s*(?P<y>{_Y})\b)?"),
]


# Korean day ranges written once: "3~5일", "지난 3∼5일", "내달 10~12일", "2025년 6월 3-5일", "지난 7월 22~23일".
_KO_DAY_RANGE = re.compile(
    rf"(?:(?P<y>{_Y})\s*년\s*|(?P<ry>{_alts(k for k in KO_REL_YEAR if k != '올')}|올)\s*)?"
    rf"(?:(?:(?P<mmod>{_alts(KO_DAY_MOD)})\s*)?(?<![\d.])(?P<m>{_M})\s*월\s*|(?P<rm>{_alts(KO_REL_MONTH)})\s*)?"
    rf"(?:(?P<dmod>{_alts(KO_DAY_MOD)})\s*)?"
    rf"(?<![\d.])(?P<d1>{_D})\s*일?(?P<gap>\s*[~∼〜～\-–]\s*)(?P<d2>{_D})\s*일(?!\s*(?:간|동안))")


# A notice's bracketed month and day, one or a range: "○ (11.9.) 차관 면담", "(11.12.~11.13.) 워크숍".
_KO_DOTTED = re.compile(rf"(?<=\()\s*(?P<m1>{_M})\.\s*(?P<d1>{_D})\.(?:(?P<gap>\s*[~∼〜～\-–]\s*)"
                        rf"(?:(?P<m2>{_M})\.\s*)?(?P<d2>{_D})\.?)?\s*(?=\))")


def _ko_dotted(m: re.Match) -> list[Atom]:
    first = Atom(m.start("m1"), m.end("d1") + 1, m=int(m["m1"]), d=int(m["d1"]))
    if not m["d2"]:
        return [first]
    return [first, Atom(m.end("gap"), m.end(), m=int(m["m2"] or m["m1"]), d=int(m["d2"]))]


def _ko_day_range(m: re.Match) -> list[Atom]:
    common = {"y": _int(m["y"]), "m": _int(m["m"]), "rel_year": KO_REL_YEAR.get(m["ry"] or ""),
              "rel_month": KO_REL_MONTH.get(m["rm"] or "")}
    # ("지난 7월 22~23일": the 지난 of the month tells the days' side as well)
    mod = KO_DAY_MOD.get(m["dmod"] or m["mmod"] or "")
    return [Atom(m.start(), m.start("gap"), d=int(m["d1"]), day_mod=mod, **common),
            Atom(m.end("gap"), m.end(), d=int(m["d2"]), **common)]


# Parts of a year: "in the second half of the year", "the first half of 2026", "by the end of next year".
_EN_YEAR_PART = re.compile(rf"\b(?:the\s+)?(?:(?P<half>first|second)\s+half|(?P<end>end))\s+of\s+"
                           rf"(?:(?P<y>{_Y})\b|(?:the|this)\s+year\b|(?P<rel>next|last)\s+year\b)", re.IGNORECASE)


def _en_year_part(m: re.Match) -> Atom:
    part = "year-end" if m["end"] else ("H1" if m["half"].lower() == "first" else "H2")
    if m["y"]:
        return Atom(m.start(), m.end(), y=int(m["y"]), part=part)
    return Atom(m.start(), m.end(), rel_year={"next": 1, "last": -1}.get((m["rel"] or "").lower(), 0), part=part)


def _en_day_range(m: re.Match) -> list[Atom]:
    y, mon = _int(m["y"]), MONTHS[m["mon"]]
    return [Atom(m.start(), m.start("gap"), y=y, m=mon, d=int(m["d1"])),
            Atom(m.end("gap"), m.end(), y=y, m=mon, d=int(m["d2"]))]


def _int(s: str | None) -> int | None:
    return int(s) if s else None


_REPORT_DAY = re.compile(rf"(?<![\d.])(?P<d>{_D})\s*일\s*(?:밝혔|전했|발표했|말했|설명했|알렸)")


def _ko_atom(m: re.Match) -> Atom:
    g = m.groupdict()
    part = KO_PARTS.get(g.get("part") or "")
    if g.get("ypart"):
        part = {"연말": "year-end", "연초": "year-start", "연내": "year"}[g["ypart"]]
        return Atom(m.start(), m.end(), rel_year=0, part=part)
    if g.get("same"):
        return Atom(m.start(), m.end(), same_day=True, same=KO_SAME[g["same"]])
    if g.get("rd"):
        return Atom(m.start(), m.end(), rel_day={"그저께": -2, "그제": -2, "어제": -1, "오늘": 0, "내일": 1,
                                                  "모레": 2}[g["rd"]])
    if g.get("prev"):
        # the day before the day the report states ("전날 … 열었다고 11일 밝혔다"), else before the publication day
        said = _REPORT_DAY.search(m.string, m.end())
        if said and int(said["d"]) > 1:
            return Atom(m.start(), m.end(), d=int(said["d"]) - 1, day_mod="past")
        return Atom(m.start(), m.end(), rel_day=-1)
    if g.get("season"):
        return Atom(m.start(), m.end(), rel_year=KO_REL_YEAR.get(g.get("ry") or ""),
                    part={"봄": "spring", "여름": "summer", "가을": "autumn"}[g["season"]])
    if g.get("rw"):
        return Atom(m.start(), m.end(), rel_week=KO_REL_WEEK[g["rw"]])
    if g.get("rq"):
        return Atom(m.start(), m.end(), rel_quarter={"지난": -1, "이번": 0, "다음": 1, "오는": 1}[g["rq"]])
    if g.get("qn"):
        return Atom(m.start(), m.end(), y=_int(g.get("y")), rel_year=KO_REL_YEAR.get(g.get("ry") or ""),
                    quarter=int(g["qn"]))
    if g.get("wd"):
        mod = {"다음": "future"}.get(g.get("dmod") or "", KO_DAY_MOD.get(g.get("dmod") or ""))
        return Atom(m.start(), m.end(), weekday=KO_WEEKDAYS.index(g["wd"]), day_mod=mod)
    return Atom(m.start(), m.end(), y=_int(g.get("y")), m=_int(g.get("m")), d=_int(g.get("d")),
                rel_year=KO_REL_YEAR.get(g.get("ry") or ""), rel_month=KO_REL_MONTH.get(g.get("rm") or ""),
                day_mod=KO_DAY_MOD.get(g.get("dmod") or ""), part=part,
                after_previous=(g.get("ry") or "") in KO_AFTER_PREVIOUS)


def _en_atom(m: re.Match) -> Atom | None:
    g = m.groupdict()
    if g.get("iy") or g.get("dy"):
        y, mo, d = (g["iy"], g["im"], g["id"]) if g.get("iy") else (g["dy"], g["dm"], g["dd"])
        return Atom(m.start(), m.end(), y=int(y), m=int(mo), d=int(d))
    if g.get("sy"):
        a, b = int(g["sa"]), int(g["sb"])
        if 12 < a <= 31 and 1 <= b <= 12:
            return Atom(m.start(), m.end(), y=int(g["sy"]), m=b, d=a)
        if 12 < b <= 31 and 1 <= a <= 12:
            return Atom(m.start(), m.end(), y=int(g["sy"]), m=a, d=b)
        return None  # both could be the month: no reading is honest
    if g.get("same"):
        unit = g["same"].lower().split()[-1]
        same = {"day": "same", "week": "same-week", "month": "same-month"}.get(unit, "same-year")
        return Atom(m.start(), m.end(), same_day=True, same=same)
    if g.get("rd"):
        return Atom(m.start(), m.end(), rel_day={"yesterday": -1, "tomorrow": 1}.get(g["rd"].lower(), 0))
    if g.get("rq"):
        return Atom(m.start(), m.end(), rel_quarter=EN_REL[g["rq"].lower()])
    if g.get("qw") or g.get("qn"):
        q = int(g["qn"]) if g.get("qn") else ["first", "second", "third", "fourth"].index(g["qw"].lower()) + 1
        return Atom(m.start(), m.end(), y=_int(g.get("y") or g.get("y2")), quarter=q)
    if g.get("follow"):
        return Atom(m.start(), m.end(), rel_year=1, after_previous=True)
    if g.get("season"):
        season = {"fall": "autumn"}.get(g["season"].lower(), g["season"].lower())
        return Atom(m.start(), m.end(), y=_int(g.get("y")), rel_year=EN_REL.get((g.get("srel") or "").lower()),
                    part=season)
    if g.get("wd"):
        mod = {"last": "past", "next": "future", "coming": "future", "this": "this"}.get((g.get("wmod") or "").lower())
        return Atom(m.start(), m.end(), weekday=WEEKDAYS_EN.index(g["wd"].lower()), day_mod=mod)
    if g.get("unit"):
        n, unit = EN_REL[g["rel"].lower()], g["unit"].lower()
        return Atom(m.start(), m.end(), **{f"rel_{unit}": n})
    ry = EN_REL.get((g.get("ry") or "").lower())
    part = EN_PARTS.get((g.get("part") or "").lower())
    mon = MONTHS.get(g.get("mon") or "")
    if mon and g.get("d") is None and g.get("dw") is None and g.get("y") is None and ry is None and not part:
        before = m.string[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|from|until|till|by|during|of|to|and|this|last|next|for)\s*$", before):
            return None  # "May" alone is too often the verb
    # "early June" is loose (days 1-10, approximately); a part of a year is left to the year.
    loose = part + "~" if part and mon and g.get("d") is None and g.get("dw") is None else None
    # "this November" is this year's, "next May" next year's (docs/decisions.md), "coming July" the coming one,
    # "last March" the one before
    mod = None
    if mon and g.get("y") is None and ry is None:
        said = re.search(r"\b(this|next|coming|last)\s+$", m.string[max(0, m.start() - 8):m.start()].lower())
        mod = {"this": "this", "next": "next", "coming": "future", "last": "past"}[said[1]] if said else None
    day = _ORDINALS.index(g["dw"].lower()) + 1 if g.get("dw") else _int(g.get("d"))
    return Atom(m.start(), m.end(), y=_int(g.get("y")), m=mon, d=day, rel_year=ry, part=loose, day_mod=mod)


def atoms(text: str, lang: str) -> list[Atom]:
    """Every date form in `text`, left to right; where forms overlap the longest wins."""
    found: list[Atom] = []
    for pattern in _EN_DAY_RANGES:  # first, so that they win over the single dates inside them
        for m in pattern.finditer(text):
            found.extend(_en_day_range(m))
    found.extend(_en_year_part(m) for m in _EN_YEAR_PART.finditer(text))
    if lang != "en":
        for m in _KO_DAY_RANGE.finditer(text):
            if int(m["d1"]) < int(m["d2"]):
                found.extend(_ko_day_range(m))
        for m in _KO_DOTTED.finditer(text):
            found.extend(_ko_dotted(m))
    for rx, make in ((_KO, _ko_atom), (_EN, _en_atom)) if lang != "en" else ((_EN, _en_atom),):
        for pattern in rx:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    a = make(m)
                    if a is not None:
                        found.append(a)
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[Atom] = []
    for a in found:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    # "16일(화)부터 18일(목)까지", "14일(현지시간)": the weekday or time zone in brackets is part of the date
    return [replace(a, end=m.end(), told_weekday=_weekday_of(m.group())) if (m := _AFTER_DATE.match(text, a.end)) else a
            for a in out]


def _weekday_of(bracket: str) -> int | None:
    inner = bracket.strip(" ()")
    if inner[:1] in KO_WEEKDAYS and len(inner.removesuffix("요일")) == 1:
        return KO_WEEKDAYS.index(inner[0])
    low = inner.lower()
    return next((i for i, w in enumerate(WEEKDAYS_EN) if w[:3] == low), None)


_AFTER_DATE = re.compile(rf"\s?\((?:[{KO_WEEKDAYS}](?:요일)?|현지\s*시간|local time|[A-Z][a-z]{{2}})\)")
