"""Status and date an event takes from another the article tells: a notice's event announced
"아래와 같이" takes its "일시:" field below (and is planned when that field is after the notice);
an event planned at a postponed one, dated only by it ("expected to be signed at the Session"),
is postponed with it.
"""

from __future__ import annotations

import re

from services.query.drafts import dates
from services.query.drafts.notice_items import _DATE_KEYS, _FIELD

_BELOW = re.compile(r"(?:아래|다음)[와과]\s*같이|as follows|(?:details|programme) below", re.IGNORECASE)


def date_by_notice_field(out: list[dict], sents, published: str | None) -> None:
    """"… 아래와 같이 「… 포럼」을 개최합니다." then "○ 일시: 2026. 12. 17.(목)": the forum's day."""
    for d in out:
        rec = d["record"]
        if not _BELOW.search(d["quote"]) or not _vague(rec.get("date")):
            continue
        at = next((i for i, s in enumerate(sents) if s.start == d.get("_at")), None)
        if at is None:
            continue
        for s in sents[at + 1:at + 10]:
            field = _FIELD.match(s.text)
            if field is None or not _DATE_KEYS.match(field["key"].strip()):
                continue
            found = [m for m in dates.resolve(field["value"], published, lang=s.lang) if m.span is not None]
            if found:
                span = found[0].span
                rec["date"] = span.text()
                d["_span"] = span
                d["missing"] = [m for m in d["missing"] if m != "$.date"]
                lo = span.lo()
                if published and lo and lo.isoformat() > published[:10] and rec["status"] == "occurred":
                    rec["status"] = "planned"
            break


def _vague(date: str | None) -> bool:
    """No date, a year alone, or one lent by another sentence ("2026?")."""
    return date is None or date.startswith("..") or date.endswith("..") or "?" in date or re.fullmatch(r"\d{4}", date) is not None


def postponed_with(out: list[dict]) -> None:
    """A planned event dated only by a postponed one the article told before it (its date lent,
    "2026-11-25?/2026-11-27?") was to take place at it: it is postponed too."""
    for i, d in enumerate(out):
        rec = d["record"]
        if rec["status"] != "planned" or "?" not in (rec.get("date") or ""):
            continue
        own = rec["date"].replace("?", "")
        if any(e["record"]["status"] == "postponed" and (e["record"].get("date") or "").replace("?", "") == own
               for e in out[:i]):
            rec["status"] = "postponed"


def flag_future_occurred(out: list[dict], today: str) -> None:
    """An occurred event that starts after today's clock (an article dated ahead of it) is kept
    occurred, as told, with `$.status` in `missing`: the record schema would refuse it as it is."""
    for d in out:
        rec = d["record"]
        date = (rec.get("date") or "").split("/")[0].rstrip("?~%")
        if rec["status"] == "occurred" and date and date[:10] > today[:len(date[:10])] and "$.status" not in d["missing"]:
            d["missing"].append("$.status")
