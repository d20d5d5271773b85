"""Events a notice lists as items with fields, the way embassies and ministries announce a
schedule: a numbered heading that names the event, then its fields on lines of their own.

    1. 제9차 한-체코 과학기술공동위원회
     - 일시 : 2025. 9. 23.(화) 10:00~17:00
     - 주관 : 과학기술정보통신부, 체코 교육청소년체육부

The heading has no predicate; its event noun gives the kind, the date field the date, and the
heading with the organiser fields the parties.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from services.query.drafts import dates
from services.query.drafts.analyser import Sentence
from services.query.drafts.events import Clause, Trigger, event_noun_kind

_HEADING = re.compile(r"^\s*(?:\d{1,2}[.)]|[○●■□◆◇▶])\s*\S")
_FIELD = re.compile(r"^\s*[-·•○]?\s*(?P<key>[가-힣A-Za-z ]{1,8}?(?:\s*(?:[·/]|및)\s*[가-힣]{2,3})?)\s*[:：]\s*(?P<value>.+)$")
# (the date with the place in one field: "○ 일시·장소: 2025. 7. 8.(화), 런던")
_DATE_KEYS = re.compile(r"^(?:일시|일자|기간|날짜|행사\s*기간|접수\s*기간|신청\s*기간|개최\s*기간|Date|When)"
                        r"(?:\s*(?:[·/]|및)\s*장소)?$", re.IGNORECASE)
_PARTY_KEYS = re.compile(r"^(?:주관|주최|공동\s*주최|공동\s*주관|참석|참가|Organi[sz]er|Hosts?)$", re.IGNORECASE)


def notice_items(sents: list[Sentence], published: str | None) -> Iterator[tuple[Sentence, Clause, Trigger, object,
                                                                              list[Sentence]]]:
    """(heading sentence, the heading as a clause, a trigger for it, its date, its party lines)."""
    for i, s in enumerate(sents):
        if s.lang != "ko" or not _HEADING.match(s.text) or re.search(r"[다요]\.?\s*$", s.text):
            continue
        kind = event_noun_kind(s.text)
        if kind is None:
            continue
        span, parties = None, []
        for f in sents[i + 1:i + 8]:
            field = _FIELD.match(f.text)
            key = field["key"].strip() if field else ""
            if field is None or _HEADING.match(f.text) and not (_DATE_KEYS.match(key) or _PARTY_KEYS.match(key)):
                break  # (a ○ line that is a field stays one: "○ 일시·장소: 2025. 7. 8.(화), 런던")
            if _DATE_KEYS.match(key) and span is None:
                found = [m for m in dates.resolve(field["value"], published, lang="ko") if m.span is not None]
                span = found[0].span if found else None
            elif _PARTY_KEYS.match(key):
                parties.append(f)
        if span is None:
            continue
        clause = Clause(s.start, s.end, s.text, list(s.tokens))
        yield s, clause, Trigger(kind, s.end, s.end, False, False, False, "occurred", ""), span, parties


_ANNOUNCES = re.compile(r"(?:다음과|아래와)\s*같(?:다|습니다)|as follows|include[sd]?:\s*$|results of [\w\s]+:\s*$",
                        re.IGNORECASE)
# where what is listed was done ("공동위원회에서 합의한 …"): no kind of the list's items
_SETTING_WORD = re.compile(r"\S+(?:에서|에서는|에서의)(?=\s)")
# …or a heading line of its own, without a predicate: "◆ 이날 체결된 주요 MOU", then ① … ⑤
_LIST_HEADING = re.compile(r"^\s*[◆■▣◇【\[<]")
_ITEM = re.compile(r"^\s*(?:[○●■□◆◇▶▲△•·*–\-①-⑳]|\d{1,2}[.)])\s*\S")


_ACTS_KO = {"서명": "signing", "체결": "signing", "방문": "visit", "개최": "forum"}
# a table's row, its cells between bars: "1 | AI 공동연구 양해각서 | 한국전자통신연구원 | … | 11.26."
_TABLE_ROW = re.compile(r"^[^|\n]+(?:\|[^|\n]*){2,}$")
_NUMBERED_ROW = re.compile(r"^\s*\d{1,2}\s*\|[^|\n]*\|")


def is_table_row(text: str) -> bool:
    return bool(_NUMBERED_ROW.match(text))


# an agreement's contents announced ("협약의 주요 내용은", "MOU 주요 내용은", "the main points of the agreement are")
_CONTENTS = re.compile(r"(?:협약|협정|양해각서|MOU|약정|합의서|의향서|각서)(?:의|에\s*담긴)?\s*(?:주요\s*)?(?:내용|골자|조항)|"
                       r"\b(?:main |key )?(?:points|terms|provisions) of the (?:agreement|memorandum|mou)\b", re.IGNORECASE)


def announced_items(sents: list[Sentence]) -> Iterator[tuple[Sentence, str, list[Sentence]]]:
    """(the announcing sentence, its event kind, the item lines after it) for "체결된 MOU는
    다음과 같다" followed by ○ lines, one agreement each, or a heading followed by a table's numbered
    rows ("[양국 기관 간 서명 문서 현황]", its header row, then "1 | … | 11.26.")."""
    for i, s in enumerate(sents):
        if not _ANNOUNCES.search(s.text) and not (s.lang == "ko" and _LIST_HEADING.match(s.text)
                                                   and not re.search(r"[다요]\.?\s*$", s.text)):
            continue
        if _CONTENTS.search(s.text):
            continue  # "협약의 주요 내용은 다음과 같다": what the agreement provides, item by item — no agreements
        # "공동위원회에서 합의한 주요 내용은 다음과 같다": the meeting is where the items were agreed, not what they are
        kind = event_noun_kind(_SETTING_WORD.sub(" ", s.text))
        if kind is None and _LIST_HEADING.match(s.text):  # "[… 서명 문서 현황]": the act names the kind
            kind = next((k for w, k in _ACTS_KO.items() if w in s.text), None)
        if kind is None:
            continue
        items = []
        for j, f in enumerate(sents[i + 1:]):
            if j == 0 and _TABLE_ROW.match(f.text) and not _NUMBERED_ROW.match(f.text):
                continue  # a table's header row ("구분 | 문서명 | 한국 측 | … | 서명일")
            if not _ITEM.match(f.text) and not _NUMBERED_ROW.match(f.text):
                break
            items.append(f)
        if len(items) >= 2:
            yield s, kind, items
