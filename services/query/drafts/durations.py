"""A span told as a start and a length: "2023년부터 2년간" (2023/2024), "2027년부터 3년 동안",
"a four-day visit" begun on a day (that day and the three after), "(2027–2029)" right after the
drafted event's own noun. The draft's date is read first; these only close what it left open."""

from __future__ import annotations

import datetime
import re

_NUM = {"두": 2, "세": 3, "네": 4, "다섯": 5, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10}
_YEARS_KO = re.compile(r"((?:19|20)\d\d)\s*년(?:도)?\s*부터\s*(\d{1,2}|두|세|네|다섯)\s*(?:개\s*)?년\s*(?:간|동안)")
_YEARS_EN = re.compile(r"\(\s*((?:19|20)\d\d)\s*[–-]\s*((?:19|20)\d\d)\s*[,)]")
_DAYS_EN = re.compile(r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)-day\s+(?:official\s+|state\s+|working\s+)?"
                      r"(?:visit|trip|tour|mission|programme|program|schedule|stay)\b", re.IGNORECASE)  # (of a visit draft)
# a trip of days told as ended ("wrapped up a three-day visit", "concluded a four-day mission"): the day told is its last
_ENDED_EN = re.compile(r"\b(?:wrapped|wraps|wrapping|wound|winds|winding|rounded|rounds)\s+up\s+(?:(?:a|an|the|its|their|his|her)\s+)?$|"
                       r"\b(?:concluded|concludes|concluding|ended|ends|ending|completed|completes|finished|finishes)\s+"
                       r"(?:(?:a|an|the|its|their|his|her)\s+)?$", re.IGNORECASE)
_DAYS_KO = re.compile(r"(\d{1,2})\s*일\s*간(?:의)?\s*(?:일정으로\s*)?[가-힣\s]{0,12}?(?:방문|방한|순방|출장)")
# "12일부터 이틀간", "3일(화)부터 사흘 동안": a start day and a length in days, whatever the event
_KO_DAYS = {"이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7, "열흘": 10}
# a visit's schedule told by its length ("어제 부산에 도착해 사흘 일정으로 …", "3박 4일 일정으로"), begun on the visit's day
_SCHEDULE_DAYS_KO = re.compile(r"(?<![\d가-힣])(?:\d{1,2}\s*박\s*)?(\d{1,2}|" + "|".join(_KO_DAYS)
                               + r")\s*(?:일\s*)?(?:간\s*)?(?:의\s*)?일정으로")
_FROM_DAYS_KO = re.compile(r"(?<!\d)(\d{1,2})\s*일\s*(?:\([^)]{1,6}\)\s*)?부터\s*(" + "|".join(_KO_DAYS)
                           + r"|\d{1,2}\s*일)\s*(?:간|동안)")
# "20일과 21일 이틀간", "3일(월)과 4일(화) 양일간": two days named, told as two
_TWO_DAYS_KO = re.compile(r"(?<!\d)(\d{1,2})\s*일\s*(?:\([^)]{1,6}\)\s*)?(?:과|와)\s*(\d{1,2})\s*일\s*(?:\([^)]{1,6}\)\s*)?"
                          r"(?:이틀|양일)\s*(?:간|동안)")
# "The three-year project is scheduled to start in July": a project's length in years, its start a month
_YEARS_LONG_EN = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d)[- ]year\s+(?:[a-z-]+\s+){0,2}?"
                            r"(?:project|programme|program|initiative)\b", re.IGNORECASE)
# a start told any way and a length in years: "내년부터 3년간", "will start in March 2025 and run for two years"
_FROM_YEARS_KO = re.compile(r"부터\s*(\d{1,2}|두|세|네|다섯)\s*(?:개\s*)?년\s*(?:간|동안)")
# … or a project's start as its verb, then its length ("2022년에는 … 공동연구에 착수해 올해 말까지 3년간 연구를 진행하고 있다")
_STARTED_YEARS_KO = re.compile(r"(?:착수|시작|개시)(?:해|하여|했으며|하며|한\s*뒤|한\s*후)\s+[^.]{0,40}?(?<![\d가-힣])"
                               r"(\d{1,2}|두|세|네|다섯)\s*(?:개\s*)?년\s*(?:간|동안)")
_FOR_YEARS_EN = re.compile(r"\b(?:run|runs|running|last|lasts|lasting|continue|continues)\s+(?:for\s+)?"
                           r"(two|three|four|five|six|\d)\s+years\b", re.IGNORECASE)
_MONTH_OPEN = re.compile(r"^(\d{4})-(\d\d)(?:/\.\.)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:/\.\.)?$")
_YEAR = re.compile(r"^(\d{4})(?:/\.\.)?$")


def _n(w: str) -> int:
    return _NUM.get(w.lower()) or _KO_DAYS.get(w) or int(w)


def _years_from_month(month: re.Match, n: int) -> str:
    """The span of `n` years begun in the month matched: 2025-03 and 2 → "2025-03/2027-02"."""
    y, mo = int(month.group(1)), int(month.group(2))
    end_y, end_m = (y + n, mo - 1) if mo > 1 else (y + n - 1, 12)
    return f"{y}-{mo:02d}/{end_y}-{end_m:02d}"


def close_spans(out: list[dict]) -> None:
    """Each draft whose quote tells its length gets the span it closes (in place)."""
    for d in out:
        rec, quote = d["record"], d["quote"]
        date = rec.get("date") or ""
        m = _YEARS_KO.search(quote)
        y = _YEAR.match(date)
        if m and y and y.group(1) == m.group(1) and _n(m.group(2)) >= 2:
            rec["date"] = f"{m.group(1)}/{int(m.group(1)) + _n(m.group(2)) - 1}"
            continue
        m = _YEARS_EN.search(quote)
        if m and y and y.group(1) == m.group(1) and m.group(2) > m.group(1):
            rec["date"] = f"{m.group(1)}/{m.group(2)}"
            continue
        month = _MONTH.match(date)
        m = _YEARS_LONG_EN.search(quote) if rec["kind"] == "project" else None
        if m and month and 2 <= _n(m.group(1)) <= 10:
            rec["date"] = _years_from_month(month, _n(m.group(1)))
            continue
        m = ((_FROM_YEARS_KO.search(quote) or _FOR_YEARS_EN.search(quote) or _STARTED_YEARS_KO.search(quote))
             if rec["kind"] == "project" else None)
        n = _n(m.group(1)) if m else 0  # (a project's years: a signing "that will run for three years" is one day)
        if 2 <= n <= 10 and (y or (month := _MONTH_OPEN.match(date))):
            if y:
                rec["date"] = f"{y.group(1)}/{int(y.group(1)) + n - 1}"
            else:
                rec["date"] = _years_from_month(month, n)
            continue
        day = _DAY.match(date)
        m = _FROM_DAYS_KO.search(quote)
        if m and day and int(m.group(1)) == int(day.group(3)):
            n = _KO_DAYS.get(m.group(2)) or int(m.group(2).rstrip("일 "))
            if 2 <= n <= 31:
                start = datetime.date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
                rec["date"] = f"{start.isoformat()}/{(start + datetime.timedelta(days=n - 1)).isoformat()}"
                continue
        m = _TWO_DAYS_KO.search(quote)
        if m and day and date.count("/") == 0 and int(m.group(2)) == int(m.group(1)) + 1 \
                and int(day.group(3)) in (int(m.group(1)), int(m.group(2))):
            rec["date"] = f"{day.group(1)}-{day.group(2)}-{int(m.group(1)):02d}/{day.group(1)}-{day.group(2)}-{int(m.group(2)):02d}"
            continue
        day = _DAY.match(date) if date.count("/") == 0 else None
        m = (_DAYS_EN.search(quote) or _DAYS_KO.search(quote) or _SCHEDULE_DAYS_KO.search(quote)) \
            if rec["kind"] == "visit" else None
        if m and day and 2 <= _n(m.group(1)) <= 31:
            start = datetime.date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
            if _ENDED_EN.search(quote, 0, m.start()):  # "wrapped up a three-day visit … yesterday": its last day
                rec["date"] = f"{(start - datetime.timedelta(days=_n(m.group(1)) - 1)).isoformat()}/{start.isoformat()}"
                continue
            rec["date"] = f"{start.isoformat()}/{(start + datetime.timedelta(days=_n(m.group(1)) - 1)).isoformat()}"


# a project's start told as an event of its own: "- 2026. 6. 공동연구 착수", "the project kicks off in June"
_START = re.compile(r"착수|개시|시작|\b(?:start|starts|started|begin|begins|began|launch|launches|launched|kick(?:s|ed)? off)\b",
                    re.IGNORECASE)


def without_told_starts(out: list[dict]) -> list[dict]:
    """A project's start dated to the start of a span (its year, month or day) a project of the same countries and
    status was drafted over ("2026년 6월부터 2029년 5월까지 … 진행되며" then "- 2026. 6. 공동연구 착수") is that project."""
    spans = [d for d in out if d["record"]["kind"] == "project" and "/" in (d["record"].get("date") or "")]

    def told(d: dict) -> bool:
        rec = d["record"]
        date = rec.get("date") or ""
        if rec["kind"] != "project" or not date or "/" in date or "?" in date or not _START.search(d["quote"]):
            return False
        sides = {p.get("country") for p in rec["participants"]} - {None}
        return any(e["record"]["date"].split("/")[0].startswith(date) and e["record"]["status"] == rec["status"]
                   and {p.get("country") for p in e["record"]["participants"]} - {None} == sides for e in spans)
    return [d for d in out if not told(d)]
