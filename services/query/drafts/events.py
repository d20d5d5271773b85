"""Cooperation events stated in a sentence: predicates and event nouns over the analyser's output.

A sentence is cut into clauses at connective endings (-고, -며, -으나; ", and" in English).
A clause states an event when it has an event predicate (체결하다, 방문하다, 개최되다, 열다,
signed, visited, opened, held...) in a finite or planned form; the kind comes from the
predicate when it says one (체결 → signing) or from the nearest event noun before it
(세미나를 개최 → forum). A predicate that only modifies a noun ("체결한 MOU는") refers back
to an event instead of stating one, and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.query.drafts import places
from services.query.drafts.analyser import Sentence, Token
from services.query.drafts.date_forms import atoms
from services.query.drafts.lexicon import (
    DELEGATION_NAMES_KO,
    DELEGATIONS_KO,
    GUARDED_KO,
    JOINT_ONLY,
    KIND_NOUNS_KO,
    OPENABLE,
    PARTY_KO,
    PREDICATES_KO,
    TOUR_GROUP_KO,
    TRAINEES_KO,
    WEAK_PREDICATES,
    WORKS_KO,
)
from services.query.drafts.org_types import PERSON_TITLES_KO
from services.query.drafts.tense import FINAL_FUTURE, PLAN_NOUNS, planned, status

_BOUNDARY_EC = {"고", "며", "으며", "으나", "나", "지만", "는데", "은데", "면서", "으면서", "어", "아", "고서", "다고", "라고"}
_LIST_MARKS = {"▲", "△", "■", "□", "●", "○", "◆", "◇"}
_LINE_MARKS = {"-", "–", "·", "•", "*"}
_ITEM_END = {"▲", "△", "■", "□", "●", "○", "◆", "◇", "등", ",", "및"}


@dataclass
class Clause:
    start: int  # offsets in the text
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: str
    start: int  # the predicate's offsets in the text
    end: int
    strong: bool  # the predicate itself names the kind (체결, visited)
    weak: bool  # a discussion verb (논의, met): a meeting only when nothing else happened
    future: bool  # planned: 예정, 계획, -기로, will, to be held
    status: str  # 'occurred' | 'planned' | 'postponed' | 'cancelled'
    lemma: str = ""  # the predicate (체결, 방한, 참석; sign, visit, attend)


def clauses(s: Sentence) -> list[Clause]:
    if s.lang == "en":
        from services.query.drafts.events_en import english_clauses  # noqa: PLC0415 (it imports this module)

        return english_clauses(s)
    out, cur = [], []
    for i, t in enumerate(s.tokens):
        cur.append(t)
        nxt = s.tokens[i + 1] if i + 1 < len(s.tokens) else None
        cut = t.tag == "EC" and t.form in _BOUNDARY_EC and not (nxt and nxt.tag in ("VX", "JX")) \
            or t.tag == "JKQ"  # "…회담을 가졌다고 | 15일 밝혔다": the report is a clause of its own
        if t.form in _AFTER and t.tag == "NNG" and i > 0 and PREDICATES_KO.get(s.tokens[i - 1].form) in \
                ("signing", "visit", "opening") and s.tokens[i - 1].tag == "NNG":
            cut = True  # "양해각서 체결 이후 | 두 기관이 …": the earlier event is a clause of its own
        if t.form in _AFTER and t.tag == "NNG" and _modified_event_before(s.tokens, i):
            cut = True  # "2022년 도하에서 열린 제3차 회의 이후 | 4년 만에 열렸으며": so is one named by its noun
        if nxt is not None and nxt.form in _LIST_MARKS and cur:
            cut = True  # "▲2023년 3월 … 개최 ▲2023년 9월 … 방한": each item is a clause
        if cut:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    result = []
    for toks in out:
        start, end = toks[0].start, toks[-1].end
        result.append(Clause(start, end, s.text[start - s.start:end - s.start], toks))
    return result


_KIND_KO = {**PREDICATES_KO, **GUARDED_KO, "받": None}  # (받다: a course taken, guarded below)
# "2024년 업무협약 체결로 첫발을 뗐다": a dated event as where something began
_YEAR_TOLD = re.compile(r"(?:19|20)\d\d\s*년")
_ORIGIN = re.compile(r"\s*(?:으로|로)\s*(?:첫발|첫걸음|첫 걸음|물꼬|시작|출발|본격화)")
# a visit said in its own word: 둘러보다 beside it is the visit's programme
_VISIT_WORD = re.compile(r"방문|방한|내한|순방|찾(?:아|았|은|는|을)|머물|체류|도착|"
                         r"참석|참가")  # (… or an event attended: "회의에 참석한 뒤 … 둘러봤다", that trip's programme)


def find_trigger(c: Clause, s: Sentence) -> Trigger | None:
    status_text = s.text
    if s.lang == "en":
        from services.query.drafts.events_en import english_trigger  # noqa: PLC0415 (it imports this module)

        return english_trigger(c, status_text)
    best = None
    dated_opening = None  # the end of a dated "… 문을 연" modifier told in the clause
    toks = c.tokens
    final_future = bool(FINAL_FUTURE.search(s.text[-30:])) or _present_final(s.tokens)
    # "▲…", and a line of its own that opens with a dash or bullet (" - 2025. 4. 8. … 방한, …")
    in_list = bool(toks) and (toks[0].form in _LIST_MARKS or toks[0] is s.tokens[0] and toks[0].form in _LINE_MARKS)
    for i, t in enumerate(toks):
        if t.form not in _KIND_KO:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.form == "받" and not (t.tag.startswith("VV") and _object_head(c, t) in ("연수", "교육", "훈련")
                                  and (_COURSE.search(c.text) or _COURSE_LENGTH.search(c.text))):
            continue  # "… 15명이 3주 과정의 … 연수를 받는다": trainees taking a course of a length; not any 받다
        if t.form == "만나" and i >= 2 and toks[i - 1].tag == "JKO" and toks[i - 2].tag == "NP":
            continue  # "사무실에서 그를 만났다": the reporter meeting the one interviewed, no event
        if t.form in ("협의", "논의") and _object_head(c, t) == "일정" and not past_after(toks, i):
            continue  # "9월 개최를 목표로 … 일정을 협의하고 있다": arranging an event's dates, no meeting of its own (not
            # "장관은 지난 15일 나이로비에서 … 일정을 협의했다": a meeting held)
        if t.form == "통화" and not (i > 0 and toks[i - 1].form in ("전화", "화상")):
            continue  # 통화 alone is a currency
        if t.form == "예방" and not _object_head(c, t).endswith(PERSON_TITLES_KO):
            continue  # "총리를 예방했다" is a courtesy call; "질병을 예방" is prevention
        if t.form in ("머물", "머무르") and not (_stays_at_place(c, toks, i) and atoms(c.text, "ko")):
            continue  # "1%에 머물렀다", "현지에 머물며", "지금까지 … 베른에 머물며": a level, a visit told already, a tally
        if t.form in WORKS_KO and not YEAR_SPAN.search(c.text) and not (_joint(toks, i) and _BY_YEAR.search(c.text)):
            continue  # 짓다, 구축하다 are a project only over a span of years, or done jointly by a year
        if t.form in ("도착", "머물") and not (_DELEGATION.search(s.text[: t.start - s.start]) and places.foreign(c.text)):
            continue  # "대표단은 14일 아이슬란드 레이캬비크에 도착해": a delegation abroad; not goods, not a level
        if t.form == "추진" and _object_head(c, t) == "방안" and i >= 3 and toks[i - 3].tag == "ETM":
            continue  # "공동연구실을 개소하는 방안을 추진하기로": the plan is the opening it names, no project
        if t.form == "둘러보" and not (_DELEGATION.search(c.text[: t.start - c.start]) and not _VISIT_WORD.search(s.text)):
            continue  # "차관 일행이 … 실증단지를 둘러보고 갔다": a delegation's tour is its visit; a reader's look is not
        if t.form == "나서" and not atoms(s.text, "ko"):
            continue  # "공동 항해에 나섰다" with its month; a lead's undated "공동연구에 나선다" restates the story
        if t.form == "이끌" and not (_object_head(c, t) in KIND_NOUNS_KO["project"] + ("관측", "항해")
                                     and event_noun_kind(c.text[: t.start - c.start]) == "project"):
            continue  # "공동 관측을 이끌 예정이다": the project led; not "대표단을 이끌고", "협력을 이끌어 냈다"
        if t.form == "찾" and _object_head(c, t).endswith(_SOUGHT):
            continue  # "기술 파트너를 찾고 있다", "해법을 찾았다": what is sought, not a place visited
        if t.form == "보내" and not _SENT_GROUP.search(c.text[: t.start - c.start]):
            continue  # "연구진을 … 보내": a team sent is a visit; a letter or a product sent is not
        if t.form in JOINT_ONLY and not (_joint(toks, i) and nxt is not None and nxt.tag == "XSV"):
            continue  # 개발하다, 연구하다 alone describe work; 공동(으로) 개발하다 is a joint project
        if t.tag in ("NNG", "NNB"):  # the analyser reads a listed "… 개소 등이" as a bound noun
            if nxt is not None and nxt.form == "," and _KIND_KO[t.form] and i > 0 and toks[i - 1].tag == "JKO":
                rest = []  # "MOU를 체결, …": the press's verbless predicate, a statement
            elif in_list and toks[0].form in _LINE_MARKS and not atoms(s.text, "ko"):
                continue  # a press release's undated dash lines under its headline summarise the text
            elif in_list and nxt is None and i > 0 and toks[i - 1].tag == "JKB" and _KIND_KO[t.form]:
                rest = []  # "○ (11.9.) 차관, … 차관과 면담": a list line that ends on its nominal predicate
            elif i > 0 and toks[i - 1].tag in ("NNG", "NNP", "SL", "SN", "NNB") and \
                    (nxt is not None and nxt.form in PLAN_NOUNS or
                     in_list and (nxt is None or nxt.form in _ITEM_END or nxt.form == "(")):
                # "…과학기술공동위원회 개최 ▲…", "…센터 개소 등이": a list item's (or a headline's) nominal predicate
                rest = [nxt] if nxt is not None and nxt.form in PLAN_NOUNS else []
            elif _during_described(toks, i):
                continue  # "방한 중인 노르웨이 수산부 차관과 면담": the visit describes who was met
            elif nxt is not None and nxt.form == "중" and i + 2 < len(toks) and toks[i + 2].tag == "VCP":
                rest = []  # "사업이 진행 중이며": under way, a statement
            elif nxt is not None and nxt.form in _AFTER and _KIND_KO[t.form] in ("signing", "visit", "opening"):
                rest = []  # "지난 3월 양해각서 체결 이후 …": the earlier event, stated as what came before
            elif nxt is not None and nxt.tag == "JKO" and i + 2 < len(toks) and toks[i + 2].form == "하" \
                    and toks[i + 2].tag == "VV" and _KIND_KO[t.form] in ("meeting", "visit"):
                rest = toks[i + 3:]  # "면담을 하고", "방문을 했다": the noun with a light verb
            elif nxt is not None and nxt.form in ("로", "으로") and _KIND_KO[t.form] in ("signing", "opening") \
                    and _YEAR_TOLD.search(c.text[: t.start - c.start]) and _ORIGIN.match(c.text, t.end - c.start):
                rest = []  # "두 대학의 협력은 2024년 업무협약(MOU) 체결로 첫발을 뗐다": the signing, with its year
            elif nxt is None or nxt.tag not in ("XSV", "XSA"):
                continue
            else:
                rest = toks[i + 2:]
        elif t.form == "잇" and nxt is not None and nxt.form == "어" and i + 2 < len(toks) \
                and toks[i + 2].form in ("오", "가") and toks[i + 2].tag == "VX" \
                and _object_head(c, t) in ("연구", "공동연구", "사업", "프로젝트", "프로그램"):
            rest = toks[i + 3:]  # "공동연구를 이어 오고 있다", "… 사업을 이어 갈 계획": a project carried on
        elif t.form == "잇":
            continue
        elif t.tag in ("VV", "VA") or (t.form in WORKS_KO or t.form == "받") and t.tag.startswith("VV"):  # 짓 is VV-I, 받 VV-R
            rest = toks[i + 1:]
        else:
            continue
        if len(rest) > 1 and rest[0].form == "고" and rest[1].form == "있" and _TALLY.search(c.text[: t.start - c.start]):
            continue  # "현재 22개국 61개 대학·기관과 학술교류협정을 맺고 있으며": a tally of agreements held, no event
        # "공동 관측에 처음 참여한 것은 2014년이다": the event, with its date (not "할 것이다")
        future = False if _cleft_time(rest) else planned(rest)
        done_before = future is None and _done_before(rest)
        if done_before:
            future = False  # "부다페스트를 방문한 데 이어 …", "센터를 개소한 데 이어": the first of two events, done
        if future is None and len(rest) > 3 and rest[0].tag == "ETM" and rest[1].form == "방안" \
                and rest[2].tag == "JKO" and rest[3].form == "추진":
            future = True  # "울산에 공동연구실을 개소하는 방안을 추진하기로 했다": the opening, planned
        earlier = _earlier_event_noun(rest) if future is None else None
        if earlier is not None:
            future = False  # "열린 제3차 회의 이후": the earlier event, told as what came before
        if future is None and _visitor_described(t, rest):
            future = False  # "러시아를 방문한 문재인 대통령", "피렌체를 방문한 시 대표단": a visit stated of its visitor
        if future is None and rest and rest[0].tag == "ETM" and rest[0].form in ("ᆫ", "은") and i >= 2 \
                and toks[i - 1].form in ("년", "월") and toks[i - 2].tag == "SN" and _KIND_KO[t.form] == "signing":
            future = False  # "2020년 맺은 양해각서를 갱신", "지난해 11월 맺은 협약": the earlier signing, with its date
        if not future and t.form == "열" and rest and rest[0].tag == "ETM" and rest[0].form in ("ᆫ", "은", "던") \
                and _YEAR_TOLD.search(c.text[: t.start - c.start]) and _opens_its_doors(c, t):
            future = False  # "2021년 이곳에 문을 연 '…센터'는", "2018년 3월 관측소가 문을 열던 날": the opening, with its year
            dated_opening = t.end
        if future is None and _KIND_KO[t.form] == "project" and rest and rest[0].tag == "ETM" \
                and rest[0].form in ("는", "ᆫ", "은") and _years_before([x for x in s.tokens if x.end <= t.start]):
            future = False  # "2022년부터 2026년까지 … 추진하는 '… 사업'": the project, with its years
        if future is None and _cleft(rest):
            future = False  # "출발한 것이 지난 3일 … 맺은 '…' 협약이다": the sentence is about that agreement
        if future is None and (t.form == "열리" or nxt is not None and nxt.form == "되" and t.form == "개최") \
                and _named_event_after(rest):
            future = final_future  # "내달 … 열리는 한-캄보디아 물관리 워크숍에 기대를 건다" (the date says planned)
        if future is None:
            continue  # modifies a noun or is negated: not a statement of the event
        # "-해 … 할 예정이다": chained clauses share the tense of the sentence's last predicate
        # … unless the clause says it is under way ("방문 중이며, … 둘러볼 예정이다", "수행하고 있으며")
        ongoing = nxt is not None and nxt.form == "중" or len(rest) > 1 and rest[0].form == "고" and rest[1].form == "있"
        future = future or (final_future and not any(x.tag == "EP" for x in rest[:2]) and not ongoing and not done_before)
        kind = _KIND_KO[t.form]
        # a passive's event is its subject, and so is an attendance's ("협약식에는 … 참석했다")
        passive = t.form == "열리" or nxt is not None and nxt.form == "되" or \
            t.form in ("참석", "참가") and re.search(r"에(?:는|서는)", c.text[: t.start - c.start]) is not None
        noun_kind = (passive and _subject_kind(c, t)) or event_noun_kind(c.text[: t.start - c.start]) \
            or _noun_kind_after(c.text[t.end - c.start:])
        strong = kind is not None
        if earlier is not None:
            noun_kind = kind = earlier
        if kind is None or (kind == "project" and noun_kind not in (None, "project", "opening")):
            kind = noun_kind
        elif kind == "opening" and noun_kind == "meeting" and t.form == "출범":
            kind = "meeting"  # 협의체 출범: a new consultative body is a meeting series
        elif kind == "opening" and t.form in ("출범", "개설") and _PROJECT_HEAD.search(_object_head(c, t)):
            kind = "project"  # "공동연구 프로그램을 출범": what is launched is a programme
        if kind is None and t.form in ("취소", "연기", "순연", "무산") and _SCHEDULE_SUBJECT.search(c.text[: t.start - c.start]):
            # "… 답방이 예정돼 있었으나 … 일정이 취소된 바 있다": the schedule called off is the event the sentence told before it
            kind = event_noun_kind(s.text[: c.start - s.start])
        if kind is None and t.form in ("열", "열리", "설립") and _OPENED.search(c.text):
            kind = "opening"
        elif t.form in ("열", "설립", "개설") and _object_head(c, t).endswith(OPENABLE):
            kind = "opening"  # "'한-케냐 물환경 공동연구센터'를 열었다": what is opened is a centre
        training = t.form in ("진행", "실시", "운영") and (_object_head(c, t) in ("교육", "훈련") and (
            _COURSE.search(c.text) is not None and not _RESIDENTS.search(c.text) or "초청" in s.text[: c.start - s.start])
            or _object_head(c, t) in ("연수", "과정") and not _PROCESS.search(c.text) and (
                "초청" in s.text[: t.start - s.start] or _FOREIGN_TRAINEES.search(s.text[: t.start - s.start])
                and places.foreign(s.text[: t.start - s.start]))) \
            or t.form == "받" and not _RESIDENTS.search(c.text) and not _HOME_STAFF.search(c.text)
        if training:
            kind = "project"  # "6개월 과정의 운영·정비 교육을 진행할 계획", "… 초청해 … 교육을 실시했다": a training course
        if t.form == "열" and _opens_its_doors(c, t):
            kind = "opening"  # "내년 3월 문을 열 계획이다": a place opens its doors (not "협력의 문을 열었다")
        if t.form in WEAK_PREDICATES and (setting := _setting_kind(c.text[: t.start - c.start])):
            kind = setting  # "2차 회의에서 … 합의했다": what was agreed, at the meeting
        if kind is None:
            continue
        if kind == "forum" and _CALL_BRIEFING.search(c.text) and not places.foreign(s.text):
            continue  # "… 국제공동연구 사업 설명회를 개최합니다": a call's session for applicants at home
        if kind == "visit" and t.form == "파견" and MUTUAL_BEFORE.search(c.text[: t.start - c.start]):
            continue  # "연구자 2명씩을 서로 파견한다": an exchange an agreement provides for, not a visit
        if kind == "project" and not _PROJECT_NOUN.search(c.text) and t.form not in JOINT_ONLY and t.form not in WORKS_KO \
                and not training and not _JOINT_WORK.search(c.text):
            continue  # "병원도 운영하고 있다" describes; a project is named as one (사업, 프로젝트, 프로그램)
        if kind == "project" and _joint_work_only(c.text) and not places.foreign(s.text) and not _THERE.search(s.text):
            continue  # "기상청과 … 서해에서 공동 관측을 벌였다": joint field work of home bodies, no partner abroad
        cand = Trigger(kind, t.start, t.end, strong, t.form in WEAK_PREDICATES, future, status(status_text, future),
                       t.form)
        if kind == "project" and best is not None and best.kind == "opening" and dated_opening == best.end \
                and not _YEAR_TOLD.search(c.text[best.end - c.start: t.start - c.start]):
            continue  # "2021년 … 문을 연 '…센터'에서 … 수행 중": the year is the opening's; the work there is not a new event
        if best is None or _rank(cand) >= _rank(best):
            best = cand
    if best is None and (m := _PROJECT_PERIOD.search(c.text)) and _SPAN_TOLD.search(c.text, m.end()):
        # "사업 기간은 이달부터 2028년 9월까지 3년이며": the project told by its period
        future = bool(FINAL_FUTURE.search(s.text[-30:]))
        best = Trigger("project", c.start + m.start(1), c.start + m.end(1), False, False, future,
                       status(status_text, future), m.group(1))
    if best is None and (m := _SCHEDULED_NOUN.search(c.text)):
        # "… 양해각서 서명식이 예정되어 있습니다": the event noun is the subject of its plan
        kind = event_noun_kind(m.group(1))
        if kind is not None:
            best = Trigger(kind, c.start + m.start(1), c.start + m.end(1), False, False, True,
                           status(status_text, True), m.group(1))
    return best


# a project's period as the clause's topic ("사업 기간은 …", "공동연구 기간은 …"), then its span ("…부터 …까지")
_PROJECT_PERIOD = re.compile(r"(?<![가-힣])((?:공동\s*)?(?:사업|프로젝트|공동연구|연구개발))\s*(?:수행\s*)?기간은\s")
_SPAN_TOLD = re.compile(r"\S+\s*부터\s+(?:\S+\s+){0,2}?\S+\s*까지")


# a body that can be opened, unless it is where something else is held ("몰타대 해양과학연구소에서 열렸다")
_OPENED = re.compile("(?:" + "|".join(OPENABLE) + ")(?!에서)")
_SCHEDULED_NOUN = re.compile(r"([가-힣]*(?:서명식|체결식|협약식|조인식|개소식|개관식|준공식|기공식|착공식|출범식|포럼|세미나|워크숍|"
                             r"회의|회담|공동위원회|방문|방한))[이가]\s*(?:예정되어\s*있|예정돼\s*있|예정이)")


def _stays_at_place(c: Clause, toks: list[Token], i: int) -> bool:
    """"루안다에 머물며", "요하네스버그에 머물렀다": a stay in a city or country named just before (the word
    before 에, however the analyser cut it: 리/마)."""
    if i < 2 or toks[i - 1].form != "에":
        return False
    words = c.text[: toks[i - 1].start - c.start].split()
    return bool(words) and any(p.start == 0 and p.end == len(words[-1]) for p in places.find(words[-1]))


def _modified_event_before(toks: list[Token], i: int) -> bool:
    """Token i (이후, 후, 뒤) follows an event noun that a predicate's modifier names ("열린 제3차 회의")."""
    if i == 0 or toks[i - 1].tag not in ("NNG", "NNP") or event_noun_kind(toks[i - 1].form) is None:
        return False
    return any(x.tag == "ETM" and x.form in ("ᆫ", "은") for x in toks[max(0, i - 5):i - 1])


def told_before(c: Clause, trig: Trigger) -> bool:
    """A predicate that modifies an event noun told as what came before ("2019년 서울에서 열린 제1차 공동위원회
    이후 추진된 …"): that event is background, no reference for what follows ("회의 직후")."""
    at = next((i for i, t in enumerate(c.tokens) if (t.start, t.end) == (trig.start, trig.end)), None)
    rest = c.tokens[at + 1:] if at is not None else []
    return _earlier_event_noun(rest[1:] if rest and rest[0].tag == "XSV" else rest) is not None


def _earlier_event_noun(rest: list[Token]) -> str | None:
    """After a predicate, "-ㄴ 제3차 회의 이후": the kind of the event noun the modifier names before 이후."""
    if not rest or rest[0].tag != "ETM" or rest[0].form not in ("ᆫ", "은"):
        return None
    for j, x in enumerate(rest[1:8], start=1):
        if x.form in _AFTER and x.tag == "NNG":  # (the noun as written, however cut: 공동/위원회)
            return event_noun_kind("".join(t.form for t in rest[1:j])) if rest[j - 1].tag in ("NNG", "NNP") else None
        if x.tag.startswith(("V", "E", "J")):
            return None
    return None


def _cleft(rest: list[Token]) -> bool:
    """A modifier whose noun phrase ends the sentence as its predicate ("…가 맺은 '…' 협약이다")."""
    if not rest or rest[0].tag != "ETM" or rest[0].form not in ("ᆫ", "은"):
        return False
    for j, x in enumerate(rest[1:12], start=1):
        if x.tag == "VCP":
            return j + 1 < len(rest) and rest[j + 1].tag == "EF" and rest[j - 1].tag in ("NNG", "NNP", "SL")
        if x.tag.startswith(("V", "J", "E")) and x.tag not in ("JKG",):
            return False
    return False


def _done_before(rest: list[Token]) -> bool:
    """"… 방문한 데 이어", "… 맺은 데 이어": an event done, followed by the next one the sentence tells."""
    return len(rest) > 2 and rest[0].tag == "ETM" and rest[0].form in ("ᆫ", "은") and rest[1].form == "데" \
        and rest[2].form == "잇"


def _cleft_time(rest: list[Token]) -> bool:
    """"… 참여한 것은 2014년이다", "… 맺은 것은 지난해 3월이었다": the sentence tells when the event took place."""
    if len(rest) < 5 or rest[0].tag != "ETM" or rest[0].form not in ("ᆫ", "은") or rest[1].form != "것" \
            or rest[2].form not in ("은", "이"):
        return False
    for j, x in enumerate(rest[3:9], start=3):
        if x.tag == "VCP":
            return j > 3 and any(t.tag == "SN" or t.form in ("지난해", "작년", "올해", "재작년") for t in rest[3:j]) \
                and all(t.tag.startswith("E") or t.tag == "SF" for t in rest[j + 1:])
        if not (x.tag in ("SN", "NNB", "NNG", "MM") or x.form in ("지난", "올해", "지난해")):
            return False
    return False


def _named_event_after(rest: list[Token]) -> bool:
    """"열리는 한-캄보디아 물관리 워크숍에", "개최되는 '…포럼'에서": a modifier of a named cooperation
    event (a country pair or a quoted name) that the clause then speaks of."""
    if not rest or rest[0].tag != "ETM" or rest[0].form not in ("는", "ᆫ", "ᆯ"):
        return False
    words = []
    for x in rest[1:14]:
        if x.tag in ("JKB", "JX", "JKO", "JKS"):
            break
        words.append(x)
    text = "".join(w.form for w in words)
    # (its number first: "열린 제5차 한-이집트 과학기술공동위원회에서")
    named = any(w.form in ("'", "‘", "「") for w in words) or re.match(r"(?:제?\d+차)?한[-·–]?\S", text) is not None
    return named and event_noun_kind(text) in ("forum", "meeting")


def _years_before(toks: list[Token]) -> bool:
    """A span of years said before the predicate ("2022년부터 2026년까지")."""
    return any(a.tag == "SN" and len(a.form) == 4 and b.form == "년" and c.form == "부터"
               for a, b, c in zip(toks, toks[1:], toks[2:], strict=False))


# the visitors a described visit is told of, as the analyser's nouns ("방문한 시 대표단", "… 대표")
_DELEGATIONS = {*DELEGATION_NAMES_KO, *PARTY_KO, "파견단", "대표"}


def _visitor_described(t: Token, rest: list[Token]) -> bool:
    return PREDICATES_KO.get(t.form) == "visit" and bool(rest) and rest[0].tag == "ETM" \
        and rest[0].form in ("ᆫ", "은", "ㄴ") and any(x.form in PERSON_TITLES_KO or x.form in _DELEGATIONS
                                                     for x in rest[1:6])


def described_visit(c: Clause, s: Sentence) -> Trigger | None:
    """A visit told as what describes its visitors, in a clause that states another event:
    "지난달 말 피렌체를 방문한 시 대표단이 … 협약을 체결했다" is a visit and a signing."""
    toks = c.tokens
    for i, t in enumerate(toks):
        if t.tag not in ("NNG", "VV") or t.form not in PREDICATES_KO:
            continue
        j = i + 2 if t.tag == "NNG" and i + 1 < len(toks) and toks[i + 1].tag == "XSV" else i + 1
        if t.tag == "NNG" and j == i + 1:
            continue
        if _visitor_described(t, toks[j:]):
            return Trigger("visit", t.start, t.end, True, False, False, status(s.text, False), t.form)
    for i, t in enumerate(toks):
        if t.form in PREDICATES_KO and PREDICATES_KO[t.form] == "visit" and _during_described(toks, i):
            return Trigger("visit", t.start, t.end, True, False, False, status(s.text, False), t.form)
    return None


# "체결 이후", "방문 뒤": a nominal event the clause then goes on from
_AFTER = {"이후", "후", "뒤"}


def _during_described(toks: list[Token], i: int) -> bool:
    """"방한 중인 노르웨이 … 차관": a visit under way that describes a person the clause speaks of."""
    return toks[i].tag == "NNG" and PREDICATES_KO.get(toks[i].form) == "visit" and i + 3 < len(toks) \
        and toks[i + 1].form == "중" and toks[i + 2].tag == "VCP" and toks[i + 3].tag == "ETM"


# A span of years: "2026년부터 2028년까지", "2025~2030년", "between 2026 and 2028", "from 2026 to 2028".
YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*년?\s*(?:부터|[~∼〜～\-–])\s*(?:(?:19|20)\d\d|\d\d)\s*년|"
                       r"(?:19|20)\d\d\s*년\s*부터\s*(?:\d{1,2}|두|세|네|다섯)\s*(?:개\s*)?년\s*(?:간|동안)|"
                       r"\b(?:between|from)\s+(?:19|20)\d\d\s+(?:and|to|until|through)\s+(?:19|20)\d\d\b|"
                       r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b", re.IGNORECASE)
# 과정 as a process gone through, no course ("… 초청하기 위해 서류 심사 과정을 진행하고 있다")
_PROCESS = re.compile(r"(?:심사|선발|선정|절차|검토|평가|협의|논의|준비|모집|수속|협상|조정)\s*과정")
# our own staff trained at home ("국내 신규 연구원 30명은 2주간 직무 교육을 받은 뒤 …"; "국내에서", "국내외" are not)
# those a course is run for ("우즈베키스탄 … 공무원을 대상으로 AI 교육과정을 운영한다"), told with their country
_FOREIGN_TRAINEES = re.compile(r"(?:공무원|연구자|연구원|교원|교사|교수|학생|전문가|기술자|관계자|인력)(?:\s*\d+\s*명)?(?:을|를)\s*대상으로")
_HOME_STAFF = re.compile(r"국내(?!\s*(?:에|로|외))")
# a course told by its length or as one ("6개월 과정의", "3주 과정", "교육과정"): training given as a project
_COURSE_LENGTH = re.compile(r"\d+\s*(?:개월|주|일)\s*(?:간|동안)")
_COURSE = re.compile(r"\d+\s*(?:개월|주|일)\s*(?:간\s*)?과정|(?:교육|훈련|연수)\s*과정")
# "서로", "상호", "교차" right before 파견: an exchange of people an agreement provides for or keeps up, not a visit
MUTUAL_BEFORE = re.compile(r"(?:서로|상호|교차)\s*\S*\s*$")
_PROJECT_NOUN = re.compile("|".join(KIND_NOUNS_KO["project"]) + "|(?i:project|programme|program|pilot)")


_DELEGATION = re.compile("(?:" + "|".join(DELEGATIONS_KO + TRAINEES_KO + TOUR_GROUP_KO + PARTY_KO) + r")(?:은|는|이|가)?\s")
# What 찾다 seeks rather than visits: a partner, a way, an answer ("기술 파트너를 찾고", "해법을 찾았다").
_SOUGHT = ("파트너", "협력자", "동반자", "방안", "해법", "해결책", "대안", "방법", "길", "기회", "답", "돌파구", "활로", "인재",
           "판로", "수요처", "투자처", "투자자", "원인", "이유", "의미", "접점", "일자리")


# "2029년까지 … 함께 짓기로": joint work by a year.
_BY_YEAR = re.compile(r"(?:19|20)\d\d\s*년\s*까지")
# A group of people sent ("연구진을 … 보내", "대표단을 파견"): a visit.
_SENT_GROUP = re.compile("(?:" + "|".join(DELEGATION_NAMES_KO + TRAINEES_KO + ("연구진", "조사단", "전문가단?", "실무단", "기술진", "의료진", "교수진", "직원"))
                         + r")(?:\s*\d+\s*명)?(?:을|를)\s")


_PROJECT_HEAD = re.compile(r"(?:사업|프로젝트|프로그램)$")


def _present_final(tokens) -> bool:
    """The sentence ends in the news's present ("… 포럼에 참석해 … 만난다."), which announces."""
    ends = [i for i, t in enumerate(tokens) if t.tag == "EF"]
    if not ends:
        return False
    i = ends[-1]
    return tokens[i].form in ("ᆫ다", "는다") and i > 0 and tokens[i - 1].tag != "EP"


def _joint(toks: list[Token], i: int) -> bool:
    """"공동 개발", "공동으로 연구": the predicate's noun is done jointly."""
    j = i - 1
    if j >= 0 and toks[j].tag.startswith("J"):
        j -= 1
    return j >= 0 and toks[j].form in ("공동", "함께")


def _opens_its_doors(c: Clause, t: Token) -> bool:
    """"문을 열다" said of a place: the object is 문 itself, no "X의" before it (a figure: "협력의 문"); a headline's
    "'…센터' 문 연다" drops the particle."""
    toks = [x for x in c.tokens if x.end <= t.start]
    if toks and toks[-1].form == "문" and toks[-1].tag == "NNG":  # "… 문 연다"
        return not any(x.tag == "JKG" for x in toks[-4:-1])
    return len(toks) >= 2 and toks[-1].tag == "JKO" and toks[-2].form == "문" and toks[-2].tag == "NNG" \
        and not any(x.tag == "JKG" for x in toks[-5:-2])


def past_after(toks, i: int) -> bool:
    """Whether the predicate noun at `i` is told in the past ("협의했다": 협의, 하, 었)."""
    rest = toks[i + 1:i + 3]
    if rest and rest[0].tag == "XSV":
        rest = rest[1:]
    return bool(rest) and rest[0].tag == "EP" and rest[0].form in ("었", "았", "였")


def _object_head(c: Clause, t: Token) -> str:
    """The last noun of the predicate's object (the words before its 을/를), quotes left out."""
    toks = [x for x in c.tokens if x.end <= t.start]
    at = max((i for i, x in enumerate(toks) if x.tag == "JKO"), default=None)
    if at is None:
        return ""
    nouns = [x for x in toks[:at] if x.tag in ("NNG", "NNP", "SL", "XSN")]
    return nouns[-1].form if nouns else ""


# An event noun as the setting of a clause ("회의에서", "포럼 기간 중에").
_SETTING = re.compile("(" + "|".join(n for nouns in KIND_NOUNS_KO.values() for n in sorted(nouns, key=len, reverse=True)
                                     if len(n) > 1) + r")\s*(?:에서|에서는|기간\s*중에?|중에)\s")


def _setting_kind(before: str) -> str | None:
    found = [m.group(1) for m in _SETTING.finditer(before)]
    if not found:
        return None
    return next((k for k, nouns in KIND_NOUNS_KO.items() if found[-1] in nouns), None)


def _subject_kind(c: Clause, t: Token) -> str | None:
    """The kind of the clause's subject ("업무협약 체결식은 … R-24에서 열렸다" → signing): a
    passive predicate's event is its subject, not the nearest noun. A passive's topic after an
    adverbial particle ("착수회의 전날인 29일에는 … 세미나가 열렸다") is a time or place, not the
    subject (an attendance's "협약식에는" is its event)."""
    for i, tok in enumerate(c.tokens):
        if tok.start >= t.start:
            return None
        if tok.tag == "JX" and i > 0 and c.tokens[i - 1].tag == "JKB" and t.form not in ("참석", "참가"):
            continue
        if tok.tag == "JX" and tok.form in ("부터", "까지", "마다"):
            continue  # "오는 4월부터 2028년 3월까지 … '… 사업'이 진행될": a time's particle, not the subject's
        if tok.tag in ("JX", "JKS"):
            return event_noun_kind(c.text[: tok.start - c.start])
    return None


def _rank(t: Trigger) -> tuple[bool, bool]:
    """Within a clause the statement wins over a discussion verb, a named kind over a borrowed one."""
    return (not t.weak, t.strong)


# foreigners living in Korea as a course's trainees ("결혼이민자", "이주노동자", "국내 체류 중인 … 근로자"): a domestic course
_RESIDENTS = re.compile(r"출신|이민자|이주민|이주\s*노동자|이주\s*근로자|다문화|(?:국내|한국)\s*(?:에\s*)?(?:체류|거주)")
# a place told before, referred to ("그곳에서 … 공동 관측을 이끌"): the partner's ground
_THERE = re.compile(r"그곳|현지")


def _joint_work_only(text: str) -> bool:
    """Joint observation or a joint voyage ("공동 관측", "공동 해빙 관측", "공동 항해") as the clause's only project word."""
    rest = _JOINT_WORK.sub(" ", re.sub(r"공동\s?(?:관측|항해)", " ", text))
    return rest != text and not _PROJECT_NOUN.search(rest)


# joint field work told with its topic between ("공동 해빙 관측", "공동 북극 항해"): a project, as 공동관측 is
_JOINT_WORK = re.compile(r"(?<![가-힣])공동\s+(?:[가-힣·]+(?<![와과을를의에은는및])\s+){1,2}?(관측|항해|탐사)(?![소장선망기단원])")
# A week-long event named as such: "'한-스웨덴 혁신 주간'을 열었다", "과학기술주간 행사" (not "주간 일정", weekly)
WEEK_KO = re.compile(r"(?<=[가-힣A-Za-z])\s?주간(?=\s*['’”\"」』]|\s*(?:행사|기간)|(?:을|를|이|가|은|는|에|의|으로|로)(?![가-힣])|\s*[,.]|\s*$)")

# the schedule as the subject of its calling off ("일정이 취소됐다", "일정은 연기됐다")
_SCHEDULE_SUBJECT = re.compile(r"일정(?:이|은|도)\s")
# a body named with an event noun ("부르사상공회의소", "대한상공회의소": a chamber of commerce), no event
_BODY_NAMED = re.compile(r"(?<=회의)소")
# a hall or room named after an event ("국제회의장", "대회의실"): a venue, no event
VENUE_AFTER = re.compile(r"(?:장|실)(?:에서|에|으로|을|를|은|는|이|가|의|\s)")
# … and one followed by what came of it, reported on ("순방 성과 보고회", "방문 결과 설명회"): the report's topic
_REPORTED_AFTER = re.compile(r"\s*(?:성과|결과)\s*(?:보고|공유|설명|발표)")
# a count of partners ("22개국 61개 대학·기관과", "40여 개 도시와", "12곳과"): with -고 있다, what is held, not done
_TALLY = re.compile(r"\d+\s*(?:여\s*)?(?:개국|개\s*(?:대학|기관|도시|나라|기업|국가)|곳)")
# an information session on a call or programme for applicants ("2027년도 국제공동연구 사업 설명회", "공모 설명회")
_CALL_BRIEFING = re.compile(r"(?:사업|공모|과제|모집)\s*설명회")


# an event the clause's own follows ("협약식에 이어", "포럼에 앞서")
_FOLLOWED_BY = re.compile(r"[가-힣]{0,2}?(?:에|과|와)\s*(?:이어|앞서|뒤이어)(?![가-힣])")


# an event noun that only names a day of that event ("방문 마지막 날인 10일", "방문 사흘째인 8일", "포럼 첫날"): a date, no kind
_DAY_OF_EVENT = re.compile(r"\s*(?:(?:첫|둘째|셋째|넷째|다섯째|마지막|이튿)\s*날|(?:이틀|사흘|나흘|닷새|엿새|\d+\s*일)째)")


def event_noun_kind(before: str) -> str | None:
    """The kind of the event noun nearest before the predicate (세미나가 개최 → forum)."""
    best, pos = None, -1
    for m in WEEK_KO.finditer(before):
        best, pos = "forum", m.start()
    for m in _JOINT_WORK.finditer(before):
        if m.start(1) > pos:
            best, pos = "project", m.start(1)  # "공동 해빙 관측에 … 참여한": joint observation, a campaign
    for kind, nouns in KIND_NOUNS_KO.items():
        for n in nouns:
            at = before.rfind(n)
            # "국제회의장에서": a hall, no meeting; "순방 성과 보고회": a report on the visit, no visit
            # … "협약식에 이어 … 워크숍이 열려": the event before it, no kind of this one
            while at >= 0 and (VENUE_AFTER.match(before, at + len(n)) or _REPORTED_AFTER.match(before, at + len(n))
                               or _FOLLOWED_BY.match(before, at + len(n)) or _BODY_NAMED.match(before, at + len(n))
                               or _DAY_OF_EVENT.match(before, at + len(n))):
                at = before.rfind(n, 0, at)
            if at > pos or (at == pos and at >= 0 and best and len(n) > 0):
                best, pos = kind, at
    return best


def _noun_kind_after(after: str) -> str | None:
    """The first event noun after the predicate ("열 예정이던 공동위원회를")."""
    best, pos = None, len(after) + 1
    for kind, nouns in KIND_NOUNS_KO.items():
        for n in nouns:
            at = after.find(n)
            if 0 <= at < pos:
                best, pos = kind, at
    return best


