"""Organisations named in an English sentence: capitalised names that carry an institutional
word (Ministry, Institute, University, Co.) or an acronym, or that the service knows, each
with its slot from the words before it ("with X" partner, "visited X" object, "in X" place).
"""

from __future__ import annotations

import re

from services.query.drafts import places
from services.query.drafts.analyser import Sentence
from services.query.drafts.directory import Directory
from services.query.drafts.org_types import guess_type
from services.query.drafts.organisations import _ACRONYM, OrgMention

# Capitalised words joined by of/and/for/the ("Ministry of Science and ICT"); a weekday or a
# month never belongs to a name ("… Ministry of Health on Saturday").
_NOT_NAME = r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|" \
            r"July|August|September|October|November|December)\b)"
_EN_NAME = re.compile(rf"(?:[A-Z][\w&'’.-]*|\((?:[A-Z][\w&-]*)\))(?:\s+(?:(?:of|and|for|the|de|du|für|&)\s+)*"
                      rf"{_NOT_NAME}(?:[A-Z][\w&'’.-]*|\([A-Z][\w&-]*\)))*")
_EN_CUE = re.compile(r"(?:\bwith|\bbetween|\band)\s+(?:the\s+)?$|(?:\bvisit(?:ed|s|ing)?|\bto)\s+(?:the\s+)?$|"
                     r"(?:\bin|\bat)\s+(?:the\s+)?$", re.IGNORECASE)


def _english_names(text: str):
    """Capitalised names, cut at an "and" that joins two names rather than two words of one
    ("Korea Institute of Science and Technology" stays whole; "KIST and Japan's RIKEN" does not)."""
    for m in _EN_NAME.finditer(text):
        pos = m.start()
        for part in re.split(r"(\s+and\s+)", m.group()):
            if part.strip() == "and":
                pos += len(part)
                continue
            yield pos, part
            pos += len(part)


def _join_ands(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for pos, part in _english_names(text):
        prev = out[-1] if out else None
        # "of Science and Technology", "Korea Astronomy and Space Science Institute": an "and"
        # after "of", or after words that name no body yet, joins the words of one name
        # … but a part that opens as a name of its own ("the Korea Institute …", "Seoul National
        # University"), or that follows a name closed by its acronym ("… (NRC) and …"), is another body
        joins = prev and text[prev[0] + len(prev[1]):pos].strip() == "and" \
            and not re.match(r"[A-Z][a-z]+'s\b", part) \
            and not re.match(r"(?:the|The)\s", part) and not prev[1].rstrip().endswith(")") \
            and not (guess_type(part) != "other" and (_opens_with_place(part) or guess_type(prev[1]) != "other")) \
            and (" of " in f" {prev[1]} " or guess_type(prev[1]) == "other"
                 and bool(places.find(prev[1])) and len(prev[1].split()) >= 2
                 and not _ACRONYM.match(part.split()[0]) and not _ACRONYM.match(prev[1].split()[-1]))
        if joins:
            out[-1] = (prev[0], text[prev[0]:pos + len(part)])
        else:
            out.append((pos, part))
    return out


def _opens_with_place(name: str) -> bool:
    found = places.find(name)
    return bool(found) and found[0].start == 0


# "OTTAWA —", "NAIROBI, June 16 (Test Wire) —": a dateline's city in capitals is no body
_DATELINE_CITY = re.compile(r"[A-Z][A-Z .'-]+")
# the city a body is in, right after its name ("… Institute of Technology in Stockholm", "… in Sarajevo (test)")
_IN_CITY = re.compile(r"\s+in\s+([A-Z][\w'’. -]{2,30}?)(?=[,.;]|\s+(?:and|on|signed|in|to)\b|\s*\(|$)")
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|[-–—])")


def english(s: Sentence, directory: Directory) -> list[OrgMention]:
    out = []
    for at, raw in _join_ands(s.text):
        if at == 0 and _DATELINE_CITY.fullmatch(raw) and _DATELINE_AFTER.match(s.text, len(raw)):
            continue
        name = re.sub(r"['’]s$", "", raw.rstrip("."))  # "KIST's president": the body is KIST
        name = re.sub(r"^(?:[Tt]he|On|In|At|By|A|An|This|Last|Next)\s+", "", name)
        owner = re.match(r"^([A-Z][A-Za-z]+)'s\s+", name)  # "Japan's RIKEN", "Kenya's Ministry of Health"
        country_word = owner.group(1) if owner and places.find(owner.group(1)) else None
        name = name[owner.end():] if owner else name
        if not name:
            continue
        if country_word is None:  # "Australia's national science agency CSIRO"
            lead = re.search(r"\b([A-Z][A-Za-z]+)'s(?:\s+[a-z][a-z-]*){1,5}\s+(?:the\s+)?$", s.text[:at])
            if lead and places.find(lead.group(1)):
                country_word = lead.group(1)
        if country_word is None:  # "South Korean chipmaker Hanul Semiconductor", "German carmaker …"
            lead = re.search(r"\b((?:South |North )?[A-Z][a-z]+)(?:\s+[a-z][a-z-]*){1,3}\s+$", s.text[:at])
            if lead and places.find(lead.group(1)) and not places.find(lead.group(1))[0].city:
                country_word = lead.group(1)
        known = directory.lookup(name)
        if not known and not (guess_type(name) != "other" or _ACRONYM.match(name)):
            continue
        if not known and _ACRONYM.match(name) and (places.find(name) or places.find(name.title())):
            continue
        if country_word is None:  # "KTH Royal Institute of Technology in Stockholm"
            where = _IN_CITY.match(s.text, at + len(raw))
            if where and places.find(where.group(1)) and len(places.find(where.group(1))[0].codes) == 1 \
                    and guess_type(name) != "other":
                country_word = places.find(where.group(1))[0].text
        start = s.start + at + raw.index(name.split()[0])
        before = s.text[max(0, at - 16):at]
        cue = _EN_CUE.search(before)
        slot = "subject"
        if cue:
            word = cue.group().split()[0].lower()
            slot = {"with": "partner", "between": "partner", "and": "partner", "in": "place", "at": "place"}.get(word, "object")
        out.append(OrgMention(start, start + len(name), name, slot, known, country_word=country_word))
    return out
