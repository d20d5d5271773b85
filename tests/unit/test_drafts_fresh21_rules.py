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
