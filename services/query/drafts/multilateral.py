"""Events of several countries: a forum or meeting whose sentence lists three or more countries
("a forum of Tanzania, Kenya, Uganda and Korea", "탄자니아·케냐·우간다 연구자 20여 명 참석") or
names a group of them ("한-중앙아 5개국 포럼", "ASEAN") has all of them as sides, not only the
two a compound or particle marks. The list may stand in the sentence after the event's, when that
sentence only tells who attended ("… 워크숍 개회사. 탄자니아·케냐·우간다 연구자 20여 명 참석.", "Scientists
from Peru, Chile and Korea spent three days …"). Those who
attend an event that names a party of its own are not sides ("the KIST–INL Symposium, … attended
by scientists from Korea, Portugal and Spain").
"""

from __future__ import annotations

import re

from services.query.drafts import places

KINDS = ("forum", "meeting")
# what may stand between two names of one list: "A, B and C", "A·B·C", "A와 B, C", "A 및 B"
_BETWEEN = re.compile(r"\s*(?:,|·|・|‧|/|&|및|와|과|and|,\s*and|or|등)\s*")
# a group the place names do not hold under this short form: "한-중앙아 5개국", "중앙아 5개국"
_GROUPS_KO = {re.compile(r"중앙아(?:시아)?\s*(?:5\s*개국|5국|국가)"): places.GROUPS["Central Asia"]}
_ATTENDANCE = re.compile(r"참석|참가|참여|동참|\b(?:attend\w*|took part|take part|join\w*|participat\w*)\b", re.IGNORECASE)
# who came, said by where they came from: "Scientists from Peru, Chile and Korea spent three days …"
_PEOPLE_FROM = re.compile(r"^\s*(?:\w+\s+)?(?:scientists|researchers|experts|delegates|participants|officials|representatives|"
                          r"engineers|students|speakers)\s+from\b", re.IGNORECASE)


def listed_countries(text: str) -> list[str]:
    """The countries of each list of three or more country names in `text` (a group counts as
    its members), in order."""
    out: list[str] = []
    for pattern, codes in _GROUPS_KO.items():
        if pattern.search(text):
            out += [c for c in codes if c not in out]
    names = [p for p in places.find(text) if not p.city]
    run: list = []
    for p in [*names, None]:
        if p is not None and run and _BETWEEN.fullmatch(text[run[-1].end:p.start] or " ") and p.start > run[-1].end - 1:
            run.append(p)
            continue
        codes = [c for q in run for c in q.codes]
        if len(dict.fromkeys(codes)) >= 3 and (len(run) >= 3 or any(len(q.codes) > 2 for q in run)):
            out += [c for c in codes if c not in out]
        run = [p] if p is not None else []
    return out


def add_sides(drafts: list[dict], sents, home: str | None, lang: str) -> list[dict]:
    """Give each forum or meeting the countries its sentence (or the attendance line after it)
    lists; a one-sided draft of that attendance line ("… 대표단 30여 명이 참석했다") is the same event."""
    after = {s.text: sents[i + 1] if i + 1 < len(sents) else None for i, s in enumerate(sents)}
    absorbed: set[int] = set()
    for d in drafts:
        rec = d["record"]
        if rec["kind"] not in KINDS or id(d) in absorbed:
            continue
        have = {p.get("country") for p in rec["participants"]} - {None}
        codes = listed_countries(d["quote"])
        if rec["participants"] and _ATTENDANCE.search(d["quote"]):
            continue  # "the KIST–INL Symposium, … attended by scientists from Korea, Portugal and Spain": its own sides
        nxt = after.get(d["quote"])
        if not codes and len(have) < 2 and nxt is not None and (_ATTENDANCE.search(nxt.text) or _PEOPLE_FROM.match(nxt.text)) \
                and len(nxt.text) <= 120:
            told = [e for e in drafts if e["quote"] == nxt.text]
            if all(len({p.get("country") for p in e["record"]["participants"]} - {None}) < 2 for e in told):
                codes = listed_countries(nxt.text)
                if codes:
                    absorbed |= {id(e) for e in told}
        if not codes:
            continue
        if home and home not in codes and home not in have and lang != "en":
            codes.append(home)  # a Korean article's event is Korea's too (its workshop, its forum)
        for code in codes:
            if code in have:
                continue
            name = f"{places.name_en(code)} side" if lang == "en" else f"{places.name_ko(code)} 측"
            rec["participants"].append({"name": name, "country": code, "type": "other", "role": "participant"})
            have.add(code)
        rec["participants"] = rec["participants"][:100]
        d["missing"] = [m for m in d["missing"] if m != "$.participants"]
    return [d for d in drafts if id(d) not in absorbed]
