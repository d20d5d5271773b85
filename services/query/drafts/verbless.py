"""Lines that state an event without a predicate: a list item, a brief's entry, a chronology's
line ("○ 10. 22.: 도지사 접견", "◇… = 4일 … 업무협약 체결.", "2019. 5. 16. 제13차 한-러 과기공동위
개최", "15–17 July: Trade mission to Monterrey"). They have no tense, so a day or month without
a year is the one nearest the publication day; their head noun names the event.
"""

from __future__ import annotations


import re

_SENTENCE_END = re.compile(r"[.!?다요][\"'”’)]?\s*$")


def untensed(s) -> bool:
    """A Korean line with neither a final ending nor a past one (it ends on a noun), or a short
    line of either language that is no sentence ("Wednesday 10 March — Santiago", a programme's
    day header)."""
    if s.lang == "ko" and not any(t.tag in ("EF", "EP") for t in s.tokens):
        return True
    return len(s.text) <= 60 and not _SENTENCE_END.search(s.text)
