"""The seeds' history (seeds/history/): steps that follow each other, published lines that never
change, quotes that are the articles' own sentences, and a README that matches the files."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess

import pytest

from tests.unit.seed_data import (
    ARTICLE_FILES,
    CURRENT,
    FILE_OF,
    FILES,
    FIRST,
    LINES,
    REGISTER,
    RETRACTED,
    ROOT,
    SEEDS,
    STEP_LINES,
    STEPS,
    articles_dir,
)

CHANGEABLE = {"kind", "date", "status", "title", "title_en", "summary", "lang", "participants", "place",
              "sectors", "sources"}


def _sha(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def _register() -> dict[str, tuple[str, str]]:
    out = {}
    for line in REGISTER.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            edition, key, digest = line.split()
            assert key not in out, f"{key} registered twice"
            out[key] = (edition, digest)
    return out


REGISTERED = _register()
PUBLISHED = {json.loads(line)["id"]: line for _, _, line in LINES}
PUBLISHED.update({f"{s['id']}@{s['version']}": line for s, line in zip(STEPS, STEP_LINES, strict=True)})


@pytest.mark.parametrize("n", range(len(STEPS)), ids=[f"{s['id']}@{s['version']}" for s in STEPS])
def test_step_shape(n):
    step = STEPS[n]
    assert set(step) in ({"id", "version", "changes", "reason"}, {"id", "version", "retract", "reason"})
    assert step["id"] in FILE_OF, "a step changes a record of the seed files"
    assert type(step["version"]) is int and step["version"] >= 2
    assert step.get("retract", True) is True
    assert 20 <= len(step["reason"]) <= 2000, "a reason says what changed and why"
    if "changes" in step:
        assert step["changes"] and set(step["changes"]) <= CHANGEABLE


def test_versions_follow_each_other_and_nothing_follows_a_retraction():
    last, retracted = {}, set()
    for step in STEPS:
        assert step["id"] not in retracted, f"{step['id']} changed after its retraction"
        assert step["version"] == last.get(step["id"], 1) + 1, step
        last[step["id"]] = step["version"]
        if step.get("retract"):
            retracted.add(step["id"])


def test_the_loader_reads_the_same_steps():
    from services.cli.seeding import read_steps

    steps = read_steps(SEEDS)
    assert [(s.id, s.version, s.reason, s.changes) for s in steps] == \
        [(s["id"], s["version"], s["reason"], s.get("changes")) for s in STEPS]


def test_every_line_is_registered_and_a_published_line_never_changes():
    """An install that loaded a line earlier compares it with the line it is sent now: a record
    whose body changed would be refused (409), a step whose reason changed reported as another
    change. So a change to a published record is a new step, never an edit of its line."""
    assert set(PUBLISHED) == set(REGISTERED), (set(PUBLISHED) ^ set(REGISTERED))
    changed = sorted(key for key, line in PUBLISHED.items() if _sha(line) != REGISTERED[key][1])
    assert not changed, f"published lines edited (add a correction instead): {changed}"


def test_the_first_edition_is_still_there():
    first = {key for key, (edition, _) in REGISTERED.items() if edition == "1"}
    assert len(first) == 83 and all("@" not in key for key in first)
    assert RETRACTED <= first


def _main_files() -> dict[str, str] | None:
    out = {}
    for name in FILES:
        got = subprocess.run(["git", "-C", str(ROOT), "show", f"main:seeds/{name}"], capture_output=True, text=True)
        if got.returncode != 0:
            return None
        out[name] = got.stdout
    return out


def test_the_seeds_on_main_are_published_lines_of_these_files():
    """Ids present on the main branch still exist here with the same line (or are retracted by
    the history, which keeps their line): nothing an install loaded is lost or changed."""
    main = _main_files()
    if main is None:
        pytest.skip("no main branch in this checkout")
    for text in main.values():
        for line in filter(str.strip, text.splitlines()):
            cid = json.loads(line)["id"]
            assert cid in PUBLISHED and _sha(line) == REGISTERED[cid][1], f"{cid} of main changed or went missing"


def _quoted() -> list[tuple[str, str, str]]:
    """(id, seed file, quote) of every source that cites the record's own article, in the first
    state and after the history."""
    out = []
    for recs in (*FIRST.values(), list(CURRENT.values())):
        for rec in recs:
            name = FILE_OF[rec["id"]]
            out += [(rec["id"], name, src["quote"]) for src in rec["sources"]
                    if "quote" in src and src.get("publisher") == FILES[name]]
    return out


QUOTED = _quoted()


def test_quotes_are_the_articles_own_sentences():
    folder = articles_dir()
    if folder is None:
        pytest.skip("the source articles are not at ../shared/seeds (or COOPLINE_SEED_ARTICLES)")
    texts = {name: (folder / article).read_text(encoding="utf-8") for name, article in ARTICLE_FILES.items()}
    missing = [(cid, quote[:40]) for cid, name, quote in QUOTED if quote not in texts[name]]
    assert not missing, missing
    assert len({cid for cid, _, _ in QUOTED}) == len(CURRENT) - len(RETRACTED)


def test_quotes_are_short_passages_not_the_article():
    for cid, _, quote in QUOTED:
        assert len(quote) <= 400, f"{cid}: keep a quote to the sentence that states the event"
    by_file: dict[str, set[str]] = {}
    for _, name, quote in QUOTED:
        by_file.setdefault(name, set()).add(quote)
    for name, quotes in by_file.items():
        assert sum(map(len, quotes)) < 4000, f"{name}: the quotes add up to too much of the article"


def test_readme_counts_and_links():
    text = (SEEDS / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([0-9][^`]+\.jsonl)` \|[^|\n]*\| (\d+) \|", text, re.MULTILINE))
    assert {name: int(n) for name, n in rows.items()} == {name: len(recs) for name, recs in FIRST.items()}
    assert f"{len(STEPS)} steps" in text
    for target in re.findall(r"\]\(([^)]+)\)", text):
        assert not target.startswith(("..", "/")) and "shared/" not in target, f"a link out of the repository: {target}"


@pytest.mark.parametrize(("lines", "needle"), [
    (['{"id": "a", "version": 2, "changes": {"title": "t"}, "reason": "r"', ""], "not valid JSON"),
    (['{"id": "a", "version": 3, "changes": {"title": "t"}, "reason": "r"}'], "does not follow version 1"),
    (['{"id": "a", "version": 2, "changes": {}, "reason": "r"}'], "a step is"),
    (['{"id": "a", "version": 2, "retract": true, "changes": {"title": "t"}, "reason": "r"}'], "a step is"),
    (['{"id": "a", "version": 2, "retract": false, "reason": "r"}'], "a step is"),
    (['{"id": "a", "version": "2", "retract": true, "reason": "r"}'], "a step is"),
])
def test_a_malformed_history_file_is_one_line_naming_its_line(tmp_path, lines, needle):
    from services.cli.errors import CliError
    from services.cli.seeding import HISTORY, read_steps

    (tmp_path / "history").mkdir()
    (tmp_path / HISTORY).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CliError) as exc:
        read_steps(tmp_path)
    assert needle in exc.value.message and "corrections.jsonl:1" in exc.value.message
