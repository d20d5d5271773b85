"""ISO 3166-1 alpha-2 countries with English and Korean names from CLDR (babel), never typed by hand."""

from __future__ import annotations

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
