"""`coopline token new NAME ROLE`: a fresh token and its line for COOPLINE_TOKENS_FILE (no server)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from services.cli import output
from services.cli.errors import CliError
from shared.auth import ROLES, new_token, token_line

_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")  # what shared.auth accepts in the file


def _name(raw: str) -> str:
    if not _NAME.match(raw):
        raise argparse.ArgumentTypeError("1–64 characters of letters, digits and . _ @ -")
    return raw


def append_line(path: Path, line: str) -> None:
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        with path.open("a", encoding="utf-8") as fh:
            if existing and not existing.endswith("\n"):
                fh.write("\n")
            fh.write(line + "\n")
    except OSError as exc:
        raise CliError(f"{path}: cannot append ({exc.strerror})") from None


def cmd_token_new(args, api=None) -> int:
    token = new_token()
    line = token_line(args.name, args.role, token)
    # stdout: the token, then the file line — easy to pipe; the explanation goes to stderr.
    print(token)
    print(line)
    if args.append:
        append_line(Path(args.append), line)
        output.say(f"appended the line to {args.append}; restart the services to load it")
    else:
        output.say("Keep the first line (the token) secret: it is shown only this once. "
                   "Add the second line to the file named by COOPLINE_TOKENS_FILE and restart the services.")
    return 0


def register(sub, common) -> None:
    p = sub.add_parser("token", help="manage API tokens (no server needed)")
    tsub = p.add_subparsers(dest="token_command", metavar="new", required=True)
    n = tsub.add_parser("new", help="create a token: prints it once, and its COOPLINE_TOKENS_FILE line")
    n.add_argument("name", type=_name, metavar="NAME", help="who holds it (letters, digits, . _ @ -)")
    n.add_argument("role", choices=tuple(ROLES), metavar="ROLE", help="reader, writer or admin")
    n.add_argument("--append", metavar="FILE", help="also append the line to this tokens file")
    n.set_defaults(func=cmd_token_new, needs_api=False)
