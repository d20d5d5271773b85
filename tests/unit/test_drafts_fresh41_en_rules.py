"""The general rules of the round on the English articles of `fresh41/` to `fresh47/`, each tried on short texts of
our own."""

from tests.unit.drafts_corpus import drafted


def test_a_korean_party_told_by_name_only_is_the_korean_side_beside_two_foreign_countries():
    # a Korean city's review naming Ghana and Peru, never Korea: its mayor's name and its budget in won tell whose
    text = ("Our city had a busy year with its partners in Ghana and Peru. In March, Mayor Choi Dong-hyun signed a "
            "memorandum of understanding with Ghana's Accra Digital Agency on traffic data. In May the city hosted "
            "officials from Lima, Peru. Our cooperation budget rose to 3.1 billion won. Ghana and Peru remain our "
            "main partners.")
    signing = [d for d in drafted(text, "2026-01-15") if d[0] == "signing"]
    assert signing and signing[0][3] == ("GH", "KR")


def test_a_trilateral_meeting_of_two_named_countries_and_a_korean_party_told_by_name_is_of_three():
    text = ("Mayor Choi Dong-hyun visited Accra, Ghana, and Lima, Peru, last year. A trilateral meeting of our city, "
            "Ghana and Peru officials was held on 12 November in Accra. Ghana and Peru remain our main partners.")
    meetings = [d for d in drafted(text, "2026-01-15") if d[0] == "meeting"]
    assert meetings and meetings[0][3] == ("GH", "KR", "PE")


def test_an_occasion_being_organised_is_planned_for_its_coming_days():
    # "we are organising the … Workshop … from 3 to 5 December" in an October interview: this December's
    text = ("That is why we are organising the Korea-Ghana Cocoa Science Workshop in Kumasi from 3 to 5 December, "
            "together with the University of Ghana.")
    assert ("forum", "2026-12-03/2026-12-05", "planned", ("GH", "KR")) in drafted(text, "2026-10-20")


def test_a_preference_weighed_aloud_is_no_event():
    text = ("The Korea-Ghana steering committee met in Seoul in May. I would rather cancel than hold a meeting of "
            "the Korea-Ghana committee with nothing to decide.")
    assert [d[:2] for d in drafted(text, "2026-10-20")] == [("meeting", "2026-05")]


def test_an_opening_that_slipped_keeps_its_first_month_and_is_postponed():
    # "originally scheduled to open in March, has slipped to June" in April: this March's opening, moved
    text = ("The joint Korea-Ghana ICT centre in Kumasi, originally scheduled to open in March, has slipped to June "
            "because the renovation ran late.")
    assert ("opening", "2026-03", "postponed", ("GH", "KR")) in drafted(text, "2026-04-20")


def test_a_plan_told_in_the_past_then_said_postponed_is_not_next_years_plan():
    # "A … meeting … was planned for June. It was postponed, …" in October: no plan for next June
    text = ("A trilateral meeting with our Ghanaian and French colleagues in Accra was planned for June, to talk about "
            "a shared pilot line. It was postponed, mainly because the funding call was delayed.")
    assert not [d for d in drafted(text, "2026-10-20") if d[1] and d[1].startswith("2027")]
