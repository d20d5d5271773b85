"""Organisations named in a sentence: noun chunks from the analyser that end like an
institution, English capitalised names, and the organisations the service already knows
(exact names, then fuzzy matches with rapidfuzz), each with the grammatical slot it fills.

The slot (subject, partner, object, place) is what the event detector turns into a role:
"A는 B와 협약을 체결" makes A and B signatories; "B를 방문" makes B the host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.query.drafts import places
from services.query.drafts.analyser import Sentence, Token
from services.query.drafts.directory import Directory, Known
from services.query.drafts.org_chunks import joint, leading_org, organisation_of_person
from services.query.drafts.org_types import PERSON_TITLES_KO, is_org_name

_NOUNISH = {"NNG", "NNP", "SL", "SH", "SN", "XSN", "XPN", "NR"}
_JOINERS = {"·", "․", "‧", "-", "&", "(", ")"}  # inside names: 디지털개발·통신언론부, 한국기계연구원(KIMM)
# Particles → slot. 와/과 (and 와는, 과의) mark a partner; 는/은/이/가 the subject.
_SLOTS = {"JX": "subject", "JKS": "subject", "JC": "partner", "JKO": "object", "JKG": "of"}
_JKB = {"와": "partner", "과": "partner", "하고": "partner", "랑": "partner", "에서": "place", "에": "place",
        "으로": "to", "로": "to", "에게": "to", "부터": "from"}
_LEADING_NOISE = {"이번", "이날", "양국", "양측", "국내", "현지", "당시", "최근", "향후", "또", "특히", "한편", "이후", "이에",
                  "관련", "정부", "민간", "전체", "모든", "각", "주요", "이", "그", "해당", "측", "등",
                  # time words that run into a name ("같은 날 베트남 지질광물총국과")
                  "날", "달", "해", "때", "중", "후", "전", "오전", "오후", "현지시간", "당일", "올해", "지난해"}
# Short forms by which an article refers back to a body it named in full ("공단 관계자는", "협회는").
GENERIC = {"협회", "공단", "재단", "연구원", "연구소", "대학", "대학교", "병원", "기관", "공사", "진흥원", "센터", "학회",
           "도", "시", "군"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


@dataclass(frozen=True, slots=True)
class OrgMention:
    start: int
    end: int
    name: str
    slot: str  # 'subject' | 'partner' | 'object' | 'place' | 'to' | 'of' | 'other'
    known: Known | None = None
    person: bool = False  # named with a title (장관, 대통령): the organisation the person speaks for
    country_word: str | None = None  # for a person without an organisation: the country named with the title
    individual: bool = False  # the mention is the person (문재인), not the body they speak for
    generic: bool = False  # a short form ("협회", "공단") of a body named in full earlier


def in_sentence(s: Sentence, directory: Directory) -> list[OrgMention]:
    if s.lang == "ko":
        found = _korean(s, directory)
    else:
        from services.query.drafts.organisations_en import english  # noqa: PLC0415 (it imports this module)

        found = english(s, directory)
    covered = [(o.start, o.end) for o in found]
    for start, end, known in directory.scan(s.text, s.start):
        if not any(a < end and start < b for a, b in covered):
            found.append(OrgMention(start, end, s.text[start - s.start:end - s.start], _slot_after(s, end), known))
    found.sort(key=lambda o: o.start)
    return found


def _chunks(s: Sentence):
    """Runs of noun-like tokens (a space or a joiner between them), each with the next token."""
    toks, run = s.tokens, []
    skip_to = -1
    for i, t in enumerate(toks):
        if i <= skip_to:
            continue
        # "한국해양과학진흥원(KIOST, 원장 김도윤)은", "…연구원(해양연, 이하 연구원)은": an aside of several items in
        # brackets after a name (its short form and its head) leaves the name and the particle after the brackets
        opened = next((k for k in range(len(run) - 1, 0, -1) if run[k].form == "("), None)
        if t.form == "," and opened is not None and all(r.form != ")" for r in run[opened:]):
            close = next((k for k in range(i + 1, len(toks)) if toks[k].form in (")", "(")), None)
            if close is not None and toks[close].form == ")":
                yield run[:opened], (toks[close + 1] if close + 1 < len(toks) else None)
                run, skip_to = [], close
                continue
        # (… or a pronoun or determiner read at the start of a word that goes on in nouns: "나일신재생에너지연구소")
        inside = t.tag in ("NP", "MM") and i + 1 < len(toks) and toks[i + 1].start == t.end \
            and toks[i + 1].tag in _NOUNISH and (i == 0 or toks[i - 1].end < t.start)
        joinable = t.tag in _NOUNISH or (t.form in _JOINERS and run) or inside
        if joinable and (not run or t.start - run[-1].end <= 1):
            run.append(t)
            continue
        if run:
            yield run, t
        run = [t] if t.tag in _NOUNISH or inside else []
    if run:
        yield run, None


def _korean(s: Sentence, directory: Directory) -> list[OrgMention]:
    out: list[OrgMention] = []
    pending: list[OrgMention] = []  # chunks in a comma list waiting for the list's particle
    for run, after in _chunks(s):
        while run and run[-1].form in _JOINERS - {")"}:
            run.pop()
        person = False
        head = _titled_body(run[-1]) if run else None
        if head is not None:  # "산림청장", "서울시장": a body and its head in one word
            run, person = [*run[:-1], head], True
        elif run and run[-1].form in PERSON_TITLES_KO:
            person = True
            titled = run[:-1]
            run = organisation_of_person(titled)
            if not run and titled and run is not None:
                named = _person(s, titled, after)
                if named:
                    out.append(named)
                continue
        while run and run[0].form in _LEADING_NOISE:
            run = run[1:]
        if not run:
            continue
        start, end = run[0].start, run[-1].end
        name = s.text[start - s.start:end - s.start]
        slot = _slot(after)
        if run[-1].tag == "NNP" and len(run[-1].form) >= 3 and run[-1].form[-1] in "와과" and slot == "other":
            end, name, slot = end - 1, name[:-1], "partner"  # an unknown name with its particle glued on (오덴세와)
        known = directory.lookup(name)
        country_word = None
        if not known and len(run) <= 3 and run[0].tag in ("NNP", "SL") and slot in ("partner", "list", "subject"):
            country_word = _apposition_country(s, run[0])
        if country_word is not None:
            mention = OrgMention(start, end, name, slot, None, person, country_word)
            out.append(mention)
            continue
        if len(run) == 1 and run[0].form in GENERIC and slot in ("subject", "partner"):
            out.append(OrgMention(start, end, name, slot, None, person, generic=True))
            continue  # "협회는": the association named in full before (the engine finds it)
        if not known and not _org_like(name, run, slot):
            head = leading_org(run)  # "국립축산과학원 상호협력을", "미래창조과학부 간의": the body, then a noun
            if head:
                run = head
                end = run[-1].end
                name = s.text[start - s.start:end - s.start]
                slot = slot if slot in ("subject", "partner") else "partner"
        if known or _org_like(name, run, slot):
            mention = OrgMention(start, end, name, slot, known, person)
            if slot == "list":
                pending.append(mention)
                continue
            out.extend(OrgMention(p.start, p.end, p.name, slot, p.known, p.person) for p in pending)
            pending = []
            out.append(mention)
        elif slot != "list":
            out.extend(OrgMention(p.start, p.end, p.name, "partner", p.known, p.person) for p in pending)
            pending = []
    # a list ends the clause's parties: "A과 B, C, D 상호협력을" — its members are partners
    return out + [OrgMention(p.start, p.end, p.name, "partner", p.known, p.person) for p in pending]


def _person(s: Sentence, titled, after) -> OrgMention | None:
    """"블라디미르 푸틴 러시아 대통령", "문재인 대통령": a named person (type person), whose
    country is the one named with the title, if any."""
    words = [t for t in titled if t.tag in ("NNP", "NNG") and not places.find(t.form)]
    if not words or words[0].form in _LEADING_NOISE or len(words) > 4:
        return None
    country = next((t.form for t in titled if places.find(t.form) and not places.find(t.form)[0].city), None)
    name = s.text[words[0].start - s.start:words[-1].end - s.start]
    if len(name) < 2:
        return None
    return OrgMention(words[0].start, words[-1].end, name, _slot(after), None, True, country, True)


def _titled_body(tok: Token) -> Token | None:
    """The body in a word that ends with its head's title: 산림청장 → 산림청, 서울시장 → 서울시."""
    for title in ("청장", "총장", "원장", "소장", "시장", "지사", "장관", "장"):
        body = tok.form[: -len(title)]
        if tok.form.endswith(title) and len(body) >= 2 and tok.form not in PERSON_TITLES_KO and is_org_name(body):
            return Token(body, "NNG", tok.start, tok.end - len(title))
    return None


def _apposition_country(s: Sentence, tok) -> str | None:
    """"뉴질랜드 의료서비스전문 기술지주회사인 유니서비스와": a name introduced by a description
    ending in -인 that names the country — the name is a body of that country."""
    i = next((k for k, t in enumerate(s.tokens) if t.start == tok.start), None)
    if i is None or i < 3 or s.tokens[i - 1].tag != "ETM" or s.tokens[i - 2].tag != "VCP":
        return None
    head = s.tokens[i - 3]
    if not is_org_name(head.form) and head.form not in ("회사", "기업", "기관", "대학", "업체", "단체"):
        if not head.form.endswith(("회사", "기업", "기관", "대학", "업체", "단체", "그룹")):
            return None
    window = s.text[max(0, head.start - s.start - 30):head.start - s.start]
    found = [p for p in places.find(window) if not p.city and len(p.codes) == 1]
    return found[-1].text if found else None


def _org_like(name: str, run, slot: str) -> bool:
    if joint(run) or any(len(p.codes) == 2 for p in places.find(name)):
        return False  # 한·러 혁신센터: a joint body, whose countries the event takes from the name
    if is_org_name(name) and len(run) <= 12:
        return True
    # A country and a proper name as subject or partner (덴마크 오덴세와): a party of that country.
    first = places.find(run[0].form)
    if len(run) >= 2 and first and not first[0].city and slot in ("subject", "partner", "list"):
        return run[1].tag in ("NNP", "SL", "NNG")
    # A bare proper noun or acronym as the subject or partner (삼성전자는, KT와, ETRI가): a party.
    if len(run) == 1 and (slot == "subject" and run[0].tag == "NNP" or
                          slot in ("subject", "partner", "list") and _ACRONYM.match(run[0].form)):
        return not places.find(name)
    return False


def _slot(after) -> str:
    if after is None:
        return "other"
    if after.form in (",", "、") or after.tag == "SP" and after.form == ",":
        return "list"
    if after.tag == "JKB":
        return _JKB.get(after.form, "other")
    if after.tag == "JC" or after.form in ("와", "과"):
        return "partner"
    return _SLOTS.get(after.tag, "other")


def _slot_after(s: Sentence, end: int) -> str:
    for t in s.tokens:
        if t.start >= end:
            return _slot(t) if s.lang == "ko" else "other"
    return "other"
