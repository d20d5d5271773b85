"""The general rules of the second round on the English articles of `fresh35/` to `fresh40/`, each tried on short
texts of our own."""

from tests.unit.drafts_corpus import drafted


def test_a_trip_of_days_wrapped_up_as_the_report_is_made_ends_on_the_reports_day():
    # "…, officials said yesterday, as a delegation wrapped up a three-day visit to …": the visit ends yesterday
    text = ("Korea will equip 40 Ghanaian clinics with telemedicine kits over the next two years, officials said "
            "on Thursday, as a Korean health delegation wrapped up a four-day visit to Accra.")
    assert ("visit", "2026-04-13/2026-04-16", "occurred", ("GH", "KR")) in drafted(text, "2026-04-18")


def test_a_trip_of_days_told_as_concluded_is_a_visit_ending_that_day():
    # "concluded a four-day mission to Korea last Thursday": the trip ended, no agreement concluded
    text = "A Ghanaian delegation led by the Minister of Health concluded a three-day mission to Korea on Friday."
    assert drafted(text, "2026-04-20") == [("visit", "2026-04-15/2026-04-17", "occurred", ("GH", "KR"))]


def test_a_tour_opened_somewhere_is_a_visit_and_opens_nothing():
    # "opened its tour in Muscat last Wednesday and Thursday": the trip's first leg
    text = "The Korean delegation opened its tour in Accra on Monday and Tuesday, meeting officials of the Ghanaian ministry."
    kinds = [d[0] for d in drafted(text, "2026-04-20")]
    assert "opening" not in kinds and "visit" in kinds


def test_a_subject_before_its_aside_is_what_begins_and_the_aside_dates_its_forum():
    # "The training programme, announced yesterday at the … Forum, is due to begin in September": the programme
    # begins in September; the forum was yesterday
    text = ("The nurse exchange programme, unveiled on Monday at the Ghana-Korea Health Innovation Forum in Accra, is due to "
            "start in October.")
    got = drafted(text, "2026-04-22")
    assert ("project", "2026-10", "planned", ("GH", "KR")) in got
    assert ("forum", "2026-04-20", "occurred", ("GH", "KR")) in got


def test_a_stay_of_months_is_a_placement_not_a_visit():
    # "two of our postdoctoral researchers spent twelve months in Ulsan": a research stay, a project
    text = "Our ties with Korea go back to 2019, when three Ghanaian engineers spent nine months in Daejeon at a Korean institute."
    assert drafted(text, "2026-04-22") == [("project", "2019", "occurred", ("GH", "KR"))]


def test_a_stay_of_months_after_a_planned_programme_is_that_programme():
    # "… is due to begin in September. Engineers will spend four months in Korean institutes …": the programme told
    text = ("Korea and Ghana agreed to launch a joint nurse training programme in October. Nurses will spend six months "
            "in Korean hospitals and a further month in Ghanaian clinics.")
    assert drafted(text, "2026-04-22") == [("project", "2026-10", "planned", ("GH", "KR"))]


def test_people_from_the_countries_after_a_forum_are_its_sides():
    # "… for the Korea–Baltic AI Forum, co-organised by a Latvian and a Korean body. Speakers from all three Baltic
    # states and Korea discussed …": all four
    text = ("Some 300 people gathered in Accra on 3–4 March for the West Africa–Korea Health Forum, co-organised by "
            "Ghana's Test Health Service and Korea's Test Medical Foundation. Officials and doctors from Togo and Benin "
            "joined their Ghanaian and Korean colleagues for two days of talks.")
    got = drafted(text, "2026-03-10")
    assert ("forum", "2026-03-03/2026-03-04", "occurred", ("BJ", "GH", "KR", "TG")) in got
