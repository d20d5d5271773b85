"""The recall pass: events the clause rules did not draft, read from event words alone.

The rules in `events` and `events_en` draft a clause when it states an event with a predicate in
a form they know. Each new style of writing brings forms they miss: an event as a noun phrase
("…계기의 한-페루 정상회담"), a verbless list item under a dated header ("10:00 Signing of a
memorandum …"), a relative clause ("the memorandum … that our governments signed in May"), an
exchange of letters. This pass reads what is left more generally: a clause that holds

  (a) an event word of the lexicon, found on the analyser's output: a noun (or the head of a
      compound noun) naming an event of a kind, a predicate naming a kind in any inflection, an
      English event word in any form (noun, verb, participle);
  (b) a date of its own, or the date of the header its list item stands under;
  (c) a side that is not the home country, named in the sentence (the other side follows as for
      every draft, and a draft that still lacks two countries is dropped);

and whose kind no draft of that sentence has yet, becomes a draft with a lower confidence. What
keeps it from drafting every mention: no words within a speaker's quotes, no wishes (바란다,
hope), no negated events (열리지 못했다, did not happen), no event a draft already holds (same
kind, dates within each other's), no body names read as events (보건복지위원회 is a committee,
not a meeting), and projects only when named as one.
"""

from __future__ import annotations

import re

from services.query.drafts import dates, places, records, sections
from services.query.drafts.assembly import drafts_for
from services.query.drafts.edtf_points import Span, bounds_of
from services.query.drafts.event_dates import date_for
from services.query.drafts.events import (
    MUTUAL_BEFORE,
    WEEK_KO,
    Clause,
    Trigger,
    clauses,
    event_noun_kind,
    past_after,
)
from services.query.drafts.events_en import (
    CALL_OPENED,
    ORGANISING_NOW,
    OWN_BODY,
    OWN_OCCASION_HEAD,
    PAST_PLAN_EN,
    SCHEDULED_NOW,
    SIGN_NOUN,
    SIGNED_WHAT,
    VISITING_PEOPLE,
    moved_next,
    not_opened,
)
from services.query.drafts.lexicon import (
    DELEGATIONS_KO,
    KIND_NOUNS_EN,
    KIND_NOUNS_KO,
    PARTY_KO,
    PREDICATES_KO,
    TRAVELLERS_EN,
)
from services.query.drafts.org_types import PERSON_TITLES_KO
from services.query.drafts.parties import side_countries
from services.query.drafts.tense import ASKED, FINAL_FUTURE, planned, status
from services.query.drafts.verbless import untensed

# Korean event nouns this pass reads as events on their own: the lexicon's, less those that name
# a body or are too general alone (위원회, 협의회, 사업, 과제, 전시, 대화, 설립, 개설).
_NOT_ALONE_KO = {"위원회", "협의회", "협의체", "사업", "과제", "전시", "대화", "설립", "개설", "출범", "준공", "지원사업",
                 "클러스터", "컨소시엄", "프로그램", "대표단", "사절단", "파견단", "시장개척단", "초청", "행사", "협상", "각서",
                 "우호협력", "공동관측", "공동 관측", "공동항해", "공동 항해"}  # (joint field work: a project of the clause rules)
_NOUNS_KO = {kind: tuple(n for n in nouns if n not in _NOT_ALONE_KO) for kind, nouns in KIND_NOUNS_KO.items()}
_NOUNS_KO["project"] += ("협력사업", "프로그램")
# discussion words: a meeting of its own only when the sentence tells of no other event
_WEAK = {"논의", "협의", "면담", "만나", "만남", "talks", "meeting", "meetings", "met", "meet", "meets", "consultations",
         "consultation"}
# an event named as the setting or time of another ("포럼에 앞서", "회의에서", "on the margins of the forum")
_SETTING_KO = re.compile(r"\s*(?:에\s*앞서|에\s*따라|에\s*따른|을\s*통해|를\s*통해|을\s*계기로|를\s*계기로|계기|기간|에서|에는|에선|때|당시|중에|직후|이후|후|전|"
                         r"의\s*후속|의\s*(?:첫\s*|첫번째\s*|첫\s*번째\s*)?(?:성과|결실|일환)|[을를]\s*바탕으로|[을를]\s*앞두고)")
# (… "관측소 개소를 앞두고": the event still ahead, told before, the setting of this one;
# "양해각서의 후속 조치로": what follows from it; "이번 협약의 첫 성과로", "협약의 일환으로", "협약을 바탕으로": what it led to)
_SETTING_EN = re.compile(r"\b(?:under|during|after|before|alongside|around|with|following|ahead of|since|at|on|in|of|from|to|for|about|"
                         r"among|between|"
                         r"(?:on )?the (?:margins|sidelines) of)\s+(?:the|this|that|its|their|a|an)\s+(?:[\w’'-]+\s+){0,3}$",
                         re.IGNORECASE)
# what someone followed an event up with is an event of theirs: "followed up with a visit to Seoul in March 2025"
_FOLLOWED_UP = re.compile(r"\bfollow(?:s|ed|ing)?\s+(?:\w+\s+)?up\s+with\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}$",
                          re.IGNORECASE)
# a project is one when it runs over time or starts, runs or ends
_PROJECT_TIME = re.compile(r"(?:19|20)\d\d\s*[–~-]\s*(?:19|20)?\d\d|부터|까지|추진|시행|착수|운영|시작|완료|진행|"
                           r"\b(?:since|from|until|launch\w*|start\w*|began|begin\w*|complet\w*|run|runs|running|"
                           r"implement\w*|kick\w*|break\w* ground|under way|phase)\b", re.IGNORECASE)
_VERBS_KO = {p: k for p, k in PREDICATES_KO.items()
             if k is not None and p not in ("찾", "합의", "승인", "시행", "추진", "착수", "운영", "수행", "시작", "개발", "연구",
                                            "설립", "개설", "출범", "준공", "통화", "예방", "짓", "건설", "건립", "구축", "조성",
                                            "보급", "양성", "설치", "보내", "지원", "도착", "머물", "머무르")}
_BOUND_EVENT_NOUNS = {n for nouns in _NOUNS_KO.values() for n in nouns}
_DOCUMENTS_KO = ("서한", "친서", "서신", "편지", "의향서", "각서", "협정서", "합의서", "비준서")
_LETTERS_KO = re.compile(r"(?:" + "|".join(_DOCUMENTS_KO) + r")\S{0,2}\s*(?:을|를)?\s*(?:교환|주고받)")
# a delegation's departure or arrival ("대표단 출국", "사절단 일행 도착", "시찰 후 출국" under a delegation's schedule)
_DELEGATION_KO = re.compile("|".join(DELEGATIONS_KO))
_MOVES_KO = re.compile(r"(?<![가-힣])(?:출국|입국|귀국)|(?:도착|출발)(?=\s*$|[.,]|\s*및)")
_DELEGATION_MOVES_KO = re.compile("(?:" + "|".join(DELEGATIONS_KO + PARTY_KO) + r")\S{0,2}\s*(?:\S+\s+){0,2}?(?:출국|출발|도착|입국|귀국)")
_DELEGATION_MOVES_EN = re.compile(r"\b(?:departure|arrival|return)\s+of\s+(?:the\s+|a\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)
_WISH_KO = re.compile(r"(?:바란다|바랍니다|기대한다|기대된다|희망한다|바라며|기원한다|촉구한다)[\"'”’]?\s*\.?\s*$|"
                      r"(?:기를|길)\s*바란다|하자는|해야\s*한다")
_NEG_KO = {"않", "못", "없", "아니"}

_EN = {
    "signing": r"sign(?:s|ed|ing)?|ink(?:s|ed)?|memorand(?:um|a)|mous?|agreements?|accords?|treat(?:y|ies)|pacts?|"
               r"letters? of intent|joint (?:statement|declaration)|letters (?:were )?exchanged|exchanged letters",
    "visit": r"visit(?:s|ed|ing)?|delegations?|(?:trade |business )?missions?|trips?|toured|travell?ed",
    "forum": r"forums?|conferences?|seminars?|symposi(?:um|a)|workshops?|exhibitions?|expos?|summits?|festivals?|"
             r"round[- ]?tables?|"
             r"roadshows?|showcases?|hackathons?|green \w+ week|\w+ week",
    "meeting": r"meetings?|met|meets?|talks|dialogues?|consultations?|joint committee|working group|"
               r"(?:phone|telephone|video) calls?|videoconferences?|(?:video|online) conferences?|courtesy calls?",
    "opening": r"inaugurat(?:ed|ion|es)|groundbreaking|opened|opens(?! (?:to|for|up))|(?:official )?opening(?! session| remarks| address| speech"
               r"| panel| plenary| keynote)",
    "project": r"(?:joint |pilot |research |rice |seed |training |irrigation )?(?:projects?|programmes?|programs?)|"
               r"pilots?|joint research|technical assistance|phase|training courses?|(?:summer|winter) schools?",
}
_EN_WORD = re.compile("|".join(f"(?P<{k}>\\b(?:{v})\\b)" for k, v in _EN.items()), re.IGNORECASE)
# an event noun right after another makes it a modifier: "the second project workshop" is a workshop
_EN_HEAD_NEXT = re.compile(r"[ -](?:" + "|".join(re.escape(n) for ns in KIND_NOUNS_EN.values() for n in ns) + r")s?\b",
                           re.IGNORECASE)
_WISH_EN = re.compile(r"\b(?:hop(?:e|es|ed|ing)|wish(?:es|ed)?|would like|looks? forward|aims? to|aiming|could|might)\b",
                      re.IGNORECASE)
_NEG_EN = re.compile(r"\b(?:not|no|never|didn't|did not|won't|without|instead of|rather than|had been (?:due|set|"
                     r"scheduled|expected|planned)|was to have|were to have)\b", re.IGNORECASE)
_OVERTAKEN_EN = re.compile(r"\bhad been (?:due|scheduled|expected|slated)\s+(?:in|at|for)\b[^;:]*\b(?:for|to)\s+"
                           r"(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_FUTURE_EN = re.compile(r"\b(?:will|to be held|is to|are to|set for|scheduled|planned|upcoming|coming up|next|"
                        r"plans? to|due to|expected to|return|outlook|ahead|forthcoming|"
                        # the news's present of what is scheduled: "starts in January", "is expected in Vilnius"
                        r"(?:is|are) expected(?= (?:in|at|on)\b))\b|" + SCHEDULED_NOW.pattern + "|" + ORGANISING_NOW.pattern,
                        re.IGNORECASE)
_FUTURE_KO = re.compile(r"(?:ㄹ|을|할|열|될)\s*(?:예정|계획)|기로|향후|예정|계획")
# a figure: background, not an event ("FTA 발효 이후 교역액은 연평균 6.8% 늘었다")
# (… and travellers counted: "some 430,000 Spanish tourists visited Korea")
_STATISTIC = re.compile(r"\d\s*(?:%|퍼센트|per\s?cent)|발효|"
                        rf"\d[\d,.]*\s*(?:million\s+|thousand\s+)?(?:[A-Z][a-z]+\s+)?(?:{TRAVELLERS_EN})\b",
                        re.IGNORECASE)
# both sides said without naming them: the article's two countries ("the two governments sign …")
_BOTH = re.compile(r"양국|양측|두 (?:도시|나라|기관|정부)|양 기관|\b(?:both (?:sides|countries|governments)|"
                   r"(?:the )?two (?:countries|governments|sides|cities|nations)|bilateral)\b", re.IGNORECASE)
# a line that dates the list under it: short, with a date, no sentence of its own
_HEADER = re.compile(r"[.다요!?]\s*$")


_ACROSS_OFFICIAL = re.compile(r"(?:" + "|".join(t for t in PERSON_TITLES_KO if t not in ("관계자", "기자", "교수", "박사"))
                              + r")(?:\s*일행)?(?:과|와|을|를)(?![가-힣])")


def on_visit_programme(s, c: Clause, visits: list[int], mentions) -> bool:
    """"충북을 방문해 … 둘러보고 도내 기업 관계자들과 간담회를 가졌다": a meeting in a Korean clause after
    the sentence's visit (`visits`: where its predicates stand), with no date of its own and no official
    across the table, is on the visit's programme — the visit."""
    if s.lang != "ko" or not any(v < c.start for v in visits):
        return False
    if any(m.span is not None and c.start <= m.start + s.start < c.end for m in mentions):
        return False
    return _ACROSS_OFFICIAL.search(c.text) is None


def fallback_drafts(art, sents, orgs_of, memory, home, out: list[dict], headline: str,
                    pair: frozenset[str] = frozenset(), under: dict[int, str] | None = None) -> list[dict]:
    """Drafts for the clauses of `sents` that hold an event word, a date and a foreign side, of a
    kind no draft (in `out` or made here) from the same sentence has. `pair`: the article's two
    countries, the sides of a list line that names none ("○ 10. 22.: 도지사 접견")."""
    made: list[dict] = []
    header: tuple[int, Span] | None = None  # the last dated header line: where it ends, its date
    section = ""  # the last undated header line ("COMING UP", "Outlook for 2026", "□ 추진 경과")
    heading = ""  # the last header line that is no sub-item, dated or not
    for i, (s, orgs) in enumerate(zip(sents, orgs_of, strict=True)):
        title_span = None
        if headline and s.text.strip() in (headline, headline.rstrip(".")):
            # a programme's title naming its event, dated by the line under it ("… Green Hydrogen
            # Week" then "Rabat and Casablanca, 16–19 November 2026"); other headlines restate the lead
            title_span = _dates_under_title(s, sents[i + 1] if i + 1 < len(sents) else None, art.published)
            if title_span is None:
                continue
        if header is not None and re.search(r"\n\s*\n", art.text[header[0]:s.start]):
            header = None  # a blank line ends the list under a header
        if len(s.text) <= 40 and not _HEADER.search(s.text) and title_span is None:
            section = s.text
        if is_header(s.text) and not _SUB_ITEM.match(s.text):
            heading = s.text  # the heading the items under it belong to ("□ 대표단 주요 일정(10. 20.~10. 23.)")
        mentions = dates.resolve(s.text, art.published, lang=s.lang, nearest=untensed(s))
        if posted(s.text, art.published, s.lang):
            mentions = []  # "- Date : 2026-11-08": the page's day, no header dating the lines under it
        dated = [m for m in mentions if m.span is not None and not m.role.startswith("same")]
        header_span = header[1] if header else None
        if title_span is not None:
            dated, mentions, header_span = [], [], title_span
        if dated and is_header(s.text) and title_span is None:
            header = (s.end, dated[0].span) if dating_header(dated) else None
        if not dated and header_span is None:
            continue
        if s.lang == "ko" and _WISH_KO.search(s.text) or _STATISTIC.search(s.text) or ASKED.search(s.text):
            continue
        if call_milestone(s, art.text) or sections.caption_label(art.text, s.start):
            continue
        taken = {d["record"]["kind"] for d in out + made if _same_sentence(d["quote"], s.text)}
        found = [type(p)(p.start + s.start, p.end + s.start, p.text, p.codes, p.city) for p in places.find(s.text)]
        words = [(c, w) for c in clauses(s) if not (s.lang == "en" and _WISH_EN.search(c.text))
                 for w in _event_words(c, s, heading)]
        kinds = taken | {w[0] for _, w in words if w[3] not in _WEAK}
        for c, (kind, at, end, lemma) in words:
            if kind in taken or _in_speech(s, at) or lemma in _WEAK and kinds - {"meeting"}:
                continue
            if kind == "project" and not _PROJECT_TIME.search(c.text):
                continue
            if s.lang == "en" and kind == "project" and taken and lemma.endswith("s") \
                    and _BARE_PLURAL_EN.search(s.text, 0, at - s.start):
                continue  # "The hub opened in March 2024, with … staff running the programmes": the body's work in
                # general, told beside the event the sentence is about, no one project
            if lemma == "초청" and taken & {"forum", "project"} and not INVITED_DELEGATION.search(s.text[:at - s.start]):
                continue  # "포럼을 열고 … 전문가들을 초청해": those invited come to the forum the sentence tells
            if s.lang == "en" and _DEFINITE_SUBJECT.match(s.text[:at - s.start]) and any(
                    e["record"]["kind"] == kind for e in out + made):
                continue  # "The Memorandum builds on …": the one told before, as the sentence's subject
            if s.lang != "en" and (this := _THIS_EVENT_KO.match(s.text)) and event_noun_kind(this.group(1)) == kind \
                    and any(e["record"]["kind"] == kind for e in out + made):
                continue  # "이번 공동위원회는 2013년 … 이후 처음으로 열린 … 회의다": the one told before, as the topic
            if kind == "meeting" and "visit" in taken and on_visit_programme(s, c, [s.start], mentions):
                continue
            future = _future(s, c, section)
            told = status(c.text if s.lang == "en" else s.text, future)
            if s.lang == "en" and told == "planned" and PAST_PLAN_EN.search(c.text):
                # "… was planned for June" then "It was postponed": that plan moved, its month the nearest
                told = moved_next(sents[i + 1] if i + 1 < len(sents) else None, s) or told
            trig = Trigger(kind, at, end, False, False, future, told, lemma)
            if told in ("cancelled", "postponed"):
                # a plan called off or moved: its bare day or month is the one nearest the news, as in the engine
                own = dates.resolve(s.text, art.published, lang=s.lang, nearest=True)
            else:
                own = dates.resolve(s.text, art.published, lang=s.lang, future=True) if future else mentions
            own = [m for m in own if m.span is not None and not _other_part(s.text, m.start, at - s.start)]
            span, inherited = date_for(s, c, trig, own, header_span if not dated else None, None)
            if span is None and own:  # "• June 2024 — During a state visit …": a chronology line's date
                span, inherited = own[0].span, False
            if span is None:
                continue
            c_orgs = [o for o in orgs if c.start <= o.start < c.end]
            codes = side_countries(c.text, c.start, found, kind, c_orgs)
            # a side from abroad: not the home's, nor Korea's; under a foreign dateline ("ALGIERS, June 8 -") Korea's is
            ours = {"KR"} if home in (None, "KR") else {home}
            if not set(codes) - ours and not any(_foreign(o, memory, home) for o in c_orgs):
                c_orgs = list(orgs)  # the sentence's sides, when the clause names none
                codes = side_countries(s.text, s.start, found, kind, c_orgs)
            if not set(codes) - ours and not any(_foreign(o, memory, home) for o in c_orgs) \
                    and not _foreign_word(s.text, home) and not (_BOTH.search(s.text) and not places.find(s.text)):
                if (under or {}).get(s.start):  # "가. 1차 방문국 리투아니아(…)" then "○ 10. 15.(화) 시의회 방문": its country
                    codes = [*codes, *(code for code in (*sorted(ours), under[s.start]) if code not in codes)]
                elif len(pair) != 2 or not (is_list_line(s.text) or header_span is not None and not dated
                                            or title_span is not None):
                    continue
                else:
                    # a list line of a page about two countries that names no side: "○ 10. 22.: 도지사 접견",
                    # "Thursday 19 November" then "Departure of the Korean delegation": the page's two sides
                    codes = [*codes, *(code for code in sorted(pair) if code not in codes)]
            foreign = {code for p in found if len(p.codes) == 1 for code in p.codes} - {home, "KR"}
            if not set(codes) - {home, "KR"} and len(foreign) == 1:
                codes = [*codes, *foreign]  # "주한 탄자니아 대사 접견": the one foreign country the line names
            for d in drafts_for(art, s, c, trig, span, inherited, c_orgs, codes, memory, home, found):
                holder = _held(d, out + made)
                if holder is not None:
                    _join_sides(holder, d)
                    continue
                d["confidence"] = round(min(d["confidence"], 0.6) * 0.75, 2)
                d["_fallback"] = True
                d["_paragraph"] = s.paragraph
                d["_at"] = s.start
                made.append(d)
                taken.add(kind)
    return made


# a line of a joint call's timetable: its label, a colon, its date ("Deadline for applications: 26 February 2027")
_CALL_MILESTONE = re.compile(r"^\s*(?:call (?:opens|closes)|deadline\b|submission|applications?\b|funding decision|"
                             r"(?:selection |evaluation )?results?\b|notification|projects? (?:start|begin)|start of (?:the )?"
                             r"projects?)[^:\n]{0,40}:\s*\S", re.IGNORECASE)
_CALL = re.compile(r"\b(?:joint )?calls? for (?:research |r&d |joint )*(?:proposals|projects|applications)\b|\bjoint call\b",
                   re.IGNORECASE)


_OPENS_CALL = re.compile(r"\s+(?:(?:a|an|the|its|their|our)\s+)?(?:[\w-]+\s+){0,2}?(?:calls?|applications?|registrations?|"
                         r"enrol+ments?|submissions?|bids|bidding|tenders?|nominations?)\b", re.IGNORECASE)
_CALL_OPENS = re.compile(r"\b(?:calls?|applications?|registrations?|enrol+ment)\s*(?:for\s+[\w\s-]{1,20}?)?[:,]?\s*(?:will\s+|now\s+)?$",
                         re.IGNORECASE)


def call_milestone(s, text: str) -> bool:
    """A line of the timetable of a joint call the page announces ("Projects start: 1 September 2027"):
    the call's steps, not events of their own."""
    return s.lang == "en" and _CALL_MILESTONE.match(s.text) is not None and _CALL.search(text) is not None


# a list line: a bullet, dash or number, or a date or time, opening it ("○ …", "- 15–17 July: …", "10:00 Signing …")
_SUB_ITEM = re.compile(r"^\s*[○●\-–·•▷▶*]")
# (a social post's lines open with an emoji as their bullet: "📝 Tuesday: …", "➡️ …")
_LIST_LINE = re.compile(r"^\s*(?:[○●■□◆◇▶▷▲△•·*\-–—①-⑳\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]|\d{1,2}[.)]\s|"
                        r"\d{1,2}:\d\d\s|(?:19|20)\d\d\.\s)")
_DATED_LINE_EN = re.compile(r"^\s*\d{1,2}(?:\s*[–-]\s*\d{1,2})?\s+[A-Z][a-z]+\s*[:—–]")


def is_sub_item(text: str) -> bool:
    """A line opened by a bullet (○, -, ·, ▶ …): an item under a heading, no heading of its own."""
    return bool(_SUB_ITEM.match(text))


def is_list_line(text: str) -> bool:
    return bool(_LIST_LINE.match(text) or _DATED_LINE_EN.match(text))


# a page's own dates: when it was posted, its writer, its views ("등록일 2026-05-18 | 작성자 …", "- Date : 2026-11-08")
POSTED = re.compile(r"등록일|작성일|게시일|작성자|조회수?|입력\s*:|수정\s*:|\b(?:Posted|Published|Updated|Views)\b", re.IGNORECASE)


# the same as a field of the line, not a word of a sentence: the field's own words, or a common word ("조회",
# "Views", "Published") opening the line or a part of it and followed by its value ("조회 123", "- Views : 214",
# "Posted on 12 Nov") — not "신원 조회 절차를 논의했다", "exchanged views", "the report, published on 5 March"
_POSTED_FIELD = re.compile(r"등록일|작성일|게시일|작성자|입력\s*:|수정\s*:|(?:^|[|·•\-–]|\s{2})\s*(?:조회수?|Posted|Published|"
                           r"(?:Last\s+)?Updated|Views)\s*(?:[:：]|(?:on\s+)?\d|$)", re.IGNORECASE)


# a page's date field ("- Date : 2026-11-08", "Date: 5 March 2026", "일자: 2026. 3. 5.")
_DATE_FIELD = re.compile(r"[\s\-•·*]*(?:Date|Dated|일자|날짜)\s*[:：]", re.IGNORECASE)


def posted(text: str, published: str | None, lang: str) -> bool:
    """A short line telling when the page was posted: a posting field ("등록일 2026-05-18 | 작성자 …", "Posted 12
    Nov 2025"), or a date field holding the publication day itself ("- Date : 2026-11-08"; a notice's "Date: 16
    November" of its event, on another day, is the event's)."""
    if len(text) > 80:
        return False
    if _POSTED_FIELD.search(text):
        return True
    if not published or not _DATE_FIELD.match(text):
        return False
    return [m.span.text() for m in dates.resolve(text, published, lang=lang) if m.span is not None] == [published]


def _dates_under_title(title, nxt, published) -> Span | None:
    """The dates of the event a title names, when the line under it holds only places and dates
    ("Rabat and Casablanca, 16–19 November 2026"; "2026. 11. 16.~19., 라바트")."""
    if nxt is None or not is_header(nxt.text) or nxt.paragraph != title.paragraph + 1 and nxt.paragraph != title.paragraph:
        return None
    if not _names_an_event(title):
        return None  # "Busan and Barcelona sign … pact": a headline, which the lead restates
    if POSTED.search(nxt.text) or posted(nxt.text, published, nxt.lang):
        return None  # "등록일 2026-05-18 | 작성자 …": when the page was posted, not when its event takes place
    found = [m for m in dates.resolve(nxt.text, published, lang=nxt.lang) if m.span is not None]
    if not found:
        return None
    rest = nxt.text
    for m in reversed(found):
        rest = rest[:m.start] + rest[m.end:]
    words = [w for w in re.findall(r"[A-Za-z가-힣'’-]+", rest) if w not in ("and", "in", "at", "및", "에서")]
    if len(words) > 4 or any(w[0].islower() or w.endswith("다") for w in words):
        return None  # more than places and dates: a line of its own
    return found[0].span


def _names_an_event(title) -> bool:
    """A title that is a name, not a sentence: in English its words capitalised after an optional
    label ("Programme: Korea–Morocco Green Hydrogen Week"), in Korean without a verb."""
    if title.lang == "ko":
        return not any(t.tag.startswith(("VV", "VA", "EF", "EP")) for t in title.tokens)
    name = title.text.split(":", 1)[-1]
    words = re.findall(r"[A-Za-z][\w’'-]*", name)
    return bool(words) and all(w[0].isupper() or w in ("and", "of", "the", "for", "on", "in", "a", "to", "with", "de")
                               for w in words)


def _other_part(text: str, a: int, b: int) -> bool:
    """Two places of a headline's line set apart by "…" ("…협정 체결…이달 중순부터 AI 교육과정 운영"): each part tells its
    own event, and a date in one dates no event of the other."""
    return "…" in text[min(a, b):max(a, b)]


def dating_header(dated) -> bool:
    """A dated header line dates the lines under it unless its only dates are open starts: "…협정 체결…이달 중순부터
    AI 교육과정 운영", "이달 중순부터 공무원 AI 교육" tell when something begins (a headline's deck, a section's
    title), not the day of the lines below as "□ 대표단 주요 일정(10. 20.~10. 23.)" does."""
    return any(m.role != "since" for m in dated)


def is_header(text: str) -> bool:
    """A short line that is no sentence: with a date, it dates the list lines under it."""
    return len(text) <= 60 and not _HEADER.search(text)


def two_sided(d: dict) -> bool:
    return len({p.get("country") for p in d["record"]["participants"]} - {None}) >= 2


def _same_sentence(quote: str, text: str) -> bool:
    return quote == text or quote in text or text in quote


def _in_speech(s, at: int) -> bool:
    return any(m.start() < at - s.start < m.end() for m in re.finditer(r"[“\"][^”\"]{15,}[”\"]", s.text))


def _foreign(o, memory, home) -> bool:
    country = memory.get(o.name)
    return country is not None and country not in (home, "KR")


def _foreign_word(text: str, home: str | None) -> bool:
    return any(len(p.codes) == 1 for p in places.foreign(text, home))  # one country, not a compound


def _future(s, c, section: str) -> bool:
    """Planned: said so in the clause (will, 예정, -ㄹ 계획, the news's present "연다", "열린다"), or
    under a header that looks ahead ("COMING UP", "Outlook")."""
    if s.lang == "en":
        return bool(_FUTURE_EN.search(c.text) or _FUTURE_EN.search(section))
    if FINAL_FUTURE.search(s.text[-30:]) or _FUTURE_KO.search(c.text) or _FUTURE_KO.search(section):
        return True
    verbs = [i for i, t in enumerate(c.tokens) if t.tag.startswith(("VV", "XSV"))]
    return bool(verbs) and bool(planned(list(c.tokens[verbs[-1] + 1:])))


def _event_words(c: Clause, s, header: str = "") -> list[tuple[str, int, int, str]]:
    """(kind, start, end, word) of each kind's first event word in the clause, negated ones left out."""
    out: dict[str, tuple[str, int, int, str]] = {}
    if s.lang == "en":
        for m in _EN_WORD.finditer(c.text):
            kind = m.lastgroup
            word = m.group().lower()
            if kind == "forum" and word.endswith("week") and (not re.search(r"[A-Z]", m.group()[0]) or _WEEK_OF_TIME.fullmatch(word)):
                continue  # "next week" is a date, and so is "Last week, …" opening a sentence; "Green Hydrogen Week" an event
            if kind == "project" and re.search(r"\b(?:\w+|\d+)-(?:day|week)(?:-long)?\s+$", c.text[:m.start()]) \
                    and re.match(r"program", word, re.I):
                continue  # "began a three-day programme on Sunday": a visit's schedule, counted in days
            if kind == "project" and word in ("phase",) and not re.search(r"project|programme|program", c.text, re.I):
                continue
            if _NEG_EN.search(c.text[max(0, m.start() - 25):m.end() + 25]) or _OVERTAKEN_EN.search(c.text[:m.start()]):
                continue  # "had been due in Seoul from 7 to 11 December for talks": a plan overtaken
            if (nxt := _EN_HEAD_NEXT.match(c.text, m.end())) and _kind_of_noun(nxt.group()[1:]) not in (None, kind):
                continue  # "project workshop": the workshop is the event
            if kind == "opening" and (_OPENS_EVENT_EN.match(c.text, m.end()) or _EVENT_OPENED_EN.search(c.text[:m.start()])):
                continue  # "opened the national 'Science Days' exhibition": the exhibition is the event; so is "the
                # … Forum, which opened on Wednesday and runs until Friday": an occasion begun, no body opened
            if kind == "visit" and (_ATTENDEES_EN.search(c.text[max(0, m.start() - 60):m.start()])
                                    or _ATTENDING_EN.match(c.text, m.end())
                                    or word.startswith("delegation") and _DELEGATIONS_HELD_EN.match(c.text, m.end())):
                continue  # "…, bringing together research delegations from …", "the delegation also took part in a
                # workshop": who came to the event told
            if kind == "signing" and word in ("sign", "signs") \
                    and SIGN_NOUN.search(c.text[:m.start()]) and not SIGNED_WHAT.match(c.text, m.end()):
                continue  # "holding a hand-lettered sign", "a sign of trust": the noun, nothing signed
            if kind == "visit" and word == "visiting" and VISITING_PEOPLE.match(c.text, m.end()):
                continue  # "desks for visiting researchers": who may come, an attribute, no visit
            if OWN_OCCASION_HEAD.search(c.text, 0, m.start()):
                break  # "Jamaica's own National Science Week … with exhibitions": one country's own occasion and its parts
            if kind == "opening" and (CALL_OPENED.match(c.text, m.end()) or OWN_BODY.match(c.text, m.end())
                                      or not_opened(c.text, m.start(), m.end())
                                      # "First joint call: opens March 2026": a call opens, as the clause rules read it
                                      or word.startswith("open") and _CALL_OPENS.search(c.text[max(0, m.start() - 30):m.start()])
                                      # "the Ministry has opened applications for its research grants"
                                      or word.startswith("open") and _OPENS_CALL.match(c.text, m.end())):
                continue  # "opened the third joint call for projects": a programme's round; "opened its own centre";
                # "opening a new chapter": a figure of speech
            if _FOLLOWED_BY_EN.match(c.text, m.end()) or _BUILDS_ON_EN.match(c.text, m.end()) \
                    or _LEADS_TO_EN.match(c.text, m.end()):
                continue  # "the new agreement would be followed by a training course": what comes next is the event;
                # "the new pact builds on a laboratory … opened in February": the earlier work is; "the talks would
                # lead to the opening of a lab, planned for November": what they lead to is
            moves = kind == "visit" and _DELEGATION_MOVES_EN.search(c.text[:m.start()])  # "Departure of the … delegation"
            followed = _FOLLOWED_UP.search(c.text[:m.start()])  # "followed up with a visit to Seoul": the visit itself
            # "the talks would lead to the opening of a lab": what they lead to is the event, no setting
            followed = followed or _LED_TO_BEFORE_EN.search(c.text[:m.start()])
            if _SETTING_EN.search(c.text[:m.start()]) and not moves and not followed or word == "talks" and \
                    re.match(r"\s+about", c.text[m.end():]):
                continue  # "on the margins of the forum": the setting of another event; "talks about"
            out.setdefault(kind, (kind, c.start + m.start(), c.start + m.end(), word))
        return list(out.values())
    toks = c.tokens
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        after = [x.form for x in toks[i + 1:i + 5]]
        if _NEG_KO & set(after[:3]) or "지" in after[:2] and _NEG_KO & set(after[1:4]):
            continue  # 열리지 못했다, 체결하지 않았다
        if "여부" in after[:3]:
            continue  # "자매결연 협정 체결 여부를 논의할 계획": whether it will be, no event yet
        kind = None
        if "주년" in after[:3] or _SETTING_KO.match(c.text, t.end - c.start):
            continue  # "자매결연 10주년", "포럼에 앞서", "회의에서": a date or the setting of another event
        if nxt is not None and nxt.form in _VERBS_KO and re.match(r"\s*(?:직후|이후|후|뒤)(?![가-힣])", c.text[nxt.end - c.start:]):
            continue  # "협정 체결 뒤 아스타나로 이동해 …": the signing told before, as the time of what came next
        # "하반기 개소를": the analyser may tag an event noun as bound (개소, a counter after a number: 3개소)
        counter = t.tag == "NNB" and (i == 0 or toks[i - 1].tag in ("SN", "NR", "MM"))
        if t.tag in ("NNG", "NNP", "SL") or t.tag == "NNB" and not counter and t.form in _BOUND_EVENT_NOUNS:
            if nxt is not None and nxt.tag in ("NNG", "NNP", "SL") and nxt.form not in _VERBS_KO \
                    and not (t.form.endswith(_DOCUMENTS_KO) and nxt.form == "교환"):
                continue  # not the head of its compound ("자매결연 기념행사"; but "의향서 교환")
            # the compound the analyser split ("경제/공동/위원회"): its head is read with what precedes
            compound = t.form
            for x in reversed(toks[:i]):
                if x.tag not in ("NNG", "NNP", "SL") or x.end < c.start:
                    break
                compound = x.form + compound
            kind = next((k for k, nouns in _NOUNS_KO.items() for n in nouns if compound.endswith(n)), None)
            if kind is None and t.form in _VERBS_KO and (nxt is None or nxt.tag in ("XSV", "JKO", "SP", "SF", "SS", "SSC")
                                                          or nxt.form in ("및", "후", "이후", "등")):
                kind = _VERBS_KO[t.form]
            if kind == "meeting" and compound.endswith("위원회") and not compound.endswith(("공동위원회", "공동위")):
                kind = None
        elif t.tag.startswith("VV") and t.form in _VERBS_KO:
            kind = _VERBS_KO[t.form]
        if t.form in ("협의", "논의") and i >= 2 and toks[i - 1].tag == "JKO" and toks[i - 2].form == "일정" \
                and not past_after(toks, i):
            continue  # "9월 개최를 목표로 … 일정을 협의하고 있다": arranging an event's dates, no meeting (as the clause rules read it)
        if kind == "visit" and t.form == "파견" and MUTUAL_BEFORE.search(c.text[: t.start - c.start]):
            continue  # "박사후연구원을 상호 파견하고 있다": an exchange kept up, no visit (as the clause rules read it)
        if kind is not None:
            out.setdefault(kind, (kind, t.start, t.end, t.form))
    m = _DELEGATION_MOVES_KO.search(c.text) or _DELEGATION_KO.search(header) and _MOVES_KO.search(c.text)
    if "visit" not in out and m:  # "대표단 출국", or "출국" under "대표단 주요 일정": the visit, ending
        out["visit"] = ("visit", c.start + m.start(), c.start + m.end(), "대표단 출국")
    if "forum" not in out and (m := WEEK_KO.search(c.text)):  # "'한-스웨덴 혁신 주간'": a week-long event
        out["forum"] = ("forum", c.start + m.start(), c.start + m.end(), "주간")
    if "signing" not in out and (m := _LETTERS_KO.search(c.text)):
        out["signing"] = ("signing", c.start + m.start(), c.start + m.end(), "서한 교환")
    return list(out.values())


_WEEK_OF_TIME = re.compile(r"(?:last|this|next|past|previous|coming|following|same|that|each|every|one|a|the|mid|"
                           r"early|late|whole|entire|busy|first|second|third|final)\s+week", re.IGNORECASE)
# a project word in the plural with only a determiner before it ("the programmes", "its projects") …
# … after a participle ("staff running the programmes"), not as a verb's object of its own ("will run the projects from 2027")
_BARE_PLURAL_EN = re.compile(r"\b\w+ing\s+(?:the|its|their|our|his|her|these|those)\s+$", re.IGNORECASE)
# an event word as what another follows on ("the agreement will be followed by a course", "the visit was followed by …")
_FOLLOWED_BY_EN = re.compile(r"s?\s+(?:[\w-]+\s+){0,4}?(?:would|will|was|is|were|are|has been|have been|had been|is to be)\s+"
                             r"(?:(?:soon|quickly|later|also)\s+)?(?:be\s+)?followed\s+(?:up\s+)?by\b", re.IGNORECASE)
# an event word as the subject of what it grows from ("the new pact builds on a joint laboratory the two opened in
# February", "the agreement expands on a 2019 accord"): the sentence dates the earlier work, not the word
_BUILDS_ON_EN = re.compile(r"s?\s+(?:[\w-]+\s+){0,3}?(?:(?:also\s+)?(?:builds?|built|building|expands?|expanded)\s+(?:up)?on|"
                           r"(?:is|was)\s+built\s+on|(?:extends|extended|deepens|deepened)\s+(?:a|an|the|its|their)\b)",
                           re.IGNORECASE)
# an occasion as the subject of "opened" ("the … Forum, which opened on Wednesday", "the exhibition opened on Monday")
_EVENT_OPENED_EN = re.compile(r"\b(?:exhibitions?|forums?|conferences?|fairs?|festivals?|expos?|summits?|seminars?|"
                              r"symposi(?:um|a)|workshops?|week|sessions?|meetings?|congress|conventions?|dialogues?|"
                              r"talks|games|olympiads?|shows?)(?:\s*\([^()]{1,40}\))?,?\s+(?:which\s+|that\s+)?"
                              r"(?:(?:officially|formally|also)\s+)?$", re.IGNORECASE)
_LEADS_TO_EN = re.compile(r"s?\s+(?:would|will|could|should|may|might|is expected to|are expected to)\s+(?:also\s+)?"
                          r"(?:lead|pave the way)\s+(?:to|for)\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:opening|launch|signing|"
                          r"establishment|creation|visit|inauguration)\b", re.IGNORECASE)
_LED_TO_BEFORE_EN = re.compile(r"\b(?:lead|leads|pave the way|paves the way)\s+(?:to|for)\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}$",
                               re.IGNORECASE)
_OPENS_EVENT_EN = re.compile(r"\s+(?:the|a|an|its|their|this|that)\s+(?:[\w\"“”'’–-]+\s+){0,4}?(?:exhibitions?|forums?|"
                             r"conferences?|fairs?|festivals?|expos?|summits?|seminars?|symposi(?:um|a)|workshops?|week|"
                             r"sessions?|meetings?)\b", re.IGNORECASE)
_ATTENDING_EN = re.compile(r"s?\s+(?:also\s+)?(?:took part|take part|takes part|attended|attends|joined|joins|participated|"
                           r"participates)\b", re.IGNORECASE)
# delegations as the subject of talks they held: "the Korean and Japanese delegations held a bilateral consultation",
# "the delegations of Korea and Palau held talks" — the talks are the event, the delegations no visit of their own
_DELEGATIONS_HELD_EN = re.compile(r"s?\s+(?:of\s+[^,;]{1,90}?\s+)?(?:also\s+)?(?:held|hold|holds|had|have|has|conducted|"
                                  r"opened|began|will hold)\s+(?:a\s+|an\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:talks|"
                                  r"consultations?|meetings?|discussions?|dialogues?|negotiations?)\b", re.IGNORECASE)
_ATTENDEES_EN = re.compile(r"\b(?:bring(?:s|ing)?|brought)\s+together\b|\bgather(?:s|ing|ed)\b|\battended\s+by\b",
                           re.IGNORECASE)


# a delegation as the object of 초청 ("꽝닌성 대표단을 초청해"): a visit, where others invited come to an event
INVITED_DELEGATION = re.compile(r"(?:" + "|".join(DELEGATIONS_KO) + r")(?:을|를)\s*$")
# "이번 (이날, 해당) <event noun>" as the sentence's topic or subject: the event of that kind told before
_THIS_EVENT_KO = re.compile(r"\s*(?:이번|이날|해당)\s*(\S+?)(?:은|는|이|가)\s")
# the event word as the sentence's definite subject ("The Memorandum …", "This agreement …")
# (not "The next Science Week", "The second meeting": a new one)
_DEFINITE_SUBJECT = re.compile(r"\s*(?:The|This|That|These)\s+(?!(?:[\w-]+\s+)?(?:next|new|first|second|third|fourth|fifth|"
                               r"following|upcoming|coming|annual)\b)(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _kind_of_noun(word: str) -> str | None:
    low = word.lower()
    return next((k for k, ns in KIND_NOUNS_EN.items() for n in ns if low in (n, n + "s")), None)


def _held(d: dict, drafts: list[dict]) -> dict | None:
    """The draft that already holds this event: the same kind, with dates one within the other's (or the draft
    itself when it has no date: nothing to add)."""
    rec = d["record"]
    if "date" not in rec:
        return d
    lo, hi = bounds_of(rec["date"])
    for e in drafts:
        r = e["record"]
        if r["kind"] != rec["kind"] or "date" not in r:
            continue
        a, b = bounds_of(r["date"])
        if _within((lo, hi), (a, b)) or _within((a, b), (lo, hi)):
            return e
    return None


def _join_sides(holder: dict, d: dict) -> None:
    """"Officials from Korea, Iceland, Costa Rica and Djibouti gathered … for the … Forum" then "The one-day forum …
    drew about 300 participants": the event the recall pass finds again, naming more countries than the draft that
    holds it (and all of that draft's), gives it the sides it lacks."""
    if holder is d:
        return
    have = {p.get("country") for p in holder["record"]["participants"]} - {None}
    sides = [p for p in d["record"]["participants"] if p.get("type") == "other" and p.get("country") not in have]
    theirs = {p.get("country") for p in d["record"]["participants"]} - {None}
    if not sides or not have <= theirs or len(theirs) < 3:
        return
    holder["record"]["participants"] += [dict(p) for p in sides]
    records.recheck(holder)


def _within(inner, outer) -> bool:
    (lo, hi), (a, b) = inner, outer
    return (a is None or lo is not None and lo >= a) and (b is None or hi is not None and hi <= b)

