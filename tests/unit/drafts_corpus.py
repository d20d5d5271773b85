"""The development corpus of the drafts evaluation: our own short articles (tests/data/articles)
and, when the checkout sits beside the shared seed articles (../shared/seeds), those five
against the project's own seeds/*.jsonl. The seed articles' text is read there, never copied.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "data" / "articles"
SEED_ARTICLES = next((p for p in (ROOT.parent / "shared" / "seeds", ROOT.parents[1] / "shared" / "seeds") if p.is_dir()),
                     ROOT.parent / "shared" / "seeds")
# seed article file → the project's seed file whose events cite it
SEEDS = {
    "000_fb685e9cdbeb51c5.txt": "01-korea-russia-2018.jsonl",
    "001_829f021b99c3ff90.txt": "02-belarus-korea.jsonl",
    "002_1b065dcc91ff89e8.txt": "03-seoul-odense.jsonl",
    "003_c45ce7e5cd7d1020.txt": "04-industrial-ai-transition.jsonl",
    "004_ece54d7e7f67c1dd.txt": "05-medical-it.jsonl",
}


def own_articles() -> list[tuple[str, dict, list[dict]]]:
    """(name, request body, expected events) for each article we wrote: those in
    tests/data/articles by their file name, those in a batch folder under it as `folder/name`."""
    out = []
    for meta in sorted(OWN.glob("*.json")) + sorted(OWN.glob("*/*.json")):
        spec = json.loads(meta.read_text("utf-8"))
        page = next(p for p in (meta.with_suffix(".txt"), meta.with_suffix(".html")) if p.exists())
        body = {"html" if page.suffix == ".html" else "text": page.read_text("utf-8"), "publisher": spec["publisher"]}
        if spec.get("published"):
            body["published"] = spec["published"]
        name = meta.stem if meta.parent == OWN else f"{meta.parent.name}/{meta.stem}"
        out.append((name, body, spec["events"]))
    return out


def seed_articles() -> list[tuple[str, dict, list[dict]]]:
    """(name, request body, expected events) for each seed article present beside the checkout."""
    out = []
    for article, seed in SEEDS.items():
        path = SEED_ARTICLES / article
        if not path.exists():
            continue
        events = [json.loads(line) for line in (ROOT / "seeds" / seed).read_text("utf-8").splitlines() if line]
        src = events[0]["sources"][0]
        raw = path.read_text("utf-8")
        body = {"html" if raw.lstrip().startswith("<") or "<div" in raw[:3000] else "text": raw,
                "publisher": src["publisher"], "published": src["published"]}
        out.append((seed.removesuffix(".jsonl"), body, events))
    return out


def drafted(text: str, published: str, *, publisher: str = "Test", status: bool = True) -> list[tuple]:
    """Drafts of a short text of our own as (kind, date, status, countries) — without status when
    `status` is False — after checking that every quote is verbatim and that drafting twice
    gives the same drafts."""
    from services.query.drafts import draft

    body = {"text": text, "publisher": publisher, "published": published}
    out = []
    for d in draft(body)["drafts"]:
        assert d["quote"] in text  # every quote stays verbatim
        rec = d["record"]
        countries = tuple(sorted({p["country"] for p in rec["participants"] if p.get("country")}))
        out.append((rec["kind"], rec.get("date"), rec["status"], countries) if status
                   else (rec["kind"], rec.get("date"), countries))
    assert draft(body) == draft(body)
    return out
