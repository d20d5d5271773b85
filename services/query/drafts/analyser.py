"""Sentences and morphemes of an article: Kiwi (kiwipiepy) for Korean, a light splitter for English.

The Kiwi model (a few hundred MB) loads once per process, on first use or by `warm_up()`.
Kiwi splits Korean sentences and tags morphemes (NNG/NNP nouns, VV verbs, XSV 하다/되다, ...)
with their offsets in the text; English sentences, which Kiwi does not split, are cut at
sentence punctuation followed by a capital, sparing common abbreviations.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

_lock = threading.Lock()
_kiwi = None


def kiwi():
    """The process's one Kiwi instance (thread-safe lazy load)."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


def warm_up() -> None:
    kiwi().tokenize("모델을 미리 읽어 둔다.")


@dataclass(frozen=True, slots=True)
class Token:
    form: str  # the lemma (Kiwi) or the word (English)
    tag: str  # Kiwi's tag; 'W' for an English word, 'P' for punctuation
    start: int  # offsets in the whole text
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    paragraph: int
    lang: str  # 'ko' | 'en'


_HANGUL = re.compile(r"[가-힣]")
_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (and closing quotes) followed by space and an upper-case letter,
# a digit or a quote, unless the period ends a common abbreviation or an initial.
_EN_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bCo)(?<!\bvs)(?<!\bJr)"
                     r"(?<!\bInc)(?<!\bLtd)(?<!\bMrs)(?<!\bProf)(?<!\bGov)(?<!\bGen)(?<!\bCorp)"
                     r"(?<!\bJan)(?<!\bFeb)(?<!\bAug)(?<!\bSep)(?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)"
                     r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’&.-]*[A-Za-z0-9]|[A-Za-z]|\d+(?:[.,]\d+)*|[^\sA-Za-z0-9]")


def language(text: str) -> str:
    """'ko' when Hangul makes up a tenth of the letters, else 'en'."""
    letters = sum(1 for c in text[:5000] if c.isalpha())
    return "ko" if letters and len(_HANGUL.findall(text[:5000])) / letters >= 0.1 else "en"


def sentences(text: str) -> list[Sentence]:
    """The article's sentences in order, each with its tokens and paragraph number (a line)."""
    out: list[Sentence] = []
    for para, m in enumerate(_PARAGRAPH.finditer(text)):
        line = m.group()
        if not line.strip():
            continue
        if _HANGUL.search(line):
            out.extend(_korean(line, m.start(), para))
        else:
            out.extend(_english(line, m.start(), para))
    return out


def _korean(line: str, offset: int, para: int) -> list[Sentence]:
    out = []
    for s in kiwi().split_into_sents(line, return_tokens=True):
        start, end = _trim(line, s.start, s.end)
        if start >= end:
            continue
        toks = tuple(Token(t.form, t.tag, offset + t.start, offset + t.start + t.len) for t in s.tokens)
        out.append(Sentence(offset + start, offset + end, line[start:end], _without_weekdays(toks), para, "ko"))
    return out


def _without_weekdays(toks: tuple[Token, ...]) -> tuple[Token, ...]:
    """"17일(수)": the weekday in brackets belongs to the date, not to the nouns around it."""
    drop: set[int] = set()
    for i in range(1, len(toks) - 1):
        if toks[i].form in _WEEKDAYS and toks[i - 1].form == "(" and toks[i + 1].form == ")" \
                and toks[i - 1].end == toks[i].start and toks[i].end == toks[i + 1].start:
            drop |= {i - 1, i, i + 1}
    return tuple(t for i, t in enumerate(toks) if i not in drop) if drop else toks


_WEEKDAYS = set("월화수목금토일")


def _english(line: str, offset: int, para: int) -> list[Sentence]:
    out, pos = [], 0
    cuts = [m.end() for m in _EN_END.finditer(line)] + [len(line)]
    for cut in cuts:
        start, end = _trim(line, pos, cut)
        pos = cut
        if start >= end:
            continue
        toks = tuple(Token(w.group(), "P" if not w.group()[0].isalnum() else "W", offset + start + w.start(),
                           offset + start + w.end()) for w in _EN_WORD.finditer(line[start:end]))
        out.append(Sentence(offset + start, offset + end, line[start:end], toks, para, "en"))
    return out


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
