"""Past events listed as an event noun with its year in brackets, a common way for Korean
articles to recall a relationship's history: "우호 협력 도시 협약(2014년)을 시작으로 … 안데르센
전시(2015년 및 2019년) … 등 교류를 지속해 왔다" — a signing in 2014, exhibitions in 2015 and 2019.
"""

from __future__ import annotations

import re

from services.query.drafts.analyser import Sentence
from services.query.drafts.edtf_points import Point, Span
from services.query.drafts.events import Clause, Trigger
from services.query.drafts.lexicon import KIND_NOUNS_KO

# In a history's list the work itself is named too: 특별전 (an exhibition), 교환 연수 (an exchange programme).
_LISTED_ONLY = {"특별전": "forum", "연수": "project", "교류 사업": "project"}
_NOUNS = sorted([*((n, k) for k, ns in KIND_NOUNS_KO.items() for n in ns if len(n) > 1 and k != "visit"),
                 *_LISTED_ONLY.items()], key=lambda nk: -len(nk[0]))
_ITEM = re.compile(r"(" + "|".join(re.escape(n) for n, _ in _NOUNS) + r")\s*\(\s*((?:19|20)\d\d)\s*년?"
                   r"(?:\s*[~∼〜–-]\s*(?P<until>(?:19|20)\d\d)\s*년?)?"
                   r"((?:\s*(?:및|,|와|과|·)\s*(?:19|20)\d\d\s*년?)*)\s*\)")
_KIND = dict(_NOUNS)


def listed(s: Sentence) -> list[tuple[Clause, Trigger, Span]]:
    """(the list item as a clause, a trigger for it, its year) for each year of each item."""
    out = []
    for m in _ITEM.finditer(s.text):
        kind = _KIND[m.group(1)]
        start = max(s.text.rfind(",", 0, m.start()), s.text.rfind("▲", 0, m.start()), -1) + 1
        text = s.text[start:m.end()]
        a, b = s.start + start, s.start + m.end()
        clause = Clause(a, b, text, [t for t in s.tokens if a <= t.start < b])
        trig = Trigger(kind, s.start + m.start(2) - 1, s.start + m.end(), False, False, False, "occurred", "")
        if m["until"]:  # "교환 연수(2018∼2019년)": one programme over those years
            out.append((clause, trig, Span(Point(int(m.group(2))), Point(int(m["until"])))))
            continue
        for y in [m.group(2), *re.findall(r"(?:19|20)\d\d", m.group(4))]:
            out.append((clause, trig, Span.of(Point(int(y)))))
    return out
