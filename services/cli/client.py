"""HTTP access to both services: base URLs, the bearer token, problem+json turned into one line."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx

from services.cli.errors import CliError

DEFAULT_INGEST_URL = "http://127.0.0.1:8081"
DEFAULT_QUERY_URL = "http://127.0.0.1:8082"
_RETRY_STATUSES = {502, 503, 504}


@dataclass(frozen=True)
class Endpoints:
    ingest_url: str = DEFAULT_INGEST_URL
    query_url: str = DEFAULT_QUERY_URL
    token: str | None = None


def problem_line(resp: httpx.Response, where: dict[int, str] | None = None) -> str:
    """`422 Unprocessable Content: the body is not a valid request — $[3].date: …` from any error response.

    `where` maps a batch index to the place it came from (a file and line), so that `$[3]`
    reads as the user's own line rather than an index into an array they never saw.
    """
    try:
        body = resp.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        text = " ".join(resp.text.split())[:200]
        return f"{resp.status_code} {resp.reason_phrase}" + (f": {text}" if text else "")
    line = f"{body.get('status', resp.status_code)} {body.get('title') or resp.reason_phrase}"
    if body.get("detail"):
        line += f": {body['detail']}"
    errors = body.get("errors") or []
    if errors and isinstance(errors[0], dict):
        path, message = str(errors[0].get("path", "")), str(errors[0].get("message", ""))
        if message and message in str(body.get("detail", "")) and not (where and path.startswith("$[")):
            pass  # the detail already says it
        else:
            line += f" — {_locate(path, where)}: {message}"
        if len(errors) > 1:
            line += f" (and {len(errors) - 1} more)"
    return " ".join(line.split())  # never more than one line


def _locate(path: str, where: dict[int, str] | None) -> str:
    if not where or not path.startswith("$["):
        return path
    index, _, rest = path[2:].partition("]")
    try:
        origin = where[int(index)]
    except (ValueError, KeyError):
        return path
    return f"{origin} ({'$' + rest if rest else 'the event'})"


class Api:
    """A thin client of both services; every failure becomes a CliError with one line."""

    def __init__(self, endpoints: Endpoints, timeout: float = 60.0, transport: httpx.BaseTransport | None = None):
        self.endpoints = endpoints
        headers = {"User-Agent": "coopline-cli"}
        if endpoints.token:
            headers["Authorization"] = f"Bearer {endpoints.token}"
        self._http = httpx.Client(headers=headers, timeout=timeout, transport=transport)

    def __enter__(self) -> Api:
        return self

    def __exit__(self, *exc) -> None:
        self._http.close()

    def base(self, service: str) -> str:
        url = self.endpoints.ingest_url if service == "ingest" else self.endpoints.query_url
        return url.rstrip("/")

    def request(self, service: str, method: str, path: str, *, where: dict[int, str] | None = None,
                retries: int = 0, ok: tuple[int, ...] = (), **kw: Any) -> httpx.Response:
        """Send; a 4xx/5xx (other than those in `ok`) raises CliError with the problem as one line.

        `retries` is for requests that are safe to repeat (reads, and writes carrying ids):
        dropped connections and 502/503/504 are retried with a growing pause.
        """
        url = self.base(service) + path
        for attempt in range(retries + 1):
            last = attempt == retries
            try:
                resp = self._http.request(method, url, **kw)
            except httpx.ConnectError as exc:
                raise CliError(f"cannot reach the {service} service at {self.base(service)} ({_reason(exc)}); "
                               f"is it running? `coopline up` starts both services") from None
            except httpx.TimeoutException:
                if last:
                    raise CliError(f"the {service} service at {self.base(service)} did not answer in time") from None
            except httpx.TransportError as exc:
                if last:
                    raise CliError(f"the connection to the {service} service at {self.base(service)} failed: {_reason(exc)}") from None
            else:
                if resp.status_code in _RETRY_STATUSES and not last:
                    pass
                elif resp.status_code >= 400 and resp.status_code not in ok:
                    hint = " [set COOPLINE_TOKEN or pass --token]" if resp.status_code == 401 else ""
                    raise CliError(f"{service} service: {problem_line(resp, where)}{hint}")
                else:
                    return resp
            time.sleep(min(0.5 * 2 ** attempt, 5.0))
        raise AssertionError("unreachable")

    def get_json(self, service: str, path: str, **kw: Any) -> Any:
        return self.request(service, "GET", path, retries=2, **kw).json()


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "refused" in text.lower():
        return "connection refused"
    return " ".join(text.split())
