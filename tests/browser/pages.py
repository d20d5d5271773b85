"""Helpers the browser tests share: open a view and wait until the page has rendered it."""

from __future__ import annotations

from urllib.parse import urlsplit


def open_view(page, address: str):
    """Go to `address` and wait until the page has finished rendering that view."""
    response = page.goto(address)
    wait_view(page, address)
    return response


def wait_view(page, address: str) -> None:
    page.wait_for_selector(f'body[data-ready="true"][data-view="{address}"]', state="attached", timeout=20000)


def address(page) -> str:
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def ids(page, scope: str = "#timeline") -> list[str]:
    return page.locator(f"{scope} .event").evaluate_all("es => es.map(e => e.dataset.id)")


def api_ids(services, code: str, **params) -> list[str]:
    r = services.api.get(f"/v1/countries/{code}/timeline", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return [i["id"] for i in r.json()["items"]]
