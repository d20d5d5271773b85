"""Dates of plans called off, the news's present of what is scheduled, countries by their Korean
press names, tables and non-events: the general rules for the misses of `fresh10/`'s first run; then
summary lines, visits, countries by group, kinds and non-events: those for `fresh11/`'s; then
non-events, structure, events told twice, dates and countries: those for `fresh12/`'s; then remarks,
references, agreements' terms, headlines and trips: those for `fresh15/`'s; and (last) countries, sides,
non-events, events told twice, dates and visits: those for `fresh16/`'s. Each is tried on short texts
of our own."""

from tests.unit.drafts_corpus import drafted

# --- dates and tense ---------------------------------------------------------------------------

def test_a_cancelled_plan_takes_the_month_nearest_the_news():
    # "8월에 … 찾기로 했던": the plan was for this August, four months back, not next year's
    got = drafted("8월에 경남을 찾기로 했던 몽골 청소년 방문단의 방한이 폭우 피해로 취소됐다.", "2026-12-01")
    assert got == [("visit", "2026-08", "cancelled", ("KR", "MN"))]
    # … and ahead when ahead is nearer: planned for 19 January, told on 2 December
    text = ("A matchmaking forum for Estonian and Korean companies, which had been planned for 19 January in "
            "Tallinn, has been postponed to the spring.")
    assert drafted(text, "2026-12-02") == [("forum", "2027-01-19", "postponed", ("EE", "KR"))]


def test_the_news_present_of_a_scheduled_start_is_a_plan():
    text = ("SEOUL, 16 October 2026 – KAIST and the University of Chile signed an agreement on Monday. "
            "A joint research project on copper recycling starts in January, funded by both universities.")
    got = drafted(text, "2026-10-16")
    assert ("project", "2027-01", "planned", ("CL", "KR")) in got
    # a chronicle's present with a place, not a time, after it stays what happened
    text = "• 20 April 2026 — A Korea–Kazakhstan pilot plant opens in Ust-Kamenogorsk."
    assert [g[2] for g in drafted(text, "2026-04-21")] == ["occurred"]


def test_a_delegation_expected_in_a_city_is_planned():
    text = ("A Korean delegation led by KIAT's vice president is expected in Tallinn in the week of 18 January "
            "to visit the Estonian Research Council.")
    got = drafted(text, "2026-12-02")
    assert got and all(g[2] == "planned" and g[1].startswith("2027-01-18") for g in got)


# --- countries ----------------------------------------------------------------------------------

def test_a_group_sent_by_a_country_makes_it_a_side():
    got = drafted("8월에 경남을 찾기로 했던 몽골 청소년 방문단의 방한이 취소됐다.", "2026-12-01")
    assert got == [("visit", "2026-08", "cancelled", ("KR", "MN"))]


def test_the_dominican_republic_by_its_korean_press_names():
    text = "2024년 5월 경상남도와 도미니카공화국 고등교육과학기술부가 기술인력 양성 협약을 맺었다."
    assert drafted(text, "2026-12-01") == [("signing", "2024-05", "occurred", ("DO", "KR"))]


# --- tables, two events in a sentence, non-events ----------------------------------------------

def test_a_tables_rows_under_a_heading_are_one_signing_each_with_their_own_dates():
    text = ("과학기술정보통신부 장관은 26일 몽골 교육과학부 장관과 회담을 가졌으며, 회담 직후 양국 기관들은 아래 약정에 "
            "서명했다.\n\n[양국 기관 간 서명 문서 현황]\n\n구분 | 문서명 | 한국 측 | 몽골 측 | 서명일\n"
            "1 | AI 공동연구 양해각서 | 한국전자통신연구원 | 몽골과학기술대학교 | 11.26.\n"
            "2 | 천문관측 자료 공유 약정 | 한국천문연구원 | 몽골 천문관측소 | 11.26.\n"
            "3 | 소재 공동연구 양해각서 | 한국재료연구원 | 몽골국립대학교 | 추후 서명(내년 1분기 중 예정)\n")
    signings = [g for g in drafted(text, "2026-11-27") if g[0] == "signing"]
    assert signings == [("signing", "2026-11-26", "occurred", ("KR", "MN")),
                        ("signing", "2026-11-26", "occurred", ("KR", "MN")),
                        ("signing", "2027-01/2027-03", "planned", ("KR", "MN"))]


def test_a_year_written_before_another_predicate_is_not_the_plans():
    text = ("양측은 회담에서 2019년 체결된 '한-몽골 과학기술협력협정'에 따른 첫 공동위원회를 내년 상반기 중 "
            "울란바토르에서 열기로 합의했다.")
    got = drafted(text, "2026-11-27")
    assert ("signing", "2019", "occurred", ("KR", "MN")) in got
    assert ("meeting", "2027-01/2027-06", "planned", ("KR", "MN")) in got


def test_a_start_and_a_deadline_in_one_clause_stay_one_span():
    # the year-before-another-predicate rule leaves "시작한 … 까지 운영" to the interval it makes
    text = "한국농어촌공사는 지난해 8월 시작한 캄보디아 관개 시범사업을 오는 12월까지 운영한다."
    assert drafted(text, "2025-08-03") == [("project", "2024-08/2025-12", "planned", ("KH", "KR"))]


def test_a_meeting_with_domestic_partners_is_no_cooperation():
    text = ("장관은 26일 몽골 교육과학부 장관과 회담을 가졌다.\n\n"
            "한편 과기정통부는 같은 날 오후 국내 AI 반도체 기업 대표들과 간담회를 열었다.")
    assert drafted(text, "2026-11-27") == [("meeting", "2026-11-26", "occurred", ("KR", "MN"))]


# --- kinds ---------------------------------------------------------------------------------------

def test_a_summer_school_held_at_an_institute_is_a_project_not_an_opening():
    text = ("서머스쿨은 우리 대학과 몰타대학교가 공동으로 운영했으며, 7월 6일부터 24일까지 몰타대 해양과학연구소에서 "
            "열렸다.")
    assert drafted(text, "2026-09-07") == [("project", "2026-07-06/2026-07-24", "occurred", ("KR", "MT"))]
    # a centre that is itself opened stays an opening
    got = drafted("우리 대학은 지난 3일 몰타 발레타에 해양연구소를 열었다.", "2026-09-07")
    assert [g[0] for g in got] == ["opening"]


def test_an_agreement_signed_with_its_month_in_a_relative_clause_is_drafted():
    text = ("서머스쿨은 우리 대학과 몰타대학교가 공동으로 운영했으며, 7월 6일부터 24일까지 열렸다. "
            "두 대학이 지난해 11월 맺은 학술교류협약에 따른 첫 프로그램이다.")
    assert ("signing", "2025-11", "occurred", ("KR", "MT")) in drafted(text, "2026-09-07")


# --- dates by reference --------------------------------------------------------------------------

_SUMMIT = ("Test News Agency | Nairobi, June 3, 2026\n\n"
           "The President of Kenya held talks with the President of the Republic of Korea in Seoul on Wednesday.\n\n"
           "The President arrived in Seoul on Tuesday for a four-day state visit.\n\n"
           "Following the summit, the two leaders signed a joint declaration on digital cooperation.\n\n"
           "A Korea–Kenya data centre is expected to open in Nairobi in 2028.\n\n"
           "In the presence of the two leaders, the two science ministers also signed an implementing arrangement "
           "on training engineers.\n\n"
           "The President invited the Korean President to visit Kenya, an invitation which was accepted. No date "
           "was given.\n")


def test_following_the_summit_takes_the_summits_day_and_also_signed_the_signings():
    signings = [g for g in drafted(_SUMMIT, "2026-06-03") if g[0] == "signing"]
    assert signings == [("signing", "2026-06-03", "occurred", ("KE", "KR"))] * 2


def test_an_undated_invitation_to_visit_is_no_visit():
    visits = [g for g in drafted(_SUMMIT, "2026-06-03") if g[0] == "visit"]
    assert visits == [("visit", "2026-06-02/2026-06-05", "occurred", ("KE", "KR"))]


def test_a_delegation_to_meet_and_visit_is_one_visit():
    text = ("SEOUL, 2 December 2026 – A Korean delegation led by KIAT's vice president will travel to Tallinn on "
            "18 January to meet applicants and visit the Estonian Research Council.")
    assert [g[0] for g in drafted(text, "2026-12-02")] == ["visit"]


def test_a_call_opened_is_a_programme_not_an_opening():
    text = ("SEOUL, 2 December 2026 – The Estonian Research Council, together with the National Research "
            "Foundation of Korea, opened the third Estonian–Korean joint call for research projects on 1 December.")
    assert drafted(text, "2026-12-02") == [("project", "2026-12-01", "occurred", ("EE", "KR"))]
    text = "SEOUL, 2 December 2026 – Samsung opened a new call centre in Nairobi, Kenya on 1 December."
    assert [g[0] for g in drafted(text, "2026-12-02")] == ["opening"]  # a call centre is opened


def test_a_matchmaking_day_postponed_during_that_visit_is_a_forum():
    text = ("A matchmaking day for Estonian and Korean companies, which had been planned for 19 January at the "
            "Tallinn Science Park during that visit, has been postponed to the spring.")
    assert drafted(text, "2026-12-02") == [("forum", "2027-01-19", "postponed", ("EE", "KR"))]


# --- non-events and a treaty's dates ----------------------------------------------------------

def test_the_reporter_meeting_the_one_interviewed_is_no_meeting():
    text = "창원에서 기계부품 회사를 운영하는 몽골 명예영사는 2023년부터 일하고 있다. 지난달 30일 창원 사무실에서 그를 만났다."
    assert [g for g in drafted(text, "2026-12-01") if g[0] == "meeting"] == []


def test_what_a_treaty_article_provides_is_no_event_and_its_days_are_read():
    text = ("IT IS HEREBY NOTIFIED that the Agreement between the Government of the Republic of Fiji and the "
            "Government of the Republic of Korea on Cooperation in Science and Technology, done at Suva on the 14th "
            "day of March 2025, entered into force on the 20th day of November 2026.\n\n"
            "3. Pursuant to Article 7 of the Agreement, a Joint Committee on Science and Technology is established.\n")
    assert drafted(text, "2026-12-04") == [("signing", "2025-03-14", "occurred", ("FJ", "KR"))]


_POST = ("Hanseo Institute of Science and Technology\n\nWhat a week! 🇨🇱🤝🇰🇷\n\n"
         "From Monday to Friday we hosted nine researchers from the University of Chile in Santiago, Chile.\n\n"
         "📝 Tuesday: our President and the Rector signed a memorandum of understanding on copper research.\n\n"
         "🔬 Wednesday: 60+ researchers joined our joint workshop on copper recycling.\n\n"
         "It all started with a coffee at a conference in 2024.\n\n#Chile #Korea\n")


def test_a_social_posts_emoji_bullets_are_list_lines_of_the_pages_two_countries():
    got = drafted(_POST, "2026-10-16")
    assert ("forum", "2026-10-14", "occurred", ("CL", "KR")) in got


def test_what_started_at_a_conference_is_no_conference():
    assert [g for g in drafted(_POST, "2026-10-16") if g[1] == "2024"] == []


def test_training_running_since_last_year_is_a_project():
    text = ("2024년 5월 경상남도와 몽골 교육과학부가 기술인력 양성 협약을 맺었다. 그 협약 덕분에 지난해부터 해마다 몽골 "
            "기술자 20명이 창원에서 석 달씩 용접 연수를 받고 있다.")
    assert drafted(text, "2026-12-01") == [("signing", "2024-05", "occurred", ("KR", "MN")),
                                           ("project", "2025/..", "occurred", ("KR", "MN"))]


def test_a_joint_calls_timetable_is_no_event():
    text = ("Estonian–Korean joint call for R&D projects 2027 is open\n\n"
            "The Estonian Research Council and the National Research Foundation of Korea opened the joint call for "
            "research projects on 1 December.\n\nKey dates\n\nCall opens: 1 December 2026\n"
            "Deadline for applications: 26 February 2027\nProjects start: 1 September 2027\n")
    assert drafted(text, "2026-12-02") == [("project", "2026-12-01", "occurred", ("EE", "KR"))]
    # a project's own start, on a page about no call, stays an event
    text = "SEOUL, 2 December 2026 – A joint research project of KAIST and Tartu University starts on 1 September 2027."
    assert [g[0] for g in drafted(text, "2026-12-02")] == ["project"]


# --- fresh11's first run: summary lines, visits, countries by group -------------------------------

def test_dash_lines_under_a_headline_without_a_full_stop_are_its_summary():
    # the site's breadcrumb is the title; the headline below it ends in 다 with no full stop
    text = ("경상남도 | 보도자료 | 등록일 2026-10-12\n\n경남도, 카자흐스탄 알마티주와 스마트팜 손잡는다\n"
            "- 지난 5일 농업기술 협약 체결…내년 3월 현지에 실증센터 개소\n\n"
            "경상남도는 지난 5일 도청에서 알마티주 정부와 농업기술 협력 협약을 체결했다고 12일 밝혔다.\n\n"
            "내년 3월에는 알마티 농업대학 안에 '경남-알마티 스마트팜 실증센터'가 문을 연다.")
    assert sorted(drafted(text, "2026-10-12")) == [("opening", "2027-03", "planned", ("KR", "KZ")),
                                                   ("signing", "2026-10-05", "occurred", ("KR", "KZ"))]


def test_a_delegation_led_by_a_provinces_official_is_of_its_country():
    text = "알마티주 부지사를 단장으로 한 대표단 8명은 지난 2일부터 4일까지 경남을 방문했다."
    assert drafted(text, "2026-10-12") == [("visit", "2026-10-02/2026-10-04", "occurred", ("KR", "KZ"))]


def test_a_meeting_on_a_visits_programme_is_the_visit():
    text = ("알마티주 부지사를 단장으로 한 대표단은 지난 2일부터 4일까지 경남을 방문해 농업기술원을 둘러보고 "
            "도내 기업 관계자들과 간담회를 가졌다.")
    assert drafted(text, "2026-10-12") == [("visit", "2026-10-02/2026-10-04", "occurred", ("KR", "KZ"))]
    # … but talks with an official across the table stay a meeting of their own
    text = "김 장관은 지난 2일 베트남을 방문해 과학기술부 장관과 면담을 가졌다."
    assert [g[0] for g in drafted(text, "2026-10-12")] == ["visit", "meeting"]


def test_a_return_visit_is_a_visit():
    text = "경제부지사를 단장으로 한 도 대표단은 11월 20일부터 24일까지 알마티를 답방한다."
    assert drafted(text, "2026-10-12") == [("visit", "2026-11-20/2026-11-24", "planned", ("KR", "KZ"))]


def test_the_delegation_as_topic_is_the_visit_just_told():
    text = ("도 대표단은 11월 20일부터 24일까지 알마티를 방문한다. 대표단은 현지 농업대학과 기업을 찾아 "
            "공동 재배 후보지를 살펴볼 계획이다.")
    assert drafted(text, "2026-10-12") == [("visit", "2026-11-20/2026-11-24", "planned", ("KR", "KZ"))]


def test_a_name_after_a_regions_name_is_in_no_one_country():
    # "중앙아시아 바이오 시장" places 바이오 in no single country: later "바이오 기업" is not Kyrgyz
    text = ("도지사는 \"중앙아시아 바이오 시장으로 나가겠다\"고 말했다. 도 대표단은 11월 20일부터 24일까지 알마티를 "
            "방문해 바이오 기업을 찾는다.")
    assert drafted(text, "2026-10-12") == [("visit", "2026-11-20/2026-11-24", "planned", ("KR", "KZ"))]


def test_a_list_of_what_a_meeting_agreed_is_no_list_of_meetings():
    text = ("양측이 공동위원회에서 합의한 주요 내용은 다음과 같다.\n"
            " 1. (공동연구) 한국에너지기술연구원과 이집트 신재생에너지청은 태양광 실증 공동연구를 2027년부터 추진한다.\n"
            " 2. (인력 교류) 한국연구재단과 이집트 과학기술연구아카데미는 신진연구자 연수 확대 방안을 계속 협의한다.\n"
            " 3. (차기 회의) 제5차 공동위원회는 2028년 카이로에서 개최한다.\n")
    got = drafted(text, "2026-12-03")
    assert ("meeting", "2028", "planned", ("EG", "KR")) in got
    assert [g for g in got if g[0] == "meeting"] == [("meeting", "2028", "planned", ("EG", "KR"))]


def test_an_opening_the_analyser_tags_as_a_bound_noun_is_an_opening():
    # "하반기 개소를": 개소 read as a bound noun (the counter of "3개소") is still the opening
    text = "카이로에 '한-이집트 ICT 협력센터'를 설치하기로 하고, 2027년 하반기 개소를 목표로 운영 방안을 마련한다."
    assert drafted(text, "2026-12-03") == [("opening", "2027-07/2027-12", "planned", ("EG", "KR"))]


def test_a_visit_earlier_this_year_holds_no_trip_of_days():
    # the five-day trip is its own visit, not a day of the one "earlier this year"; its day trip folds into it
    text = ("SEOUL, Dec 1 (Test Newswire) - The Chilean minister arrived in Seoul on Sunday for a five-day visit. "
            "The two ministers first discussed the idea when the South Korean minister visited Santiago earlier "
            "this year. The Chilean minister is due to visit research institutes in Daejeon on Wednesday.")
    assert sorted(g[:2] for g in drafted(text, "2026-12-01")) == [("visit", "2026"), ("visit", "2026-11-29/2026-12-03")]


def test_a_company_opening_its_own_centre_is_no_cooperation():
    text = ("SEOUL, Dec 1 - South Korean chipmaker Daon Semiconductor opened its own design centre in Warsaw in 2023. "
            "KAIST and Warsaw University of Technology opened a joint AI laboratory in Warsaw on Monday.")
    assert drafted(text, "2026-12-01") == [("opening", "2026-11-30", "occurred", ("KR", "PL"))]


def test_open_as_a_name_or_an_adjective_opens_nothing():
    text = ("Korean Culture Day and Taekwondo Open 2026\n28 October 2026\nMore than 900 visitors attended the Embassy's "
            "Korean Culture Day in Accra, with the finals of the Korea Ambassador's Cup Taekwondo Open.")
    assert drafted(text, "2026-11-30") == []
    text = ("A joint Korea–Ghana data centre in Accra is due to open in 2027. "
            "It will hold all the buoy records in one place, open to universities.")
    assert drafted(text, "2026-10-14") == [("opening", "2027", "planned", ("GH", "KR"))]
    # … but a centre that "will open to visitors" opens
    text = "SEOUL, 3 March 2026 - The Korea–Ghana ICT centre in Accra will open to visitors on 12 May."
    assert drafted(text, "2026-03-03") == [("opening", "2026-05-12", "planned", ("GH", "KR"))]


def test_an_arrival_dated_to_its_day_is_a_visit():
    text = ("Baku, 24 September 2026 - I thank the Vice-Minister of Science and ICT of the Republic of Korea, who "
            "arrived in Baku yesterday and will stay with us until Friday.")
    assert drafted(text, "2026-09-24") == [("visit", "2026-09-23", "occurred", ("AZ", "KR"))]
    # … but an ambassador's arrival in a year is a post taken, no visit
    assert drafted("Q: You arrived in Seoul in 2024. What has changed?", "2026-05-01") == []


def test_the_nordic_five_are_the_five_nordic_countries():
    text = "한국국제연구협력재단은 지난 28일 북유럽 5개국 정부가 공동 출자한 '노르딕 공동연구기금'과 공동연구 프로그램 협약을 맺었다."
    assert drafted(text, "2026-10-30") == [("signing", "2026-10-28", "occurred", ("DK", "FI", "IS", "KR", "NO", "SE"))]


def test_the_first_time_said_of_an_agreement_is_no_other_agreement():
    text = ("재단은 지난 28일 노르웨이 연구위원회와 공동연구 프로그램 협약을 맺었다. "
            "재단이 외국 기관과 프로그램 단위로 협약을 맺은 것은 이번이 처음이다.")
    assert drafted(text, "2026-10-30") == [("signing", "2026-10-28", "occurred", ("KR", "NO"))]


def test_a_fair_of_the_datelines_own_city_is_no_cooperation():
    text = ("Tashkent, 24 September 2026 — Today we open the Uzbekistan–Korea Digital Skills Centre with the "
            "Ministry of Science and ICT of the Republic of Korea.\n\n"
            "Tashkent TechWeek opens next month at the Expo Centre, and I invite all of you to see what our own "
            "companies are building.")
    assert [g[0] for g in drafted(text, "2026-09-24")] == ["opening"]


def test_an_event_on_ones_own_campus_with_no_foreign_side_is_no_cooperation():
    text = ("한국첨단대학교는 18일 라트비아 리가공과대학교와 공동연구 협약을 체결했다. 한편 한국첨단대학교는 같은 날 "
            "교내 학생회관에서 '2026 창업경진대회' 본선을 열고 10개 팀을 시상했다.")
    assert drafted(text, "2026-11-19") == [("signing", "2026-11-18", "occurred", ("KR", "LV"))]


def test_a_clause_under_way_keeps_its_tense_before_a_planned_one():
    # "방문 중이며, … 둘러볼 예정이다": the visit is under way, what it will include is planned
    text = "우리 대표단 12명은 12월 1일부터 4일까지 이집트를 방문 중이며, 카이로 인근 태양광 실증단지를 둘러볼 예정이다."
    assert drafted(text, "2026-12-03") == [("visit", "2026-12-01/2026-12-04", "occurred", ("EG", "KR"))]
    text = "우리 대표단은 12월 10일부터 14일까지 이집트를 방문해 카이로 인근 태양광 실증단지를 둘러볼 예정이다."
    assert drafted(text, "2026-12-03") == [("visit", "2026-12-10/2026-12-14", "planned", ("EG", "KR"))]
    text = "양교는 2024년부터 한-이집트 '전자신분증 검증기술' 공동연구를 수행하고 있으며, 이 과제는 2027년까지 이어진다."
    assert [g[2] for g in drafted(text, "2026-11-19")] == ["occurred"]


def test_organised_is_read_and_the_people_from_the_next_line_are_the_sides():
    text = ("Last month KIOST and the Peruvian Institute of Oceanography organised a workshop on El Niño in Lima.")
    assert drafted(text, "2026-10-14") == [("forum", "2026-09", "occurred", ("KR", "PE"))]
    # a workshop of "our two institutes" with no country, then who came from where: their countries
    text = ("Yes, last month, for the El Niño workshop that our two institutes organised together with a Chilean "
            "university. Scientists from Peru, Chile and Korea spent three days comparing models.")
    assert drafted(text, "2026-10-14") == [("forum", "2026-09", "occurred", ("CL", "KR", "PE"))]


def test_an_organiser_in_brackets_is_an_aside_not_the_predicate():
    text = ("KCCC Monthly — August 2026\n\nCOMING UP\n- 10 September: Korea–Chile Supply Chain Forum, Santiago "
            "(co-organised with KOTRA).\n- 5–6 October: Seminar on Chile's new customs rules for Korean exporters, Seoul.")
    assert [g[:3] for g in drafted(text, "2026-08-20")][0] == ("forum", "2026-09-10", "planned")


def test_a_programme_that_runs_is_a_verb_after_a_relative_that():
    text = ("Tashkent, 24 September 2026 - Since January 2025, under a four-year e-government training programme "
            "that runs until 2028, more than 600 civil servants have studied digital government in Korea.")
    assert drafted(text, "2026-09-24") == [("project", "2025-01/2028", "occurred", ("KR", "UZ"))]
    # "during that visit" stays a noun
    text = "A matchmaking day, planned for 19 January in Tallinn during that visit, has been postponed."
    assert [g[0] for g in drafted(text, "2026-12-02")] == ["forum"]


# --- fresh12's first run (docs/drafts.md): a draft of no country, non-events, a list's structure, one event
# drafted twice, dates and countries ------------------------------------------------------------

def test_a_draft_naming_no_country_at_all_is_left_out():
    text = ("Members' diary\n\nThe association's new members' portal was launched on 20 November. "
            "(Commercial launch; listed for members' information.)")
    assert drafted(text, "2026-11-26") == []


def test_a_weekday_in_brackets_tells_the_year_of_a_day():
    from services.query.drafts import dates
    # published on Monday 30 November 2026: "12월 3일(목)" is this Thursday, not last year's 3 December
    def days(text: str, lang: str) -> list[tuple]:
        return [(m.span.start.y, m.span.start.m, m.span.start.d) for m in dates.resolve(text, "2026-11-30", lang=lang)]
    assert days("12월 3일(목) 서울에서", "ko") == days("3 December (Thu) in Seoul", "en") == [(2026, 12, 3)]
    text = "이번 방한의 핵심 일정은 12월 3일(목) 서울에서 열리는 '제2차 한-탄자니아 과학기술공동위원회'다."
    assert ("meeting", "2026-12-03", "planned", ("KR", "TZ")) in drafted(text, "2026-11-30")


def test_a_list_items_date_before_a_dash_is_no_dateline():
    text = ("COMING UP\n\n* 25 February 2027 — Korea–Tunisia Innovation Forum in Tunis, co-organised with the "
            "Tunisian Ministry of Higher Education.\n")
    assert drafted(text, "2026-12-01") == [("forum", "2027-02-25", "planned", ("KR", "TN"))]


def test_a_name_with_an_accent_or_an_apostrophe_and_the_press_short_kyrgyz():
    from services.query.drafts import places
    for text in ("Côte d’Ivoire", "Côte d'Ivoire", "Cote d'Ivoire"):
        assert [p.codes for p in places.find(f"delegations from {text} and Ghana")] == [("CI",), ("GH",)]
    text = "한국빙권기후연구원과 키르기스 국립과학아카데미는 오늘 오후 비슈케크에서 빙하 공동관측 협약을 맺었습니다."
    assert drafted(text, "2026-12-02") == [("signing", "2026-12-02", "occurred", ("KG", "KR"))]


def test_a_quotation_of_more_than_one_sentence_is_speech_throughout():
    text = ("Sofia, 4 November 2026 – Bulgaria and Korea signed a memorandum on 3 November. \"We are proud of it. "
            "This Memorandum opens the door for researchers to work with Korean partners,\" the minister said.")
    assert drafted(text, "2026-11-04") == [("signing", "2026-11-03", "occurred", ("BG", "KR"))]


def test_a_video_conference_is_a_meeting():
    text = ("Kathmandu, 27 November 2026 - Officials from Nepal and Korea held a video conference on Tuesday to keep "
            "the preparations on track.")
    assert drafted(text, "2026-11-27") == [("meeting", "2026-11-24", "occurred", ("KR", "NP"))]


def test_a_photos_caption_retells_the_story():
    text = ("한결연구소가 크로아티아 리예카대학교와 공동연구 협약을 맺었다. 협약식은 지난 24일 리예카에서 열렸다.\n\n"
            "[사진] 지난 24일 리예카대학교에서 한결연구소장(왼쪽)과 총장이 협약서에 서명한 뒤 기념 촬영을 하고 있다.")
    assert drafted(text, "2026-11-26") == [("signing", "2026-11-24", "occurred", ("HR", "KR"))]
    assert drafted(text.replace("[사진]", "Photo:"), "2026-11-26") == [("signing", "2026-11-24", "occurred", ("HR", "KR"))]


def test_a_place_that_opens_its_doors_is_an_opening():
    text = "한결연구소와 크로아티아 리예카대학교는 공동연구실을 마련해 내년 3월 문을 열 계획이다."
    assert drafted(text, "2026-11-26") == [("opening", "2027-03", "planned", ("HR", "KR"))]


def test_a_body_of_ones_own_is_no_cooperation():
    text = ("한결케미칼 연구소가 크로아티아 리예카대학교와 공동연구 협약을 맺었다. 협약식은 지난 24일 리예카에서 열렸다.\n\n"
            "한편 한결케미칼은 지난 18일 서울에서 신제품을 출시했다. 이어 다음 달 경기 화성 사업장에 자체 분석센터를 새로 연다.")
    assert drafted(text, "2026-11-26") == [("signing", "2026-11-24", "occurred", ("HR", "KR"))]
    text = ("Hanseol University and Ecuador's Andean Geophysical Institute signed a research agreement last December. "
            "The new simulation lab that opened on our own campus in October helps the joint project.")
    assert drafted(text, "2026-11-18") == [("signing", "2025-12", "occurred", ("EC", "KR"))]


def test_an_event_noun_before_another_modifies_it():
    text = ("Seoul, 18 November 2026 - Next June Hanseol University will host the second project workshop with the "
            "Andean Geophysical Institute of Ecuador.")
    assert drafted(text, "2026-11-18") == [("forum", "2027-06", "planned", ("EC", "KR"))]


def test_an_opened_exhibition_and_the_delegations_it_brought_together_are_the_event():
    from services.query.drafts import analyser
    from services.query.drafts.events import clauses
    from services.query.drafts.fallback import _event_words
    s = analyser.sentences("On 2 November the minister opened the national \"Science Days\" exhibition in Varna.")[0]
    assert [w[0] for c in clauses(s) for w in _event_words(c, s)] == ["forum"]  # the recall pass's words
    text = ("The Korea–Senegal Digital Forum took place in Dakar on 17–18 November, bringing together government and "
            "research delegations from Senegal with around 60 Korean participants.")
    assert drafted(text, "2026-12-01") == [("forum", "2026-11-17/2026-11-18", "occurred", ("KR", "SN"))]


def test_an_asterisk_items_title_line_folds_into_the_item():
    text = ("NEWSLETTER\nIssue No. 47 | 1 December 2026\n\nTHE MONTH IN BRIEF\n\n* Dakar hosts regional digital forum. "
            "The Korea–West Africa Digital Forum took place in Dakar on 17–18 November, bringing together research "
            "delegations from Senegal, Ghana and Benin.\n")
    assert drafted(text, "2026-12-01") == [("forum", "2026-11-17/2026-11-18", "occurred", ("BJ", "GH", "KR", "SN"))]


def test_a_plan_called_off_takes_the_date_it_had_been_due_and_holds_what_it_was_for():
    text = ("Kathmandu, 27 November 2026\n\nNepal's science minister has called off a planned visit to South Korea, "
            "officials said on Thursday.\n\nThe minister had been due in Seoul from 7 to 11 December for talks with "
            "South Korea's Ministry of Science and ICT on a research centre.")
    assert drafted(text, "2026-11-27") == [("visit", "2026-12-07/2026-12-11", "cancelled", ("KR", "NP"))]
    from services.query.drafts import analyser
    from services.query.drafts.events import clauses
    from services.query.drafts.fallback import _event_words
    s = analyser.sentences("The minister had been due in Seoul from 7 to 11 December for talks with Korea's ministry.")[0]
    assert [w for c in clauses(s) for w in _event_words(c, s)] == []  # the recall pass reads no talks


def test_a_hope_is_no_plan():
    text = "Seoul, 1 December 2026 - We hope that a permanent Korea–Ghana technology office will one day be set up in Accra."
    assert drafted(text, "2026-12-01") == []
    text = "Seoul, 1 December 2026 - A permanent Korea–Ghana technology office will be set up in Accra in March."
    assert drafted(text, "2026-12-01") == [("opening", "2027-03", "planned", ("GH", "KR"))]


def test_an_event_that_counts_its_sides_has_the_articles_most_named_countries():
    text = ("Professor Kang leads a project linking observatories in Ecuador and Costa Rica with our campus in Korea. "
            "Ecuador and Costa Rica live with volcanoes, and we in Korea make sensors.\n\nThe formal step came last "
            "December, when the heads of the three institutions signed a tripartite research agreement online.\n\n"
            "The three-country agreement signed last December remains the framework. One day Colombia may join.")
    assert drafted(text, "2026-11-18") == [("signing", "2025-12", "occurred", ("CR", "EC", "KR"))]


def test_the_event_told_before_as_a_sentences_subject_is_no_new_one():
    text = ("Statements\n\nSTATEMENT on the signing of a Memorandum of Understanding between Bulgaria and Korea on space "
            "research\n\nSofia. On 3rd November, the Deputy Minister of Bulgaria and the Vice Minister of Science and ICT "
            "of Korea signed in Sofia a Memorandum of Understanding on space research. The signing ceremony took place at "
            "the Council of Ministers building.\n\nThe Memorandum builds on the results of the visit of a Bulgarian "
            "delegation to Korea, which took place from 14 to 18 October.")
    assert drafted(text, "2026-11-04") == [("signing", "2026-11-03", "occurred", ("BG", "KR")),
                                           ("visit", "2026-10-14/2026-10-18", "occurred", ("BG", "KR"))]


def test_one_bodys_own_occasion_is_no_cooperation():
    text = ("한결연구소는 지난 24일 크로아티아 리예카대학교와 공동연구 협약을 맺었다.\n\n"
            "한결연구소는 내년 1월 창립 20주년 기념식을 마곡 본원에서 연다.")
    assert drafted(text, "2026-11-26") == [("signing", "2026-11-24", "occurred", ("HR", "KR"))]
    text = ("Seoul, 1 December 2026 – Korea and Ghana signed a research agreement on 19 November in Accra. "
            "Our association held its annual general meeting in Seoul on 26 November and elected a new board.")
    assert drafted(text, "2026-12-01") == [("signing", "2026-11-19", "occurred", ("GH", "KR"))]


def test_a_body_to_be_set_up_is_dated_by_its_first_meeting():
    text = ("Sofia, 4 November 2026 – Bulgaria and Korea signed a Memorandum on space research in Sofia on 3 November.\n\n"
            "Under the Memorandum, the two sides will establish a Joint Working Group on Space Technologies. The first "
            "meeting of the Working Group will be held in Seoul in the first quarter of 2027.")
    assert drafted(text, "2026-11-04") == [("signing", "2026-11-03", "occurred", ("BG", "KR")),
                                           ("meeting", "2027-01/2027-03", "planned", ("BG", "KR"))]


def test_a_trip_of_days_keeps_its_days_when_a_day_of_it_is_told():
    text = ("과학기술정보통신부는 탄자니아 차관을 단장으로 하는 대표단 12명이 12월 2일(수)부터 5일(토)까지 한국을 방문한다고 "
            "밝혔다.\n\n이번 방한의 핵심 일정은 12월 3일(목) 서울 정부서울청사에서 열리는 '제2차 한-탄자니아 "
            "과학기술공동위원회'다.")
    assert ("visit", "2026-12-02/2026-12-05", "planned", ("KR", "TZ")) in drafted(text, "2026-11-30")


def test_a_wish_told_with_an_aside_is_no_plan():
    text = ("Windhoek, 3 August 2025 – Korea and Namibia signed a water research agreement in Windhoek on 1 August. "
            "We are also hoping, though nothing is agreed, that one day we can open a joint laboratory in Walvis Bay.")
    assert drafted(text, "2025-08-03") == [("signing", "2025-08-01", "occurred", ("KR", "NA"))]


def test_a_countrys_national_body_opened_is_no_cooperation():
    head = "The Andes Courier — Science\nLima | Thursday, 5 March 2026\n\nPeru switches on a genomics centre\n\n"
    tail = ("\n\nKorea has also become a partner. On Tuesday, the secretariat signed a memorandum of understanding with "
            "the Korea Institute of Genomics on training.")
    for opened in ("Peru on Wednesday inaugurated its first national genomics centre, a facility for local scientists.",
                   "The Centro Nacional de Genómica, housed in a former school, was opened by the president in a ceremony "
                   "attended by the rectors of Peru's universities."):
        assert drafted(head + opened + tail, "2026-03-05") == [("signing", "2026-03-03", "occurred", ("KR", "PE"))]


def test_an_event_set_for_a_month_is_planned_in_the_year_ahead():
    text = ("SEOUL, July 6 (Test) — The Korea–Nepal Solar Technology Forum is set for mid-September in Kathmandu, "
            "co-hosted by the two countries' energy ministries.")
    assert drafted(text, "2026-07-06") == [("forum", "2026-09-11~/2026-09-20~", "planned", ("KR", "NP"))]


def test_a_plan_told_on_by_its_subjects_pronoun_is_the_plan_just_told():
    text = ("SEOUL, July 6 (Test) — Latvia's minister for science will visit Seoul from July 14 to 16. "
            "She is expected to tour a battery research institute in Daejeon and discuss scholarships.")
    assert drafted(text, "2026-07-06") == [("visit", "2026-07-14/2026-07-16", "planned", ("KR", "LV"))]


def test_an_event_pointed_back_to_as_told_above_is_the_one_told():
    text = ("SEOUL, July 6 (Test) — Latvia's minister for science will visit Seoul from July 14 to 16.\n\n"
            "Fiji's science minister will visit Seoul from August 3 to 5.\n\n"
            "The Latvian minister's July 14-16 trip, the first item above, will be the only ministerial science visit "
            "to Seoul this month.")
    assert drafted(text, "2026-07-06") == [("visit", "2026-07-14/2026-07-16", "planned", ("KR", "LV")),
                                           ("visit", "2026-08-03/2026-08-05", "planned", ("FJ", "KR"))]


def test_a_site_visit_on_an_events_programme_is_no_visit():
    text = ("Seoul, 20 July 2025 – Korea and Zambia co-hosted a workshop in Lusaka on 15 and 16 July. "
            "Day two was a site visit to a plant in Kafue.")
    assert drafted(text, "2025-07-20") == [("forum", "2025-07-15/2025-07-16", "occurred", ("KR", "ZM"))]


def test_a_hall_named_after_an_event_is_a_venue():
    text = "국제교류처는 4월 중순 자메이카 킹스턴공과대학과 함께 '기후적응 기술 국제워크숍'을 본관 국제회의장에서 연다."
    assert drafted(text, "2026-03-10") == [("forum", "2026-04-11/2026-04-20", "planned", ("JM", "KR"))]


def test_an_event_denied_over_a_long_subject_is_no_event():
    text = ("SEOUL, July 6 (Test) — The Korea–Laos Digital Centre in Vientiane is scheduled to open on 1 October. "
            "An official said no openings other than the one in Vientiane have been scheduled.")
    assert drafted(text, "2026-07-06") == [("opening", "2026-10-01", "planned", ("KR", "LA"))]


def test_a_trade_shows_pavilion_is_no_forum():
    text = ("SEOUL, July 6 (Test) — The Korea–Oman Water Technology Forum will be held in Muscat on 9 September.\n\n"
            "ALSO IN THE DIARY\n- Sept 22-24: Gulf Home and Living Expo, Kuwait City, with a Korea pavilion of 30 furniture "
            "brands.\n- Nov 2: Results of the budget review.")
    assert drafted(text, "2026-07-06") == [("forum", "2026-09-09", "planned", ("KR", "OM"))]


def test_an_event_dated_relative_to_another_takes_that_events_date():
    text = ("SEOUL, 4 June 2025 (Test) — The Korea–Fiji Coastal Research Centre in Suva was opened last March.\n\n"
            "A year before the opening, the Korean institute and the University of the South Pacific signed a "
            "memorandum of understanding in Suva.\n\n"
            "The following spring, Korean and Fijian researchers held a workshop in Seoul.")
    got = drafted(text, "2025-06-04", status=False)
    assert ("signing", "2024-03", ("FJ", "KR")) in got
    assert [d for d in got if d[0] == "forum"][0][1] == "2025-03/2025-05"  # the spring after the signing


def test_the_event_a_relative_date_names_is_not_the_sentences_own():
    text = ("SEOUL, 4 June 2025 (Test) — The Korea–Fiji Coastal Research Centre in Suva was opened last March.\n\n"
            "Two months after the centre opened, a Fijian delegation travelled to Seoul.")
    assert drafted(text, "2025-06-04", status=False) == [("opening", "2025-03", ("FJ", "KR")),
                                                         ("visit", "2025-05", ("FJ", "KR"))]


def test_a_weekday_of_a_trip_is_that_day_of_the_trip():
    text = ("Posted 19 Feb 2025\n\nFrom 10 to 14 February our team visited Linz to meet Austrian partners.\n\n"
            "On the Wednesday of our trip, our president and the Austrian institute's director signed a memorandum "
            "of understanding.")
    got = drafted(text, "2025-02-19", status=False)
    assert [d[1] for d in got if d[0] == "signing"] == ["2025-02-12"]


def test_an_abbreviation_after_a_full_name_is_that_body():
    text = ("Blue Magazine, 5 August 2024\n\nThe Suva Ocean Hub is jointly run by the University of the South Pacific "
            "and the Korea Institute of Polar Fisheries (Test), KIPF.\n\n"
            "Under a joint project that started in January 2023, KIPF and the university are measuring the reef.")
    assert [d for d in drafted(text, "2024-08-05", status=False) if "KR" in d[2]] == [("project", "2023-01", ("KR",))]


# --- fresh15: remarks, references and an agreement's terms -------------------------------------

def test_a_remark_that_a_visit_is_the_first_is_no_other_visit():
    # "방문한 것은 이번이 처음이다": a modifier in 한 (not only 은/는) before 것은 remarks on the visit just told
    text = "경기도 대표단은 지난 5일부터 8일까지 페루 리마를 방문했다. 도 대표단이 페루를 공식 방문한 것은 이번이 처음이다."
    assert drafted(text, "2026-06-18") == [("visit", "2026-06-05/2026-06-08", "occurred", ("KR", "PE"))]


def test_a_passives_topic_after_an_adverbial_particle_is_not_its_event():
    # "공동위원회 다음 날인 12일에는 … 워크숍이 열렸다": 12일에는 is when; the workshop (가) is what was held
    text = ("과학기술정보통신부는 지난 11일 서울에서 칠레 과학기술부와 공동위원회를 열었다. "
            "공동위원회 다음 날인 12일에는 같은 장소에서 '한-칠레 기후 워크숍'이 열렸다.")
    assert drafted(text, "2026-05-14") == [("meeting", "2026-05-11", "occurred", ("CL", "KR")),
                                           ("forum", "2026-05-12", "occurred", ("CL", "KR"))]


def test_an_agreements_terms_without_a_date_of_their_own_are_no_event():
    text = ("SEOUL, 3 March 2026 (Test) — Korea's Institute of Soil Science and the University of Ghana signed a "
            "memorandum of understanding in Accra on Monday. Under the memorandum, the university will set up a soil "
            "laboratory and Korean experts will run short courses for its staff.")
    assert drafted(text, "2026-03-03", status=False) == [("signing", "2026-03-02", ("GH", "KR"))]
    # … while terms with a date of their own are a plan
    text = "한밭대는 지난 2일 가나대학교와 업무협약을 맺었다. 협약에 따라 두 대학은 오는 9월 가나 아크라에 공동연구센터를 열 계획이다."
    got = drafted(text, "2026-03-05", status=False)
    assert ("opening", "2026-09", ("GH", "KR")) in got


def test_a_korean_headline_above_the_lead_folds_into_the_lead():
    text = ("새빛시청 | 보도자료\n\n배포일: 2026년 4월 20일\n\n"
            "새빛시-칠레 발파라이소시, 자매결연 맺고 해양 교류 본격화\n"
            "- 발파라이소시 대표단 17~19일 새빛시 방문… 18일 협정 서명\n\n"
            "새빛시는 칠레 발파라이소시와 자매결연을 맺고 해양 분야 교류를 본격적으로 시작한다고 20일 밝혔다.\n\n"
            "두 도시는 18일 새빛시청에서 협정에 서명했다.\n")
    got = drafted(text, "2026-04-20", status=False)
    assert [d for d in got if d[0] == "signing"] == [("signing", "2026-04-18?", ("CL", "KR"))]


def test_all_three_countries_are_the_three_the_article_names():
    text = ("SEOUL, 4 June 2025 (Test) — Korea's Institute of Andean Geology signed an agreement with Peru's mining "
            "institute in January, and Chile's geological service joined it in February.\n\n"
            "Korea, Peru and Chile will share data on copper belts. In May, researchers from all three countries met in "
            "Lima for a workshop on mapping.")
    got = drafted(text, "2025-06-04", status=False)
    assert ("forum", "2025-05", ("CL", "KR", "PE")) in got


def test_a_leg_to_a_third_country_called_off_is_a_visit_there():
    # "the trip was called off": the event its subject names (not the "meet" it was for); Botswana, which the visit
    # before does not name, stays its country beside that visit's visitors (their country told by that visit)
    text = ("Coastal Weekly (Test)\nFriday, 5 June 2026\n\n"
            "A team from the Busan Marine Institute (Test) visited the University of Namibia in Windhoek on Monday to "
            "discuss tide gauges.\n\n"
            "The team had also planned to cross into Botswana on Wednesday to meet officials of its water utility, but "
            "the trip was called off after storms.\n")
    assert drafted(text, "2026-06-05") == [("visit", "2026-06-01", "occurred", ("KR", "NA")),
                                           ("visit", "2026-06-03", "cancelled", ("BW", "KR"))]
    # … the visitors being those not of where the visit before took place, whoever they are (not Korea's by default)
    text = ("Coastal Weekly (Test)\nFriday, 5 June 2026\n\n"
            "A delegation from Kenya's Water Resources Authority visited the Korea Water Institute (Test) in Daejeon on "
            "Monday to discuss tide gauges.\n\nThe delegation had also planned to cross into Japan on Wednesday to meet "
            "officials of its water utility, but the trip was called off after storms.\n")
    assert drafted(text, "2026-06-05") == [("visit", "2026-06-01", "occurred", ("KE", "KR")),
                                           ("visit", "2026-06-03", "cancelled", ("JP", "KE"))]


def test_days_spent_in_a_city_are_a_visit():
    text = ("Harbour Times (Test)\nThursday, 4 June 2026\n\n"
            "A team from the Busan Marine Institute (Test) spent Monday and Tuesday in Windhoek, meeting officials of "
            "the fisheries ministry.\n\nThe visitors then toured the port on Monday.\n\n"
            "The institute spent $2 million at the Namibian port on new gauges last year.\n")
    assert drafted(text, "2026-06-04") == [("visit", "2026-06-01/2026-06-02", "occurred", ("KR", "NA"))]


def test_a_trip_to_two_countries_told_leg_by_leg_is_its_legs():
    # "…에 머물며" with a place and days is a visit; the legs of a trip told before replace it, even after a remark
    # on the trip ("… 방문한 것은 이번이 처음이다"); a level ("1%에 머물렀다") or a stay with no date ("그동안 대전에
    # 머물며", a tally) is none
    text = ("경북도 대표단은 지난주 케냐 나이로비와 탄자니아 다르에스살람을 차례로 찾았다. "
            "도 대표단이 케냐를 공식 방문한 것은 이번이 처음이다.\n\n"
            "대표단은 8일부터 10일까지 나이로비에 머물며 케냐 농업부 관계자를 만났다. "
            "이어 대표단은 11일부터 12일까지 다르에스살람에 머물렀다.\n\n"
            "케냐 수출 증가율은 지난달 1%에 머물렀다. 케냐 연구진은 그동안 대전에 머물며 공동연구를 해 왔다.\n")
    assert drafted(text, "2026-06-17") == [("visit", "2026-06-08/2026-06-10", "occurred", ("KE", "KR")),
                                           ("visit", "2026-06-11/2026-06-12", "occurred", ("KR", "TZ"))]


def test_a_stays_days_date_a_trip_told_roughly():
    text = ("전주시는 지난달 말 페루 리마를 방문한 시 대표단이 리마시와 협약을 체결했다고 3일 밝혔다. "
            "대표단 9명은 10월 27일부터 31일까지 리마에 머물며 공방 거리를 둘러봤다.")
    got = drafted(text, "2025-11-03", status=False)
    assert [d for d in got if d[0] == "visit"] == [("visit", "2025-10-27/2025-10-31", ("KR", "PE"))]


_PERU_COMMITTEE = ("과기정통부는 5월 20일 페루 리마에서 페루 과학기술부와 '제2차 한-페루 과학기술공동위원회'를 개최했다고 "
                   "밝혔다. 양측은 2019년 서울에서 열린 제1차 공동위원회 이후 추진된 협력 성과를 점검했다.\n\n"
                   "회의 직후 양측은 '광물자원 협력 양해각서'에 서명했다.\n\n")


def test_an_event_named_before_ihu_is_drafted_but_is_no_reference():
    # "열린 제1차 공동위원회 이후" (a compound the analyser cuts, 공동/위원회) is the earlier committee, with its year;
    # "회의 직후" after it is the day of the committee just held, not of the one before
    assert drafted(_PERU_COMMITTEE, "2026-05-21", status=False) == [
        ("meeting", "2026-05-20", ("KR", "PE")), ("meeting", "2019", ("KR", "PE")), ("signing", "2026-05-20", ("KR", "PE"))]


def test_an_event_followed_by_an_afternoon_is_still_a_reference():
    # "열어 오후 늦게까지": 오후 (afternoon) is no 후 (after) — the committee is the day of "회의 직후"
    text = ("과기정통부는 5월 20일 서울에서 페루 과학기술부와 공동위원회를 열어 오후 늦게까지 협력 방안을 논의했다.\n\n"
            "회의 직후 양측은 '광물자원 협력 양해각서'에 서명했다.\n")
    assert drafted(text, "2026-05-21", status=False) == [("meeting", "2026-05-20", ("KR", "PE")),
                                                         ("signing", "2026-05-20", ("KR", "PE"))]


def test_a_year_opening_a_quoted_title_is_no_date_and_a_domestic_briefing_no_event():
    text = _PERU_COMMITTEE + (
        "과기정통부는 이에 앞서 5월 18일 세종청사에서 '2026년 중남미 과학기술협력 설명회'를 열고 국내 연구기관을 대상으로 "
        "사업 일정을 안내했다.\n\n한편 한국지질연구원은 6월 3일 리마에서 페루 광물연구소와 함께 '2026년 한-페루 광물 포럼'을 연다.\n")
    got = drafted(text, "2026-05-21", status=False)
    assert [d for d in got if d[0] == "forum"] == [("forum", "2026-06-03", ("KR", "PE"))]


def test_an_event_a_relative_that_tells_with_its_own_date_is_drafted():
    text = ("SEOUL, 5 May 2026 (Test) — The Korea Forest Institute and Ghana's Forestry Commission opened a joint seed "
            "laboratory in Kumasi on Monday.\n\nThe call for its first projects was launched under the cooperation "
            "agreement that the two agencies signed in 2023, which set out a plan for joint research. It builds on a "
            "pilot project that the two agencies have been running in Kumasi since March.\n")
    got = drafted(text, "2026-05-05", status=False)
    assert ("signing", "2023", ("GH", "KR")) in got  # not lost to the clause's "launched"
    assert ("project", "2026-03/..", ("GH", "KR")) in got
    # "have been running" is progressive, not passive: what runs is its object, not the clause's first event noun
    text = ("SEOUL, 5 May 2026 (Test) — The Korea Forest Institute and Ghana's Forestry Commission opened a joint seed "
            "laboratory in Kumasi on Monday.\n\nAs agreed at the forum in Accra, the two agencies have been running a "
            "pilot project in Kumasi since March.\n")
    assert drafted(text, "2026-05-05", status=False) == [("opening", "2026-05-04", ("GH", "KR")),
                                                         ("project", "2026-03/..", ("GH", "KR"))]


def test_a_project_told_by_its_period_is_that_project():
    text = ("한빛바이오는 지난달 베트남 국립백신연구소와 백신 공동개발 협약을 맺었다.\n\n"
            "사업 기간은 이달부터 2028년 9월까지 3년이며, 총사업비는 50억 원이다.\n")
    assert ("project", "2025-10/2028-09", "occurred", ("KR", "VN")) in drafted(text, "2025-10-02")


def test_people_invited_to_a_country_with_a_date_are_a_visit():
    text = ("SEOUL, 3 December 2025 (Test) — Korea's Rural Water Institute signed an agreement with Malawi's water "
            "ministry on Tuesday.\n\nThe institute's director said that up to ten Malawian technicians would be invited "
            "to Korea for training in the first half of next year. Malawi's minister was invited to speak at the ceremony "
            "on Tuesday.\n")
    assert drafted(text, "2025-12-03") == [("signing", "2025-12-02", "occurred", ("KR", "MW")),
                                           ("visit", "2026-01/2026-06", "planned", ("KR", "MW"))]


def test_a_week_named_after_one_country_in_its_own_places_is_that_countrys_occasion():
    text = ("Harbour Times (Test)\nThursday, 4 June 2026\n\n"
            "A team from the Busan Marine Institute (Test) signed an agreement with the University of Namibia in Windhoek "
            "on Monday.\n\nIn other news, the Namibia Ocean Week organised by the fisheries ministry will take place in "
            "Walvis Bay next March. A Korea–Namibia Ocean Forum will be held in Windhoek next April.\n")
    assert drafted(text, "2026-06-04", status=False) == [("signing", "2026-06-01", ("KR", "NA")),
                                                         ("forum", "2027-04", ("KR", "NA"))]


# --- fresh16: countries joined by "and", the occasion's sides, … -----------------------------------

def test_a_country_named_with_and_is_one_country():
    from services.query.drafts import places
    for text, code in (("Trinidad and Tobago's envoy", "TT"), ("from Bosnia and Herzegovina", "BA"),
                       ("Antigua and Barbuda", "AG"), ("São Tomé and Príncipe", "ST"),
                       ("Saint Vincent and the Grenadines", "VC"), ("St Kitts and Nevis", "KN"),
                       ("트리니다드토바고", "TT"), ("보스니아 헤르체고비나", "BA"), ("세인트빈센트 그레나딘", "VC")):
        assert [p.codes for p in places.find(text)] == [(code,)], text
    assert [p.codes for p in places.find("the Fisheries Institute of PNG")] == [("PG",)]  # the short form
    # a country's name after "New" is another place's
    assert places.find("farmers in East New Britain and New Jersey") == []
    text = "SEOUL, 3 May 2026 — On Monday, KAIST and the University of Trinidad and Tobago signed a memorandum of understanding."
    assert drafted(text, "2026-05-03") == [("signing", "2026-04-27", "occurred", ("KR", "TT"))]


def test_an_occasion_of_another_kind_lends_no_sides():
    # "on the sidelines of the forum": the talks' sides are their own, and the register's own side is Korea
    text = ("Friday, 8 May 2026\n\nThe Korea–Pacific Ocean Forum, held in Busan on Wednesday and Thursday, brought "
            "together ministers from Fiji, Samoa and Tonga.\n\nOn the sidelines of the forum on Thursday, Park held talks "
            "with Samoa's Minister of Fisheries, Tui Lemalu.")
    got = drafted(text, "2026-05-08", status=False)
    assert ("meeting", "2026-05-07", ("KR", "WS")) in got
    # no occasion at all: the talks of one foreign country, in an article naming Korea and several others, are Korea's
    text = ("Friday, 24 April 2026\n\nKorea's minister Lim Ji-ho toured Jamaica, Barbados and Fiji this week.\n\n"
            "On Thursday, Lim held talks with Fiji's Minister of Planning, Ana Rojas.")
    assert ("meeting", "2026-04-23", ("FJ", "KR")) in drafted(text, "2026-04-24", status=False)


def test_sides_counted_take_the_event_of_that_many_and_a_signed_document_is_told_once():
    text = ("Saturday, 9 May 2026\n\nKorea and three Andean countries adopted a joint statement on glacier monitoring, "
            "signed in Lima on Friday at the close of a workshop.\n\n"
            "The workshop, held in Lima on Thursday and Friday, brought together experts from Peru, Bolivia and Ecuador.\n\n"
            "The Lima Statement on Glacier Data (test), signed by the heads of the four delegations, commits them to "
            "share data.")
    got = drafted(text, "2026-05-09", status=False)
    assert [d for d in got if d[0] == "signing"] == [("signing", "2026-05-08", ("BO", "EC", "KR", "PE"))]


def test_next_month_is_next_years_and_this_month_this_years():
    # said in March: "next April" is the April after this year's, "this April" and "in April" the coming one
    text = "SEOUL, 10 March 2026 — Korea and Chile agreed that Santiago will host the next energy forum {} April."
    assert drafted(text.format("next"), "2026-03-10")[0][1] == "2027-04"
    assert drafted(text.format("this"), "2026-03-10")[0][1] == "2026-04"
    assert drafted(text.format("in"), "2026-03-10")[0][1] == "2026-04"


def test_a_countrys_own_national_occasion_is_no_event():
    text = ("Monday, 6 July 2026\n\nKorea and Ghana signed a memorandum on solar research in Accra on Friday.\n\n"
            "Separately, Ghana's own National Innovation Week will be held from 20 to 24 July with fairs in every region.")
    assert drafted(text, "2026-07-06", status=False) == [("signing", "2026-07-03", ("GH", "KR"))]
    # a body named "National …" that holds an event with a partner is a party, not an occasion
    text = "Monday, 6 July 2026\n\nGhana's National Science Council held a workshop with Korea's KAIST in Accra on Friday."
    assert drafted(text, "2026-07-06", status=False) == [("forum", "2026-07-03", ("GH", "KR"))]


def test_a_question_tells_no_event():
    text = ("[질문] 다음 달 칠레에서 열기로 했던 에너지 포럼은 어떻게 됩니까?\n"
            "[답변] 12월 9일 산티아고에서 열 예정이던 '한-칠레 에너지 포럼'은 칠레 측 요청으로 취소됐습니다.")
    assert drafted(text, "2026-11-23") == [("forum", "2026-12-09", "cancelled", ("CL", "KR"))]
    text = "Q: Will the Korean minister visit Peru again next year?\nA: Nothing is planned yet."
    assert drafted(text, "2026-11-23") == []
    # a question after a dated event would take its date and sides: still no event of its own
    text = "다음 달 3일 서울에서 한-칠레 공동위원회가 열립니다.\n\n[질문] 칠레 차관은 공동위만 참석하고 돌아갑니까?\n[답변] 아닙니다."
    assert drafted(text, "2026-11-23") == [("meeting", "2026-12-03", "planned", ("CL", "KR"))]
    text = ("Korea and Peru will hold a joint committee in Seoul on 3 December.\n\nQ: Will Peru's minister visit Busan "
            "too?\nA: Not this time.")
    assert drafted(text, "2026-11-23") == [("meeting", "2026-12-03", "planned", ("KR", "PE"))]


def test_a_partner_sought_is_no_visit():
    from services.query.drafts import analyser
    from services.query.drafts.events import clauses, find_trigger

    def kinds(text):
        s = analyser.sentences(text)[0]
        return [t.kind for c in clauses(s) if (t := find_trigger(c, s)) is not None]
    assert kinds("걸프 지역 국가들은 에너지 전환 과정에서 기술 파트너를 적극적으로 찾고 있다.") == []
    assert kinds("두 기관은 협력 방안을 찾기로 했다.") == []
    assert kinds("칠레 광업부 대표단은 내년 2월 울산의 수소 실증단지를 찾을 예정이다.") == ["visit"]


def test_a_report_on_a_visit_and_a_calls_session_are_no_events():
    text = ("경북도 대표단은 지난 3일부터 7일까지 베트남 하노이를 방문했다. "
            "도는 다음 달 7일 도청에서 순방 성과 보고회를 열고 후속 과제를 배분할 계획이다.")
    assert drafted(text, "2026-09-18", status=False) == [("visit", "2026-09-03/2026-09-07", ("KR", "VN"))]
    text = "다음 달 2일에는 대전에서 '2027년도 국제공동연구 사업 설명회'를 개최합니다."
    assert drafted(text, "2026-11-23") == []
    text = "다음 달 2일에는 하노이에서 한-베트남 공동연구 사업 설명회를 개최합니다."  # a foreign side named: still a forum
    assert [d[0] for d in drafted(text, "2026-11-23")] == ["forum"]


def test_a_tally_of_agreements_held_is_no_event():
    text = ("한국해양대는 지난 10일 칠레 발파라이소대학교와 학술교류협정을 체결했다.\n\n한국해양대 총장은 오는 10월 칠레를 "
            "방문할 예정이다.\n\n한편 대학은 현재 30개국 85개 대학·기관과 학술교류협정을 맺고 있으며, 이번 협정으로 칠레는 "
            "31번째 교류 국가가 됐다.")
    assert drafted(text, "2026-03-15", status=False) == [("signing", "2026-03-10", ("CL", "KR")),
                                                         ("visit", "2026-10", ("CL", "KR"))]


def test_a_group_name_before_a_noun_is_no_side():
    text = "연구원은 2024년 10월 우즈베키스탄 수문기상청과 협약을 맺은 데 이어, 이번 협약으로 중앙아시아 물 분야 협력망을 넓혔다."
    assert drafted(text, "2026-05-29", status=False) == [("signing", "2024-10", ("KR", "UZ"))]
    text = "연구원은 지난 3일 서울에서 중앙아시아 5개국 대표단과 포럼을 열었다."  # its members: sides
    assert drafted(text, "2026-05-29", status=False)[0][2] == ("KG", "KR", "KZ", "TJ", "TM", "UZ")


def test_an_agreements_contents_listed_are_no_agreements():
    text = ("□ 한국수자원연구원은 5월 25일 몽골 울란바토르에서 몽골 기상청과 '가뭄 조기경보 공동연구 협약'을 체결했다고 밝혔다.\n\n"
            "□ 협약의 주요 내용은 다음과 같다.\n"
            " ▲ 몽골 초원 지대 가뭄 감시 기술 공동 개발\n"
            " ▲ 몽골 연구인력 초청 연수 및 공동 학위과정 검토\n\n"
            "□ 연구원장은 \"기술이 쓰이도록 하겠다\"고 말했다.")
    got = drafted(text, "2026-05-29", status=False)
    assert got == [("signing", "2026-05-25", ("KR", "MN"))]
    assert _quotes(text, "2026-05-29")[0].startswith("□ 한국수자원연구원은")


def _quotes(text, published):
    from services.query.drafts import draft
    return [d["quote"] for d in draft({"text": text, "publisher": "Test", "published": published})["drafts"]]


def test_a_visits_programme_lines_are_that_visit():
    text = ("□ 연구원 대표단 5명은 3월 2일(월)부터 5일(목)까지 몽골을 방문해 몽골 기상청과 협약을 체결했다.\n\n"
            "붙임 1. 몽골 방문 주요 일정\n"
            " - 3. 2.(월) 울란바토르 도착, 주몽골 대사관 업무 협의\n"
            " - 3. 4.(수) 자연환경부 차관 면담\n\n"
            "붙임 2. 협약식 사진 1부. 끝.")
    got = drafted(text, "2026-03-09", status=False)
    assert sorted(d[0] for d in got) == ["signing", "visit"]


def test_a_projects_start_told_again_is_that_project():
    text = ("□ 연구원은 지난 5일 몽골 기상청과 협약을 체결했다.\n\n"
            "□ 공동연구는 2026년 9월부터 2028년 8월까지 2년간 진행된다.\n\n"
            "붙임. 향후 추진 일정(안)\n - 2026. 9.  공동연구 착수\n - 2027. 3.  몽골 연구진 방한 연수")
    got = drafted(text, "2026-05-29", status=False)
    assert [d for d in got if d[0] == "project"] == [("project", "2026-09/2028-08", ("KR", "MN"))]


def test_what_the_parties_will_do_under_an_agreement_is_no_project():
    text = ("SEOUL, 20 August 2026 — On 5 August, the Fiji Fisheries Institute and the Korea Institute of Ocean Resources "
            "signed a memorandum of understanding on fisheries science in Suva. The two institutes will share stock data, "
            "carry out joint surveys of coastal fisheries and exchange young researchers.")
    assert drafted(text, "2026-08-20", status=False) == [("signing", "2026-08-05", ("FJ", "KR"))]


def test_an_english_span_of_years_said_as_one_dates_its_event():
    text = ("Published 31 August 2026\n\nFiji's minister visited Korea from 20 to 23 July. The minister also thanked "
            "Korea for the reef-mapping project, which ran from 2022 to 2025 and trained 200 rangers.")
    got = drafted(text, "2026-08-31", status=False)
    assert ("project", "2022/2025", ("FJ", "KR")) in got


def test_a_moved_plans_weekday_is_the_nearest_and_its_overtaken_schedule_no_event():
    text = ("LIMA, June 8 (Test) - Peru and South Korea have postponed a joint committee meeting that was due to open "
            "in Lima on Wednesday, officials said on Monday. The meeting had been scheduled for June 10-11.")
    assert drafted(text, "2026-06-08") == [("meeting", "2026-06-10", "postponed", ("KR", "PE"))]
    # the nearest, past as well: Saturday two days before the Monday, not the Saturday after
    text = ("LIMA, June 8 (Test) - Peru and South Korea have called off a joint committee meeting that had been due to "
            "open in Lima on Saturday, officials said on Monday.")
    assert drafted(text, "2026-06-08") == [("meeting", "2026-06-06", "cancelled", ("KR", "PE"))]


def test_a_participle_in_apposition_takes_the_clauses_tense():
    text = ("LIMA, June 8 (Test) - A workshop on satellite data for farming, organised by Peru's Space Agency and a Korean "
            "research institute, will go ahead in Daejeon on July 15 as planned, the official said.")
    assert drafted(text, "2026-06-08") == [("forum", "2026-07-15", "planned", ("KR", "PE"))]


def test_a_visit_followed_up_with_under_a_foreign_dateline_is_drafted():
    text = ("LIMA, June 8 (Test) - Peru's then minister of education, Ana Rojas (test), followed up with a visit to Seoul "
            "in March 2025.")
    assert drafted(text, "2026-06-08") == [("visit", "2025-03", "occurred", ("KR", "PE"))]


def test_a_delegation_taking_part_in_a_workshop_is_no_visit_of_its_own():
    text = ("Christchurch, New Zealand – 12 February 2026\n\nWhile in Korea the delegation also took part in a New "
            "Zealand–Korea energy workshop in Daejeon on 10–11 February.")
    assert [d[0] for d in drafted(text, "2026-02-12")] == ["forum"]
    text = "SEOUL, 3 March 2026 — Korea's science minister and Chile's energy minister held a video conference on 2 March."
    assert drafted(text, "2026-03-03") == [("meeting", "2026-03-02", "occurred", ("CL", "KR"))]  # a meeting, not a forum


def test_a_delegations_own_stop_keeps_its_country():
    text = ("경북도 대표단이 핀란드와 에스토니아를 잇달아 방문했다.\n\n"
            "대표단은 3일부터 5일까지 핀란드에 머물며 헬싱키, 오울루 두 도시를 차례로 방문했다.")
    got = drafted(text, "2026-09-18", status=False)
    assert ("visit", "2026-09-03/2026-09-05", ("FI", "KR")) in got


def test_a_topic_naming_its_own_country_is_no_event_told_before():
    text = ("경북도 대표단은 3일부터 5일까지 핀란드를 방문했다.\n\n"
            "당초 6~7일로 잡혀 있던 스웨덴 예테보리 항만 방문은 출국 직전 취소됐다.")
    got = drafted(text, "2026-09-18")
    assert ("visit", "2026-09-06/2026-09-07", "cancelled", ("KR", "SE")) in got


def test_a_delegations_arrival_and_stay_abroad_is_a_visit():
    text = ("경북도 대표단이 핀란드와 에스토니아를 잇달아 방문했다.\n\n"
            "대표단은 3일부터 5일까지 핀란드 헬싱키를 방문했다.\n\n"
            "대표단은 6일 에스토니아 탈린에 도착해 8일까지 머물렀다.")
    got = drafted(text, "2026-09-18", status=False)
    assert ("visit", "2026-09-06/2026-09-08", ("EE", "KR")) in got
    # a stay told of the visit just told gives it its days
    text = ("경북도는 지난달 말 베트남 하노이를 방문한 도 대표단이 하노이시와 협약을 체결했다고 3일 밝혔다. "
            "대표단 9명은 10월 27일부터 31일까지 하노이에 머물며 공방 거리를 둘러봤다.")
    got = drafted(text, "2025-11-03", status=False)
    assert [d for d in got if d[0] == "visit"] == [("visit", "2025-10-27/2025-10-31", ("KR", "VN"))]
    # prices stay, goods arrive: no visit
    assert drafted("베트남산 원두 가격은 지난달 kg당 5달러 선에 머물렀다.", "2025-11-03") == []
    assert drafted("베트남 하노이에서 보낸 원두 200톤이 지난달 10일 부산항에 도착했다.", "2025-11-03") == []


def test_a_tour_told_by_its_stops_is_left_to_them():
    text = ("경북도 대표단이 핀란드와 에스토니아를 잇달아 찾아 협력의 물꼬를 텄다.\n\n"
            "대표단은 3일부터 5일까지 핀란드 헬싱키를 방문했다.\n\n"
            "대표단은 6일 에스토니아 탈린에 도착해 8일까지 머물렀다.")
    got = drafted(text, "2026-09-18", status=False)
    assert got == [("visit", "2026-09-03/2026-09-05", ("FI", "KR")), ("visit", "2026-09-06/2026-09-08", ("EE", "KR"))]


def test_an_opening_takes_the_place_its_subject_is_put_in_the_clause_before():
    text = ("지난 20일 우리 부와 뉴질랜드 혁신부가 약정에 서명했습니다.\n\n"
            "[국장] 카타르와는 공동연구센터 설립에 합의했습니다. 센터는 카타르 도하에 두고, 내년 6월 문을 여는 것을 목표로 "
            "하고 있습니다.")
    assert ("opening", "2027-06", "planned", ("KR", "QA")) in drafted(text, "2026-11-23")


def test_a_person_introduced_with_a_country_keeps_it():
    text = ("다음 달 3일 서울에서 한-오만 공동위원회가 열립니다. 우리 측에서는 제1차관이, 오만 측에서는 고등교육부(테스트) "
            "살림 알하르티(테스트) 차관이 수석대표로 참석합니다.\n\n"
            "[국장] 알하르티 차관 일행은 2일부터 5일까지 방한합니다. 공동위 외에도 울산의 실증 플랜트를 방문할 계획입니다.")
    got = drafted(text, "2026-11-23")
    assert [d for d in got if d[0] == "visit"] == [("visit", "2026-12-02/2026-12-05", "planned", ("KR", "OM"))]
    # named again paragraphs later, with no country near: the one they were introduced with
    text = ("전남도 대표단은 지난 3일 덴마크 에스비에르시를 방문해 에스비에르시(테스트) 예스퍼 룬(테스트) 시장과 협약을 "
            "체결했다.\n\n도내 해상풍력 허가 물량은 약 11GW다.\n\n룬 시장 일행은 내년 4월 전남을 찾아 해상풍력 단지를 "
            "둘러볼 예정이다.")
    assert ("visit", "2027-04", ("DK", "KR")) in drafted(text, "2026-09-18", status=False)


def test_a_projects_next_phase_is_a_project():
    text = ("SEOUL, 19 October 2026 — KAIST and Kenya's Strathmore University signed an agreement last Thursday.\n\n"
            "The first phase of the solar project ran from March 2025 to September this year. The second phase will "
            "start in January and run until the end of 2028.")
    got = drafted(text, "2026-10-19", status=False)
    assert ("project", "2027-01/2028-12", ("KE", "KR")) in got


def test_a_page_of_no_dateline_naming_one_country_keeps_its_own_two_bodies():
    # the headline's one side does not replace the lead's two bodies ("the two institutions'"), a signing by two
    # people is Korea's with the one country named, and "on the last day of the visit" is the visit's last day
    text = ("Namsan College News\n\nMongolian delegation visits Namsan, signs agreement\n\n"
            "A delegation from the Mongolian University of Life Sciences (test) in Ulaanbaatar visited Namsan College of "
            "Agriculture (test) from 3 to 5 March, strengthening the two institutions' partnership.\n\n"
            "On Wednesday, March 4, President Park Ji-hoon (test) and Rector Bat-Erdene (test) signed an exchange "
            "agreement.\n\nOn the last day of the visit, the two sides held a joint workshop on pasture management.")
    assert drafted(text, "2026-03-06", status=False) == [
        ("visit", "2026-03-03/2026-03-05", ("KR", "MN")), ("signing", "2026-03-04", ("KR", "MN")),
        ("forum", "2026-03-05", ("KR", "MN"))]


def test_open_in_a_figure_of_speech_opens_nothing():
    for figure in ("opening a new chapter in their ties", "which opens the door to joint degrees",
                   "opening the way for joint research", "opening up new markets for both"):
        text = f"SEOUL, 6 March 2026 — KAIST signed an agreement with Nagoya University on Monday, {figure}."
        assert drafted(text, "2026-03-06", status=False) == [("signing", "2026-03-02", ("JP", "KR"))], figure
    text = "SEOUL, 6 March 2026 — KAIST and Nagoya University opened a joint laboratory in Nagoya on Monday."
    assert drafted(text, "2026-03-06", status=False) == [("opening", "2026-03-02", ("JP", "KR"))]


def test_a_forum_told_again_takes_the_countries_of_its_first_telling():
    # the lead lists the countries whose people gathered, the next sentence retells the forum with its host only;
    # talks "a day before the forum opened" are a meeting dated so, and a hope to hold the forum again is none
    text = ("SEOUL, 10 June 2026 — Water officials from Korea, Peru, Chile and Kenya gathered in Busan on Tuesday for "
            "the first Busan Water Reuse Forum.\n\nThe two-day forum at BEXCO, hosted by the Ministry of Environment, "
            "drew about 200 participants.\n\nPeru's water minister held talks with Korea's environment minister on "
            "Monday, a day before the forum opened.\n\nOrganisers said they hope to hold the forum every year.")
    assert drafted(text, "2026-06-10", status=False) == [
        ("forum", "2026-06-09?", ("CL", "KE", "KR", "PE")), ("meeting", "2026-06-08", ("KR", "PE"))]


def test_travel_as_a_noun_is_no_visit():
    text = ("SEOUL, 10 June 2026 — KIGAM signed an agreement with Chile's Andes Geology Institute on Monday. The two "
            "institutes had planned to hold a joint workshop in Santiago in April, but it was cancelled after a strike "
            "disrupted travel.")
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-08", "occurred", ("CL", "KR")),
                                           ("forum", "2026-04", "cancelled", ("CL", "KR"))]


def test_a_sites_header_block_is_not_the_headline():
    from services.query.drafts import draft

    # the site's name over its navigation line comes before the story's headline, which restates the lead;
    # the page's posting line under the headline dates no event
    text = ("테스트 한국해양연구원 | 알림마당 > 보도자료\n\n한국해양연구원, 칠레 해양연구소와 양해각서 체결\n\n"
            "등록일 2026-05-18 | 작성자 대외협력실 | 조회수 212\n\n"
            "한국해양연구원은 지난 14일 칠레 발파라이소에서 칠레 해양연구소(테스트)와 양해각서를 체결했다고 18일 밝혔다.")
    assert drafted(text, "2026-05-18") == [("signing", "2026-05-14", "occurred", ("CL", "KR"))]
    title = draft({"text": text, "publisher": "Test", "published": "2026-05-18"})["article"]["title"]
    assert title == "한국해양연구원, 칠레 해양연구소와 양해각서 체결"
    # a dated line under the site's navigation is the page's own header, left as it was
    text = "테스트방송 뉴스 > 과학·IT\n2026년 5월 18일\n\n한국해양연구원은 지난 14일 칠레 해양연구소와 양해각서를 체결했다."
    assert draft({"text": text, "publisher": "Test", "published": "2026-05-18"})["article"]["title"] == "테스트방송 뉴스 > 과학·IT"


def test_a_korean_body_signing_abroad_with_a_body_of_no_known_country_signs_with_that_country():
    text = "한빛배터리(테스트)는 지난 5일 케냐 나이로비에서 사바나파워솔루션즈(테스트)와 공동개발 협약을 체결했다고 7일 밝혔다."
    assert drafted(text, "2026-10-07") == [("signing", "2026-10-05", "occurred", ("KE", "KR"))]
    # signed at home, it stays Korea's until its partner is placed
    text = "한빛배터리(테스트)는 지난 5일 서울에서 사바나파워솔루션즈(테스트)와 공동개발 협약을 체결했다고 7일 밝혔다."
    assert drafted(text, "2026-10-07") == []


def test_a_separate_story_of_one_country_takes_no_side_from_the_article():
    text = ("경남도는 지난 3일 베트남 하노이에서 하노이시와 물산업 협력 협약을 체결했다고 5일 밝혔다.\n\n"
            "한편 도는 지난달 도청에서 도내 물기업 20여 곳과 간담회를 열고 수출 지원 방안을 논의했다.\n\n"
            "한편 도는 지난해 11월 하노이시 대표단을 초청해 한-베트남 물산업 포럼을 열었다.")
    assert drafted(text, "2026-06-05", status=False) == [
        ("signing", "2026-06-03", ("KR", "VN")), ("visit", "2025-11", ("KR", "VN")), ("forum", "2025-11", ("KR", "VN"))]
    text = ("SEOUL, 5 June 2026 — KAIST signed an agreement with Vietnam National University on Tuesday.\n\n"
            "Separately, the Science Ministry on Wednesday launched a five-year domestic chip programme.")
    assert drafted(text, "2026-06-05", status=False) == [("signing", "2026-06-02", ("KR", "VN"))]


def test_a_body_named_again_by_its_head_noun_keeps_its_country():
    # "Korea Water Industry Association" in the page's header, then "Association Chairman …": the same, Korean, body
    text = ("Test Korea Water Industry Association - Newsletter\n\nMission report\n\n"
            "A trilateral agreement was signed in Nairobi on 5 June by Association Chairman Kim Min-su (test), Kenya Water "
            "Institute (test) Director John Mwangi (test) and Uganda Water Board (test) Managing Director Ruth Nakato "
            "(test).")
    assert drafted(text, "2026-06-20", status=False) == [("signing", "2026-06-05", ("KE", "KR", "UG"))]


def test_an_event_the_clause_follows_gives_it_no_kind():
    text = ("경남도는 지난 3일 하노이에서 베트남 하노이시와 물산업 협약을 체결했다. 협약식에 이어 같은 날 오후에는 양 기관 "
            "연구진 20여 명이 참석한 가운데 '한-베트남 물산업 공동 워크숍'이 열렸다.")
    assert drafted(text, "2026-06-05", status=False) == [("signing", "2026-06-03", ("KR", "VN")),
                                                         ("forum", "2026-06-03", ("KR", "VN"))]


def test_two_parties_meeting_on_the_sidelines_abroad_meet_there():
    # the conference they met beside is the setting, not what was held; the city abroad is the venue, not a side
    text = ("The Korea Institute of Nuclear Safety signed a memorandum with Kenya's Nuclear Regulatory Authority on "
            "Tuesday.\n\nThe two regulators first met in September 2024 in Vienna, on the sidelines of the General "
            "Conference of the International Atomic Energy Agency.")
    assert drafted(text, "2026-03-06", status=False) == [("signing", "2026-03-03", ("KE", "KR")),
                                                         ("meeting", "2024-09", ("KE", "KR"))]


def test_a_reference_to_two_takes_the_sides_of_an_event_of_two():
    # "두 대학의 인연은 …" after a signing of two and a forum a third country's researchers joined: the two of the signing
    text = ("한빛대학교(테스트)는 지난 15일 에스토니아 탈린공과대학교(테스트)와 학술교류 협약을 체결했다.\n\n"
            "이에 앞서 14일에는 교내에서 '제1회 한-에스토니아 AI 포럼'이 열렸다. 포럼에는 라트비아 리가데이터연구소(테스트) "
            "연구진도 발표자로 참여했다.\n\n"
            "두 대학의 인연은 지난해 5월 우리 대학 AI대학원장이 그 대학을 방문하면서 시작됐다.")
    assert drafted(text, "2026-10-21", status=False) == [
        ("signing", "2026-10-15", ("EE", "KR")), ("forum", "2026-10-14", ("EE", "KR", "LV")), ("visit", "2025-05", ("EE", "KR"))]


def test_a_remark_leaves_the_event_of_a_clause_before_it():
    # "… 것은 이번이 처음이다" remarks on what its own clause tells; the agreement of 2019 the clause before names stays
    text = ("한국과 우루과이는 지난 3일 과학기술협력협정을 체결했다.\n\n양국은 2019년 정보통신기술(ICT) 협력 약정을 맺은 이후 "
            "통신 분야를 중심으로 협력해 왔으나, 협력 범위를 기초 연구로 넓힌 것은 이번이 처음이다.\n\n"
            "두 나라가 과학기술 협정을 맺은 것은 이번이 처음이다.")
    assert drafted(text, "2026-06-05", status=False) == [("signing", "2026-06-03", ("KR", "UY")),
                                                         ("signing", "2019", ("KR", "UY"))]
