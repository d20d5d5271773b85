"""What a sentence leaves to the ones around it: parties referred to ("양국", "the two
institutes"), subjects left out (Korean drops a subject the paragraph already has), the
country an article is about, names introduced with their country, and later sentences that
add to an event already drafted ("행사에는 … 참석했으며").
"""

from __future__ import annotations

import re

from services.query.drafts import places, records
from services.query.drafts.edtf_points import bounds_of
from services.query.drafts.lexicon import (
    DELEGATION_NAMES_KO,
    KIND_NOUNS_EN,
    KIND_NOUNS_KO,
    TOUR_GROUP_KO,
)
from services.query.drafts.org_types import PERSON_TITLES_KO

# "the centre", "the lab" (not "in the centre", "the centre of"): a body told before, by reference
_THE_BODY_AT = r"(?<![Ii]n )\b(?:the|The)\s+([Cc]entre|[Cc]enter|[Ll]aboratory|[Ll]ab)\b(?!\s+of\b)"
_ANAPHORA = re.compile(r"양국|양측|양사|두 나라|두 기관|두 도시|두 부처|두 대학|두 회사|양 기관|양 도시|양 대학|이 자리|"
                       r"두 (?:시장|총장|장관|원장|대표)(?:은|는|이|가)|참가 (?:도시|기관|국가|대학)들|참가국들|"
                       r"\bthe (?:trip|tour|mission)\b|^\W*They\s+(?:also\s+|further\s+|then\s+)?(?:agreed|decided|will|plan|planned|pledged|committed)\b|"  # "They agreed to launch …": the parties just told
                       r"이날 회의|이에 따라|\b(?:both|the two|the next|the same|the (?:[a-z]+ )?(?:agreement|forum|meeting|"
                       r"visit|partnership|deal|project|programme)|" + _THE_BODY_AT + "|"
                       # (… the visitors told before: "the visitors and provincial staff ran a workshop")
                       r"the visitors|the visiting (?:team|delegation|group|experts|researchers)|the (?:universities|institutes|institutions|agencies|ministries|cities|countries|"
                       r"sides|parties|organi[sz]ations|companies|partners))\b", re.IGNORECASE)


_THEY = re.compile(r"^\W*They\s")
_PEOPLE = re.compile(r"두 (?:시장|총장|장관|원장|대표)(?:은|는|이|가)|\bthe two (?:ministers|mayors|presidents|leaders)\b")


# An event noun standing alone as the topic ("지난해 포럼은", "다음 공동위원회는", "협약식은"): an
# edition or a part of an event the article has named with its parties.
_BARE_EVENT_TOPIC = re.compile(r"(?<![가-힣A-Za-z'‘’\-–·])(?:" + "|".join(sorted(
    (n for nouns in KIND_NOUNS_KO.values() for n in nouns if len(n) > 1), key=len, reverse=True)) +
    r")(?:은|는|에는|에서는)\s")


_DELEGATION_TOPIC = re.compile(r"\s*(?:이번\s*|우리\s*)?(?:" + "|".join(DELEGATION_NAMES_KO + TOUR_GROUP_KO) + r")(?:은|는|이|가)\s")
_PHRASE_BREAK = re.compile(r"[,.·]|\S+(?:던|는|은|한|된|인)\s")  # a comma or a modifier's end: where a noun phrase starts


def _own_place_before(sentence: str, at: int) -> bool:
    """A foreign country in the topic's own noun phrase, right before its event noun ("…잡혀 있던 노르웨이 베르겐
    해양기술단지 방문은"), back to the modifier before it."""
    phrase = _PHRASE_BREAK.split(sentence[max(0, at - 40):at])[-1]  # back to a modifier's end
    return any(not p.city for p in places.foreign(phrase))


def refers_back(sentence: str) -> bool:
    """"양 기관은 …", "The two institutes …": the sentence names its parties by reference."""
    return _ANAPHORA.search(sentence) is not None


def resolve_anaphora(d: dict, sentence: str, earlier: list[dict], before_at: int | None = None) -> None:
    """"양국은 …", "The two institutes will …": the parties are those of the event before
    (of the same kind when there is one); a clause that names a country that event does not (a leg to a
    third country), or one leg of a trip to several, keeps its own beside that event's visitors, and a
    delegation's own stop ("대표단은 … 덴마크에 머물며") keeps its country beside Korea's side alone."""
    rec = d["record"]
    if len({p.get("country") for p in rec["participants"] if p.get("country")}) >= 2 or not earlier:
        return
    # "On the sidelines of the forum, Lim held talks with …": the occasion of another kind names no party of this one
    sentence = _OCCASION.sub(lambda m: m.group() if occasion_kind(m.group()) == rec["kind"] else " ", sentence)
    if not _ANAPHORA.search(sentence) and not (rec["lang"] != "en" and _BARE_EVENT_TOPIC.search(sentence)):
        return
    if not _ANAPHORA.search(sentence) and _own_place_before(sentence, _BARE_EVENT_TOPIC.search(sentence).start()):
        return  # "노르웨이 베르겐 해양기술단지 방문은 … 취소됐다": the topic names its own place, no event told before
    told = earlier
    # an event before whose parties name no country (a signing by two people) gives no sides
    earlier = [e for e in earlier if any(p.get("country") for p in e["record"]["participants"])] or earlier
    if rec["lang"] == "en" and _THE_DELEGATION.search(sentence):
        # "The delegation had also planned to cross into Eswatini …": the delegation told before, not the technicians
        # invited in the sentence between
        earlier = [e for e in earlier if _DELEGATION_EN.search(e["quote"])] or earlier
    if rec["lang"] == "en" and (body := _THE_BODY.search(sentence)):
        # "… to set up a … Centre. …, the centre is expected to open": the event that named the centre
        naming = [e for e in told if re.search(_SET_UP + body.group(1)[:4], e["quote"], re.IGNORECASE)]
        if not naming and not _ANAPHORA.search(_THE_BODY.sub(" ", sentence)):
            return  # no event told before set it up, and nothing else refers back: the centre is not placed by reference
        earlier = [e for e in naming if e in earlier] or earlier
    same = [e for e in earlier if e["record"]["kind"] == rec["kind"]]
    sided = [e for e in earlier if len({p.get("country") for p in e["record"]["participants"]} - {None}) >= 2]
    if _TWO.search(sentence):  # "두 대학의 인연은 …", "the two institutes": an event of two sides, not the forum of three
        sided = [e for e in sided if len({p.get("country") for p in e["record"]["participants"]} - {None}) == 2] or sided
    typed = _TWO_TYPED.search(sentence)
    kind_of_body = _BODY_TYPES.get((typed.group(1) or typed.group(2) or "").lower()) if typed else None
    # "the two universities held in Seoul in 2023": the event before whose parties are two bodies of that type, whatever
    # their countries so far (a body's country may be given only later)
    two_bodies = [e for e in earlier if sum(p.get("type") == kind_of_body for p in e["record"]["participants"]) == 2]
    if kind_of_body and two_bodies:
        source = two_bodies[-1]["record"]
    elif _THEY.match(sentence):  # "They agreed to …": the subject of the sentence just before, its event's parties
        if before_at is not None and earlier[-1].get("_at") not in (None, before_at):
            return  # the sentence before tells no event ("Kenyan students have long studied in Korea. They will …")
        source = earlier[-1]["record"]
    elif _PEOPLE.search(sentence):  # "두 시장은 …": the two who met in the event just told, whatever its kind
        source = (sided or earlier)[-1]["record"]
    else:
        source = ([e for e in same if e in sided] or sided or same or earlier)[-1]["record"]
    own = {p.get("country") for p in rec["participants"]} - {None}
    theirs = {p.get("country") for p in source["participants"]} - {None}
    venue = {c for p in places.find(sentence) if p.city and len(p.codes) == 1 and _AT_PLACE_EN.search(sentence[: p.start])
             for c in p.codes} - theirs if rec["kind"] in ("meeting", "signing") and len(theirs) >= 2 else set()
    if venue and _TWO.search(sentence) and own <= venue:
        # "The two regulators first met … in Vienna": the two are the sides, the third country's city is the venue
        rec["participants"] = [p for p in rec["participants"] if p.get("country") not in venue or p.get("type") != "other"]
        own = set()
    names = {p["name"] for p in rec["participants"]}
    if own and theirs <= own and any(not p.get("country") and p.get("type") != "person" for p in rec["participants"]) \
            and all(p.get("country") or p["name"] in names for p in source["participants"]):
        # "… visited Hanbit University …, opening a chapter in the two institutions' cooperation": its own two bodies
        # (one not yet placed), and the event before adds none
        return
    if own - {"KR"} and _DELEGATION_TOPIC.match(sentence):
        # "대표단은 … 덴마크에 머물며": the delegation's own stop stays its foreign side; the reference adds Korea's side,
        # not the other countries of the tour
        rec["participants"] = [dict(p) for p in rec["participants"] if p.get("country")] + [
            dict(p) for p in source["participants"] if p.get("country") == "KR"]
        keep = None
    else:
        # "planned to cross into Eswatini …, but the trip was called off": a leg to a third country, one the event
        # before does not name — that country stays, beside the sides of the event before that are not of where it
        # took place (the delegation, not its hosts in Maseru), or, where the event before names no place, Korea's
        keep = []
        if own - theirs or leg_of(rec, source):  # (… and a leg of a trip to several countries)
            placed = where(next((e["quote"] for e in earlier if e["record"] is source), ""))
            keep = [p for p in source["participants"] if p.get("country") not in own | {None}
                    and (p["country"] not in placed if placed else p["country"] == "KR")] or [
                p for p in source["participants"] if not p.get("country") and p["role"] == "visitor" and placed]
    if keep:
        rec["participants"] += [dict(p) for p in keep]
    elif keep is not None:
        rec["participants"] = [dict(p) for p in source["participants"]]
    named = [p["name"] for p in rec["participants"] if not p["name"].endswith((" 측", " side"))]
    if rec["lang"] != "en" and named and not any(n in rec["title"] for n in named):
        rec["title"] = f"{'–'.join(named[:2])} {rec['title']}"[:500]  # "양국은 …": say who
    if "title_en" not in rec and "title_en" in source:
        rec["title_en"] = source["title_en"]
    records.recheck(d)


_THE_DELEGATION = re.compile(r"\b(?:The|the|Our|our|This|this)\s+delegation\b")
_SET_UP = r"\b(?:set up|setting up|establish\w*|build\w*|creat\w+|open\w*)\s+(?:of\s+)?(?:a|an|the|its|their)\s+[^.;]{0,60}?"
_THE_BODY = re.compile(_THE_BODY_AT)
_DELEGATION_EN = re.compile(r"\bdelegation\b", re.IGNORECASE)


def leg_of(rec: dict, trip: dict) -> bool:
    """A visit to some of the countries of a visit to several told before (three countries or more, the visitors'
    with them): one leg of that trip ("대표단은 … 루안다에 머물며" after "루안다와 요하네스버그를 찾았다")."""
    mine = {p.get("country") for p in rec["participants"]} - {None}
    theirs = {p.get("country") for p in trip["participants"]} - {None}
    return rec["kind"] == trip["kind"] == "visit" and len(theirs) >= 3 and bool(mine) and mine < theirs


# a reference that counts two parties ("두 대학", "양 기관", "the two regulators", "both")
_TWO = re.compile(r"(?<![가-힣])(?:두\s(?!번)[가-힣]|양(?:국|측|사|\s?(?:기관|대학|도시|부처|정부|단체|지역)))|\b(?:the two|both)\b",
                  re.IGNORECASE)


# a reference that counts two bodies of one type ("the two universities", "두 대학", "양 도시"), the noun whole or
# before its particle (not "두 대학생", two students, or "두 회사원", two employees)
_TWO_TYPED = re.compile(r"\b(?:the two|both)\s+(universities|cities|ministries|companies|institutes)\b|"
                        r"(?<![가-힣])(?:두\s?|양\s?)(대학|도시|부처|회사)(?:교)?(?=은|는|이|가|의|과|와|도|에|을|를|끼리|[^가-힣]|$)",
                        re.IGNORECASE)
_BODY_TYPES = {"universities": "university", "대학": "university", "cities": "local-government", "도시": "local-government",
               "ministries": "government", "부처": "government", "companies": "company", "회사": "company",
               "institutes": "research"}


_AT_PLACE_EN = re.compile(r"\b(?:in|to|at|into)\s+(?:the\s+)?$")
_AT_PLACE_KO = re.compile(r"(?:에서|에|을|를)(?![가-힣])")


def where(text: str) -> set[str]:
    """The countries of the places a sentence says its event is in or goes to ("in Maseru", "루안다에서")."""
    return {c for p in places.find(text) if len(p.codes) == 1 and (
        _AT_PLACE_EN.search(text[: p.start]) or _AT_PLACE_KO.match(text, p.end)) for c in p.codes}


def join_earlier_sides(d: dict, earlier: list[dict]) -> None:
    """A party said to take part too (X도): the parties of the latest event with both sides join it."""
    sided = [e for e in earlier if len({p.get("country") for p in e["record"]["participants"]} - {None}) >= 2]
    if not sided:
        return
    rec = d["record"]
    names = {p["name"] for p in rec["participants"]}
    countries = {p.get("country") for p in rec["participants"]}
    for p in sided[-1]["record"]["participants"]:
        if p["name"] not in names and not (p["name"].endswith((" 측", " side")) and p.get("country") in countries):
            rec["participants"].append(dict(p))
            names.add(p["name"])
            countries.add(p.get("country"))
    rec["participants"] = rec["participants"][:100]
    records.recheck(d)


_SAME_EVENT = re.compile(r"\b(?:the agreement|the memorandum|the mou|the same (?:forum|meeting|visit))\b|이번 (?:"
                         + "|".join(n for nouns in KIND_NOUNS_KO.values() for n in nouns if len(n) > 1) + ")",
                         re.IGNORECASE)


# A clause that opens on the bare event noun as its topic talks of the one just told ("사업은 …").
_TOPIC_EVENT = re.compile(r"\s*(?:이\s*|해당\s*|이번\s*|동\s*|\d+\s*단계\s*)?(?:사업|프로젝트|회의|회담|포럼|협약|협약식|체결식|서명식|조인식|개소식|"
                          r"개관식|개원식|행사|방문|" + "|".join(DELEGATION_NAMES_KO) + r"|전시회|박람회|세미나|워크숍|공동위원회)(?:은|는)\s|"
                          r"\s*The (?:[\w.-]+ ){0,5}?(?:project|programme|program|initiative|pilot|centre|center|office|summer school|winter school|"
                          r"training course)\b(?!\s+(?:of|for)\b)")


# A document named as the sentence's subject, with its signing in apposition ("The Kingston Declaration on …
# (test), signed by the heads of the five delegations, commits …"): the document is the topic, its signing
# the one told before
_DOCUMENT_SIGNED = re.compile(r"\s*The (?:[\w.’'()–-]+ ){0,10}?(?:Declaration|Agreement|Memorandum|Accord|Charter|Statement|"
                              r"Communiqu[ée]|Protocol|Treaty|Pact)\b[^,.;]{0,80}, (?:which was |jointly )?signed "
                              r"(?:by|at|on|in|during)\b")


def same_as_earlier(d: dict, clause: str, earlier: list[dict]) -> dict | None:
    """The earlier draft this one reports again: it names the event as already mentioned
    ("The agreement was signed in Copenhagen…", "이번 협약") or by a name an earlier sentence
    gave it in quotes ("이날 ‘혁신 플랫폼 MOU’에서는…")."""
    kind = d["record"]["kind"]
    names = set(records.quoted_names(clause, aliases=True))
    for e in reversed(earlier):
        if e["record"]["kind"] != kind:
            continue
        if names & e.get("_names", set()):
            return e
    if kind == "signing" and _DOCUMENT_SIGNED.match(clause):  # "The Kingston Declaration …, signed by the heads of …"
        return next((e for e in reversed(earlier) if e["record"]["kind"] == kind), None)
    said = _SAME_EVENT.search(clause) or _TOPIC_EVENT.match(clause)
    if said and _kind_named(said.group()) in (kind, None):  # "The agreement follows a visit …": not the visit
        return next((e for e in reversed(earlier) if e["record"]["kind"] == kind), None)
    return None


def _kind_named(phrase: str) -> str | None:
    """The kind of the event noun a back-reference names ("the agreement", "이번 회의", "사업은")."""
    low = phrase.lower()
    best, at = None, -1
    for kinds in (KIND_NOUNS_EN, KIND_NOUNS_KO):
        for k, nouns in kinds.items():
            for n in nouns:
                pos = low.rfind(n.lower())
                if pos > at:
                    best, at = k, pos
    return best


_ONE_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def absorb(twin: dict, d: dict, own_date: bool = False) -> None:
    """Add a second report's parties and sectors to the first, and its date if the first had none
    (with `own_date`, the second's date when it lies within the first's, or ends after it)."""
    if "$.date" in twin["missing"] and "date" in d["record"] and "$.date" not in d["missing"]:
        twin["record"]["date"] = d["record"]["date"]
        twin["missing"] = [m for m in twin["missing"] if m != "$.date"]
    elif own_date and "date" in d["record"] and "date" in twin["record"] and not (
            twin["record"]["kind"] == "visit" and _DAYS_SPAN.fullmatch(twin["record"]["date"])) and not (
            twin["record"]["kind"] == "signing" and _ONE_DAY.fullmatch(twin["record"]["date"]) and "/" in d["record"]["date"]):
        # (a trip of days keeps its days: "12월 2일부터 5일까지 방한" then "이번 방한의 핵심 일정은 12월 3일"; a signing of
        # a day keeps its day: "Under the agreement, … a … study …, running from October 2025 to September 2027")
        twin["record"]["date"] = _refined(twin["record"]["date"], d["record"]["date"])
    names = {p["name"] for p in twin["record"]["participants"]}
    countries = {p.get("country") for p in twin["record"]["participants"]}
    for p in d["record"]["participants"]:
        side = p["name"].endswith((" 측", " side"))
        if p["name"] not in names and not (side and p.get("country") in countries) and p.get("type") != "other":
            twin["record"]["participants"].append(p)
            names.add(p["name"])
    extra = [s for s in d["record"]["sectors"] if s not in twin["record"]["sectors"]]
    twin["record"]["sectors"] = (twin["record"]["sectors"] + extra)[:20]


_OCCASION = re.compile(r"(" + "|".join(sorted((n for nouns in KIND_NOUNS_KO.values() for n in nouns if len(n) > 1),
                                              key=len, reverse=True)) + r")\s*(?:계기|기간\s*중|기간에|중에|현장에서|직후|당일|같은\s*날|다음\s*날|이튿날|전날)|"
                       r"\b(?:during|on the sidelines of|on the margins of|alongside|at|the day after|the day before|"
                       r"(?:^|(?<=\n))\s*(?:following|after|shortly after|right after|immediately after)) (?:the|his|her|their) (?:\w+ )?"
                       r"(forum|conference|summit|meeting|talks|visit|fair|expo|exhibition|seminar|workshop|trip|tour|mission|stay)\b",
                       re.IGNORECASE)


def occasion_offset(clause: str) -> int:
    """Days from the occasion's date: "the day after the summit", "회의 다음 날" (+1), "포럼 전날" (-1)."""
    m = _OCCASION.search(clause)
    if m is None:
        return 0
    said = m.group().lower()
    return 1 if re.search(r"다음\s*날|이튿날|the day after", said) else -1 if re.search(r"전날|the day before", said) else 0


def occasion_also(clause: str) -> str | None:
    """The other kind the occasion may have been drafted as: a summit is a forum, or the leaders'
    talks ("held talks …", then "Following the summit")."""
    m = _OCCASION.search(clause)
    return "meeting" if m is not None and m.group(2) and m.group(2).lower() == "summit" else None


def occasion_kind(clause: str) -> str | None:
    """The kind of the event a clause says it happens on the occasion of ("포럼 계기에", "during the visit")."""
    m = _OCCASION.search(clause)
    if m is None:
        return None
    if m.group(1):
        return next(k for k, nouns in KIND_NOUNS_KO.items() if m.group(1) in nouns)
    if m.group(2).lower() == "stay":  # "During her stay, the Minister also toured …": the visit
        return "visit"
    return next(k for k, nouns in KIND_NOUNS_EN.items() if m.group(2).lower() in nouns)


_EN_SETTING = re.compile(
    r"\b(?:at|during|to attend|attending|attended|to take part in|took part in)\s+(?:the\s+)?"
    r"(?P<name>(?:\d+(?:st|nd|rd|th)\s+)?[A-Z][^,.;]{0,90}?\b(?P<noun>Joint Committee|Forum|Summit|Conference|"
    r"Symposium|Expo|Fair|Exhibition|Working Group|Dialogue|Workshop|Seminar))\b")
_KO_SETTING = re.compile(
    r"(?P<name>['‘][^'’]{2,60}['’]|(?:제\s?\d+\s?차|\d{4}|[한韓][-·–]\s?[가-힣]{1,8})[가-힣A-Za-z0-9·\- ]{0,30}?"
    r"(?P<noun>공동위원회|정상회의|포럼|회의|회담|박람회|전시회|세미나|워크숍|심포지엄|엑스포|학술대회))"
    r"\s*(?:에서|기간\s*중에?|에\s*(?:참석|참가))")


_EN_VISIT_SETTING = re.compile(r"\b(?:during|on)\s+(?:a|an|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?"
                               r"(?P<name>visit\s+to\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)")


def named_setting(clause: str, lang: str) -> tuple[str, str] | None:
    """A named event a clause says another happened at ("at the 6th Vietnam-Korea … Joint
    Committee", "'2024 한-아세안 과학기술 포럼'에서"): (its kind, its name). Only one named by its
    countries is a cooperation event of its own; a host's forum ("동방경제포럼") is a venue."""
    m = (_EN_SETTING if lang == "en" else _KO_SETTING).search(clause)
    visit = _EN_VISIT_SETTING.search(clause) if lang == "en" and m is None else None
    if visit is not None and places.find(visit.group("name")):
        return "visit", visit.group("name")  # "signed … during a week-long visit to South Korea"
    if m is None or not places.find(m.group("name")):
        return None
    name = m.group("name").strip("'‘’ ")
    if lang == "en":
        noun = m.group("noun").lower()
        kind = next((k for k, nouns in KIND_NOUNS_EN.items() if noun in nouns), None)
    else:
        kind = next((k for k, nouns in KIND_NOUNS_KO.items() if any(name.endswith(n) for n in nouns)), None)
        kind = kind or next((k for k, nouns in KIND_NOUNS_KO.items() if m.group("noun") in nouns), None)
    return (kind, name) if kind else None


_DAYS_SPAN = re.compile(r"\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d")


def _refined(first: str, later: str) -> str:
    """"25일부터 28일까지 … 체결한다" then "협약식은 27일": the 27th; "launched … last month" then
    "runs until July 2028": from last month to July 2028."""
    if "?" in later or "%" in later:
        return first
    if "?" in first and bounds_of(later)[0] is not None:
        return later  # the first report's date was borrowed ("has signed …"); "was signed on 9 February" is its own
    a, b = bounds_of(first), bounds_of(later)
    if None in a or b[1] is None:
        return first
    if b[0] is not None and a[0] <= b[0] and b[1] <= a[1] and b != a:
        return later
    if "/" not in first and b[1] > a[1] and (b[0] is None or b[0] >= a[0]):
        return f"{first}/{later.partition('/')[2] or later}"
    return first


# The attended event named as the topic or as the one just told ("행사에는", "이번 회의에").
# (… and a delegation's members: "…를 단장으로 한 대표단에는 … 15명이 참여했다" is the visit told before)
_BACK_REFERENCE = re.compile(r"(?:이번|이날|해당|같은)\s|(?:[가-힣]식|[가-힣]회|행사|포럼|회의|세미나|워크숍|박람회|전시회|"
                             + "|".join(DELEGATION_NAMES_KO) + r")에(?:는|서는)|"
                             r"\b[Tt]he (?:\w+ )?(?:ceremony|opening|forum|meeting|conference|signing|visit|event|"
                             r"workshop|seminar|exhibition|fair)\b")

_PRONOUN_SUBJECT = re.compile(r"\s*(?:She|He|They)\s")


def merge_into_earlier(d: dict, paragraph: int, own_date: bool, attending: bool, earlier: list[dict],
                       clause: str = "", planned: bool = False) -> bool:
    """A sentence without its own date that reports the same kind of event as an earlier
    draft of its paragraph, or that only says who attended, adds to that draft. True if merged.
    An announcement (planned) or an event with its own number ("제13차") is a new one."""
    if own_date and not attending:
        return False
    # … but a plan told on by its subject's pronoun ("She is expected to tour …") is the plan just told
    continued = planned and not own_date and _PRONOUN_SUBJECT.match(clause) is not None
    if not attending and (planned and not continued or re.search(r"제\s?\d+\s?차", clause)):
        return False
    rec = d["record"]
    twin = next((e for e in reversed(earlier) if e.get("_paragraph") == paragraph
                 and e["record"]["kind"] == rec["kind"]), None)
    if continued and twin is None:
        return False
    if twin is None and attending and not own_date and _BACK_REFERENCE.search(clause):
        # "협약식에는 … 참석했다", "이번 회의에 참석한": the event told before, wherever it was
        twin = next((e for e in reversed(earlier) if e["record"]["kind"] == rec["kind"]), None)
    if twin is None and rec["kind"] in ("meeting", "forum") and not own_date:
        # talks and fairs on a visit's programme ("이들은 현지에서 상담회를 개최했다") are the visit
        twin = next((e for e in reversed(earlier) if e.get("_paragraph") == paragraph
                     and e["record"]["kind"] == "visit"), None)
    if twin is None or twin["quote"] == d["quote"]:
        return False  # drafts of one clause (one agreement per partner) stay apart
    if own_date and twin["record"].get("date") != rec.get("date"):
        return False  # "10일 … 서명했다. 11일에는 … 협약식에 참석했다": attended on another day, another event
    names = {p["name"] for p in twin["record"]["participants"]}
    countries = {p.get("country") for p in twin["record"]["participants"]}
    for p in rec["participants"]:
        side = p["name"].endswith((" 측", " side"))
        if p["name"] not in names and not (side and p.get("country") in countries):
            twin["record"]["participants"].append(p)
            names.add(p["name"])
            countries.add(p.get("country"))
    twin["record"]["participants"] = [p for p in twin["record"]["participants"]
                                      if not (p["name"].endswith((" 측", " side")) and
                                              sum(q.get("country") == p.get("country") for q in
                                                  twin["record"]["participants"]) > 1)]
    extra = [s for s in rec["sectors"] if s not in twin["record"]["sectors"]]
    twin["record"]["sectors"] = (twin["record"]["sectors"] + extra)[:20]
    records.recheck(twin)
    return True


def topic_country(text: str, home: str | None) -> str | None:
    """The foreign country a page is about: named in at least 40% of its paragraphs and in at
    least 60% of the mentions of foreign countries (an embassy's page on its relations)."""
    paragraphs = [p for p in text.splitlines() if p.strip()]
    counts: dict[str, int] = {}
    for p in places.find(text):
        if len(p.codes) == 1 and p.codes[0] != home:
            counts[p.codes[0]] = counts.get(p.codes[0], 0) + 1
        elif len(p.codes) >= 2 and home in p.codes:  # 한-러: the pair names the other side
            for other in set(p.codes) - {home}:
                counts[other] = counts.get(other, 0) + 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda c: counts[c])
    total = sum(counts.values())
    spread = sum(1 for p in paragraphs if best in {c for q in places.find(p) for c in q.codes})
    return best if counts[best] / total >= 0.6 and spread >= max(3, 0.4 * len(paragraphs)) else None


_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .'-]{1,40}?)(?:,| \()[^\n]{0,40}?\s(?:[-–—]|--)\s", re.MULTILINE)


def dateline_country(text: str) -> str | None:
    """The country of a press release's dateline city ("SEOUL, 14 April 2025 – …")."""
    for m in _DATELINE.finditer(text[:2000]):
        found = places.find(m.group(1).strip().title())
        if found and len(found[0].codes) == 1:
            return found[0].codes[0]
    return None


def names_with_countries(orgs_of) -> dict[str, str]:
    """Names the article introduces with their country ("덴마크 오덴세"), to place them later."""
    memory: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for orgs in orgs_of:
        for o in orgs:
            said = places.find(o.country_word) if o.country_word else []
            if said and len(said[0].codes) == 1:  # (a group's name, 중앙아시아 바이오 시장, places no name in one country)
                memory.setdefault(o.name, said[0].codes[0])  # Japan's RIKEN … RIKEN
            inside = places.find(o.name)
            if not inside or len(inside[0].codes) != 1:
                continue
            code = inside[0].codes[0]
            if inside[0].start == 0 and not inside[0].city:
                rest = o.name[inside[0].end:].strip()
                if rest:
                    memory.setdefault(rest, code)  # 덴마크 오덴세 → 오덴세
                    stem = re.sub(r"(?:시|도|군|주|현)$", "", rest.split()[0])
                    if len(stem) >= 2:
                        memory.setdefault(stem, code)  # 일본 후쿠오카시 → 후쿠오카
            acronym = re.search(r"\(([A-Z][A-Za-z&]{1,9})\)$", o.name)
            if acronym:
                memory.setdefault(acronym.group(1), code)  # "… Institute (KASI)" … "KASI"
            initials = "".join(w[0] for w in re.findall(r"[A-Z][A-Za-z]+", o.name))
            if len(initials) >= 2:
                memory.setdefault(initials, code)  # Seoul National University → SNU
            head = o.name.split()[-1]
            if head in _HEADS_EN:
                heads.setdefault(head, set()).add(code)
    for head, codes in heads.items():
        if len(codes) == 1:  # "Korea Railway Industry Council" … "the Council's trade mission": the one body so headed
            memory.setdefault(head, next(iter(codes)))
    return memory


# a body named after its city ("the University of Ohrid", "Port of Mombasa", "Municipality of Budva")
_OF_CITY = re.compile(r"\b(?:University|Municipality|Port|Governorate) of ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)$")


def bodies_of_named_cities(orgs_of, text: str, memory: dict[str, str]) -> None:
    """A body named after a city of the gazetteer ("the University of Ohrid") is of that city's country when the article
    names that country too ("in Ohrid, North Macedonia"); a city's name is too often another's to place a body alone
    (the University of Canterbury is a New Zealand one)."""
    named = {p.codes[0] for p in places.find(text) if len(p.codes) == 1}
    for orgs in orgs_of:
        for o in orgs:
            m = _OF_CITY.search(o.name)
            if m is None or o.name in memory or places.find(o.name):
                continue
            found = places.find(m.group(1))
            if len(found) == 1 and found[0].end - found[0].start == len(m.group(1)) and len(found[0].codes) == 1 \
                    and found[0].codes[0] in named:
                memory[o.name] = found[0].codes[0]


# the head noun an English text names a body by again ("the Council", "the Agency")
_HEADS_EN = {"Council", "Commission", "Agency", "Association", "Federation", "Foundation", "Society", "Corporation"}


_TITLED_KO = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{1,5})(?:\([^)]{0,10}\))?\s*(?P<title>" + "|".join(
    t for t in PERSON_TITLES_KO if t not in ("관계자", "기자")) + r")(?=(?:이|가|은|는|과|와|을|를|의|도)?(?:[^가-힣]|$)|\s*일행)")


# between a country (or city) and a person of it: its side's word, one body's name, a given name ("쿠웨이트| 측에서는
# 고등교육과학부(테스트) 누라 |알사바히", "에스비에르|시(테스트) 예스퍼 |룬")
_BESIDE = re.compile(r"(?:\s*측(?:에서는|에서|은|는|의)?)?(?:\s*[가-힣A-Za-z0-9]+(?:\([^)]{0,10}\))?)?(?:\s+[가-힣]{1,4})?\s*")


def people_with_countries(sents) -> dict[str, str]:
    """Foreign people a Korean article introduces beside their country or city ("쿠웨이트 측에서는 고등교육과학부(테스트)
    누라 알사바히(테스트) 차관이", "에스비에르시(테스트) 예스퍼 룬(테스트) 시장"), by surname and title ("알사바히 차관"),
    to place them when named again with no country ("알사바히 차관 일행은 … 방한합니다")."""
    people: dict[str, str] = {}
    for s in sents:
        if s.lang != "ko":
            continue
        found = [p for p in places.find(s.text) if len(p.codes) == 1]
        for m in _TITLED_KO.finditer(s.text):
            near = [p for p in found if 0 <= m.start() - p.end <= 30 and _BESIDE.fullmatch(s.text[p.end:m.start()])]
            if near and near[-1].codes[0] != "KR":
                people.setdefault(f"{m['name']} {m['title']}", near[-1].codes[0])
    return people


def person_side(d: dict, people: dict[str, str]) -> None:
    """A draft with no foreign side whose sentence names a person introduced with their country: that country's side."""
    rec = d["record"]
    if rec["lang"] == "en" or {p.get("country") for p in rec["participants"]} - {None, "KR"}:
        return
    for m in _TITLED_KO.finditer(d["quote"]):
        code = people.get(f"{m['name']} {m['title']}")
        if code:
            rec["participants"].append({"name": f"{places.name_ko(code)} 측", "country": code, "type": "other",
                                        "role": "visitor" if rec["kind"] == "visit" else "participant"})
            records.recheck(d)
            return

