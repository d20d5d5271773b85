"""Tense and status of a stated event: planned (-ㄹ 예정/계획, -기로, -겠-, a sentence that ends
planned), postponed and cancelled (연기, 취소, postponed, called off), or occurred.
"""

from __future__ import annotations

import re

from services.query.drafts.analyser import Token
from services.query.drafts.lexicon import CANCELLED, POSTPONED

PLAN_NOUNS = {"예정", "계획", "방침", "것", "목표"}
# A question ("공동위만 참석하고 돌아갑니까?", "Is there a visit on the calendar?") asks; it tells no event — the
# answer does
ASKED = re.compile(r"\?\s*[\"'”’)]*\s*$")


FINAL_FUTURE = re.compile(r"(?:예정|계획|방침)[\"'”’]?(?:이다|이라고|이라며|입니다|이며|라고)?[\"'”’]?"
                           r"(?:\s*(?:밝혔다|말했다|설명했다|전했다|덧붙였다))?\.?\s*$|(?:할|될) 것(?:이다|으로 보인다)\.?\s*$")


def planned(rest: list[Token]) -> bool | None:
    """After the predicate: True for planned (-ㄹ 예정/계획, -기로, -겠-), False for a statement,
    None when it only modifies a noun ("체결한 MOU") or is negated."""
    if not rest:
        return False
    if rest[0].tag == "NNG" and rest[0].form in PLAN_NOUNS:
        return True  # "개최 예정"
    forms = [t.form for t in rest[:6]]
    tags = [t.tag for t in rest[:6]]
    if "않" in forms[:3] or "못" in forms[:2]:
        return None
    if "ETN" in tags[:2] and "기" in forms[:2]:
        j = forms.index("기")
        if j + 1 < len(forms) and forms[j + 1] in ("로", "로는"):
            return True  # 운영하기로 했다
        if j + 1 < len(forms) and forms[j + 1] in ("시작",):
            return False
        return None
    if "겠" in forms[:2]:
        return True
    if forms and forms[0] in ("ᆫ다", "는다", "ᆫ다고", "는다고", "ᆫ다며", "는다며", "ᆫ다는", "는다는"):
        return True  # "추진한다", "연다고 밝혔다": the news's present announces what is to come
    if forms and forms[0] in ("ᆸ니다", "습니다"):
        return True  # "포럼을 개최합니다": a notice's formal present announces it too
    for j, tag in enumerate(tags[:3]):
        if tag == "ETM":
            nxt = forms[j + 1] if j + 1 < len(forms) else ""
            if forms[j] in ("ᆫ", "은", "던") and nxt == "것":
                return False  # "문을 연 것에서 시작됐다", "체결한 것으로 알려졌다": the past's 것 tells, it plans nothing
            if nxt in PLAN_NOUNS:
                return True
            if forms[j] in ("ᆯ", "을", "ㄹ") and nxt in ("수",):
                return True
            if nxt == "바":
                return False  # "체결한 바 있다": has signed
            if nxt == "일정" and j + 2 < len(tags) and tags[j + 2] == "VCP":
                # "방문하는 일정이다": the schedule is the statement; "방문할 일정이다" plans it
                return forms[j] in ("ᆯ", "을", "ㄹ")
            if forms[j] in ("ᆫ", "은") and nxt in ("뒤", "후", "다음", "직후", "이후"):
                return False  # "협정을 맺은 뒤 …": after it was done, a statement that it was
            return None
        if tag in ("EF", "EC", "SF", "ETN"):
            return False
    return False


# 연기 is a postponement said as one ("연기됐다", "연기하기로", "연기 결정"); "산불 연기 속", "연기가 피어올랐다" are smoke
_SMOKE = re.compile(r"(?<!무기한 )연기(?!\s*(?:되|돼|됐|된|될|하|했|해|한|할|키|시키|시켜|결정|방침|사실|소식|통보|요청|\)|[.,]|$))")


# a cancellation denied ("취소된 것이 아니라 연기된 것입니다", "취소가 아니라", "취소되지 않았다"): no cancellation
_NOT_CANCELLED = re.compile(r"취소(?:된|한)?\s*(?:것이|것은|게)?\s*아니(?:라|며|고|다|ᆸ니다|니다|지만)|취소(?:가|는)\s*아니|취소되지\s*않")


# a plan that slipped to a later time ("has slipped to June", "slipped into next year", "slipped back to the autumn");
# not "prices slipped to a two-year low", "talks slipped into a second day", "slipped to 12th in the index"
_SLIPPED = re.compile(r"\bslipped\s+(?:back\s+)?(?:to|into|until)\s+(?:(?:the\s+)?(?:early|late|mid|end\s+of|start\s+of|"
                      r"first\s+half\s+of|second\s+half\s+of)[\s-]+)?(?:(?:next|the\s+following|the\s+coming|the)\s+)?"
                      r"(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|"
                      r"summer|autumn|fall|winter|year|month|week|(?:first|second|third|fourth|final|last)\s+(?:quarter|half)|"
                      r"(?:19|20)\d\d|q[1-4])\b")


def status(text: str, future: bool) -> str:
    low = _NOT_CANCELLED.sub("", text.lower())
    if any(w in low for w in CANCELLED):
        return "cancelled"
    if any(w in _SMOKE.sub("", low) for w in POSTPONED) or _SLIPPED.search(low):
        return "postponed"
    if future:
        return "planned"
    return "occurred"
