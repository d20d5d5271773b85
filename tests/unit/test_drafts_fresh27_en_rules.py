"""The general rules written for the misses and wrong drafts of the English articles of `fresh27/`'s and
`fresh28/`'s first runs, each tried on short texts of our own."""

from services.query.drafts import places
from tests.unit.drafts_corpus import drafted

# --- dates ----------------------------------------------------------------------------------------


def test_a_weekday_before_a_date_names_that_dates_day():
    # "on Thursday 2 October": the date, not the Thursday after the news
    text = "Lusaka, 20 May 2025 - On Monday 12 May, the Korea Test Seed Institute signed an agreement with Zambia's Crop Board."
    assert drafted(text, "2025-05-20", status=False) == [("signing", "2025-05-12", ("KR", "ZM"))]
    text = "The Korea Test Seed Institute signed an agreement with Zambia's Crop Board on Tuesday, May 13."
    assert drafted(text, "2025-05-20", status=False) == [("signing", "2025-05-13", ("KR", "ZM"))]
    # a weekday that does not match the date: the date is what the text says
    text = "On Monday 13 May, the Korea Test Seed Institute signed an agreement with Zambia's Crop Board."
    assert drafted(text, "2025-05-20", status=False) == [("signing", "2025-05-13", ("KR", "ZM"))]
    # … and a number that is no date keeps the weekday its day
    text = "On Tuesday 40 delegates from Korea and Kenya signed an agreement in Nairobi."
    assert drafted(text, "2025-05-21", status=False) == [("signing", "2025-05-20", ("KE", "KR"))]


def test_a_plan_moved_keeps_its_first_date():
    # "originally scheduled for July …, was postponed to November", "set for 9 December, was postponed to February"
    text = ("A Korea–Kenya joint committee meeting, originally scheduled for June in Nairobi, was postponed to October "
            "because of the elections.")
    assert drafted(text, "2025-08-01") == [("meeting", "2025-06", "postponed", ("KE", "KR"))]
    text = "The third Korea–Peru steering committee meeting, set for 4 March, was postponed to May."
    assert drafted(text, "2025-04-01") == [("meeting", "2025-03-04", "postponed", ("KR", "PE"))]


def test_due_to_start_in_apposition_is_planned():
    # "a joint research project …, due to start in April": a plan, in the months ahead
    text = ("Next for the Korea Geothermal Energy Institute is a joint research project with Kenya's Rift Valley "
            "Institute on geothermal wells, due to start in March.")
    assert drafted(text, "2026-01-15") == [("project", "2026-03", "planned", ("KE", "KR"))]


def test_a_past_day_later_in_the_publications_month_is_last_years():
    # "took place from 20 to 31 January", published on 10 January: last January's
    text = ("The first training course of the Korea Test Water Agency, run jointly with Senegal's Ministry of Water, "
            "took place from 20 to 31 January.")
    assert drafted(text, "2026-01-10") == [("project", "2025-01-20/2025-01-31", "occurred", ("KR", "SN"))]
    # … but a day before the publication's stays this year's, and an end still to come is not moved by the past
    # tense of the start
    assert drafted("The Korea-Kenya Water Forum took place in Nairobi on 3 January.", "2026-01-10") == [
        ("forum", "2026-01-03", "occurred", ("KE", "KR"))]
    text = "The Korea-Kenya training course, which started on 5 January, runs until 30 January."
    assert drafted(text, "2026-01-10") == [("project", "2026-01-05/2026-01-30", "occurred", ("KE", "KR"))]
    text = "The ministry announced on 8 January that the Korea-Kenya Water Forum will take place in Nairobi on 20 January."
    assert drafted(text, "2026-01-10") == [("forum", "2026-01-20", "planned", ("KE", "KR"))]


# --- countries ------------------------------------------------------------------------------------


def test_irregular_demonyms_name_their_countries():
    for word, code in (("Salvadoran", "SV"), ("Togolese", "TG"), ("Timorese", "TL"), ("Ivorian", "CI"),
                       ("Maldivian", "MV"), ("Mauritian", "MU"), ("Chilean", "CL"), ("Belgian", "BE")):
        assert [p.codes for p in places.find(f"a {word} delegation")] == [(code,)], word
    for word, code in (("Jordanian", "JO"), ("Guinean", "GN"), ("Papua New Guinean", "PG"), ("Dominican", "DO"),
                       ("Philippine", "PH")):
        assert [p.codes for p in places.find(f"a {word} delegation")] == [(code,)], word
    assert places.find("an afghan blanket and argentine silver") == []  # (common words are no demonyms)
    text = "In February a group of Salvadoran engineers is due to travel to Korea for a visit to the Korea Test Institute."
    assert drafted(text, "2025-12-09", status=False) == [("visit", "2026-02", ("KR", "SV"))]


def test_a_body_named_after_its_country_is_a_party_not_a_national_occasion():
    # "the Peruvian Institute of Oceanography will host a forum": the institute is a party; the forum is no Peruvian
    # occasion of its own (which would be dropped as no cooperation)
    text = ("The Korea Test Fisheries Institute signed an agreement with Peru's fisheries ministry in May. In June, the "
            "Peruvian Institute of Oceanography will host a forum on anchovy stocks.")
    assert ("forum", "2025-06", "planned", ("KR", "PE")) in drafted(text, "2025-03-03")


def test_the_indian_ocean_is_not_india():
    assert places.find("a mission to the western Indian Ocean") == []
    assert places.find("a survey vessel in the Philippine Sea") == []  # (a sea named by an adjective, as the ocean)
    text = ("The Korea–Indian Ocean Island States Marine Forum will take place in Busan in June, with speakers from "
            "Mauritius and Seychelles.")
    assert drafted(text, "2026-04-01") == [("forum", "2026-06", "planned", ("KR", "MU", "SC"))]


def test_the_delegation_is_the_delegation_told_before():
    # "The delegation had also planned to cross into …": the Korean delegation of the visit, not the Basotho
    # technicians invited in the sentence between (Zambian: the visitors of that event)
    text = ("A delegation of Korean soil scientists spent Monday and Tuesday in Lusaka, meeting officials of the "
            "ministry. The institute said that ten Zambian technicians would be invited to Korea in the first half "
            "of next year. The delegation had also planned to cross into Malawi on Wednesday to meet officials of "
            "that country's water board, but the trip was called off after floods.")
    got = drafted(text, "2025-12-04")
    assert ("visit", "2025-12-03", "cancelled", ("KR", "MW")) in got


# --- kinds ----------------------------------------------------------------------------------------


def test_a_trip_or_a_stay_for_a_course_is_the_course():
    # "will travel to Jeonju for a training course", "spent two weeks … on a training course", "will host 20 officials
    # … for a course": the course is the event, a project (a trip for talks stays a visit)
    text = "In September, eight Zambian engineers will travel to Daejeon for a training course on grid maintenance."
    assert drafted(text, "2025-06-02") == [("project", "2025-09", "planned", ("KR", "ZM"))]
    text = ("Nine Peruvian technicians spent three weeks, from 2 to 20 June, on a training course in Ulsan covering "
            "water quality.")
    assert drafted(text, "2025-07-02", status=False) == [("project", "2025-06-02/2025-06-20", ("KR", "PE"))]
    text = "From 8 to 19 September, the Korea Rural Agency will host 15 officials from Kenya in Jeonju for a course on irrigation."
    assert drafted(text, "2025-07-02") == [("project", "2025-09-08/2025-09-19", "planned", ("KE", "KR"))]
    # … not a trip for another purpose that a "course" word follows
    text = "Kenya's foreign minister will travel to Seoul in May for talks on the future course of relations with Korea."
    assert drafted(text, "2026-01-10") == [("visit", "2026-05", "planned", ("KE", "KR"))]
    text = "Kenya's president will travel to Seoul in May, and will play a round on the golf course with Korea's president."
    assert drafted(text, "2026-01-10") == [("visit", "2026-05", "planned", ("KE", "KR"))]


def test_a_field_survey_is_a_project():
    text = ("A joint Korean-Chilean field survey in the Atacama desert, which had been scheduled for March, has been "
            "cancelled because of flooding.")
    assert drafted(text, "2025-04-10") == [("project", "2025-03", "cancelled", ("CL", "KR"))]


def test_a_contact_relative_clause_tells_its_event_by_its_head():
    # "a joint project the institute and the observatory launched in 2023": the project, launched in 2023 (no "that")
    text = ("Each buoy belongs to a joint ocean-monitoring project the Korean institute and the Fijian ministry "
            "launched in 2022.")
    assert drafted(text, "2025-04-10") == [("project", "2022", "occurred", ("FJ", "KR"))]


def test_what_an_event_follows_is_read_to_the_sentences_end():
    # "The forum follows an agreement the two universities signed on …": the clause cut before the relative's verb is
    # still the signing's; no second forum on the signing's day
    text = ("The Korea-Peru Ocean Forum took place in Lima on 2 March. The forum follows an agreement the two "
            "universities signed on 19 October last year in Busan.")
    assert sorted(drafted(text, "2025-03-05", status=False)) == [
        ("forum", "2025-03-02", ("KR", "PE")), ("signing", "2024-10-19", ("KR", "PE"))]


def test_a_wish_is_no_plan():
    # "I'd love for them to visit Dili one day": a wish
    text = "My Korean colleagues have never seen the coast here. I'd love for them to visit Suva one day."
    assert drafted(text, "2025-04-10") == []


# --- list items -----------------------------------------------------------------------------------


def test_an_english_list_item_told_in_full_is_no_heading_of_the_project_under_way():
    # "- In August, six technicians will travel … for a training course." under a blog's full sentences: its own event,
    # planned, not a heading (or a summary line) restating the project the post said runs until December
    text = ("I work for the Korea Rural Water Institute on our joint irrigation project with Kenya's Ministry of Water. "
            "The project runs until December 2026.\n\nWhat comes next:\n\n"
            "- In August, five Kenyan engineers will travel to Jeonju for a training course on pumps.\n")
    got = drafted(text, "2026-06-21")
    assert ("project", "2026-08", "planned", ("KE", "KR")) in got
    assert len(got) == 2
