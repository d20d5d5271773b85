"""The drafts view at `/drafts`: paste an article, review the drafts of `POST /v1/drafts` as
editable cards, submit the ticked ones to the ingest service (docs/web-page.md, "Drafts").

The server renders the frame (form, labels, the ingest service's address); `static/drafts.js`
does the rest in the browser, since drafting and submitting need the writer token, which only
the person's browser holds. The page submits to the ingest service directly, so its
Content-Security-Policy adds that one origin to `connect-src`; everything else stays as on `/`.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from aiohttp import web

from services.query.web_page import words
from shared.settings import Settings
from shared.web import SECURITY_HEADERS


def ingest_address(settings: Settings) -> str:
    """Where browsers reach the ingest service: COOPLINE_INGEST_PUBLIC_URL, else COOPLINE_INGEST_URL."""
    return settings.ingest_public_url or settings.ingest_url


def security_headers(ingest: str) -> dict[str, str]:
    """The shared headers, with the ingest service's origin allowed for fetch (nothing else)."""
    parts = urlsplit(ingest)
    csp = SECURITY_HEADERS["Content-Security-Policy"].replace(
        "default-src 'self';", f"default-src 'self'; connect-src 'self' {parts.scheme}://{parts.netloc};", 1)
    return {**SECURITY_HEADERS, "Content-Security-Policy": csp}


def canonical(query) -> str | None:
    """`/drafts` or `/drafts?lang=en`; None when the address already is that."""
    target = "?lang=en" if query.get("lang") == "en" else ""
    return None if list(query.items()) == ([("lang", "en")] if target else []) else f"/drafts{target}"


def context(lang: str, settings: Settings) -> dict:
    return {"lang": lang, "view": "drafts", "t": SimpleNamespace(**words.TEXTS[lang]),
            "lang_links": {"ko": "/drafts", "en": "/drafts?lang=en"}, "ingest_url": ingest_address(settings)}


def headers(settings: Settings, content_type: str) -> dict[str, str]:
    # no-cache as for every page file; no-store is not needed: the page holds no record or token
    return {**security_headers(ingest_address(settings)), "Content-Type": content_type, "Cache-Control": "no-cache"}


def redirect(location: str) -> web.Response:
    return web.Response(status=303, headers={**SECURITY_HEADERS, "Location": location})
