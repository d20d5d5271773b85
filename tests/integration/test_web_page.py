"""The web page's files as the query service serves them (no browser): content types, the
security headers, no way out of static/, and the page's own rules (no inline code, no CDN,
no innerHTML). The server-rendered first view is tested in test_web_page_render.py; the page
in Chromium in tests/browser/."""

from __future__ import annotations

import asyncio
import re

import pytest

from services.query import web_page
from shared.web import SECURITY_HEADERS
from tests.integration.query_pair import running_pair

STATIC = web_page.STATIC


@pytest.fixture
async def query(tmp_path):
    async with running_pair(tmp_path) as p:
        yield p.query


def assert_security_headers(headers) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


async def test_the_page_is_html_with_the_security_headers(query):
    for path in ("/", "/?country=BY&partner=KR&lang=en"):
        r = await query.get(path)
        assert r.status == 200
        assert r.headers["Content-Type"] == "text/html; charset=utf-8"
        assert_security_headers(r.headers)
        assert '<script src="/static/app.js" type="module">' in await r.text()


@pytest.mark.parametrize("name, ctype", [
    ("app.js", "text/javascript; charset=utf-8"),
    ("events.js", "text/javascript; charset=utf-8"),
    ("app.css", "text/css; charset=utf-8"),
    ("texts.json", "application/json"),
    ("favicon.svg", "image/svg+xml"),
    ("vendor/vis-timeline/vis-timeline-graph2d.min.js", "text/javascript; charset=utf-8"),
    ("vendor/vis-timeline/vis-timeline-graph2d.min.css", "text/css; charset=utf-8"),
    ("vendor/vis-timeline/LICENSE.MIT.txt", "text/plain; charset=utf-8"),
    ("vendor/moment/moment.min.js", "text/javascript; charset=utf-8"),
    ("vendor/vis-data/vis-data.min.js", "text/javascript; charset=utf-8"),
    ("vendor/js-sha256/sha256.min.mjs", "text/javascript; charset=utf-8"),
])
async def test_static_files_have_their_content_type(query, name, ctype):
    r = await query.get(f"/static/{name}")
    assert r.status == 200
    assert r.headers["Content-Type"] == ctype
    assert_security_headers(r.headers)
    assert await r.read() == (STATIC / name).read_bytes()


async def test_head_works_for_the_page(query):
    r = await query.head("/")
    assert r.status == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"


async def _raw_status(port: int, target: str) -> tuple[int, str]:
    """Send `target` byte for byte (HTTP clients normalise `..` away before sending)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    response = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode(errors="replace")


@pytest.mark.parametrize("target", [
    "/static/../app.py", "/static/..%2Fapp.py", "/static/%2e%2e%2fapp.py", "/static/..%5Capp.py",
    "/static/../../shared/web.py", "/static/%2e%2e/web_page.py", "/static/", "/static/nope.js",
    "/static/.%2e", "/static/app.js%00.css", "/static/app.py", "/static/web_page.py",
    "/static/vendor/../app.js/../../app.py", "/static/vendor/..%2F..%2Fapp.py", "/static/vendor/vis-timeline/../../../app.py",
    "/static/vendor/vis-timeline/LICENSE.md", "/static/vendor/vis-timeline/vis-timeline-graph2d.min.js.map",
    "/static/vendor/README.md", "/static/vendor/vis-timeline", "/static/index.html", "/static/../web_page/page.html",
])
async def test_nothing_outside_static_is_served(query, target):
    status, body = await _raw_status(query.server.port, target)
    assert status == 404, (target, status)
    assert "import" not in body and "def " not in body


def test_static_table_holds_only_the_page_files():
    own = {p.name for p in STATIC.iterdir() if p.suffix in (".js", ".css", ".svg", ".json")}
    assert own >= {"app.js", "app.css", "favicon.svg", "texts.json", "events.js", "axis.js"}
    vendored = {f"vendor/{p.parent.name}/{p.name}" for p in STATIC.glob("vendor/*/*") if p.suffix in (".js", ".mjs", ".css", ".txt")}
    assert set(web_page.FILES) == own | vendored
    assert all(web_page.FILES[name][0].resolve().is_relative_to(STATIC.resolve()) for name in web_page.FILES)


def test_vendored_packages_carry_their_licences():
    for package in ("vis-timeline", "vis-data", "moment"):
        folder = STATIC / "vendor" / package
        assert any(p.name.startswith("LICENSE") for p in folder.iterdir()), package
    assert "vis-timeline" in (STATIC / "vendor" / "README.md").read_text(encoding="utf-8")


async def test_the_page_has_no_inline_code_and_no_external_resources(query):
    r = await query.get("/?country=BY&partner=KR&kind=signing&lang=en")
    html = await r.text()
    js = "\n".join(p.read_text(encoding="utf-8") for p in sorted(STATIC.glob("*.js")))
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    # every <script> has a src and is empty; no style attributes, no <style>, no on* handlers
    assert all('src="/static/' in tag for tag in re.findall(r"<script[^>]*>", html))
    assert not re.search(r"<script[^>]*>[^<]+</script>", html)
    assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html, re.I)
    # no CDN: the only absolute URL anywhere is the SVG namespace name
    for text in (html, js, css):
        urls = set(re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"')]*", text, re.I))
        assert urls <= {"http://www.w3.org/2000/svg"}, urls
    # data reaches the DOM as text only
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", js)
    # the font stack names the CJK fonts of each platform
    for font in ("Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic"):
        assert f'"{font}"' in css
