"""`coopline release NAME [--note TEXT]`: tag a release of the log (admin token).

A release names the log as it stands now — the last record's position and hash — so that a
report can cite exactly the data it used. Names are used once.
"""

from __future__ import annotations

import json

from services.cli.client import Api


def cmd_release(args, api: Api) -> int:
    body = {"name": args.name, **({"note": args.note} if args.note is not None else {})}
    out = api.request("ingest", "POST", "/v1/releases", json=body).json()
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"release {out['name']}: position {out['position']} hash {out['hash']}")
    return 0


def register(sub, common) -> None:
    p = sub.add_parser("release", parents=[common],
                       help="tag a release: name the log as it stands now, for citing (admin)")
    p.add_argument("name", metavar="NAME", help="the release's name, used once (letters, digits, . _ : -)")
    p.add_argument("--note", help="what the release is for")
    p.add_argument("--json", action="store_true", help="print the server's JSON")
    p.set_defaults(func=cmd_release)
