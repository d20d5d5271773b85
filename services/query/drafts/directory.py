"""The organisations the service already knows — ids, spellings, country, type — indexed for
exact lookup, rapidfuzz lookup (ratio ≥ 88) and scanning a sentence for any of their names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process


@dataclass(frozen=True, slots=True)
class Known:
    """An organisation the service knows: its id, spellings, country and type."""

    org: str
    names: tuple[str, ...]
    country: str
    type: str


class Directory:
    """The known organisations, indexed for exact and fuzzy lookup (built once per request)."""

    def __init__(self, known: list[Known] | None = None):
        self.by_name: dict[str, Known] = {}
        for k in known or []:
            for n in k.names:
                self.by_name.setdefault(n.casefold(), k)
                short = re.fullmatch(r"(.+?)\s*\(([A-Za-z][A-Za-z&]{1,9})\)", n)
                if short:  # "한국과학기술원(KAIST)" is also "한국과학기술원" and "KAIST"
                    self.by_name.setdefault(short.group(1).casefold(), k)
                    self.by_name.setdefault(short.group(2).casefold(), k)
        names = sorted(self.by_name, key=len, reverse=True)
        self._choices = list(self.by_name)
        usable = [n for n in names if len(n) >= 2]
        self._pattern = re.compile("|".join(re.escape(n) for n in usable), re.IGNORECASE) if usable else None

    def lookup(self, name: str) -> Known | None:
        hit = self.by_name.get(name.casefold())
        if hit or not self._choices or len(name) < 3:
            return hit
        best = process.extractOne(name.casefold(), self._choices, scorer=fuzz.ratio, score_cutoff=88)
        return self.by_name[best[0]] if best else None

    def scan(self, text: str, offset: int) -> list[tuple[int, int, Known]]:
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(text):
            before = text[m.start() - 1] if m.start() else " "
            if re.match(r"[A-Za-z]", m.group()[0]) and re.match(r"[A-Za-z]", before):
                continue
            out.append((offset + m.start(), offset + m.end(), self.by_name[m.group().casefold()]))
        return out
