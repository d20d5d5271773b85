"""Review of the Korean fresh41 rules and of the reading of pasted text (lines joined at a fixed width, a page's
furniture blanked, a page's own date fields): near-misses the rules must leave alone, on short texts of our own."""

from services.query.drafts import dates
from services.query.drafts.article import unwrapped, without_furniture
from services.query.drafts.fallback import posted
from tests.unit.drafts_corpus import drafted

# --- unwrapped: lines of about one length that are no wrapped paragraph ---------------------------------------------


def test_a_table_set_as_text_is_not_joined_into_one_line():
    table = "\n".join([
        "Month   Partner    Activity                          Status",
        "April   Ghana      Clinic management course, Accra   Held",
        "May     Kenya      Ocean observation pact, Mombasa   Signed",
        "June    Peru       Lithium talks, Lima               Planned",
        "July    Chile      Water forum, Santiago             Planned"])
    assert unwrapped(table) == table
    wrapped = ("Test Agency (test) reports on its year of work with partner agencies in Africa and\n"
               "Latin America, from a course for clinic managers in Accra to talks on lithium in\n"
               "Lima, and on the plans its partners and the ministry agreed for the next year.\n\n")
    out = unwrapped(wrapped + table)
    assert "agencies in Africa and Latin America, from" in out  # the paragraph's lines are joined …
    assert out[len(wrapped):] == table  # … the table's rows, in a text wrapped at the same width, are not


def test_a_list_of_headlines_of_about_one_length_is_not_joined():
    headlines = "\n".join([
        "Korea, Morocco to open solar research hub in Rabat",
        "Korea-Ghana health forum set for Accra on Feb 24",
        "Korea, Tanzania sign MOU on fisheries science",
        "Ethiopian science minister to visit Daejeon complex",
        "Korea-Peru lithium talks set for June 12 in Lima"])
    assert unwrapped(headlines) == headlines


def test_a_script_of_one_sentence_a_line_is_not_joined():
    en = "\n".join([
        "ANCHOR: Korea and Kenya have signed an ocean science pact",
        "REPORTER: The two institutes met in Mombasa on Tuesday",
        "The agreement covers ocean observation and training",
        "Kenyan researchers will visit Busan in November",
        "A joint workshop follows in Nairobi in September",
        "Officials say more projects could follow next year"])
    assert unwrapped(en) == en
    ko = "\n".join([
        "앵커: 한국과 케냐가 해양 연구 협력에 나섰습니다 오늘 소식입니다",
        "기자: 두 나라 연구기관이 어제 몸바사에서 협약을 맺었습니다 현장입니다",
        "이번 협약으로 양국의 공동 해양 관측이 본격적으로 시작됩니다",
        "케냐 연구자 여덟 명은 오는 11월 부산을 찾을 예정입니다",
        "양측은 9월 나이로비에서 연안 침식 워크숍도 함께 엽니다"])
    assert unwrapped(ko) == ko


def test_a_numbered_list_whose_items_wrap_is_joined_within_each_item():
    items = "\n".join([
        "1. Korea and Kenya signed an agreement on ocean",
        "   observation in Mombasa on 14 April 2026",
        "2. The two institutes will hold a workshop in",
        "   Nairobi from 8 to 10 September 2026",
        "3. Eight Kenyan researchers will visit Busan in",
        "   November for two weeks of field work there"])
    out = unwrapped(items)
    assert out.count("\n") == 2 and "ocean    observation" in out and "\n2. The two" in out


# --- without_furniture: a page's marks as words of the story ----------------------------------------------------------

P1 = "Korea's Test Agency (test) signed an agreement with Ghana's Test Health Service (test) in Accra on Tuesday, officials said."
P2 = "The two will hold a joint forum on clinic management in Seoul from 8 to 10 September, the agency said in a statement."
K1 = "테스트기관은 지난 14일 가나 아크라에서 가나 보건청과 모자보건 분야 업무협약을 체결했다고 16일 밝혔다. 협약식에는 양 기관장이 참석했다."
K2 = "두 기관은 오는 9월 8일부터 10일까지 서울에서 병원 경영을 주제로 공동 포럼을 열고, 가나 의료진 연수 방안도 논의할 예정이다."
K3 = "가나 보건부 장관은 오는 11월 서울을 방문해 양국 보건 협력 사업의 진행 상황을 점검할 예정이라고 기관 측은 설명했다."


def test_a_story_paragraph_opening_with_copyright_is_the_storys():
    last = "Copyright experts from Korea and Ghana will hold a workshop in Accra on 12 October, the agency said."
    text = "\n\n".join([P1, P2, last, "The minister called it a good start."])
    assert without_furniture(text) == text
    assert ("forum", "2026-10-12", "planned", ("GH", "KR")) in drafted(text, "2026-04-16")


def test_a_story_paragraph_opening_with_trending_is_the_storys():
    text = "\n\n".join([P1, P2, "Trending upward since 2020, the two countries' health trade rose 12 percent last year."])
    assert without_furniture(text) == text


def test_korean_related_and_comment_words_inside_a_sentence_end_no_story():
    related = "\n\n".join([K1, K2, "관련 기사에 따르면 장관은 부산의 병원도 둘러볼 예정이다.", "양측은 후속 사업을 논의했다."])
    assert without_furniture(related) == related
    comment = "\n\n".join([K1, K2, K3, "댓글 기능은 이번 개편에서 빠졌다.", "장관은 말을 아꼈다."])
    assert without_furniture(comment) == comment
    tail = "\n\n".join([K1, K2, K3, "관련기사\n한-탄자니아 수산 협력 MOU 체결\n\n댓글 2\n좋은 소식이네요"])
    assert "탄자니아" not in without_furniture(tail)  # (the page's own marks still end the story)


# --- a page's own date fields ------------------------------------------------------------------------------------------


def test_a_pages_date_field_right_above_the_story_dates_no_sentence_of_it():
    text = ("Korea–Jordan Science Week held in Amman\n- Date : 2026-11-08\n- Views : 214\n- Writer : Test Embassy\n"
            "The Embassy of Korea in Jordan and the Test Scientific Society (test) held the Korea–Jordan Science Week "
            "in Amman from 1 to 4 November.\n"
            "The first event of its kind, the Science Week brought together researchers and start-ups from both "
            "countries.")
    got = drafted(text, "2026-11-08")
    assert ("forum", "2026-11-01/2026-11-04", "occurred", ("JO", "KR")) in got
    assert all(date != "2026-11-08" for _, date, _, _ in got)


def test_a_posting_word_inside_a_sentence_is_no_posting_field():
    assert posted("등록일 2026-05-18 | 작성자 홍길동 | 조회 123", "2026-05-18", "ko")
    assert posted("- Views : 214", "2026-05-18", "en") and posted("Posted on 12 Nov 2025", "2026-05-18", "en")
    assert not posted("양측은 신원 조회 절차를 논의했다.", "2026-05-18", "ko")
    assert not posted("The two exchanged views on 5 March.", "2026-05-18", "en")
    assert not posted("The report, published on 5 March, was read.", "2026-05-18", "en")
    got = drafted("양측은 지난 5일 하노이에서 만나 신원 조회 절차 간소화 방안을 논의했다.", "2026-03-20")
    assert got and got[0][1] == "2026-03-05"


def test_numbers_with_slashes_and_dots_that_are_no_dates():
    for text in ("The hotline runs 24/7 and users rated it 3/5.", "Enrolment rose by 1/3 in 2026.",
                 "The ratio was 1/2/2026 on paper."):
        found = [m.span.text() for m in dates.resolve(text, "2026-03-20", lang="en") if m.span is not None]
        assert all(len(x) <= 4 for x in found), (text, found)  # a year at most, no day guessed
