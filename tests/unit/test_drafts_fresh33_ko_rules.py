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
