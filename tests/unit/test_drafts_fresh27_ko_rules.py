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


def test_partners_told_apart_in_one_clause_keep_their_own_sides():
    # the second partner's agreement does not take the first partner's country from the event before it (one clause's
    # events told apart share no sides)
    text = ("공사는 김하늘 사장을 단장으로 한 대표단이 지난달 3일부터 5일까지 페루 리마를, 이어 6일부터 8일까지 칠레 "
            "산티아고를 차례로 방문했다고 10일 밝혔다. 대표단은 방문 기간 중 4일 페루 국립수산연구소와, 7일 칠레 "
            "해양연구원과 각각 협약을 맺었다.")
    signings = sorted(d for d in drafted(text, "2025-07-10", status=False) if d[0] == "signing")
    assert [d[2] for d in signings] == [("KR", "PE"), ("CL", "KR")]


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


def test_a_korean_news_story_of_two_foreign_countries_with_no_korean_party_gets_no_korean_side():
    # "중국과 러시아가 … 양측은 … 협정을 맺었다": their agreement, not Korea's (no body of the page's own, no 우리·국내)
    text = ("중국과 러시아가 공동 군사훈련을 다음 달 실시한다고 밝혔다. 양측은 지난 5일 모스크바에서 협정을 맺었다.\n\n"
            "3국 정상회의는 내년 3월 열린다.")
    assert all("KR" not in d[2] for d in drafted(text, "2025-07-15", status=False))
    text = "일본과 베트남 정부는 지난 3일 하노이에서 협정을 맺었다. 두 나라의 공동 연구사업은 다음 달부터 2027년까지 진행된다."
    assert all("KR" not in d[2] for d in drafted(text, "2025-07-15", status=False))


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


# --- names the analyser misreads -------------------------------------------------------------------------


def _bodies(text: str, published: str) -> list[tuple[str, str]]:
    from services.query.drafts import draft

    return [(p["name"], p.get("country")) for d in draft({"text": text, "published": published})["drafts"]
            for p in d["record"]["participants"] if p.get("type") != "other"]


def test_a_name_read_as_a_verb_s_ending_is_no_sentence_end():
    # "요르단 하심응용과학연구소가": "하심" read as 하-시-ㅁ (a sentence's ending) inside a word; the body is whole, Jordan's
    text = "연구원은 지난 21일 요르단 하심응용과학연구소와 '물 기술 협력 양해각서'를 맺었다."
    assert drafted(text, "2026-01-28", status=False) == [("signing", "2026-01-21", ("JO", "KR"))]
    assert ("요르단 하심응용과학연구소", "JO") in _bodies(text, "2026-01-28")


def test_a_city_before_a_body_whose_word_opens_like_a_pronoun_is_the_body_s():
    # "카이로 나일신재생에너지연구소": 나 read as a pronoun cut the name; the city before it places the body in Egypt
    text = "연구원은 2024년부터 카이로 나일신재생에너지연구소와 함께 태양열 담수화 공동연구를 진행하고 있다."
    assert drafted(text, "2026-01-28", status=False) == [("project", "2024/..", ("EG", "KR"))]
    assert ("카이로 나일신재생에너지연구소", "EG") in _bodies(text, "2026-01-28")


# --- events told as the setting of a statement ------------------------------------------------------------


def test_a_numbered_committee_held_as_the_setting_of_a_decision_is_a_meeting():
    # "지난해 11월 … 열린 제3차 한-페루 공동위원회에서 양측은 … 지정했다": the committee held, numbered before its pair
    text = "지난해 11월 리마에서 열린 제3차 한-페루 과학기술공동위원회에서 양측은 수산 분야를 중점 협력 분야로 지정했다."
    assert drafted(text, "2026-01-28", status=False) == [("meeting", "2025-11", ("KR", "PE"))]


def test_a_project_s_next_phase_is_no_report_of_the_project_before():
    # "이에 따라 공동연구 2단계 사업이 오는 9월 시작된다": a phase of its own, not the project since 2024 told again
    text = ("연구원은 2024년부터 리마 국립수산연구소와 함께 연안 관측 공동연구를 진행하고 있다. "
            "이에 따라 공동연구 2단계 사업이 오는 9월 시작된다.")
    assert drafted(text, "2026-01-28", status=False) == [
        ("project", "2024/..", ("KR", "PE")), ("project", "2026-09", ("KR", "PE"))]


# --- countries listed together ----------------------------------------------------------------------------


def test_countries_listed_before_a_group_are_sides_with_the_last():
    # "이집트·요르단 연구자 … 대상으로": both countries' researchers, not only the one the group word follows
    text = "테스트연구원은 오는 3월 대전에서 페루·칠레 연구자를 대상으로 '수산자원 관리 연수과정'을 운영한다."
    assert drafted(text, "2026-01-28", status=False) == [("project", "2026-03", ("CL", "KR", "PE"))]


# --- a pair written as one word; a notice's date field with its place --------------------------------------


def test_a_pair_written_as_one_word_names_both_countries():
    # "한중 공동연구센터": Korea and China, as "한-중" would
    text = "다음 달 대전에 한중 해양기술 공동연구센터가 문을 열 예정이다."
    assert drafted(text, "2026-05-22", status=False) == [("opening", "2026-06", ("CN", "KR"))]
    from services.query.drafts import places

    assert [p.codes for p in places.find("한미 정상은 한중간 협력도 논의했다")] == [("KR", "US"), ("KR", "CN")]
    # … but not the pair's letters opening another word or name: a company, a restaurant, a person, a match
    for word in ("한미약품은", "한일관에서", "김한중 교수는", "한일전에서", "한러시아"):
        assert places.find(word) == [], word


def test_a_notice_s_bulleted_date_and_place_field_dates_its_heading():
    # "1. 제3차 … 공동위원회 개최" then "○ 일시·장소: 2025. 9. 3.(수), 리마": that day
    text = ("보도참고자료\n\n1. 제3차 한-페루 과학기술 공동위원회 개최\n ○ 일시·장소: 2025. 9. 3.(수), 리마\n"
            " ○ 양측 수석대표: 차관(한국), 과학기술부 차관(페루)\n")
    assert ("meeting", "2025-09-03", ("KR", "PE")) in drafted(text, "2025-09-05", status=False)
