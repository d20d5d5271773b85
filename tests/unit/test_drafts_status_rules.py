"""Status, dates by reference, two events in one sentence, new forms and precision guards: the
general rules for the misses of `fresh8/`, each tried on short texts of our own."""

from services.query.drafts import dates, draft
from services.query.drafts.evaluation import score
from tests.unit.drafts_corpus import drafted


def spans(text: str, published: str, lang: str = "ko", future: bool = False) -> list[str]:
    return [m.span.text() for m in dates.resolve(text, published, lang=lang, future=future) if m.span is not None]


# --- status ------------------------------------------------------------------------------------

def test_a_past_signing_in_a_release_dated_after_today_stays_occurred_and_says_so():
    text = ("NEWS RELEASE\n\nSEOUL — The Korea Institute of Soil Science has signed a research agreement with "
            "the University of Nairobi in Kenya.\n\nThe agreement was signed in Nairobi on 2 February 2099 by "
            "the two presidents.\n")
    d = next(d for d in draft({"text": text, "published": "2099-02-08"})["drafts"] if d["record"]["kind"] == "signing")
    assert d["record"]["status"] == "occurred" and d["record"]["date"] == "2099-02-02"
    assert "$.status" in d["missing"]  # today's clock would refuse it: a person confirms


def test_an_event_planned_at_a_postponed_session_is_postponed():
    text = ("The Ministry of Trade of Peru and the Korean Ministry of Trade have postponed the Second Joint "
            "Committee, which was to be held in Lima from 10 to 12 May.\n\nThe postponement follows talks "
            "between the two Governments. A trade agreement was expected to be signed at the Session.\n")
    got = drafted(text, "2026-05-02")
    assert ("meeting", "2026-05-10/2026-05-12", "postponed", ("KR", "PE")) in got
    assert [g for g in got if g[0] == "signing"] and all(g[2] == "postponed" for g in got if g[0] == "signing")
    assert len([g for g in got if g[0] == "meeting"]) == 1  # "The postponement follows …" is no second one


def test_a_notice_announcing_an_event_below_takes_its_date_field_and_is_planned():
    text = ("주케냐 대한민국 대사관\n공지사항\n\n대사관은 케냐 정보통신부와 함께 아래와 같이 「한-케냐 데이터 협력 포럼」을 "
            "개최합니다.\n\n1. 개요\n ○ 일시: 2026. 9. 24.(목) 10:00~15:00\n ○ 장소: 나이로비\n")
    assert ("forum", "2026-09-24", "planned", ("KE", "KR")) in drafted(text, "2026-09-07")


# --- a date by reference to another event ------------------------------------------------------

def test_right_after_the_meeting_and_on_the_forum_day_take_those_dates():
    text = ("외교부는 14일 서울에서 칠레 외교부와 정책협의회를 개최했다.\n\n회의 직후 양측은 외교관 교육 협력 양해각서를 "
            "체결했다.\n")
    assert ("signing", "2026-04-14", "occurred", ("CL", "KR")) in drafted(text, "2026-04-15")
    text = ("대사관은 오는 21일 페루 문화부와 한-페루 문화 포럼을 개최한다. 포럼 당일 한국문화원과 페루 국립도서관 간 "
            "양해각서 서명식이 예정되어 있다.\n")
    assert ("signing", "2026-04-21", "planned", ("KR", "PE")) in drafted(text, "2026-04-10")


def test_the_day_after_an_event_is_the_next_day():
    text = ("The Korea–Chile Summit was held in Santiago on 4 May.\n\nThe day after the summit, the Korean Ministry "
            "of Trade and Chile's Ministry of Economy signed a memorandum on lithium.\n")
    assert ("signing", "2026-05-05", "occurred", ("CL", "KR")) in drafted(text, "2026-05-09")
    text = "산업부는 4일 서울에서 칠레 경제부와 공동위원회를 개최했다.\n\n회의 다음 날 양측은 리튬 협력 양해각서를 체결했다.\n"
    assert ("signing", "2026-05-05", "occurred", ("CL", "KR")) in drafted(text, "2026-05-09")


# --- two events in one sentence ----------------------------------------------------------------

def test_two_agreements_signed_each_are_two_signings():
    text = ("산업부는 3일 서울에서 베트남 산업무역부와 공동위원회를 열었다.\n\n이 자리에서 한국전력과 베트남 전력공사는 "
            "'송전망 협력 양해각서'를, 한국가스공사와 베트남 석유공사는 '가스 협력 양해각서'를 각각 체결했다.\n")
    got = drafted(text, "2026-06-04")
    assert len([g for g in got if g[0] == "signing" and g[1].startswith("2026-06-03") and g[3] == ("KR", "VN")]) == 2


def test_meeting_an_official_before_signing_is_a_meeting_too():
    text = ("군산시 대표단은 8일 일본 오사카 시청에서 오사카 시장과 만나 우호교류 의향서에 서명하고, 청소년 교류 확대에 "
            "합의했다.\n")
    got = drafted(text, "2026-03-12")
    assert ("meeting", "2026-03-08", "occurred", ("JP", "KR")) in got
    assert ("signing", "2026-03-08", "occurred", ("JP", "KR")) in got
    # met only to sign: the signing alone
    got = drafted("군산시 대표단은 8일 일본 오사카 시청에서 오사카 시장과 만나 우호교류 의향서에 서명했다.\n", "2026-03-12")
    assert [g[0] for g in got] == ["signing"]


def test_an_earlier_meeting_named_before_ihu_is_drafted_with_its_own_year():
    text = ("해수부는 5일 서울에서 노르웨이 수산부와 「제5차 한-노르웨이 수산협력위원회」를 개최했다.\n\n"
            "○ 이번 위원회는 2021년 오슬로에서 열린 제4차 회의 이후 5년 만에 열렸다.\n")
    got = drafted(text, "2026-05-06")
    assert ("meeting", "2026-05-05", "occurred", ("KR", "NO")) in got
    assert ("meeting", "2021", "occurred", ("KR", "NO")) in got


def test_the_leads_undated_visit_is_the_visit_a_later_sentence_dates():
    text = ("[여수=테스트신문] 여수시 대표단이 스페인 발렌시아시를 찾아 항만 협력을 약속했다.\n\n"
            "여수시는 대표단이 지난 3일부터 6일까지 스페인 발렌시아를 방문했다고 9일 밝혔다.\n")
    got = drafted(text, "2026-05-09")
    assert [g for g in got if g[0] == "visit"] == [("visit", "2026-05-03/2026-05-06", "occurred", ("ES", "KR"))]


# --- forms -------------------------------------------------------------------------------------

def test_attending_a_signing_ceremony_on_another_day_is_another_signing():
    text = ("김해시 대표단은 4일 베트남 다낭시청에서 우호협력 협약에 서명했다. 5일에는 다낭대학교에서 열린 "
            "인제대학교-다낭대학교 교류 협약식에 참석했다.\n")
    got = drafted(text, "2026-07-09")
    assert ("signing", "2026-07-04", "occurred", ("KR", "VN")) in got
    assert ("signing", "2026-07-05", "occurred", ("KR", "VN")) in got


def test_a_plan_for_the_publication_day_itself_is_that_day():
    text = "□ 페루 대표단은 24일 포항 철강단지를 찾아 한국 기업의 생산 설비를 둘러볼 예정이다.\n"
    assert ("visit", "2026-09-24", "planned", ("KR", "PE")) in drafted(text, "2026-09-24")


def test_quarters_and_the_year_after_the_date_before():
    assert spans("대표단은 다음 분기에 방문한다", "2026-11-20") == ["2027-01/2027-03"]
    assert spans("2027년 2분기", "2026-11-20") == ["2027-04/2027-06"]
    assert spans("is expected in Busan next quarter", "2026-05-02", lang="en") == ["2026-07/2026-09"]
    assert spans("in the third quarter of 2027", "2026-05-02", lang="en") == ["2027-07/2027-09"]
    assert spans("2016년 11월 협약을 맺었고, 이듬해 공동연구를 시작했다", "2026-12-01") == ["2016-11", "2017"]
    assert spans("signed in March 2016 and the following year opened", "2026-12-01", lang="en") == ["2016-03", "2017"]


def test_a_pilot_that_went_live_is_a_project():
    text = ("LIMA, 3 June 2026 — A water-metering pilot in Arequipa run by the Korea Water Agency and Peru's "
            "Ministry of Housing went live on Monday.\n")
    got = drafted(text, "2026-06-03")
    assert [g for g in got if g[0] == "project" and g[1] == "2026-06-01" and g[3] == ("KR", "PE")]


# --- precision guards --------------------------------------------------------------------------

def test_a_signature_block_and_a_product_launch_are_no_events():
    text = ("The Ministry of Energy of Chile and the Korean Ministry of Energy met in Santiago on 12 March.\n\n"
            "Hanbit Motors, a Korean company, has launched a new electric scooter in Chile.\n\nSIGNED\n\n"
            "Minister of Energy\n")
    got = drafted(text, "2026-03-20")
    assert got == [("meeting", "2026-03-12", "occurred", ("CL", "KR"))]


# --- the evaluation's status figure ------------------------------------------------------------

def test_the_score_counts_matched_events_with_the_expected_status():
    drafts = [{"record": {"kind": "visit", "date": "2026-03-01", "status": "planned",
                          "participants": [{"name": "a", "country": "KR"}, {"name": "b", "country": "PE"}]}},
              {"record": {"kind": "signing", "date": "2026-03-02", "status": "occurred",
                          "participants": [{"name": "a", "country": "KR"}, {"name": "b", "country": "PE"}]}}]
    expected = [{"kind": "visit", "date": "2026-03-01", "countries": ["KR", "PE"]},
                {"kind": "signing", "date": "2026-03", "countries": ["KR", "PE"]},
                {"kind": "forum", "date": "2026-03", "countries": ["KR", "PE"], "status": "planned"}]
    s = score(drafts, expected)
    assert (s["matched"], s["status"]) == (2, 1)  # the visit is matched, with the wrong status
