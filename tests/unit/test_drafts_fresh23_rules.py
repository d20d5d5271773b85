"""The general rules written for the misses and wrong drafts of `fresh23/`'s and `fresh24/`'s first runs,
each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- a report's structure -------------------------------------------------------------------------


def test_a_heading_gives_its_country_to_the_items_under_it():
    # a trip report by legs: "가. 1차 방문국 칠레(…)" heads the items that no longer name Chile (the overview
    # names both countries, so the page's pair would give each item both)
    text = ("해양위원회 국외출장 결과보고\n\n"
            "1. 출장 개요\n"
            " ○ 방문국: 칠레(발파라이소), 페루(카야오)\n\n"
            "2. 주요 활동 내용\n"
            " 가. 1차 방문국 칠레(3. 9. ~ 3. 11.)\n"
            "  ○ 3. 10.(화) 항만공사 방문, 사장과 면담\n"
            "  ○ 3. 11.(수) 항만공사와 '항만 협력 의향서' 서명\n"
            " 나. 2차 방문국 페루(3. 12. ~ 3. 14.)\n"
            "  ○ 3. 13.(금) 항만청과 '스마트항만 협력 양해각서' 체결\n")
    assert drafted(text, "2026-04-02", status=False) == [
        ("visit", "2026-03-10", ("CL", "KR")), ("signing", "2026-03-11", ("CL", "KR")),
        ("signing", "2026-03-13", ("KR", "PE"))]


# --- an interview's answers -----------------------------------------------------------------------


def test_an_interview_answer_tells_its_events_sentence_by_sentence():
    # a paragraph that is all one quotation, under a question line, is the answer: each of its
    # sentences tells what happened (no remark quoted within a story), and its opening year is a date
    text = ("- 케냐와의 협력은 어떻게 이어졌나.\n"
            "\"2016년 케냐 농업연구청(테스트)과 업무협약을 맺었다. 지난달에는 케냐 농업부 차관(테스트) 일행이 "
            "연구소를 찾아 시험포를 둘러보고 갔다.\"\n")
    assert drafted(text, "2024-06-17", status=False) == [
        ("signing", "2016", ("KE", "KR")), ("visit", "2024-05", ("KE", "KR"))]
    # a quotation within a story stays a remark
    story = ("연구소는 케냐 농업연구청(테스트)과 협력하고 있다.\n"
             "김 소장은 \"나이로비 사무소를 키우겠다. 지난달에는 케냐 농업부 차관(테스트) 일행이 연구소를 찾아 "
             "시험포를 둘러보고 갔다\"고 말했다.\n")
    assert drafted(story, "2024-06-17", status=False) == []
    # a quotation under a bulleted heading that asks nothing ("- 최근 성과") is no answer: a remark
    quoted = ("연구소는 케냐 농업연구청(테스트)과 협력하고 있다.\n- 최근 성과\n"
              "\"지난달 케냐 농업부 차관(테스트) 일행이 연구소를 찾아 시험포를 둘러보고 갔다.\"\n")
    assert drafted(quoted, "2024-06-17", status=False) == []
    assert drafted(quoted.replace("- 최근 성과", "- 최근 성과는."), "2024-06-17", status=False) == [
        ("visit", "2024-05", ("KE", "KR"))]


# --- dates told against the days before -----------------------------------------------------------


def test_the_following_day_and_the_last_day_of_a_trip():
    # "The following day": the day after the last day told; "On the last day": the trip's, when the
    # event told just before was one day
    text = ("The mayor led a city delegation to Chile from 3 to 6 March.\n\n"
            "On 4 March, the mayor signed a memorandum of understanding with the Valparaiso Port Authority (test).\n\n"
            "The following day, the delegation hosted a Korea–Chile Port Forum in Santiago, where 100 executives "
            "heard talks.\n\n"
            "On the last day, the mayor held talks with Chile's Vice Minister of Transport (test) on direct flights.\n")
    assert drafted(text, "2026-03-20", status=False) == [
        ("visit", "2026-03-03/2026-03-06", ("CL", "KR")), ("signing", "2026-03-04", ("CL", "KR")),
        ("forum", "2026-03-05", ("CL", "KR")), ("meeting", "2026-03-06", ("CL", "KR"))]


def test_a_start_told_any_way_and_a_length_in_years_make_a_span():
    # "내년부터 3년간": the year the start names and the two after; "start in March … and run for two years"
    text = "연구소는 내년부터 3년간 케냐 농업연구청(테스트)과 공동연구에 착수한다."
    assert drafted(text, "2024-06-17", status=False) == [("project", "2025/2027", ("KE", "KR"))]
    text = ("The Korea Water Institute (test) said its joint pilot project with the Kenya Water Authority (test) "
            "will start in March 2025 and run for two years.")
    assert drafted(text, "2024-12-09", status=False) == [("project", "2025-03/2027-02", ("KE", "KR"))]
    # a signing of an agreement that will run for years is the day (or month) of the signing
    text = ("The Korea Rice Institute (test) signed a research agreement with the Kenya Agricultural Research "
            "Organisation (test) in Nairobi in March 2026 that will run for three years.")
    assert drafted(text, "2026-04-10", status=False) == [("signing", "2026-03", ("KE", "KR"))]


# --- what is no report of an event ---------------------------------------------------------------


def test_a_caption_labelled_in_words_retells_the_story():
    story = "연구원은 지난 20일 케냐 농업연구청(테스트)과 '벼 종자 협력 협약'을 체결했다고 22일 밝혔다.\n\n"
    caption = ("사진 설명: 4월 20일 대전 연구원에서 김 원장(오른쪽, 테스트)과 케냐 농업연구청 차관(왼쪽, 테스트)이 "
               "'벼 종자 협력 협약'에 서명한 뒤 협약서를 들어 보이고 있다.\n")
    assert drafted(story + caption, "2026-04-22", status=False) == [("signing", "2026-04-20", ("KE", "KR"))]
    en = ("The Korea Rice Institute (test) signed a seed cooperation agreement with the Kenya Agricultural "
          "Research Organisation (test) on 20 April.\n\n"
          "Photo caption: Director Kim (test), right, and Kenya's vice minister (test) exchange the signed "
          "agreement in Daejeon on 21 April.\n")
    assert drafted(en, "2026-04-22", status=False) == [("signing", "2026-04-20", ("KE", "KR"))]


# --- sides ----------------------------------------------------------------------------------------


def test_a_thing_set_up_in_a_named_country_is_with_that_country():
    # a page about two countries: the second part's opening names its country only as where it is
    text = ("진흥청은 지난 20일 르완다 농업동물자원부(테스트)와 벼 종자 협력 협약을 체결했다고 22일 밝혔다.\n\n"
            "진흥청은 다음 달 케냐 나쿠루 지역에 '벼 종자 실증단지'를 개소할 예정이다.\n")
    assert drafted(text, "2026-04-22", status=False) == [
        ("signing", "2026-04-20", ("KR", "RW")), ("opening", "2026-05", ("KE", "KR"))]


def test_delegations_attending_are_the_attendance_of_the_meeting_told():
    # "Delegations from … attended in person" after the meeting: its sides, no visit of its own; "this was the
    # first meeting since 2019": a remark on it, no meeting in 2019
    text = ("The 9th meeting of the Joint Steering Committee was held in Bonn on 20 and 21 January 2026, chaired by "
            "Germany's Federal Ministry of Education (test). Delegations from the Republic of Korea, Germany and "
            "Chile attended in person. The secretariat noted that this was the first meeting since 2019 at which "
            "most delegates attended in person.\n")
    assert drafted(text, "2026-01-30", status=False) == [("meeting", "2026-01-20/2026-01-21", ("CL", "DE", "KR"))]


def test_the_first_since_in_the_sentence_of_the_event_keeps_the_event():
    # the remark drops only a sentence that is the remark; an event told in the same sentence stays
    text = ("The Korea Rice Institute (test) and the Kenya Agricultural Research Organisation (test) held a joint "
            "workshop in Nairobi on 3 May 2026, and this was the first workshop since 2019.")
    assert drafted(text, "2026-05-10", status=False) == [("forum", "2026-05-03", ("KE", "KR"))]
