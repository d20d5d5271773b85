"""The general rules written for the misses and wrong drafts of `fresh25/`'s and `fresh26/`'s first runs,
each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- what an event led to -------------------------------------------------------------------------


def test_what_an_agreement_led_to_is_no_second_signing():
    # "이번 협약의 첫 성과로 …": the agreement told before is the grounds of the work the sentence dates, no signing
    # of that work's months (the recall pass reads it as the setting, as it reads "협약에 따라")
    text = ("진흥원은 21일 서울에서 바레인 전자정부청과 디지털정부 협력 양해각서를 체결했다. "
            "이번 협약의 첫 성과로 진흥원은 오는 7월부터 12월까지 바레인 정부의 디지털 신원인증 체계 고도화 컨설팅을 수행한다.")
    assert drafted(text, "2025-05-22", status=False) == [("signing", "2025-05-21", ("BH", "KR"))]
    text = ("공단은 3일 라오스 수자원청과 물관리 협력 양해각서를 맺었다. "
            "공단은 협약을 바탕으로 내년 3월부터 12월까지 라오스 하천 관측망 설계 컨설팅을 맡는다.")
    assert drafted(text, "2025-06-04", status=False) == [("signing", "2025-06-03", ("KR", "LA"))]


# --- the tense of an event a plan follows on ------------------------------------------------------


def test_an_event_a_plan_follows_on_came_before():
    # "have agreed to extend …, following a bilateral meeting held … on Wednesday": the plan's "agreed to" does not make
    # the meeting planned, so the weekday is the one before the news, not the one after
    text = ("Suva, 20 March 2026 - Fiji and Korea have agreed to expand their cooperation on coastal protection, "
            "following a joint committee meeting held in Suva on Tuesday.")
    assert drafted(text, "2026-03-20") == [("meeting", "2026-03-17", "occurred", ("FJ", "KR"))]


# --- the kind of a passive's subject --------------------------------------------------------------


def test_a_possessor_is_not_the_event_it_owns():
    # "the Centre's Annual Symposium …, to be held …": the subject of the passive is the symposium, not the centre
    text = ("Zagreb, 10 March 2025 - Researchers from Croatia signed a memorandum with the Korea Test Centre for Tunnels "
            "on 6 March. The Croatian team will present its results at the Centre's Annual Symposium on Tunnel Safety, "
            "to be held in Seoul in November.")
    assert ("forum", "2025-11", "planned", ("HR", "KR")) in drafted(text, "2025-03-10")
    assert not any(d[0] == "opening" for d in drafted(text, "2025-03-10"))


# --- a visit's length -----------------------------------------------------------------------------


def test_a_visit_told_by_its_schedule_length_spans_those_days():
    # "어제 부산에 도착해 사흘 일정으로 …", "3박 4일 일정으로": the visit's day and the days its schedule runs on
    text = "모로코 수산연구소 대표단 8명은 어제 부산에 도착해 사흘 일정으로 연구소 관측선을 둘러보고 있다."
    assert drafted(text, "2025-06-05") == [("visit", "2025-06-04/2025-06-06", "occurred", ("KR", "MA"))]
    text = "모로코 대표단은 지난 3일 3박 4일 일정으로 서울을 방문했다."
    assert drafted(text, "2025-06-05") == [("visit", "2025-06-03/2025-06-06", "occurred", ("KR", "MA"))]


def test_a_project_started_in_a_year_and_told_with_its_length_spans_those_years():
    # "2022년에는 … 착수해 올해 말까지 3년간 연구를 진행하고 있다": the start year and the length close the span
    text = "2022년에는 울산시와 그라츠 수소연구센터가 연료전지 공동연구에 착수해 올해 말까지 3년간 연구를 진행하고 있다."
    assert drafted(text, "2024-11-20") == [("project", "2022/2024", "occurred", ("AT", "KR"))]
