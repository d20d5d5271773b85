"""The drafts' development evaluation: recall and precision per article (same countries, same
kind, overlapping dates), printed with `pytest -s`. Our own articles carry floors; the seed
articles (read from ../shared/seeds beside the checkout, when present) are reported only.
"""

import pytest

from services.query.drafts import draft
from services.query.drafts.evaluation import score
from tests.unit.drafts_corpus import own_articles, seed_articles


def _table(rows) -> str:
    lines = [f"{'article':30} {'expected':>8} {'drafts':>6} {'matched':>7} {'recall':>6} {'precision':>9}"]
    for name, s in rows:
        lines.append(f"{name:30} {s['expected']:>8} {s['drafts']:>6} {s['matched']:>7} {s['recall']:>6} {s['precision']:>9}")
    return "\n".join(lines)


def _totals(rows) -> dict:
    exp = sum(s["expected"] for _, s in rows)
    got = sum(s["drafts"] for _, s in rows)
    hit = sum(s["matched"] for _, s in rows)
    return {"expected": exp, "drafts": got, "matched": hit, "recall": round(hit / exp, 2) if exp else 1.0,
            "precision": round(hit / got, 2) if got else 1.0}


def test_own_articles_reach_their_floors():
    rows = [(name, score(draft(body)["drafts"], expected)) for name, body, expected in own_articles()]
    total = _totals(rows)
    print("\nDrafts evaluation, our own articles\n" + _table(rows + [("all", total)]))
    assert total["recall"] >= 0.65 and total["precision"] >= 0.65
    for name, s in rows:
        assert s["recall"] >= 0.3 and s["precision"] >= 0.3, name
    assert dict(rows)["ko_none"]["drafts"] == 0


def test_seed_articles_are_reported():
    articles = seed_articles()
    if not articles:
        pytest.skip("the seed articles are not beside the checkout (../shared/seeds)")
    rows = [(name, score(draft(body)["drafts"], expected)) for name, body, expected in articles]
    total = _totals(rows)
    print("\nDrafts evaluation, seed articles\n" + _table(rows + [("all", total)]))
    assert total["matched"] > 0
