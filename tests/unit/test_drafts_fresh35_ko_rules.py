"""The general rules written for the misses and wrong drafts of the Korean articles of `fresh35/` to `fresh40/`'s
first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- kinds ------------------------------------------------------------------------------------------------


def test_an_opening_told_in_a_dated_modifier():
    # "2020년 … 문을 연 '…센터'는": the centre's opening, with its year (a modifier, yet the event is told)
    text = "2020년 나이로비에 문을 연 '한-케냐 물환경연구센터'는 두 나라 연구자 15명이 함께 일하는 곳이다."
    assert drafted(text, "2025-08-04") == [("opening", "2020", "occurred", ("KE", "KR"))]


def test_an_opening_told_in_a_dated_modifier_of_a_day():
    # "2017년 5월 … 관측소가 문을 열던 날": the day the station opened
    text = "2017년 5월 케냐 나이로비에 두 나라가 함께 세운 기후관측소가 문을 열던 날 우리는 함께 울었다."
    assert drafted(text, "2025-08-04") == [("opening", "2017-05", "occurred", ("KE", "KR"))]


def test_the_year_of_a_dated_opening_is_not_the_work_done_there():
    # "2020년 … 문을 연 '…센터'에서 현재 … 수행 중": the opening, with its year; the work there is no event of its own
    text = "2020년 케냐 나이로비대학과 함께 문을 연 '한-케냐 물환경연구센터'에서 현재 공동연구 과제 5건을 수행하고 있다."
    assert drafted(text, "2025-08-04") == [("opening", "2020", "occurred", ("KE", "KR"))]


def test_a_course_run_for_invited_trainees_is_a_project():
    # "… 10명을 초청해 … 치료 과정을 운영할 예정이다": the course (과정) is the event, not the trainees' visit
    text = "의료원은 오는 9월부터 11월까지 3개월간 케냐 의사 10명을 초청해 중환자 치료 과정을 운영할 예정이다."
    assert drafted(text, "2025-08-04") == [("project", "2025-09/2025-11", "planned", ("KE", "KR"))]
    # … a course at home for our own staff is none ("국내 연구원을 위한 … 교육 과정을 운영한다")
    home = "재단은 다음 달부터 국내 연구원을 위한 연구윤리 온라인 교육 과정을 새로 운영한다."
    assert drafted(home, "2025-08-04") == []


def test_trainees_taking_a_course_of_a_length_is_a_project():
    # "… 12명이 2주간 … 연수를 받는다": a training course; "감사패를 받았다" is none
    text = "내년 1월 우리 대학 학부생 12명이 2주간 나이로비대학 연구실에서 단기 연수를 받는다."
    assert drafted(text, "2025-08-04") == [("project", "2026-01", "planned", ("KE", "KR"))]
    assert drafted("그는 지난 3일 케냐 대사로부터 감사패를 받았다.", "2025-08-04") == []


# --- tense ------------------------------------------------------------------------------------------------


def test_a_past_modifier_before_것_plans_nothing():
    # "체결한 것으로 알려졌다", "문을 연 것에서 시작됐다": -ㄴ 것 is the past told, not "-ㄹ 것이다"
    text = "한국해양연구원은 지난 3월 케냐 해양수산연구소와 공동연구 양해각서를 체결한 것으로 알려졌다."
    assert drafted(text, "2025-08-04") == [("signing", "2025-03", "occurred", ("KE", "KR"))]


def test_an_opening_told_as_where_a_project_began():
    # "… 공동 관측은 2016년 … 문을 연 것에서 시작됐다": the opening is the event the year dates
    text = "두 나라의 공동 관측은 2016년 케냐 북부에 첫 한-케냐 공동관측소 문을 연 것에서 시작됐다."
    assert drafted(text, "2025-08-04") == [("opening", "2016", "occurred", ("KE", "KR"))]


# --- dates ------------------------------------------------------------------------------------------------


def test_two_days_named_and_told_as_two_are_a_span():
    # "지난달 20일과 21일 이틀간": both days, not the second alone
    text = "지난달 20일과 21일 이틀간 서울에서 '한-케냐 소재 심포지엄'이 열렸다."
    assert drafted(text, "2025-12-10") == [("forum", "2025-11-20/2025-11-21", "occurred", ("KE", "KR"))]


def test_그해_on_a_new_line_is_the_year_the_line_before_named():
    # "… 2021년부터 이어져 왔다.\n○ 그해 …": that year, not the last event's
    text = ("□ 군은 지난 3일 케냐 나이로비에서 케냐 농업연구청과 업무협약을 체결했다.\n"
            "□ 군과 케냐의 인연은 2021년부터 이어져 왔다.\n"
            "○ 그해 군 농업기술센터가 케냐 농업연구청과 옥수수 종자 공동연구를 시작했다.")
    assert drafted(text, "2025-08-04") == [("signing", "2025-08-03", "occurred", ("KE", "KR")),
                                           ("project", "2021", "occurred", ("KE", "KR"))]
