"""The general rules of the round on the Korean articles of `fresh48/` to `fresh55/`, each tried on short texts of
our own."""

from tests.unit.drafts_corpus import drafted


def test_a_plan_moved_keeps_the_date_it_first_had():
    # "당초 이달 말로 예정됐던 … 방문은 … 6월로 연기됐다": the visit postponed is the one of this month
    text = ("기상정보원(테스트)은 지난 3일 캐나다 기상청(테스트)과 예보 자료 공유 협약을 맺었다.\n"
            "다만 당초 이달 말로 예정됐던 캐나다 기상청 연구진의 기상정보원 방문은 현지 사정으로 6월로 연기됐다.")
    visits = [d for d in drafted(text, "2026-04-08") if d[0] == "visit"]
    assert visits and visits[0][2] == "postponed" and visits[0][1].startswith("2026-04")


def test_a_name_s_aside_of_several_items_leaves_the_name_its_particle():
    # "극지연구원(극지연, 이하 연구원)은": the body, subject of the sentence, is the Korean side
    text = ("극지연구원(극지연, 이하 연구원)은 홍 원장을 단장으로 한 대표단이 지난 3일부터 8일까지 "
            "노르웨이와 핀란드를 방문해 극지 연구 협력을 논의했다고 10일 밝혔다.")
    visits = [d for d in drafted(text, "2026-06-10") if d[0] == "visit"]
    assert visits and visits[0][3] == ("FI", "KR", "NO")
