"""Word lists the detector reads the analyser's output with: event nouns and predicates per
kind, tense and status words, and sector keywords mapped to the sector vocabulary's slugs.

Korean entries are lemmas as the analyser gives them (nouns, verb stems); English entries are
lower-case words or stems matched at word starts.
"""

from __future__ import annotations

# Nouns that name an event of a kind ("양해각서", "포럼"), longest first where they nest.
KIND_NOUNS_KO = {
    "signing": ("양해각서", "업무협약", "협약", "협정", "MOU", "MOA", "약정", "의향서", "합의서", "협력각서", "서명식",
                "체결식", "조인식", "각서", "자매결연", "우호협력", "협약식"),
    "visit": ("방문", "방한", "내한", "답방", "순방", "방북", "방러", "방미", "방중", "방일", "대표단", "사절단", "시장개척단",
              "파견단", "초청"),
    "forum": ("포럼", "세미나", "컨퍼런스", "콘퍼런스", "심포지엄", "워크숍", "워크샵", "박람회", "전시회", "전시",
              "엑스포", "설명회", "학술대회", "과학의 날", "과학의 행사", "과학 행사", "페스티벌", "경진대회",
              "로드쇼", "상담회", "교류회", "토론회", "라운드테이블", "발표회", "데모데이", "해커톤", "쇼케이스", "행사"),
    "meeting": ("공동위원회", "공동위", "실무그룹", "워킹그룹", "작업 그룹", "작업그룹", "실무회의", "회의", "회담",
                "협의체", "협의회", "실무 협의", "실무협의", "간담회", "면담", "접견", "협상", "대화", "위원회"),
    "opening": ("개소식", "개관식", "개원식", "출범식", "준공식", "착공식", "기공식", "개소", "개관", "개원", "출범", "개설",
                "설립", "준공"),
    "project": ("시범사업", "공동연구", "공동사업", "협력사업", "공동탐사", "공동 탐사", "공동조사", "공동 조사", "현장조사", "현장 조사",
                "공동관측", "공동 관측", "공동항해", "공동 항해", "사업", "프로젝트", "프로그램", "기술지원", "기술 지원",
                "발대식", "지원사업", "과제", "컨소시엄", "클러스터", "서머스쿨", "윈터스쿨", "여름학교", "겨울학교", "연수",
                "계절학교"),
}
# What is opened: with 열다/설립 these make an opening ("연구소를 열었다"); alone they are no event.
OPENABLE = ("연구소", "연구센터", "센터", "데스크", "사무소", "지사", "연구실", "캠퍼스", "법인", "분원", "지부", "실험실", "교정실",
            "시험실", "연구동")
# Predicates (a noun followed by 하다/되다, or a verb stem) that state that something happened
# or will happen, with the kind they imply on their own (None: the kind comes from the noun).
PREDICATES_KO = {
    "체결": "signing", "서명": "signing", "조인": "signing", "맺": "signing", "합의": "signing", "승인": "signing",
    "방문": "visit", "방한": "visit", "내한": "visit", "답방": "visit", "순방": "visit", "파견": "visit", "보내": "visit", "찾": "visit", "초청": "visit",
    "머물": "visit", "머무르": "visit",  # a stay in a foreign place ("루안다에 머물며"), not at a level ("1%에 머물렀다")
    "개소": "opening", "개관": "opening", "개원": "opening", "출범": "opening", "개설": "opening", "준공": "opening",
    "설립": "opening",
    "개최": None, "열리": None, "열": None, "진행": None, "개막": None, "참석": None, "참가": None, "가지": None,
    "갖": None, "참여": None, "실시": None, "나서": None, "이끌": None, "벌이": None, "펼치": None, "시행": "project", "추진": "project", "착수": "project", "운영": "project", "수행": "project",
    "시작": None, "논의": "meeting", "만나": "meeting", "면담": "meeting", "접견": "meeting", "회담": "meeting",
    "협의": "meeting",
    # a phone or video call (전화 통화, 화상 통화; 통화 alone is also "currency") and a courtesy call
    # on a person (총리를 예방; 예방 alone is also "prevention")
    "통화": "meeting", "예방": "meeting",
    # a cancellation or postponement states the event it calls off (포럼을 취소, 회의를 연기)
    "취소": None, "연기": None, "순연": None, "무산": None,
    # work that is a joint project only when done jointly (공동 개발한다, 공동으로 연구할 계획)
    "개발": "project", "연구": "project",
    # a delegation's arrival abroad (대표단은 14일 레이캬비크에 도착해 16일까지 머물렀다; the stay is 머물 above); goods
    # arrive and prices stay too, so only with a delegation and a foreign place (events.py)
    "도착": "visit",
}
# Predicates the clause rules read under conditions of their own (events.py), never the recall pass: a project carried
# on ("공동연구를 이어 오고 있다": 잇 before 어 오다/가다, its object a research or project noun) and a delegation's tour
# ("차관 일행이 … 실증단지를 둘러보고 갔다": the sentence's only visit word, a delegation its subject)
GUARDED_KO = {"잇": "project", "둘러보": "visit"}
JOINT_ONLY = {"개발", "연구"}
# Building, supplying or training over a span of years is a project though no project noun names it
# ("정수장 3곳을 2026년부터 2028년까지 짓는다", "will build three plants between 2026 and 2028").
WORKS_KO = {"짓": "project", "건설": "project", "건립": "project", "구축": "project", "조성": "project",
            "보급": "project", "양성": "project", "설치": "project", "지원": "project"}
WORKS_EN = {"build": "project", "construct": "project", "rehabilitate": "project", "install": "project",
            "train": "project", "equip": "project", "supply": "project", "supplied": "project"}
PREDICATES_KO.update(WORKS_KO)
# A delegation, as Korean texts name it. The rules that read one differ in which names they take, on
# purpose; each builds its list from these parts (no name begins another, so their order in a regex
# does not matter). The three every such rule takes: a delegation, an envoy group, a visiting group.
DELEGATION_NAMES_KO = ("대표단", "사절단", "방문단")
# with those of an inspection trip and of a visit to Korea: a delegation's schedule and its moves
DELEGATIONS_KO = DELEGATION_NAMES_KO + ("시찰단", "방한단")
# the party travelling ("사절단 일행 도착"), a group of trainees, a tour's group, a group taking part
PARTY_KO = ("일행",)
TRAINEES_KO = ("연수단",)
TOUR_GROUP_KO = ("순방단",)
PARTICIPANTS_GROUP_KO = ("참가단",)
# Attending an event already reported adds its parties to it rather than making a new one.
ATTENDANCE = {"참석", "참가", "참여", "attend"}
# Visits whose destination the verb itself names: 방한/내한 is a visit to Korea.
TO_KOREA = {"방한", "내한"}
# Discussion verbs state a meeting only when nothing else in the sentence is an event
# ("방문해 기업들과 면담할 계획" is part of the visit).
WEAK_PREDICATES = {"논의", "만나", "면담", "접견", "협의", "합의", "discuss"}
# Travellers counted or spoken of in general ("some 430,000 Spanish tourists visited Korea"): a statistic, no
# delegation's visit (a regex alternation).
TRAVELLERS_EN = r"tourists|visitors|travell?ers|holidaymakers|passengers|arrivals|nationals"
# English: word stems of predicates and event nouns, with the kind they point to.
PREDICATES_EN = {
    "sign": "signing", "ink": "signing", "conclude": "signing",
    "cancel": None, "postpone": None, "call off": None, "called off": None, "scrap": None,
    "reconvene": None, "resume": None, "chair": None, "co-chair": None, "gather": None,
    "visit": "visit", "travel": "visit", "flew": "visit", "fly": "visit", "tour": "visit", "arrive": "visit", "spent": "visit", "spend": "visit", "stay": "visit", "invite": "visit", "led": None, "lead": None,
    "welcome": None, "receive": None, "bring": None, "brought": None, "paid": None, "pay": None, "spoke by phone": "meeting", "spoke by telephone": "meeting", "spoke on the phone": "meeting",
    "speak by phone": "meeting", "speak by telephone": "meeting",
    "open": "opening", "inaugurat": "opening", "launch": "opening", "establish": "opening", "set up": "opening",
    "hold": None, "held": None, "host": None, "convene": None, "organise": None, "organize": None, "attend": None, "take place": None,
    "took place": None, "meet": "meeting", "met": "meeting", "discuss": "meeting",
    "implement": "project", "carry out": "project", "carried out": "project", "start": None, "begin": None,
    "began": None, "kick off": "project", "kicked off": "project", "run": None, "ran": None,
    "went live": None, "goes live": None, "go live": None,  # "the pilot went live on Monday": the noun's event
    "schedule": None,  # "The second meeting is scheduled for next year": the noun's event, planned
    # an earlier event told as what this one follows or dates from, and a signing witnessed
    "follows": None, "comes after": None, "came after": None, "dates from": None, "dates back": None,
    "dating back": None, "witness": None,
}
PREDICATES_EN.update(WORKS_EN)
KIND_NOUNS_EN = {
    "signing": ("memorandum of understanding", "memorandum", "mou", "agreement", "accord", "treaty", "pact",
                "letter of intent", "signing ceremony"),
    "visit": ("visit", "delegation", "mission", "trip", "tour"),
    "forum": ("forum", "conference", "seminar", "symposium", "workshop", "exhibition", "expo", "fair", "roundtable",
              "round table", "round-table",
              "summit", "festival", "science day", "roadshow", "showcase", "demo day", "hackathon", "matchmaking"),
    "meeting": ("joint committee", "committee meeting", "working group", "meeting", "talks", "dialogue",
                "consultation", "commission", "session", "annual review", "steering committee", "phone call", "telephone call", "video call",
                "courtesy call",
                "videoconference", "video conference", "online conference"),
    "opening": ("opening", "inauguration", "groundbreaking", "centre", "center", "laboratory", "lab", "office",
                "institute"),
    "project": ("joint project", "project", "programme", "program", "pilot", "joint research", "initiative",
                "training course", "-month course", "-week course", "summer school", "winter school",
                "technical assistance", "partnership", "second phase", "third phase", "next phase",
                "field survey", "joint survey", "field campaign", "joint call", "call for proposals",
                "student exchange", "exchange programme", "exchange program", "researcher exchange",
                # a course's intake ("The third cohort started last Monday"), a course of weeks ("our AI bootcamp")
                "cohort", "bootcamp", "boot camp"),
}

# Status words.
POSTPONED = ("무기한 연기", "연기", "순연", "미뤄", "미루", "늦춰", "postpone", "delayed", "put off", "pushed back",
             "rescheduled", "deferred")
CANCELLED = ("취소", "무산", "철회", "백지화", "cancel", "called off", "scrapped", "axed", "abandoned")

# Sector keywords (Korean and English) → slugs of the sector vocabulary.
SECTOR_WORDS = {
    "ict": ("정보통신", "ICT", "IT", "정보화", "정보기술", "information technology"),
    "telecom": ("통신", "5G", "6G", "이동통신", "초고속 인터넷", "telecom", "broadband"),
    "software": ("소프트웨어", "software"),
    "big-data": ("빅데이터", "big data", "데이터"),
    "ai": ("인공지능", "AI", "artificial intelligence", "machine learning", "머신러닝"),
    "robotics": ("로봇", "robot"),
    "cybersecurity": ("사이버 보안", "사이버보안", "정보보호", "cybersecurity", "cyber security"),
    "e-government": ("전자정부", "e-government", "digital government"),
    "digital-transformation": ("디지털 전환", "디지털전환", "AX", "DX", "digital transformation"),
    "healthcare": ("의료", "헬스케어", "보건", "건강", "원격의료", "병원", "healthcare", "health", "medical"),
    "medical-devices": ("의료기기", "medical device"),
    "biotech": ("바이오", "생명공학", "생명과학", "biotech", "biotechnology", "life science"),
    "pharma": ("제약", "약품", "의약", "pharmaceutical", "drug"),
    "nanotech": ("나노", "nanotech", "nanotechnology"),
    "materials": ("신소재", "소재", "재료", "materials"),
    "nuclear": ("원자력", "핵기술", "원전", "nuclear"),
    "optics": ("광학", "광기술", "포토닉스", "optics", "photonics", "laser"),
    "mechanical": ("기계", "mechanical engineering", "machinery"),
    "manufacturing": ("제조", "산업 현장", "manufacturing"),
    "semiconductors": ("반도체", "semiconductor", "chip"),
    "energy": ("에너지", "전력", "수소", "가스", "energy", "hydrogen", "power grid"),
    "environment": ("환경", "폐기물", "기후", "탄소", "environment", "climate", "waste"),
    "agriculture": ("농업", "축산", "농촌", "농산", "agricultur", "livestock", "farming"),
    "unmanned-vehicles": ("무인이동체", "드론", "자율주행", "drone", "unmanned", "autonomous vehicle"),
    "space": ("우주", "위성", "space", "satellite"),
    "transport": ("철도", "교통", "운송", "항만", "railway", "transport", "logistics"),
    "smart-city": ("스마트도시", "스마트시티", "스마트 도시", "smart city"),
    "startups": ("스타트업", "창업", "벤처", "혁신 생태계", "startup", "start-up", "venture"),
    "basic-science": ("기초과학", "원천기술", "수학", "물리학", "basic science", "fundamental research"),
    "education": ("교육", "인력교류", "인재", "인력 양성", "education", "training", "talent", "exchange of researchers"),
    "public-administration": ("행정", "공공", "public administration", "governance"),
    "culture": ("문화", "관광", "전시", "culture", "tourism"),
}
