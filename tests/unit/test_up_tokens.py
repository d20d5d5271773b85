"""`coopline up`'s token files: the admin token kept, the user's lines kept, owner-only modes,
and the token shown on a terminal only."""

from __future__ import annotations

import io

from services.cli import up
from shared.auth import TokenTable, new_token, token_line


def test_dev_tokens_keep_the_admin_token_and_every_added_line(tmp_path):
    admin, feed = up.dev_tokens(tmp_path)
    alice = new_token()
    with (tmp_path / "tokens.txt").open("a") as fh:
        fh.write(token_line("alice", "writer", alice) + "\n")
    (tmp_path / "dev-token").chmod(0o644)
    again, feed2 = up.dev_tokens(tmp_path)
    assert again == admin and feed2 != feed
    for name in ("dev-token", "tokens.txt"):
        assert (tmp_path / name).stat().st_mode & 0o077 == 0
    table = TokenTable.load(str(tmp_path / "tokens.txt"))
    assert table.lookup(alice).role == "writer" and table.lookup(admin).role == "admin"
    assert table.lookup(feed2) is not None and table.lookup(feed) is None  # the feed token is renewed
    names = [ln.split()[0] for ln in (tmp_path / "tokens.txt").read_text().splitlines() if not ln.startswith("#")]
    assert names == ["dev", "query-feed", "alice"]


def test_the_token_is_shown_on_a_terminal_only(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    assert up._shown("cl_secret") == "cl_secret"
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert "cl_secret" not in up._shown("cl_secret")


def test_up_lets_its_own_web_page_record_events_through_cors():
    from services.cli.up import page_origins

    assert page_origins("127.0.0.1", 8082, {}) == "http://127.0.0.1:8082,http://localhost:8082"
    assert page_origins("::1", 9002, {}) == "http://[::1]:9002,http://localhost:9002"
    assert page_origins("192.0.2.7", 8082, {}) == "http://192.0.2.7:8082"
    assert page_origins("127.0.0.1", 8082, {"COOPLINE_CORS_ORIGINS": "https://x.org"}) == "https://x.org"
    from shared.settings import from_env
    assert from_env("ingest", {"COOPLINE_CORS_ORIGINS": page_origins("::1", 9002, {})}).cors_origins
