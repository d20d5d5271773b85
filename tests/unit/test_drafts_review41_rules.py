"""The review of the rules of 7 December (second session): the second rounds on `fresh35/` to `fresh40/` (English and
Korean) and the round on the English articles of `fresh41/` to `fresh47/`. Near-misses of our own the rules must not
fire on, and the parts of rules no test reached."""

from tests.unit.drafts_corpus import drafted

# --- a Korean party told by name only (`sides.korean_cue`) -------------------------------------------------------


def test_a_chinese_name_of_the_korean_name_form_is_no_korean_party():
    # "Lee Hsien-loong" has a Korean surname and a hyphened given name, but no Korean syllables
    text = ("Singapore and Rwanda signed an agreement on smart-city planning on 12 May in Kigali. Former prime minister "
            "Lee Hsien-loong attended. In June the Test Urban Institute opened an office in Kigali with Rwanda's housing "
            "authority.")
    got = drafted(text, "2026-07-20")
    assert ("opening", "2026-06", "occurred", ("RW", "SG")) in got


def test_a_korean_american_is_no_korean_cue():
    # (the page's "Korean-American" names Korea by itself; the cue alone must not make such a person a Korean party)
    from services.query.drafts import sides

    assert not sides.korean_cue("Dr. Kim Ji-hoon, a Korean-American planner at Stanford, praised it.")
    assert sides.korean_cue("Mayor Kim Ji-hoon praised it.")


def test_a_small_number_before_won_the_verb_is_no_sum_in_won():
    # "12 won grants": the verb, not a sum in won ("3.1 billion won", "50,000 won" are)
    text = ("Ghana and Nigeria held a joint science forum in Accra on 9 April. Of the 40 projects pitched, 12 won grants. "
            "On 20 April the Test Data Institute opened a lab in Lagos with Nigeria's science ministry.")
    assert all("KR" not in d[3] for d in drafted(text, "2026-04-30"))


# --- an occasion being organised (`events_en.ORGANISING_NOW`) ----------------------------------------------------


def test_organising_an_archive_of_past_forums_plans_nothing():
    text = ("We are organising our archive of the Korea-Ghana forums held since 2019. The last forum was held in Accra on "
            "14 May.")
    assert all(d[2] != "planned" for d in drafted(text, "2026-10-20"))


def test_an_occasion_being_hosted_is_to_come_in_the_clause_rules():
    # the clause rules' reading (the recall pass's was tested with the round)
    text = "Our institute is hosting the Korea-Ghana Cocoa Workshop in Seoul from 3 to 5 December."
    assert drafted(text, "2026-10-20") == [("forum", "2026-12-03/2026-12-05", "planned", ("GH", "KR"))]


# --- a plan told in the past, then said moved (`events_en.PAST_PLAN_EN`) -----------------------------------------


def test_a_past_plan_then_called_off_in_the_clause_rules_is_that_plan():
    text = "Korea and Ghana were scheduled to sign a memorandum in Accra on 12 June. It was called off."
    assert drafted(text, "2026-10-20") == [("signing", "2026-06-12", "cancelled", ("GH", "KR"))]


# --- a preference weighed aloud (`restatements._PREFERENCE_EN`) --------------------------------------------------


def test_a_quoted_wish_beside_a_signing_leaves_the_signing():
    text = ("\"We would rather act now,\" the minister said after Korea and Ghana signed a health memorandum in Accra on "
            "3 March.")
    assert [d[0] for d in drafted(text, "2026-03-10")] == ["signing"]


# --- slipped (`tense._SLIPPED`) ----------------------------------------------------------------------------------


def test_slipped_to_a_figure_or_into_a_day_is_no_postponement():
    assert drafted("Korea and Ghana signed a trade memorandum in Accra on 3 March as cocoa prices slipped to a two-year "
                   "low.", "2026-03-10") == [("signing", "2026-03-03", "occurred", ("GH", "KR"))]
    assert drafted("Korea and Ghana held their joint committee in Seoul on 4 May; talks slipped into a second day on "
                   "5 May.", "2026-05-10")[0][2] == "occurred"
    # … a plan that slipped into a later time still is
    assert drafted("The Korea-Ghana joint committee, due in May, slipped into next year.", "2026-04-10") == [
        ("meeting", "2026-05", "postponed", ("GH", "KR"))]


# --- a trip concluded or opened (`events_en._TRIP_ENDED`) --------------------------------------------------------


def test_a_trip_noun_before_a_noun_is_no_trip():
    assert drafted("The Korean embassy opened a tour office for Ghanaian students in Accra on 3 March.", "2026-03-10") == [
        ("opening", "2026-03-03", "occurred", ("GH", "KR"))]
    assert drafted("Korea and Ghana concluded the trade mission agreement in Accra on 3 March.", "2026-03-10") == [
        ("signing", "2026-03-03", "occurred", ("GH", "KR"))]


# --- Korean ----------------------------------------------------------------------------------------------------


def test_a_schedule_discussed_at_a_meeting_held_is_that_meeting():
    # "일정을 협의했다" with its own day and place: the ministers met (not "일정을 협의하고 있다")
    assert drafted("양국 장관은 지난 15일 나이로비에서 공동위원회 개최 일정을 협의했다.", "2025-09-20") == [
        ("meeting", "2025-09-15", "occurred", ("KE", "KR"))]


def test_a_cancellation_denied_with_but_is_no_cancellation():
    # "취소된 것은 아니지만 … 연기될 수 있다": not cancelled
    assert drafted("한-케냐 포럼이 취소된 것은 아니지만 다음 달로 연기될 수 있다.", "2025-09-20")[0][2] != "cancelled"


def test_near_misses_the_korean_rules_leave_alone():
    # 관계부처 합동 receiving a foreign delegation: a meeting with Kenya (`restatements._IN_HOUSE`)
    assert drafted("관계부처 합동으로 케냐 대표단을 맞이해 지난 15일 서울에서 과학기술 협력 회의를 열었다.", "2025-09-20") == [
        ("meeting", "2025-09-15", "occurred", ("KE", "KR"))]
    # 산하 기관 signing with a foreign ministry
    assert drafted("과기정통부 산하 기관인 연구재단은 지난 15일 케냐 교육부와 양해각서를 체결했다.", "2025-09-20") == [
        ("signing", "2025-09-15", "occurred", ("KE", "KR"))]
    # 의료진 strengthened at home is no visit (`events._SENT_GROUP`)
    assert drafted("병원은 의료진을 보강해 케냐 환자 진료를 늘렸다.", "2025-07-16") == []
    # the days of a chained decision told with 지난 stay past (`engine._ahead_in_clause`)
    assert drafted("한국과 케냐는 지난달 30일 나이로비에서 공동위원회를 열고 내년 3월 공동연구를 시작하기로 합의했다.",
                   "2025-10-02")[0] == ("meeting", "2025-09-30", "occurred", ("KE", "KR"))


def test_near_misses_the_english_rules_leave_alone():
    # people from other countries in a statistic after a forum (`multilateral._PEOPLE_FROM_ANY`)
    text = ("Korea and Ghana held a health forum in Accra on 3 March. Students from Togo, Benin and Nigeria make up a fifth "
            "of Ghana's medical schools.")
    assert drafted(text, "2026-03-10") == [("forum", "2026-03-03", "occurred", ("GH", "KR"))]
    # a trip begun is counted forward (`durations._ENDED_EN` only for one ended)
    assert drafted("The Korean minister began a three-day visit to Accra on Monday.", "2026-04-18")[0][1] == \
        "2026-04-13/2026-04-15"
    # months spent in talks are no placement (`events_en._LONG_STAY`)
    assert drafted("Korea and Ghana spent months in talks before signing a trade accord in Accra on 3 March.",
                   "2026-03-10") == [("signing", "2026-03-03", "occurred", ("GH", "KR"))]
