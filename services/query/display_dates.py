"""Readable dates for the TimelineJS export, in the view's language (`ko` or `en`).

The record's EDTF text (`2014-09?`, `2011/..`, `../2023`) is exact but not for people:
`2014년 9월경` / `c. September 2014`, `2011년부터` / `from 2011`. Month and day names and the
order of their parts come from CLDR through babel, not from strings typed here.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel.dates import format_date, format_interval, format_skeleton

from shared import edtf

LANGS = ("ko", "en")
_SKELETON = {"year": "y", "month": "yMMMM"}
_CIRCA = {"ko": "{}경", "en": "c. {}"}
_FROM = {"ko": "{}부터", "en": "from {}"}
_UNDATED = {"ko": "날짜 미상 · {} 이전", "en": "undated · by {}"}
_RANGE = {"ko": "{} ~ {}", "en": "{} – {}"}
_DECADE = {"ko": "{}년대", "en": "the {}s"}


def _plain(day: datetime.date, precision: str, lang: str) -> str:
    if precision == "day":
        return format_date(day, "long", locale=lang)
    return format_skeleton(_SKELETON[precision], day, locale=lang)


def _one(text: str, lang: str) -> str:
    """One EDTF date (no interval) in words."""
    when = edtf.parse(text)
    core = text.rstrip("?~%")
    if core[2] == "X":  # 20XX: a century, said as its span of years
        span = f"{when.start.year}–{when.end.year}"
        words = f"{span}년" if lang == "ko" else span
    elif core[3] == "X":  # 201X: a decade
        words = _DECADE[lang].format(when.start.year)
    else:
        words = _plain(when.start, when.precision, lang)
    return _CIRCA[lang].format(words) if core != text else words


@lru_cache(maxsize=8192)  # a timeline repeats the same dates; CLDR formatting is not free
def readable(text: str, lang: str = "ko") -> str:
    """`text` (an accepted EDTF date or interval) as a person would write it in `lang`."""
    first, slash, second = text.partition("/")
    if not slash:
        return _one(text, lang)
    if first == "..":
        return _UNDATED[lang].format(_one(second, lang))
    if second == "..":
        return _FROM[lang].format(_one(first, lang))
    a, b = edtf.parse(first), edtf.parse(second)
    plain = first[-1] not in "?~%" and second[-1] not in "?~%" and "X" not in text
    if plain and a.precision == b.precision and a.precision != "day":
        return format_interval(a.start, b.start, _SKELETON[a.precision], locale=lang)
    if plain and a.precision == b.precision == "day":
        return format_interval(a.start, b.start, "yMMMd", locale=lang)
    return _RANGE[lang].format(_one(first, lang), _one(second, lang))
