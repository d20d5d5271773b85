"""Source URLs are links on the web page and in exports: only http(s) with a host is accepted
(issue 7; docs/decisions.md). Refused at ingest with a 422 naming the field; a correction
that brings such a URL is refused the same way."""

from __future__ import annotations

import json

import msgspec
import pytest

from shared import record
from tests.conftest import make_record


def _json(obj) -> bytes:
    return json.dumps(obj).encode()


ACCEPTED = ["https://example.org", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG/x", "https://user@host:8080/p",
            "http://[::1]:8082/", "https://한국.kr/기사", "https://example.org/%20x"]
REFUSED = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "ftp://example.org/x", "vbscript:x",
           "//example.org/x", "example.org", "https://", "https:///path", "http://[::1", " https://example.org",
           "https://example.org/a b", "https://example.org/\nx", "mailto:a@b.org", "about:blank"]


@pytest.mark.parametrize("url", ACCEPTED)
def test_http_and_https_urls_are_accepted(url):
    rec = record.decode_record(_json(make_record(1, sources=[{"url": url}])))
    assert rec.sources[0].url == url


@pytest.mark.parametrize("url", REFUSED)
def test_other_schemes_and_malformed_urls_are_refused(url):
    body = make_record(1, sources=[{"publisher": "ok"}, {"url": url, "publisher": "p"}])
    with pytest.raises(record.RecordInvalid) as info:
        record.decode_record(_json(body))
    assert [e["path"] for e in info.value.errors] == ["$.sources[1].url"]
    assert "http:// or https://" in info.value.errors[0]["message"]


def test_a_correction_cannot_bring_a_javascript_url():
    current = msgspec.to_builtins(record.decode_record(_json(make_record(1))))
    with pytest.raises(record.RecordInvalid) as info:
        record.apply_changes(current, {"sources": [{"url": "javascript:alert(1)"}]})
    assert [e["path"] for e in info.value.errors] == ["$.changes.sources[0].url"]


async def test_ingest_answers_422_naming_the_field_and_appends_nothing(aiohttp_client, tmp_path):
    from services.ingest.app import create_app
    from shared.settings import Settings

    client = await aiohttp_client(create_app(Settings(service="ingest", store=f"sqlite:///{tmp_path}/e.db"), None))
    r = await client.post("/v1/events", json=make_record(1, sources=[{"url": "javascript:alert(1)"}]))
    assert r.status == 422 and r.content_type == "application/problem+json"
    assert [e["path"] for e in (await r.json())["errors"]] == ["$.sources[0].url"]
    r = await client.post("/v1/events/batch", json=[make_record(2), make_record(3, sources=[{"url": "data:,x"}])])
    assert r.status == 422 and [e["path"] for e in (await r.json())["errors"]] == ["$[1].sources[0].url"]
    assert (await (await client.get("/v1/log?after=0")).json())["records"] == []
