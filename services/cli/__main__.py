"""`coopline …`: parse the command line, find the services, run one command, exit with its status.

The environment (COOPLINE_INGEST_URL, COOPLINE_QUERY_URL, COOPLINE_TOKEN) is read here only;
the options of the same names win over it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

from services.cli import drafting, integrity, queries, rebuild, releases, submit, tokens, up
from services.cli.client import DEFAULT_INGEST_URL, DEFAULT_QUERY_URL, Api, Endpoints
from services.cli.errors import CliError

COMMANDS = (submit, queries, rebuild, tokens, up, integrity, releases, drafting)  # each adds its subcommands


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage + error
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> Parser:
    # SUPPRESS: an option given before the command is not reset by the command's own default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--ingest-url", default=argparse.SUPPRESS, help=f"ingest service (env COOPLINE_INGEST_URL, default {DEFAULT_INGEST_URL})")
    common.add_argument("--query-url", default=argparse.SUPPRESS, help=f"query service (env COOPLINE_QUERY_URL, default {DEFAULT_QUERY_URL})")
    common.add_argument("--token", default=argparse.SUPPRESS, help="bearer token (env COOPLINE_TOKEN)")
    parser = Parser(prog="coopline", parents=[common],
                    description="Record and query international S&T cooperation events (Coopline).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)
    for module in COMMANDS:
        module.register(sub, common)
    return parser


def endpoints(args: argparse.Namespace, env: Mapping[str, str]) -> Endpoints:
    def pick(option: str, var: str, default: str | None) -> str | None:
        return getattr(args, option, None) or env.get(var) or default

    return Endpoints(ingest_url=pick("ingest_url", "COOPLINE_INGEST_URL", DEFAULT_INGEST_URL),
                     query_url=pick("query_url", "COOPLINE_QUERY_URL", DEFAULT_QUERY_URL),
                     token=pick("token", "COOPLINE_TOKEN", None))


def run(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    env = os.environ if env is None else env
    try:
        if not getattr(args, "needs_api", True):
            return args.func(args)
        for url in (getattr(args, "ingest_url", None), getattr(args, "query_url", None)):
            if url and not url.startswith(("http://", "https://")):
                raise CliError(f"{url!r} is not an http:// or https:// URL")
        with Api(endpoints(args, env)) as api:
            return args.func(args, api)
    except CliError as exc:
        print(f"coopline {args.command}: {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print(f"coopline {args.command}: interrupted", file=sys.stderr)
        return 130


def main(argv: list[str] | None = None) -> int:
    try:
        code = run(argv)
        sys.stdout.flush()
    except BrokenPipeError:  # `coopline timeline KR | head`: the reader left, which is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    main()
