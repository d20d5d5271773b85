"""The gazetteer (services/query/drafts/gazetteer.py): cities CLDR does not list, in Hangul or
English, placed in their country — and the guards against names that are also words. The
sentences are our own."""

import pytest

from services.query.drafts import draft, gazetteer, places


def _codes(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], code) for s, e, code in gazetteer.find(text, [])]


def test_the_table_keeps_names_with_their_country_and_population():
    table = gazetteer.table()
    assert table["오덴세"][0] == "DK" and table["함부르크"][0] == "DE" and table["타슈켄트"][0] == "UZ"
    assert table["Monterrey"][0] == "MX" and table["Aachen"][0] == "DE" and table["Aachen"][1] > 200_000
    assert table["광주"][0] == "KR"  # a Korean city is always KR, whatever else bears the name
    assert table["London"][0] == "GB"  # London, Ontario is far smaller: the most populous dominates
    assert "Cambridge" not in table and "Victoria" not in table  # no country dominates: nothing
    assert "Asia" not in table and "프랑스" not in table  # CLDR's names are never a city's
    assert "March" not in table and "University" not in table  # a month, a body's word
    assert all(len(name) >= 2 for name in table)


@pytest.mark.parametrize(("text", "found"), [
    ("함부르크에서 열린 포럼", [("함부르크", "DE")]),
    ("오덴세와 협약을", [("오덴세", "DK")]),
    ("아헨공과대학교와", [("아헨", "DE")]),  # the head of a body's name
    ("함부르크 시청과", [("함부르크", "DE")]),
    ("뒤셀도르프 주정부 청사에서", [("뒤셀도르프", "DE")]),
    ("나이로비에 사무소를", [("나이로비", "KE")]),
    ("몬테레이", [("몬테레이", "MX")]),
    ("아헨에서", [("아헨", "DE")]),  # two syllables the analyser reads as a proper noun
    ("멜번 시와", [("멜번", "AU")]),  # two syllables it does not know, before a place's word
    ("여수에서 개최된", [("여수", "KR")]),
    ("바투미 부시장 일행이", [("바투미", "GE")]),  # a title of the city's own office
    ("(수바)", [("수바", "FJ")]),
    ("a trade mission to Monterrey in July", [("Monterrey", "MX")]),
    ("Aachen University", [("Aachen", "DE")]),
    ("at the Monterrey Institute of Technology", [("Monterrey", "MX")]),
    ("an Odense-based robot maker", [("Odense", "DK")]),
    ("shipyards in Geoje", [("Geoje", "KR")]),
    ("held in Dodoma on November 4", [("Dodoma", "TZ")]),
])
def test_cities_in_hangul_and_english_are_found(text, found):
    assert _codes(text) == found


@pytest.mark.parametrize("text", [
    "세 마리가",  # a counter (Mary, Turkmenistan)
    "세부 사항을",  # details (Cebu)
    "연대성을",  # solidarity (Yantai)
    "오렌지를 수입",  # a common noun of the analyser's dictionary (Orange)
    "성과를 올린다",  # a verb (Olinda)
    "멜번에서",  # two syllables, not a proper noun to the analyser, no place's word after it
    "코로나19 이후",  # the virus, not Corona (California)
    "블라디미르 푸틴 러시아 대통령이",  # a first name before a person's title
    "전주보다 0.1% 올랐다",  # the week before, not Jeonju
    "페루산 구리는",  # copper, not Guri
    "하남성에서",  # a Korean city's name places nothing foreign
    "해밀턴에서",  # Hamilton: Canada's and New Zealand's, neither dominant
    "파리바게뜨",  # inside another word
    "쿠팡은 협약을",  # a Korean company, not Bekasi's alternate name
    "카니 총리는",  # a person before a title no city's office bears
    "옹진에서",  # North Korea's Ongjin, and Incheon's Ongjin county
    "호프에서",  # two syllables, a proper noun to the analyser (a pub, too), but Hof is under 50,000
    "at Kennedy Space Center", "with the Federal Ministry of Finance", "the Korea Forest Service",
    "Delta State University", "in March", "in Asia", "Delta Airlines", "University of Canterbury", "Reading is fun",
])
def test_words_and_ambiguous_names_are_not_cities(text):
    assert _codes(text) == []


def test_cldr_comes_first_and_the_gazetteer_fills_the_rest():
    found = places.find("독일 함부르크에서 열린 포럼, 러시아 모스크바")
    assert [(p.text, p.codes, p.city) for p in found] == [
        ("독일", ("DE",), False), ("함부르크", ("DE",), True), ("러시아", ("RU",), False), ("모스크바", ("RU",), True)]
    assert places.find("한·파라과이")[0].codes == ("KR", "PY")  # not 파라 (Farah) + particles


def test_cldr_names_with_a_space_are_found_written_without_it():
    assert [p.codes for p in places.find("도미니카공화국 고등교육과학기술부, 중앙아프리카공화국")] == [("DO",), ("CF",)]
    assert places.find("한-도미니카공화국 스마트 양식 세미나")[0].codes == ("KR", "DO")
    assert places.find("도미니카 청소년")[0].codes == ("DO",)  # the press's short form
    assert places.find("도미니카연방 총리")[0].codes == ("DM",)


def test_a_continent_is_no_country():
    assert places.find("our first delegation from South America's lithium triangle") == []
    assert [p.codes for p in places.find("Latin America and the United States")] == [("US",)]


@pytest.mark.parametrize("text, found", [
    ("Papua New Guinean scientists", [("Papua New Guinean", ("PG",))]),
    ("South African and Sri Lankan teams", [("South African", ("ZA",)), ("Sri Lankan", ("LK",))]),
    ("the Costa Rican side", [("Costa Rican", ("CR",))]),
    ("a Guinean delegation", [("Guinean", ("GN",))]),
])
def test_demonyms_of_names_of_several_words(text, found):
    """The demonym of a name of several words is that country's, not its last word's."""
    assert [(p.text, p.codes) for p in places.find(text)] == found


def test_demonyms_do_not_depend_on_the_hash_seed():
    assert places.find("Nigerian agencies")[0].codes == ("NG",)  # Nigeria + n, not Niger + ian


def _drafted(text: str) -> list[tuple[str, str | None, list[str]]]:
    out = draft({"text": text, "published": "2026-06-03", "publisher": "test"})["drafts"]
    return [(d["record"]["kind"], d["record"].get("date"),
             sorted({p.get("country") for p in d["record"]["participants"]} - {None})) for d in out]


@pytest.mark.parametrize(("text", "expected"), [
    ("한국에너지기술연구원은 지난 2일 아헨공과대학교와 수소 분야 공동연구 양해각서를 체결했다.",
     [("signing", "2026-06-02", ["DE", "KR"])]),
    ("산업통상자원부 차관은 지난 12일 타슈켄트를 방문해 에너지 협력 방안을 논의했다.",
     [("visit", "2026-05-12", ["KR", "UZ"])]),
    ("한국전자기술연구원은 지난 5일 함부르크에서 열린 수소 기술 포럼에 참가했다.",
     [("forum", "2026-05-05", ["DE", "KR"])]),
    ("창원시는 지난달 28일 오덴세와 로봇 산업 우호협력 협약을 맺었다.",
     [("signing", "2026-05-28", ["DK", "KR"])]),
    ("SEOUL, 3 June 2026 – KOTRA will lead a trade mission to Monterrey from 15 to 17 July 2026.",
     [("visit", "2026-07-15/2026-07-17", ["KR", "MX"])]),
    ("SEOUL, 3 June 2026 – KAIST signed a research agreement with Aachen University on 2 June.",
     [("signing", "2026-06-02", ["DE", "KR"])]),
])
def test_a_city_places_the_event_and_its_party(text, expected):
    assert _drafted(text) == expected


def test_words_that_are_also_city_names_place_nothing():
    assert _drafted("한국과학기술연구원은 지난 4일 연대 강화를 위한 업무협약을 체결했다.") == [
        ("signing", "2026-05-04", ["KR"])]  # 연대 (solidarity) is no Chinese city here
    assert _drafted("코로나19 이후 중단됐던 청소년 교류가 지난 4일 재개됐다.") == []


def test_the_drafted_place_is_the_city():
    out = draft({"text": "산업통상자원부 차관은 지난 12일 타슈켄트를 방문해 에너지 협력 방안을 논의했다.",
                 "published": "2026-06-03", "publisher": "test"})["drafts"]
    assert out[0]["record"]["place"] == {"city": "타슈켄트", "country": "UZ"}


def test_the_worker_builds_the_table_when_it_starts(monkeypatch):
    import asyncio

    from services.query.drafts.runner import DraftRunner

    monkeypatch.setattr(gazetteer, "_table", None)
    runner = DraftRunner(processes=False)
    try:
        asyncio.run(runner.warm_up())
    finally:
        runner.close()
    assert gazetteer._table is not None and gazetteer._table["오덴세"][0] == "DK"
