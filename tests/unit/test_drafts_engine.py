"""The drafting engine on articles we wrote: verbatim quotes, determinism, statuses, places,
known organisations, duplicates, candidate matches, and complete drafts the record schema accepts."""

import msgspec
import pytest

from services.query.drafts import draft, places, records
from services.query.drafts.candidates import matches
from services.query.drafts.org_types import guess_type
from shared import record
from tests.unit.drafts_corpus import own_articles, seed_articles

ARTICLES = own_articles() + seed_articles()


@pytest.mark.parametrize(("name", "body", "expected"), ARTICLES, ids=[a[0] for a in ARTICLES])
def test_every_quote_is_verbatim_and_drafting_is_deterministic(name, body, expected):
    first = draft(body)
    text = body.get("text")
    if text is None:  # HTML: the quote lies in the extracted main text, which the page contains word for word
        from services.query.drafts.article import read
        text = read(body).text
    for d in first["drafts"]:
        assert d["quote"] in text
        assert d["record"]["sources"][0]["quote"] in text
        assert 0 <= d["confidence"] <= 1
    assert msgspec.json.encode(draft(body)) == msgspec.json.encode(first)


@pytest.mark.parametrize(("name", "body", "expected"), ARTICLES, ids=[a[0] for a in ARTICLES])
def test_complete_drafts_are_valid_records_and_incomplete_ones_say_why(name, body, expected):
    for d in draft(body)["drafts"]:
        if not d["missing"]:
            record.decode_record(msgspec.json.encode(d["record"]))  # as POST /v1/events would
        else:
            assert all(m.startswith("$.") for m in d["missing"])


def body(name: str) -> dict:
    return next(b for n, b, _ in own_articles() if n == name)


def test_postponed_and_cancelled_events_say_so():
    statuses = {d["record"]["kind"]: d["record"]["status"] for d in draft(body("ko_postponed"))["drafts"]}
    assert statuses["meeting"] == "postponed"
    assert statuses["signing"] == "occurred"
    forum = next(d for d in draft(body("ko_cancelled"))["drafts"] if d["record"]["kind"] == "forum")
    assert forum["record"]["status"] == "cancelled" and forum["record"]["date"] == "2024-11-22"


def test_an_article_with_no_cooperation_event_gives_no_draft():
    assert draft(body("ko_none"))["drafts"] == []


def test_html_page_gives_its_headline_and_date():
    out = draft(body("en_page"))
    assert out["article"]["title"].startswith("Visegrad–Korea science forum")
    assert out["article"]["published"] == "2023-10-05"
    assert out["article"]["lang"] == "en"


def test_a_complete_korean_signing():
    text = ("한국기계연구원은 2019년 5월 14일 민스크에서 벨라루스 국립과학아카데미와 상호협력 협정을 체결했다고 20일 밝혔다.")
    known = [{"org": "by.nasb", "names": ["벨라루스 국립과학아카데미"], "country": "BY", "type": "research"}]
    d = draft({"text": text, "published": "2019-05-20", "publisher": "테스트", "url": "https://example.org/a"},
              organisations=known)["drafts"]
    assert len(d) == 1
    rec = d[0]["record"]
    assert rec["kind"] == "signing" and rec["date"] == "2019-05-14" and rec["status"] == "occurred"
    assert {(p["name"], p["country"], p["type"], p["role"]) for p in rec["participants"]} >= {
        ("한국기계연구원", "KR", "research", "signatory")}
    nasb = next(p for p in rec["participants"] if p["country"] == "BY")
    assert nasb["org"] == "by.nasb"
    assert "벨라루스 국립과학아카데미" in rec["title"] and rec["title"].endswith("체결")
    assert rec["title_en"].endswith("agreement signed")
    assert rec["place"] == {"city": "민스크", "country": "BY"}
    assert rec["sources"][0] == {"url": "https://example.org/a", "publisher": "테스트", "published": "2019-05-20",
                                 "quote": text}
    assert d[0]["missing"] == []
    record.decode_record(msgspec.json.encode(rec))


def test_the_same_event_reported_twice_is_one_draft():
    text = ("서울시는 지난 3일 오덴세에서 덴마크 오덴세시와 로봇 분야 업무협약을 체결했다.\n"
            "서울시와 덴마크 오덴세시는 이날 로봇 분야 업무협약을 체결하고 인재 교류에 합의했다.")
    drafts = draft({"text": text, "published": "2024-03-15", "publisher": "테스트"})["drafts"]
    assert [d["record"]["kind"] for d in drafts] == ["signing"]


@pytest.mark.parametrize(("text", "codes"), [
    ("벨라루스 국립과학아카데미", {"BY"}), ("러시아 철도공사", {"RU"}), ("UAE와 협력", {"AE"}),
    ("Visegrad countries", {"CZ", "HU", "PL", "SK"}), ("a Korean delegation", {"KR"}), ("Danish firms", {"DK"}),
    ("한-러 협력", {"KR", "RU"}), ("韓 기업", {"KR"}), ("모스크바에서", {"RU"}),
])
def test_country_names_in_both_languages(text, codes):
    assert {c for p in places.find(text) for c in p.codes} == codes


@pytest.mark.parametrize(("name", "kind"), [
    ("과학기술정보통신부", "government"), ("한국기계연구원(KIMM)", "research"), ("동국대학교", "university"),
    ("분당서울대병원", "hospital"), ("서울시", "local-government"), ("삼성전자", "company"),
    ("Korea Institute of Science and Technology", "research"), ("Seoul National University", "university"),
    ("Ministry of Science and ICT", "government"), ("Samsung Electronics Co., Ltd.", "company"),
])
def test_participant_type_from_the_name(name, kind):
    assert guess_type(name) == kind


def test_matches_are_live_events_with_the_same_countries_and_overlapping_dates():
    rec = {"kind": "signing", "date": "2019-05-14", "title": "한국기계연구원–벨라루스 국립과학아카데미 상호협력 협정 체결",
           "participants": [{"name": "한국기계연구원", "country": "KR"}, {"name": "벨라루스 국립과학아카데미", "country": "BY"}]}
    live = [
        {"id": "a", "kind": "signing", "date": "2019", "title": "한국기계연구원과 상호협력 체결(2019)",
         "participants": [{"name": "한국기계연구원", "country": "KR"}, {"name": "벨라루스 국립과학아카데미", "country": "BY"}]},
        {"id": "b", "kind": "signing", "date": "2017", "title": "다른 해의 협정",
         "participants": [{"name": "한국기계연구원", "country": "KR"}, {"name": "벨라루스 국립과학아카데미", "country": "BY"}]},
        {"id": "c", "kind": "signing", "date": "2019", "title": "다른 나라",
         "participants": [{"name": "한국기계연구원", "country": "KR"}, {"name": "러시아과학아카데미", "country": "RU"}]},
    ]
    found = matches(rec, live)
    assert [m["id"] for m in found] == ["a"] and 0 < found[0]["score"] <= 1
    asked = []
    assert matches(rec, lambda countries, date: asked.append((countries, date)) or live)[0]["id"] == "a"
    assert asked == [(["BY", "KR"], "2019-05-14")]


def kinds_dates_countries(text: str, published: str | None = None, lang: str | None = None) -> list[tuple]:
    body = {"text": text, "publisher": "테스트"}
    if published:
        body["published"] = published
    if lang:
        body["lang"] = lang
    return [(d["record"]["kind"], d["record"].get("date"),
             tuple(sorted({p["country"] for p in d["record"]["participants"] if p.get("country")})))
            for d in draft(body)["drafts"]]


def test_one_agreement_per_listed_partner():
    text = "벨라루스 국립과학아카데미는 한국기계연구원, 동국대학교, 울산 테크노파크와 연구협력 협정을 체결했다."
    assert kinds_dates_countries(text, "2019") == [("signing", "../2019", ("BY", "KR"))] * 3


def test_events_listed_with_their_years():
    text = ("서울시가 덴마크 오덴세와 로봇 분야 업무협약을 체결했다.\n"
            "오덴세는 서울시와는 우호 협력 도시 협약(2014년)을 시작으로 안데르센 전시(2015년 및 2019년) 등 교류를 지속해 왔다.")
    found = kinds_dates_countries(text, "2024")
    assert found[1:] == [("signing", "2014", ("DK", "KR")), ("forum", "2015", ("DK", "KR")),
                         ("forum", "2019", ("DK", "KR"))]


def test_both_sides_named_before_are_the_parties_of_a_later_sentence():
    text = ("과학기술정보통신부와 우즈베키스탄 혁신개발부는 2024년 6월 14일 타슈켄트에서 공동위원회를 개최했다.\n"
            "양국은 이날 회의에서 과학기술 협력 양해각서에 서명했다.")
    assert kinds_dates_countries(text, "2024-06-21") == [("meeting", "2024-06-14", ("KR", "UZ")),
                                                         ("signing", "2024-06-14", ("KR", "UZ"))]


def test_an_english_release_places_its_unqualified_bodies_by_its_dateline():
    text = ("SEOUL, 14 April 2025 - The Ministry of Science and ICT signed an agreement with Kenya's "
            "Ministry of Health on Saturday.")
    drafts = draft({"text": text, "publisher": "Test", "published": "2025-04-14"})["drafts"]
    assert [(p["name"], p["country"]) for p in drafts[0]["record"]["participants"]] == [
        ("Ministry of Science and ICT", "KR"), ("Ministry of Health", "KE")]
    assert drafts[0]["record"]["date"] == "2025-04-12"


def test_a_draft_keeps_to_the_record_schema_whatever_the_request_carries():
    text = "한국기계연구원은 2019년 5월 14일 벨라루스 국립과학아카데미와 상호협력 협정을 체결했다."
    d = draft({"text": text, "published": "2019-05-20", "publisher": "가" * 400, "url": "javascript:alert(1)"})
    src = d["drafts"][0]["record"]["sources"][0]
    assert "url" not in src and len(src["publisher"]) == 300
    record.decode_record(msgspec.json.encode(d["drafts"][0]["record"]))


def test_an_undated_article_never_calls_a_future_event_occurred():
    d = draft({"text": "한국기계연구원은 2099년 5월 14일 벨라루스 국립과학아카데미와 협정을 체결했다.", "publisher": "테스트"})
    assert d["drafts"][0]["record"]["status"] == "planned"


def test_a_known_organisation_is_found_by_its_acronym_in_an_english_text():
    text = "KTH Royal Institute of Technology in Stockholm and KAIST signed an agreement on 2 May 2025."
    known = [{"org": "kr.kaist", "names": ["한국과학기술원(KAIST)"], "country": "KR", "type": "university"}]
    d = draft({"text": text, "published": "2025-05-06", "publisher": "Test"}, organisations=known)["drafts"]
    parts = {p["name"]: (p.get("country"), p.get("org")) for p in d[0]["record"]["participants"]}
    assert parts == {"KTH Royal Institute of Technology": ("SE", None), "한국과학기술원(KAIST)": ("KR", "kr.kaist")}
    assert d[0]["missing"] == []


def test_the_other_side_of_an_event_told_with_one_country():
    # Korean leaves the home side out: the minister of a Korean article is Korean
    assert kinds_dates_countries("차관은 지난 3일 하노이에서 베트남 정보통신부 차관과 회담했다.", "2025-06-05") == \
        [("meeting", "2025-06-03", ("KR", "VN"))]
    # an English body of no named country beside a foreign one, with no other country named
    text = "Tallinn University of Technology and KAIST signed a research agreement in Tallinn on 3 June 2025."
    assert kinds_dates_countries(text, "2025-06-05") == [("signing", "2025-06-03", ("EE", "KR"))]


def test_quoted_words_and_overtaken_plans_state_no_event():
    assert kinds_dates_countries('장관은 "내년에는 케냐에 공동연구센터를 열고 협약도 맺겠다"고 말했다.', "2025-06-05") == []
    assert kinds_dates_countries('"We will open a joint centre in Nairobi next year," the Kenyan minister said.',
                                 "2025-06-05") == []
    assert kinds_dates_countries("The Korean minister had been due to visit Nairobi in March.", "2025-06-05") == []


def test_a_passive_english_event_is_its_subject():
    text = ("A workshop that was to be held alongside the Korea-Vietnam joint committee meeting in Hanoi on "
            "3 June 2025 has been cancelled.")
    assert [k for k, _, _ in kinds_dates_countries(text, "2025-05-20")] == ["forum"]


def test_the_recall_pass_drafts_event_words_the_rules_leave():
    # an event as a noun phrase, with a date and a foreign side: a draft of lower confidence
    text = "돌아보면 전환점은 2023년 5월 하노이 한-베트남 정상회담이었다."
    assert kinds_dates_countries(text, "2025-06-05") == [("meeting", "2023-05", ("KR", "VN"))]
    body = {"text": text, "publisher": "테스트", "published": "2025-06-05"}
    assert draft(body)["drafts"][0]["confidence"] <= 0.45
    # letters exchanged are a signing; the head of a split compound (경제/공동/위원회) is a meeting
    assert kinds_dates_countries("두 도시는 지난 3일 자매결연 축하 서한을 교환했다. 인도네시아 반둥시가 상대다.",
                                 "2025-06-05")[0][:2] == ("signing", "2025-06-03")
    # verbless lines under a dated header line take its date
    programme = ("Korea–Morocco Energy Week\n\nTuesday 17 November — Rabat\n"
                 "10:00  Signing of a memorandum of understanding between KIER and Morocco's Green Energy Park\n")
    assert ("signing", "2026-11-17", ("KR", "MA")) in kinds_dates_countries(programme, "2026-11-02")


def test_the_recall_pass_leaves_wishes_figures_and_settings():
    for text, kind in (("양국이 내년 3월 베트남 하노이에서 포럼을 다시 열기를 바란다.", "forum"),
                       ("2014년 자유무역협정 발효 이후 베트남과의 교역액은 연평균 6.8% 늘었다.", "signing"),
                       ("We hope for a Korea–Vietnam forum in Hanoi in March 2026.", "forum"),
                       ("On the margins of the forum in Hanoi on 3 March 2025, Vietnam's minister toured a plant.",
                        "forum")):
        assert kind not in [k for k, _, _ in kinds_dates_countries(text, "2025-06-05")], text


def test_a_draft_the_schema_refuses_lists_what_it_lacks():
    # a party added late without its country: the schema's path goes into `missing`, so that a
    # draft listing nothing is always one POST /v1/events accepts unchanged
    d = {"record": {"kind": "visit", "status": "occurred", "date": "2026-03-03", "title": "방문",
                    "participants": [{"name": "A부", "country": "KR", "type": "government", "role": "host"},
                                     {"name": "B Ministry", "country": "ET", "type": "government", "role": "visitor"},
                                     {"name": "the Prime Minister", "type": "government", "role": "visitor"}],
                    "sources": [{"publisher": "test"}]},
         "missing": []}
    records.says_why(d)
    assert d["missing"] == ["$.participants[2].country"]
    del d["record"]["participants"][2]
    d["missing"] = []
    records.says_why(d)
    assert d["missing"] == []
