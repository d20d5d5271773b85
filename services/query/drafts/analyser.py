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
                     r"(?<!\bJan)(?<!\bFeb)(?<!\bMar)(?<!\bApr)(?<!\bJun)(?<!\bJul)(?<!\bAug)(?<!\bSep)(?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)"
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
    parts = [(s.start, s.end, list(s.tokens)) for s in kiwi().split_into_sents(line, return_tokens=True)]
    merged: list[tuple[int, int, list]] = []
    for start, end, toks in parts:
        if merged and merged[-1][1] == start and start > 0 and line[start - 1].isalnum() and line[start].isalnum():
            # "요르단 하심|응용과학연구소가 …": a cut inside a word is no sentence's end (a name read as a verb's ending)
            merged[-1] = (merged[-1][0], end, merged[-1][2] + toks)
        else:
            merged.append((start, end, toks))
    for s_start, s_end, raw in merged:
        start, end = _trim(line, s_start, s_end)
        if start >= end:
            continue
        toks = tuple(Token(t.form, t.tag, offset + t.start, offset + t.start + t.len) for t in raw)
        toks = _ending_inside_word(toks, line, offset)
        out.append(Sentence(offset + start, offset + end, line[start:end], _without_weekdays(toks), para, "ko"))
    return out


def _ending_inside_word(toks: tuple[Token, ...], line: str, offset: int) -> tuple[Token, ...]:
    """"하심응용과학연구소": a sentence's ending (EF) inside a word, before a noun of that word, is a misread name: the
    verb and its endings before the noun are one proper noun."""
    out = list(toks)
    i = 0
    while i < len(out) - 1:
        t, nxt = out[i], out[i + 1]
        if t.tag in ("JKS", "JX", "JKO") and i > 0 and out[i - 1].tag in ("NNP", "NNG") and out[i - 1].end == t.start \
                and len(out[i - 1].form) == 1 and t.end == nxt.start and nxt.tag.startswith("NN"):
            # "라트비아 리가응용과학대학": a particle never ends a word's inside ("리" + "가"); the two are one name (a
            # lone syllable before it only: "정부가지원하는", a space left out, keeps its subject)
            a, b = out[i - 1].start, t.end
            out[i - 1:i + 1] = [Token(line[a - offset:b - offset], "NNP", a, b)]
            continue
        if t.tag == "EF" and t.end == nxt.start and nxt.tag.startswith("NN"):
            j = i
            while j > 0 and out[j - 1].tag.startswith(("V", "E", "X")) and out[j - 1].end >= out[j].start:
                j -= 1
            if out[j].tag.startswith("V"):
                a, b = out[j].start, t.end
                out[j:i + 1] = [Token(line[a - offset:b - offset], "NNP", a, b)]
                i = j
        i += 1
    return tuple(out)


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
