"""The general rules written for the misses and wrong drafts of the Korean articles of `fresh33/`'s and `fresh34/`'s
first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- dates ------------------------------------------------------------------------------------------------


def test_days_of_a_past_month_written_once_are_a_span():
    # "지난 5월 12~14일": both days, as "5월 12~14일" is (지난 before the month, not before the days)
    text = "지난 5월 12~14일 페루 리마에서 '한-페루 광업기술 포럼'이 열렸다."
    assert drafted(text, "2025-08-04") == [("forum", "2025-05-12/2025-05-14", "occurred", ("KR", "PE"))]


def test_a_range_ending_in_a_relative_year_is_read_against_the_publication():
    # "2022년부터 지난해까지": 2022 to the year before publication, not 2022 alone
    text = "군은 2022년부터 지난해까지 라오스 농업 공무원 30명을 초청해 벼 재배 연수과정을 운영했다."
    assert drafted(text, "2026-03-02") == [("project", "2022/2025", "occurred", ("KR", "LA"))]


def test_the_first_day_of_the_forum_named_before_it():
    # "포럼 첫날에는": the forum's first day, not its whole span
    text = ("지난 5월 12~14일 페루 리마에서 '한-페루 광업기술 포럼'이 열렸다. "
            "포럼 첫날에는 한국광물공사와 페루 광업청이 업무협약을 맺었다.")
    assert drafted(text, "2025-08-04") == [("forum", "2025-05-12/2025-05-14", "occurred", ("KR", "PE")),
                                           ("signing", "2025-05-12", "occurred", ("KR", "PE"))]


def test_days_of_a_forum_told_in_list_items():
    # "둘째 날인 13일": the forum's month, not the month before publication; "- 라벨: 마지막 날 오후에는": its last day,
    # after an item told of one day
    text = ("지난 5월 12~14일 페루 리마에서 '한-페루 광업기술 포럼'이 열렸다.\n"
            "- 업무협약: 둘째 날인 13일 한국광물공사와 페루 광업청이 업무협약을 맺었다.\n"
            "- 실무협의회: 마지막 날 오후에는 양국 대표가 실무협의회를 열고 후속 사업을 논의했다.")
    assert drafted(text, "2025-08-04") == [("forum", "2025-05-12/2025-05-14", "occurred", ("KR", "PE")),
                                           ("signing", "2025-05-13", "occurred", ("KR", "PE")),
                                           ("meeting", "2025-05-14", "occurred", ("KR", "PE"))]


# --- sides ------------------------------------------------------------------------------------------------


def test_our_society_is_not_the_foreign_society_named_before():
    # "우리 학회": the writer's own society, not "볼리비아 지질학회" told in the sentence before
    text = ("지난해 우리 학회와 볼리비아 지질학회가 라파스에서 워크숍을 처음 열었다. "
            "지난 2일 우리 학회와 칠레 국립광업센터가 광물탐사 협력을 위한 업무협약을 맺었다.")
    assert drafted(text, "2025-12-19")[1] == ("signing", "2025-12-02", "occurred", ("CL", "KR"))


def test_a_particle_read_inside_a_name_is_part_of_it():
    # "리가응용과학대학" read as 리 + 가 (a subject's particle) + …: the whole word is the body, Latvia's
    from services.query.drafts import draft

    text = "우리 대학은 3월 4일(수) 라트비아 리가응용과학대학과 해양 분야 복수학위 운영 협약을 맺었다."
    assert drafted(text, "2026-03-09") == [("signing", "2026-03-04", "occurred", ("KR", "LV"))]
    names = [p["name"] for p in draft({"text": text, "published": "2026-03-09"})["drafts"][0]["record"]["participants"]]
    assert "라트비아 리가응용과학대학" in names


def test_a_country_listed_on_after_a_compound_is_a_side():
    # "한·카타르·UAE 3국은": the UAE too, not only the compound's pair
    text = "한·오만·UAE 3국은 내년 5월 서울에서 '담수화 공동연구 워크숍'을 열 계획이다."
    assert drafted(text, "2026-12-01") == [("forum", "2027-05", "planned", ("AE", "KR", "OM"))]


def test_three_countries_as_the_subject_are_the_storys_three():
    # "3국은" (with its particle, as "3국 연구진"): Korea and the two foreign countries the story names most
    text = ("한국지질학회는 칠레와 페루의 지진 연구기관과 교류해 왔다. 칠레와 페루는 지진이 잦은 나라다.\n"
            "- 신규 공동연구: 3국은 내년부터 3년간 '안데스 단층 공동연구'를 추진하기로 했다.")
    assert drafted(text, "2025-12-19") == [("project", "2026/2028", "planned", ("CL", "KR", "PE"))]
