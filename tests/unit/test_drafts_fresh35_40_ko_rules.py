"""The second round of general rules for the misses and wrong drafts of the Korean articles of `fresh35/` to
`fresh40/`, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- dates ------------------------------------------------------------------------------------------------


def test_a_day_of_an_event_names_no_kind():
    # "방문 마지막 날인 12일 … 열 예정이던 '…센터' 개소식은 … 취소됐다": 방문 only names the day; the event is the
    # opening, called off, and its bare day the one nearest the news (this month's 12th, not next month's)
    text = "당초 방문 마지막 날인 12일 몸바사에서 열 예정이던 '한-케냐 해양연구센터' 개소식은 현지 공사가 늦어져 취소됐다."
    assert drafted(text, "2025-08-20") == [("opening", "2025-08-12", "cancelled", ("KE", "KR"))]


def test_a_called_off_plan_read_by_the_fallback_takes_the_nearest_month():
    # "당초 6월 … 열릴 예정이던 '… 공동연구 착수회의'는 … 연기됐다" in September: the clause rules draft the project, the
    # fallback the meeting — both this June's, the nearest (not next June's, as a plan's month would be)
    text = "반면 당초 6월 나이로비에서 열릴 예정이던 '물 관리 공동연구 착수회의'는 케냐 측 절차가 늦어지면서 연기됐다."
    assert drafted(text, "2025-09-10") == [("project", "2025-06", "postponed", ("KE", "KR")),
                                           ("meeting", "2025-06", "postponed", ("KE", "KR"))]


def test_a_clause_chained_to_a_decision_with_a_date_ahead_is_planned():
    # "… 12월 초 … 실무회의를 열어 … 논의하기로 했다" in October: this December's meeting, planned
    text = "두 나라는 12월 초 나이로비에서 실무회의를 열어 공동 관측 계획을 논의하기로 했다."
    assert drafted(text, "2025-10-02") == [("meeting", "2025-12-01~/2025-12-10~", "planned", ("KE", "KR"))]
    # … a meeting told with 지난 stays what happened
    past = "두 나라는 지난 9월 나이로비에서 실무회의를 열어 공동 관측을 확대하기로 했다."
    assert drafted(past, "2025-10-02") == [("meeting", "2025-09", "occurred", ("KE", "KR"))]


def test_a_year_then_months_is_those_months():
    # "올해도 지난 3월부터 8월까지 …": the months of that year, not the year alone
    text = "올해도 지난 2월부터 7월까지 케냐 간호사 8명이 병원에서 임상 연수를 받고 있다."
    assert drafted(text, "2025-07-16") == [("project", "2025-02/2025-07", "occurred", ("KE", "KR"))]


def test_an_ongoing_statement_takes_no_date_of_a_plan_before_it():
    # "… 지원 사업도 함께 벌이고 있다" after next month's plan: what goes on now, undated, no event
    text = ("병원은 다음 달 4일부터 9일까지 의료진 10명을 나이로비에 보낸다.\n\n"
            "케냐는 오랜 우방국으로, 병원은 현지 어린이 의료 지원 사업도 함께 벌이고 있다.")
    assert drafted(text, "2025-07-16") == [("visit", "2025-08-04/2025-08-09", "planned", ("KE", "KR"))]


# --- kinds and non-events ---------------------------------------------------------------------------------


def test_medical_staff_sent_abroad_is_a_visit():
    # "의료진 12명을 … 보내": a team sent abroad, as 연구진, 기술진 were
    text = "병원은 다음 달 4일부터 9일까지 의료진 10명을 나이로비에 보내 현지 병원에서 공동 수술을 한다."
    assert drafted(text, "2025-07-16") == [("visit", "2025-08-04/2025-08-09", "planned", ("KE", "KR"))]


def test_a_government_s_own_bodies_meeting_is_none():
    # "소관 출연연 원장들이 참석한 … 전략회의", "관계부처 합동 … 점검회의", "부내 '…점검회의'": one government's own
    assert drafted("협의회는 지난 15일 세종 본부에서 소관 출연연 원장들이 참석한 '해양 연구 전략회의'를 열었다.",
                   "2025-09-20") == []
    assert drafted("청은 다음 주 월요일(22일) 관계부처 합동 가뭄 대응 점검회의를 열 계획이다.", "2025-09-17") == []
    # … a ministry's in-house review ("부내 '…점검회의'"), in a page about Kenya that lends it Kenya's side
    page = ("케냐와의 공동연구는 정상 추진 중입니다.\n\n지난달 17일에는 나이로비에서 케냐 물연구소와 양해각서를 체결했습니다.\n\n"
            "케냐는 동아프리카 최대 경제국입니다.\n\n우리 부는 지난달 30일 부내 '해외 공동연구 점검회의'를 열었습니다.")
    assert "meeting" not in [k for k, *_ in drafted(page, "2025-07-02")]


def test_arranging_a_schedule_is_no_meeting():
    # "9월 개최를 목표로 … 일정을 협의하고 있다": the dates of an event being arranged, no meeting of its own
    text = "공동위원회는 연기됐으며, 현재 9월 개최를 목표로 케냐 측과 일정을 협의하고 있다."
    assert [k for k, *_ in drafted(text, "2025-07-02")] == ["meeting"]
    assert drafted("현재 9월 개최를 목표로 케냐 측과 일정을 협의하고 있다.", "2025-07-02") == []


def test_a_cancellation_denied_is_no_cancellation():
    # "취소된 것이 아니라 연기된 것입니다": postponed
    text = "지난 7월 열릴 예정이던 한-케냐 과학기술공동위원회는 취소된 것이 아니라 연기된 것입니다."
    assert drafted(text, "2025-08-02") == [("meeting", "2025-07", "postponed", ("KE", "KR"))]


# --- parties ----------------------------------------------------------------------------------------------


def test_the_delegation_on_its_trip_is_korea_s_side_abroad():
    # "방문단은 … 14일 … 랩 개소식을 열었다" within its trip to Kenya: Korea's delegation, the opening in Kenya
    text = ("회사 경영진은 지난 13일부터 16일까지 케냐를 방문했다.\n"
            "방문단은 14일 현지에 마련한 연구소 개소식을 열었다.")
    assert drafted(text, "2025-10-20") == [("visit", "2025-10-13/2025-10-16", "occurred", ("KE", "KR")),
                                           ("opening", "2025-10-14", "occurred", ("KE", "KR"))]
