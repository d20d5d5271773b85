"""Every relative link in every Markdown file of the repository resolves inside it: the file
exists, an anchor names a heading of that file, and nothing points outside the checkout (the
documentation must stand alone for whoever clones it)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
# [text](target) and [text](target "title"); images too. Code spans and fenced blocks are removed first.
_LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`\n]*`")
_HTML_HREF = re.compile(r"""<a\s[^>]*href=["']([^"']+)["']""", re.IGNORECASE)
# Pages being written on other branches at the same time as the links to them: until they are
# merged, a link to one of these may not resolve yet. Once they exist they are checked like
# every other page; then this set can go.
ARRIVING = {"docs/exports.md", "docs/query-internals.md", "docs/verifying.md"}


def markdown_files() -> list[Path]:
    """The repository's own Markdown files (tracked or new, never the ignored ones)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.md"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return sorted(ROOT / line for line in out.splitlines() if line and (ROOT / line).is_file())


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*|__", "", heading.strip().lower())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    for heading in re.findall(r"^#{1,6}\s+(.*?)\s*#*\s*$", text, re.MULTILINE):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def links(path: Path) -> list[str]:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    text = _CODE.sub("", text)
    return _LINK.findall(text) + _REF.findall(text) + _HTML_HREF.findall(text)


def problems(path: Path) -> list[str]:
    found = []
    for target in links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        dest = (path.parent / unquote(file_part)).resolve() if file_part else path
        if ROOT.resolve() not in dest.parents and dest != ROOT.resolve():
            found.append(f"{target}: points outside the repository")
        elif not dest.exists():
            if dest.relative_to(ROOT.resolve()).as_posix() not in ARRIVING:
                found.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            found.append(f"{target}: no heading #{anchor} in {dest.relative_to(ROOT.resolve())}")
    return found


FILES = markdown_files()


def test_the_documentation_is_found():
    names = {p.relative_to(ROOT).as_posix() for p in FILES}
    assert {"README.md", "docs/README.md", "docs/record.md", "docs/cli.md", "seeds/README.md", "bench/README.md"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_inside_the_repository(path):
    assert problems(path) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_reference_to_the_design_document_outside(path):
    text = path.read_text(encoding="utf-8")
    assert "../shared/" not in text and "DESIGN.md" not in text and "DESIGN §" not in text


def test_the_checker_finds_what_it_must(tmp_path, monkeypatch):
    page = ROOT / "docs" / "record.md"
    assert "dates.md" in links(page) and "#kinds" in links(page)
    assert slug("`POST /v1/events/{id}/corrections`") == "post-v1eventsidcorrections"
    assert slug("`coopline submit FILE…` — record events") == "coopline-submit-file--record-events"
    bad = ROOT / "docs" / "_link_probe.md"
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: (
        "[a](../../outside.md) [b](nope.md) [c](record.md#no-such-heading) [d](record.md#kinds) "
        "[e](https://example.org) `[f](in-code.md)`" if self == bad else Path.read_bytes(self).decode()))
    assert problems(bad) == ["../../outside.md: points outside the repository", "nope.md: no such file",
                             "record.md#no-such-heading: no heading #no-such-heading in docs/record.md"]
