"""Plain text broken into lines at a fixed width (a PDF's or an e-mail's copy): its sentences are read whole,
its quotes stay verbatim parts of what was sent, and text written a paragraph a line is left as it is."""

import textwrap

from services.query.drafts import draft
from services.query.drafts.article import unwrapped
from tests.unit.drafts_corpus import drafted

EN = ("Test Institute of Marine Science (test) signed a memorandum of understanding with Kenya's Test Coastal "
      "Research Agency (test) in Mombasa on 14 April 2026, covering ocean observation and joint training of "
      "young researchers from both countries.\n\n"
      "The two institutes will hold a joint workshop on coastal erosion in Nairobi from 8 to 10 September, "
      "and a delegation of eight Kenyan researchers will visit Busan in November for two weeks of field work "
      "on the institute's research vessel.\n\n"
      "Kenya's coastline is about 536 kilometres long, and the agency says rising seas threaten several of its "
      "towns and most of its mangrove forests, which store large amounts of carbon.")
KO = ("테스트해양과학원(테스트)은 지난 14일 케냐 몸바사에서 케냐 테스트연안연구청(테스트)과 해양 관측 및 청년 연구자 공동 "
      "교육에 관한 업무협약을 체결했다고 16일 밝혔다.\n\n"
      "두 기관은 오는 9월 8일부터 10일까지 나이로비에서 연안 침식을 주제로 공동 워크숍을 열고, 케냐 연구자 8명은 11월 "
      "부산을 방문해 2주간 연구선에서 현장 조사를 진행할 예정이다.\n\n"
      "케냐의 해안선은 약 536킬로미터로, 연구청은 해수면 상승이 여러 해안 도시와 맹그로브 숲을 위협하고 있다고 밝혔다.")


def _wrap(text: str, width: int) -> str:
    return "\n\n".join("\n".join(textwrap.wrap(p, width)) for p in text.split("\n\n"))


def test_an_english_text_wrapped_at_a_fixed_width_drafts_as_the_text_does():
    wrapped = _wrap(EN, 68)
    assert wrapped.count("\n") > 8
    assert drafted(wrapped, "2026-04-16") == drafted(EN, "2026-04-16")  # (quotes checked verbatim in the wrapped text)
    assert ("signing", "2026-04-14", "occurred", ("KE", "KR")) in drafted(wrapped, "2026-04-16")


def test_a_korean_text_wrapped_at_a_fixed_width_drafts_as_the_text_does():
    wrapped = _wrap(KO, 36)
    assert wrapped.count("\n") > 8
    assert drafted(wrapped, "2026-04-16") == drafted(KO, "2026-04-16")
    assert ("signing", "2026-04-14", "occurred", ("KE", "KR")) in drafted(wrapped, "2026-04-16")


def test_a_quote_of_a_wrapped_text_keeps_its_line_breaks():
    wrapped = _wrap(EN, 68)
    quotes = [d["quote"] for d in draft({"text": wrapped, "published": "2026-04-16"})["drafts"]]
    assert quotes and all(q in wrapped for q in quotes)
    assert any("\n" in q for q in quotes)
    for d in draft({"text": wrapped, "published": "2026-04-16"})["drafts"]:
        assert all(src["quote"] in wrapped for src in d["record"]["sources"])


def test_unwrapping_joins_breaks_inside_sentences_only_and_keeps_the_length():
    text = ("Seoul, 3 March 2026\n\n" + _wrap(EN, 68) + "\n\n- a bullet item that stands on its own line here\n"
            "- and a second bullet item that stands on its own line")
    out = unwrapped(text)
    assert len(out) == len(text)
    assert out.startswith("Seoul, 3 March 2026\n\n")  # a short line (a dateline) and blank lines stay
    assert "on 14 April 2026, covering" in out.replace("\n", "\n")  # a sentence cut at the width is whole again
    assert "\n- and a second bullet" in out  # a bullet opens its own line
    assert "both countries.\n\nThe two" in out


def test_a_text_of_a_paragraph_a_line_is_left_as_it_is():
    text = EN.replace("\n\n", "\n")
    assert unwrapped(text) == text
    script = "\n".join(["앵커: 한국과 케냐가 해양 연구에 손을 잡았습니다.", "기자: 두 나라 연구기관이 어제 몸바사에서 협약을 맺었습니다",
                        "이번 협약으로 공동 관측이 시작됩니다", "케냐 연구자들은 11월 부산을 찾습니다",
                        "양측은 9월 나이로비에서 워크숍도 엽니다"])
    assert unwrapped(script) == script  # lines of free length, no width they stop at


def test_a_short_excerpt_copied_out_of_a_pdf_is_read_whole():
    excerpt = ("Test Institute of Marine Science (test) signed a memorandum of understanding with\n"
               "Kenya's Test Coastal Research Agency (test) in Mombasa on 2026-03-03, covering\n"
               "ocean observation and joint training of young researchers from both countries.\n"
               "The two institutes will hold a joint workshop on coastal erosion in Nairobi\n"
               "from 8 to 10 September.")
    assert drafted(excerpt, "2026-03-05") == [("signing", "2026-03-03", "occurred", ("KE", "KR")),
                                              ("forum", "2026-09-08/2026-09-10", "planned", ("KE", "KR"))]
