"""The general rules written for the misses and wrong drafts of `fresh21/`'s and `fresh22/`'s first runs,
each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- tense ----------------------------------------------------------------------------------------


def test_preparing_to_is_for_what_is_to_come():
    # "are (also) preparing to …": getting ready for an event still ahead, so planned, in the coming November
    text = ("Danish design studios are also preparing to hold a joint exhibition with Korean studios at a "
            "furniture fair in Copenhagen in November, the agency said.")
    assert drafted(text, "2026-02-10") == [("forum", "2026-11", "planned", ("DK", "KR"))]


# --- dates ----------------------------------------------------------------------------------------


def test_a_project_of_n_years_begun_in_a_month_spans_them():
    # "The three-year project is scheduled to start in July": July and the three years after it
    text = ("Under the agreement, the two institutes will run a joint research project on offshore wind with "
            "Denmark's Technical Wind Institute (test). The three-year project is scheduled to start in July.")
    got = drafted(text, "2026-02-10", status=False)
    assert ("project", "2026-07/2029-06", ("DK", "KR")) in got


# --- one event told twice -------------------------------------------------------------------------


def test_a_day_of_a_visit_told_in_a_list_item_is_that_visit():
    # a "□" item that is a full sentence is a statement: the site visited on the trip's last day is the trip
    text = ("□ 우주항공청 대표단은 3월 2일부터 4일까지 카자흐스탄을 방문하였으며, 방문 마지막 날인 4일에는 "
            "아스타나 소재 국립우주연구센터(테스트)를 방문하였습니다.")
    assert drafted(text, "2026-03-05") == [("visit", "2026-03-02/2026-03-04", "occurred", ("KR", "KZ"))]


def test_a_photo_caption_told_by_who_stands_where_retells_the_story():
    # "▲ … 시장(오른쪽 세 번째)과 …": a caption under a photo, no second signing
    text = ("강릉시(테스트)는 베트남 다낭시(테스트)와 11일 시청에서 관광 교류 협약을 체결했다고 12일 밝혔다.\n\n"
            "▲ 김한솔 강릉시장(오른쪽 세 번째)과 응우옌 반 남 다낭시 부시장(왼쪽 세 번째)이 11일 강릉시청에서 관광 교류 "
            "협약을 체결한 뒤 기념촬영을 하고 있다.\n")
    assert drafted(text, "2025-03-12") == [("signing", "2025-03-11", "occurred", ("KR", "VN"))]
    # a "▲" list of events (no one's place in a photo) is still read
    text = "한국과 베트남의 교류 일지.\n▲2024년 5월 하노이에서 한-베트남 관광 포럼 개최 ▲2024년 9월 관광 교류 협약 체결\n"
    assert len(drafted(text, "2025-03-12")) == 2


def test_a_lead_paragraphs_later_sentence_is_dated_by_the_report():
    # a broadcast anchor's lead of two sentences: the signing of its second, only lent a date, is the one the report dates
    text = ("[앵커]\n베트남 관광 기업 대표단이 부산을 찾았습니다. 부산시는 베트남 다낭시와 관광 교류 협약을 맺고, 직항 노선 "
            "확대에 나서기로 했습니다.\n\n[리포트]\n다낭시(테스트) 관광국장 등 10명으로 꾸려진 대표단은 6일부터 8일까지 부산을 "
            "방문했습니다.\n부산시와 다낭시는 어제 시청에서 관광 교류 협약을 체결했습니다.\n")
    assert drafted(text, "2024-11-08", publisher="테스트방송") == [
        ("visit", "2024-11-06/2024-11-08", "occurred", ("KR", "VN")),
        ("signing", "2024-11-07", "occurred", ("KR", "VN"))]
