"""`coopline draft` against the contract of the query service's POST /v1/drafts.

The endpoint is answered here by the drafting engine itself through httpx's MockTransport,
until the query service serves it (the end-to-end test belongs with the endpoint)."""

import argparse
import json

import httpx
import msgspec
import pytest

from services.cli import drafting
from services.cli.client import Api, Endpoints
from services.cli.errors import CliError
from services.query.drafts import draft
from shared import record

ARTICLE = ("한국기계연구원은 2019년 5월 14일 민스크에서 벨라루스 국립과학아카데미와 상호협력 협정을 체결했다.\n"
           "두 기관은 공동 연구 사업을 추진할 예정이다.\n")


def api(seen: list) -> Api:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        assert request.method == "POST" and request.url.path == "/v1/drafts"
        return httpx.Response(200, json=draft(json.loads(request.content)))
    return Api(Endpoints(token="cl_test"), transport=httpx.MockTransport(handler))


def args(files, **kw) -> argparse.Namespace:
    return argparse.Namespace(files=files, published=kw.get("published"), url=kw.get("url"),
                              publisher=kw.get("publisher"), lang=None)


def test_draft_writes_records_for_submit_and_a_summary(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    seen: list = []
    with api(seen) as client:
        assert drafting.cmd_draft(args([str(path)], published="2019-05-20", publisher="테스트"), client) == 0
    body = json.loads(seen[0].content)
    assert body == {"text": ARTICLE, "published": "2019-05-20", "publisher": "테스트"}
    assert seen[0].headers["Authorization"] == "Bearer cl_test"
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    complete = [rec for rec in lines if "_missing" not in rec]
    assert complete and all(rec["kind"] for rec in lines)
    for rec in complete:
        record.decode_record(msgspec.json.encode(rec))  # what `coopline submit` sends
    assert err.startswith(f"{path}: {len(lines)} draft")


def test_html_files_are_sent_as_html_and_incomplete_drafts_say_what_is_missing(tmp_path, capsys):
    path = tmp_path / "page.html"
    path.write_text("<html><body><article><p>Officials met in Seoul to discuss cooperation.</p>"
                    "<p>The Korea Institute of Science and Technology signed an agreement with a partner "
                    "institute.</p></article></body></html>", encoding="utf-8")
    seen: list = []
    with api(seen) as client:
        drafting.cmd_draft(args([str(path)], publisher="Test"), client)
    assert "html" in json.loads(seen[0].content)
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines and all(rec["_missing"] for rec in lines)  # no date, one country: a person must finish them
    assert "to finish ($." in err


def test_a_missing_file_is_one_line(tmp_path):
    with api([]) as client, pytest.raises(CliError, match="no such file"):
        drafting.cmd_draft(args([str(tmp_path / "nope.txt")]), client)
