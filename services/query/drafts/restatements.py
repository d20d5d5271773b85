"""One event told twice in an article, and lines that tell no event.

An article sums up before it reports: a headline or a ◈ summary line, a lead that counts ("signed
two agreements", "협약 2건"), a sentence that goes back to "The visit", a launch ceremony or an
opening speech beside the programme or event it opens. Each of those, beside a draft of the same
kind and countries that its dates fit, folds into that more specific draft (which keeps its quote).
Two signings of one day stay two: a counting sentence folds only when the signings it counts are
all drafted, and a heading or a definite "The visit" only into one report (a headline above every
statement, into the lead). A trip told as a whole and then leg by leg is left to its legs, and a stay
whose days fall within a trip told roughly ("지난달 말") gives that trip its days.

`not_events` drops what reads like an event but is none: a blog's month heading ("March: …"), a
habitual clause ("2년마다 … 열린다", "is held every two years", "meets on the first Thursday of
each month"), an outing of a generic local group (citizens, residents, schools) with no foreign side, an event with domestic partners
("국내 기업 대표들과 간담회") in a sentence that names no foreign country, an event on one's own premises
("교내 학생회관에서") naming no foreign party, a body of one's own ("자체 분석센터"), one body's own occasion ("창립 20주년
기념식", "its annual general meeting"), a remark on the event just told ("… 맺은 것은 이번이 처음이다"), and an
agreement's terms told without a date of their own ("Under the memorandum, …", "협약에 따라 …").
"""

from __future__ import annotations

import re

from services.query.drafts import dates, discourse, places
from services.query.drafts.edtf_points import bounds_of, overlaps
from services.query.drafts.lexicon import KIND_NOUNS_EN, KIND_NOUNS_KO

_NUM_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
_NUM_KO = {"두": 2, "세": 3, "네": 4, "다섯": 5}
_COUNT_EN = re.compile(r"\b(two|three|four|five|both|\d)\s+(?:[\w-]+\s+){0,3}?"
                       r"(?:agreements|memoranda|MOUs|MoUs|accords|pacts|deals|contracts)\b", re.IGNORECASE)
_COUNT_KO = re.compile(r"(?:(두|세|네|다섯|\d)\s*(?:건|개)의\s*(?:[가-힣]+\s+){0,2}?(?:업무협약|협약|양해각서|MOU|계약|협정)"
                       r"|(?:업무협약|협약|양해각서|MOU|계약|협정)\s*(\d)\s*건)")
_SENTENCE_END = re.compile(r"(?:[다요]\.?|[.!?])[\"'”’)]?\s*$")
_MARKER = re.compile(r"^\s*[◈◆◇■□▶▷●○•*\-–·]\s")
_THE_VISIT = re.compile(r"^\s*(?:The|This|That)\s+(?:\w+\s+)?(?:visit|trip|tour|mission)\b")
# "The Forum was opened by Palau's Minister …": the forum or meeting just told, told again by its definite name
_THE_EVENT = re.compile(r"^\s*(?:The|This|That)\s+(?:\w+\s+)?(?:forum|conference|symposium|workshop|seminar|meeting|"
                        r"session|summit|dialogue)\b(?!\s+(?:of|on)\b)", re.IGNORECASE)
# people who travel to an event to take part in it ("travelled down to present the results", "flew in to attend")
_CAME_TO_TAKE_PART = re.compile(r"\b(?:travell?ed|came|flew|journeyed)\s+(?:(?:down|up|over|in|out|here|there)\s+)?"
                                r"(?:from\s+[\w\s-]{1,30}?\s+)?to\s+(?:present|attend|take part|speak|participate|join in|"
                                r"share|report)\b")
# the sessions of an event told before, their topics told ("Several sessions focused on …", "Panel sessions covered …")
_SESSIONS = re.compile(r"^\s*(?:(?:Several|Many|Most|Some|Other|Parallel|Two|Three|Four|Five|The|Its|Their)\s+)?"
                       r"(?:[\w-]+\s+)?(?:sessions|panels)\b(?!\s+(?:of|between)\b)", re.IGNORECASE)
# people met on a visit, not counterparts in talks: "met researchers at the institute", "met young Georgian engineers"
_MET_PEOPLE = re.compile(r"\bmet\s+(?:with\s+)?(?:(?:some|several|many|local|young|senior|\d+|[A-Z][\w-]+)\s+){0,3}"
                         r"(?:researchers|engineers|students|officials|staff|scientists|experts|members|entrepreneurs|"
                         r"representatives|start-?ups|farmers|teachers|technicians|alumni|residents)\b")
_DURING_VISIT = re.compile(r"^\W*During (?:the|this|that|his|her|their|its) (?:[\w-]+\s+){0,2}?(?:visit|trip|stay|mission)\b")
_OPENS_EVENT = re.compile(r"\bopened the (?:event|week|forum|conference|exhibition|festival|fair|session|"
                          r"workshop|seminar|meeting|summit|ceremony|programme|program)\b|\blaunch(?:ed)? at a ceremony\b|"
                          r"\blaunch ceremony\b|출범식|개막식|개회식|발대식|개회사|개막\s*선언", re.IGNORECASE)

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
_MONTH_HEADING = re.compile(r"^\s*(?:" + _MONTHS + r"|\d{1,2}\s*월)\s*[:：]", re.IGNORECASE)
_HABITUAL = re.compile(r"(?:\d+|두|세)\s*년\s*마다|해마다|매년|격년|\bevery\s+(?:\w+\s+)?years?\b|\bannually\b|\beach year\b|"
                       # … and a group's rhythm: "meets on the first Thursday of each month", "meets every week"
                       r"\b(?:each|every)\s+(?:other\s+|second\s+)?(?:month|week|quarter|fortnight)\b|\b(?:monthly|weekly)\b",
                       re.IGNORECASE)
_HABITUAL_VERB = re.compile(r"(?:열린다|개최된다|열리고\s*있다|열려\s*왔다)\.?\s*$|\b(?:is|are)\s+held\b|\btakes?\s+place\b|\bmeets\b",
                            re.IGNORECASE)
# on one's own premises (a campus, a company, an institute): "교내 학생회관에서", "사내에서"
_IN_HOUSE = re.compile(r"(?<![가-힣])(?:교내|학내|사내|원내|부내|청내)(?:에서|의)?\s|"
                       # a government's own bodies meeting: "관계부처 합동 … 점검회의", "소관 출연연 원장들이 참석한",
                       # "산하 기관장 회의"
                       r"관계\s*부처\s*(?:합동|간)|(?<![가-힣])(?:소관|산하)\s+(?:출연연|출연기관|공공기관|연구기관|기관)")
# a body of one's own, whatever sides the sentences before gave it ("자체 분석센터", "on our own campus")
_OWN_BODY = re.compile(r"(?<![가-힣])자체\s+[가-힣]|\b(?:on|at|in)\s+(?:our|its|their)\s+own\s+"
                       r"(?:campus|premises|site|grounds)\b", re.IGNORECASE)
# one body's own occasion: its anniversary, its members' general meeting
_OWN_OCCASION = re.compile(r"(?:창립|개교|개원|설립|창사|개소)\s*\d+\s*주년|정기\s*총회|\bannual general meeting\b|"
                           r"\bgeneral assembly of (?:its|our|the association)|\bheld its (?:annual )?general meeting\b",
                           re.IGNORECASE)
# "협약을 맺은 것은 이번이 처음이다", "공식 방문한 것은 이번이 처음이다": what is said of the event just told
# (a modifier ending in ㄴ: 은/는, or any syllable whose final consonant is ㄴ — 한, 된, 간)
_N_FINAL = "".join(chr(c) for c in range(0xAC00, 0xD7A4) if (c - 0xAC00) % 28 == 4)
def _remarked(clause: str, kind: str) -> bool:
    """The remark's own clause names an event of the draft's kind ("협약을 맺은 것은 이번이 처음이다"); one after a
    clause with an event of its own ("2019년 … 약정을 맺은 이후 … 협력해 왔으나, 협력 범위를 넓힌 것은 이번이 처음이다") leaves
    that event told."""
    return any(n in clause for n in KIND_NOUNS_KO.get(kind, ()))


# a sentence that is only a remark on the event just told, dated by the last before it: "This was the first
# meeting since 2019 …", "The secretariat noted that this was the first meeting since 2019 …" (at the sentence's
# opening, so "… held a workshop on 3 May, and this was the first workshop since 2019" keeps its workshop)
_FIRST_SINCE_EN = re.compile(r"^\W*(?:(?:[\w.'’-]+\s+){1,6}?(?:noted|said|says|added|stressed|recalled|pointed\s+out)"
                             r"\s+(?:that\s+)?)?(?:this|it|that)\s+(?:was|is|marked|marks|will be)\s+the\s+first\s+"
                             r"((?:[\w-]+\s+){0,3}?)([\w-]+)\s+(?:since|in)\b", re.IGNORECASE)
_FIRST_TIME = re.compile(rf"[은는{_N_FINAL}]\s*것은\s+(?:이번이\s+)?(?:처음|최초|[가-힣]+\s*번째)(?:이다|다|였다)")
# the event's partners or audience said to be domestic ("국내 기업 대표들과", "국내 연구기관을 대상으로",
# "with domestic companies")
_DOMESTIC = re.compile(r"국내\s+(?:[^\s,.]+\s+){0,3}?[^\s,.]*(?:들과|와|과)\s|"
                       r"국내\s+(?:[^\s,.]+\s+){0,3}?[^\s,.]*(?:을|를)\s*대상으로|"
                       r"\bwith\s+(?:\w+\s+)?domestic\s+(?:companies|firms|businesses|industry|partners)\b")
_DOMESTIC_EN = re.compile(r"\b(?:a|an|the|its)\s+domestic\s+(?:[\w-]+\s+){0,2}?(?:programmes?|programs?|projects?|shows?|"
                          r"fairs?|exhibitions?|forums?|conferences?|scheme)\b", re.IGNORECASE)
# an international body as a party ("Tunisia and the European Union signed …", "signed a loan with the World Bank"): told
# without a Korean party, another partner's event, given as background
_WORLD_PARTY_EN = re.compile(r"\b(?:(?:and|with)\s+(?:the\s+)?(?:European Union|European Commission|World Bank|International "
                             r"Monetary Fund|IMF|United Nations|African Union|Asian Development Bank|African Development Bank|"
                             r"Inter-American Development Bank|OECD|UNDP|UNESCO|EU)\b(?![\w-])|"
                             r"(?:The\s+|the\s+)?(?:European Union|European Commission|World Bank|EU)\s+and\s+[A-Z])")


def _world_body_and_country(quote: str) -> bool:
    """An international body with a foreign country as its party: "Tunisia and the European Union", "the EU and
    Tunisia", "Kenya signed a loan with the World Bank" — not a body with a party of no country named ("The Ministry
    of Economy and Finance and the World Bank", "KOICA and UNDP … to support Fiji's fisheries", "Fiji, KOICA and
    UNDP"), which may be Korea's own."""
    for m in _WORLD_PARTY_EN.finditer(quote):
        for p in places.foreign(quote):
            if p.end <= m.start() and (not quote[p.end:m.start()].strip()  # "Tunisia and the EU"
                                       or m.group().startswith("with") and not re.search(r"[,;]|\band\b", quote[p.end:m.start()])):
                return True  # … or "Kenya signed a loan agreement with the World Bank"
            if m.group().rstrip()[-1:].isupper() and p.start == m.end() - 1:
                return True  # "the EU and Tunisia"
    return False


_KOREAN_EN = re.compile(r"\bKorea|\bKorean|\bSeoul\b|\bK-[A-Za-z]")
# two sides told beside a domestic programme: "a joint project to connect the domestic programmes of both countries"
_TWO_SIDES_EN = re.compile(r"\b(?:joint(?:ly)?|bilateral|mutual|each other(?:'s)?|both|the two)\b", re.IGNORECASE)
_LOCAL_GROUP = re.compile(r"^\s*(?:[^.]{0,30}\s)?(?:시민|주민|관람객|학부모)(?:\s*\d+\s*여?\s*명)?(?:이|가|들이|들은|은|는)\s|"
                          r"^\s*(?:Schools|Citizens|Residents|Visitors|Parents|Local residents)\b")

# a trade show: a country's pavilion of brands or firms at a fair, or an item marked as a trade event
_TRADE_SHOW = re.compile(r"\bpavilion of\s+(?:\d+\s+)?(?:[\w-]+\s+){0,2}(?:brands|companies|firms|exhibitors)\b|"
                         r"(?:brands|companies|firms)['’]\s+pavilion\b|\(trade (?:event|fair|show)\)", re.IGNORECASE)


def _countries(d: dict) -> set[str]:
    return {p.get("country") for p in d["record"]["participants"]} - {None}


def _fits(d: dict, e: dict) -> bool:
    """Same kind, the sides d names among e's (e with two sides at least)."""
    c, ce = _countries(d), _countries(e)
    return d is not e and d["record"]["kind"] == e["record"]["kind"] and len(ce) >= 2 and c <= ce


def _overlap(d: dict, e: dict) -> bool:
    a, b = d["record"].get("date"), e["record"].get("date")
    return bool(a) and bool(b) and overlaps(bounds_of(a), bounds_of(b))


def _own_date(d: dict, published: str | None, lang: str) -> bool:
    return any(m.span is not None for m in dates.resolve(d["quote"], published, lang=lang))


_DAYS = re.compile(r"\d{4}-\d\d-\d\d~?/\d{4}-\d\d-\d\d~?")  # from one day to another


def _within(d: dict, e: dict) -> bool:
    """d's date lies inside e's longer one."""
    a, b = d["record"].get("date"), e["record"].get("date")
    if not a or not b or ".." in a or ".." in b:
        return False
    if not _DAYS.fullmatch(b):
        return False  # a trip of days (or "지난달 말") holds its days; "earlier this year" (2026) holds no five-day visit
    (alo, ahi), (blo, bhi) = bounds_of(a), bounds_of(b)
    return None not in (alo, ahi, blo, bhi) and blo <= alo and ahi <= bhi and (bhi - blo) > (ahi - alo)


def counted(text: str) -> int:
    """How many agreements a sentence counts ("signed two agreements", "협약 2건"): 0 if none."""
    m = _COUNT_EN.search(text)
    if m:
        w = m.group(1).lower()
        return _NUM_EN.get(w) or int(w)
    m = _COUNT_KO.search(text)
    if m:
        w = m.group(1) or m.group(2)
        return _NUM_KO.get(w) or int(w)
    return 0


def is_heading(text: str) -> bool:
    """A headline or a summary line: no sentence ending, or a ◈/■/-/* marker first (a list item's title line)."""
    return bool(_MARKER.match(text)) or not _SENTENCE_END.search(text.strip())


def _sum_of_legs(e: dict, out: list[dict]) -> bool:
    """A trip told as a whole ("앙골라 루안다와 남아공 요하네스버그를 차례로 찾았다") that the article then tells leg by
    leg: two visits or more within its dates, each of fewer of its countries, which together name them all."""
    if e["record"]["kind"] != "visit" or len(_countries(e)) < 3 or not e["record"].get("date"):
        return False
    legs = [d for d in out if discourse.leg_of(d["record"], e["record"]) and 2 <= len(_countries(d)) and _within(d, e)]
    return len(legs) >= 2 and set().union(*(_countries(d) for d in legs)) == _countries(e)


def fold(out: list[dict], published: str | None, lang: str) -> list[dict]:
    """The drafts without those that restate another of the article's (see the module's text)."""
    gone: set[int] = {i for i, e in enumerate(out) if _sum_of_legs(e, out)}  # the legs stay, each with its days
    for i, d in enumerate(out):
        if i in gone:
            continue
        kind, quote = d["record"]["kind"], d["quote"]
        others = [e for j, e in enumerate(out) if j not in gone and j != i and _fits(d, e)]
        target = None
        n = counted(quote) if kind == "signing" else 0
        if n:
            counted_ones = [e for e in others if e["quote"] != quote and (_overlap(d, e) or not _own_date(e, published, lang))]
            if len(counted_ones) >= n:  # every agreement it counts is drafted: the count adds none
                target = counted_ones[0]
        elif is_heading(quote):
            fitting = [e for e in others if not is_heading(e["quote"])
                       and (_overlap(d, e) or not _own_date(d, published, lang))
                       # (an English list item told in full with its own date, planned where the other is under way:
                       # "- In August, six technicians will travel … for a training course." is no project's heading)
                       and not (lang == "en" and _SENTENCE_END.search(quote.strip()) and _own_date(d, published, lang)
                                and e["record"]["status"] != d["record"]["status"])
                       # (… nor one that tells, in full and with its own date, a part of fewer sides: "- Korea–Japan: On
                       # 2 July, the Korean and Japanese delegations held a bilateral consultation" beside the trilateral talks)
                       and not (lang == "en" and _SENTENCE_END.search(quote.strip()) and _own_date(d, published, lang)
                                and _countries(d) < _countries(e))]
            if len(fitting) == 1 or fitting and kind != "signing":
                target = fitting[0]
            elif fitting and all(is_heading(e["quote"]) for e in out[:i]) and fitting[0] is _lead(out, i):
                target = fitting[0]  # a headline above every statement restates the lead, its first statement
        elif kind == "signing" and _SIGNED_BEFORE.search(quote):  # "the three-country agreement signed last December"
            target = next((e for j, e in enumerate(out[:i]) if j not in gone and e["record"]["kind"] == kind
                           and _countries(e) == _countries(d) and _overlap(d, e)), None)
        elif d["record"]["status"] == "planned" and d["record"].get("date", "").endswith("/..") and i + 1 < len(out) \
                and not _own_date(d, published, lang) and _THE_NEXT_TELLS.match(out[i + 1]["quote"]) \
                and out[i + 1]["record"]["kind"] == kind and out[i + 1]["record"]["status"] == "planned" \
                and _countries(out[i + 1]) == _countries(d) and _own_date(out[i + 1], published, lang):
            # "the two sides will establish a Joint Working Group." then "The first meeting of the Working Group will
            # be held … in the first quarter of 2027": the plan, dated by the next sentence
            target = out[i + 1]
        elif _TOLD_ABOVE.search(quote):  # "…'s July 14-16 trip, the first item above, will be …": the one told before
            target = next((e for j, e in enumerate(out[:i]) if j not in gone and e["record"]["kind"] == kind
                           and _countries(e) == _countries(d)), None)
        elif kind == "visit" and _THE_VISIT.match(quote):  # "The visit runs until Sunday": the one told
            target = next((e for e in others if not _THE_VISIT.match(e["quote"]) and (
                _overlap(d, e) or ".." in d["record"].get("date", ".."))), None)
        elif kind in ("forum", "meeting") and _THE_EVENT.match(quote) and not _own_date(d, published, lang):
            # "The Forum was opened by …" (no date of its own): the forum told before
            target = next((e for e in out[:i] if e in others and not _THE_EVENT.match(e["quote"])), None)
        elif kind == "visit" and lang == "en" and _CAME_TO_TAKE_PART.search(quote) and not _own_date(d, published, lang):
            # "Researchers from Peru travelled down to present the Puno results" after the dialogue: who came to it
            target = next((e for e in reversed(out[:i]) if e["record"]["kind"] in ("forum", "meeting") and _overlap(d, e)), None)
            if target is not None:
                have = _countries(target)
                target["record"]["participants"] += [dict(p) for p in d["record"]["participants"]
                                                     if p.get("country") and p["country"] not in have]
                gone.add(i)
                continue
        elif kind == "meeting" and lang == "en" and _SESSIONS.match(quote) and not _own_date(d, published, lang):
            # "Several sessions focused on …", "Sessions covered …" after a workshop: that workshop's programme
            target = next((e for e in reversed(out[:i]) if e["record"]["kind"] in ("forum", "meeting")
                           and _countries(d) <= _countries(e) and _overlap(d, e)), None)
        elif kind == "meeting" and lang == "en" and _MET_PEOPLE.search(quote) and (
                _DURING_VISIT.match(quote) or any(e["quote"] == quote and e["record"]["kind"] == "visit" for e in out)):
            # "visited Gaborone … and met researchers at …", "During the visit, the Vice Minister also … met young
            # engineers": people met on the visit's programme, the visit itself
            target = next((e for e in out if e is not d and e["record"]["kind"] == "visit" and _overlap(d, e)
                           and _countries(d) <= _countries(e)), None)
        elif kind == "visit":  # a day of a visit ("is due to tour … on Friday") within its span: that visit
            target = next((e for e in others if _within(d, e)), None)
            if target is not None and "~" in target["record"]["date"]:
                # "지난달 말 피렌체를 방문한" then "10월 27일부터 31일까지 피렌체에 머물며": the stay's days date the trip
                discourse.absorb(target, d, True)
                gone.add(i)
                continue
        elif kind == "opening" and _OPENS_EVENT.search(quote):  # the event or programme it opens
            target = next((e for j, e in enumerate(out) if j not in gone and j != i
                           and e["record"]["kind"] in ("forum", "project", "meeting")
                           and _countries(d) <= _countries(e) and len(_countries(e)) >= 2
                           and (_overlap(d, e) or not _own_date(d, published, lang))), None)
        if target is None and kind == "visit" and _MARKER.match(quote) and _SENTENCE_END.search(quote.strip()):
            # a list item's full sentence is a statement, not a heading: a day of its visit within another visit's
            # span ("□ … 3월 2일부터 4일까지 카자흐스탄을 방문하였으며, 방문 마지막 날인 4일에는 … 연구센터를 방문") is that visit
            target = next((e for e in others if _within(d, e)), None)
        if target is not None:
            if target["record"]["kind"] == kind:
                discourse.absorb(target, d)
            gone.add(i)
    return [d for i, d in enumerate(out) if i not in gone]


def _lead(out: list[dict], i: int) -> dict | None:
    """The first draft after out[i] that is a statement, not a heading."""
    return next((e for e in out[i + 1:] if not is_heading(e["quote"])), None)


# an agreement named by its signing, as one already told ("The agreement signed last December remains …",
# "앞서 2022년 맺은 협약을 … 끌어올리는")
_SIGNED_BEFORE = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?(?:agreement|memorandum|mou|accord)\s+"
                            r"(?:signed|concluded)\b|(?:맺은|체결한|체결된|서명한)\s+(?:[^\s]+\s+)?(?:업무협약|협약|양해각서|MOU|협정)"
                            r"(?:을|를|은|는|이|가)\s", re.IGNORECASE)
# an event pointed back to as one told higher up the page ("the first item above", "mentioned above", "위에서 소개한")
_TOLD_ABOVE = re.compile(r"\b(?:item|entry|story|event|visit|trip|meeting)\s+(?:mentioned\s+|listed\s+|noted\s+)?above\b|"
                         r"\b(?:mentioned|listed|noted|described|reported)\s+above\b|(?:위에서|앞서)\s+(?:언급|소개|보도)한", re.IGNORECASE)
_THE_NEXT_TELLS = re.compile(r"\s*(?:The|Its|Their)\s+(?:first|inaugural|opening)\s+(?:meeting|session)\s+of\s+the\b|"
                             r"\s*(?:첫|제1차)\s*회의는", re.IGNORECASE)
_TIME_OPENED = re.compile(r"^\s*The (?:year|month|week|season|summer|autumn|spring|winter|day) (?:opened|began|started) "
                          r"with (?:a|an|the) [^.]{0,40}?\b(trip|visit|mission|tour)\b", re.IGNORECASE)


# a delegation's stay told with whom it met: "The delegation, led by …, was in Port of Spain on Monday and Tuesday,
# meeting officials from …" — the stay abroad is the visit
_STAY_MEETING = re.compile(r"\b(?:delegation|mission|delegates)\b[^;]{0,200}?\b(?:was|were|stayed|remained)\s+in\s+"
                           r"[A-Z][^.;]{0,80}?,\s+(?:meeting|holding talks)\b")


def reread(out: list[dict]) -> None:
    """"The year opened with a three-day trip …": a visit, not an opening; "The delegation … was in Port of Spain on
    Monday and Tuesday, meeting officials": a visit, not a meeting (in place)."""
    for d in out:
        if d["record"]["kind"] == "opening" and _TIME_OPENED.match(d["quote"]):
            d["record"]["kind"] = "visit"
        if d["record"]["kind"] == "meeting" and _STAY_MEETING.search(d["quote"]) \
                and not any(e["quote"] == d["quote"] and e["record"]["kind"] == "visit" for e in out):
            d["record"]["kind"] = "visit"


# what an agreement provides for, told as its terms: "Under the memorandum, the polytechnic will set up …",
# "협약에 따라 두 대학은 … 협력한다"
_TERMS = re.compile(r"^\W*(?:Under (?:the|this|that|its|their) (?:[\w-]+ ){0,3}?(?:agreement|memorandum|MOU|MoU|"
                    r"letter of intent|deal|accord|arrangement|pact)\b[^,.]{0,40},|(?:[^\s.]+\s+){0,3}?"
                    r"(?:업무협약|협약|양해각서|MOU|협정)에\s*따라\s)")


# a preference weighed aloud: "I would rather postpone than hold a meeting …", "we'd sooner wait than sign a weak
# text" — one choice against another ("than"), within one quotation: not "\"We would rather act now,\" the minister said
# after … signed …" (the signing told beside it)
_PREFERENCE_EN = re.compile(r"(?:\bwould|['’]d)\s+(?:much\s+)?(?:rather|sooner|prefer\s+to)\b[^.;\"“”]*\bthan\b", re.IGNORECASE)


def not_event(d: dict, published: str | None = None, lang: str = "ko") -> bool:
    """A month heading, a habitual meeting, a local group's outing, an agreement's terms (see the module's text)."""
    quote, kind = d["quote"], d["record"]["kind"]
    if _TERMS.match(quote) and not _own_date(d, published, lang):
        return True  # "Under the memorandum, the polytechnic will set up a laboratory": what it provides for, no event
    if _MONTH_HEADING.match(quote) and is_heading(quote.split(":", 1)[-1].split("：", 1)[-1]):
        return True
    if kind in ("meeting", "forum") and _HABITUAL.search(quote) and _HABITUAL_VERB.search(quote.strip()):
        return True
    if _IN_HOUSE.search(quote) and not places.foreign(quote) and not any(
            p.get("country") not in (None, "KR") and not p["name"].endswith((" 측", " side")) for p in d["record"]["participants"]):
        return True  # "교내 학생회관에서 … 창업경진대회 본선을 열고": on one's own premises, no foreign party named
    if _OWN_BODY.search(quote) and not places.foreign(quote):
        return True  # "자체 분석센터를 새로 연다", "the lab that opened on our own campus": one side's own
    if _OWN_OCCASION.search(quote) and not places.foreign(quote) and not any(
            p.get("country") not in (None, "KR") and not p["name"].endswith((" 측", " side")) for p in d["record"]["participants"]):
        return True  # "창립 20주년 기념식", "held its annual general meeting": one body's own occasion
    if kind == "forum" and _TRADE_SHOW.search(quote):
        return True  # "Beauty Expo, with a Korea pavilion of 40 cosmetics brands": a trade show's stand, no S&T event
    if (first := _FIRST_TIME.search(quote)) and _remarked(quote[quote.rfind(",", 0, first.start()) + 1:first.end()], kind):
        return True  # "… 협약을 맺은 것은 이번이 처음이다": a remark on the event just told, not another
    if (first := _FIRST_SINCE_EN.match(quote)) and any(
            n in f"{first.group(1)}{first.group(2)}".lower() for n in KIND_NOUNS_EN.get(kind, ())):
        return True  # "this was the first meeting since 2019 at which …": the meeting just told, no meeting in 2019
    if lang == "en" and kind in ("signing", "meeting") and _world_body_and_country(quote) and not _KOREAN_EN.search(quote):
        return True  # "Last month Tunisia and the European Union signed a financing agreement": another partner's event
    if lang == "en" and _PREFERENCE_EN.search(quote):
        return True  # "I would rather postpone than hold a meeting with nothing to decide": a choice weighed, no event
    if _DOMESTIC_EN.search(quote) and not places.foreign(quote) and not _TWO_SIDES_EN.search(quote):
        return True  # "under a domestic programme running through 2027", "at a domestic trade show in Seoul": one country's
    if _DOMESTIC.search(quote) and not places.foreign(quote):
        return True  # "국내 AI 반도체 기업 대표들과 간담회를 열었다": with domestic parties only, no cooperation
    return _LOCAL_GROUP.match(quote) is not None and not (_countries(d) - {"KR"})
