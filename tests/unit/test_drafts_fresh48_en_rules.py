"""The general rules of the round on the English articles of `fresh48/` to `fresh55/`, each tried on short texts of
our own."""

from tests.unit.drafts_corpus import drafted


def test_an_agreement_that_builds_on_earlier_work_is_not_dated_by_it():
    # "The new pact builds on a … laboratory … opened in February": the opening is February's, the pact is not
    text = ("Korea and Chile signed a memorandum on copper research on Monday in Seoul. The new pact builds on a joint "
            "laboratory the two universities opened in Santiago in February, where about 30 researchers work.")
    out = drafted(text, "2026-06-20")
    assert ("opening", "2026-02", "occurred", ("CL", "KR")) in out
    assert not [d for d in out if d[0] == "signing" and d[1] == "2026-02"]


def test_a_bare_verb_list_item_under_agreed_to_is_planned():
    # "- hold the second … Forum … on 2–3 December" in an October readout: this December's, planned
    text = ("Korean and Chilean ministers met in Seoul on Tuesday.\nThe two sides agreed to:\n"
            "- launch a joint training programme in the first quarter of 2027;\n"
            "- hold the second Korea–Chile Science Forum in Santiago on 2–3 December, with a focus on startups;")
    assert ("forum", "2026-12-02/2026-12-03", "planned", ("CL", "KR")) in drafted(text, "2026-10-15")


def test_what_talks_would_lead_to_is_the_event():
    text = ("Korean and Chilean officials held talks on battery safety on Tuesday. Both sides said the talks would lead "
            "to the opening of a Korea-Chile Battery Lab in Santiago, planned for November.")
    out = drafted(text, "2026-10-15")
    assert ("opening", "2026-11", "planned", ("CL", "KR")) in out
    assert not [d for d in out if d[0] == "meeting" and d[1] == "2026-11"]


def test_a_group_meeting_each_month_is_no_event():
    text = ("Korea and Chile signed an agreement on space on 3 May in Seoul. The Chile alumni club meets on the first "
            "Thursday of each month.")
    assert [d[0] for d in drafted(text, "2026-10-15")] == ["signing"]


def test_an_occasion_that_opened_is_no_opening():
    text = ("Korean and Emirati officials signed an agreement in Abu Dhabi on Tuesday. Both events took place on the eve "
            "of the Korea-UAE Energy Forum, which opened on Wednesday at the Convention Hall and runs until Friday.")
    assert not [d for d in drafted(text, "2026-11-13") if d[0] == "opening"]


def test_delegations_among_which_a_conflict_arose_are_no_visit():
    text = ("A Korea-Chile workshop on water that was originally planned for September in Santiago has been postponed, "
            "because of scheduling conflicts among the two delegations.")
    assert [d[0] for d in drafted(text, "2026-10-30")] == ["forum"]


def test_a_hub_that_opened_its_doors_is_opened():
    text = "The Korea–Chile Agritech Hub opened its doors in Santiago on 3 March."
    assert ("opening", "2026-03-03", "occurred", ("CL", "KR")) in drafted(text, "2026-04-20")


def test_desks_for_visiting_researchers_are_no_visit():
    text = ("The Korea–Chile Agritech Hub opened its doors in Santiago on 3 March. The two-storey building houses a "
            "shared laboratory and desks for visiting researchers.")
    assert not [d for d in drafted(text, "2026-04-20") if d[0] == "visit"]


def test_open_access_is_no_opening():
    text = ("On 14 July, the Korea Ocean Institute and Chile's Marine Institute signed a data-sharing agreement in Busan. "
            "The agreement gives both institutes open access to each other's glider records.")
    assert [d[0] for d in drafted(text, "2026-08-20")] == ["signing"]


def test_since_a_body_was_set_up_is_no_opening():
    # "the most productive since the Committee was set up": a measure of time, not an opening dated by the line before
    text = ("The Korea-Chile Joint Committee met in Santiago on 3 November. The Committee agreed on priorities for "
            "2027-2028. Both delegations described the session as the most productive since the Committee was set up.")
    assert [d[0] for d in drafted(text, "2026-11-20")] == ["meeting"]


def test_a_day_spelled_as_an_ordinal_is_a_day():
    from services.query.drafts import dates

    found = dates.resolve("The minister landed in Santiago on the first of October.", "2025-11-10", lang="en")
    assert [(m.span.start.m, m.span.start.d) for m in found if m.span is not None] == [(10, 1)]


def test_a_sign_held_up_is_nothing_signed():
    text = ("When the Korean minister landed in Santiago on 1 October, a small welcoming party was waiting at arrivals: "
            "four graduates now working in Chile, holding a hand-lettered sign in both Korean and Spanish.")
    assert not [d for d in drafted(text, "2025-11-10") if d[0] == "signing"]
