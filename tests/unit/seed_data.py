"""The seed data set read in plain Python, independent of the loader and of shared.record, so
that a slip in either shows up: the record lines as first published, the history steps, and
each record's state after its history (the data set as an install holds it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HISTORY = SEEDS / "history" / "corrections.jsonl"
REGISTER = SEEDS / "history" / "released.txt"
FILES = {
    "01-korea-russia-2018.jsonl": "이뉴스투데이",
    "02-belarus-korea.jsonl": "Embassy of the Republic of Belarus in the Republic of Korea / Belarusian Diplomatic Missions",
    "03-seoul-odense.jsonl": "JK뉴스",
    "04-industrial-ai-transition.jsonl": "연합뉴스",
    "05-medical-it.jsonl": "메디칼업저버",
}
# The source articles stay outside the repository (their text is copyrighted). They sit in
# ../shared/seeds of a checkout, or where COOPLINE_SEED_ARTICLES says.
ARTICLE_FILES = {
    "01-korea-russia-2018.jsonl": "000_fb685e9cdbeb51c5.txt",
    "02-belarus-korea.jsonl": "001_829f021b99c3ff90.txt",
    "03-seoul-odense.jsonl": "002_1b065dcc91ff89e8.txt",
    "04-industrial-ai-transition.jsonl": "003_c45ce7e5cd7d1020.txt",
    "05-medical-it.jsonl": "004_ece54d7e7f67c1dd.txt",
}


def articles_dir() -> Path | None:
    for candidate in (os.environ.get("COOPLINE_SEED_ARTICLES"), ROOT.parent / "shared" / "seeds"):
        if candidate and all((Path(candidate) / name).is_file() for name in ARTICLE_FILES.values()):
            return Path(candidate)
    return None


def _lines(path: Path) -> list[tuple[int, str]]:
    return [(n, ln) for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if ln.strip()]


LINES = [(name, n, line) for name in FILES for n, line in _lines(SEEDS / name)]
FIRST = {name: [json.loads(line) for f, _, line in LINES if f == name] for name in FILES}
FILE_OF = {r["id"]: name for name, recs in FIRST.items() for r in recs}
STEP_LINES = [line for _, line in _lines(HISTORY)]
STEPS = [json.loads(line) for line in STEP_LINES]


def _fold() -> tuple[dict[str, dict], set[str]]:
    state = {r["id"]: dict(r) for recs in FIRST.values() for r in recs}
    retracted = set()
    for step in STEPS:
        if step.get("retract"):
            retracted.add(step["id"])
            continue
        for key, value in step["changes"].items():
            if value is None:
                state[step["id"]].pop(key, None)
            else:
                state[step["id"]][key] = value
    return state, retracted


CURRENT, RETRACTED = _fold()
LIVE = {cid: rec for cid, rec in CURRENT.items() if cid not in RETRACTED}


def countries(rec: dict) -> set[str]:
    return {p["country"] for p in rec["participants"]}
