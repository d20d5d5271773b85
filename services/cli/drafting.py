"""`coopline draft FILE… [--published DATE] [--url URL]`: draft events from news articles.

Each file (plain text, or HTML when it ends in .html/.htm or starts with a tag) is sent to the
query service's `POST /v1/drafts`, which reads it and answers with draft records; nothing is
recorded. Standard output gets JSON Lines: a complete draft is the record itself, ready for
`coopline submit`; an incomplete one carries `"_missing": [JSON paths]` as well, which the
ingest service refuses until a person has filled those paths in and removed the key. A
summary per file goes to standard error.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from services.cli.client import Api
from services.cli.errors import CliError

MAX_BYTES = 2 * 1024 * 1024  # the endpoint's limit


def register(sub, common) -> None:
    p = sub.add_parser("draft", parents=[common], help="draft events from news articles (text or HTML)",
                       description="Draft cooperation events from articles with the query service "
                                   "(POST /v1/drafts). Writes JSON Lines for `coopline submit`; drafts "
                                   "that need a person carry \"_missing\".")
    p.add_argument("files", nargs="+", metavar="FILE", help="article files ('-' for standard input)")
    p.add_argument("--published", help="publication date (EDTF, e.g. 2025-08-03) for relative dates")
    p.add_argument("--url", help="the article's address (kept in each draft's source; never fetched)")
    p.add_argument("--publisher", help="the publisher's name (kept in each draft's source)")
    p.add_argument("--lang", help="the article's language (ko or en; default: guessed)")
    p.set_defaults(func=cmd_draft)


def request_body(text: str, name: str, args) -> dict:
    html = name.lower().endswith((".html", ".htm")) or text.lstrip()[:1] == "<"
    body: dict = {"html" if html else "text": text}
    for key in ("url", "published", "publisher", "lang"):
        if getattr(args, key, None):
            body[key] = getattr(args, key)
    return body


def lines_for(answer: dict) -> list[dict]:
    """The JSON Lines of one article: complete drafts as records, the others marked."""
    out = []
    for d in answer.get("drafts", []):
        rec = dict(d["record"])
        if d.get("missing"):
            rec["_missing"] = d["missing"]
        out.append(rec)
    return out


def summary(name: str, answer: dict) -> str:
    drafts = answer.get("drafts", [])
    incomplete = [d for d in drafts if d.get("missing")]
    line = f"{name}: {len(drafts)} draft{'s' if len(drafts) != 1 else ''}, " \
           f"{len(drafts) - len(incomplete)} complete, {len(incomplete)} to finish"
    if incomplete:
        counts = Counter(m for d in incomplete for m in d["missing"])
        line += " (" + ", ".join(f"{path} ×{n}" for path, n in sorted(counts.items())) + ")"
    return line


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.is_file():
        raise CliError(f"{path}: no such file" if not p.exists() else f"{path}: not a file")
    data = p.read_bytes()
    if len(data) > MAX_BYTES:
        raise CliError(f"{path}: larger than 2 MiB, the most the query service drafts from")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None


def cmd_draft(args, api: Api) -> int:
    for path in args.files:
        text = _read(path)
        answer = api.request("query", "POST", "/v1/drafts", json=request_body(text, path, args)).json()
        for rec in lines_for(answer):
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(summary(path, answer), file=sys.stderr)
    return 0
