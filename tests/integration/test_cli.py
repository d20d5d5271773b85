"""The `coopline` CLI against real service processes on free ports (tests/harness.Service).

Most commands run in-process through `services.cli.__main__.run(argv, env)` (fast, with capsys);
what depends on the process boundary — argparse errors, exit codes, `up` — runs as
`python -m services.cli` subprocesses.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from services.cli.__main__ import run
from tests import harness
from tests.conftest import free_port, make_record
from tests.harness import ROOT, Service


def cli_proc(*argv: str, env: dict | None = None, cwd: Path = ROOT, timeout: float = 30,
             stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.cli", *argv], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout, input=stdin)


def one_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{text}"
    assert "Traceback" not in text
    return lines[0]


# --- fixtures: a token made by the CLI itself, the services started with it ---

@pytest.fixture(scope="module")
def admin_token(tmp_path_factory) -> tuple[str, Path]:
    """`coopline token new` → a token and a tokens file holding its printed line."""
    result = cli_proc("token", "new", "cli-admin", "admin")
    assert result.returncode == 0, result.stderr
    token, line = result.stdout.splitlines()
    assert token.startswith("cl_") and line.startswith("cli-admin admin sha256:")
    path = tmp_path_factory.mktemp("tokens") / "tokens.txt"
    path.write_text(line + "\n")
    return token, path


@pytest.fixture(scope="module")
def ingest(tmp_path_factory, admin_token):
    tmp = tmp_path_factory.mktemp("ingest")
    svc = Service("ingest", {"COOPLINE_STORE": f"sqlite:///{tmp}/events.db", "COOPLINE_TOKENS_FILE": str(admin_token[1]),
                             "COOPLINE_LOG_FORMAT": "json"}, tmp / "ingest.log").start()
    yield svc
    svc.stop()


@pytest.fixture(scope="module")
def query(tmp_path_factory, ingest, admin_token):
    tmp = tmp_path_factory.mktemp("query")
    svc = Service("query", {"COOPLINE_STORE": f"sqlite:///{tmp}/projections.db", "COOPLINE_INGEST_URL": ingest.url,
                            "COOPLINE_INGEST_TOKEN": admin_token[0], "COOPLINE_TOKENS_FILE": str(admin_token[1]),
                            "COOPLINE_LOG_FORMAT": "json"}, tmp / "query.log").start()
    yield svc
    svc.stop()


@pytest.fixture
def env(ingest, admin_token) -> dict[str, str]:
    return {"COOPLINE_INGEST_URL": ingest.url, "COOPLINE_TOKEN": admin_token[0],
            "COOPLINE_QUERY_URL": f"http://127.0.0.1:{free_port()}"}


@pytest.fixture
def qenv(env, query) -> dict[str, str]:
    return {**env, "COOPLINE_QUERY_URL": query.url}


@pytest.fixture
def cli(capsys):
    def call(*argv: str, env: dict[str, str]) -> tuple[int, str, str]:
        code = run(list(argv), env=env)
        out, err = capsys.readouterr()
        return code, out, err
    return call


def head(ingest: Service, token: str) -> int:
    return httpx.get(f"{ingest.url}/v1/log", params={"after": 0, "limit": 1},
                     headers={"Authorization": f"Bearer {token}"}).json()["head"]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- token new ---

def test_token_line_authenticates_and_only_the_token_does(ingest, admin_token):
    token, _ = admin_token
    assert httpx.get(f"{ingest.url}/v1/log", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert httpx.get(f"{ingest.url}/v1/log", headers={"Authorization": "Bearer cl_wrong"}).status_code == 401


def test_token_new_appends_to_a_tokens_file(tmp_path):
    path = tmp_path / "tokens.txt"
    path.write_text("# mine")  # no trailing newline: the line must still go on its own line
    result = cli_proc("token", "new", "bot", "writer", "--append", str(path))
    assert result.returncode == 0
    assert path.read_text().splitlines()[1] == result.stdout.splitlines()[1]
    bad = cli_proc("token", "new", "bot", "superuser")
    assert bad.returncode == 2 and "superuser" in one_line(bad.stderr)


# --- submit: three formats, idempotent resubmission ---

def test_submit_json_jsonl_and_csv_then_resubmit_adds_nothing(cli, env, ingest, admin_token, tmp_path):
    as_json = tmp_path / "one.json"
    as_json.write_text(json.dumps(make_record("cli-json-obj")))
    arr = tmp_path / "many.json"
    arr.write_text(json.dumps([make_record("cli-json-1"), make_record("cli-json-2")]))
    jsonl = write_jsonl(tmp_path / "events.jsonl", [make_record("cli-jsonl-1"),
                                                     {k: v for k, v in make_record("no-id").items() if k != "id"}])
    csv = tmp_path / "events.csv"
    csv.write_text(
        "id,kind,date,title,participants,sectors,sources,place.city\n"
        'cli-csv-1,forum,2015,"Forum, with a comma",KR:과학기술정보통신부;DK:Odense Kommune,ict;robotics,https://a.example;연합뉴스,Odense\n'
        'cli-csv-2,meeting,2016-05,JSON cells,"[{""name"":""X"",""country"":""kr"",""role"":""host""},{""name"":""Y"",""country"":""BY""}]",,"[{""publisher"":""p""}]",\n',
        encoding="utf-8")
    before = head(ingest, admin_token[0])
    code, out, err = cli("submit", str(as_json), str(arr), str(jsonl), str(csv), env=env)
    assert code == 0, err
    assert out.strip() == "7 events submitted: 7 created, 0 already recorded"
    assert head(ingest, admin_token[0]) == before + 7

    code, out, _ = cli("submit", str(as_json), str(arr), str(jsonl), str(csv), env=env)
    assert code == 0
    assert out.strip() == "7 events submitted: 0 created, 7 already recorded"
    assert head(ingest, admin_token[0]) == before + 7

    history = httpx.get(f"{ingest.url}/v1/events/cli-csv-1/history", headers={"Authorization": f"Bearer {admin_token[0]}"}).json()
    data = history[0]["data"]
    assert data["participants"][1] == {"name": "Odense Kommune", "country": "DK", "type": "other", "role": "participant"}
    assert data["sectors"] == ["ict", "robotics"] and data["place"] == {"city": "Odense"}
    assert data["sources"] == [{"url": "https://a.example"}, {"publisher": "연합뉴스"}]


def test_submit_batches_and_json_receipts(cli, env, tmp_path):
    path = write_jsonl(tmp_path / "b.jsonl", [make_record(f"cli-batch-{i}") for i in range(5)])
    code, out, _ = cli("submit", "--batch-size", "2", "--json", str(path), env=env)
    assert code == 0
    results = json.loads(out)["results"]
    assert [r["id"] for r in results] == [f"test-cli-batch-{i}" for i in range(5)]
    assert all(r["created"] for r in results)


def test_submit_from_standard_input(env):
    lines = "".join(json.dumps(make_record(f"cli-stdin-{i}")) + "\n" for i in range(3))
    result = cli_proc("submit", "--format", "jsonl", "-", env=env, stdin=lines)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3 events submitted: 3 created, 0 already recorded"


# --- errors: one line, non-zero ---

def test_invalid_record_is_one_line_naming_the_file_line_and_nothing_is_recorded(cli, env, ingest, admin_token, tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", [make_record("cli-bad-ok"), make_record("cli-bad-date", date="2018-13-01")])
    before = head(ingest, admin_token[0])
    code, out, err = cli("submit", str(path), env=env)
    assert code == 1 and out == ""
    line = one_line(err)
    assert "422" in line and f"{path}:2" in line and "$.date" in line and "month 13" in line
    assert head(ingest, admin_token[0]) == before  # the batch is atomic
    write_jsonl(path, [make_record("cli-twice"), make_record("cli-twice")])
    code, _, err = cli("submit", str(path), env=env)
    assert code == 1 and f"{path}:2" in one_line(err) and "duplicate" in err


def test_dry_run_lists_every_error_of_every_line_and_records_nothing(cli, env, ingest, admin_token, tmp_path):
    bad = make_record("cli-dry-2", kind="conference", date="2018-13-01")
    bad["participants"][0]["country"] = "Korea"
    path = write_jsonl(tmp_path / "dry.jsonl", [make_record("cli-dry-1"), bad, make_record("cli-dry-3", sectors=["warp"])])
    before = head(ingest, admin_token[0])
    code, out, err = cli("submit", "--dry-run", str(path), env=env)
    assert code == 1
    assert sorted(out.splitlines()) == sorted([
        f"{path}:2 ($.kind): 'conference' is not one of the allowed values: signing, visit, forum, meeting, opening, project, other",
        f"{path}:2 ($.participants[0].country): 'Korea' is not an ISO 3166-1 alpha-2 country code; "
        "did you mean KP (North Korea) or KR (South Korea)?",
        next(ln for ln in out.splitlines() if ln.startswith(f"{path}:2 ($.date): ")),
        next(ln for ln in out.splitlines() if ln.startswith(f"{path}:3 ($.sectors[0]): 'warp' is not one of")),
    ])
    assert "month 13" in out
    assert "3 events checked: 1 valid, 2 invalid (4 errors); nothing was recorded" in err
    assert head(ingest, admin_token[0]) == before
    code, out, err = cli("submit", "--dry-run", "--json", str(path), env=env)
    assert code == 1 and [r["origin"] for r in json.loads(out)["invalid"]] == [f"{path}:2", f"{path}:3"]
    good = write_jsonl(tmp_path / "good.jsonl", [make_record("cli-dry-1")])
    assert cli("submit", "--dry-run", str(good), env=env)[0] == 0
    assert head(ingest, admin_token[0]) == before


def test_skip_invalid_records_the_valid_lines_and_reports_the_rest(cli, env, ingest, admin_token, tmp_path):
    assert cli("submit", str(write_jsonl(tmp_path / "first.jsonl", [make_record("cli-skip-0")])), env=env)[0] == 0
    before = head(ingest, admin_token[0])
    records = [make_record("cli-skip-1"), make_record("cli-skip-2", date="someday"),
               make_record("cli-skip-0", title="another body for a recorded id"), make_record("cli-skip-3")]
    path = write_jsonl(tmp_path / "skip.jsonl", records)
    code, out, err = cli("submit", "--skip-invalid", "--batch-size", "2", str(path), env=env)
    assert code == 0, err
    assert out.strip() == "2 events submitted: 2 created, 0 already recorded, 2 invalid (not submitted)"
    assert f"{path}:2 ($.date): " in err and f"{path}:3 ($.id): already recorded with a different body" in err
    assert head(ingest, admin_token[0]) == before + 2
    assert cli_proc("submit", "--dry-run", "--skip-invalid", str(path), env=env).returncode == 2  # one or the other


def test_conflicting_resubmission_is_one_line(cli, env, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [make_record("cli-conflict")])
    assert cli("submit", str(path), env=env)[0] == 0
    write_jsonl(path, [make_record("cli-conflict", title="another title")])
    code, _, err = cli("submit", str(path), env=env)
    assert code == 1 and "409" in one_line(err)


def test_missing_token_is_one_line(cli, env, tmp_path):
    path = write_jsonl(tmp_path / "t.jsonl", [make_record("cli-no-token")])
    code, _, err = cli("submit", str(path), env={**env, "COOPLINE_TOKEN": ""})
    assert code == 1 and "401" in one_line(err)


@pytest.mark.parametrize("content, name, needle", [
    (None, "missing.json", "no such file"),
    ("{not json", "broken.json", "not valid JSON"),
    ('{"id": "a"}\n{oops\n', "broken.jsonl", "broken.jsonl:2"),
    ("id,colour\nx,red\n", "odd.csv", "unknown CSV column 'colour'"),
    ("[1, 2]", "numbers.json", "numbers.json[0]"),
])
def test_bad_files_are_one_line(cli, env, tmp_path, content, name, needle):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    code, _, err = cli("submit", str(path), env=env)
    assert code == 1 and needle in one_line(err)


def test_connection_refused_names_the_url():
    url = f"http://127.0.0.1:{free_port()}"
    result = cli_proc("submit", "--ingest-url", url, str(ROOT / "seeds" / "01-korea-russia-2018.jsonl"))
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert url in line and "refused" in line


def test_unknown_command_and_bad_option_are_one_line():
    result = cli_proc("frobnicate")
    assert result.returncode == 2 and "frobnicate" in one_line(result.stderr)
    result = cli_proc("timeline", "KR", "--status", "maybe")
    assert result.returncode == 2 and "maybe" in one_line(result.stderr)


def seed_counts() -> tuple[int, int]:
    """Records in seeds/*.jsonl and steps in seeds/history/corrections.jsonl."""
    records = sum(1 for p in (ROOT / "seeds").glob("*.jsonl") for ln in p.read_text().splitlines() if ln.strip())
    steps = (ROOT / "seeds" / "history" / "corrections.jsonl").read_text().splitlines()
    return records, sum(1 for ln in steps if ln.strip())


def test_seed_loads_the_seeds_idempotently(cli, env, admin_token, tmp_path):
    # An ingest service of its own: the seeds and their history stay out of the log that the
    # module's query service follows.
    own = Service("ingest", {"COOPLINE_STORE": f"sqlite:///{tmp_path}/events.db",
                             "COOPLINE_TOKENS_FILE": str(admin_token[1])}, tmp_path / "ingest.log").start()
    env = {**env, "COOPLINE_INGEST_URL": own.url}
    try:
        n, steps = seed_counts()
        code, out, err = cli("seed", env=env)
        assert code == 0, err
        assert out.strip().splitlines() == [f"{n} events submitted: {n} created, 0 already recorded",
                                            f"{steps} corrections and retractions: {steps} applied, 0 already applied"]
        after = head(own, admin_token[0])
        assert after == n + steps
        code, out, _ = cli("seed", env=env)
        assert out.strip().splitlines() == [f"{n} events submitted: 0 created, {n} already recorded",
                                            f"{steps} corrections and retractions: 0 applied, {steps} already applied"]
        assert head(own, admin_token[0]) == after
    finally:
        own.stop()


# --- the query side ---

def caught_up(query: Service, position: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = httpx.get(f"{query.url}/v1/projections").json()
        if rows and all(r["position"] >= position for r in rows):
            return
        time.sleep(0.05)
    raise AssertionError(f"projections did not reach {position}: {rows}")


@pytest.fixture
def dyad(cli, qenv, query, ingest, admin_token, tmp_path) -> dict[str, str]:
    """Three FI–EE events (one planned), one FI–SE — countries no seed mentions; the query service caught up."""
    recs = [
        make_record("dyad-1", date="2017-04-09/2017-04-13", kind="visit", sectors=["ict"], title="Tartu\tvisit, title kept whole",
                    participants=[{"name": "Business Finland", "country": "FI"}, {"name": "Tartu Ülikool", "country": "EE"}]),
        make_record("dyad-2", date="2008-12", sectors=["ict", "ai"],
                    participants=[{"name": "VTT", "country": "FI"}, {"name": "TalTech", "country": "ee"}]),
        make_record("dyad-3", date="2030", status="planned", sectors=["space"],
                    participants=[{"name": "VTT", "country": "FI"}, {"name": "TalTech", "country": "ee"}]),
        make_record("dyad-se", date="2018-06-22",
                    participants=[{"name": "VTT", "country": "FI"}, {"name": "RISE", "country": "SE"}]),
    ]
    code, _, err = cli("submit", str(write_jsonl(tmp_path / "dyad.jsonl", recs)), env=qenv)
    assert code == 0, err
    caught_up(query, head(ingest, admin_token[0]))
    return qenv


def test_timeline_lines_when_piped(cli, dyad):
    code, out, err = cli("timeline", "fi", "--partner", "ee", env=dyad)
    assert code == 0, err
    rows = [ln.split("\t") for ln in out.splitlines()]
    assert [r[-1] for r in rows] == ["test-dyad-2", "test-dyad-1", "test-dyad-3"]
    assert rows[1][:5] == ["2017-04-09/2017-04-13", "visit", "occurred", "EE,FI", "Tartu visit, title kept whole"]
    code, out, _ = cli("timeline", "FI", "--partner", "EE", "--status", "planned", env=dyad)
    assert [ln.split("\t")[-1] for ln in out.splitlines()] == ["test-dyad-3"]
    code, out, _ = cli("timeline", "FI", "--partner", "EE", "--limit", "1", env=dyad)
    assert len(out.splitlines()) == 1


def test_timeline_json_is_the_servers(cli, dyad, query):
    code, out, _ = cli("timeline", "FI", "--partner", "EE", "--from", "2010", "--json", env=dyad)
    assert code == 0
    assert json.loads(out) == httpx.get(f"{query.url}/v1/countries/FI/timeline",
                                        params={"partner": "EE", "from": "2010"}).json()


def test_query_errors_are_one_line(cli, dyad):
    code, _, err = cli("timeline", "FI", "--from", "2020", "--to", "2010", env=dyad)
    assert code == 1 and "422" in one_line(err)
    code, _, err = cli("timeline", "ZZ", env=dyad)
    assert code == 1 and "404" in one_line(err)


def test_sectors_by_year(cli, dyad, query):
    code, out, err = cli("sectors", "--country", "EE", "--by", "year", env=dyad)
    assert code == 0, err
    rows = [ln.split("\t") for ln in out.splitlines()]
    assert ["2008", "ai", "1"] in rows and ["2017", "ict", "1"] in rows
    assert not any(r[0] == "2030" for r in rows)  # planned: not counted by default
    code, out, _ = cli("sectors", "--country", "EE", "--status", "all", "--json", env=dyad)
    doc = json.loads(out)
    assert doc["total_events"] == 3 and {s["sector"] for s in doc["sectors"]} == {"ict", "ai", "space"}


def test_export_csv_and_timelinejs(cli, dyad, tmp_path):
    target = tmp_path / "fi-ee.csv"
    code, _, err = cli("export", "FI", "--partner", "EE", "--format", "csv", "-o", str(target), env=dyad)
    assert code == 0, err
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:3] == ["id", "date", "start"] and len(lines) == 4
    code, _, err = cli("export", "FI", "--format", "csv", "--bom", "-o", str(target), env=dyad)
    assert code == 0, err
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,date,start,")
    code, out, _ = cli("export", "FI", "--partner", "EE", "--format", "timelinejs", "--lang", "en", env=dyad)
    doc = json.loads(out)
    assert {e["unique_id"] for e in doc["events"]} == {"test-dyad-1", "test-dyad-2", "test-dyad-3"}
    assert doc["title"]["text"]["headline"] == "Finland – Estonia"


def test_a_release_reproduces_the_view_and_the_export_names_it(cli, dyad, query, ingest, admin_token, tmp_path):
    code, out, err = cli("release", "cli-dyad-r1", env=dyad)
    assert code == 0, err
    position, hash_ = out.split()[3], out.split()[5]  # release NAME: position N hash H
    caught_up(query, head(ingest, admin_token[0]))
    code, out, _ = cli("timeline", "FI", "--partner", "EE", "--release", "cli-dyad-r1", "--json", env=dyad)
    assert code == 0 and json.loads(out) == httpx.get(f"{query.url}/v1/countries/FI/timeline",
                                                      params={"partner": "EE", "as_of": position}).json()
    target = tmp_path / "r1.csv"
    code, _, err = cli("export", "FI", "--format", "csv", "--release", "cli-dyad-r1", "-o", str(target), env=dyad)
    assert code == 0 and f"release cli-dyad-r1; position={position}; hash={hash_}" in one_line(err), err
    code, _, err = cli("sectors", "--release", "no-such-release", env=dyad)
    assert code == 1 and "422" in one_line(err)


def test_rebuild_dry_run_waits_and_reports(cli, dyad):
    code, out, err = cli("rebuild", "--wait", "--dry-run", env=dyad)
    assert code == 0, err
    line = one_line(out)
    assert "succeeded" in line and "dry run" in line
    code, _, err = cli("rebuild", "--wait", env={**dyad, "COOPLINE_TOKEN": ""})
    assert code == 1 and "401" in one_line(err)


# --- up ---

def Up(cwd: Path, ingest_port: int, query_port: int) -> harness.Up:  # noqa: N802 - reads as the class
    return harness.Up(cwd, ingest_port, query_port, {"COOPLINE_LOG_FORMAT": "json"})


def test_up_starts_both_loads_seeds_once_and_stops_cleanly(tmp_path):
    n_seeds, n_steps = seed_counts()
    ip, qp = free_port(), free_port()
    first = Up(tmp_path, ip, qp)
    try:
        first.wait_for("Ctrl-C stops both")
        assert first.value("seeds").startswith(f"{n_seeds} events loaded, {n_seeds} new; {n_steps} corrections, {n_steps} new")
        assert first.value("web page") == f"http://127.0.0.1:{qp}/"
        token = (tmp_path / "data" / "dev-token").read_text().strip()
        assert (tmp_path / "data" / "dev-token").stat().st_mode & 0o077 == 0
        assert (tmp_path / "data" / "tokens.txt").stat().st_mode & 0o077 == 0
        # stdout is a pipe here: the token is in the file, never in the output (or a log)
        assert first.value("token").startswith("(shown on a terminal only)")
        assert not any(token in line for line in first.lines)
        assert "export COOPLINE_TOKEN=$(cat " in first.wait_for("export COOPLINE_TOKEN")
        for log in ("ingest.log", "query.log"):
            assert token not in (tmp_path / "data" / log).read_text()
        # the log, the projection file and the service logs are not world-readable (issue 17)
        for name in ("events.db", "projections.db", "ingest.log", "query.log"):
            assert (tmp_path / "data" / name).stat().st_mode & 0o777 in (0o600, 0o640), name
        auth = {"Authorization": f"Bearer {token}"}
        assert httpx.get(f"http://127.0.0.1:{ip}/v1/log", headers=auth).json()["head"] == n_seeds + n_steps
        assert httpx.get(f"http://127.0.0.1:{ip}/v1/log").status_code == 401  # tokens, not dev mode
        assert httpx.get(f"http://127.0.0.1:{qp}/v1/countries/BY/timeline").json()["items"]
        # the web page's drafts view may record events on the ingest service (CORS for its origin)
        page = f"http://127.0.0.1:{qp}"
        preflight = httpx.options(f"http://127.0.0.1:{ip}/v1/events", headers={
            "Origin": page, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})
        assert preflight.status_code == 204 and preflight.headers["Access-Control-Allow-Origin"] == page
        children = psutil.Process(first.proc.pid).children()
        assert len(children) == 2
        # a second `up` on the same ports says so in one line
        clash = cli_proc("up", "--ingest-port", str(ip), "--query-port", str(qp), "--data-dir", str(tmp_path / "d2"),
                         cwd=tmp_path)
        assert clash.returncode == 1 and f"port {ip}" in one_line(clash.stderr)
    finally:
        code = first.interrupt()
    assert code == 0, "\n".join(first.lines)
    assert "stopped: query (exit 0), ingest (exit 0)" in first.lines[-1]
    assert not any(c.is_running() for c in children)
    # a token added with `coopline token new … --append` survives the next `up`
    made = cli_proc("token", "new", "alice", "writer", "--append", str(tmp_path / "data" / "tokens.txt"))
    alice = {"Authorization": f"Bearer {made.stdout.splitlines()[0]}"}

    second = Up(tmp_path, ip, qp)
    try:
        second.wait_for("Ctrl-C stops both")
        assert second.value("seeds").startswith(f"{n_seeds} events loaded, 0 new; {n_steps} corrections, 0 new")
        assert (tmp_path / "data" / "dev-token").read_text().strip() == token
        assert httpx.get(f"http://127.0.0.1:{ip}/v1/log", headers=auth).json()["head"] == n_seeds + n_steps
        assert httpx.get(f"http://127.0.0.1:{ip}/v1/log", headers=alice).json()["head"] == n_seeds + n_steps
        lines = (tmp_path / "data" / "tokens.txt").read_text().splitlines()
        assert [ln.split()[0] for ln in lines if not ln.startswith("#")] == ["dev", "query-feed", "alice"]
    finally:
        second.proc.send_signal(signal.SIGTERM)
        assert second.proc.wait(60) == 0


def test_the_cli_imports_neither_service():
    code = ("import sys, services.cli.__main__, services.cli.up; "
            "bad = [m for m in sys.modules if m.startswith(('services.ingest', 'services.query'))]; "
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
