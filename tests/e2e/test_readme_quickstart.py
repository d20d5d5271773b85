"""The README's quick start works as written after `make run`.

`coopline up` (what `make run` runs) starts the pair with the seeds on free ports; the shell
blocks of README.md marked `<!-- readme-test -->` run in order, as one bash script, from a
folder laid out like the checkout (`data/` of that `up`, `.venv/` of these tests), with only the
ports changed. Each block must succeed (curl fails on an HTTP error here), and its answer must
say what the README says it does.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.harness import ROOT, Up

MARK = "<!-- readme-test -->"
SEPARATOR = "=== readme block ==="
README_ID = "readme-kr-by-2026-photonics-lab"


def readme_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(re.escape(MARK) + r"\s*\n```sh\n(.*?)\n```", text, re.DOTALL)


def test_the_readme_marks_its_quick_start():
    blocks = readme_blocks()
    assert len(blocks) >= 7 and blocks[0].startswith("export COOPLINE_TOKEN=$(cat data/dev-token)")
    assert all("127.0.0.1:8081" in b or "127.0.0.1:8082" in b or "coopline" in b or "export" in b for b in blocks)


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory):
    """Run every marked block once; → the output of each, in order."""
    work = tmp_path_factory.mktemp("readme")
    (work / ".venv").symlink_to(Path(sys.executable).resolve().parent.parent if not (ROOT / ".venv").is_dir()
                                else ROOT / ".venv")
    ip, qp = free_port(), free_port()
    up = Up(work, ip, qp)
    try:
        up.wait_for("Ctrl-C stops both", timeout=90)
        script = ["set -euo pipefail",
                  'curl() { command curl --fail-with-body "$@"; }']  # an HTTP error fails the block
        for block in readme_blocks():
            script += [f"echo '{SEPARATOR}'", block.replace("127.0.0.1:8081", f"127.0.0.1:{ip}")
                       .replace("127.0.0.1:8082", f"127.0.0.1:{qp}")]
        env = {**os.environ, "COOPLINE_INGEST_URL": f"http://127.0.0.1:{ip}",
               "COOPLINE_QUERY_URL": f"http://127.0.0.1:{qp}"}
        env.pop("COOPLINE_TOKEN", None)
        done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=work, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        outputs = done.stdout.split(SEPARATOR + "\n")[1:]
        assert len(outputs) == len(readme_blocks())
        yield work, outputs
    finally:
        up.interrupt()


def _json_objects(text: str) -> list:
    """The JSON documents in a block's output (one a line, or pretty-printed ones)."""
    decoder, out, i = json.JSONDecoder(), [], 0
    while (start := min((p for p in (text.find("{", i), text.find("[", i)) if p >= 0), default=-1)) >= 0:
        try:
            obj, i = decoder.raw_decode(text, start)
            out.append(obj)
        except ValueError:
            i = start + 1
    return out


def test_each_step_answers_what_the_readme_says(quickstart):
    work, (token, record, correct, timeline, sectors, as_of, export) = quickstart
    assert token == ""
    receipt = _json_objects(record)[0]
    assert receipt["id"] == README_ID and receipt["version"] == 1 and receipt["position"] > 83
    corrected = _json_objects(correct)[0]
    assert corrected == {"id": README_ID, "version": 2, "position": receipt["position"] + 1}

    page = _json_objects(timeline)[0]
    (item,) = [i for i in page["items"] if i["id"] == README_ID]
    assert item["sectors"] == ["optics"] and item["corrected"] and item["countries"] == ["BY", "KR"]
    cli_lines = [ln.split("\t") for ln in timeline.splitlines() if "\t" in ln]
    # every Korea–Belarus event, oldest first, then the undated ones (start unknown, `../B`) by end
    undated = [ln for ln in cli_lines if ln[0].startswith("../")]
    assert len(cli_lines) > 50 and undated and cli_lines[-len(undated):] == undated
    assert cli_lines[-len(undated) - 1][-1] == README_ID

    counts = _json_objects(sectors)[0]
    assert counts["total_events"] > 50 and {"sector": "optics", "label_ko": "광학", "label_en": "Optics & photonics",
                                            "count": 2} in counts["sectors"]
    assert re.search(r"^2026\toptics\t1$", sectors, re.MULTILINE), sectors

    before = _json_objects(as_of)[0]
    assert before["version"] == 1 and before["sectors"] == ["optics", "materials"] and len(before["history"]) == 1

    rows = list(csv.reader((work / "kr-by.csv").open(encoding="utf-8")))
    assert rows[0][:4] == ["id", "date", "start", "end"] and README_ID in [r[0] for r in rows[1:]]
    assert export.startswith(",".join(rows[0])) or "id,date,start,end" in export
    timelinejs = json.loads((work / "kr-by-timeline.json").read_text(encoding="utf-8"))
    assert README_ID in [e["unique_id"] for e in timelinejs["events"]]


def test_the_printed_token_is_never_in_the_output(quickstart):
    work, outputs = quickstart
    token = (work / "data" / "dev-token").read_text().strip()
    assert token and not any(token in out for out in outputs)
