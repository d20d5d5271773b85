"""The drafts' date resolver: every written form, resolved against the publication date."""

import pytest

from services.query.drafts.dates import resolve


def one(text: str, published: str | None = None, lang: str = "ko", future: bool = False) -> str | None:
    found = [m for m in resolve(text, published, lang=lang, future=future) if m.span is not None]
    assert found, f"no date found in {text!r}"
    return found[0].text


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("2018년 6월 22일 체결했다", None, "2018-06-22"),
    ("2017년 4월 9일부터 13일까지", None, "2017-04-09/2017-04-13"),
    ("2017 4 9일부터 13일까지", None, "2017-04-09/2017-04-13"),  # 년/월 lost by a converter
    ("2019 4 9일부터 4 10일까지 민스크에서", None, "2019-04-09/2019-04-10"),
    ("2008 12 대한민국 서울에서", None, "2008-12"),
    ("2018 10 14-19, 벨라루스", None, "2018-10-14/2018-10-19"),
    ("2021 년부터 2022 3 월까지", None, "2021/2022-03"),
    ("2004-2009년에는", None, "2004/2009"),
    ("2011년부터 운영되기 시작했다", None, "2011/.."),
    ("2018.06.22 서명", None, "2018-06-22"),
    ("지난 20일", "2025-08-03", "2025-07-20"),
    ("지난 20일", "2011-05?", "2011-05-20?"),  # publication known to the month only
    ("오는 29일까지", "2025-08-03", "2025-08-03/2025-08-29"),
    ("지난 20일까지 접수했다", "2025-08-23", "../2025-08-20"),
    ("다음달부터 오는 10월까지", "2011-05?", "2011-06?/2011-10?"),
    ("내달 초", "2025-08-03", "2025-09-01~/2025-09-10~"),
    ("이달 중순", "2025-08-03", "2025-08-11/2025-08-20"),
    ("10월 말", "2025-08-03", "2024-10-21~/2024-10-31~"),
    ("지난해 8월", "2025-08-03", "2024-08"),
    ("올해 7월", "2025-08-03", "2025-07"),
    ("내년 상반기", "2024-11-08", "2025-01/2025-06"),
    ("25일부터 28일까지", "2011-05?", "2011-05-25?/2011-05-28?"),
    ("25일부터 28일까지", "2025-08-30", "2025-08-25/2025-08-28"),
    ("24일 밝혔다", "2018-06-24", "2018-06-24"),
    ("22일에 체결", "2018-06-24", "2018-06-22"),
    ("29일 개소", "2018-06-24", "2018-05-29"),  # a day after the publication day: the month before
    ("지난달 29일", "2018-06-24", "2018-05-29"),
    ("지난달 31일 서울에서", "2025-08-03", "2025-07-31"),
    ("오는 12월까지", "2025-07-24", "2025-07-24/2025-12"),
    ("연말까지", "2018-06-24", "2018-06-24/2018-12"),
    ("지난주", "2025-08-06", "2025-07-28/2025-08-03"),
    ("지난 토요일", "2025-08-06", "2025-08-02"),
    ("지난 3∼5일", "2025-05-14", "2025-05-03/2025-05-05"),  # a day range written once
    ("내달 10~12일", "2025-05-14", "2025-06-10/2025-06-12"),
    ("2025년 6월 3-5일", None, "2025-06-03/2025-06-05"),
])
def test_korean_forms(text, published, expected):
    assert one(text, published) == expected


def test_a_day_in_a_planned_sentence_lies_ahead():
    assert one("29일 개최할 예정이다", "2018-06-24", future=True) == "2018-06-29"
    assert one("15일 개최한다", "2018-06-24", future=True) == "2018-07-15"
    # … unless it is under way: a range around the publication day stays in its month
    assert one("16일부터 19일까지 방문한다", "2025-02-18", future=True) == "2025-02-16/2025-02-19"
    assert one("20~22일 열린다", "2025-02-18", future=True) == "2025-02-20/2025-02-22"


def test_a_year_said_as_a_date_is_no_name():
    from services.query.drafts import draft
    out = draft({"text": "다음 공동위원회는 2027년 서울에서 열릴 예정이다.", "published": "2025-04-22"})
    assert [d["record"]["date"] for d in out["drafts"]] == ["2027"]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("last month", "2025-08-03", "2025-07"),
    ("next month", "2025-08-03", "2025-09"),
    ("on Saturday", "2025-08-03", "2025-08-02"),
    ("last Friday", "2025-08-01", "2025-07-25"),
    ("next Tuesday", "2025-08-03", "2025-08-05"),
    ("April 19 this year", "2025-08-03", "2025-04-19"),
    ("in 2019", None, "2019"),
    ("June 22, 2018", None, "2018-06-22"),
    ("22 June 2018", None, "2018-06-22"),
    ("April 9-13, 2017", None, "2017-04-09/2017-04-13"),
    ("from 9 to 13 April 2017", None, "2017-04-09/2017-04-13"),
    ("from 2018 to 2020", None, "2018/2020"),
    ("early June", "2025-08-03", "2025-06-01~/2025-06-10~"),
    ("since 2011", None, "2011/.."),
    ("yesterday", "2025-08-03", "2025-08-02"),
    ("last week", "2025-08-03", "2025-07-21/2025-07-27"),
    ("in September this year", "2025-04-14", "2025-09"),
    ("in the second half of the year", "2025-01-20", "2025-07/2025-12"),
    ("in the first half of 2026", None, "2026-01/2026-06"),
    ("done at Suva on the 14th day of March 2025", None, "2025-03-14"),  # a treaty's day
])
def test_english_forms(text, published, expected):
    assert one(text, published, lang="en") == expected


def test_relative_dates_need_a_publication_date():
    assert [m.span for m in resolve("지난 20일", None)] == [None]
    assert [m.span for m in resolve("last month", None, lang="en")] == [None]


def test_same_day_refers_back_and_counts_are_no_dates():
    assert [m.role for m in resolve("이날 회의에서", "2024-06-21")] == ["same"]
    assert [m.text for m in resolve("2020 12개 기관", None)] == ["2020"]  # 12개: a count, not December
    assert resolve("It may rain", "2025-03-01", lang="en") == []  # "may" is a verb


def test_offsets_point_at_the_words():
    text = "삼성전자는 지난달 29일 모스크바에"
    m = resolve(text, "2018-06-24")[0]
    assert text[m.start:m.end] == "지난달 29일"


# A list item's month and day without a year, one test per written form.
def test_a_spaced_dotted_month_and_day_in_a_list_item():
    text = "○ 10. 22.: 도지사 접견 및 오찬"
    m = resolve(text, "2026-10-14")[0]
    assert (m.text, text[m.start:m.end]) == ("2026-10-22", "10. 22.")


def test_a_dotted_month_and_day_without_a_space():
    assert one("○ 10.22. 도지사 접견", "2026-10-14") == "2026-10-22"
    assert one("□ 대표단 일정(10.20.~10.23.)", "2026-10-14") == "2026-10-20/2026-10-23"
    # where no list line or bracket puts it, "3.5." is a figure, not 5 March
    assert [m.text for m in resolve("성장률은 3.5. 올해도", "2026-10-14")] == ["2026"]


def test_a_dotted_range_of_month_and_day():
    assert one("□ 대표단 주요 일정(10. 20.~10. 23.)", "2026-10-14") == "2026-10-20/2026-10-23"
    assert one("○ 10. 20. ~ 10. 23. 방한", "2026-10-14") == "2026-10-20/2026-10-23"


def test_a_month_and_day_in_words_in_a_list_item():
    assert one("○ 10월 22일: 도지사 접견", "2026-10-14", ) == "2026-10-22"


def test_dotted_figures_are_no_dates():
    assert resolve("1.5배 늘었다", "2026-10-14") == []
    assert resolve("버전 1.2.3 출시", "2026-10-14") == []
    assert one("2025. 10. 22.(수) 개최", None) == "2025-10-22"  # the year's form wins


def test_a_line_without_tense_takes_the_nearest_day():
    # "5일" in a brief published on the 4th is tomorrow, not the 5th of last month …
    assert resolve("5일 주한 탄자니아 대사 접견", "2026-05-04", nearest=True)[0].text == "2026-05-05"
    assert one("5일 주한 탄자니아 대사 접견", "2026-05-04") == "2026-04-05"  # (a past sentence's reading)
    # a bare day is this month's up to a week ahead, else last month's
    assert resolve("◇ 3일 협정 체결", "2026-05-24", nearest=True)[0].text == "2026-05-03"
    assert resolve("◇ 28일 협정 체결", "2026-05-02", nearest=True)[0].text == "2026-04-28"
    # … and a month and day the nearest such day, across the year's turn too
    assert resolve("○ 1. 15.: 협약 체결", "2026-12-20", nearest=True)[0].text == "2027-01-15"
    assert resolve("○ 12. 15.: 협약 체결", "2026-12-20", nearest=True)[0].text == "2026-12-15"
    assert resolve("○ 11. 2.: 포럼", "2026-01-10", nearest=True)[0].text == "2025-11-02"
    # a publication date known only to the month keeps its uncertainty
    assert resolve("5일 접견", "2026-05?", nearest=True)[0].text == "2026-05-05?"


def test_a_length_in_days_is_no_date():
    text = "대표단은 24일부터 28일까지 5일 일정으로 방한 중이다"
    assert [m.text for m in resolve(text, "2026-11-27")] == ["2026-11-24/2026-11-28"]  # 5일 일정: five days long
    assert [m.text for m in resolve("3일짜리 연수", "2026-11-27")] == []
    assert [m.text for m in resolve("대표단은 지난 15일 일정을 마치고 귀국했다", "2026-11-27")] == ["2026-11-15"]


def test_a_dotted_month_and_day_in_a_table_cell():
    assert one("1 | AI 공동연구 양해각서 | 한국전자통신연구원 | 11.26.", "2026-11-27") == "2026-11-26"


@pytest.mark.parametrize(("text", "future", "expected"), [
    ("the forum we had hoped to co-host this November has been pushed back", False, "2026-11"),  # not last year's
    ("the forum will be held this November", True, "2026-11"),
    ("students will head to La Paz next July", False, "2027-07"),  # whatever the sentence's tense
    ("they met last March", True, "2026-03"),
])
def test_this_next_and_last_before_a_month_name_the_year(text, future, expected):
    assert one(text, "2026-10-16", lang="en", future=future) == expected
