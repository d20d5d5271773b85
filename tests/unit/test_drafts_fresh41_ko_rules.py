"""The general rules of the round on the Korean articles of `fresh41/` to `fresh47/`, each tried on short texts of
our own."""

from tests.unit.drafts_corpus import drafted


def test_a_visit_done_before_the_next_stop_is_a_visit_of_its_own():
    # "…를 방문한 데 이어 …을 찾아": two stops, each its days and its country
    text = ("시립대학교(테스트) 대표단은 6월 2일부터 4일까지 포르투갈 리스본을 방문한 데 이어 5~6일에는 스페인 "
            "마드리드를 찾아 현지 대학들과 교류 방안을 논의했다.")
    visits = {d[1:] for d in drafted(text, "2026-06-10") if d[0] == "visit"}
    assert ("2026-06-02/2026-06-04", "occurred", ("KR", "PT")) in visits
    assert ("2026-06-05/2026-06-06", "occurred", ("ES", "KR")) in visits


def test_a_body_told_with_its_city_is_of_that_city_s_country():
    # after a trip to two countries, "리스본의 …대학교와 … 체결했다" is Portugal's alone
    text = ("시립대학교(테스트) 대표단은 6월 1일부터 6일까지 포르투갈과 스페인을 방문했다.\n"
            "대표단은 지난 3일 리스본의 대서양해양대학교(테스트)와 해양공학 분야 공동연구 협정을 체결했다.")
    signing = [d for d in drafted(text, "2026-06-10") if d[0] == "signing"]
    assert signing and signing[0][1:] == ("2026-06-03", "occurred", ("KR", "PT"))


def test_a_heading_s_open_start_dates_no_line_under_it():
    # "…체결…이달 중순부터 … 운영" as the deck under a headline: no date for the sentences below it
    text = ("'한-몽골 기상자료센터' 울란바토르에 문 열어\n"
            "몽골 기상청(테스트)과 자료 공유 협정 체결…이달 중순부터 예보관 교육\n"
            "기상정보원(테스트)은 지난 4일 몽골 울란바토르에서 '한-몽골 기상자료센터(테스트)' 개소식을 가졌다고 "
            "9일 밝혔다.\n"
            "개소식에 참석한 몽골 기상청 차관은 축사에서 \"센터가 몽골 예보의 새 출발점이 될 것\"이라고 말했다.")
    assert [d for d in drafted(text, "2026-06-09") if d[1] and d[1].endswith("/..")] == []


def test_a_date_in_another_part_of_a_headline_dates_no_event_of_this_part():
    # "협정 체결…이달 중순부터 교육": the date is the course's, not the signing's
    text = ("'한-몽골 기상자료센터' 울란바토르에 문 열어\n"
            "몽골 기상청(테스트)과 자료 공유 협정 체결…이달 중순부터 예보관 교육\n"
            "기상정보원(테스트)은 지난 4일 울란바토르에서 몽골 기상청과 자료 공유 협정을 맺었다고 9일 밝혔다.")
    signings = [d for d in drafted(text, "2026-06-09") if d[0] == "signing"]
    assert [d[1] for d in signings] == ["2026-06-04"]


def test_a_course_run_for_foreign_officials_is_a_training_project():
    text = "센터는 다음 달부터 몽골 기상청 공무원을 대상으로 수치예보 교육과정을 운영한다."
    assert ("project", "2026-07/..", "planned", ("KR", "MN")) in drafted(text, "2026-06-09")


def test_the_press_short_name_of_uzbekistan_is_read_in_a_compound():
    # "'한-우즈벡 …포럼'": Korea and Uzbekistan, so "한편 …" is no separate story of one side
    text = ("기상정보원(테스트)은 지난 4일 타슈켄트에서 우즈베키스탄 수문기상청(테스트)과 협약을 맺었다.\n"
            "한편 지난달 20일 열릴 예정이었던 '한-우즈벡 기상 포럼'은 연기됐다.")
    assert ("forum", "2026-05-20", "postponed", ("KR", "UZ")) in drafted(text, "2026-06-09")


def test_projects_begun_far_apart_are_two_projects():
    # a pilot run since last year and a course from this month: two projects, however alike their titles
    text = ("센터는 이달 중순부터 우즈베키스탄 공무원을 대상으로 데이터 교육과정을 운영한다.\n"
            "정보원이 사마르칸트 주에서 2025년부터 2027년까지 추진하고 있는 스마트관개 시범사업에는 센터 인력이 "
            "참여할 계획이다.")
    projects = sorted(d[1] for d in drafted(text, "2026-06-09") if d[0] == "project")
    assert projects == ["2025/2027", "2026-06-11/.."]


def test_a_signing_told_as_the_time_of_the_next_event_is_the_signing_told_before():
    # "협정 체결 뒤 … 이동해 23일 … 워크숍을 열었다": the workshop on the 23rd, the signing still the 21st's
    text = ("시립대학교(테스트)는 지난 21일 카자흐스탄 알마티에서 초원공과대학교(테스트)와 공동연구 협정을 체결했다.\n"
            "일행은 협정 체결 뒤 아스타나로 이동해 23일 현지 연구기관 관계자들과 '한-카자흐 소재 워크숍'을 열었다.")
    got = drafted(text, "2026-05-27")
    assert [d[1] for d in got if d[0] == "signing"] == ["2026-05-21"]
    assert ("forum", "2026-05-23", "occurred", ("KR", "KZ")) in got
