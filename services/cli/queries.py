"""Read commands against the query service: `timeline`, `sectors`, `export` (DESIGN §6)."""

from __future__ import annotations

import sys
from pathlib import Path

from services.cli import output
from services.cli.client import Api
from services.cli.errors import CliError
from shared import countries, vocabulary

MAX_PAGE = 1000
STATUSES = (*vocabulary.STATUSES, "all")


def _country(code: str) -> str:
    return code.strip().upper()


def _label(code: str) -> str:
    return f"{code} {countries.name_en(code)}" if countries.is_country(code) else code


def _filters(args, *names: str) -> dict[str, str]:
    """The query parameters the user gave, under their wire names (`from_` → `from`)."""
    params = {}
    for name in names:
        value = getattr(args, "from_" if name == "from" else name, None)
        if value is not None:
            params[name] = _country(value) if name in ("partner", "country") else str(value)
    return params


TIMELINE_FILTERS = ("partner", "from", "to", "match", "kind", "status", "sector", "as_of", "release")


def cmd_timeline(args, api: Api) -> int:
    code = _country(args.country)
    path = f"/v1/countries/{code}/timeline"
    params = _filters(args, *TIMELINE_FILTERS)
    if args.json:  # one request, the server's body as it came
        if args.limit is not None:
            params["limit"] = str(args.limit)
        if args.cursor:
            params["cursor"] = args.cursor
        output.print_server_json(api.request("query", "GET", path, params=params, retries=2).text)
        return 0
    items, cursor, more = [], args.cursor, False
    while True:
        want = MAX_PAGE if args.limit is None else min(MAX_PAGE, args.limit - len(items))
        page = api.get_json("query", path, params={**params, "limit": str(want), **({"cursor": cursor} if cursor else {})})
        items += page.get("items") or []
        cursor = page.get("next_cursor")
        if not cursor:
            break
        if args.limit is not None and len(items) >= args.limit:
            more = True
            break
    heading = f"Timeline of {_label(code)}" + (f" with {_label(params['partner'])}" if "partner" in params else "")
    output.timeline(items, heading=heading, more=more)
    return 0


def cmd_sectors(args, api: Api) -> int:
    params = _filters(args, "country", "partner", "kind", "status", "from", "to", "match", "as_of", "release")
    if args.by:
        params["by"] = args.by
    resp = api.request("query", "GET", "/v1/sectors", params=params, retries=2)
    if args.json:
        output.print_server_json(resp.text)
        return 0
    heading = "Sectors" + (f" of {_label(params['country'])}" if "country" in params else "") + \
              (f" with {_label(params['partner'])}" if "partner" in params else "")
    output.sectors(resp.json(), heading=heading)
    return 0


def cmd_export(args, api: Api) -> int:
    code = _country(args.country)
    params = {**_filters(args, *TIMELINE_FILTERS), "format": args.format, "lang": args.lang}
    if args.bom:
        params["bom"] = "true"
    resp = api.request("query", "GET", f"/v1/countries/{code}/timeline", params=params, retries=2)
    if args.output and args.output != "-":
        try:
            Path(args.output).write_bytes(resp.content)
        except OSError as exc:
            raise CliError(f"{args.output}: cannot write ({exc.strerror})") from None
        release = resp.headers.get("Coopline-Release")  # NAME; position=N; hash=H
        output.say(f"wrote {args.output} ({len(resp.content)} bytes, {args.format})"
                   + (f"; release {release}" if release else ""))
    else:
        sys.stdout.buffer.write(resp.content)
        sys.stdout.buffer.flush()
    return 0


def _limit(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError(raw)
    return value


def _window(p) -> None:
    p.add_argument("--from", dest="from_", metavar="DATE", help="window start: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--to", metavar="DATE", help="window end (inclusive)")
    p.add_argument("--match", choices=("overlap", "within"), help="how an event must meet the window (default overlap)")
    p.add_argument("--kind", help="signing, visit, forum, meeting, opening, project or other")
    p.add_argument("--as-of", dest="as_of", metavar="POSITION|TIME", help="answer as the log stood then")
    p.add_argument("--release", metavar="NAME", help="answer as the log stood at this release (instead of --as-of)")


def register(sub, common) -> None:
    p = sub.add_parser("timeline", parents=[common], help="events of a country, optionally with one partner")
    p.add_argument("country", metavar="COUNTRY", help="ISO 3166-1 alpha-2 code, e.g. KR")
    p.add_argument("--partner", metavar="COUNTRY", help="only events shared with this country")
    _window(p)
    p.add_argument("--status", choices=STATUSES, help="default: every status")
    p.add_argument("--sector", help="a sector slug, e.g. ict")
    p.add_argument("--limit", type=_limit, help="at most this many events (default: all)")
    p.add_argument("--cursor", help="continue from a next_cursor of an earlier answer")
    p.add_argument("--json", action="store_true", help="print the server's JSON (one page)")
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("sectors", parents=[common], help="events per sector, optionally per year")
    p.add_argument("--country", metavar="COUNTRY")
    p.add_argument("--partner", metavar="COUNTRY")
    p.add_argument("--by", choices=("year",), help="break the counts down by year")
    p.add_argument("--status", choices=STATUSES, help="default occurred")
    _window(p)
    p.add_argument("--json", action="store_true", help="print the server's JSON")
    p.set_defaults(func=cmd_sectors)

    p = sub.add_parser("export", parents=[common], help="a country's timeline as CSV or TimelineJS JSON")
    p.add_argument("country", metavar="COUNTRY")
    p.add_argument("--partner", metavar="COUNTRY")
    p.add_argument("--format", choices=("csv", "timelinejs"), required=True)
    p.add_argument("--lang", choices=("ko", "en"), default="ko", help="TimelineJS: dates, labels and titles in this language")
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte order mark (for spreadsheets)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    _window(p)
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--sector")
    p.set_defaults(func=cmd_export)
