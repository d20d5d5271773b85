"""One event told twice in an article (counting leads, headings and summary lines, "The visit …", a
day within a visit, a launch or opening ceremony), lines that tell no event, and spans told by
length: the general rules for `fresh9/`'s wrong drafts, each tried on short texts of our own."""

from services.query.drafts.durations import close_spans
from services.query.drafts.restatements import counted, is_heading, not_event
from tests.unit.drafts_corpus import drafted


def _d(kind: str, quote: str, date: str | None = None, countries=("KR", "PE")) -> dict:
    rec = {"kind": kind, "participants": [{"name": c, "country": c} for c in countries], "sectors": []}
    if date:
        rec["date"] = date
    return {"record": rec, "quote": quote, "missing": [] if date else ["$.date"]}


def test_a_sentence_that_counts_agreements_is_read_as_a_count():
    assert counted("Peru and Korea signed three trade agreements on Monday.") == 3
    assert counted("양 기관은 이날 3건의 업무협약을 맺었다.") == 3
    assert counted("이날 협약 2건이 체결됐다.") == 2
    assert counted("Peru and Korea signed a trade agreement on Monday.") == 0


def test_a_lead_that_counts_two_signings_adds_none_beside_them():
    text = ("LIMA, May 4 - Peru and South Korea signed two fisheries agreements on Monday.\n\n"
            "The Ministry of Production of Peru and the Korean Ministry of Oceans signed a memorandum on fish farming.\n\n"
            "Later in the day, the Peruvian Sea Institute and the Korea Maritime Institute signed a second "
            "agreement on ocean data.\n")
    got = [g for g in drafted(text, "2026-05-04") if g[0] == "signing"]
    assert len(got) == 2 and all(g[3] == ("KR", "PE") for g in got)


def test_two_signings_of_one_day_stay_two():
    text = ("페루 생산부와 해양수산부는 4일 리마에서 '양식 협력 양해각서'를 체결했다.\n\n"
            "같은 날 페루 해양연구소와 한국해양과학기술원은 '해양 자료 교환 협약'을 맺었다.\n")
    assert len([g for g in drafted(text, "2026-05-04") if g[0] == "signing"]) == 2


def test_a_summary_line_folds_into_the_event_it_sums_up():
    text = ("시청 보도자료\n\n ◈ 한-페루 수산 포럼, 5. 4.~5. 리마서 열려\n\n"
            "해양수산부는 5월 4일부터 5일까지 페루 리마에서 페루 생산부와 '한-페루 수산 포럼'을 열었다고 6일 밝혔다.\n")
    got = [g for g in drafted(text, "2026-05-06") if g[0] == "forum"]
    assert got == [("forum", "2026-05-04/2026-05-05", "occurred", ("KR", "PE"))]


def test_headings_are_lines_without_a_sentence_ending():
    assert is_heading("[학교소식] 페루 대학과 협약…내년부터 교환")
    assert is_heading(" ◈ 포럼, 9. 14.~15. 열려")
    assert not is_heading("두 대학은 협약을 맺었다.")
    assert not is_heading("The two universities signed an agreement.")


def test_the_visit_told_again_and_a_day_within_it_are_that_visit():
    text = ("LIMA, May 4 - Peru's trade minister began a three-day visit to Seoul on Monday, meeting Korean "
            "officials.\n\nThe visit runs until Wednesday. The minister is due to tour a shipyard in Busan "
            "on Tuesday, his office said.\n")
    got = [g for g in drafted(text, "2026-05-04") if g[0] == "visit"]
    assert got == [("visit", "2026-05-04/2026-05-06", "occurred", ("KR", "PE"))]


def test_an_opening_speech_is_no_opening_beside_the_event_it_opens():
    text = ("The Embassy of the Republic of Korea in Peru and the Peruvian Ministry of Culture held Korea-Peru "
            "Design Week from 4 to 8 May in Lima.\n\nThe Ambassador and the Minister of Culture opened the event.\n")
    got = drafted(text, "2026-05-10")
    assert [g[0] for g in got] == ["forum"]


def test_a_year_that_opened_with_a_trip_is_a_visit():
    text = ("The year opened with a two-day trip by Korea's trade minister to Lima (12–13 January), "
            "his first to Peru.\n")
    got = drafted(text, "2026-12-20")
    assert ("visit", "2026-01-12/2026-01-13", "occurred", ("KR", "PE")) in got
    assert not [g for g in got if g[0] == "opening"]


def test_month_headings_habitual_meetings_and_local_outings_are_no_events():
    assert not_event(_d("visit", "June: a museum you can visit", countries=()))
    assert not_event(_d("meeting", "위원회는 2019년 체결된 협정에 따라 2년마다 두 나라를 오가며 열린다.", "2019"))
    assert not_event(_d("meeting", "The committee is held every two years under the 2019 agreement.", "2019"))
    assert not_event(_d("forum", "행사 전날에는 시민 100여 명이 관내 공장 두 곳을 둘러봤다.", "2026-05-03", ("KR",)))
    assert not not_event(_d("meeting", "위원회는 2019년 서울에서 열렸다.", "2019"))
    assert not not_event(_d("forum", "행사 전날에는 페루 대표단이 공장 두 곳을 둘러봤다.", "2026-05-03"))


def test_a_span_told_by_its_length():
    out = [_d("project", "두 기관은 2023년부터 2년간 '해양 자료 사업'을 함께 수행했다.", "2023/.."),
           _d("project", "The project (2027–2029, funded by both sides) will map the coast.", "2027"),
           _d("visit", "The minister began a four-day visit to Seoul on Monday.", "2026-05-04"),
           _d("visit", "The minister visited Seoul on Monday.", "2026-05-04")]
    close_spans(out)
    assert [d["record"]["date"] for d in out] == ["2023/2024", "2027/2029", "2026-05-04/2026-05-07", "2026-05-04"]


# --- parties by reference ----------------------------------------------------------------------

def test_a_city_before_its_mayor_is_a_side():
    text = ("구미시는 10일 구미시청에서 포럼을 열었다.\n\n"
            "이날 오후 구미시장과 쿠스코 시장이 면담을 갖고 관광 협력 방안을 논의했다.\n\n"
            "두 시장은 내년 중 자매결연 협약을 맺기로 했다.\n")
    got = drafted(text, "2026-05-11")
    assert ("meeting", "2026-05-10", "occurred", ("KR", "PE")) in got
    assert [g for g in got if g[0] == "signing"] == [("signing", "2027", "planned", ("KR", "PE"))]


def test_the_trip_takes_the_sides_of_the_visit_told_before():
    text = ("In January Korea's trade minister visited Lima for talks with Peru's trade ministry.\n\n"
            "Peru's trade minister was due in Seoul in mid-October. The trip was postponed because of the "
            "budget debate.\n")
    got = [g for g in drafted(text, "2026-12-20") if g[0] == "visit"]
    assert any(g[2] == "postponed" and g[3] == ("KR", "PE") for g in got)


# --- events told in words read since fresh9 -----------------------------------------------------

def test_a_project_named_with_its_years_in_brackets():
    text = ("On 2 March the Korean aid agency and Peru's water authority signed a record of discussions on "
            "river monitoring.\n\nThe project (2027–2030, USD 3 million) will map flood risk along the Rimac.\n")
    got = drafted(text, "2026-03-05")
    assert ("project", "2027/2030", "planned", ("KR", "PE")) in got


def test_research_funded_over_years_told_by_length_is_a_project():
    text = "한국과 페루 양측은 2027년부터 3년간 해양 자원 분야 공동연구과제 4개를 지원하기로 했다.\n"
    assert [g for g in drafted(text, "2026-06-01") if g[0] == "project"] == [
        ("project", "2027/2029", "planned", ("KR", "PE"))]


def test_a_pilot_line_scheduled_to_open_is_an_opening():
    text = ("A Korean battery maker and Peru's Ministry of Energy launched a joint programme on 3 March.\n\n"
            "A shared pilot line in Arequipa is scheduled to open in the second quarter of 2028.\n")
    got = drafted(text, "2026-03-05")
    assert ("opening", "2028-04/2028-06", "planned", ("KR", "PE")) in got


def test_a_steering_committee_annual_review_is_a_meeting():
    text = ("A Korean battery maker and Peru's Ministry of Energy signed a research agreement in Lima on 3 March.\n\n"
            "The consortium's steering committee will hold its first annual review in Seoul in March 2027.\n")
    got = drafted(text, "2026-03-05")
    assert [g for g in got if g[0] == "meeting"] == [("meeting", "2027-03", "planned", ("KR", "PE"))]


def test_a_team_sent_is_a_visit_and_a_letter_is_not():
    got = drafted("해양연구원은 다음 달 중순 연구진을 페루 리마에 보낼 계획이다.\n", "2026-04-17")
    assert [g[0] for g in got] == ["visit"] and got[0][3] == ("KR", "PE")
    assert not drafted("해양연구원은 다음 달 중순 서한을 페루 정부에 보낼 계획이다.\n", "2026-04-17")


def test_joint_building_by_a_year_is_a_project():
    text = "한국해양연구원과 페루 해양연구소는 2029년까지 양식 시험 설비를 함께 짓기로 했다.\n"
    got = [g for g in drafted(text, "2026-04-17") if g[0] == "project"]
    assert len(got) == 1 and got[0][2] == "planned" and got[0][3] == ("KR", "PE")


def test_a_course_of_months_that_began_is_a_project():
    text = ("On 3 November, 20 engineers from Peru began a four-month course in port logistics at a Korean "
            "shipping company's academy in Busan.\n")
    got = drafted(text, "2026-12-20")
    assert [g for g in got if g[0] == "project"] == [("project", "2026-11-03", "occurred", ("KR", "PE"))]
