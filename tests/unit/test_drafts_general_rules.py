"""Dates of plans called off, the news's present of what is scheduled, countries by their Korean
press names, tables and non-events: the general rules for the misses of `fresh10/`'s first run,
each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- dates and tense ---------------------------------------------------------------------------

def test_a_cancelled_plan_takes_the_month_nearest_the_news():
    # "8월에 … 찾기로 했던": the plan was for this August, four months back, not next year's
    got = drafted("8월에 경남을 찾기로 했던 몽골 청소년 방문단의 방한이 폭우 피해로 취소됐다.", "2026-12-01")
    assert got == [("visit", "2026-08", "cancelled", ("KR", "MN"))]
    # … and ahead when ahead is nearer: planned for 19 January, told on 2 December
    text = ("A matchmaking forum for Estonian and Korean companies, which had been planned for 19 January in "
            "Tallinn, has been postponed to the spring.")
    assert drafted(text, "2026-12-02") == [("forum", "2027-01-19", "postponed", ("EE", "KR"))]


def test_the_news_present_of_a_scheduled_start_is_a_plan():
    text = ("SEOUL, 16 October 2026 – KAIST and the University of Chile signed an agreement on Monday. "
            "A joint research project on copper recycling starts in January, funded by both universities.")
    got = drafted(text, "2026-10-16")
    assert ("project", "2027-01", "planned", ("CL", "KR")) in got
    # a chronicle's present with a place, not a time, after it stays what happened
    text = "• 20 April 2026 — A Korea–Kazakhstan pilot plant opens in Ust-Kamenogorsk."
    assert [g[2] for g in drafted(text, "2026-04-21")] == ["occurred"]


def test_a_delegation_expected_in_a_city_is_planned():
    text = ("A Korean delegation led by KIAT's vice president is expected in Tallinn in the week of 18 January "
            "to visit the Estonian Research Council.")
    got = drafted(text, "2026-12-02")
    assert got and all(g[2] == "planned" and g[1].startswith("2027-01-18") for g in got)


# --- countries ----------------------------------------------------------------------------------

def test_a_group_sent_by_a_country_makes_it_a_side():
    got = drafted("8월에 경남을 찾기로 했던 몽골 청소년 방문단의 방한이 취소됐다.", "2026-12-01")
    assert got == [("visit", "2026-08", "cancelled", ("KR", "MN"))]


def test_the_dominican_republic_by_its_korean_press_names():
    text = "2024년 5월 경상남도와 도미니카공화국 고등교육과학기술부가 기술인력 양성 협약을 맺었다."
    assert drafted(text, "2026-12-01") == [("signing", "2024-05", "occurred", ("DO", "KR"))]
