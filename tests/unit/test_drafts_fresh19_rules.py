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
