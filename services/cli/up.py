"""`coopline up` (what `make run` calls): both services on SQLite as child processes, seeds loaded.

Tokens rather than dev mode: `up` writes `<data>/tokens.txt` (COOPLINE_TOKENS_FILE for both
children) holding an admin token that is kept across runs in `<data>/dev-token` (mode 0600)
and shown on a terminal (never into a pipe or a log), so the user can call every endpoint with
it, plus a reader token for the query service's feed client, fresh on every run; every other
line of tokens.txt (tokens added with `coopline token new … --append`) is kept. Seeds carry
stable ids, so loading them again records nothing new. Ctrl-C or SIGTERM stops the query service, then ingest (SIGTERM, wait).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from services.cli.client import Api, Endpoints
from services.cli.errors import CliError
from services.cli.seeding import find_seeds_dir, load
from shared.auth import new_token, token_line
from shared.settings import is_loopback

STOP_TIMEOUT = 40.0  # the services allow in-flight requests 30 s to finish


@dataclass
class Child:
    name: str
    port: int
    log_path: Path
    proc: subprocess.Popen | None = None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def last_log_line(self) -> str:
        try:
            tail = [ln for ln in self.log_path.read_text(errors="replace").splitlines() if ln.strip()]
        except OSError:
            return ""
        return " ".join(tail[-1].split()) if tail else ""


_OWN = ("dev", "query-feed")  # the names `up` writes itself; every other line is the user's


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (0600, even if it existed with looser modes)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)


def dev_tokens(data: Path) -> tuple[str, str]:
    """The admin token (same across runs) and a fresh feed token; writes tokens.txt, keeping
    the lines added to it (`coopline token new NAME ROLE --append data/tokens.txt`)."""
    kept = data / "dev-token"
    admin = kept.read_text().strip() if kept.is_file() else ""
    if not admin:
        admin = new_token()
        _write_private(kept, admin + "\n")
    elif kept.stat().st_mode & 0o077:
        os.chmod(kept, 0o600)
    follower = new_token()
    tokens = data / "tokens.txt"
    theirs = [ln for ln in (tokens.read_text().splitlines() if tokens.is_file() else [])
              if ln.strip() and not ln.startswith("#") and ln.split()[0] not in _OWN]
    _write_private(tokens, "\n".join([
        "# written by `coopline up` on every start: it renews the dev and query-feed lines and keeps",
        "# every other line (add one with `coopline token new NAME ROLE --append data/tokens.txt`)",
        token_line("dev", "admin", admin), token_line("query-feed", "reader", follower), *theirs]) + "\n")
    return admin, follower


def port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does: TIME_WAIT is no obstacle
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def _die_with_parent() -> None:
    # Linux: if `up` itself is killed outright, the children get SIGTERM instead of lingering
    # on the ports. Elsewhere a no-op.
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start(child: Child, env: dict[str, str]) -> None:
    # 0640, not the umask's usual 0644: a log may name ids, hosts and errors
    log = os.fdopen(os.open(child.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640), "ab")
    try:
        # Own process group: a terminal's Ctrl-C reaches `up` only, which then stops the
        # children one at a time, in order.
        child.proc = subprocess.Popen([sys.executable, "-m", f"services.{child.name}"], env=env,
                                      stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                      process_group=0, preexec_fn=_die_with_parent)
    finally:
        log.close()


def wait_healthy(child: Child, url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not child.alive():
            raise CliError(f"the {child.name} service exited at start (code {child.proc.returncode}): "
                           f"{child.last_log_line()} [log: {child.log_path}]")
        try:
            if httpx.get(f"{url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise CliError(f"the {child.name} service did not become healthy in {timeout:.0f} s [log: {child.log_path}]")


def stop(children: list[Child]) -> list[str]:
    """SIGTERM each (query first: it follows ingest), wait; a second Ctrl-C kills."""
    report = []
    for child in children:
        if child.proc is None:
            continue
        if child.alive():
            child.proc.send_signal(signal.SIGTERM)
            try:
                child.proc.wait(STOP_TIMEOUT)
            except (subprocess.TimeoutExpired, KeyboardInterrupt):
                child.proc.kill()
                child.proc.wait()
        report.append(f"{child.name} (exit {child.proc.returncode})")
    return report


def wait_caught_up(api: Api, head: int, timeout: float = 20.0) -> bool:
    """True once every projection of the query service has applied position `head`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            rows = api.get_json("query", "/v1/projections")
            if rows and all((r.get("position") or 0) >= head for r in rows):
                return True
        except Exception:  # noqa: BLE001 - best effort; the services run either way
            pass
        time.sleep(0.2)
    return False


def _seed(api: Api, args) -> str:
    if args.no_seed:
        return "not loaded (--no-seed)"
    try:
        report = load(api, find_seeds_dir(args.seeds_dir))
    except CliError as exc:
        return f"not loaded: {exc.message}"
    caught_up = wait_caught_up(api, report.head)
    text = (f"{report.created + report.existing} events loaded, {report.created} new; "
            f"{report.applied + report.present} corrections, {report.applied} new")
    if report.problems:  # the whole list: `coopline seed`
        text += f"; {len(report.problems)} not applied, e.g. {report.problems[0]}"
    return text if caught_up else text + " (the query service is still catching up)"


def _shown(token: str) -> str:
    """The token itself on a terminal; never into a pipe or a log file."""
    return token if sys.stdout.isatty() else "(shown on a terminal only)"


def page_origins(host: str, query_port: int, env) -> str:
    """The ingest service's COOPLINE_CORS_ORIGINS: the web page's own origin (its drafts view
    records events from the browser), by address and, on loopback, as localhost; a value
    already in the environment is kept as it is."""
    if env.get("COOPLINE_CORS_ORIGINS"):
        return env["COOPLINE_CORS_ORIGINS"]
    shown = f"[{host}]" if ":" in host else host
    origins = [f"http://{shown}:{query_port}"]
    if is_loopback(host) and host != "localhost":
        origins.append(f"http://localhost:{query_port}")
    return ",".join(origins)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def cmd_up(args) -> int:
    host = args.host
    data = Path(args.data_dir)
    data.mkdir(parents=True, exist_ok=True)
    for name, port, flag in (("ingest", args.ingest_port, "--ingest-port"), ("query", args.query_port, "--query-port")):
        if port_taken(host, port):
            raise CliError(f"port {port} on {host} (for {name}) is taken (another Coopline running?); stop it or pass {flag}")
    admin, follower = dev_tokens(data)
    root = data.resolve()
    ingest_url, query_url = f"http://{host}:{args.ingest_port}", f"http://{host}:{args.query_port}"
    base = {**os.environ, "COOPLINE_HOST": host, "COOPLINE_TOKENS_FILE": str(root / "tokens.txt"),
            "PYTHONUNBUFFERED": "1"}
    ingest = Child("ingest", args.ingest_port, data / "ingest.log")
    query = Child("query", args.query_port, data / "query.log")
    # Both explicitly: a SIGINT ignored by whoever started us (a background job of a shell)
    # must still stop the services cleanly.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    signal.signal(signal.SIGINT, _raise_interrupt)
    try:
        start(ingest, {**base, "COOPLINE_PORT": str(ingest.port), "COOPLINE_STORE": f"sqlite:///{root}/events.db",
                       "COOPLINE_CORS_ORIGINS": page_origins(host, args.query_port, os.environ)})
        wait_healthy(ingest, ingest_url)
        start(query, {**base, "COOPLINE_PORT": str(query.port), "COOPLINE_STORE": f"sqlite:///{root}/projections.db",
                      "COOPLINE_INGEST_URL": ingest_url, "COOPLINE_INGEST_TOKEN": follower})
        wait_healthy(query, query_url)
        with Api(Endpoints(ingest_url, query_url, admin)) as api:
            seeds = _seed(api, args)
        print(f"Coopline is running (SQLite stores in {data}/)\n"
              f"  web page  {query_url}/\n"
              f"  API docs  {query_url}/docs (query) · {ingest_url}/docs (ingest)\n"
              f"  ingest    {ingest_url}\n"
              f"  seeds     {seeds}\n"
              f"  token     {_shown(admin)}  (admin; kept in {data / 'dev-token'})\n"
              f"Use the CLI in another shell:  export COOPLINE_TOKEN=$(cat {data / 'dev-token'})"
              + ("" if (args.ingest_port, args.query_port) == (8081, 8082) else
                 f" COOPLINE_INGEST_URL={ingest_url} COOPLINE_QUERY_URL={query_url}") + "\n"
              f"Logs: {ingest.log_path}, {query.log_path}.  Ctrl-C stops both services.", flush=True)
        while True:
            for child in (ingest, query):
                if not child.alive():
                    raise CliError(f"the {child.name} service stopped (code {child.proc.returncode}): "
                                   f"{child.last_log_line()} [log: {child.log_path}]")
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("stopping…", flush=True)
        print("stopped: " + ", ".join(stop([query, ingest])), flush=True)
        return 0
    finally:
        stop([query, ingest])  # after an error: never leave a child behind
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)


def register(sub, common) -> None:
    p = sub.add_parser("up", help="start both services on SQLite with the seeds loaded (Ctrl-C stops them)",
                       description="Start ingest and query as child processes (stores, tokens and logs under "
                                   "--data-dir), load the seeds idempotently, print the addresses and a token.")
    p.add_argument("--host", default="127.0.0.1", help="address both services listen on (default 127.0.0.1)")
    p.add_argument("--ingest-port", type=int, default=8081)
    p.add_argument("--query-port", type=int, default=8082)
    p.add_argument("--data-dir", default="data", help="stores, tokens and logs (default ./data)")
    p.add_argument("--seeds-dir", help="folder of *.jsonl seed files (default: seeds/ of the project)")
    p.add_argument("--no-seed", action="store_true", help="do not load the seeds")
    p.set_defaults(func=cmd_up, needs_api=False)
