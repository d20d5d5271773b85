"""The page's words for the first view, rendered by the server: the plain strings of
`static/texts.json` (shared with the scripts) and the Python twins of what `static/i18n.js` and
`static/dates.js` compute (counts, year spans, EDTF dates in words)."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from babel.dates import format_date, format_skeleton

TEXTS: dict[str, dict[str, str]] = json.loads(
    (Path(__file__).parent.parent / "static" / "texts.json").read_text(encoding="utf-8"))
LOCALES = {"ko": "ko_KR", "en": "en_GB"}
_PART = re.compile(r"^(\d{2}[\dX]{2})(?:-([\dX]{2}))?(?:-([\dX]{2}))?([?~%])?$")


def events(lang: str, n: int) -> str:
    return f"사건 {n}건" if lang == "ko" else f"{n} event{'' if n == 1 else 's'}"


def years(lang: str, a: str, b: str) -> str:
    if lang == "ko":
        return f"{a}년" if a == b else f"{a}–{b}년"
    return a if a == b else f"{a}–{b}"


def status_counts(lang: str, counts: list[tuple[str, int]]) -> str:
    words = TEXTS[lang]
    if lang == "ko":
        return ", ".join(f"{words[s]} {n}건" for s, n in counts) + " 포함"
    return "including " + ", ".join(f"{n} {words[s]}" for s, n in counts)


def undated(lang: str, year: str) -> str:
    """The heading of the group of open-start events (`../B`): B is the latest such end."""
    return f"날짜 미상 · {year}년 이전" if lang == "ko" else f"Undated · before {int(year) + 1}"


def position(lang: str, p: int | str) -> str:
    return f"로그 위치 {p}" if lang == "ko" else f"log position {p}"


def as_of_shown(lang: str, as_of: str, release: str) -> str:
    """The point the page shows: a release by name, a position in words, or a time as given."""
    if release:
        return f"릴리스 {release}" if lang == "ko" else f"release {release}"
    return position(lang, as_of) if as_of.isdigit() else as_of


def as_of_active(lang: str, shown: str) -> str:
    if lang == "ko":
        return f"{shown} 시점에 알려진 대로 보고 있습니다. 그 뒤의 기록은 빠져 있습니다."
    return f"Showing what was known at {shown}; anything recorded later is left out."


def _part(lang: str, text: str) -> str:
    m = _PART.match(text)
    if not m:
        return text
    y, mo, day, q = m.groups()
    ko = lang == "ko"
    if y.endswith("XX"):
        c = int(y[:2] + "00")
        out = f"{c}–{c + 99}년" if ko else f"{c}–{c + 99}"
    elif y.endswith("X"):
        out = f"{y[:3]}0년대" if ko else f"the {y[:3]}0s"
    elif not mo or "X" in mo:
        out = f"{y}년" if ko else y
    elif not day or "X" in day:
        out = format_skeleton("yMMMM", datetime.date(int(y), int(mo), 1), locale=LOCALES[lang])
    else:
        out = format_date(datetime.date(int(y), int(mo), int(day)), "long", locale=LOCALES[lang])
    if q in ("~", "%"):  # uncertainty ("?") is shown by its badge
        return f"{out}경" if ko else f"c. {out}"
    return out


def human_date(lang: str, edtf: str) -> str:
    a, slash, b = edtf.partition("/")
    if not slash:
        return _part(lang, a)
    if b in ("..", ""):
        return f"{_part(lang, a)} 이후" if lang == "ko" else f"{_part(lang, a)} onwards"
    if a in ("..", ""):
        return f"{_part(lang, b)} 이전" if lang == "ko" else f"until {_part(lang, b)}"
    return f"{_part(lang, a)} – {_part(lang, b)}"
