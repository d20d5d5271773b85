"""A whole web page copied as text (menus, a ticker, the story, lists of other stories, comments, a footer): the
story's events are drafted, the other stories' headlines are not, and text without a page's marks is unchanged."""

from services.query.drafts import draft
from services.query.drafts.article import without_furniture
from tests.unit.drafts_corpus import drafted

STORY_EN = (
    "Korea and Kenya sign ocean science pact\n\n"
    "Test Institute of Marine Science (test) signed a memorandum of understanding with Kenya's Test Coastal "
    "Research Agency (test) in Mombasa on Tuesday, covering ocean observation and the training of young "
    "researchers, officials said.\n\n"
    "The two institutes will hold a joint workshop on coastal erosion in Nairobi from 8 to 10 September, and "
    "eight Kenyan researchers will visit Busan in November for field work on a research vessel.\n\n"
    "Kenya's coastline is about 536 kilometres long, and rising seas threaten several of its towns and most of "
    "its mangrove forests, the agency says.\n")
PAGE_EN = (
    "Test Coast Herald\nSubscribe\nSign in\n\nNational\nPolitics\nScience\nWorld\n\nBREAKING\n"
    "Korea, Morocco to open solar research hub in Rabat on May 2\nKorea-Ghana health forum set for Accra on Feb. 24\n\n"
    "Home › Science › Oceans\n\n" + STORY_EN +
    "\nBy Test Reporter\n\nRelated Stories\n"
    "Korea, Tanzania sign MOU on fisheries science (Jan. 28, 2026)\n"
    "Ethiopian science minister to visit Daejeon research complex in March\n\n"
    "Most Read\nKorea-Peru lithium talks set for June 12 in Lima\n\n"
    "Comments (2)\nGreat news for the coast. (April 17, 2026)\n\n"
    "Copyright © 2026 Test Coast Herald. All rights reserved.\n")

STORY_KO = (
    "한-케냐, 해양과학 협력 협약 체결\n\n"
    "테스트해양과학원(테스트)은 지난 14일 케냐 몸바사에서 케냐 테스트연안연구청(테스트)과 해양 관측 및 청년 연구자 공동 "
    "교육에 관한 업무협약을 체결했다고 16일 밝혔다.\n\n"
    "두 기관은 오는 9월 8일부터 10일까지 나이로비에서 연안 침식을 주제로 공동 워크숍을 열고, 케냐 연구자 8명은 11월 "
    "부산을 방문해 연구선에서 현장 조사를 진행할 예정이다.\n\n"
    "케냐의 해안선은 약 536킬로미터로, 연구청은 해수면 상승이 여러 해안 도시와 맹그로브 숲을 위협하고 있다고 밝혔다.\n")
PAGE_KO = (
    "테스트해양일보\n구독\n로그인\n\n정치\n경제\n과학\n국제\n\n[속보]\n한-모로코, 라바트에 태양광 연구거점 5월 2일 개소\n\n"
    "홈 > 과학 > 해양\n\n" + STORY_KO +
    "\n테스트 기자\n<저작권자 © 테스트해양일보, 무단전재 및 재배포 금지>\n\n관련기사\n"
    "한-탄자니아 수산과학 협력 MOU 체결 2026.01.28\n에티오피아 과학장관, 3월 대덕연구단지 방문\n\n"
    "많이 본 뉴스\n한-페루 리튬 협의 6월 12일 리마서 개최\n\n댓글 2\n좋은 소식이네요 2026.04.17\n")


def test_a_whole_english_page_copied_as_text_drafts_its_story_only():
    assert drafted(PAGE_EN, "2026-04-16") == drafted(STORY_EN, "2026-04-16")
    assert ("signing", "2026-04-14", "occurred", ("KE", "KR")) in drafted(PAGE_EN, "2026-04-16")


def test_a_whole_korean_page_copied_as_text_drafts_its_story_only():
    assert drafted(PAGE_KO, "2026-04-16") == drafted(STORY_KO, "2026-04-16")
    assert ("signing", "2026-04-14", "occurred", ("KE", "KR")) in drafted(PAGE_KO, "2026-04-16")


def test_a_page_blanked_keeps_its_length_lines_and_story():
    out = without_furniture(PAGE_EN)
    assert len(out) == len(PAGE_EN) and out.count("\n") == PAGE_EN.count("\n")
    assert STORY_EN in out
    assert "Morocco" not in out and "Tanzania" not in out and "Lima" not in out and "Copyright" not in out
    quotes = [d["quote"] for d in draft({"text": PAGE_EN, "published": "2026-04-16"})["drafts"]]
    assert quotes and all(q in PAGE_EN for q in quotes)


def test_a_related_box_inside_a_story_leaves_the_story_after_it():
    text = STORY_KO.replace("두 기관은", "관련기사\n한-탄자니아 수산과학 협력 MOU 체결\n\n두 기관은", 1)
    out = without_furniture(text)
    assert "나이로비에서 연안 침식을 주제로" in out  # the running text after the box is the story's
    assert ("forum", "2026-09-08/2026-09-10", "planned", ("KE", "KR")) in drafted(text, "2026-04-16")


def test_a_text_without_a_pages_marks_is_unchanged():
    assert without_furniture(STORY_EN) == STORY_EN
    assert without_furniture(STORY_KO) == STORY_KO
    short = "Korea and Kenya signed an agreement on Tuesday.\nRelated Stories\nKorea, Peru talks on June 12"
    assert without_furniture(short) == short  # no story of running text to tell a page's tail by
