"""Verbless list and chronology lines, multilateral events, week-long events and a delegation's
departure: the general rules for the misses of the latest unseen batches, on texts of our own."""

from services.query.drafts.fallback import is_list_line
from services.query.drafts.multilateral import listed_countries
from tests.unit.drafts_corpus import drafted as drafted_as


def drafted(text: str, published: str) -> list[tuple]:
    return drafted_as(text, published, publisher="테스트", status=False)


# --- verbless dated lines whose head noun is an event noun ---------------------------------------

def test_a_korean_chronology_line_ending_on_an_event_noun_is_an_event():
    text = ("한-러 과학기술 협력 일지\n\n○ 2019. 5. 16. 제13차 한-러 과기공동위 개최\n"
            "○ 2021. 4. 2. 러시아 대표단 방한\n○ 2022. 6. 10. 모스크바 한-러 혁신포럼\n")
    got = drafted(text, "2026-05-04")
    assert ("meeting", "2019-05-16", ("KR", "RU")) in got
    assert ("visit", "2021-04-02", ("KR", "RU")) in got
    assert ("forum", "2022-06-10", ("KR", "RU")) in got


def test_a_list_line_naming_no_side_takes_the_pages_two_countries():
    text = ("충남도, 몽골 울란바토르시 대표단 초청\n\n충청남도는 몽골 울란바토르시 대표단이 다음 주 도를 찾는다고 "
            "2일 밝혔다.\n\n□ 주요 일정\n ○ 11. 9.: 도지사 접견 및 오찬\n ○ 11. 10.: 스마트팜 단지 견학\n")
    got = drafted(text, "2026-11-02")
    assert ("meeting", "2026-11-09", ("KR", "MN")) in got
    assert not [g for g in got if g[1] == "2026-11-10"]  # 견학 (a tour of a site) is no event word


def test_an_english_dated_item_without_a_predicate_is_an_event():
    text = ("Chamber notes — June 2026\n\nEARLIER THIS YEAR\n"
            "- 3 March: Signing of a memorandum with the Peruvian Chamber of Commerce, Lima.\n"
            "- 20–22 April: Business delegation to Arequipa and Cusco.\n\nNEXT\n"
            "- 14 September: Korea–Peru Mining Forum, Lima.\n")
    got = drafted(text, "2026-06-05")
    assert ("signing", "2026-03-03", ("KR", "PE")) in got
    assert ("visit", "2026-04-20/2026-04-22", ("KR", "PE")) in got
    assert ("forum", "2026-09-14", ("KR", "PE")) in got


def test_a_brief_without_tense_reads_its_day_as_the_nearest_and_its_foreign_side():
    # "5일" in a people-in-the-news brief published on the 4th is tomorrow, and the ambassador's
    # country is the other side though no particle marks it
    text = "[동정]\n\n◇박민수 한국무역보험공사 사장 = 5일 서울 본사에서 주한 가나 대사 접견.\n"
    assert drafted(text, "2026-05-04") == [("meeting", "2026-05-05", ("GH", "KR"))]


def test_list_lines_are_told_by_their_opening():
    assert is_list_line("○ 10. 22.: 도지사 접견")
    assert is_list_line("- 15–17 July: Trade mission to Monterrey")
    assert is_list_line("15–17 July: Trade mission to Monterrey")
    assert is_list_line("10:00  Signing of a memorandum")
    assert not is_list_line("The minister signed a memorandum on 3 March.")


# --- multilateral events ----------------------------------------------------------------------------

def test_a_list_of_three_or_more_countries_or_a_group_is_read_whole():
    assert listed_countries("Tanzania, Kenya, Uganda and Korea held a forum") == ["TZ", "KE", "UG", "KR"]
    assert listed_countries("탄자니아·케냐·우간다 연구자 20여 명 참석.") == ["TZ", "KE", "UG"]
    assert listed_countries("한-중앙아 5개국 장관회의") == ["KG", "KZ", "TJ", "TM", "UZ"]
    assert listed_countries("한국과 러시아 포럼") == []  # two: the rules' compound and particles say it


def test_a_forum_of_several_countries_has_them_all_as_sides():
    text = "Nairobi, 12 May 2026 – Tanzania, Kenya, Uganda and Korea held the first East Africa–Korea Water Forum in Nairobi on Monday."
    assert drafted(text, "2026-05-12") == [("forum", "2026-05-11", ("KE", "KR", "TZ", "UG"))]
    text = "과기정통부는 지난 3일 서울에서 한-중앙아 5개국 과학기술 장관회의를 열었다."
    assert drafted(text, "2026-05-12") == [("meeting", "2026-05-03", ("KG", "KR", "KZ", "TJ", "TM", "UZ"))]


def test_an_attendance_line_after_a_forum_gives_its_sides():
    text = "과기정통부는 지난 3일 서울에서 제1차 한-아프리카 물 포럼을 열었다. 탄자니아·케냐·우간다 대표단 30여 명이 참석했다."
    assert drafted(text, "2026-05-12") == [("forum", "2026-05-03", ("KE", "KR", "TZ", "UG"))]


def test_those_attending_an_event_with_a_party_of_its_own_are_no_sides():
    text = ("Seoul, 3 October 2025 – KIST and the Portuguese institute INL opened a joint laboratory in Braga. The "
            "opening was followed by the KIST–INL Photonics Symposium, held in Braga from Sept. 30 to Oct. 1 and "
            "attended by about 100 scientists from Korea, Portugal and Spain.")
    assert ("KR", "PT", "ES") not in [tuple(g[2]) for g in drafted(text, "2025-10-03")]
    assert all("ES" not in g[2] for g in drafted(text, "2025-10-03"))


# --- week-long events and a delegation's departure --------------------------------------------------

def test_a_named_week_is_a_forum():
    text = "과기정통부는 지난 10일부터 14일까지 스웨덴 스톡홀름에서 '한-스웨덴 혁신 주간'을 열었다."
    assert drafted(text, "2026-05-20") == [("forum", "2026-05-10/2026-05-14", ("KR", "SE"))]
    # 주간 as "weekly" names no event
    assert [g[0] for g in drafted("과기정통부는 지난 10일 스웨덴 대표단과 주간 회의를 열었다.", "2026-05-20")] == ["meeting"]


def test_a_programme_title_naming_its_event_is_dated_by_the_line_under_it():
    text = ("Programme: Korea–Chile Science Week\nSantiago, 8–12 March 2027\n\nMonday 8 March\n"
            "10:00  Opening session\n")
    assert ("forum", "2027-03-08/2027-03-12", ("CL", "KR")) in drafted(text, "2027-02-20")
    # a headline that is a sentence restates the lead
    text = ("Busan and Santiago sign port pact as mayor tours Chile\nSeoul, 9 June 2026\n\n"
            "Busan signed a port agreement with Santiago in Chile on 8 June 2026.\n")
    assert [g[0] for g in drafted(text, "2026-06-09")] == ["signing"]


def test_a_delegations_departure_is_its_visit():
    text = ("Programme of the Korean business delegation to Chile\n\nWednesday 10 March — Santiago\n"
            "Site visit to a copper smelter\n\nThursday 11 March\nDeparture of the Korean delegation\n")
    assert ("visit", "2027-03-11", ("CL", "KR")) in drafted(text, "2027-02-20")
    # "출국" under a delegation's schedule heading, and "대표단 출국" on a line of its own
    text = ("칠레 산티아고주 교류 일정\n\n□ 대표단 주요 일정(3. 9.~3. 11.)\n ○ 3. 9.: 농업기술원 견학\n"
            " ○ 3. 11.: 여수 산단 시찰 후 출국\n")
    assert drafted(text, "2027-03-02") == [("visit", "2027-03-11", ("CL", "KR"))]
    text = "칠레 교류 일지\n\n○ 2025. 4. 3. 칠레 산티아고주 경제 대표단 입국\n"
    assert drafted(text, "2027-03-02") == [("visit", "2025-04-03", ("CL", "KR"))]


def test_a_visit_told_before_its_delegations_schedule_takes_its_days():
    text = ("경북도, 베트남 꽝찌성 대표단 초청\n\n경상북도는 베트남 꽝찌성 대표단을 초청해 농업 협력 설명회를 연다고 "
            "2일 밝혔다.\n\n□ 대표단 주요 일정(11. 16.~11. 19.)\n ○ 11. 17.: 도청 견학\n")
    visits = [g for g in drafted(text, "2026-11-02") if g[0] == "visit"]
    assert visits == [("visit", "2026-11-16/2026-11-19", ("KR", "VN"))]


def test_a_list_line_naming_no_country_is_between_the_pages_two():
    text = ("경북도-꽝찌성 교류 경과\n\n경상북도와 베트남 꽝찌성은 2020년부터 농업 분야에서 협력해 왔다.\n\n□ 추진 경과\n"
            " ○ 2024. 3.: 도 농정국 실무단 현지 파견\n")
    assert ("visit", "2024-03", ("KR", "VN")) in drafted(text, "2026-11-02")


def test_a_demonym_two_country_names_share_is_read_the_same_on_every_run():
    import os
    import subprocess
    import sys
    code = "from services.query.drafts import places; print(places.find('Nigerian engineers')[0].codes)"
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2", "4")}
    assert seen == {"('NG',)"}  # Nigeria + n, not Niger + ian, whatever the hash seed
