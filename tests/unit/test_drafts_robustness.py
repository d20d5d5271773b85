"""The drafter never fails on what a request may carry: any text, any HTML, odd dates."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.query.drafts import draft

# Text built from the pieces the rules look for, so that odd combinations reach them.
PIECES = st.sampled_from([
    "한국", "러시아", "한-러", "벨라루스-한국", "韓", "UAE", "Visegrad countries", "서울시", "과학기술정보통신부",
    "장관", "대통령", "는 ", "와 ", "를 ", "에서 ", "MOU를 체결했다", "포럼이 개최됐다", "방문했다", "개소했다",
    "추진할 예정이다", "연기했다", "취소했다", "2018년 6월 22일", "2017 4 9일부터 13일까지", "지난 20일", "오는 29일까지",
    "내달 초", "이달 중순", "지난해 8월", "25일부터 28일까지", "이날", "같은 달", "▲", "(2014년)", "‘", "’", ", ",
    ". ", "\n", "signed an agreement", "visited", "on Saturday", "last month", "April 9-13, 2017", "the two sides",
    "Korea Institute of Science and Technology", "Japan's RIKEN", " and ", "SEOUL, 14 April 2025 - ", "협회는",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(PIECES, max_size=40), published=st.sampled_from([None, "2018-06-24", "2011-05?", "2023/..", "2024"]))
def test_any_text_gives_well_formed_drafts(parts, published):
    text = "".join(parts)
    body = {"text": text, "publisher": "테스트"}
    if published:
        body["published"] = published
    out = draft(body)
    assert set(out) == {"article", "drafts"}
    for d in out["drafts"]:
        assert d["quote"] in text
        assert set(d) == {"record", "quote", "confidence", "missing", "matches"}


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_unicode_and_html(text):
    draft({"text": text, "publisher": "x"})
    draft({"html": f"<html><body><p>{text}</p></body></html>", "publisher": "x"})
    draft({"html": text, "publisher": "x"})


def test_a_publication_day_no_calendar_has_is_no_publication_date():
    from services.query.drafts import draft

    text = ("세 나라는 대신 12월 초 프놈펜에서 실무회의를 열어 공동사업을 논의하기로 했습니다.\n\n"
            "Korea's Test Agency (test) and Vietnam's Test Ministry (test) signed an agreement in Hanoi last month.")
    out = draft({"text": text, "published": "2026-02-30"})
    assert out["article"]["published"] is None and isinstance(out["drafts"], list)
