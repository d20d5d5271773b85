"""The general rules written for the misses and wrong drafts of `fresh23/`'s and `fresh24/`'s first runs,
each tried on short texts of our own."""

from tests.unit.drafts_corpus import drafted

# --- a report's structure -------------------------------------------------------------------------


def test_a_heading_gives_its_country_to_the_items_under_it():
    # a trip report by legs: "가. 1차 방문국 칠레(…)" heads the items that no longer name Chile (the overview
    # names both countries, so the page's pair would give each item both)
    text = ("해양위원회 국외출장 결과보고\n\n"
            "1. 출장 개요\n"
            " ○ 방문국: 칠레(발파라이소), 페루(카야오)\n\n"
            "2. 주요 활동 내용\n"
            " 가. 1차 방문국 칠레(3. 9. ~ 3. 11.)\n"
            "  ○ 3. 10.(화) 항만공사 방문, 사장과 면담\n"
            "  ○ 3. 11.(수) 항만공사와 '항만 협력 의향서' 서명\n"
            " 나. 2차 방문국 페루(3. 12. ~ 3. 14.)\n"
            "  ○ 3. 13.(금) 항만청과 '스마트항만 협력 양해각서' 체결\n")
    assert drafted(text, "2026-04-02", status=False) == [
        ("visit", "2026-03-10", ("CL", "KR")), ("signing", "2026-03-11", ("CL", "KR")),
        ("signing", "2026-03-13", ("KR", "PE"))]
