"""Vocabularies, CLDR country names, tokens and settings."""

from __future__ import annotations

import pytest

from shared import countries
from shared.auth import TokenTable, new_token, token_line
from shared.settings import SettingsError, from_env, sqlite_path
from shared.vocabulary import KINDS, SECTORS, vocabulary_document


def test_sector_labels_are_the_contract():
    assert len(SECTORS) == 32
    assert SECTORS["unmanned-vehicles"] == {"label_ko": "무인이동체", "label_en": "Unmanned vehicles & drones"}
    assert SECTORS["healthcare"]["label_en"] == "Healthcare & digital health"
    assert set(KINDS) == {"signing", "visit", "forum", "meeting", "opening", "project", "other"}
    assert KINDS["signing"]["cameo"] == "057"


def test_countries_from_cldr():
    assert countries.name_ko("BY") == "벨라루스" and countries.name_ko("DK") == "덴마크"
    assert countries.name_ko("NZ") == "뉴질랜드" and countries.name_en("BY") == "Belarus"
    assert countries.normalise("kr") == "KR" and countries.normalise("XX") is None
    assert countries.normalise("EU") is None  # a CLDR territory, not ISO 3166-1
    assert len(vocabulary_document()["countries"]) == 249


def test_token_table(tmp_path):
    tok = new_token()
    path = tmp_path / "tokens"
    path.write_text(f"# comment\n\n{token_line('alice', 'writer', tok)}\n{token_line('bob', 'reader', 'other')}\n")
    table = TokenTable.load(str(path))
    alice = table.lookup(tok)
    assert alice.name == "alice" and alice.allows("reader") and alice.allows("writer") and not alice.allows("admin")
    assert table.lookup("other").role == "reader"
    assert table.lookup(tok + "x") is None and table.lookup("") is None
    assert tok not in path.read_text()  # only the hash is stored


@pytest.mark.parametrize("content", ["", "# only a comment\n", "alice superuser sha256:" + "0" * 64, "alice admin deadbeef"])
def test_token_file_errors(tmp_path, content):
    path = tmp_path / "tokens"
    path.write_text(content)
    with pytest.raises(SettingsError, match="COOPLINE_TOKENS_FILE"):
        TokenTable.load(str(path))


def test_settings_defaults_and_errors():
    s = from_env("query", {})
    assert (s.port, s.store, s.host, s.public_reads) == (8082, "sqlite:///data/projections.db", "127.0.0.1", True)
    assert from_env("ingest", {}).store == "sqlite:///data/events.db"
    assert (s.fill_at, from_env("query", {"COOPLINE_FILL_AT": "0"}).fill_at) == (10_000, 0)
    assert sqlite_path("sqlite:///data/x.db") == "data/x.db" and sqlite_path("sqlite:////abs/x.db") == "/abs/x.db"
    for env, name in [({"COOPLINE_PORT": "99999"}, "COOPLINE_PORT"), ({"COOPLINE_LOG_LEVEL": "loud"}, "COOPLINE_LOG_LEVEL"),
                      ({"COOPLINE_INGEST_URL": "ftp://x"}, "COOPLINE_INGEST_URL"),
                      ({"COOPLINE_WRITE_RATE": "-1"}, "COOPLINE_WRITE_RATE"),
                      ({"COOPLINE_FILL_AT": "-1"}, "COOPLINE_FILL_AT"), ({"COOPLINE_FILL_AT": "1e4"}, "COOPLINE_FILL_AT")]:
        with pytest.raises(SettingsError, match=name):
            from_env("ingest", env)
