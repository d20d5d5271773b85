"""The review of the rules written on `fresh35/` to `fresh40/`: near-misses of each rule's pattern a real article
could hold, on short texts of our own; where a rule fired wrongly it was narrowed, and the test here fails without
the narrowing."""

from tests.unit.drafts_corpus import drafted

# --- English: narrowed ------------------------------------------------------------------------------------


def test_a_place_named_with_online_or_portal_is_visited():
    # "visit the … website" sends a reader to a page; "the Test Online Learning Centre" is a place
    text = "Kenyan teachers will visit the Test Online Learning Centre in Seoul."
    assert [d[0] for d in drafted(text, "2026-05-20")] == ["visit"]
    text = ("Kenya's Test Agency and Korea's Test Institute signed a memorandum on 3 May. Officials of the two bodies "
            "then visited the online learning hub of Test University.")
    assert ("visit", "2026-05-03", "occurred", ("KE", "KR")) in drafted(text, "2026-05-20")


def test_working_or_closed_door_sessions_attended_are_talks():
    # "attended sessions on …" is a forum's programme; "attended working sessions on …" is a meeting
    text = "On 12 May, Kenyan and Korean officials attended working sessions on the joint grid project in Nairobi."
    assert drafted(text, "2026-05-20") == [("meeting", "2026-05-12", "occurred", ("KE", "KR"))]
    text = "On 12 May, Kenyan and Korean negotiators attended closed-door sessions on the draft agreement in Nairobi."
    assert drafted(text, "2026-05-20") == [("meeting", "2026-05-12", "occurred", ("KE", "KR"))]


def test_a_week_told_first_holds_no_days_of_what_it_announced():
    # "Last week … announced that … would visit … from Monday to Friday": the days to come, not last week's
    text = ("Last week Kenya's energy ministry announced that a Korean delegation would visit Nairobi from Monday "
            "to Friday.")
    assert drafted(text, "2026-05-20") == [("visit", "2026-05-25/2026-05-29", "planned", ("KE", "KR"))]


def test_the_years_last_day_is_no_day_of_the_event_told_before():
    # "On the forum's closing day" is the forum's last day; "On the year's last day" is not
    text = ("The Kenya-Korea Energy Forum was held in Nairobi on 9–10 March. On the year's last day, Kenya's Test "
            "Energy Agency and Korea's Test Power Institute signed a letter of intent.")
    assert ("signing", "2026-03-10", "occurred", ("KE", "KR")) not in drafted(text, "2026-05-20")


def test_opening_a_campus_opens_one():
    # "an Open Day", "an Open House" open nothing; the verb before "Campus …" opens a campus
    text = ("Korea's Test University will open Campus Nairobi, its first in Africa, with Kenya's Test Agency in "
            "September.")
    assert drafted(text, "2026-05-20") == [("opening", "2026-09", "planned", ("KE", "KR"))]


# --- Korean: narrowed -------------------------------------------------------------------------------------


def test_a_screening_process_for_invited_trainees_is_no_course():
    # "… 초청해 … 과정을 운영": a course; "초청하기 위해 서류 심사 과정을 진행": a process gone through
    text = "재단은 케냐 연구자 5명을 초청하기 위해 서류 심사 과정을 진행하고 있다."
    assert drafted(text, "2025-08-04") == []


def test_our_own_staff_trained_at_home_take_no_course_abroad():
    # "국내 신규 연구원 30명은 2주간 직무 교육을 받은 뒤 …": home training, no project with the partner
    text = "국내 신규 연구원 30명은 2주간 직무 교육을 받은 뒤 케냐 현지 사무소에 배치된다."
    assert drafted(text, "2025-08-04") == []
    # … trainees from abroad taking a course in Korea ("국내에서") still are one
    text = "케냐 공무원 12명이 다음 달 국내에서 2주간 전자정부 연수를 받는다."
    assert drafted(text, "2025-08-04") == [("project", "2025-09", "planned", ("KE", "KR"))]


# --- near-misses the rules already leave alone ------------------------------------------------------------


def test_a_future_modifier_before_것_still_plans():
    # "-ㄴ 것" is the past told; "체결할 것으로 알려졌다" is still a plan
    text = "한국해양연구원은 다음 달 케냐 해양수산연구소와 공동연구 양해각서를 체결할 것으로 알려졌다."
    assert drafted(text, "2025-08-04") == [("signing", "2025-09", "planned", ("KE", "KR"))]


def test_as_expected_plans_nothing():
    # "expects X to meet" plans; "As expected, … signed … on 12 May" is done
    text = "As expected, Kenya and Korea signed a memorandum on solar energy in Nairobi on 12 May."
    assert drafted(text, "2026-05-20") == [("signing", "2026-05-12", "occurred", ("KE", "KR"))]


def test_a_dated_opening_planned_in_a_modifier_stays_planned():
    # "2020년 … 문을 연 …" is the opening; "2024년 문을 열 예정이던 …" was only planned
    text = "2024년 문을 열 예정이던 한-케냐 물환경연구센터는 아직 공사 중이다."
    assert [d[0] for d in drafted(text, "2025-08-04")] == ["opening"]
    assert drafted(text, "2025-08-04")[0][2] == "planned"
