"""The general rules written for the misses and wrong drafts of the Korean articles of `fresh35/` to `fresh40/`'s
first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- kinds ------------------------------------------------------------------------------------------------


def test_an_opening_told_in_a_dated_modifier():
    # "2020년 … 문을 연 '…센터'는": the centre's opening, with its year (a modifier, yet the event is told)
    text = "2020년 나이로비에 문을 연 '한-케냐 물환경연구센터'는 두 나라 연구자 15명이 함께 일하는 곳이다."
    assert drafted(text, "2025-08-04") == [("opening", "2020", "occurred", ("KE", "KR"))]


def test_an_opening_told_in_a_dated_modifier_of_a_day():
    # "2017년 5월 … 관측소가 문을 열던 날": the day the station opened
    text = "2017년 5월 케냐 나이로비에 두 나라가 함께 세운 기후관측소가 문을 열던 날 우리는 함께 울었다."
    assert drafted(text, "2025-08-04") == [("opening", "2017-05", "occurred", ("KE", "KR"))]
