"""The general rules written for the misses and wrong drafts of the English articles of `fresh31/`'s and
`fresh32/`'s first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- dates ----------------------------------------------------------------------------------------


def test_this_morning_is_the_publication_day():
    # "This morning, the … Centre was officially launched": the day the statement is issued
    text = "This morning, the Korea–Fiji Ocean Data Centre was officially inaugurated in Suva."
    assert drafted(text, "2026-05-14") == [("opening", "2026-05-14", "occurred", ("FJ", "KR"))]


def test_weekdays_from_one_to_another_in_the_week_told():
    # "is in Slovenia from Monday to Thursday this week": both days, in that week
    text = "A Korean trade delegation is visiting Fiji from Monday to Thursday this week."
    assert drafted(text, "2026-05-13") == [("visit", "2026-05-11/2026-05-14", "occurred", ("FJ", "KR"))]


def test_weekdays_from_one_to_another_without_a_week():
    # a Monday already past and a Thursday still ahead: the Thursday after that Monday, not the one before
    text = "A Korean trade delegation is visiting Fiji from Monday to Thursday."
    assert drafted(text, "2026-05-13") == [("visit", "2026-05-11/2026-05-14", "occurred", ("FJ", "KR"))]


def test_days_told_inside_a_relative_week_date_the_event():
    # "last week, from 24 to 27 November": those days, not the whole week
    text = "A Korean delegation visited Samoa last week, from Tuesday 5 to Thursday 7 May, to review progress."
    assert drafted(text, "2026-05-13") == [("visit", "2026-05-05/2026-05-07", "occurred", ("KR", "WS"))]


def test_an_arrival_and_a_stay_until_a_weekday():
    # "arrived on Sunday and will stay until Friday, meeting …": a visit from that Sunday to the Friday after it
    text = ("The Korean delegation to Fiji arrived on Sunday and will stay until Friday, meeting ministries and "
            "fisheries cooperatives.")
    assert drafted(text, "2026-05-13", status=False) == [("visit", "2026-05-10/2026-05-15", ("FJ", "KR"))]


def test_a_later_clause_keeps_its_own_date_not_the_sentences_first():
    # "Yesterday, … held the meeting …, where they agreed to open a joint call …, to be funded in 2026"
    text = ("Yesterday, Korean and Fijian officials held the third meeting of the Korea–Fiji Joint Committee, where "
            "they agreed to launch a joint research programme, with the first grants to be awarded in 2027.")
    assert sorted(drafted(text, "2026-05-13")) == [("meeting", "2026-05-12", "occurred", ("FJ", "KR")),
                                                   ("project", "2027", "planned", ("FJ", "KR"))]


def test_a_visits_length_told_as_its_programme():
    # "began a three-day programme on Sunday": that Sunday and the two days after
    text = "The Korean delegation flew to Nadi, where it began a three-day programme on Sunday."
    assert drafted(text, "2026-05-13") == [("visit", "2026-05-10/2026-05-12", "occurred", ("FJ", "KR"))]


# --- countries ------------------------------------------------------------------------------------


def test_a_tours_last_stop_is_not_the_host():
    # "From Tunis, the delegation flew to Algiers": the visit is Algeria's, Tunisia was the stop before
    text = "From Nairobi, the Korean delegation flew to Kampala, where it began a two-day programme on Monday."
    assert drafted(text, "2026-05-13") == [("visit", "2026-05-11/2026-05-12", "occurred", ("KR", "UG"))]


def test_the_visitors_are_the_visit_told_before():
    # "the visitors and provincial extension staff ran a one-day workshop": the visit's sides
    text = ("A team from the Korea Test Fisheries Institute visited Samoa from 4 to 8 May.\n\n"
            "On 6 May the visitors and local extension staff ran a one-day workshop on fish drying.")
    assert drafted(text, "2026-05-13", status=False) == [("visit", "2026-05-04/2026-05-08", ("KR", "WS")),
                                                         ("forum", "2026-05-06", ("KR", "WS"))]


def test_the_centre_is_the_centre_told_before():
    # "signed a letter of intent to set up a … Centre. …, the centre is expected to open next year"
    text = ("On 6 May the Governor and the Korean team leader signed a letter of intent to set up a Samoa Seed Centre. "
            "If funding is confirmed, the centre is expected to open next year.")
    assert drafted(text, "2026-05-13") == [("signing", "2026-05-06", "occurred", ("KR", "WS")),
                                           ("opening", "2027", "planned", ("KR", "WS"))]


# --- events ---------------------------------------------------------------------------------------


def test_a_trip_for_a_summer_school_is_the_school():
    # "will travel to Seoul for a summer school … from 6 to 17 July": a project, as a training course
    text = "Twelve Fijian students will travel to Seoul for a summer school on marine robotics from 3 to 14 August."
    assert drafted(text, "2026-05-13") == [("project", "2026-08-03/2026-08-14", "planned", ("FJ", "KR"))]


def test_flew_to_a_city_is_a_visit():
    # "flew to Algiers": a trip; "flew drones" is none
    text = "The Korean minister flew to Suva on Monday to meet Fiji's prime minister."
    assert drafted(text, "2026-05-13", status=False) == [("visit", "2026-05-11", ("FJ", "KR"))]
    assert drafted("Korean engineers flew drones over the Fijian reef on Monday.", "2026-05-13") == []


def test_a_commission_that_met_after_a_signing_in_one_sentence():
    # "…, and the two countries' joint commission on science last met in Seoul in October 2025": its own clause
    text = ("The Fiji Institute of Technology traces its origins to an agreement signed with Korea in 2009, and the two "
            "countries' joint commission on fisheries last met in Suva in March 2026.")
    assert sorted(drafted(text, "2026-05-13", status=False)) == [("meeting", "2026-03", ("FJ", "KR")),
                                                                 ("signing", "2009", ("FJ", "KR"))]


def test_a_signing_dated_in_a_since_phrase():
    # "has grown steadily since the signing of the Memorandum … in 2017": the signing of 2017
    text = "Trade between Fiji and Korea has doubled since the signing of the Memorandum of Understanding on Fisheries in 2015."
    assert drafted(text, "2026-05-13", status=False) == [("signing", "2015", ("FJ", "KR"))]


def test_host_governments_host_nothing():
    # "reviewed annually with the three host governments": no event
    text = "Korean officials say the Pacific fisheries programme will be reviewed each year with the two host governments."
    assert drafted(text, "2026-05-13") == []


def test_a_call_that_opens_is_no_opening():
    # "- First joint call: opens March 2026" in a fact box
    text = ("Korea and Fiji sign a fisheries research agreement.\n\nFACT BOX\n- Signed: 11 May 2026, Suva\n"
            "- Second joint call: opens June 2026; up to 5 projects")
    assert drafted(text, "2026-05-13") == [("signing", "2026-05-11", "occurred", ("FJ", "KR")),
                                           ("project", "2026-06", "planned", ("FJ", "KR"))]


# --- events told twice, non-events ----------------------------------------------------------------


def test_sessions_of_a_workshop_are_the_workshop():
    # "Several sessions focused on …" after the workshop: its programme, no meeting
    text = ("From 4 to 6 May, the University of the South Pacific hosted a Korea–Fiji Ocean Workshop in Suva. "
            "Several sessions focused on running reef models on microcontrollers with little memory.")
    assert drafted(text, "2026-05-13") == [("forum", "2026-05-04/2026-05-06", "occurred", ("FJ", "KR"))]


def test_people_who_travelled_to_present_attend_the_event_before():
    # "Researchers from Peru travelled down to present the results": they came to the dialogue, no visit
    text = ("On 4 and 5 May we co-hosted the first Pacific Reef Forum in Suva with the Fiji Ocean Institute, our Korean "
            "partners' first event in Fiji. Researchers from Samoa travelled over to present their survey results.")
    assert drafted(text, "2026-05-13") == [("forum", "2026-05-04/2026-05-05", "occurred", ("FJ", "KR", "WS"))]


def test_a_signing_with_an_international_body_is_not_koreas():
    # "Last month Tunisia and the European Union signed a financing agreement": another partner's event
    text = ("Korea and Fiji signed a fisheries agreement in Suva on Monday.\n\n"
            "Last month Fiji and the European Union signed a financing agreement for rural roads.")
    assert drafted(text, "2026-05-13", status=False) == [("signing", "2026-05-11", ("FJ", "KR"))]


# --- review: where the rules must not fire ----------------------------------------------------------------


def test_flying_back_home_is_no_visit():
    # "flew back to Seoul": a return home, no trip
    assert drafted("The Korean president flew back to Seoul on Tuesday after the summit.", "2026-05-13") == []


def test_host_as_a_verb_before_its_object_still_hosts():
    # "will host government officials from Laos …": the verb (only "the host governments", "three host …" modify)
    text = "Korea will host government officials from Laos for a two-week course in Seoul from 4 to 15 May."
    assert drafted(text, "2026-05-13", status=False) == [("project", "2026-05-04/2026-05-15", ("KR", "LA"))]


def test_an_international_body_with_a_korean_party_of_no_country_word_stays():
    # Korea's own agreements with a body, its party named without "Korea": not another partner's background
    text = ("KOICA and the United Nations Development Programme signed an agreement on 4 May to support Fiji's "
            "fisheries.")
    assert drafted(text, "2026-05-13", status=False) == [("signing", "2026-05-04", ("FJ", "KR"))]
    text = "Fiji's finance ministry signed an agreement with KOICA and the UNDP on 4 May."
    assert drafted(text, "2026-05-13", status=False) == [("signing", "2026-05-04", ("FJ", "KR"))]


def test_the_centre_takes_no_sides_when_no_event_set_one_up():
    # "the centre will host a workshop" after a signing that set up no centre: not that signing's sides
    text = ("Korea and Fiji signed a fisheries agreement in Suva on Monday.\n\n"
            "On 20 May, the centre will host a workshop on coral farming.")
    assert drafted(text, "2026-05-13") == [("signing", "2026-05-11", "occurred", ("FJ", "KR"))]
