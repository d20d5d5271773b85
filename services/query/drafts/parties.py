"""The participants of a detected event: organisations with country, type and role, plus one
"측" (side) participant for each country the clause names as a party but names no body of.
"""

from __future__ import annotations

import re

from services.query.drafts import places
from services.query.drafts.lexicon import (
    DELEGATION_NAMES_KO,
    PARTICIPANTS_GROUP_KO,
    PARTY_KO,
    TRAINEES_KO,
)
from services.query.drafts.org_types import guess_type
from services.query.drafts.organisations import OrgMention

# slot → role, per kind (the subject of 체결 signs; the object of 방문 hosts; ...).
_ROLES = {
    "signing": {"subject": "signatory", "partner": "signatory", "list": "signatory", "object": "signatory"},
    "visit": {"subject": "visitor", "partner": "visitor", "object": "host", "place": "host", "to": "host"},
    "forum": {"subject": "organiser", "place": "host"},
    "project": {"subject": "organiser", "partner": "participant", "place": "host"},
    "meeting": {"subject": "participant", "partner": "participant"},
    "opening": {"subject": "host", "place": "host"},
}
_PARTY_SLOTS = {"subject", "partner", "list", "object", "to", "place"}


def country_of(m: OrgMention, memory: dict[str, str], home: str | None, lang: str = "ko") -> str | None:
    """Known organisation's country; else a country or city named inside the name (러시아
    경제개발부, Korea Institute of ...); else the country the article gave the name before
    (덴마크 오덴세 … 오덴세는); else, for a Korean name in a Korean article, the home country."""
    if m.known:
        return m.known.country
    said = places.find(m.country_word) if m.country_word else []
    if said and len(said[0].codes) == 1:
        return said[0].codes[0]
    inside = places.find(m.name)
    if inside:
        return inside[0].codes[0]
    first = m.name.split()[0] if m.name.split() else m.name
    for key in (m.name, first, re.sub(r"(?:시|도|군|주|현)$", "", first)):
        if key in memory:
            return memory[key]
    if home == "KR" and _FOREIGN_STATE.match(m.name):
        return None  # "노르트라인베스트팔렌주 경제부": a state's body, and Korea has no states — left to a person
    if home and (lang == "en" or re.search(r"[가-힣]", m.name) or re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}", m.name)):
        return home  # a Korean article's unqualified names (and acronyms: KT, ETRI) are Korean
    return None


# A state (주, 州) of three or more syllables before its body's name: Korea's places ending in 주
# (광주, 전주, 청주, 제주 …) have two, and Korea has no states with governments or ministries.
# A province (성) or prefecture (현) before its government is foreign too: Korea has neither.
_FOREIGN_STATE = re.compile(r"^(?:[가-힣]{3,}주|[가-힣]{2,}[성현])(?:\s*정부|\s+[가-힣]+(?:부|청|국|공사|기구)|정부|의회)")


def foreign_state_body(name: str) -> bool:
    """"프라호바주 정부", "광둥성 정부": a body of a foreign state, province or prefecture."""
    return _FOREIGN_STATE.match(name) is not None


def participants(kind: str, orgs: list[OrgMention], side_codes: list[str], memory: dict[str, str],
                 home: str | None, lang: str) -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    roles = _ROLES[kind]
    for m in orgs:
        if m.slot not in _PARTY_SLOTS and not m.person:
            continue
        if m.slot == "object" and kind in ("opening", "forum", "meeting", "project"):
            continue  # what is opened or held, not who takes part
        if m.slot == "place" and not m.person and kind == "signing":
            continue  # where a signing took place is no party to it
        name = m.known.names[0] if m.known and m.name not in m.known.names else m.name
        if name in seen:
            continue
        seen.add(name)
        p: dict = {"name": name}
        if not re.search(r"[가-힣]", name):
            p["name_en"] = name
        country = country_of(m, memory, home, lang)
        if country:
            p["country"] = country
        p["type"] = m.known.type if m.known else ("person" if m.individual else guess_type(name))
        p["role"] = roles.get("subject" if m.person and m.slot not in roles else m.slot, "participant")
        if m.known:
            p["org"] = m.known.org
        out.append(p)
    have = {p.get("country") for p in out}
    for code in side_codes:
        if code not in have:
            have.add(code)
            name = f"{places.name_ko(code)} 측" if lang != "en" else f"{places.name_en(code)} side"
            role = "host" if kind == "visit" and out else ("signatory" if kind == "signing" else "participant")
            out.append({"name": name, "country": code, "type": "other", "role": role})
    return out


_GROUP_OF = re.compile(r"\s+(?:[가-힣]+\s+){0,2}[가-힣]*(?:"
                       + "|".join(DELEGATION_NAMES_KO + ("시찰단",) + PARTICIPANTS_GROUP_KO + TRAINEES_KO + PARTY_KO) + ")"
                       r"(?:이|은|을|의|과|와)?(?![가-힣])")


# the people a country's name stands before, invited ("… 교육 전문가 3명을 초청해", "… 공무원 24명을 국내로 초청해")
_INVITED_PEOPLE = re.compile(r"(?:\s+[가-힣A-Za-z0-9·]+){1,4}?(?:을|를)\s+(?:[가-힣]+(?:으로|로|에)\s+)?초청")


# a noun after a group's name that is not its members (개국, 회원국 …): the name modifies it
_MODIFIED_NOUN = re.compile(r"\s+(?!(?:\d+\s*)?(?:개국|국가|나라|회원국|정부|측|각국))[가-힣]")


def side_countries(clause_text: str, clause_start: int, sentence_places: list, kind: str,
                   orgs: list[OrgMention]) -> list[str]:
    """Countries the clause names as a side of the event: compounds (한·러, 벨라루스-한국),
    a country followed by a particle or 측 (러시아를, 뉴질랜드에, 한국 측), and for visits,
    openings and forums the country they take place in."""
    codes: list[str] = []
    from_cities: list[str] = []  # where it takes place: a side only when the clause names none
    subjects: list[str] = []  # a foreign country as the clause's subject ("미국과 중국은", "일본은 … 베트남과")
    inside_orgs = [(o.start, o.end) for o in orgs]
    for p in sentence_places:
        if not (clause_start <= p.start < clause_start + len(clause_text)):
            continue
        # "몽골 청소년 방문단의 방한", "도미니카 청소년 과학캠프 참가단": a group sent by that country
        group = _GROUP_OF.match(clause_text, p.end - clause_start) is not None and not re.search(
            r"[·,、]\s*$", clause_text[:p.start - clause_start])  # not the last of a list ("탄자니아·케냐·우간다 대표단")
        if any(a <= p.start < b for a, b in inside_orgs) and not group:
            continue
        after = clause_text[p.end - clause_start:p.end - clause_start + 4]
        if kind == "visit" and re.fullmatch(r"\s*From\s+", clause_text[:p.start - clause_start]) and after.startswith(","):
            continue  # "From Tunis, the delegation flew to Algiers": the tour's last stop, not this visit's host
        # a group's name before a noun modifies it ("중앙아시아 물·재해 분야 협력망을 넓히게 됐다"), unless the noun is its members
        modifier = len(p.codes) > 2 and _MODIFIED_NOUN.match(after) is not None
        compound = len(p.codes) == 2 and not p.city or (len(p.codes) > 2 and not modifier)
        party = re.match(r"\s*(?:측|정부|과|와|를|을|에서|에|으로|로|와의|과의|간|,|등|및|and\b|with\b)", after) is not None
        hyphen = re.match(r"\s*[-–]\s*[가-힣A-Z]", after) is not None
        before = clause_text[max(0, p.start - clause_start - 3):p.start - clause_start]
        hyphen = hyphen or re.search(r"[-–]\s*$", before) is not None
        if not re.search(r"[가-힣]", clause_text):
            party = True  # English has no particles: a country named in the clause is a side
        if p.city:
            if re.match(r"\s*(?:시장|시청|시의회|시\s*대표단|대표단)(?![가-힣])|\s*(?:시장|시청|대표단)(?:이|은|과|와|을|측|의)"
                        r"|(?:시|주|성)\s*(?:제\d부?)?(?:부?시장|부?지사|부?주지사|부?성장)(?:이|은|과|와|을|의|를)",
                        clause_text[p.end - clause_start:p.end - clause_start + 12]):
                codes.extend(c for c in p.codes if c not in codes)  # "아순시온 시장과": the city's own office
                continue
            if kind != "signing" and party:
                from_cities.extend(p.codes)
            continue
        city_after = next((q for q in sentence_places if q.city and 0 <= q.start - p.end <= 1), None)
        if city_after is not None:  # 러시아 모스크바에서: the country stands with its city
            rest = clause_text[city_after.end - clause_start:city_after.end - clause_start + 4]
            if kind != "signing" and re.match(r"\s*(?:에서|에|으로|로|를|을)", rest):
                from_cities.extend(p.codes)
            continue
        beneficiary = kind == "project" and re.match(r"\s+[가-힣]", after) is not None  # 벨라루스 정보화발전전략 수립
        wide = clause_text[p.end - clause_start:p.end - clause_start + 14]
        # "핀란드 교육 전문가 3명을 초청해", "폴란드 … 기술인력 30명을 한국으로 초청해": the country of those invited
        group = group or _INVITED_PEOPLE.match(clause_text, p.end - clause_start) is not None
        visited = kind == "visit" and re.match(r"\s+[가-힣]{2,8}(?:를|을)(?![가-힣])", wide) is not None  # 베트남 하노이를
        if compound or party or hyphen or beneficiary or visited or group or \
                (kind in ("visit", "opening", "forum") and _is_place_word(wide)):
            codes.extend(c for c in p.codes if c not in codes)
        elif len(p.codes) == 1 and _SUBJECT.match(after):
            subjects.append(p.codes[0])
    # "이집트·요르단 연구자": the countries listed before the one whose role the list's end says are sides with it
    mine = sorted((p for p in sentence_places if clause_start <= p.start < clause_start + len(clause_text) and not p.city),
                  key=lambda p: p.start)
    for p, q in reversed(list(zip(mine, mine[1:], strict=False))):
        if set(q.codes) <= set(codes) and len(q.codes) == 1 and len(p.codes) == 1 and p.codes[0] not in codes \
                and re.fullmatch(r"\s*[·,、]\s*", clause_text[p.end - clause_start:q.start - clause_start]):
            codes.append(p.codes[0])
    # "한·카타르·UAE 3국": a country listed on after a compound is a side with it
    for p, q in zip(mine, mine[1:], strict=False):
        if len(p.codes) == 2 and set(p.codes) <= set(codes) and len(q.codes) == 1 and q.codes[0] not in codes \
                and re.fullmatch(r"\s*[·‧・]\s*", clause_text[p.end - clause_start:q.start - clause_start]):
            codes.append(q.codes[0])
    # a foreign country as the subject beside another foreign party, Korea named as none: the event is theirs
    # ("미국과 중국은 … 협정을 체결했다", "일본은 … 베트남과 협정을 맺었다"), no Korean side to add
    if subjects and "KR" not in codes and any(c != "KR" for c in codes):
        codes.extend(c for c in dict.fromkeys(subjects) if c not in codes and c != "KR")
    # where it takes place is a side of a visit (its host), else only when the clause names no
    # side: 한-우크라이나 포럼 in Warsaw is no Polish event, KT's ceremony in Moscow is Russian
    if kind == "visit" or not codes:
        codes.extend(c for c in dict.fromkeys(from_cities) if c not in codes)
    return codes


# a subject's or topic's particle right after the country's name ("중국은", "일본이"), not a word going on
_SUBJECT = re.compile(r"(?:은|는|이|가|도)(?![가-힣])")


def _is_place_word(after: str) -> bool:
    """"독일 자브뤼켄에서": a country, then a place in it (a city CLDR does not list)."""
    return re.match(r"\s+[가-힣]{2,8}(?:에서|에)(?![가-힣])", after) is not None
