"""ISO 3166-1 alpha-2 countries with English and Korean names from CLDR (babel), never typed by hand."""

from __future__ import annotations

import re
from functools import cache

import pycountry
from babel import Locale

CODES = frozenset(c.alpha_2 for c in pycountry.countries)  # the ISO 3166-1 alpha-2 codes, upper-case
_EN = Locale("en").territories
_KO = Locale("ko").territories


def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code (upper-case)."""
    return code in CODES


def normalise(code: str) -> str | None:
    """Upper-cased code if it is ISO 3166-1 alpha-2, else None (input is case-insensitive)."""
    up = code.upper()
    return up if up in CODES else None


def name_en(code: str) -> str:
    return _EN.get(code) or pycountry.countries.get(alpha_2=code).name


def name_ko(code: str) -> str:
    return _KO.get(code) or name_en(code)


@cache
def all_countries() -> list[dict[str, str]]:
    return [{"code": c, "name_en": name_en(c), "name_ko": name_ko(c)} for c in sorted(CODES)]


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


@cache
def _names() -> tuple[tuple[str, str], ...]:
    """(folded name, code) for every English and Korean CLDR name, ISO name and alpha-3 code."""
    out = set()
    for c in pycountry.countries:
        for name in (_EN.get(c.alpha_2), _KO.get(c.alpha_2), c.name, getattr(c, "official_name", None),
                     getattr(c, "common_name", None), c.alpha_3):
            if name:
                out.add((_fold(name), c.alpha_2))
    return tuple(sorted(out))


def suggest(text: str, limit: int = 3) -> list[str]:
    """Codes whose country a name (`Korea`, `벨라루스`, `KOR`) may mean: exact names first, else
    names that contain it; at most `limit`, in code order."""
    q = _fold(text)
    if len(q) < 2:
        return []
    found = sorted({c for n, c in _names() if n == q})
    if not found and (len(q) >= 3 or not q.isascii()):  # "zz" would be in too many names
        found = sorted({c for n, c in _names() if q in n})
    return found[:limit]


def not_a_code(raw: str) -> str:
    """The message for a value that is not an ISO 3166-1 alpha-2 code, suggesting the code(s) meant."""
    message = f"{raw!r} is not an ISO 3166-1 alpha-2 country code"
    codes = suggest(raw) if isinstance(raw, str) else []
    if codes:
        message += "; did you mean " + " or ".join(f"{c} ({name_en(c)})" for c in codes) + "?"
    return message
