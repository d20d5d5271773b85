"""Numeric dates in English text (ISO, day-first dotted, slashed when only one reading is a date), month
abbreviations with a period inside a sentence, and a page's own date field, which dates no event."""

import pytest

from services.query.drafts import draft
from tests.unit.drafts_corpus import drafted

SIGNED = ("Korea's Test Agency (test) and Vietnam's Test Ministry (test) signed the agreement in Hanoi on {}. "
          "The two will hold a forum in May.")


@pytest.mark.parametrize("written, day", [
    ("2026-03-05", "2026-03-05"), ("2026/3/5", "2026-03-05"), ("05.03.2026", "2026-03-05"),
    ("13/3/2026", "2026-03-13"), ("3/13/2026", "2026-03-13"), ("Mar. 5, 2026", "2026-03-05"),
    ("Apr. 2, 2026", "2026-04-02"), ("Jun. 3", "2026-06-03"),
])
def test_a_numeric_or_abbreviated_date_dates_the_signing(written, day):
    published = "2026-06-20"
    assert drafted(SIGNED.format(written), published)[0] == ("signing", day, "occurred", ("KR", "VN"))


def test_a_slashed_date_both_of_whose_numbers_could_be_the_month_is_not_guessed():
    got = drafted(SIGNED.format("3/5/2026"), "2026-04-20")
    assert got[0][1] not in ("2026-03-05", "2026-05-03")  # March 5 in one country, 3 May in another
    assert got[1] == ("forum", "2026-05", "planned", ("KR", "VN"))  # (the sentence after it is read apart)


def test_a_pages_date_field_on_its_own_day_dates_no_event():
    text = ("Korea–Jordan Science Week held in Amman\n- Date : 2026-11-08\n- Views : 214\n\n"
            "The Embassy of Korea in Jordan and the Test Scientific Society (test) held the Korea–Jordan Science Week "
            "in Amman from 1 to 4 November.\n\n"
            "The first event of its kind, the Science Week brought together researchers and start-ups from both "
            "countries.")
    got = drafted(text, "2026-11-08")
    assert ("forum", "2026-11-01/2026-11-04", "occurred", ("JO", "KR")) in got
    assert all(date != "2026-11-08" for _, date, _, _ in got)


def test_a_notices_date_field_of_another_day_is_its_events():
    text = ("Korea–Morocco Water Forum\nDate: 16 November 2026\nVenue: Rabat\n\n"
            "The Embassy of Korea in Morocco and Morocco's Test Water Agency (test) will hold the forum in Rabat.")
    dates_ = [d["record"].get("date") for d in draft({"text": text, "published": "2026-11-02"})["drafts"]]
    assert [d.rstrip("?") for d in dates_] == ["2026-11-16"]
