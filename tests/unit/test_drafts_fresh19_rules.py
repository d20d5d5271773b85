"""The general rules written for the misses and wrong drafts of `fresh19/`'s and `fresh20/`'s first runs,
each tried on short texts of our own."""

from services.query.drafts import dates
from tests.unit.drafts_corpus import drafted

# --- dates ----------------------------------------------------------------------------------------


def test_the_day_before_is_the_day_before_the_report():
    # "전날 … 열었다고 11일 밝혔다": the 10th, whatever the publication day
    text = "한국관광공사(테스트)는 전날 태국 방콕에서 태국관광청(테스트)과 관광협력 회의를 열었다고 11일 밝혔다."
    assert drafted(text, "2026-02-12", status=False) == [("meeting", "2026-02-10", ("KR", "TH"))]
    # without a report day: the day before the publication day
    text = "한국관광공사(테스트)는 전날 태국 방콕에서 태국관광청(테스트)과 관광협력 회의를 열었다."
    assert drafted(text, "2026-03-01", status=False) == [("meeting", "2026-02-28", ("KR", "TH"))]
    # "포럼 전날": the day before another event, not the report's
    assert [m.text for m in dates.resolve("포럼 전날 회의가 열렸다.", "2026-03-05")] == []


def test_a_start_day_and_a_length_in_days_make_a_span():
    text = "진흥원은 또 12일부터 이틀간 방콕 컨벤션센터에서 태국관광청(테스트)과 함께 관광기술 로드쇼를 연다."
    assert drafted(text, "2026-02-11", status=False) == [("forum", "2026-02-12/2026-02-13", ("KR", "TH"))]
    text = "공단은 3일(화)부터 사흘 동안 하노이에서 베트남 농업부(테스트)와 공동 워크숍을 열었다."
    assert drafted(text, "2026-03-20", status=False) == [("forum", "2026-03-03/2026-03-05", ("KR", "VN"))]


# --- kinds ----------------------------------------------------------------------------------------


def test_a_project_carried_out_with_beolida():
    # "사업을 벌인다" (and 펼친다): the noun's event, as with 진행하다
    text = "두 기관은 오는 4월부터 12월까지 태국 치앙마이에서 '스마트관광 공동 실증사업'을 벌인다."
    assert drafted(text, "2026-02-11", status=False) == [("project", "2026-04/2026-12", ("KR", "TH"))]


def test_a_visit_told_as_its_schedule():
    # "방문하는 일정이다": the schedule is the statement (no noun it only describes); a leg of it folds into it
    text = ("한국 대표단은 24일부터 28일까지 파리와 그르노블을 방문하는 일정이다. 대표단은 27일 그르노블의 연구 단지를 찾아 "
            "제조 시설을 둘러볼 예정이다.")
    assert drafted(text, "2025-11-27", status=False) == [("visit", "2025-11-24/2025-11-28", ("FR", "KR"))]


# --- what is no report of an event ---------------------------------------------------------------


def test_a_correction_note_states_no_event():
    story = ("한국양자산업협회(테스트)는 지난 25일 파리에서 프랑스 국립양자기술원(테스트)과 '한-프랑스 양자기술 포럼'을 "
             "열었다고 26일 밝혔다.\n\n")
    note = ("[바로잡습니다]\n본지는 27일 송고한 이 기사에서 포럼 개최일을 '26일'로, 양해각서 체결 기관을 '프랑스 국립과학연구원'"
            "으로 잘못 표기했습니다. 포럼은 25일 열렸으며 양해각서 체결 기관은 '프랑스 국립양자기술원'이기에 바로잡습니다.\n")
    assert drafted(story + note, "2025-11-27", status=False) == [("forum", "2025-11-25", ("FR", "KR"))]
    en = ("SEOUL, 27 November 2025 – The Korea Quantum Association held a forum with France's National Quantum "
          "Institute in Paris on Tuesday.\n\nCorrection: An earlier version of this story said the forum was held "
          "on Wednesday and that a memorandum was signed with the Paris Science Centre in Lyon. The forum was held "
          "on Tuesday.\n")
    assert drafted(en, "2025-11-27", status=False) == [("forum", "2025-11-25", ("FR", "KR"))]


# --- one event told twice -------------------------------------------------------------------------


def test_a_lead_of_a_lent_date_is_the_event_a_later_sentence_dates():
    # the lead says what the story is about with no date of its own (it borrows the posting line's, "2025-11-27?");
    # the report after it dates the same signing
    text = ("한-프랑스 양자 협력 '가속'…파리 포럼서 국내 스타트업-佛 연구소 협약\n\n2025.11.27 07:10 | 업데이트 2025.11.27 "
            "15:32\n김하늘 기자(테스트)\n\n국내 양자 기업과 연구기관들이 프랑스 파리에서 현지 연구소와 잇따라 협력을 맺으며 유럽 "
            "진출에 속도를 내고 있다.\n\n한국양자산업협회(테스트)는 지난 25일 파리에서 프랑스 국립양자기술원(테스트)과 "
            "'한-프랑스 양자기술 포럼'을 열었다고 26일 밝혔다.\n\n이날 포럼 부대행사로 스타트업 큐비트랩스(테스트)와 프랑스 "
            "국립양자기술원은 '양자 오류 보정 양해각서'를 체결했다.")
    assert drafted(text, "2025-11-27", status=False) == [("forum", "2025-11-25", ("FR", "KR")),
                                                         ("signing", "2025-11-25", ("FR", "KR"))]


def test_what_is_done_during_her_stay_is_the_visit():
    # "During her stay, the Minister also toured …": the visit told, as "during the visit" already was
    text = ("SEOUL, 14 June 2024 – Montenegro's Minister of Agriculture, Ms. Jelena Vukovic (test), paid an official "
            "visit to the Republic of Korea from 10 to 13 June 2024.\n\nOn 11 June she signed a memorandum on fisheries "
            "with the Korean Ministry of Oceans and Fisheries.\n\nDuring her stay, the Minister also toured research "
            "facilities in Busan.")
    assert drafted(text, "2024-06-14", status=False) == [("visit", "2024-06-10/2024-06-13", ("KR", "ME")),
                                                         ("signing", "2024-06-11", ("KR", "ME"))]


def test_diplomatic_relations_established_are_no_opening():
    text = "SEOUL, 14 June 2024 – Montenegro and the Republic of Korea established diplomatic relations in 2006."
    assert drafted(text, "2024-06-14") == []
    # a centre established still opens
    text = "SEOUL, 14 June 2024 – Montenegro and Korea established a joint fisheries research centre in Bar in May."
    assert [g[0] for g in drafted(text, "2024-06-14")] == ["opening"]


# --- a university page of two partner countries -----------------------------------------------------

_BALKANS = (
    "Test Hanbit University News\n\n"
    "Students from Korea, North Macedonia and Bosnia and Herzegovina took part last month in the first Heritage Summer "
    "School run by Hanbit University.\n\n"
    "The summer school ran from August 17 to 28 in Ohrid, North Macedonia, with the University of Ohrid (test) and the "
    "Institute for Heritage Documentation in Sarajevo (test).\n\n"
    "On August 18, Hanbit University and the University of Ohrid (test) signed an exchange agreement.\n\n"
    "On August 31, Hanbit University signed a memorandum with the Institute for Heritage Documentation in Sarajevo "
    "(test).\n\n"
    "The cooperation with Ohrid is not new: it started with a joint workshop that the two universities held in Seoul in "
    "2023.\n\n"
    "The lab will open a heritage data hub in Seoul in November, which the three partner institutions will run together.")


def test_a_summer_school_is_a_project_told_again_by_its_noun():
    # "summer school" names a project (as 서머스쿨 does); "The summer school ran from …" is the one just told, dated now
    assert drafted(_BALKANS, "2026-09-03", status=False)[0] == ("project", "2026-08-17/2026-08-28", ("BA", "KR", "MK"))


def test_a_body_in_a_city_with_an_aside_and_a_university_named_after_a_city():
    # "the Institute … in Sarajevo (test)": the bracketed aside does not hide the city; "the University of Ohrid" is of
    # the country of Ohrid, which the article names
    got = drafted(_BALKANS, "2026-09-03", status=False)
    assert ("signing", "2026-08-18", ("KR", "MK")) in got
    assert ("signing", "2026-08-31", ("BA", "KR")) in got


def test_a_university_named_after_a_city_of_a_country_the_article_does_not_name():
    # the University of Canterbury (New Zealand) is not placed in England's Canterbury
    text = ("SEOUL, 9 February 2026 – KAIST has signed a memorandum with the University of Canterbury (test) on a joint "
            "doctoral programme, the university in Christchurch, New Zealand, said today.")
    assert drafted(text, "2026-02-09", status=False) == [("signing", "../2026-02-09", ("KR", "NZ"))]


def test_the_two_universities_are_the_two_of_the_event_between_universities():
    # not the two countries of the last event of two (a memorandum with a Bosnian institute)
    assert ("forum", "2023", ("KR", "MK")) in drafted(_BALKANS, "2026-09-03", status=False)


def test_two_students_are_no_two_universities():
    # "두 대학생" counts students, not universities: the workshop is not given the universities' signing's parties
    text = ("한빛대학교(테스트)는 3일 북마케도니아 오흐리드대학교(테스트)와 학술교류 협정을 맺었다. "
            "이어 5일에는 한국국제협력단(테스트)이 보스니아헤르체고비나 외교부(테스트)와 개발협력 회의를 열었다.\n\n"
            "두 대학생 대표는 6일 공동 워크숍을 열었다.")
    assert ("forum", "2026-09-06", ("KR", "MK")) not in drafted(text, "2026-09-10", status=False)
    assert ("forum", "2026-09-06", ("KR", "MK")) in drafted(text.replace("대학생 대표", "대학"), "2026-09-10", status=False)


def test_the_three_partner_institutions_are_the_three_countries():
    assert drafted(_BALKANS, "2026-09-03", status=False)[-1] == ("opening", "2026-11", ("BA", "KR", "MK"))


# --- a feature recalling a partnership ---------------------------------------------------------------

_STRAIT = (
    "Test Harbour Times\nFEATURES | Monday, August 24, 2026\n\n"
    "Scientists from Busan and Fukuoka have watched the strait between Korea and Japan together for thirty years.\n\n"
    "The partnership was put on a formal footing in 2006, when the two institutes signed a memorandum of understanding. "
    "In 2012 they opened a shared ocean data centre in Busan's Haeundae district, where readings from buoys between the "
    "two coasts are merged.\n\n"
    "Funding cuts left two buoys without maintenance, and staff say political tensions between Seoul and Tokyo "
    "occasionally made travel approvals slow.\n\n"
    "Last Tuesday and Wednesday, more than 120 researchers gathered at the Busan Exhibition and Convention Center (test) "
    "for a symposium marking the 30th anniversary. On the second day the directors of the two institutes signed a "
    "renewed cooperation agreement.")


def test_a_year_opening_a_sentence_dates_it_and_a_shared_centre_is_joint():
    # "In 2012 they opened …": the capitalised preposition reads the year too; "a shared … centre" is the two's (its
    # sentence's "the two coasts" lent it the parties of the signing before, whose countries come only later)
    assert ("opening", "2012", ("JP", "KR")) in drafted(_STRAIT, "2026-08-24", status=False)


def test_travel_before_a_noun_is_no_visit():
    assert [g for g in drafted(_STRAIT, "2026-08-24", status=False) if g[0] == "visit"] == []


def test_researchers_gathered_for_a_symposium_and_its_second_day():
    got = drafted(_STRAIT, "2026-08-24", status=False)
    assert ("forum", "2026-08-18/2026-08-19", ("JP", "KR")) in got
    assert ("signing", "2026-08-19", ("JP", "KR")) in got  # "On the second day": that day of the symposium


# --- non-events in a ministry's release ---------------------------------------------------------------

_RELEASE = (
    "Test Ministry of Foreign Affairs\nHome > Press > Press Releases\n\n"
    "Outcome of the Korea-Spain Foreign Ministers' Meeting\n\n"
    "Date: 2024-05-16 | Release No. 24-318\n\n"
    "1. Minister Han Seo-jin (test) held talks with Spanish Minister of Foreign Affairs Alejandro Ruiz (test) in Seoul on "
    "Wednesday, 15 May.\n\n"
    "2. Bilateral trade reached about USD 7.1 billion last year, and some 430,000 Spanish tourists visited Korea.\n\n"
    "3. The Ministers also discussed cooperation in the United Nations and agreed to keep in close contact ahead of "
    "multilateral meetings in the second half of the year.\n\n"
    "Related press releases\n- Vice Minister meets visiting delegation from Portugal (test)\n"
    "- Korea and EU hold 10th policy consultation (test)\n")


def test_tourists_counted_ahead_of_meetings_and_related_releases_are_no_events():
    # travellers counted are a statistic; a date that only places the meetings a discussion looks ahead to dates no
    # discussion; the headlines listed under "Related press releases" are other stories
    assert drafted(_RELEASE, "2024-05-16", status=False) == [("meeting", "2024-05-15", ("ES", "KR"))]


def test_a_topic_naming_its_own_foreign_party_keeps_its_own_parties():
    # "… 부다페스트 공과경제대학교 총장 일행의 본교 방문은 … 연기됐다": a visit to Korea of its own, not the tour told before
    # (its body's city already gives it two countries, so no back-reference is looked for: a regression check)
    text = ("한빛대학교(테스트) 총장을 단장으로 한 방문단이 지난달 22일부터 28일까지 헝가리와 알바니아를 차례로 찾았다. "
            "방문단은 22일부터 25일까지 헝가리 부다페스트에, 26일부터 28일까지 알바니아 티라나에 머물렀다.\n\n"
            " • 반도체 공동학위 협약 체결(9월 24일) — 부다페스트 공과경제대학교(테스트)와 공동학위 협약을 맺었다.\n"
            " • 티라나 대학교(테스트)와 학술교류 협정 체결(9월 27일) — 교원·학생 교류를 담은 협정을 체결했다.\n"
            " • 방한 일정 연기 — 당초 이달 하순으로 잡혀 있던 부다페스트 공과경제대학교 총장 일행의 본교 방문은 현지 학사 일정 "
            "문제로 연기됐다.\n")
    got = drafted(text, "2024-10-02")
    assert ("visit", "2024-10-21/2024-10-31", "postponed", ("HU", "KR")) in got


# --- a city's delegation abroad ------------------------------------------------------------------------

_DELEGATION = (
    "테스트 남해안일보\n\n홈 > 지역 > 창원\n\n창원시 대표단, 튀르키예서 협력 물꼬…부르사와 우호협력 의향서\n\n"
    "기사입력 2024-10-08 05:30 | 최종수정 2024-10-08 09:47\n김하늘 기자(테스트)\n\n"
    "창원시(테스트) 대표단이 튀르키예를 방문해 부르사와 우호협력 의향서를 맺고 현지 업체들과 수출 협약을 이끌어냈다.\n\n"
    "창원시는 시 대표단 12명이 지난 1일부터 6일까지 튀르키예 이스탄불과 부르사를 잇달아 방문했다고 7일 밝혔다.\n\n"
    "대표단은 2일 부르사시청에서 부르사 부시장(테스트)과 만나 '우호협력 도시 관계 수립을 위한 의향서'에 서명했다.\n\n"
    "4일에는 이스탄불의 한 호텔에서 창원시와 부르사상공회의소(테스트)가 공동 주최한 '한-튀르키예 배터리 투자설명회'가 열렸다.\n\n"
    "부르사시 대표단은 답방 형식으로 내년 4월 창원을 찾아 정식 자매결연 협정 체결 여부를 논의할 계획이다.")


def test_each_event_of_a_lead_of_a_lent_date_folds_into_its_report():
    # the lead's visit and its signing, both undated ("2024-10-08?" lent by the posting line), are the dated reports after
    got = drafted(_DELEGATION, "2024-10-08", status=False)
    assert [g for g in got if g[1] == "2024-10-08?"] == []
    assert ("visit", "2024-10-01/2024-10-06", ("KR", "TR")) in got and ("signing", "2024-10-02", ("KR", "TR")) in got


def test_a_chamber_of_commerce_is_no_meeting_and_whether_to_sign_is_no_signing():
    # "부르사상공회의소(테스트)가 공동 주최한 '… 투자설명회'가 열렸다": the 회의 of 상공회의소 names a body; "체결 여부를 논의할
    # 계획" weighs whether to sign
    got = drafted(_DELEGATION, "2024-10-08", status=False)
    assert ("forum", "2024-10-04", ("KR", "TR")) in got
    assert [g for g in got if g[0] in ("meeting", "signing") and g[1] in ("2024-10-04", "2025-04")] == []


def test_a_centre_opens_its_doors_without_a_particle():
    # a summary line's "'…센터' 문 연다": an opening (the 공동연구 in the centre's name makes no project)
    text = "- 6월 캄팔라에 '한-우간다 디지털농업 공동연구센터' 문 연다"
    assert drafted(text, "2025-03-12", status=False) == [("opening", "2025-06", ("KR", "UG"))]


def test_this_committee_as_a_topic_is_the_one_told_before():
    # "이번 공동위원회는 2013년 … 서명한 이후 처음으로 열린 … 회의다": the recall pass drafts no meeting of 2013
    text = ("과학기술정보통신부(테스트)는 11일 우간다 캄팔라에서 우간다 과학기술혁신부(테스트)와 '제1차 한-우간다 과학기술공동위원회'를 "
            "열었다고 12일 밝혔다. 이번 공동위원회는 2013년 양국이 과학기술협력협정에 서명한 이후 처음으로 열린 정부 간 공식 "
            "협의체 회의다.")
    assert sorted(drafted(text, "2025-03-12", status=False)) == [("meeting", "2025-03-11", ("KR", "UG")),
                                                                 ("signing", "2013", ("KR", "UG"))]


def test_a_section_heading_is_the_events_its_section_dates():
    text = ("□ 콜롬비아 광업 현황\n\n ○ 같은 해 신규 탐사권 신청 가운데 구리 관련 비중은 31%로, 2020년(12%)보다 크게 늘었음.\n\n"
            "□ 한-콜롬비아 자원협력위원회 개최 및 MOU 체결\n\n ○ 지난 5월 28일 보고타에서 '제5차 한-콜롬비아 자원협력위원회'가 열림.\n"
            " ○ 같은 날 한국광물자원공단(테스트)과 콜롬비아 광업청(테스트)은 '핵심광물 공동 조사 양해각서'를 체결함.\n")
    assert drafted(text, "2025-06-20", status=False) == [("meeting", "2025-05-28", ("CO", "KR")),
                                                         ("signing", "2025-05-28", ("CO", "KR"))]


def test_the_recall_pass_reads_a_training_course():
    text = ("Test Biohealth Association Newsletter\n\nOn 21 October, member company Hanbit Biologics (test) signed a contract "
            "with Kenya BioVax Institute (test).\n\nAs part of the contract, 20 Kenyan technicians will complete a hands-on "
            "training course at the Association's training centre in Songdo, Incheon, from January to March 2026.\n")
    assert drafted(text, "2025-11-03") == [("signing", "2025-10-21", "occurred", ("KE", "KR")),
                                           ("project", "2026-01/2026-03", "planned", ("KE", "KR"))]


# --- a think-tank's event recap --------------------------------------------------------------------------

_RECAP = (
    "Test Institute for Global Health Policy | Events\n\n"
    "Last Thursday's Korea–Madagascar Health Innovation Roundtable (test) brought 60 experts to Seoul.\n\n"
    "Dr. Rakotomalala opened the session by noting that malaria remains a leading cause of death in Madagascar.\n\n"
    "Since 2023, a Korean-Malagasy consortium has been running a malaria diagnosis pilot in twenty health centres of "
    "Madagascar. The pilot is scheduled to run until the end of 2025.")


def test_a_roundtable_is_a_forum_and_opening_its_session_is_none():
    got = drafted(_RECAP, "2024-12-05", status=False)
    assert ("forum", "2024-11-28", ("KR", "MG")) in got
    assert [g for g in got if g[0] in ("meeting", "opening")] == []


def test_a_roundtable_held_is_a_forum_in_either_language():
    # the lexicon's nouns: "co-hosted a roundtable" (no recall pass needed), "라운드테이블'을 열었다"
    en = "The Korean ministry and Madagascar's health ministry co-hosted a roundtable in Antananarivo on 25 November."
    assert drafted(en, "2024-11-28", status=False) == [("forum", "2024-11-25", ("KR", "MG"))]
    ko = "한국과 마다가스카르 정부는 25일 서울에서 '한-마다가스카르 농업 라운드테이블'을 열었다."
    assert drafted(ko, "2024-11-28", status=False) == [("forum", "2024-11-25", ("KR", "MG"))]


def test_the_pilot_as_a_topic_is_the_one_told_before():
    assert [g for g in drafted(_RECAP, "2024-12-05", status=False) if g[0] == "project"] == [
        ("project", "2023/..", ("KR", "MG"))]


def test_a_signing_of_a_day_keeps_its_day_against_a_span_of_its_terms():
    text = ("GUATEMALA CITY, July 22 (Test Wire) - South Korea and Guatemala signed a memorandum of understanding on Tuesday "
            "to cooperate on urban transport.\n\nUnder the agreement, the Korea International Development Cooperation "
            "Agency (test) will fund a feasibility study for the corridor, running from October 2025 to September 2027.")
    assert drafted(text, "2025-07-23", status=False) == [("signing", "2025-07-22", ("GT", "KR"))]


# --- a province's delegation -----------------------------------------------------------------------------

_PROVINCE = (
    "새빛도(테스트)는 도 대표단이 지난 8일부터 13일까지 아이슬란드를 방문해 지열 에너지 협력 기반을 다졌다고 16일 밝혔다.\n\n"
    "박선영 행정부지사(테스트)를 단장으로 한 대표단에는 도 에너지산업과와 도내 에너지기업 4개사 관계자 등 15명이 참여했다.\n\n"
    "또 오는 10월에는 도청 일원에서 '새빛 국제 지열포럼'을 열고 아이슬란드 전문가들을 초청해 실증 성과를 공유할 계획이다.\n\n"
    "도와 아이슬란드의 인연은 2022년 아이슬란드 지열기업 대표단이 도를 찾으면서 시작됐다. 지난해 11월에는 클러스터 대표단의 "
    "답방이 예정돼 있었으나 화산 분화로 일정이 취소된 바 있다.")


def test_who_was_in_the_delegation_is_the_visit_told_before():
    got = drafted(_PROVINCE, "2025-03-16", status=False)
    assert [g for g in got if g[0] == "visit" and g[1].startswith("2025-03")] == [
        ("visit", "2025-03-08/2025-03-13", ("IS", "KR"))]


def test_experts_invited_to_a_forum_make_no_visit_of_their_own():
    got = drafted(_PROVINCE, "2025-03-16", status=False)
    assert [g for g in got if g[1] == "2025-10"] == [("forum", "2025-10", ("IS", "KR"))]
    # a delegation invited is a visit still
    text = "경상북도는 오는 9월 베트남 꽝닌성 대표단을 초청해 농업기술 연수 프로그램을 운영할 계획이다."
    assert sorted(drafted(text, "2025-05-01", status=False)) == [("project", "2025-09", ("KR", "VN")),
                                                                 ("visit", "2025-09", ("KR", "VN"))]


def test_the_schedule_called_off_is_the_visit_of_the_clause_before():
    assert ("visit", "2024-11", "cancelled", ("IS", "KR")) in drafted(_PROVINCE, "2025-03-16")


def test_a_joint_survey_carried_out_over_a_span_is_a_project():
    text = ("한국광물자원공단(테스트)과 콜롬비아 광업청(테스트)은 지난 5월 28일 양해각서를 체결했다. 양해각서에 따라 두 기관은 오는 "
            "9월부터 2027년 8월까지 안티오키아주 일대에서 구리 광상 공동 탐사를 진행할 예정이다.")
    assert drafted(text, "2025-06-20") == [("signing", "2025-05-28", "occurred", ("CO", "KR")),
                                           ("project", "2025-09/2027-08", "planned", ("CO", "KR"))]


def test_a_trip_told_leg_by_leg_in_one_clause_is_its_legs():
    # the predicate said once for two legs, each with its days and its place: two visits, the trip left to them
    text = ("한빛대학교(테스트) 총장을 단장으로 한 방문단이 지난달 22일부터 28일까지 헝가리와 알바니아를 차례로 찾았다. "
            "방문단은 22일부터 25일까지 헝가리 부다페스트에, 26일부터 28일까지 알바니아 티라나에 머물렀다.")
    assert drafted(text, "2024-10-02", status=False) == [("visit", "2024-09-22/2024-09-25", ("HU", "KR")),
                                                         ("visit", "2024-09-26/2024-09-28", ("AL", "KR"))]


def test_what_the_visitors_did_in_a_clause_of_the_visit_is_the_visit():
    text = ("Test Biohealth Association Newsletter\n\nThe Association first took a delegation to Kenya in 2023, when members "
            "toured the BioVax site in Nairobi and met the Ministry of Health (test).")
    assert drafted(text, "2025-11-03", status=False) == [("visit", "2023", ("KE", "KR"))]


def test_a_project_after_a_time_is_its_subjects_and_a_follow_up_is_no_signing():
    # "오는 4월부터 2028년 3월까지 … '… 사업'이 진행될": 부터/까지 mark a time, not the subject; "양해각서의 후속 조치로" names the
    # signing as what the project follows (the recall pass drafts no signing of it)
    text = ("우리 연구원은 지난달 28일 요르단 국립수자원센터(테스트)와 조기경보 양해각서를 체결했습니다.\n\n"
            "양해각서의 후속 조치로, 오는 4월부터 2028년 3월까지 2년간 '요르단 와디 돌발홍수 조기경보 시스템 구축 사업'이 진행될 "
            "예정입니다.")
    assert drafted(text, "2026-02-11", status=False) == [("signing", "2026-01-28", ("JO", "KR")),
                                                         ("project", "2026-04/2028-03", ("JO", "KR"))]
