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
_BETWEEN = re.compile(r"\s*(?:,|·|・|‧|/|&|및|와|과|and|,\s*and|or|등)\s*"
                      # "the Republic of Palau, the Republic of the Marshall Islands and the Republic of Korea"
                      r"(?:the\s+)?(?:(?:Republic|Kingdom|State|Federation|Commonwealth)\s+of\s+(?:the\s+)?)?")
# a group the place names do not hold under this short form: "한-중앙아 5개국", "중앙아 5개국"
_GROUPS_KO = {re.compile(r"중앙아(?:시아)?\s*(?:5\s*개국|5국|국가)"): places.GROUPS["Central Asia"]}
_ATTENDANCE = re.compile(r"참석|참가|참여|동참|\b(?:attend\w*|took part|take part|join\w*|participat\w*)\b", re.IGNORECASE)
# who came, said by where they came from: "Scientists from Peru, Chile and Korea spent three days …"
_PEOPLE_FROM = re.compile(r"^\s*(?:\w+\s+)?(?:scientists|researchers|experts|delegates|participants|officials|representatives|"
                          r"engineers|students|speakers)\s+from\b", re.IGNORECASE)
# … or anywhere in the sentence after the event's: "Officials and scientists from Fiji and Tonga joined …"
_PEOPLE_FROM_ANY = re.compile(r"\b(?:scientists|researchers|experts|delegates|participants|officials|representatives|"
                              r"engineers|students|speakers|delegations|ministers|doctors|academics|scholars|executives|"
                              r"entrepreneurs|professionals|members|teachers)\s+from\b", re.IGNORECASE)
# who came, said as the event's list of participants: "Participants included officials … from A, B and C"
_PARTICIPANTS_INCLUDED = re.compile(r"^\s*(?:The\s+)?(?:participants|delegates|attendees|speakers)\s+(?:included|came from)\b",
                                    re.IGNORECASE)
# who came, said by a count of the countries an event of the article has: "… from the three countries attended"
_FROM_COUNTED = re.compile(r"\bfrom\s+(?:all\s+)?the\s+(?P<n>three|four|five|six|seven|eight|nine|ten)\s+"
                           r"(?:countries|nations|member states|governments)\b", re.IGNORECASE)


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
        included = nxt is not None and _PARTICIPANTS_INCLUDED.match(nxt.text) is not None and len(nxt.text) <= 320
        if not codes and (len(have) < 2 or included) and nxt is not None \
                and (included or (_ATTENDANCE.search(nxt.text) or _PEOPLE_FROM.match(nxt.text)) and len(nxt.text) <= 120):
            told = [e for e in drafts if e["quote"] == nxt.text]
            if all(len({p.get("country") for p in e["record"]["participants"]} - {None}) < 2 for e in told):
                codes = listed_countries(nxt.text)
                if codes and len(have) >= 2 and not have <= set(codes):
                    codes = []  # the list names others than the event's own sides: not its attendance
                if not codes and (m := _FROM_COUNTED.search(nxt.text)) and len(have) < 2:
                    # "… from the three countries attended": the article's event of that many countries
                    n = _NUMBERS[m["n"].lower()]
                    codes = next((sorted(g) for e in drafts if e is not d and len(
                        g := {p.get("country") for p in e["record"]["participants"]} - {None}) == n and have <= g), [])
                if codes:
                    absorbed |= {id(e) for e in told}
        if not codes and len(have) >= 2 and nxt is not None and _PEOPLE_FROM_ANY.search(nxt.text) and len(nxt.text) <= 240 \
                and all(len({p.get("country") for p in e["record"]["participants"]} - {None}) < 2
                        for e in drafts if e["quote"] == nxt.text):
            # "… for the Korea–Baltic AI Forum, co-organised by a Latvian and a Korean body. Speakers from all three Baltic
            # states and Korea discussed …", "Officials and scientists from Fiji and Tonga joined their Samoan and Korean
            # counterparts": who came from where, every country of the event's own sides among them
            named = [c for p in places.find(nxt.text) if not p.city for c in p.codes]
            if have < set(named) and len(set(named)) >= 3:
                codes = list(dict.fromkeys(named))
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


_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "세": 3, "네": 4, "다섯": 5, "여섯": 6}
# "South Korea and four Caribbean countries", "the heads of the five delegations", "한국과 중남미 4개국":
# how many sides, said by a count rather than by names
_COUNTED = re.compile(r"\b(?:(?:South )?Korea|the Republic of Korea) and (?P<more>three|four|five|six|seven|eight|nine|ten)"
                      r"\s+(?:[A-Z][\w-]+\s+)?(?:countries|states|nations|governments)\b|"
                      r"\bthe (?P<all>three|four|five|six|seven|eight|nine|ten)\s+(?:delegations|governments|countries|"
                      r"nations|states)\b|"
                      r"(?:한국|우리나라)(?:과|와)\s*(?:[가-힣]+\s+)?(?P<more_ko>[3-9]|세|네|다섯|여섯)\s*개?국", re.IGNORECASE)


def counted_sides_from_forum(drafts: list[dict], lang: str) -> None:
    """Sides counted, filled from another draft: the article's forum event of three countries or more.
    (Not `sides.counted_sides_from_article`, which fills them from the countries the article names most.)
    A draft whose sentence counts more sides than it names ("South Korea and four Caribbean countries
    … signed", "signed by the heads of the five delegations") has the sides of the article's event of three
    countries or more that, with its own, make that many (the forum whose sentence listed them), the first
    one told; with no such event it keeps its own."""
    for d in drafts:
        m = _COUNTED.search(d["quote"])
        if m is None:
            continue
        word = (m["more"] or m["all"] or m["more_ko"]).lower()
        n = int(word) if word.isdigit() else _NUMBERS[word]
        n += 1 if m["more"] or m["more_ko"] else 0
        have = {p.get("country") for p in d["record"]["participants"]} - {None}
        if len(have) >= n:
            continue
        group = next((g for e in drafts if e is not d and len(g := {p.get("country") for p in e["record"]["participants"]}
                                                              - {None}) >= 3 and len(g | have) == n), None)
        if group is None:
            continue
        for code in sorted(group - have):
            name = f"{places.name_en(code)} side" if lang == "en" else f"{places.name_ko(code)} 측"
            d["record"]["participants"].append({"name": name, "country": code, "type": "other", "role": "participant"})
        d["missing"] = [x for x in d["missing"] if x != "$.participants"]
