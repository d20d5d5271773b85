"""Countries and cities named in an article, from CLDR (babel), in Korean and English.

Country names come from CLDR's territory names in both languages; cities from CLDR's
exemplar cities of time zones (모스크바, 블라디보스토크, Toronto) mapped to their territory.
On top sit the forms CLDR does not list but news uses: the one-syllable Korean and hanja
abbreviations of compounds ("한-러", "韓"), English demonyms ("Korean", "Danish"), common
short forms ("UAE", "UK") and country groups ("Visegrad countries"). Cities CLDR does not list
come last, from the gazetteer (`gazetteer.py`: GeoNames' cities, in Hangul and English).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry
from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

from services.query.drafts import gazetteer
from shared import countries

# Short forms CLDR does not carry (its names are "대한민국", "United Arab Emirates", ...).
_ALIASES = {
    "한국": "KR", "우리나라": "KR", "남한": "KR", "Korea": "KR", "Republic of Korea": "KR", "ROK": "KR",
    "UAE": "AE", "U.A.E.": "AE", "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB",
    "US": "US", "U.S.": "US", "USA": "US", "America": "US", "Russian Federation": "RU", "북한": "KP",
    "North Korea": "KP", "DPRK": "KP", "Czech Republic": "CZ", "체코": "CZ", "Holland": "NL", "Türkiye": "TR",
    "뉴질랜드": "NZ", "중국": "CN", "일본": "JP", "대만": "TW", "홍콩": "HK", "베트남": "VN",
    # Korean press names that differ from CLDR's Korean ones
    "호주": "AU", "터키": "TR", "남아공": "ZA", "남아프리카공화국": "ZA", "그루지야": "GE", "사우디": "SA",
    "인니": "ID", "카자흐": "KZ", "우즈벡": "UZ", "키르기즈스탄": "KG", "키르기스": "KG", "아랍에미리트연합": "AE", "미얀마": "MM",
    # the press's short 도미니카 is the Dominican Republic (CLDR's 도미니카 is Dominica, 도미니카연방 to the press)
    "도미니카": "DO", "도미니카연방": "DM", "도미니카 연방": "DM",
    "Bosnia": "BA", "보스니아": "BA", "세인트빈센트 그레나딘": "VC", "Northern Ireland": "GB", "PNG": "PG",
}
# Continents and regions whose name holds a country's short name ("South America's lithium triangle" is
# not the United States): matched whole so that the short name inside them is not read.
_REGIONS = ("South America", "North America", "Latin America", "Central America", "Americas",
            # … and an ocean or sea named by a country's adjective ("the western Indian Ocean" is not India)
            "Indian Ocean", "Philippine Sea")
_ASEAN = ("BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "VN")
_CENTRAL_ASIA = ("KG", "KZ", "TJ", "TM", "UZ")
_GCC = ("AE", "BH", "KW", "OM", "QA", "SA")
# Members of groups that news names as one party.
GROUPS = {
    "Visegrad": ("CZ", "HU", "PL", "SK"), "Visegrad Group": ("CZ", "HU", "PL", "SK"), "V4": ("CZ", "HU", "PL", "SK"), "비셰그라드": ("CZ", "HU", "PL", "SK"),
    "Nordic countries": ("DK", "FI", "IS", "NO", "SE"), "북유럽 국가": ("DK", "FI", "IS", "NO", "SE"),
    "북유럽 5개국": ("DK", "FI", "IS", "NO", "SE"), "노르딕 5개국": ("DK", "FI", "IS", "NO", "SE"),
    "Nordic five": ("DK", "FI", "IS", "NO", "SE"),
    "Baltic states": ("EE", "LT", "LV"), "발트 3국": ("EE", "LT", "LV"), "Benelux": ("BE", "LU", "NL"),
    "베네룩스": ("BE", "LU", "NL"),
    "ASEAN": _ASEAN, "아세안": _ASEAN, "동남아시아국가연합": _ASEAN,
    "Central Asia": _CENTRAL_ASIA, "Central Asian countries": _CENTRAL_ASIA, "중앙아시아": _CENTRAL_ASIA, "GCC": _GCC, "Gulf Cooperation Council": _GCC, "걸프협력회의": _GCC,
}
# One-syllable abbreviations, read only inside compounds such as 한-러, 한·덴마크, 韓美.
ABBREV = {
    "한": "KR", "북": "KP", "미": "US", "중": "CN", "일": "JP", "러": "RU", "영": "GB", "독": "DE", "불": "FR",
    "프": "FR", "호": "AU", "캐": "CA", "베": "VN", "몽": "MN", "이": "IT", "인": "IN", "덴": "DK", "벨": "BY",
    "韓": "KR", "美": "US", "中": "CN", "日": "JP", "露": "RU", "英": "GB", "獨": "DE", "佛": "FR", "濠": "AU",
}
# Demonyms and adjectives that are not the name plus -n/-an/-ian/-ese/-i.
_DEMONYMS = {
    "Danish": "DK", "Dutch": "NL", "French": "FR", "German": "DE", "Swiss": "CH", "Swedish": "SE",
    "Finnish": "FI", "Polish": "PL", "Turkish": "TR", "British": "GB", "Irish": "IE", "Spanish": "ES",
    "Norwegian": "NO", "Greek": "GR", "Czech": "CZ", "Slovak": "SK", "Thai": "TH", "Filipino": "PH",
    "Emirati": "AE", "Uzbek": "UZ", "Kazakh": "KZ", "Kyrgyz": "KG", "Tajik": "TJ", "Belarusian": "BY",
    "Hungarian": "HU", "Portuguese": "PT", "Icelandic": "IS", "Welsh": "GB", "Scottish": "GB",
    "Vietnamese": "VN", "Lao": "LA", "Luxembourgish": "LU", "New Zealand": "NZ", "Kiwi": "NZ",
    "Bosnian": "BA", "Trinidadian": "TT", "Barbadian": "BB", "Vincentian": "VC",
    # … and the irregular ones of other countries news names ("Salvadoran observatory staff", "Togolese Institute")
    "Salvadoran": "SV", "Salvadorean": "SV", "Salvadorian": "SV", "Togolese": "TG", "Timorese": "TL",
    "East Timorese": "TL", "Ivorian": "CI", "Maldivian": "MV", "Mauritian": "MU", "Seychellois": "SC",
    "Malagasy": "MG", "Burkinabe": "BF", "Burkinabè": "BF", "Cape Verdean": "CV", "Cabo Verdean": "CV",
    "Comorian": "KM", "Djiboutian": "DJ", "Zimbabwean": "ZW", "Burundian": "BI", "Mozambican": "MZ",
    "Nigerien": "NE", "Malian": "ML", "Motswana": "BW", "Swazi": "SZ", "Basotho": "LS",
    "Chilean": "CL", "Panamanian": "PA", "Honduran": "HN", "Haitian": "HT", "Paraguayan": "PY",
    "Uruguayan": "UY", "Peruvian": "PE", "Argentine": "AR", "Argentinian": "AR", "Bahamian": "BS",
    "Belizean": "BZ", "Grenadian": "GD", "Afghan": "AF", "Saudi": "SA", "Burmese": "MM", "Singaporean": "SG",
    "Bruneian": "BN", "Fijian": "FJ", "Laotian": "LA", "Belgian": "BE", "Ukrainian": "UA", "Turkmen": "TM",
    "Canadian": "CA", "Cypriot": "CY", "Monegasque": "MC", "Lebanese": "LB", "Palestinian": "PS",
    "Philippine": "PH", "Marshallese": "MH", "Palauan": "PW", "Nauruan": "NR",
    "Tuvaluan": "TV",
    # (the Dominican Republic's, as news far most often means, not Dominica's)
    "Dominican": "DO",
}
_KOREAN_CITIES = ("부산", "대구", "인천", "광주", "대전", "울산", "세종", "수원", "창원", "경주", "포항", "제주",
                  "판교", "송도", "구로", "Busan", "Daegu", "Incheon", "Gwangju", "Daejeon", "Ulsan", "Sejong",
                  "Pohang", "Jeju", "Pangyo", "Songdo")


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    end: int
    text: str
    codes: tuple[str, ...]
    city: bool = False  # a city, not a country


@cache
def _country_names() -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for locale in ("ko", "en"):
        for code, name in Locale(locale).territories.items():
            if code in countries.CODES and len(name) > 1:
                names.setdefault(name, (code,))
                if locale == "ko" and " " in name:  # CLDR's "도미니카 공화국" is written "도미니카공화국" too
                    names.setdefault(name.replace(" ", ""), (code,))
    # Names joined by "and": CLDR writes "Trinidad & Tobago", "St. Vincent & Grenadines"; news writes
    # "Trinidad and Tobago", "Saint Vincent and the Grenadines" (ISO 3166's short names, those without a comma)
    en = Locale("en").territories
    for code in sorted(countries.CODES):
        iso = pycountry.countries.get(alpha_2=code)
        for name in (en.get(code, ""), iso.name if iso and "," not in iso.name else ""):
            for form in _spelled(name):
                names.setdefault(form, (code,))
    for name, code in _ALIASES.items():
        names[name] = (code,)
    for name, codes in GROUPS.items():
        names[name] = codes
    for name, code in _DEMONYMS.items():
        names[name] = (code,)
    # Korea → Korean, Russia → Russian, China → Chinese, Israel → Israeli; form by form over the codes in
    # order, so that a form two names share goes the same way on every run (Nigeria+n before Niger+ian).
    # Names of several words too ("South African", "Sri Lankan", "Papua New Guinean"): without them the
    # last word's country was found ("Papua New Guinean scientists" as Guinea's)
    forms = (lambda b: b + "n", lambda b: b[:-1] + "an", lambda b: b + "ian", lambda b: b + "ese",
             lambda b: b[:-1] + "ese", lambda b: b + "i")
    for form in forms:
        for code in sorted(countries.CODES):
            base = en.get(code, "")
            if base and re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)*", base):
                names.setdefault(form(base), (code,))
    names["Korean"] = ("KR",)
    # the text is matched with its accents folded and is typed with a straight apostrophe: "Cote d'Ivoire"
    for name, codes in list(names.items()):
        for form in (name.translate(_FOLD), name.translate(_FOLD).replace("’", "'")):
            names.setdefault(form, codes)
    return names


def _spelled(name: str) -> set[str]:
    """A name's spellings in running English: "&" as "and", "St." as "Saint" and "St"."""
    forms = {name, name.replace(" & ", " and ")} if name else set()
    for form in list(forms):
        if form.startswith("St. "):
            forms |= {"Saint " + form[4:], "St " + form[4:]}
    return forms


@cache
def _city_names() -> dict[str, str]:
    cities: dict[str, str] = {}
    for zone, territory in get_global("zone_territories").items():
        if territory not in countries.CODES or territory == "001":
            continue
        for locale in ("ko", "en"):
            try:
                city = get_timezone_location(zone, locale=locale, return_city=True)
            except (KeyError, LookupError, ValueError):
                continue
            if city and len(city) > 1:
                cities.setdefault(city, territory)
    for city in _KOREAN_CITIES:
        cities[city] = "KR"
    return cities


@cache
def _pattern() -> re.Pattern:
    words = sorted(set(_country_names()) | set(_city_names()) | set(_REGIONS), key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words)
    # Latin names stand as whole words; Korean ones may be followed by particles (러시아와, 러시아의).
    # Korean names may start a compound (러시아과학아카데미) but not sit inside a word (분당서울대병원).
    # A name after "New " is another place's ("East New Britain", "New Mexico", "New Jersey"); the countries
    # named so (New Zealand, Papua New Guinea) are matched whole.
    return re.compile(rf"(?<![A-Za-z가-힣])(?<!New )(?:{alts})(?![A-Za-z])")


_COMPOUND = re.compile(r"(?<![가-힣])([한북미중일러영독불프호캐베몽이인덴벨韓美中日露英獨佛濠])\s*[-·‧・.–]\s*"
                       r"([가-힣]{1,6}|[韓美中日露英獨佛濠])|([韓美中日露英獨佛濠])([韓美中日露英獨佛濠])")


_PAIR_WORD = re.compile(r"(?<![가-힣])한([중미일러])(?=\s|간(?![가-힣]))")


def find(text: str) -> list[Place]:
    """Countries and cities named in `text`, left to right (no overlaps)."""
    return list(_find(text))


def foreign(text: str, home: str | None = None) -> list[Place]:
    """The places `text` names that are not Korea's alone (nor, given a `home`, that home's alone):
    a foreign country or city, or a compound with one ("한-폴란드"). Empty: the text names no
    country other than Korea. Every rule that asks whether a text names a foreign country asks here."""
    besides = {"KR", home}
    return [p for p in find(text) if set(p.codes) - besides]


# Accented Latin letters → their base letter, one character for one, so offsets stay put.
_FOLD = {c: unicodedata.normalize("NFKD", chr(c))[0] for c in range(0xC0, 0x250)
         if len(unicodedata.normalize("NFKD", chr(c))) > 1 and unicodedata.normalize("NFKD", chr(c))[0].isascii()}


@lru_cache(maxsize=8192)  # organisation names and words are looked up again and again
def _find(text: str) -> tuple[Place, ...]:
    out: list[Place] = []
    names, cities = _country_names(), _city_names()
    # Compounds first (한-러, 한-우즈베키스탄): the full name inside one is part of the pair.
    for m in _COMPOUND.finditer(text):
        if m[3]:
            codes = (ABBREV[m[3]], ABBREV[m[4]])
            if codes[0] == codes[1]:
                continue  # "韓韓" is no pair
        else:
            group = names.get(m[2]) if m[2] in GROUPS else None
            other = ABBREV.get(m[2]) or names.get(m[2], (None,))[0] or _strip_particle(m[2], names)
            if other is None:
                continue
            codes = (ABBREV[m[1]], *(group or (other,)))
        out.append(Place(m.start(), m.end(), m.group(), codes))
    for m in _PAIR_WORD.finditer(text):  # "한중 공동연구센터", "한미 정상회담": the pair written as one word
        if not any(p.start < m.end() and m.start() < p.end for p in out):
            out.append(Place(m.start(), m.end(), m.group(), ("KR", ABBREV[m[1]])))
    out.sort(key=lambda p: p.start)
    taken = [(p.start, p.end) for p in out]
    regions: list[tuple[int, int]] = []
    folded = text.translate(_FOLD)
    for m in _pattern().finditer(folded):  # São Paulo is CLDR's "Sao Paulo"
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        w = m.group()
        if w in _REGIONS:
            regions.append((m.start(), m.end()))  # a continent: no country, and no city inside it either
            continue
        if w in names:
            out.append(Place(m.start(), m.end(), text[m.start():m.end()], names[w]))
        else:
            out.append(Place(m.start(), m.end(), text[m.start():m.end()], (cities[w],), city=True))
    # Cities CLDR does not list (함부르크, 아헨공과대학교, "to Monterrey"), where CLDR found nothing.
    for start, end, code in gazetteer.find(folded, [(p.start, p.end) for p in out] + regions):
        out.append(Place(start, end, text[start:end], (code,), city=True))
    hanja = re.compile(r"[韓美中日露英獨佛濠]")
    for m in hanja.finditer(text):
        if not any(s <= m.start() < e for s, e in [(p.start, p.end) for p in out]):
            out.append(Place(m.start(), m.end(), m.group(), (ABBREV[m.group()],)))
    out.sort(key=lambda p: p.start)
    return tuple(out)


def _strip_particle(word: str, names: dict) -> str | None:
    for cut in range(len(word) - 1, 0, -1):
        if word[:cut] in names:
            return names[word[:cut]][0]
    return None


def name_ko(code: str) -> str:
    return "한국" if code == "KR" else countries.name_ko(code)


def name_en(code: str) -> str:
    return "Korea" if code == "KR" else countries.name_en(code)
