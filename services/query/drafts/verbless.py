"""Lines that state an event without a predicate: a list item, a brief's entry, a chronology's
line ("○ 10. 22.: 도지사 접견", "◇… = 4일 … 업무협약 체결.", "2019. 5. 16. 제13차 한-러 과기공동위
개최", "15–17 July: Trade mission to Monterrey"). They have no tense, so a day or month without
a year is the one nearest the publication day; their head noun names the event. A delegation's
schedule heading dates its visit, and a list line that names no country is between the page's two.
"""

from __future__ import annotations

import re

from services.query.drafts import dates, places, records
from services.query.drafts.lexicon import DELEGATIONS_KO

_SENTENCE_END = re.compile(r"(?:[!?다요]|(?<!\d)\.)[\"'”’]?\s*$")  # (not a dotted date's point: "10. 23.")


def untensed(s) -> bool:
    """A Korean line with neither a final ending nor a past one (it ends on a noun), or a short
    line of either language that is no sentence ("Wednesday 10 March — Santiago", a programme's
    day header)."""
    if s.lang == "ko" and not any(t.tag in ("EF", "EP") for t in s.tokens):
        return True
    return len(s.text) <= 60 and not _SENTENCE_END.search(s.text)


# A delegation's schedule as a heading with its span: "□ 대표단 주요 일정(10. 20.~10. 23.)", "Delegation programme, 8–12 March"
_SCHEDULE = re.compile("(?:" + "|".join(DELEGATIONS_KO) + r")\s*(?:주요\s*)?(?:일정|방문\s*일정|방한\s*일정)|"
                       r"\bdelegation(?:'s)?\s+(?:programme|program|schedule|itinerary)\b", re.IGNORECASE)


# A heading over a visit's programme, day by day: "붙임 1. 타지키스탄 방문 주요 일정", "Programme of the visit"
_PROGRAMME = re.compile(r"(?:방문|방한|순방|출장)\s*(?:주요\s*|세부\s*)?(?:일정|프로그램)|\b(?:programme|program|schedule|"
                        r"itinerary) of the (?:visit|delegation|trip|mission)\b|\bvisit (?:programme|program|schedule|"
                        r"itinerary)\b", re.IGNORECASE)


_BLANK_LINE = re.compile(r"\n\s*\n")


def without_programme_items(drafts: list[dict], sents, text: str) -> list[dict]:
    """The meetings and visits of the lines under a visit's programme heading (up to a blank line: "- 5. 26.(화)
    에너지수자원부 차관 면담") are that visit's programme, when the text tells the visit itself."""
    lines: set[int] = set()
    for i, s in enumerate(sents):
        if len(s.text) > 60 or _SENTENCE_END.search(s.text) or not _PROGRAMME.search(s.text):
            continue
        prev = s
        for f in sents[i + 1:]:
            if _BLANK_LINE.search(text, prev.end, f.start):
                break
            lines.add(f.start)
            prev = f
    if not any(d["record"]["kind"] == "visit" and d.get("_at") not in lines for d in drafts):
        return drafts
    return [d for d in drafts if d.get("_at") not in lines or d["record"]["kind"] not in ("meeting", "visit")]


def schedule_spans(sents, published: str | None) -> list:
    """(where the heading stands, its span) for each heading that gives a delegation's schedule a span of days."""
    out = []
    for s in sents:
        if len(s.text) > 60 or _SENTENCE_END.search(s.text) or not _SCHEDULE.search(s.text):
            continue
        found = [m.span for m in dates.resolve(s.text, published, lang=s.lang, nearest=True)
                 if m.span is not None and m.role == "range"]
        if found:
            out.append((s.start, found[0]))
    return out


def date_visits_by_schedule(drafts: list[dict], sents, published: str | None) -> None:
    """A visit told before its delegation's schedule without days of its own ("대표단을 초청해 …
    연다고 14일 밝혔다": on or before the article, or from it on) takes the schedule's span."""
    spans = schedule_spans(sents, published)
    if not spans:
        return
    for d in drafts:
        rec = d["record"]
        date = rec.get("date", "")
        if rec["kind"] != "visit" or not (date.startswith("..") or date.endswith("..")):
            continue
        at = d.get("_at", -1)
        span = next((sp for start, sp in spans if start > at), None)
        if span is None:
            continue
        rec["date"] = span.text()
        if published and span.lo() and span.lo().isoformat() > published[:10] and rec["status"] == "occurred":
            rec["status"] = "planned"
        d["missing"] = [m for m in d["missing"] if m != "$.date"]


def give_pair(drafts: list[dict], pair: frozenset[str], lang: str, is_list_line) -> None:
    """A list line's event that names no country at all ("○ 2026. 3.: 도 농정국 실무단 현지 파견") on a
    page about two countries is between those two."""
    if len(pair) != 2:
        return
    for d in drafts:
        rec = d["record"]
        if not is_list_line(d["quote"]) or any(p.get("country") for p in rec["participants"]):
            continue
        for code in sorted(pair):
            name = f"{places.name_en(code)} side" if lang == "en" else f"{places.name_ko(code)} 측"
            rec["participants"].append({"name": name, "country": code, "type": "other", "role": "participant"})
        records.recheck(d)
