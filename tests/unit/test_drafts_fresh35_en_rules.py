"""The general rules written for the misses and wrong drafts of the English articles of `fresh35/` to
`fresh40/`'s first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted


def test_visit_a_website_is_no_visit():
    # "For more information, visit the agency's website.": an invitation to read, no delegation's visit
    text = ("SEOUL, 3 March 2026 – Korea's Test Marine Institute and Ghana's Test Fisheries Commission signed a "
            "memorandum on fish stock surveys in Accra on Monday. Last month, the two opened a joint laboratory "
            "in Tema.\n\nFor more information, visit the Test Marine Institute website.")
    assert [d[0] for d in drafted(text, "2026-03-03")] == ["signing", "opening"]


def test_participants_attending_sessions_of_a_forum_are_no_meeting_of_their_own():
    # "More than 200 participants attended sessions on …": the forum's programme, not a second event
    text = ("On 25 August, the Korean delegation took part in the Kenya-Korea Solar Energy Forum in Nairobi. "
            "More than 180 participants attended sessions on grid storage and rural electrification.")
    assert "meeting" not in [d[0] for d in drafted(text, "2026-09-01")]


def test_weekdays_of_last_week_told_after_them_are_those_days():
    # "spent Monday to Thursday of last week in …": Monday to Thursday of that week, not the whole week
    text = "A Korean delegation spent Monday to Thursday of last week in Nairobi, where it met Kenyan energy officials."
    assert ("visit", "2026-05-11/2026-05-14", "occurred", ("KE", "KR")) in drafted(text, "2026-05-20")


def test_a_week_told_first_holds_the_weekdays_its_clause_names_after():
    # "Last week the team crossed into … and spent Monday to Friday in …": those days of last week
    text = "Last week a Korean delegation crossed into Kenya and spent Monday to Friday in Nairobi, meeting energy officials."
    assert drafted(text, "2026-05-20") == [("visit", "2026-05-11/2026-05-15", "occurred", ("KE", "KR"))]


def test_what_officials_expect_someone_to_do_is_planned():
    # "Officials expect the joint committee to meet in … in October": a plan, the coming October
    text = "Officials expect the Kenya–Korea Joint Committee on Energy to meet in Nairobi in October, its first session since 2019."
    assert drafted(text, "2026-05-20") == [("meeting", "2026-10", "planned", ("KE", "KR"))]
    text = "The Kenyan ministry expects to sign a memorandum with Korea's Test Energy Agency in October."
    assert drafted(text, "2026-05-20") == [("signing", "2026-10", "planned", ("KE", "KR"))]


def test_the_events_closing_day_told_with_its_name_is_its_last_day():
    # "On the symposium's closing day, … signed": the last day of the symposium told before
    text = ("The Kenya-Korea Energy Forum was held in Nairobi on 9–10 March. On the forum's closing day, Kenya's "
            "Test Energy Agency and Korea's Test Power Institute signed a letter of intent.")
    assert ("signing", "2026-03-10", "occurred", ("KE", "KR")) in drafted(text, "2026-03-20")


def test_an_open_day_opens_nothing():
    # "at its annual Open Day on Saturday": the public let in for a day, no body opened
    text = ("On 12 May, Korea's Test Marine Institute and Kenya's Test Fisheries Agency signed a memorandum in Mombasa. "
            "The agency will welcome school groups and the public at its annual Open Day on Saturday 30 May.")
    assert drafted(text, "2026-05-20") == [("signing", "2026-05-12", "occurred", ("KE", "KR"))]
