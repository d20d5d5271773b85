"""The review of the fresh33/fresh34 rules: what the narrowed rules must not fire on, on short texts of our own."""

from tests.unit.drafts_corpus import drafted


def test_last_weekday_said_the_day_after_is_uncertain():
    # "last Tuesday" said on a Wednesday: the week before's, but writers differ (the most recent Tuesday), so uncertain
    text = "Korean and Fijian officials met in Suva last Tuesday to review the fisheries project."
    assert drafted(text, "2026-05-13") == [("meeting", "2026-05-05?", "occurred", ("FJ", "KR"))]
    # two days before stays the most recent one, certain
    text = "Korean and Fijian officials met in Suva last Monday to review the fisheries project."
    assert drafted(text, "2026-05-13") == [("meeting", "2026-05-11", "occurred", ("FJ", "KR"))]


def test_next_weekday_said_the_day_before_is_uncertain():
    text = "Korean and Fijian officials will meet in Suva next Thursday to review the fisheries project."
    assert drafted(text, "2026-05-13") == [("meeting", "2026-05-21?", "planned", ("FJ", "KR"))]


def test_a_body_named_after_a_craft_is_still_opened():
    # "launched a joint satellite research centre": the centre opens; "launched a rocket" is no opening
    text = "Korea and Fiji launched a joint satellite research centre in Suva on Monday."
    assert drafted(text, "2026-05-13") == [("opening", "2026-05-11", "occurred", ("FJ", "KR"))]
    text = "The Korea-Fiji satellite data centre launched in Suva on Monday."
    assert drafted(text, "2026-05-13") == [("opening", "2026-05-11", "occurred", ("FJ", "KR"))]
    text = "Korea launched a Fijian cubesat on Monday from its Naro Space Center."
    assert drafted(text, "2026-05-13") == []


def test_a_bare_plural_a_verb_takes_as_its_object_is_still_a_project():
    # the recall pass drops "the programmes" only after a participle ("staff running the programmes")
    text = ("Korea and Fiji signed a memorandum on Monday in Suva, and their institutes will run the projects "
            "from 2027.")
    assert drafted(text, "2026-05-13") == [("signing", "2026-05-11", "occurred", ("FJ", "KR")),
                                           ("project", "2027/..", "planned", ("FJ", "KR"))]


def test_a_subject_glued_to_the_next_word_keeps_its_particle():
    # "리가응용과학대학" is one name ("리" + "가" + "응용과학대학"), but "정부가지원하는" (a space left out) is 정부 + 가
    from services.query.drafts import analyser

    def forms(text: str) -> list[str]:
        return [t.form for s in analyser.sentences(text) for t in s.tokens]

    assert "리가응용과학대학" in forms("라트비아 리가응용과학대학과 협약을 맺었다.")
    assert "정부" in forms("카자흐스탄정부가지원하는 사업이다.")
    assert "기관" in forms("두 기관이협약을 체결했다.")


def test_one_thing_of_its_own_in_the_first_person_present_is_no_habit():
    # "I meet its graduates everywhere" is a habit; "We open a joint laboratory …" (one thing, a/an) is an event
    text = "We open a joint laboratory with Fiji's national university in Suva."
    assert [d[0] for d in drafted(text, "2026-05-13")] == ["opening"]
    text = "I sign the agreement with the Fijian ministry today in Suva, Korea's ambassador said."
    assert drafted(text, "2026-05-13") == [("signing", "2026-05-13", "occurred", ("FJ", "KR"))]


def test_staying_in_contact_is_no_stay():
    # "where the delegation is staying from 16 to 18 June" is a leg of the trip; staying in contact until a date is none
    text = ("The Korean delegation signed a fisheries memorandum with Fiji in Suva on Monday. The delegation will stay "
            "in close contact with Fiji's ministry until the project starts in 2027.")
    drafts = [d[:2] for d in drafted(text, "2026-05-13")]
    assert ("project", "2027") in drafts and ("visit", "2027") not in drafts


def test_the_two_sides_of_a_debate_make_no_event_joint():
    # "The two sides also plan to hold a seminar in Suva": both; "the two sides of the debate" are no parties
    text = ("SUVA, May 13, 2026 – Fiji's ministry said on Monday it will hold a fisheries seminar in Suva in June; "
            "the two sides of the debate disagree.")
    assert drafted(text, "2026-05-13") == []
