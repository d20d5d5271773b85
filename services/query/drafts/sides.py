"""Which countries an event's sides are, beyond the bodies its sentence names: the article's two
countries (`main_pair`), the side a cooperation's other half leaves out (`other_side`: the home
country a Korean sentence drops, the one foreign country an article names, Korea for the register),
a topic country given to a subjectless clause (`add_topic`), sides counted ("a tripartite agreement",
`counted_sides_from_article`), a body's country carried across an article's drafts, and the events that are one
country's own (`_home_only`, `_national_occasion`: no cooperation).
"""

from __future__ import annotations

import re

from services.query.drafts import discourse, places, records
from services.query.drafts.parties import foreign_state_body

# what gives a Korean page a Korean side when it names only foreign countries: 우리·국내, a sentence opened by a
# bare delegation ("대표단은 …"), or a body that is a sentence's subject with no country in its name ("공사는 …",
# "회사는 …"; not "미국과 중국은 …", "양국 대표단은 …", nor a world body)
_KOREAN_WORD = re.compile(r"우리\s?(?:나라|정부|측|기업|기관|연구진|대표단)|국내|"
                          r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:대표단|방문단|연수단|사절단|연구진|연구팀)(?:은|이)\s", re.MULTILINE)
_WORLD_BODY = re.compile(r"^(?:세계|유엔|국제연합|유럽|아시아|아프리카|[A-Z]{2,})")


def korean_party(text: str, orgs_of) -> bool:
    """Whether a Korean page of foreign countries only tells of a Korean party at all (a story of "미국과 중국" has
    none: their agreement is no Korean cooperation)."""
    return bool(_KOREAN_WORD.search(text)) or any(
        o.slot == "subject" and o.country_word is None and not places.find(o.name) and not _WORLD_BODY.match(o.name)
        for orgs in orgs_of for o in orgs)


# a Korean party in an English text that names no Korean place: a Korean person's name ("Mayor Jung Hae-won",
# "Kim Ye-rin": a Korean surname and a hyphened given name of two syllables) or a sum in won ("4.2 billion won",
# "50,000 won"; not "12 won grants")
_KOREAN_NAME = re.compile(
    r"\b(?:Kim|Lee|Park|Choi|Jung|Jeong|Kang|Cho|Yoon|Yun|Jang|Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Song|Yoo|Hong|"
    r"Jeon|Ko|Moon|Yang|Son|Bae|Baek|Heo|Nam|Noh|Ha|Kwak|Sung|Cha|Joo|Woo|Min|Ryu|Jin|Chae|Chung|Byun|Yeo|Chu|"
    r"Gu|Koo|Im|Eom|Um|Hyun|Pyo|Bang|Nah|Ra|Ju|Seong|Kong|Gong)\s(?P<given>[A-Z][a-z]{1,5}-[a-z]{2,5})\b")
_WON = re.compile(r"\b\d[\d.]*\s(?:million|billion|trillion)\s(?:Korean\s)?won\b|\b\d{1,3}(?:,\d{3})+\s(?:Korean\s)?won\b|"
                  r"\b\d[\d,.]*\sKorean\swon\b|\bKRW\b")
# a syllable of a romanised Korean given name ("Hae", "won", "hyun", "Seo", "yeon"); not Chinese ones as "Hsien",
# "loong"'s neighbours "Wen", "Teng", "heng", "Ying", "Kuo", "qun" (Taiwanese, Singaporean, Chinese names)
_KOREAN_SYLLABLE = re.compile(r"(?:kk|tt|pp|ss|jj|ch|sh|[gkndtrlmbpsjhwy])?(?:yae|yeo|wae|ae|eo|eu|ui|oe|wa|wo|we|wi|ya|ye|"
                              r"yo|yu|oo|ee|ou|a|e|i|o|u)(?:ng|[nmlkptb])?")
_NOT_KOREAN_SYLLABLE = re.compile(r"(?<![eoy])e(?:n|ng)$|ing$")
# … and a person told as of the diaspora: "Dr. Kim Ji-hoon, a Korean-American economist at Stanford"
_DIASPORA = re.compile(r"Korean-(?:American|Canadian|Australian|British|German|French|Brazilian|Argentine|born)|"
                       r"of Korean (?:descent|origin|heritage|ancestry)", re.IGNORECASE)


def _korean_name(m: re.Match, text: str) -> bool:
    syllables = m["given"].lower().split("-")
    if not all(_KOREAN_SYLLABLE.fullmatch(x) and not _NOT_KOREAN_SYLLABLE.search(x) for x in syllables):
        return False
    return not _DIASPORA.search(text, m.end(), m.end() + 60)


def korean_cue(text: str) -> bool:
    """Whether an English text tells of a Korean party by a Korean person's name or a sum in won."""
    return _WON.search(text) is not None or any(_korean_name(m, text) for m in _KOREAN_NAME.finditer(text))


def article_countries(art) -> set[str]:
    """The single countries the headline and text name (cities included, groups not)."""
    return {p.codes[0] for p in places.find(f"{art.title or ''}\n{art.text}") if len(p.codes) == 1}


# an event told with the number of its sides ("a tripartite agreement", "the three countries' agencies")
_SIDES_COUNTED = re.compile(r"\b(?:(three|four|five)[- ](?:(?P<partner>partner )?(?:countries|country|nations|nation|institutions)|"
                            r"(?P<partners>partners)|sides)|"
                            r"(tripartite|trilateral))\b|(세|네|3|4)\s*(?:나라|개국|국|개\s*기관|기관)(?:은|는|이|가|의|과|와|도)?(?![가-힣])",
                            re.IGNORECASE)
_COUNTRIES_COUNTED = re.compile(r"countr|nation|나라|국", re.IGNORECASE)
_SIDE_NUMBERS = {"three": 3, "four": 4, "five": 5, "tripartite": 3, "trilateral": 3, "세": 3, "네": 4, "3": 3, "4": 4}


def counted_sides_from_article(d: dict, art, korean: bool = True) -> None:
    """Sides counted, filled from the countries the article's text names most often.
    (Not `multilateral.counted_sides_from_forum`, which fills them from the article's forum draft.)
    A draft of no party whose sentence counts its sides ("the heads of the three institutions signed a tripartite
    agreement"): the article's n most named countries, each named twice at least and more often than any other.
    A draft of fewer countries than the sentence counts ("researchers from all three countries met in Apia") takes
    the others of those n, when its own are among them."""
    rec = d["record"]
    if not (m := _SIDES_COUNTED.search(d["quote"])):
        return
    n = _SIDE_NUMBERS[next(g for g in m.groups() if g).lower()]
    own = countries_of(d)
    partners = m.group("partner") or m.group("partners")  # "the three partner institutions": the cooperation's sides
    # a Korean party told by name only in an English text that names two others: the third of "trilateral"
    cued = rec["lang"] == "en" and len(own) == n - 1 and "KR" not in article_countries(art) and korean_cue(art.text)
    if len(own) >= n or own and not _COUNTRIES_COUNTED.search(m.group(0)) and not partners and not cued:
        return  # "researchers from all three countries met in Apia": Samoa and the two others (not "three institutions")
    counts: dict[str, int] = {}
    for p in places.find(f"{art.title or ''}\n{art.text}"):
        if len(p.codes) == 1:
            counts[p.codes[0]] = counts.get(p.codes[0], 0) + 1
    # "3국 연구진" in a Korean story of two foreign countries: Korea and those (when the story has a Korean party)
    home = ["KR"] if rec["lang"] == "ko" and korean else []
    if rec["lang"] == "en" and "KR" not in counts and korean_cue(art.text):
        home = ["KR"]  # "a trilateral meeting of Saebit, Singapore and Rwanda officials", Saebit's mayor Korean by name
    if home:
        counts.pop("KR", None)
    k = n - len(home)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) + [("", 0)] * (n + 1)
    chosen = {c for c, _ in ranked[:k]} | set(home)
    if ranked[k - 1][1] < 2 or ranked[k][1] >= ranked[k - 1][1] or not own <= chosen:
        return
    for code in sorted(chosen - own):
        name = f"{places.name_en(code)} side" if rec["lang"] == "en" else f"{places.name_ko(code)} 측"
        rec["participants"].append({"name": name, "country": code, "type": "other", "role": "participant"})
    records.recheck(d)


_TWO_SIDED = {"signing", "meeting", "project"}
_JOINT = re.compile(r"\b(?:joint|jointly|bilateral)\b|공동|합동|양국|양측|"
                    # "The two sides also plan to hold a seminar … in Bangkok": both, not the dateline's own
                    # (not "the two sides of the debate")
                    r"\b(?:the\s+two|both)\s+(?:sides|countries|governments|nations)\b(?!\s+of\b)|"
                    # a facility shared ("opened a shared ocean data centre"), not shared procedures or views
                    r"\bshared\s+(?:[\w-]+\s+){0,2}?(?:centre|center|lab|laboratory|facility|office|station|hub|campus)\b",
                    re.IGNORECASE)


def countries_of(d: dict) -> set[str]:
    return {p.get("country") for p in d["record"]["participants"]} - {None}


def main_pair(art, home: str | None) -> set[str]:
    """The two countries an article is about: its home and the foreign country it names most, at
    least twice as often as any other; without a home, the two it names most, each at least twice
    and twice as often as any third."""
    counts: dict[str, int] = {}
    for p in places.find(f"{art.title or ''}\n{art.text}"):
        if len(p.codes) == 1 or home in p.codes:
            for code in set(p.codes) - {home}:
                counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) + [("", 0), ("", 0)]
    if home:
        return {home, ranked[0][0]} if ranked[0][1] and ranked[0][1] >= 2 * ranked[1][1] else set()
    if ranked[1][1] >= 2 and ranked[1][1] >= 2 * ranked[2][1]:
        return {ranked[0][0], ranked[1][0]}
    return set()


def other_side(d: dict, home: str | None, named: set[str], main_pair: frozenset[str] = frozenset(),
               korean: bool = True) -> None:
    """A cooperation has two sides. A Korean article's event whose parties are all of one foreign
    country has the home country as the other (the subject Korean leaves out: "장관은 … 사우디
    에너지부 장관과 회담"), and one whose parties are all Korean has the one foreign country the
    article names, if it names one ("KAIST 총장은 … 보스턴을 방문해", MIT being American); in an English one, a body of unknown country beside parties of one
    country is of the one other country the article names ("Khalifa University and KIER"), and
    with none such that country is the other side ("a KIER delegation to Abu Dhabi"). Where the
    article names no other country, the body of unknown country is Korean: the register records
    Korea's cooperation ("KTH in Stockholm and KAIST signed …"); where it names Korea and several others,
    none of them the other side, Korea is ("Lim held talks with Trinidad and Tobago's minister")."""
    rec = d["record"]
    parts = rec["participants"]
    if home == "KR" and rec["lang"] != "en" and len(main_pair) == 2:
        for p in parts:  # "프라호바주 정부" in an article about Romania: a body of that country's state
            if p.get("country") is None and p.get("type") != "person" and foreign_state_body(p["name"]):
                p["country"] = next(iter(main_pair - {home}))
    countries = {p.get("country") for p in parts} - {None}
    pair = set(named) if len(named) == 2 else set(main_pair)
    if not countries and len(pair) == 2 and (_JOINT.search(d["quote"]) or rec["kind"] in _TWO_SIDED):
        # "A joint research programme …, launched in 2022": joint between the article's two countries;
        # "the revised arrangement, signed in Dublin in January": an agreement has the article's two sides
        # (a Korean story of two foreign countries, Korea unnamed but a Korean party told: the cooperation is Korea's
        # with both)
        for code in sorted(pair | ({home} if home == "KR" and rec["lang"] != "en" and korean else set())):
            name = f"{places.name_en(code)} side" if rec["lang"] == "en" else f"{places.name_ko(code)} 측"
            parts.append({"name": name, "country": code, "type": "other", "role": "participant"})
        records.recheck(d)
        return
    if len(countries) != 1 or _home_only(d, home):
        return
    if home == "KR" and rec["lang"] != "en" and countries != {home}:
        role = {"signing": "signatory", "visit": "visitor" if any(p["role"] == "host" for p in parts) else "host"}
        parts.append({"name": f"{places.name_ko(home)} 측", "country": home, "type": "other",
                      "role": role.get(rec["kind"], "participant")})
    elif home == "KR" and rec["lang"] != "en" and countries == {"KR"} and rec["kind"] in ("signing", "meeting") \
            and len(abroad := discourse.where(d["quote"]) - {"KR"}) == 1:
        # "누리배터리는 … 남아공 요하네스버그에서 케이프에너지시스템즈와 … 협약을 체결": signed abroad with a body of no
        # known country, that country's
        other = next(iter(abroad))
        role = {"signing": "signatory"}.get(rec["kind"], "participant")
        parts.append({"name": f"{places.name_ko(other)} 측", "country": other, "type": "other", "role": role})
    elif home == "KR" and rec["lang"] != "en" and len(named - countries) == 1:
        other = next(iter(named - countries))  # "KAIST 총장은 다음 달 보스턴을 방문해": MIT's country, the one named
        role = {"signing": "signatory", "visit": "host"}.get(rec["kind"], "participant")
        parts.append({"name": f"{places.name_ko(other)} 측", "country": other, "type": "other", "role": role})
    elif rec["lang"] == "en" and (len(named - countries) <= 1 or len(main_pair - countries) == 1 <= len(countries & main_pair)):
        # more countries named, of which two are what the article is about: the one of those two
        rest = named - countries if len(named - countries) <= 1 else main_pair - countries
        unknown = [p for p in parts if "country" not in p and p.get("type") != "person"]
        if not rest and (countries == {"KR"} or not unknown):
            return
        # with no other country named, the body beside a foreign party is the register's own side
        other = next(iter(rest)) if rest else "KR"
        for p in unknown:
            p["country"] = other
        if not unknown:  # "a visit by a KIER delegation to Abu Dhabi": the one other country is the host
            role = {"signing": "signatory", "visit": "host"}.get(rec["kind"], "participant")
            parts.append({"name": f"{places.name_en(other)} side", "country": other, "type": "other", "role": role})
    elif rec["lang"] == "en" and "KR" in named and countries != {"KR"}:
        # of several countries named, none the other side: the register's own ("Lim held talks with Trinidad
        # and Tobago's minister" in an article about Korea and four Caribbean countries)
        role = {"signing": "signatory", "visit": "visitor" if any(p["role"] == "host" for p in parts) else "host"}
        parts.append({"name": "Korea side", "country": "KR", "type": "other", "role": role.get(rec["kind"], "participant")})
    else:
        return
    records.recheck(d)


def same_body_same_country(out: list[dict]) -> None:
    """A body left without a country in one draft ("the trip to Eswatini was called off", the institute's
    delegation) that another draft of the article gives one (its visit to Lesotho: Korean) is of that country."""
    known: dict[str, set[str]] = {}
    for d in out:
        for p in d["record"]["participants"]:
            if p.get("country") and p.get("type") != "other":
                known.setdefault(p["name"], set()).add(p["country"])
    for d in out:
        parts = [p for p in d["record"]["participants"] if "country" not in p and len(known.get(p["name"], ())) == 1]
        for p in parts:
            p["country"] = next(iter(known[p["name"]]))
        if parts:
            records.recheck(d)


def _home_only(d: dict, home: str | None) -> bool:
    """"Baku TechWeek opens next month" under a Baku dateline: an English fair or opening whose only side
    is the dateline's (not Korea's) and that names no other place and nothing joint is the home's own
    event, no cooperation — marked to be left out rather than given the article's other country; so is,
    under any dateline, an English forum named after its one country (`_national_occasion`)."""
    rec = d["record"]
    if rec["lang"] == "en" and rec["kind"] == "forum" and not _JOINT.search(d["quote"]) and _national_occasion(d):
        d["_own_only"] = True  # "the Lesotho Water Week organised by the ministry will take place in Maseru"
        return True
    if rec["lang"] != "en" or home in (None, "KR") or rec["kind"] not in ("forum", "opening") or _JOINT.search(d["quote"]):
        return False
    if {p.get("country") for p in rec["participants"]} - {None} != {home} or any(
            p.codes != (home,) for p in places.find(d["quote"])):
        return False
    d["_own_only"] = True
    return True


def _national_occasion(d: dict) -> bool:
    """A forum, fair or week named after the one country whose places alone the sentence names ("the Lesotho Water
    Week … in Maseru"), with no other party: that country's own occasion, not a cooperation."""
    countries = countries_of(d)
    found = places.find(d["quote"])
    if len(countries) != 1 or "KR" in countries or not found or any(p.codes != tuple(countries) for p in found):
        return False
    # (a body named after it, "the Peruvian Institute of Oceanography", is a party, not the occasion)
    bodies = [q["name"] for q in d["record"]["participants"] if q.get("type") != "other"]
    return any(not p.city and _NAME_GOES_ON.match(d["quote"], p.end) and _THE_BEFORE.search(d["quote"], 0, p.start)
               and not any(d["quote"].startswith(b, p.start) for b in bodies) for p in found)


_NAME_GOES_ON = re.compile(r"\s+[A-Z][a-z]")  # "the Lesotho Water Week": the country's name opens a longer one
_THE_BEFORE = re.compile(r"\bthe\s+$")


def add_topic(d: dict, topic: str | None, home: str | None, explicit: bool) -> None:
    """A clause with no subject of its own, whose parties are all of the home country, in an
    article about one foreign country: that country is the other side (the page's "벨라루스 측")."""
    rec = d["record"]
    countries = {p.get("country") for p in rec["participants"]}
    if topic is None or explicit or countries - {home, None} or home not in countries:
        return
    if _home_only(d, home):
        return
    name = f"{places.name_ko(topic)} 측" if rec["lang"] != "en" else f"{places.name_en(topic)} side"
    rec["participants"].append({"name": name, "country": topic, "type": "other", "role": "participant"})
    d["missing"] = [m for m in d["missing"] if m != "$.participants"] if len(countries | {topic}) >= 2 \
        else d["missing"]


_DOMESTIC_EN = re.compile(r"\b(?:domestic|national|in-house|nationwide)\b", re.IGNORECASE)
# a country named in passing, not as the paragraph's partner: in a comparison or a trade figure ("Unlike Japan, …",
# "exports to Germany rose 12 percent", "reached a record $120 billion")
_ASIDE_EN = re.compile(r"\b(?:[Uu]nlike|[Ll]ike|than|compared (?:with|to)|similar to|as in|exports?(?: \w+)? to|"
                       r"imports?(?: \w+)? from|shipments? to|sales(?: \w+)? (?:to|in))\s+(?:the\s+)?$")
_FIGURE_EN = re.compile(r"\d\s*(?:%|per ?cent\b)|[$€£]\s*\d|\d\s*(?:million|billion|trillion)\b|\bmarket share\b",
                        re.IGNORECASE)


def paragraph_country(out: list[dict], sents) -> None:
    """An English event of Korea's side alone in a paragraph that names one foreign country
    up to its sentence is that country's too: the paragraph is about it ("Jamaica's partnership with Korea is
    already well established. A Korean-funded project to modernise the island's … system began in 2022"; "our
    delegation travelled on to … Angola … Last Thursday, a laboratory built with Korean support was opened"). A
    sentence that calls its event domestic or national keeps it one country's. The one foreign country or city its
    own sentence names comes first ("the … Office opened in New Kingston in May 2024")."""
    for d in out:
        if d["record"].get("lang") != "en" or d.get("_paragraph") is None or countries_of(d) - {"KR"} or d.get("_fallback"):
            continue
        if not countries_of(d) and not any(p.get("type") not in (None, "person", "other") for p in d["record"]["participants"]):
            continue  # of no country and no body named: nothing says whose it is ("Officials did not say whether …")
        if _DOMESTIC_EN.search(d["quote"]):
            continue
        # the one foreign country (or city) its own sentence names — where it happens — else its paragraph's so far
        named = {c for p in places.foreign(d["quote"]) if len(p.codes) == 1 for c in p.codes} - {"KR"}
        if not named and d["record"]["kind"] != "visit" and any(p.city and p.codes == ("KR",) for p in places.find(d["quote"])):
            continue  # "… opened a new test centre in Daejeon on 3 June": where it happens is Korea, no foreign side
            # (a visit to a Korean city is a foreign side's)
        upto = [s for s in sents if s.paragraph == d["_paragraph"]]
        at = next((i for i, s in enumerate(upto) if d["quote"] in s.text or s.text in d["quote"]), None)
        if not named and at is not None:
            named = {c for s in upto[:at + 1] if not _FIGURE_EN.search(s.text) for p in places.foreign(s.text)
                     if len(p.codes) == 1 and not _ASIDE_EN.search(s.text, 0, p.start) for c in p.codes} - {"KR"}
        if len(named) != 1:
            continue
        parts = d["record"]["participants"]
        for code in sorted(named | ({"KR"} if not countries_of(d) else set())):
            parts.append({"name": f"{places.name_en(code)} side", "country": code, "type": "other", "role": "participant"})
        d["missing"] = [m for m in d["missing"] if m != "$.participants"]
