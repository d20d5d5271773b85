"""The general rules written for the misses and wrong drafts of the Korean articles of `fresh29/`'s and `fresh30/`'s
first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- status and kinds ------------------------------------------------------------------------------------


def test_smoke_is_no_postponement():
    # "산불 연기 속": 연기 as smoke; a project under way is not postponed
    text = "연구팀은 칠레 산림연구소와 함께 산불 연기 속 미세먼지를 재는 공동연구를 지난해 5월부터 진행하고 있다."
    assert drafted(text, "2025-08-26") == [("project", "2024-05/..", "occurred", ("CL", "KR"))]


def test_a_field_survey_called_off_is_a_project():
    # "현장조사가 취소됐다": a field survey is a project noun, like 공동조사
    text = "칠레 산림연구소와 9월로 잡아 두었던 안데스 공동 현장조사가 결국 취소됐다."
    assert drafted(text, "2025-10-26") == [("project", "2025-09", "cancelled", ("CL", "KR"))]


def test_an_interview_question_line_tells_no_event_its_answer_does():
    # "- … 협정도 맺었다고 들었다." is the interviewer's cue; the quoted answer below it dates the signing
    text = ("- 두 대학이 협정도 맺었다고 들었다.\n"
            "\"올해 2월 두 대학 총장이 칠레 산티아고에서 학술교류 협정에 서명했다.\"\n")
    assert drafted(text, "2025-08-26") == [("signing", "2025-02", "occurred", ("CL", "KR"))]


def test_a_joint_study_carried_on_is_a_project():
    # "공동연구를 이어 오고 있다": carried on since its year
    text = ("도립대학 연구팀은 2022년부터 칠레 산티아고대학과 리튬 회수 공동연구를 이어 오고 있고, 지난해 5월에는 칠레 "
            "광업부 차관 일행이 도내 실증단지를 둘러보고 가기도 했다.")
    assert ("project", "2022/..", ("CL", "KR")) in drafted(text, "2025-08-26", status=False)


def test_exchanges_carried_on_after_an_agreement_stay_the_agreement():
    # "협약을 맺은 뒤 … 연수 등을 이어 왔다": the signing; the exchanges carried on are no project of their own
    text = "두 도시는 2016년 자매결연 협약을 맺은 뒤 칠레 발파라이소와 공무원 연수 등을 이어 왔다."
    assert drafted(text, "2025-08-26", status=False) == [("signing", "2016", ("CL", "KR"))]


def test_a_delegation_s_tour_is_its_visit():
    # "차관 일행이 … 둘러보고 갔다": a delegation's tour, the sentence's only visit word
    text = "지난해 5월에는 칠레 광업부 차관 일행이 도내 배터리 실증단지를 둘러보고 갔다."
    assert drafted(text, "2025-08-26") == [("visit", "2024-05", "occurred", ("CL", "KR"))]


def test_a_tour_on_a_visit_told_in_its_own_word_is_the_visit():
    # "방한해 … 둘러봤다": one visit
    text = "칠레 광업부 차관 일행이 지난 3일부터 5일까지 방한해 도내 배터리 실증단지를 둘러봤다."
    assert drafted(text, "2025-08-26") == [("visit", "2025-08-03/2025-08-05", "occurred", ("CL", "KR"))]


def test_a_plan_to_open_pursued_is_the_opening():
    # "공동연구실을 개소하는 방안을 추진하기로 했다": the opening, planned, no project of 추진
    text = "도는 칠레 산티아고대학과 내년 중 산티아고에 공동연구실을 개소하는 방안을 추진하기로 했다."
    assert drafted(text, "2025-08-26") == [("opening", "2026", "planned", ("CL", "KR"))]


def test_a_signing_a_cooperation_began_with_is_stated_with_its_year():
    # "2023년 업무협약 체결로 첫발을 뗐다": the signing of 2023
    text = ("도립대학은 칠레 산티아고대학과 다음 달 관측소를 연다고 밝혔다. 두 대학의 협력은 2023년 업무협약(MOU) "
            "체결로 첫발을 뗐다.")
    assert ("signing", "2023", ("CL", "KR")) in drafted(text, "2025-08-26", status=False)


def test_an_event_ahead_of_which_another_is_held_is_no_event_of_its_own():
    # "관측소 개소를 앞두고 … 실무회의를 열어": the meeting only (the opening is told elsewhere)
    text = "칠레 연구소와 관측소 개소를 앞두고 양측은 지난 2일 화상으로 실무회의를 열어 장비 반입 절차를 점검했다."
    assert drafted(text, "2025-08-26") == [("meeting", "2025-08-02", "occurred", ("CL", "KR"))]


# --- dates ---------------------------------------------------------------------------------------------------


def test_a_later_clause_s_own_date_wins_over_the_sentence_s_opening_date():
    # "오는 10월에는 … 열 계획이고, 내년 중에는 … 문을 열기로": the second clause's year
    text = ("오는 10월에는 칠레 연구진을 초청해 '한·칠레 리튬 워크숍'을 열 계획이고, 내년 중에는 산티아고에 "
            "공동연구실을 개소하기로 했다.")
    assert sorted(drafted(text, "2025-08-26")) == [
        ("forum", "2025-10", "planned", ("CL", "KR")), ("opening", "2026", "planned", ("CL", "KR"))]


def test_a_month_opening_the_sentence_yields_to_its_days():
    # "지난달에는 … 11일부터 14일까지 …을 찾았다": those days of last month
    text = "지난달에는 칠레 연구진 6명이 11일부터 14일까지 포항을 찾았다."
    assert drafted(text, "2025-08-26") == [("visit", "2025-07-11/2025-07-14", "occurred", ("CL", "KR"))]


def test_during_a_month_is_the_month():
    # "3월 중에는": during March, not mid-March
    text = "공단은 내년 3월 중에는 칠레 산티아고에 현지 사업관리사무소를 열 계획이다."
    assert drafted(text, "2025-08-26") == [("opening", "2026-03", "planned", ("CL", "KR"))]


def test_that_year_is_the_year_the_text_just_named():
    # "2021년부터 이어지고 있다. 그해 …": 2021, not the year of the event told before
    text = ("대표단은 지난 3일 칠레 산티아고대학을 찾았다. 사실 이 인연은 2021년부터 이어지고 있다. 그해 우리 연구실은 "
            "산티아고대학과 함께 리튬 공동연구를 시작했다.")
    assert ("project", "2021", ("CL", "KR")) in drafted(text, "2025-08-26", status=False)


def test_days_told_in_brackets_after_their_weekdays_are_a_span():
    # "지난주 화요일(12일)부터 금요일(15일)까지": 12 to 15
    text = "연구팀은 지난주 화요일(12일)부터 금요일(15일)까지 칠레 산티아고에서 열린 국제학술대회에 참가했다."
    assert drafted(text, "2025-08-20", status=False) == [("forum", "2025-08-12/2025-08-15", ("CL", "KR"))]


# --- bodies by their short names ------------------------------------------------------------------------------


def test_a_body_named_again_by_its_last_words_keeps_its_country():
    # "칠레의 성 토마스 해양연구원" … "해양연구원과 함께": the body told before, Chile's
    text = ("학술대회는 칠레의 성 토마스 해양연구원(가칭)과 페루 리마대학이 공동 주최했다.\n\n2022년 우리 연구실은 "
            "해양연구원과 함께 연안 관측 공동연구를 시작했다.")
    assert ("project", "2022", ("CL", "KR")) in drafted(text, "2025-08-26", status=False)


# --- review: an event of two foreign countries on a Korean page -----------------------------------------------


def test_two_foreign_countries_as_the_parties_take_no_korean_side():
    # "미국과 중국은 … 체결했다", "일본은 … 베트남과 …": the event is theirs, Korea no side of it
    text = "미국과 중국은 지난 3일 베이징에서 과학기술협력협정을 체결했다."
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-03", "occurred", ("CN", "US"))]
    text = "일본은 지난 3일 하노이에서 베트남과 무역 협정을 체결했다."
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-03", "occurred", ("JP", "VN"))]
    text = "미국, 중국이 지난 3일 워싱턴에서 정상회담을 열었다."
    assert drafted(text, "2026-06-10") == [("meeting", "2026-06-03", "occurred", ("CN", "US"))]


def test_korea_with_one_foreign_country_keeps_korea():
    # the subject left out or Korean: Korea's event with the one country ("베트남은 … 과기정통부와", "한국은 … 베트남과")
    text = "과기정통부는 지난 3일 베트남 과학기술부와 과학기술협력 양해각서를 체결했다."
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-03", "occurred", ("KR", "VN"))]
    text = "베트남은 지난 3일 과기정통부와 협정을 체결했다."
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-03", "occurred", ("KR", "VN"))]
    text = "한국은 지난 3일 베트남과 협정을 체결했다."
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-03", "occurred", ("KR", "VN"))]


# --- review: what the Korean rules of this round must not read -------------------------------------------------


def test_a_year_modifying_a_noun_is_no_later_clauses_date():
    # "2030년 목표의 로드맵": what the roadmap aims at, not when it was signed (the sentence's opening date is)
    text = "지난 3월 장관은 베트남 하노이를 방문해 2030년 목표의 협력 로드맵에 서명했다."
    assert ("signing", "2026-03", "occurred", ("KR", "VN")) in drafted(text, "2026-04-10")


def test_a_month_then_an_end_year_in_a_later_clause_drafts():
    # "오는 6월 … 열고, 2027년까지 …": an end told in the later clause is no days of the opening month (no failure)
    text = "오는 6월 한국과 베트남은 하노이에서 공동위원회를 열고, 2027년까지 공동연구를 이어 가기로 했다."
    assert ("meeting", "2026-06", "planned", ("KR", "VN")) in drafted(text, "2026-04-10")


def test_a_tour_after_an_event_attended_is_that_trips_programme():
    # "공동위원회에 참석한 뒤 현지 연구소를 둘러봤다": the meeting attended, no visit of the tour
    text = "한국 대표단은 지난 3일 하노이에서 열린 한-베트남 공동위원회에 참석한 뒤 현지 연구소를 둘러봤다."
    assert drafted(text, "2026-04-10", status=False) == [("meeting", "2026-04-03", ("KR", "VN"))]
