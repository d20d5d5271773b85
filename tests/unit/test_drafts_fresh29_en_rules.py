"""The general rules written for the misses and wrong drafts of the English articles of `fresh29/`'s and
`fresh30/`'s first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- dates ----------------------------------------------------------------------------------------


def test_a_day_range_with_weekdays_before_both_days():
    # "from Tuesday 28 to Thursday 30 April 2026": both days, not the last alone
    text = "The Korea–Fiji Fisheries Forum was held in Suva from Monday 9 to Wednesday 11 March 2026."
    assert drafted(text, "2026-03-20") == [("forum", "2026-03-09/2026-03-11", "occurred", ("FJ", "KR"))]


# --- countries ------------------------------------------------------------------------------------


def test_participants_included_lists_the_forums_sides():
    # "Participants included officials … from the Republic of A, the Republic of B and the Republic of Korea"
    text = ("The Second Korea–Pacific Fisheries Forum was held in Suva on 9 March 2026, hosted by the Government of Fiji. "
            "Participants included officials and researchers from the Republic of Fiji, the Republic of Kiribati and the "
            "Republic of Korea, led on the Korean side by a deputy minister.")
    assert drafted(text, "2026-03-20") == [("forum", "2026-03-09", "occurred", ("FJ", "KI", "KR"))]


def test_attendance_from_the_three_countries_is_the_trilateral_events():
    # "… from the three countries attended": the countries of the article's event of three
    text = ("Officials from Korea, Mongolia and Kazakhstan met in Seoul on 3 and 4 June for the first trilateral "
            "science dialogue.\n\nOn 2 June, the Institute convened a public seminar on open data in Seoul. "
            "About 90 researchers from the three countries attended.")
    assert sorted(drafted(text, "2026-06-10", status=False)) == [
        ("forum", "2026-06-02", ("KR", "KZ", "MN")), ("meeting", "2026-06-03/2026-06-04", ("KR", "KZ", "MN"))]


# --- events told twice, non-events ----------------------------------------------------------------


def test_the_forum_opened_by_a_minister_is_the_forum_told():
    # "The Forum was opened by Palau's Minister …" (no date of its own): the forum just told, not another
    text = ("The Korea–Samoa Ocean Forum was held in Apia on 12 May 2026.\n\n"
            "The Forum was opened by Samoa's Minister of Natural Resources, who called for more open data.")
    assert drafted(text, "2026-05-20") == [("forum", "2026-05-12", "occurred", ("KR", "WS"))]


def test_delegations_that_hold_talks_make_no_visit():
    # "the delegations of A and B held bilateral talks", "the Korean and Japanese delegations held a consultation"
    text = "On 2 July, the Korean and Mongolian delegations held a bilateral consultation on research funding."
    assert drafted(text, "2026-07-08") == [("meeting", "2026-07-02", "occurred", ("KR", "MN"))]
    text = ("On 29 April, the delegations of the Republic of Korea and the Republic of Fiji held bilateral talks on "
            "coastal flooding.")
    assert drafted(text, "2026-05-05") == [("meeting", "2026-04-29", "occurred", ("FJ", "KR"))]


def test_a_list_item_telling_a_part_of_fewer_sides_is_no_heading():
    # "- Korea–Japan: On 2 July, … held a bilateral consultation" under trilateral talks of 1-2 July: its own event
    text = ("Officials from Korea, Mongolia and Kazakhstan met in Seoul on 3 and 4 June for the trilateral science "
            "dialogue.\n\n- Korea–Mongolia: On 4 June, the Korean and Mongolian delegations held a bilateral "
            "consultation on data sharing.")
    assert sorted(drafted(text, "2026-06-10", status=False)) == [
        ("meeting", "2026-06-03/2026-06-04", ("KR", "KZ", "MN")), ("meeting", "2026-06-04", ("KR", "MN"))]


def test_they_agreed_takes_the_parties_just_told():
    # "They agreed to launch a joint call … in September": the two delegations of the sentence before
    text = ("Officials from Korea, Mongolia and Kazakhstan met in Seoul on 3 and 4 June for the trilateral science "
            "dialogue.\n\n- Korea–Kazakhstan: On 3 June, a Korean institute and a Kazakh university signed a memorandum "
            "on wheat genomics.\n\n- Korea–Mongolia: On 4 June, the Korean and Mongolian delegations held a bilateral "
            "consultation on data sharing. They agreed to launch a joint call for proposals on steppe ecology in "
            "September.")
    assert ("project", "2026-09", ("KR", "MN")) in drafted(text, "2026-06-10", status=False)


def test_a_joint_call_for_proposals_launched_is_a_project():
    text = "Korea and Mongolia will launch a joint call for proposals on steppe ecology in September."
    assert drafted(text, "2026-06-10") == [("project", "2026-09", "planned", ("KR", "MN"))]


def test_they_is_the_subject_just_told_not_an_earlier_event_of_the_kind():
    # "They agreed to launch …" after the bilateral talks: those two sides, not the earlier trilateral programme
    text = ("Officials from Korea, Mongolia and Kazakhstan met in Seoul on 3 and 4 June and launched a trilateral "
            "research programme on drylands.\n\n- Korea–Kazakhstan: On 3 June, a Korean institute and a Kazakh "
            "university signed a memorandum on wheat genomics.\n\n- Korea–Mongolia: On 4 June, the Korean and "
            "Mongolian delegations held a bilateral consultation on data sharing. They agreed to launch a joint call "
            "for proposals on steppe ecology in September.")
    assert ("project", "2026-09", ("KR", "MN")) in drafted(text, "2026-06-10", status=False)


# --- countries: the paragraph's ---------------------------------------------------------------------


def test_an_event_of_koreas_side_alone_takes_its_paragraphs_one_foreign_country():
    # "Jamaica's partnership with Korea … A Korean-funded project to modernise the island's … began in 2022"
    text = ("Korea and Chile signed a fisheries agreement in Seoul on 2 March 2026.\n\n"
            "Peru is an older partner. A Korean-funded project to map the country's glaciers began in 2021.")
    assert ("project", "2021", "occurred", ("KR", "PE")) in drafted(text, "2026-03-10")
    # … and where its own sentence names a foreign city, that city's country
    text = ("Korea and Chile signed a fisheries agreement in Seoul on 2 March 2026.\n\n"
            "The Korea Test Glacier Office opened in Cusco in May 2024.")
    assert ("opening", "2024-05", "occurred", ("KR", "PE")) in drafted(text, "2026-03-10")


def test_a_domestic_programme_keeps_one_country():
    text = ("Korea and Chile signed a fisheries agreement in Seoul on 2 March 2026.\n\n"
            "Peru is an older partner. In Korea, the institute runs a domestic programme on glaciers since 2021.")
    assert all(d[0] != "project" for d in drafted(text, "2026-03-10"))
    text = ("Korea Test Geo Institute signed an agreement with Iceland's Volcano Centre in Reykjavik on 2 March 2026. In "
            "Korea, the institute is separately assessing heat pumps under a domestic programme running through 2027.")
    assert drafted(text, "2026-03-10", status=False) == [("signing", "2026-03-02", ("IS", "KR"))]


def test_a_student_exchange_launched_is_a_project():
    text = "In 2019, the Korea Test University launched a student exchange with Peru's Andes University."
    assert drafted(text, "2026-03-10") == [("project", "2019", "occurred", ("KR", "PE"))]


# --- a visit's programme ----------------------------------------------------------------------------


def test_people_met_on_a_visit_are_the_visit():
    # "visited Gaborone … and met researchers at …", "During the visit, … also … met young engineers"
    text = "A Korea Test University delegation visited Lima from 4 to 6 May and met researchers at the Andes Institute."
    assert drafted(text, "2026-05-20") == [("visit", "2026-05-04/2026-05-06", "occurred", ("KR", "PE"))]
    text = ("The minister led a Korean delegation to Lima from 4 to 6 May 2026.\n\nDuring the visit, the minister also "
            "toured a science park in Lima and met young Peruvian engineers.")
    assert drafted(text, "2026-05-20") == [("visit", "2026-05-04/2026-05-06", "occurred", ("KR", "PE"))]


def test_a_delegations_stay_meeting_officials_is_a_visit():
    # "The delegation, led by Dr. …, was in Port of Spain on Monday and Tuesday, meeting officials from …"
    text = ("Lima, 20 May 2026 – The delegation, led by Dr. Kim of the Korea Test Energy Institute, was in Lima on 11 "
            "and 12 May, meeting officials from Peru's Ministry of Energy.")
    assert drafted(text, "2026-05-20") == [("visit", "2026-05-11/2026-05-12", "occurred", ("KR", "PE"))]


# --- kinds and dates of bodies and projects -----------------------------------------------------------


def test_a_centre_that_began_operations_opened_that_day():
    # "The … R&D Centre, located in …, began operations on Monday": the opening, dated; the lead's undated opening folds
    text = "The Korea–Peru Glacier Centre, located in Cusco, began operations on Monday with 12 researchers."
    assert drafted(text, "2026-04-29") == [("opening", "2026-04-27", "occurred", ("KR", "PE"))]


def test_a_project_under_an_agreement_is_the_project():
    # "The first project under the new agreement, a three-year study …, will start in January 2026"
    text = ("Lima, 4 November 2025 - Korea and Peru signed a glacier agreement on 3 November. The first project under "
            "the new agreement, a three-year study of glacier melt, will start in January 2026.")
    assert drafted(text, "2025-11-04") == [("signing", "2025-11-03", "occurred", ("KR", "PE")),
                                           ("project", "2026-01", "planned", ("KR", "PE"))]


# --- review: an event of two foreign countries -----------------------------------------------------------------


def test_two_foreign_countries_as_the_parties_take_no_korean_side_in_english():
    text = "Japan and Vietnam signed a trade agreement in Hanoi on 3 June 2026."
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-03", "occurred", ("JP", "VN"))]
    text = "China signed a science agreement with the United States on 3 June 2026."
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-03", "occurred", ("CN", "US"))]


# --- review: what the paragraph's country must not be taken from -----------------------------------------------


_TWO_PARTNERS = "Korea signed science agreements with Ghana and Kenya on 2 May 2026.\n\n"


def _countries_told(text: str) -> set[str]:
    return {c for d in drafted(text, "2026-06-10") for c in d[3]}


def test_a_country_named_in_passing_is_not_the_paragraphs():
    # a comparison, a trade figure: no partner of the Korean event told after it
    text = _TWO_PARTNERS + ("Unlike Japan, Korea has no space agency of its own. The Ministry of Science and ICT "
                            "launched a new space research project on 3 June.")
    assert "JP" not in _countries_told(text)
    text = _TWO_PARTNERS + ("Germany took 12 percent of the Institute's battery exports last year. The Korea Institute of Energy "
                            "Research launched a new battery research project on 3 June.")
    assert "DE" not in _countries_told(text)
    text = _TWO_PARTNERS + ("The Institute's exports to Germany grew again last year. The Korea Institute of Energy "
                            "Research launched a new battery research project on 3 June.")
    assert "DE" not in _countries_told(text)


def test_an_event_placed_in_korea_takes_no_paragraph_country():
    text = _TWO_PARTNERS + ("Germany leads Europe in battery research. The Korea Institute of Energy Research opened "
                            "a new battery test centre in Daejeon on 3 June.")
    assert ("opening", "2026-06-03", "occurred", ("KR",)) in drafted(text, "2026-06-10")


def test_an_agreement_about_domestic_programmes_is_still_an_event():
    # the domestic programmes are what the two sides link, not the event's own frame
    text = ("Korea and Ghana are old partners.\n\nKIST and CSIR signed a memorandum on 3 June 2026 to link their "
            "domestic training programmes.")
    assert drafted(text, "2026-06-10") == [("signing", "2026-06-03", "occurred", ("GH", "KR"))]
    text = ("Korea and Ghana are old partners.\n\nOn 3 June 2026 the ministries launched a project to connect the "
            "domestic programmes of both countries.")
    assert drafted(text, "2026-06-10") == [("project", "2026-06-03", "occurred", ("GH", "KR"))]


def test_they_after_a_sentence_of_no_event_takes_no_earlier_events_parties():
    # "They" are who the sentence before tells of; where it tells no event, not the parties of an older one
    text = ("Korea and Ghana signed an agreement in Accra on 2 May 2026.\n\nKenya has sent students to Korea for years. "
            "They will visit KAIST in September 2026.")
    assert ("visit", "2026-09", "planned", ("KE", "KR")) in drafted(text, "2026-06-10")
