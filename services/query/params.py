"""Query-parameter parsing for the reads (DESIGN §6, §9): every bad value is a 422 naming it."""

from __future__ import annotations

import base64
import datetime
import re
from collections.abc import Mapping

import msgspec

from services.query.projections.country_timeline import Filters
from services.query.projections.state import OPEN_END
from shared import countries, edtf
from shared.problems import Problem
from shared.record import ID_PATTERN, ORG_PATTERN
from shared.vocabulary import KINDS, SECTORS, STATUSES

MAX_LIMIT, DEFAULT_LIMIT = 1000, 100
MAX_POSITION = 2**62
_RELEASE = re.compile(ID_PATTERN)
_INT = re.compile(r"^[0-9]{1,19}\Z")
_RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})\Z")


def invalid(name: str, message: str) -> Problem:
    return Problem(422, f"{name}: {message}", errors=[{"path": f"query.{name}", "message": message}])


def choice(q: Mapping[str, str], name: str, choices, default: str | None = None) -> str | None:
    value = q.get(name)
    if value is None:
        return default
    if value not in choices:
        raise invalid(name, f"expected one of {', '.join(choices)}, got {value!r}")
    return value


def integer(q: Mapping[str, str], name: str, default: int | None, lo: int, hi: int) -> int | None:
    raw = q.get(name)
    if raw is None:
        return default
    if not _INT.match(raw) or not lo <= int(raw) <= hi:
        raise invalid(name, f"expected an integer from {lo} to {hi}, got {raw!r}")
    return int(raw)


def country_param(q: Mapping[str, str], name: str) -> str | None:
    raw = q.get(name)
    if raw is None:
        return None
    code = countries.normalise(raw) if re.fullmatch(r"[A-Za-z]{2}", raw) else None
    if code is None:
        raise invalid(name, countries.not_a_code(raw))
    return code


def as_of(q: Mapping[str, str]) -> int | str | None:
    """A log position (int) or a UTC time in the log's own format (str), or None."""
    raw = q.get("as_of")
    if raw is None:
        return None
    if _INT.match(raw):
        return integer(q, "as_of", None, 0, MAX_POSITION)
    # RFC 3339's date-time and nothing else: fromisoformat alone also takes ISO week dates,
    # ordinal dates, basic format and more, so the shape is checked first.
    if _RFC3339.match(raw):
        try:
            when = datetime.datetime.fromisoformat(raw.upper())
            utc = when.astimezone(datetime.UTC).replace(tzinfo=None)
            return utc.isoformat(timespec="microseconds") + "Z"  # the log's own format
        except (ValueError, OverflowError):  # 2026-02-30, hour 24, a leap second
            pass
    raise invalid("as_of", f"expected a log position or an RFC 3339 time with an offset, got {raw!r}")


def release(q: Mapping[str, str]) -> str | None:
    """A release name (the record id pattern); never together with as_of, which it stands for."""
    raw = q.get("release")
    if raw is None:
        return None
    if "as_of" in q:
        raise invalid("release", "give release or as_of, not both (a release is an as_of position)")
    if not _RELEASE.fullmatch(raw):  # fullmatch: `$` alone lets a trailing newline through
        raise invalid("release", f"expected a release name ({ID_PATTERN}), got {raw!r}")
    return raw


def filters(q: Mapping[str, str], *, default_status: str | None) -> Filters:
    window = None
    lo_raw, hi_raw = q.get("from"), q.get("to")
    try:
        lo = edtf.parse_bound(lo_raw)[0].isoformat() if lo_raw is not None else None
    except edtf.EDTFError as exc:
        raise invalid("from", str(exc)) from None
    try:
        hi = edtf.parse_bound(hi_raw)[1].isoformat() if hi_raw is not None else None
    except edtf.EDTFError as exc:
        raise invalid("to", str(exc)) from None
    if lo is not None and hi is not None and lo > hi:
        raise invalid("from", f"from ({lo_raw}) is after to ({hi_raw})")
    if lo is not None or hi is not None:
        window = (lo or "0000-00-00", hi or OPEN_END)
    status = choice(q, "status", (*STATUSES, "all"), default_status)
    return Filters(
        partner=country_param(q, "partner"),
        window=window,
        match=choice(q, "match", ("overlap", "within"), "overlap"),
        kind=choice(q, "kind", tuple(KINDS)),
        status=None if status == "all" else status,
        sector=choice(q, "sector", tuple(SECTORS)),
        org=org_param(q, "org"),
        terms=terms(q),
    )


# An organisation: a recorded `org`, or the id derived from a country and a name.
ORG = re.compile(ORG_PATTERN[1:-1] + r"|name:[a-z]{2}:[0-9a-f]{16}")  # used with fullmatch


def org_param(q: Mapping[str, str], name: str) -> str | None:
    raw = q.get(name)
    if raw is not None and not ORG.fullmatch(raw):
        raise invalid(name, f"not an organisation id (Q…, ror:…, cc.slug or name:cc:…), got {raw!r}")
    return raw


MAX_TERMS, MAX_Q = 10, 200


def terms(q: Mapping[str, str]) -> tuple[str, ...]:
    """`q`: words separated by white space, lower-cased, each once; every one must be found."""
    raw = q.get("q")
    if raw is None:
        return ()
    words = tuple(dict.fromkeys(raw.lower().split()))
    if "\x00" in raw:  # no text column holds one (PostgreSQL refuses it)
        raise invalid("q", "a NUL character is not text")
    if len(raw) > MAX_Q or len(raw.split()) > MAX_TERMS:
        raise invalid("q", f"at most {MAX_TERMS} words and {MAX_Q} characters")
    # One-character words (`날` of `과학의 날`) only narrow what a longer word finds.
    if not any(len(w) >= 2 for w in words):
        raise invalid("q", f"at least one word of 2 or more characters, got {raw!r}")
    return words


def encode_cursor(key: tuple[str, str, int]) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(list(key))).decode().rstrip("=")


def decode_cursor(q: Mapping[str, str]) -> tuple[str, str, int] | None:
    raw = q.get("cursor")
    if raw is None:
        return None
    try:
        start, end, pos = msgspec.json.decode(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        # a position past what a log can hold (2^63 overflows the stores' integers) is no cursor
        if isinstance(start, str) and isinstance(end, str) and type(pos) is int and 0 <= pos <= MAX_POSITION:
            return start, end, pos
    except Exception:
        pass
    raise invalid("cursor", "not a cursor from a previous page's next_cursor")
