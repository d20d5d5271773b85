"""The general rules written for the misses and wrong drafts of the Korean articles of `fresh27/`'s and `fresh28/`'s
first runs, each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- one clause, several events each with its own day -----------------------------------------------


def test_a_trip_told_as_its_places_with_their_days_is_one_visit_per_place():
    # "A를, 이어 B를 차례로 방문했다": the places as the visit's objects, each after its own days
    text = ("시 대표단은 지난달 3일부터 5일까지 페루 리마를, 이어 6일부터 8일까지 칠레 산티아고를 차례로 방문했다고 "
            "10일 밝혔다.")
    assert sorted(drafted(text, "2025-07-10", status=False)) == [
        ("visit", "2025-06-03/2025-06-05", ("KR", "PE")), ("visit", "2025-06-06/2025-06-08", ("CL", "KR"))]


def test_partners_each_told_with_their_own_day_signed_one_agreement_each():
    # "4일 A와, 7일 B와 각각 … 협약을 맺었다": one agreement per partner, on its day
    text = ("대표단은 순방 기간 중 4일 페루 국립수산연구소와, 7일 칠레 해양연구원과 각각 '연안 관측 공동연구' 협약을 "
            "맺었다.")
    assert sorted(drafted(text, "2025-07-10", status=False)) == [
        ("signing", "2025-07-04", ("KR", "PE")), ("signing", "2025-07-07", ("CL", "KR"))]


# --- a Korean story of two foreign countries ----------------------------------------------------------


def test_three_countries_counted_in_a_korean_story_of_two_foreign_ones_are_korea_and_those():
    # "3국 연구진": Korea, unnamed, and the two foreign countries the story names
    text = ("공사는 페루 리마와 칠레 산티아고에서 잇따라 수산 협력 협약을 맺었다고 10일 밝혔다. 페루와 칠레 두 나라는 "
            "공사의 새 협력국이다.\n\n3국 연구진은 오는 9월 리마에서 착수 워크숍을 열 예정이다.")
    assert ("forum", "2025-09", "planned", ("CL", "KR", "PE")) in drafted(text, "2025-07-10")


def test_a_joint_project_of_a_korean_story_of_two_foreign_countries_is_korea_s_too():
    # no side named, on a page of Peru and Chile that never names Korea: the two and Korea, not the two alone
    text = ("공사는 지난 4일 페루 국립수산연구소와 연안 관측 협약을 맺은 데 이어 7일 칠레 해양연구원과도 같은 협약을 "
            "맺었다.\n\n이번 공동 관측사업은 다음 달부터 2027년 8월까지 2년간 진행된다.")
    assert ("project", "2025-08/2027-08", "planned", ("CL", "KR", "PE")) in drafted(text, "2025-07-10")


# --- what an event is about ----------------------------------------------------------------------------


def test_a_sentence_telling_the_gist_of_the_event_before_is_no_event():
    # "… 구축하고 … 개발하는 것이 골자다": what the project told before is about, no second project
    text = ("대표단은 4일 페루 국립수산연구소와, 7일 칠레 해양연구원과 각각 '연안 관측 공동연구' 협약을 맺었다.\n\n"
            "이번 공동 관측사업은 다음 달부터 2027년 7월까지 2년간 진행된다. 두 나라에서 관측소 다섯 곳을 골라 소규모 "
            "관측망을 구축하고, 현지 기후에 맞는 예보 모델을 함께 개발하는 것이 골자다.")
    assert [d for d in drafted(text, "2025-07-10", status=False) if d[0] == "project"] == [
        ("project", "2025-08/2027-07", ("CL", "KR", "PE"))]


def test_a_summary_line_over_the_text_s_agreements_together_is_told_again():
    # "- 양국 … 기관과 잇따라 협약… 다음 달부터 …": the summary of the two agreements the text reports, not a third one
    text = ("[보도자료] 공사, 페루·칠레와 수산 협력\n\n"
            "- 양국 수산 연구기관과 잇따라 협약… 다음 달부터 공동 관측\n\n"
            "공사는 지난 4일 페루 국립수산연구소와, 7일 칠레 해양연구원과 각각 '연안 관측 공동연구' 협약을 맺었다고 "
            "10일 밝혔다.")
    assert sorted(drafted(text, "2025-07-10", status=False)) == [
        ("signing", "2025-07-04", ("KR", "PE")), ("signing", "2025-07-07", ("CL", "KR"))]
