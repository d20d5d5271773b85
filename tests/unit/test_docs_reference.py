"""The reference pages name exactly what the code accepts: every kind, sector (with its labels),
status, participant type and role, and every configuration variable the services read."""

from __future__ import annotations

import re
from pathlib import Path

from shared.vocabulary import KINDS, PARTICIPANT_ROLES, PARTICIPANT_TYPES, SECTORS, STATUSES

ROOT = Path(__file__).resolve().parents[2]
RECORD = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")


def test_the_record_page_lists_every_kind_and_sector_with_their_labels():
    for kind, labels in KINDS.items():
        assert f"| `{kind}` | {labels['label_en']} | {labels['label_ko']} |" in RECORD
    for sector, labels in SECTORS.items():
        assert f"| `{sector}` | {labels['label_ko']} | {labels['label_en']} |" in RECORD
    table = RECORD.split("## Sectors", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE)) == set(SECTORS)  # nothing else


def test_the_record_page_names_every_status_type_and_role():
    for status in STATUSES:
        assert f"| `{status}` |" in RECORD
    for value in (*PARTICIPANT_TYPES, *PARTICIPANT_ROLES):
        assert f"`{value}`" in RECORD


def test_the_configuration_page_names_every_variable_the_code_reads():
    read = set()
    for path in [*(ROOT / "shared").glob("*.py"), *(ROOT / "services").rglob("*.py")]:
        read |= set(re.findall(r"\"(COOPLINE_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert read and {v for v in read if f"`{v}`" not in page} == set()


def test_the_readme_compose_path_matches_compose_yaml():
    """The README's PostgreSQL-on-compose commands use the variables compose.yaml reads and the
    databases its init script creates (no Docker engine needed to check)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## On PostgreSQL, with containers", 1)[1].split("\n## ", 1)[0]
    compose = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    init = (ROOT / "docs" / "compose-init.sql").read_text(encoding="utf-8")
    for variable in re.findall(r"^(COOPLINE_[A-Z_]+)=", block, re.MULTILINE) + ["COOPLINE_INGEST_TOKEN"]:
        assert "${" + variable in compose, variable
    for database in re.findall(r"@postgres/(\w+)", block):
        assert f"CREATE DATABASE {database} " in init
    assert "docker compose --profile postgres up" in block and "tokens.txt" in block
