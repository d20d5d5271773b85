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
