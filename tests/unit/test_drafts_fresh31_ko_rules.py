"""The general rules written for the misses and wrong drafts of the Korean articles of `fresh31/`'s and `fresh32/`'s
first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- those invited, and training courses ------------------------------------------------------------------


def test_officials_invited_to_a_course_carried_out_are_its_sides():
    # "… 공무원 15명을 국내로 초청해 … 연수를 실시했다": the course (실시), of the invitees' countries and Korea; no visit
    text = "시는 지난 5월 10일부터 20일까지 베트남·라오스 공무원 15명을 국내로 초청해 '스마트 교통' 연수를 실시했다."
    assert drafted(text, "2025-08-26") == [("project", "2025-05-10/2025-05-20", "occurred", ("KR", "LA", "VN"))]


def test_experts_invited_to_a_forum_are_its_side():
    # "포럼을 열고 몽골 전문가 4명을 초청해": the forum, with Mongolia
    text = "시는 지난 3월 '아시아 물 포럼'을 열고 몽골 물관리 전문가 4명을 초청해 시민들과 함께 미래를 이야기한 바 있다."
    assert drafted(text, "2025-08-26") == [("forum", "2025-03", "occurred", ("KR", "MN"))]


def test_a_training_course_for_those_invited_is_a_project():
    # "3개월 과정의 안전관리 교육을 진행할 계획": a training course, no visit of those invited
    text = "도는 내년 4월부터 칠레 광업 기술인력 12명을 한국으로 초청해 3개월 과정의 안전관리 교육을 진행할 계획이다."
    assert drafted(text, "2025-08-26", status=False) == [("project", "2026-04/..", ("CL", "KR"))]


# --- joint field work -------------------------------------------------------------------------------------


def test_a_joint_voyage_set_out_on_is_a_project():
    # "공동 항해에 나섰다": a joint voyage, with its month
    text = "지난 7월에는 칠레 해양연구소 연구선을 타고 남극해를 오가는 공동 항해에 나섰다."
    assert drafted(text, "2025-08-26") == [("project", "2025-07", "occurred", ("CL", "KR"))]


def test_an_undated_lead_setting_out_on_a_study_drafts_nothing():
    # "공동연구에 나선다" without a date: a lead's summary of the story, no event of its own
    text = "우리 대학이 칠레 산티아고대학과 인공지능 공동연구에 나선다."
    assert drafted(text, "2025-08-26") == []


def test_joint_observation_joined_told_by_its_year_in_a_cleft():
    # "공동 빙하 관측에 처음 참여한 것은 2016년이다": the campaign of 2016, occurred (not "할 것이다")
    text = "그가 칠레 해양연구소와 손잡고 공동 빙하 관측에 처음 참여한 것은 2016년이다."
    assert drafted(text, "2025-08-26") == [("project", "2016", "occurred", ("CL", "KR"))]


def test_joint_observation_to_be_led_is_a_planned_project():
    # "공동 관측을 이끌 예정이다": the project led, planned
    text = "김 박사는 내년 겨울 칠레 푼타아레나스에서 칠레 해양연구소와 공동 관측을 이끌 예정이다."
    assert drafted(text, "2025-08-26", status=False) == [("project", "2026", ("CL", "KR"))]


def test_leading_a_delegation_is_no_project():
    # "대표단을 이끌고 … 방문했다": the visit alone
    text = "김 단장은 지난 3일 대표단을 이끌고 칠레를 방문했다."
    assert drafted(text, "2025-08-26") == [("visit", "2025-08-03", "occurred", ("CL", "KR"))]


# --- no visit ---------------------------------------------------------------------------------------------


def test_researchers_sent_to_each_other_make_no_visit_in_the_recall_pass():
    # "연구원을 상호 파견하고 있다": an exchange kept up after the opening, not a visit
    text = "연구소는 지난 3월 칠레 산티아고대학과 함께 산티아고에 '공동연구센터'를 열고 연구원을 상호 파견하고 있다."
    assert drafted(text, "2025-08-26") == [("opening", "2025-03", "occurred", ("CL", "KR"))]


def test_a_desk_opened_abroad_is_an_opening():
    # "'리튬 협력데스크'를 열고": a help desk set up abroad is opened, as a centre or an office is
    text = "무역공사는 지난달 30일 칠레 산티아고 무역관 안에 '리튬 협력데스크'를 열고 현지 기업에 상담을 제공하기 시작했다."
    assert drafted(text, "2026-11-02") == [("opening", "2026-10-30", "occurred", ("CL", "KR"))]


# --- review: where the rules must not fire ----------------------------------------------------------------


def test_a_course_for_foreigners_living_in_korea_is_no_project():
    # "… 출신 결혼이민자", "이주노동자", "국내 체류 중인 … 근로자": a domestic course, though a country is named
    assert drafted("시는 이달 몽골 출신 결혼이민자 25명을 대상으로 6개월 과정의 한국어 교육을 실시한다.", "2026-05-13") == []
    assert drafted("구는 지난달 국내 체류 중인 네팔 근로자 60명을 대상으로 3주 과정의 안전 교육을 운영했다.", "2026-05-13") == []


def test_joint_observation_of_home_bodies_is_no_project():
    # two Korean bodies' joint observation, no partner abroad
    assert drafted("기상청과 국립해양조사원은 지난달 남해에서 공동 관측을 벌였다.", "2026-05-13") == []
    assert drafted("해양연구원은 지난달 동해에서 국립수산과학원과 공동 해양 관측을 실시했다.", "2026-05-13") == []
    # … while a partner abroad keeps it
    assert drafted("연구원은 다음 달 미국 해양대기청과 공동 관측에 나선다.", "2026-05-13") == [
        ("project", "2026-06", "planned", ("KR", "US"))]


def test_a_course_told_by_its_length_abroad_is_a_project():
    # "3개월 과정의 … 교육을 진행할 계획" without anyone invited: a training course, by its length
    text = "도는 내년 4월 칠레 현지에서 광산 기술인력을 대상으로 3개월 과정의 안전관리 교육을 진행할 계획이다."
    assert drafted(text, "2026-05-13") == [("project", "2027-04", "planned", ("CL", "KR"))]


def test_officials_of_two_countries_invited_at_a_korean_place_join_the_course_after():
    # "대전 본사에서 몽골과 우즈베키스탄 공무원 18명을 초청해 | 2주간 '…연수'를 운영한다": the clause before, and Korea hosts
    text = "공사는 오는 9월 대전 본사에서 몽골과 우즈베키스탄 에너지 분야 공무원 18명을 초청해 2주간 '전력망 운영 연수'를 운영한다."
    assert drafted(text, "2026-05-13") == [("project", "2026-09", "planned", ("KR", "MN", "UZ"))]
