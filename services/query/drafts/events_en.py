"""Events in English sentences: clauses cut at ", and", ";" and the reporting frame ("X said
on Tuesday that …"), predicates by word stem (signed, visited, opened, held, launched) and the
event noun they take ("held a workshop" → forum, "launched a pilot programme" → project).
"""

from __future__ import annotations

import re

from services.query.drafts import places
from services.query.drafts.analyser import Sentence
from services.query.drafts.date_forms import atoms
from services.query.drafts.events import YEAR_SPAN, Clause, Trigger, _rank
from services.query.drafts.lexicon import (
    KIND_NOUNS_EN,
    PREDICATES_EN,
    TRAVELLERS_EN,
    WEAK_PREDICATES,
    WORKS_EN,
)
from services.query.drafts.tense import status


def english_clauses(s: Sentence) -> list[Clause]:
    parts, pos = [], 0
    # ", and The…", ";", and the reporting frame "X said on Tuesday that …" (its date is the report's)
    # … and "and" before a second verb ("met his counterpart and agreed to …", "visited Nairobi and
    # held talks"): two predicates, two clauses sharing the subject
    # … and a participle after a comma ("led a delegation to Spain …, signing an agreement on June 3")
    # … and a relative clause with a tense of its own (", whose first session will be held …")
    # … and an opening phrase of an earlier event ("Following the signing of … last week, …")
    lead = _NOMINAL_EVENT.match(s.text)
    if lead and (comma := s.text.find(",", lead.end())) > 0:
        parts.append((0, comma))
        pos = comma + 1
    # … and a stay told as where the sentence's event is ("In Canberra, where the delegation is staying from 16 to
    # 18 June, the vice minister co-chaired …"): the stay, a leg of the trip, is a clause of its own
    stay = _WHERE_STAYING.match(s.text)
    if not parts and stay:
        parts.append((0, stay.end()))
        pos = stay.end() + 1
    for m in re.finditer(r",\s+(?:and|while|but|whereas|as)\s+(?=(?:the\s+)?[A-Z]|it\s|they\s|he\s|she\s|"
                         r"(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:will|would|is to|are to|is due to)\s|"
                         # (… a subject of its own and its past: ", and the two countries' joint commission last met …")
                         r"(?:the|its|their)\s+(?:[\w'’-]+\s+){1,9}?(?:last\s+|first\s+|also\s+)?"
                         r"(?:met|signed|visited|opened|held|launched|hosted|convened)\b|"
                         # (… and a trip ending as the frame's time: "…, officials said yesterday, as a delegation wrapped
                         # up a three-day visit to Dhaka")
                         r"(?:a|an|the|its|their)\s+(?:[\w'’-]+\s+){1,6}?(?:wrapped up|wound up|concluded|ended|completed)"
                         r"\s+(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:visit|mission|trip|tour)\b)|;\s+|"
                         r",\s+(?=(?:whose|which|where)\s+(?:[\w-]+\s+){0,4}(?:will|is to|are to|is due to)\s)|"
                         # (… and what was agreed at a meeting: "held the fourth meeting of …, where they agreed to open …")
                         r",\s+(?=(?:where|at which)\s+(?:they|both sides|the two sides|the sides|the parties|delegates|"
                         r"ministers|officials)\s+(?:also\s+)?(?:agreed|decided)\s+to\s)|"
                         r",\s+(?=(?:signing|opening|holding|launching|visiting|attending|inaugurating)\s)|"
                         # (… and the earlier event a plan follows, told with its own participle: "have agreed to
                         # establish a centre, following the eighth session of the Joint Committee, held … last Thursday")
                         r",\s+(?=(?:following|after)\s+(?:the|a|an|its|their)\s+[^,;]{3,140},\s+(?:held|hosted|convened|"
                         r"organi[sz]ed)\s)|"
                         r"\b(?:said|says|announced|stated|reported|added|noted)\b[^.;]{0,40}?\bthat\s+|"
                         r"\s+and\s+(?:also\s+)?(?=(?:agreed|held|signed|visited|met|opened|launched|discussed|"
                         r"attended|hosted|inaugurated|concluded)\b)", s.text):
        if m.start() < pos:
            continue
        parts.append((pos, m.start()))
        pos = m.end()
    # … and an event a relative "that" tells with a tense and a date of its own ("under the cooperation agreement that
    # the two agencies signed in 2024", "a pilot project that the institute has been running since March")
    for m in _RELATIVE_EVENT.finditer(s.text):
        end = s.text.find(",", m.end())
        if m.start() > pos and atoms(s.text[m.end():end if end > 0 else len(s.text)], "en"):
            parts.append((pos, m.start()))
            pos = m.start()
    parts.append((pos, len(s.text)))
    out = []
    for a, b in parts:
        toks = [t for t in s.tokens if s.start + a <= t.start < s.start + b]
        out.append(Clause(s.start + a, s.start + b, s.text[a:b], toks))
    return out



# a plan told in the past tense ("was planned for June", "had been scheduled for March", "was originally due to open
# in March")
PAST_PLAN_EN = re.compile(r"\b(?:was|were|had been)\s+(?:originally\s+|initially\s+|first\s+)?(?:planned|scheduled|"
                          r"due|slated|set)\s+(?:for|to|in)\b", re.IGNORECASE)
# the present progressive of an occasion put on: "we are organising the … Workshop in Antofagasta from 3 to 5 December"
# tells what is being got ready, to come
# (… of an occasion, its noun before any "of": not "we are organising our archive of the forums held since 2019")
ORGANISING_NOW = re.compile(r"(?:is|are|am|'re) (?:also |now |currently )?(?:co-)?(?:organi[sz]ing|hosting|convening)"
                            r"(?= (?:the|a|an|our|their|its|this|next)\b(?:(?!\bof\b)[^.;,]){0,80}?\b(?i:workshops?|"
                            r"forums?|conferences?|seminars?|symposi(?:um|a)|summits?|meetings?|talks|fairs?|expos?|"
                            r"exhibitions?|festivals?|visits?|tours?|missions?|delegations?|sessions?|courses?|camps?|"
                            r"schools?|programmes?|programs?|training|ceremon(?:y|ies)|events?|weeks?|days?|dialogues?|"
                            r"round-?tables?|hackathons?|competitions?|congress|conventions?|committees?|commissions?|"
                            r"consultations?|showcases?|roadshows?|pavilions?|trips?)\b)")

_RELATIVE_EVENT = re.compile(r"\b(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,5}?(?P<head>(?i:agreement|memorandum|project|"
                             r"programme|program|pilot|partnership|centre|center|forum|workshop))\s+(?:that\s+|"
                             # (… or a contact clause, its subject right after the noun: "a joint project the institute
                             # and the observatory launched in 2023")
                             r"(?=(?:the|its|their|our|both|we|they)\s))(?:[\w'’()-]+,?\s+){1,10}?"
                             r"(?:signed|opened|launched|held|hosted|inaugurated|established|began|started|ran|"
                             r"(?:have|has|had) been running)\b")


_EN_PRED = re.compile(r"\b(" + "|".join(sorted((re.escape(p) for p in PREDICATES_EN), key=len, reverse=True))
                      + r")(?:s|es|ed|d|ing|ned|ning|ted|led|ling)?\b", re.IGNORECASE)


# An earlier event told as a noun phrase the sentence opens with: "Following the signing of a trade
# agreement in Nairobi last week, …", "After the opening of the centre in May, …".
_NOMINAL_EVENT = re.compile(r"^(?:[A-Z][A-Za-z .'-]{1,40}?(?:,[^—–\n]{0,30})?\s+[—–-]+\s+)?(?:Following|After|Since)\s+"
                            r"(?:the|a|an|last\s+\w+'s|this\s+\w+'s)\s+(?:[\w-]+\s+){0,2}?"
                            r"(?P<noun>signing|opening|inauguration|launch|visit|meeting|talks)\s+(?:of|to|in|with|between|by)\b")
_NOMINAL_KIND = {"signing": "signing", "opening": "opening", "inauguration": "opening", "launch": "opening",
                 "visit": "visit", "meeting": "meeting", "talks": "meeting"}


# A project named with its years in brackets as the clause's subject ("The project (2027–2029, …) will …").
_PROJECT_SPAN = re.compile(r"^\s*(?:The|This|A|Its|Their)\s+(?:[\w-]+\s+){0,3}?(?P<noun>project|programme|program)\s*"
                           r"\(\s*(?:19|20)\d\d\s*[–-]\s*(?:19|20)\d\d\b")
# A facility of a pilot ("a pilot line", "a pilot plant") is opened, not a project.
_PILOT_FACILITY = re.compile(r"\bpilot (?:line|plant|facility|factory|station|centre|center|lab|laboratory)s?\b", re.IGNORECASE)


# What a reader is sent to ("visit the agency's website", "visit www.example.org"), no place visited.
# The page's word ends its noun phrase: "visit the Test Online Learning Centre", "visited the online learning hub of …"
# and "the … Data Portal Centre" are places.
_WEBSITE = re.compile(r"\s+(?:(?:the|our|its|their)\s+)?(?:[\w.&'’-]+\s+){0,4}?(?:website|web\s?site|web\s?page|"
                      r"homepage|home page|portal|online)\b(?=\s*(?:$|[.,;:!?)]|(?:for|at|to|and|or|in|on|of|where|"
                      r"which|that|by|with|page|pages)\b))|\s+(?:www\.|https?://)", re.IGNORECASE)
# The items of an event's programme attended ("attended sessions on …", "attended panels on …").
# ("attended working sessions / bilateral sessions / closed-door sessions on …" are talks of their own: a meeting)
_PROGRAMME_ITEMS = re.compile(r"\s+(?:(?:the|its)\s+)?(?!(?:working|bilateral|closed-door|negotiating|negotiation|"
                              r"consultation|consultative)\s)(?:[\w-]+\s+)?(?:sessions|panels|panel discussions|presentations|"
                              r"lectures|keynotes|keynote speeches|breakout sessions)\s+(?:on|about|covering)\b",
                              re.IGNORECASE)


# A clause that states what an article of a treaty provides, not something done
_PROVISION = re.compile(r"^\s*(?:\d+\.\s+)?(?:Pursuant to|In accordance with|Under|As provided (?:for )?(?:in|by)|"
                        r"In conformity with)\s+(?:Article|Section|Clause|Paragraph)\s+\d", re.IGNORECASE)
# A clause whose subject is an event's status told before, saying why it came about or what followed.
_EXPLAINS = re.compile(r"^\s*(?:The|This|That|Its)\s+(?:postponement|cancellation|delay|suspension|decision|move)\s+"
                       r"(?:follows|followed|comes|came|is due|was due|results|resulted|reflects|reflected)\b")
# "launched a new drone", "launched its latest model": a product; a body launched is an opening, a programme a project
_PRODUCT = re.compile(r"\s+(?:a|an|its|their)\s+(?:new|latest|next-generation|updated)\s")


def english_trigger(c: Clause, sentence: str) -> Trigger | None:
    lead = _NOMINAL_EVENT.match(c.text)
    if lead:
        kind = _NOMINAL_KIND[lead["noun"]]
        if lead["noun"] == "launch":
            kind = _en_noun_after(c.text.lower()[lead.end():lead.end() + 60], bodies=True) or kind
        return Trigger(kind, c.start + lead.start("noun"), c.start + lead.end("noun"), True, False, False, "occurred",
                       lead["noun"])
    span = _PROJECT_SPAN.match(c.text)
    if span:  # "The project (2027–2029, USD 4.5 million) will …": the project over those years
        future = re.search(r"\b(?:will|is to|are to|plans? to)\b", c.text) is not None
        return Trigger("project", c.start + span.start("noun"), c.start + span.end("noun"), True, False, future,
                       status(sentence, future), "project")
    best, best_sub = None, False
    if len(re.findall(r"[A-Za-z]+", sentence)) < 3:
        return None  # a statement's closing "SIGNED", "Signed:": a signature block, not an event
    if _PROVISION.match(c.text) and not atoms(c.text, "en"):
        return None  # "Pursuant to Article 7 of the Agreement, a Joint Committee … is established": what a treaty provides
    if _EXPLAINS.match(c.text):
        return None  # "The postponement follows consultations …": why an event already told happened
    for m in _EN_PRED.finditer(c.text):
        stem = m.group(1).lower()
        word = m.group().lower()
        before = c.text[: m.start()].lower()
        # "is to attend a forum … before touring a shipyard": the -ing after before/after is subordinate
        sub = word.endswith("ing") and re.search(r"\b(?:before|after|while|then)\s+$", before) is not None
        if sub and best is not None:
            continue
        # (… read on to the sentence's end: a relative clause cut off is still what follows)
        told = c.text + sentence[sentence.find(c.text) + len(c.text):] if c.text in sentence else c.text
        if stem in ("follows", "comes after", "came after") and any(
                not re.search(r"\b(?:the|a|an|its|their|this)\s+$", told[: n.start()].lower())
                for n in _EN_PRED.finditer(told, m.end())):
            continue  # "The visit comes after the two countries held a dialogue": the event is what was held
        if stem in ("welcome", "paid", "pay", "receive") and not re.match(
                r"\s+(?:a|an|the|his|her|their|its)?\s*(?:[\w'-]+\s+){0,4}?(?:delegation|mission|visit|courtesy call)",
                c.text[m.end():].lower()):
            continue  # "welcomed a delegation", "paid a courtesy call" are events; "welcomed the agreement" is not
        if stem in ("led", "lead") and not re.match(r"\s+(?:a|an|the|his|her|their|its)?\s*(?:[\w-]+\s+){0,3}"
                                          r"(?:delegation|mission)", c.text[m.end():].lower()):
            continue  # "led a delegation … to Seoul" is a visit; "led the talks", "led to" are not
        if word == stem and stem not in _PAST_FORMS and re.search(r"\b(?:when|whenever|if|as)\s+(?:i|we|you|they)\s+(?:\w+\s+)?$", before):
            continue  # "When I visit universities, …": what someone does again and again, no event
        if word == stem and stem not in _PAST_FORMS and re.search(r"(?:^|[^\w'’])(?:i|we)\s+(?:often\s+|still\s+|now\s+)?$", before) \
                and not atoms(c.text, "en") and not re.match(r"\s+(?:a|an)\s", c.text[m.end():], re.IGNORECASE):
            continue  # "I meet its graduates everywhere": the writer's present of habit, undated, no event ("We open a
            # joint laboratory …", one thing of its own, is no habit)
        if stem in ("organise", "organize", "host", "hold", "held", "convene") and before.count("(") > before.count(")"):
            continue  # "Supply Chain Forum, Mexico City (co-organised with KOTRA)": an aside on the event, not its predicate
        if _SINCE_FOUNDED.search(before) and not atoms(c.text[m.end():], "en"):
            continue  # "the most productive session since the Committee was set up": the body's undated beginning, a
            # measure of time, no event
        if word in ("sign", "signs") and SIGN_NOUN.search(before) \
                and not SIGNED_WHAT.match(c.text, m.end()):
            continue  # "holding a hand-lettered sign", "a sign of trust": the noun, nothing signed
        if stem == "visit" and word == "visiting" and VISITING_PEOPLE.match(c.text, m.end()):
            continue  # "desks for visiting researchers": who may come, an attribute, no visit
        if stem == "visit" and _WEBSITE.match(c.text, m.end()):
            continue  # "For more information, visit the agency's website": a reader sent to a page, no visit
        if stem == "attend" and _PROGRAMME_ITEMS.match(c.text, m.end()):
            continue  # "300 participants attended sessions on …": a forum's programme told, no meeting of its own
        if stem == "visit" and re.search(r"\b(?:a|the)\s+(?:site|field)\s+$", before):
            continue  # "day two was a site visit": an item on an event's programme, a noun, no country's visit
        if word == "host" and _MODIFIER_BEFORE.search(before) and re.match(r"\s+(?:countr|government|cit|nation|institution|universit|famil|communit|"
                                       r"organi[sz]ation|partner|school|region|province|side|agenc|ministr)", c.text[m.end():]):
            continue  # "with the three host governments", "the host country": a noun's modifier, no event held (not
            # "will host government officials from Laos", "will host city leaders": the verb, its object after)
        if before.endswith("on ") and stem == "hold":
            continue  # "keep rates on hold"
        if stem == "arrive" and not (re.match(r"\s+(?:in|at)\s+(?:the\s+)?[A-Z]", c.text[m.end():])
                                     and _ARRIVAL_DAY.search(c.text)) \
                and not (_ARRIVAL_DAY.search(c.text[m.end():]) and _STAYS.search(c.text, m.end())):
            continue  # "arrived in Baku yesterday": a visit begun; "arrived in Seoul in 2024" (a post taken) is none
        if stem in ("flew", "fly") and not (re.match(r"\s+(?:on\s+|in\s+)?(?:to|into)\s+(?:the\s+)?[A-Z]", c.text[m.end():])
                                           and (_ARRIVAL_DAY.search(c.text) or _TRAVELLING_PARTY.search(c.text, 0, m.start()))):
            continue  # "the delegation flew to Algiers on Sunday" is a trip; "flew drones", "first flew to Windhoek as a
            # postdoctoral researcher" (a career, no day), "flew back to Seoul" (a return home) are not
        if stem == "invite" and not (_INVITED_PLACE.match(c.text, m.end()) and places.find(c.text[m.end():m.end() + 40])
                                     and atoms(c.text, "en")):
            continue  # "would be invited to Korea … in the first half of next year" is a visit; "invited to speak" is not
        course = _COURSE_FOR.match(c.text, m.end()) if stem in _COURSE_STEMS else None
        if stem in ("bring", "brought") and not course:
            continue  # "will bring 120 engineers … to its campus for a four-week training course" is the course; "bring
            # together", "brought new ideas" are no event
        if stem in ("stay", "staying", "stayed") and not (_TRAVELLING_PARTY.search(c.text, 0, m.start()) and atoms(c.text[m.end():], "en")
                                                          and _STAY_WHERE.match(c.text, m.end())):
            continue  # "where the delegation is staying from 16 to 18 June": a leg of the trip; "stay in touch", "will stay in
            # close contact … until the project starts in 2027" are none
        if stem in ("spent", "spend") and not _STAY.match(c.text, m.end()) and not course:
            continue  # "spent Monday and Tuesday in Maseru" is a stay, a visit; "spent $9 million" is not
        if stem in ("open", "establish") and not_opened(c.text, m.start(), m.end()) \
                and not (stem == "open" and _TRIP_ENDED.match(c.text, m.end())):
            continue  # "the Taekwondo Open" (a tournament's name), "open to universities" (an adjective)
        # ("a programme that runs until 2028": after a relative "that", a verb's -s is no singular noun's)
        relative = re.search(r"\bthat\s+$", before) is not None and word in (stem + "s", stem + "es")
        if re.search(r"\b(?:the|a|an|its|their|this|that|these|those|our|his|her)\s+$", before) and not word.endswith("ed") \
                and not relative:
            continue  # "the visit", "a meeting": a noun, not the predicate
        if word.endswith("ing") and word != stem and re.search(r"\b[a-z]+\s+$", before) and not _ING_VERB_BEFORE.search(before) \
                and stem not in ("start", "begin", "run"):  # "a programme starting in January" is a verb
            continue  # "the joint committee meeting", "a signing ceremony": a noun after a noun
        if stem == "schedule" and not _PASSIVE.search(before):
            continue  # "a scheduled visit", "the schedule": only "is scheduled for" states one
        if stem == "visit" and _INVITED_TO.search(before) and not atoms(sentence, "en"):
            continue  # "invited the Korean President to visit Ethiopia … No date was given": an invitation
        if _NEGATED.search(before):
            continue  # "but no agreement was signed", "did not sign": no event
        if (_UNREALISED.search(before) or stem == "schedule" and _HAD_BEEN.search(before)) \
                and status(sentence, False) not in ("cancelled", "postponed"):
            continue  # "had been due to meet …", "had been scheduled for June 10-11": a plan overtaken, told as such
        if _WISHED.search(before):
            continue  # "we hope that a … office will one day be set up": a wish, not a plan
        if word in ("travel", "tour", "visit", "visits") and re.search(r"\b(?:[a-z]+ed|for|of|on|by)\s+$", before) \
                and not re.search(r"\b(?:will|would|to|had|has|have)\s+\w+ed\s+$", before):
            continue  # "disrupted travel", "costs of travel": a noun, the object of another verb or of a preposition
        if stem == "visit" and _COUNTED_VISITORS.search(before):
            continue  # "some 430,000 Spanish tourists visited Korea": a statistic of travellers, no delegation's visit
        if word == "travel" and _NOUN_AFTER_TRAVEL.match(c.text, m.end()):
            continue  # "made travel approvals slow", "travel costs": a noun before a noun, no visit
        if best is not None and (told := _TIME_CLAUSE.search(before)) and _en_first_noun(told.group()):
            continue  # "held talks … on Tuesday, a day before the forum opened": the occasion dates the talks
        kind = PREDICATES_EN[stem]
        if stem in WORKS_EN and not YEAR_SPAN.search(c.text):
            continue  # "will build three plants between 2026 and 2028": a project over its years only
        after = _en_noun_after(c.text.lower()[m.end():m.end() + 60], bodies=kind == "opening")
        if stem == "open" and word in ("opened", "opens") and _INTRANSITIVE_OPEN.match(c.text, m.end()):
            # "The hub opened in March 2024, with Korean funding … and staff running the programmes": what opened is
            # the subject (an opening when no event noun names it), not a noun of the phrase after the date
            after = noun_kind = _en_noun_kind(c.text.lower()[: m.start()], m.start(), m.end(), bodies=True)
        elif stem in ("start", "begin") and re.match(r"\s+(?:with|at|in|on|from|after|as)\b", c.text[m.end():]):
            # "It all started with a coffee at a conference": intransitive, what started is its subject
            after = None
            noun_kind = _en_noun_kind(c.text.lower()[: m.start()], m.start(), m.end(), bodies=False)
        elif stem in ("start", "begin", "began") and re.match(r"\s+(?:full\s+|formal\s+)?operations?\b", c.text[m.end():]):
            # "The … R&D Centre, located in …, began operations on Monday": the body it names opened
            after = None
            noun_kind = _en_noun_kind(c.text.lower()[: m.start()], m.start(), m.end(), bodies=True)
            noun_kind = "opening" if noun_kind == "opening" else None
        else:
            noun_kind = after or _en_noun_kind(c.text.lower(), m.start(), m.end(), bodies=kind == "opening")
        aside = _ASIDE_BEFORE.search(before) if kind is None and not after else None
        if aside and (head := _en_first_noun(before[: aside.start()])):
            # "The training programme, announced yesterday at the … Forum, is due to begin in September": the subject
            # before its aside begins, not the forum the aside names
            noun_kind = head
        if stem == "gather":  # "researchers gathered at the … Center for a symposium": the event they gathered for
            purpose = _GATHERED_FOR.match(c.text[m.end():m.end() + 120])
            noun_kind = after = _en_noun_after(purpose.group(1).lower(), bodies=False) if purpose else None
            if noun_kind is None and purpose and _GATHERED_IN.match(c.text, m.end()) and _REVIEW.search(purpose.group(1)):
                # "Partners will gather in Buenos Aires in early December for a progress review": a meeting
                noun_kind = after = "meeting"
            if noun_kind is None:
                continue
        if (rel := _RELATIVE_EVENT.match(c.text)) and rel.end() == m.end():
            # "a joint volcano-monitoring project the institute and the observatory launched in 2023": the relative's
            # head is what the verb did
            noun_kind = after = _en_noun_after(rel["head"].lower(), bodies=True) or noun_kind
        if _PASSIVE.search(before) and not word.endswith("ing"):  # (not "has been running": progressive)
            # "A fair that … alongside the meeting has been cancelled": its subject
            # (… but an infinitive in apposition, "… followed by a training course for 30 officers, to be held in
            # Korea", is said of the phrase right before its comma)
            apposed = _TO_BE_APPOSED.search(before)
            noun_kind = (_en_last_noun(before[: apposed.start()]) if apposed else None) or _en_first_noun(before) \
                or noun_kind
        strong = kind is not None
        # "launched a pilot programme" is a project, "the forum opens" a forum, "held talks" a meeting
        if kind is None or kind in ("project", "meeting", "opening") and noun_kind in ("project", "forum", "meeting") \
                and noun_kind != kind and not (kind == "meeting" and noun_kind == "project") \
                and not (kind == "opening" and noun_kind == "project" and _PILOT_FACILITY.search(c.text)):
            kind = noun_kind
        if stem in ("spent", "spend") and _LONG_STAY.match(c.text, m.end()):
            kind = "project"  # "two researchers spent twelve months in Ulsan", "will spend four months in Korean institutes":
            # a stay of months is a research or training placement, no delegation's visit
        if stem in ("conclude", "open") and _TRIP_ENDED.match(c.text, m.end()):
            kind = "visit"  # "concluded a four-day mission to Korea", "opened its tour in Muscat": a trip ended or begun,
            # no agreement concluded, nothing opened
        if course:
            kind = "project"  # "will travel to Jeonju for a training course", "host 20 officials … for a course": the course
        if kind is None:
            continue
        if stem == "launch" and (_CRAFT_BEFORE.search(before) or _CRAFT_AFTER.match(c.text, m.end())):
            continue  # "its first Earth-observation microsatellite will launch before the end of the year": a craft
            # sent up, no body opened
        if stem == "launch" and after is None and kind == "opening" and _PRODUCT.match(c.text[m.end():]):
            continue  # "has launched a new crop-spraying drone": a product, not a body opened
        if stem == "open" and noun_kind is None and _NOT_OPENED.search(c.text):
            continue  # "the call for applicants opens in April": a call, not a centre or office
        if kind == "opening" and OWN_BODY.match(c.text, m.end()):
            continue  # "opened its own research centre in Belgrade": one party's body, no cooperation
        if _OWN_OCCASION.search(c.text, 0, m.start()):
            continue  # "Jamaica's own National Science Week will take place …": one country's own occasion
        if kind == "opening" and _PASSIVE.search(before) and _NATIONAL_BODY.search(c.text, 0, m.start()):
            continue  # "The Centro Nacional de Cómputo … was opened by the president": a country's national body
        if stem == "open" and kind == "opening" and CALL_OPENED.match(c.text, m.end()):
            kind = "project"  # "opened the third joint call for research projects": a joint programme's round
        future = bool(re.search(r"\b(?:will|would|to be|plans? to|planned|scheduled|set (?:to|for)|is to|are to|aims? to|"
                                r"(?:is|are|was|were) (?:due|slated) to|(?:was|were) to|"
                                # … and in apposition: "a joint project …, due to start in April"
                                r"(?:due|slated) to (?:start|begin|open|run|be|take|launch|commence|kick|get|hold)|"
                                r"expected to|(?:is|are) expected (?=in|at|on)|intends? to|agreed to|decided to|"
                                # "Officials expect the joint committee to meet in Oslo in October": what they expect
                                r"expects? (?:[^\s.;,]+ ){0,10}?to (?=\S+$)|"
                                # "are preparing to set up a pavilion … in November": getting ready is for what is to come
                                r"(?:is|are|am) (?:\w+ )?(?:preparing|getting ready|gearing up) to|"
                                # "we are organising the … Workshop in Antofagasta from 3 to 5 December": the present
                                # progressive of an occasion put on tells what is being got ready
                                + ORGANISING_NOW.pattern + "|"
                                r"(?:agreement|plan|decision|deal|commitment) (?:in principle )?to|"
                                # the news's present of what is scheduled: "arrives in Lagos on Monday"
                                r"(?:arrives|begins|starts|opens|kicks off|takes place|gets under way)"
                                r"(?= (?:in|on|at|next|this|from|today|tomorrow)\b))\b",
                                # a participle ("…ing", or "…ed" in apposition: "A workshop …, organised by …, will
                                # also go ahead"): the clause's tense
                                (c.text if word.endswith("ing") or word.endswith("ed") and _AFTER_COMMA.search(before)
                                 else c.text[: m.end()]).lower()))
        if not future and word == stem and _TODO_ITEM.match(before) \
                and not re.match(r"\s+(?:of|to|by|in|at|on|from|with|for)\b|\s*[:,;(]", c.text[m.end():], re.IGNORECASE):
            future = True  # "- hold the second … Forum in Manila on 2–3 December" under "The two sides agreed to:"
        if future and _AFTER_EVENT.search(before) and (_HELD_AFTER.fullmatch(" " + word)
                                                       or _HELD_AFTER.match(c.text, m.end())):
            future = False  # "have agreed to extend …, following a bilateral meeting held … on Wednesday": what came before
        if not future and SCHEDULED_NOW.match(c.text, m.start()):  # the predicate itself: "starts in January"
            future = True
        # "planned to … meet officials …, but the trip was called off": the event called off is the one its subject names
        named_off = stem in _STATUS_STEMS and (off := _NOUN_CALLED_OFF.search(before)) is not None \
            and kind == _en_first_noun(off.group(1))
        cand = Trigger(kind, c.start + m.start(), c.start + m.end(), strong, stem in WEAK_PREDICATES, future,
                       status(sentence, future), stem)
        # "to meet applicants and visit the Center": meetings on a visit's programme are the visit
        programme = best is not None and best.kind == "meeting" and cand.kind == "visit" and _rank(cand) == _rank(best)
        if best is None or best_sub or _rank(cand) > _rank(best) or programme or named_off:
            best, best_sub = cand, sub
    if best is None and (told := _SINCE_DATED.search(c.text)) and atoms(told.group("rest"), "en"):
        # "Cooperation … has grown steadily since the signing of the Memorandum … in 2017": the earlier event, dated
        return Trigger(_NOMINAL_KIND[told["noun"]], c.start + told.start("noun"), c.start + told.end("noun"), True, False,
                       False, "occurred", told["noun"])
    return best


# an earlier event told as a noun with its own date, inside a clause of no event ("… has grown since the signing of
# the Memorandum of Understanding on ICT Cooperation in 2017")
_SINCE_DATED = re.compile(r"\b(?:since|following|after)\s+the\s+(?P<noun>signing|opening|inauguration|launch)\s+of\s+"
                          r"(?P<rest>(?:the|a|an|their|its)\s+[^,;.]{3,120})")


# what a trip or a stay is for, when it is a course: "will travel to Jeonju for a training course on soil analysis",
# "spent two weeks, from 13 to 24 October, on a training course", "will host 20 officials … in Busan for a course"
_COURSE_STEMS = {"travel", "spent", "spend", "host", "come", "came", "invite", "bring", "brought"}
# (the course itself the trip's purpose: not one after another purpose or clause, "for talks on the future course of
# relations", "…, and will play a round on the golf course")
_COURSE_FOR = re.compile(r"(?:(?!\b(?:for|and)\b)[^.;]){0,80}?\b(?:for|on|to attend|to take)\s+(?:a|an|the|their|its)\s+"
                         r"(?:(?!golf\b)[\w-]+\s+){0,3}?(?:(?:training\s+)?course\b(?!\s+of\b)|"
                         # … or a school of a season ("will travel to Seoul for a summer school on energy storage")
                         r"(?:summer|winter|spring|autumn)\s+(?:school|camp|academy)\b)", re.IGNORECASE)


# an aside between commas right before the predicate and its auxiliaries ("…, announced yesterday at the forum, is due to")
_ASIDE_BEFORE = re.compile(r",[^,;]{3,160},\s+(?:(?:is|are|was|were|will|would|has|have|had|should|could)\s+)?"
                           r"(?:(?:be|been|due|set|expected|scheduled|slated|to|also|now|then)\s+){0,3}$")


# a stay of months or years ("spent twelve months in Ulsan", "will spend a semester at the institute")
_LONG_STAY = re.compile(r"\s+(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|"
                        r"several|a few|\d+)\s+)?(?:full\s+)?(?:months?|years?|semesters?|academic\s+years?)\s+"
                        r"(?:(?:each|apiece|abroad)\s+)?(?:in|at|with)\b", re.IGNORECASE)


# a trip as what "concluded" ends ("concluded a four-day mission", "concluded its week-long visit"): the trip, no treaty
_TRIP_ENDED = re.compile(r"\w*\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:(?!(?:during|on|at|in|with|of|for|after|before|to|"
                         r"a|an|the|agreements?|memorand\w*|accords?|treat\w*|deals?|pacts?|mous?)\b)[\w-]+\s+){0,3}?"
                         r"(?:visit|mission|trip|tour)s?"
                         # (… the trip's noun ending its phrase: not "opened a tour office", "concluded the trade mission
                         # agreement")
                         r"(?=\s*$|[,.;:!?)—–]|\s+(?:to|in|of|at|with|on|through|across|around|by|from|and|as|last|this|"
                         r"yesterday|today|earlier|before|after|for|that|which|where|when|abroad|here|there|late|early|"
                         r"(?-i:[A-Z0-9])\S*)\b)", re.IGNORECASE)


# what a gathering is for: "gathered at the Busan Exhibition and Convention Center for a symposium"
_GATHERED_FOR = re.compile(r"[^.;]*?\bfor\s+((?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+)")


_GATHERED_IN = re.compile(r"\w*\s+(?:again\s+)?(?:in|at)\s+(?:the\s+)?[A-Z]")
# what a gathering in a place is for, when it is a meeting's business: a review, a stocktaking, planning
_REVIEW = re.compile(r"\b(?:review|stocktaking|stock-taking|planning|evaluation|assessment|kick-off|kickoff|debrief|"
                     r"progress|steering|coordination|co-ordination)\b", re.IGNORECASE)


# a clause of time after the event told, naming another by its noun ("a day before the forum opened", "after the
# centre was inaugurated")
_TIME_CLAUSE = re.compile(r"\b(?:before|after|until|since)\s+(?:the|its|their|this|that)\s+(?:[\w-]+\s+){0,3}?"
                          r"(?:(?:was|were|had been|has been)\s+)?$")
# an event the clause's plan follows on, with its participle ("following a bilateral meeting held at the Ministry",
# "after the talks concluded"): that event came before, whatever the plan's tense
_AFTER_EVENT = re.compile(r"\b(?:following|after)\s+(?:a|an|the|its|their|his|her)\s+(?:[\w'’-]+\s+){0,4}$",
                          re.IGNORECASE)
_HELD_AFTER = re.compile(r"\s+(?:held|hosted|convened|organi[sz]ed|signed|concluded)\b")
# invited to a place ("to Korea", "to Seoul"), not to do something
_INVITED_PLACE = re.compile(r"\s+to\s+(?:the\s+)?[A-Z]")
# a determiner, a number or a possessive right before a word: "the host country", "three host governments", "Korea's host"
_MODIFIER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|our|his|her|each|every|both|all|other|two|three|four|five|six|\d+|"
                              r"[\w-]+['’]s)\s+$", re.IGNORECASE)
# who travels on an official trip: a delegation, a team, a minister
_TRAVELLING_PARTY = re.compile(r"\b(?:delegation|mission|team|minister|vice-minister|president|governor|mayor|secretary|"
                               r"ambassador|officials)\b", re.IGNORECASE)
# an arrival told with the stay after it, no place named ("The delegation arrived on Sunday and will stay until Friday")
_STAYS = re.compile(r"\band\s+(?:will\s+|is\s+to\s+)?(?:stay|stays|stayed|remain|remains|remained)\s+(?:in\s+[A-Z][\w-]*\s+)?"
                    r"(?:until|till|through|for)\b")
# a stay: a time, then where ("spent Monday and Tuesday in Maseru", "will spend two weeks at the Kuiseb station")
_STAY = re.compile(r"\s+(?:(?:a|an|the|two|three|four|five|six|several|a few|\d+)\s+)?(?:[\w-]+\s+){0,3}?"
                   r"(?:days?|weeks?|months?|nights?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend)\s+"
                   r"(?:in|at)\s+(?:the\s+)?[A-Z]")


# a plan called off or moved, told by its own noun as the subject ("but the trip was called off")
_STATUS_STEMS = {"cancel", "postpone", "call off", "called off", "scrap"}
_NOUN_CALLED_OFF = re.compile(r"\b(?:the|this|that|its|their)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+"
                              r"(?:was|were|has been|have been|had been|is being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


# The news's present of what is scheduled, said by the predicate itself ("the project starts in January").
# (a time must follow: "a pilot plant opens in Ust-Kamenogorsk" is a chronicle's present of what happened)
_WHEN_NEXT = (r"(?:(?:in|on|from)\s+(?:early\s+|mid-?|late\s+)?(?:January|February|March|April|May|June|July|August|"
              r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|spring|"
              r"summer|autumn|fall|\d)|next|this|today|tomorrow)\b")
SCHEDULED_NOW = re.compile(rf"(?:starts|begins|opens|kicks off|takes place|gets under way)\s+{_WHEN_NEXT}", re.IGNORECASE)
# Stems that are past forms themselves ("when they met in Busan" is an event, "when I visit" is not).
_PAST_FORMS = {"met", "led", "held", "ran", "began", "took place", "called off", "carried out", "kicked off",
               "came after"}
# An English predicate in the past tense ("signed", "took place", "met"): those forms and the regular ones events are
# told with.
PAST_EN = re.compile(r"\b(?:was|were|had)\s+\w+|\b(?:" + "|".join(sorted(_PAST_FORMS | {
    "went", "spent", "took part", "came", "won", "signed", "visited", "opened", "hosted", "launched", "completed",
    "finished", "concluded", "attended", "organised", "organized", "travelled", "traveled", "inaugurated", "convened",
    "started", "welcomed"}, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# Words after which an -ing form is a verb ("is meeting", "after signing", "also visiting").
_ING_VERB_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|am|while|after|before|by|for|of|on|in|from|without|"
                              r"also|then|and|jointly|officially|formally|\w+ly)\s+$")
_NEGATED = re.compile(r"\b(?:no|neither|nor)\s+(?:[\w-]+\s+){0,8}(?:was|were|has been|have been|is|are)\s+$|"
                      r"\b(?:not|never|n't|yet to|failed to|refused to|declined to)\s+(?:be\s+|been\s+)?$", re.IGNORECASE)
_UNREALISED = re.compile(r"\b(?:had been (?:due|scheduled|expected|set|slated) to|had (?:planned|hoped|intended) to|"
                         r"was supposed to|were supposed to)\s+$")
_WISHED = re.compile(r"\b(?:hope|hopes|hoped|hoping|wish|wishes|wished|would like to see|dream of),?\s+(?:that\s+)?"
                     r"(?:[\w'’–-]+,?\s+){0,12}?(?:will|would|could|might|can)\s+(?:one day\s+|someday\s+|eventually\s+)?"
                     r"(?:be\s+)?$|\b(?:hope|hopes|hoped|hoping|wish|wishes|wished)\s+to\s+(?:\w+ly\s+)?$|"
                     # "I'd love for them to visit Dili one day": a wish
                     r"(?:'d|’d|\bwould)\s+(?:love|like|want)\s+(?:for\s+\w+\s+)?to\s+(?:\w+ly\s+)?$|"
                     # "I would love to see a Korean company set up a design team here one day": the wish's object
                     r"(?:(?:'d|’d|\bwould)\s+(?:love|like|want)|\bhop(?:e|es|ed|ing)|\bwish(?:es|ed)?)\s+to\s+see\s+"
                     r"(?:[\w'’-]+\s+){1,8}$", re.IGNORECASE)
_INVITED_TO = re.compile(r"\binvit(?:e|es|ed|ing)\s+(?:[\w'’.-]+\s+){1,6}to\s+$", re.IGNORECASE)
# … or its national one ("inaugurated its first national supercomputing centre"): a country's own body
OWN_BODY = re.compile(r"\s+(?:its|their|his|her)\s+(?:own\b|(?:first\s+|new\s+)?national\s)", re.IGNORECASE)
# an occasion the subject says is one country's or body's own, right before its predicate: "Jamaica's own National
# Science Week will take place …", "Chile's National Science Week opens …", "its own open day was held …"
_OWN_HEAD = (r"(?:\b(?:its|their)|\b[A-Z][\w.-]*(?:\s+(?:and\s+)?[A-Z][\w.-]*)*['’]s)\s+(?:own\s+"
             r"(?:[\w-]+\s+){0,3}|(?:own\s+)?(?:annual\s+)?National\s+(?:[A-Z][\w-]*\s+){0,4})")
OWN_OCCASION_HEAD = re.compile(_OWN_HEAD + "$")
_OWN_OCCASION = re.compile(_OWN_HEAD + r"(?:week|day|days|month|festival|fair|exhibition|show|expo|"
                           r"congress|conference|games|olympiad|championships?|assembly|open day)\s+(?:will\s+|would\s+|is\s+|"
                           r"are\s+|was\s+|were\s+|has\s+been\s+|had\s+been\s+)?(?:also\s+)?(?:be\s+)?$", re.IGNORECASE)
# a list item opened by a verb's bare form and its object ("- hold the second forum …", "• sign an arrangement …",
# "(c) launch a joint programme …"): the to-do list under "agreed to:" or "will:", what is to come
_TODO_ITEM = re.compile(r"\s*(?:[-–•▪●◦*]|\(?[a-z0-9]\)|\d+\.)\s+(?:(?:also|jointly|further)\s+)?$")
# "sign" as a noun: after a determiner and up to two modifiers ("a hand-lettered sign", "the first signs of")
SIGN_NOUN = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that|these|those|no|any)\s+(?:[\w'’-]+\s+){0,2}$",
                           re.IGNORECASE)
# … unless what is signed follows ("the two sides sign an agreement", "the ministers sign the memorandum")
SIGNED_WHAT = re.compile(r"\s+(?:a|an|the|their|its|this|that|two|three|agreements?|memorand\w*|mous?|deals?|contracts?|"
                         r"accords?|treat\w*|letters?|up|off|on)\b", re.IGNORECASE)
# "visiting" as the attribute of people ("desks for visiting researchers", "a visiting professor")
VISITING_PEOPLE = re.compile(r"\s+(?:[\w-]+\s+)?(?:researchers?|scholars?|scientists?|students?|professors?|fellows?|"
                                 r"faculty|academics?|experts?|lecturers?|engineers?|guests?|artists?|physicians?|"
                                 r"doctors?)\b", re.IGNORECASE)
_HAD_BEEN = re.compile(r"\bhad been\s+$")  # "had been scheduled for June 10-11"
_AFTER_COMMA = re.compile(r",\s*(?:\w+ly\s+)?$")  # "…, organised by …": a participle in apposition
_NATIONAL_BODY = re.compile(r"\b(?:National|Nacional|Nationale?|Nazionale|Nacionalnyy)\b")
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS_EN = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
# an arrival dated to its day or told with its stay: a visit begun ("arrived in Baku yesterday and will stay until Friday")
_ARRIVAL_DAY = re.compile(r"\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|on " + _DAYS + r"|"
                          r"\d{1,2}\s+" + _MONTHS_EN + r"|" + _MONTHS_EN + r"\s+\d{1,2}\b|until|for an? [\w-]+ (?:visit|stay|trip))")


def not_opened(text: str, start: int, end: int) -> bool:
    """"Open" that opens nothing: the head of a name ("the Ambassador's Cup Taekwondo Open", "Korea Open
    2026"), an adjective ("…, open to universities", "is open", "remains open"; "will open to visitors" opens), or a
    figure of speech ("opening a new chapter", "opens doors", "opened the way for", "open up new markets")."""
    word = text[start:end]
    if word == "Open" and re.search(r"[A-Z][\w'’-]*\s+$", text[:start]) and not re.match(r"\s+(?:a|an|the)\b", text[end:]):
        return True
    if _FIGURATIVE_OPEN.match(text, start) and not _OPENED_ITS_DOORS.match(text, start):
        return True
    if word.lower().startswith("open") and _TRIP_ENDED.match(text, end):
        return True  # "opened its tour in Muscat": a trip begun (a visit, as the clause rules read it), nothing opened
    if word == "Open" and re.match(r"\s+(?:Days?|House|Houses|Campus)\b", text[end:]) \
            and not re.search(r"\b(?:to|will|would|shall|can|could|may|must|should)\s+$", text[:start], re.IGNORECASE):
        return True  # "at its annual Open Day on Saturday", "an Open House": the public let in, nothing opened
    # (the verb, "will open Campus Nairobi", opens one)
    if word.lower().startswith("establish"):  # "established diplomatic relations in 2006": ties, not a place opened
        return _RELATIONS.match(text, end) is not None
    if word.lower() != "open":
        return False
    if _OPEN_ADJECTIVE.match(text, end) and not re.search(r"\b(?:to|will|would|shall|can|could|may|must|should)\s+$",
                                                          text[:start], re.IGNORECASE):
        return True  # "gives both institutes open access to …", "under an open data licence": the adjective
    return re.search(r"\b(?:is|are|was|were|remains?|remained|stays?|stayed|kept|keep)\s+$", text[:start]) is not None \
        or re.search(r",\s*$", text[:start]) is not None and re.match(r"\s+(?:to|for)\s", text[end:]) is not None


# travellers counted or in general as a visit's subject ("some 430,000 Spanish tourists visited Korea")
_COUNTED_VISITORS = re.compile(rf"\b(?:{TRAVELLERS_EN})\s+(?:\w+\s+){{0,2}}$",
                               re.IGNORECASE)


# "travel" before a noun it modifies ("travel approvals", "travel restrictions"): not the verb, whose next word is a
# preposition, an adverb or a place ("travel to Seoul", "travel abroad", "travel together")
_NOUN_AFTER_TRAVEL = re.compile(r"\s+(?!(?:to|in|into|with|from|for|across|around|through|abroad|together|back|there|"
                                r"on|via|by|between|overseas|home|again|widely|extensively|frequently|and|or|as|at|this|"
                                r"next|last|later|soon|early|every)\b)[a-z]{3,}")


# what "open" opens only in a figure of speech: a chapter, a door, the way, an era, new markets, possibilities
_FIGURATIVE_OPEN = re.compile(r"open(?:s|ed|ing)?\s+(?:up\s+)?(?:(?:a|an|the|new|its|their|up)\s+){0,2}(?:[\w-]+\s+)?"
                              r"(?:chapters?|doors?|way|path|routes?|era|page|avenues?|horizons?|possibilit(?:y|ies)|"
                              r"opportunit(?:y|ies)|prospects?|markets?)\b|"
                              # opening a part of an event: its session, debate or floor ("opened the session by noting …")
                              r"open(?:s|ed|ing)?\s+the\s+(?:[\w-]+\s+)?(?:session|debate|discussion|floor|proceedings)\b",
                              re.IGNORECASE)
# "since" and the subject of a body's founding ("since the Committee was set up", "since it was founded")
_SINCE_FOUNDED = re.compile(r"\bsince\s+(?:the|its|their|it|they|this|that)\b(?:\s+[\w'’-]+){0,4}?\s+(?:was|were|has been|have been|"
                            r"had been)\s+$", re.IGNORECASE)
# "open" as an adjective before what it qualifies ("open access", "open data", "open-source tools")
_OPEN_ADJECTIVE = re.compile(r"[\s-]+(?:access|data|source|science|innovation|standards?|platforms?|licen[cs]es?|"
                             r"government|markets?|dialogue|competition|tender)\b", re.IGNORECASE)
# a body opening its own doors, told with a place, a time or nothing after ("the … Hub opened its doors in Beersheba",
# "opened their doors on Monday"): an opening, not the figure "opens doors for Korean firms"
_OPENED_ITS_DOORS = re.compile(r"open(?:s|ed)?\s+(?:its|their)\s+doors(?=\s+(?:in|on|at|last|this|earlier|yesterday|today|"
                               r"for the first time)\b|\s*[,.;]|\s*$)", re.IGNORECASE)
_RELATIONS = re.compile(r"(?:ed|es|ing)?\s+(?:(?:full|formal|official|diplomatic|bilateral|close|strategic|economic|"
                        r"friendly)\s+)*(?:diplomatic\s+)?(?:relations|ties|contacts?)\b", re.IGNORECASE)
CALL_OPENED = re.compile(r"\s+(?:a|an|the|its|their)\s+(?:[\w–-]+\s+){0,4}?call\b(?!\s+cent(?:re|er))", re.IGNORECASE)
_NOT_OPENED = re.compile(r"\b(?:call|calls|applications?|applicants|registrations?|bids|bidding|tenders?|enrol+ment|"
                         r"window|doors|trading|season)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$")


def _en_first_noun(text: str) -> str | None:
    """The kind of the first event noun of a clause: its subject's head, before any relative clause."""
    best, pos = None, 10**6
    for kind, nouns in KIND_NOUNS_EN.items():
        for n in nouns:
            # (not a possessor: "the Institute's International Symposium …" is the symposium, its owner no event)
            m = re.search(rf"\b{re.escape(n)}s?\b(?!['’]s?\b)", text)
            if m and m.start() < pos:
                best, pos = kind, m.start()
    return best


# a craft launched into space, its subject ("the satellite will launch") or its object ("launched a rocket")
_CRAFT = r"(?:(?:micro|nano|mini)?satellites?|cubesats?|rockets?|launch\s+vehicles?|spacecraft|space\s+probes?|missiles?)"
# … the craft itself, not a body or programme it names ("launched a joint satellite research centre", "the satellite data
# centre launched …" are openings)
_CRAFT_WORK = r"(?:centres?|centers?|programmes?|programs?|projects?|initiative|partnership|cooperation|agency|office|" \
              r"institutes?|labs?|laborator(?:y|ies)|hubs?|station|facility|consortium|network|venture|company|research|" \
              r"development|data|academy|school|course|alliance)"
_CRAFT_BEFORE = re.compile(_CRAFT + r"\s+(?!(?:\w+\s+){0,1}" + _CRAFT_WORK + r"\b)(?:\w+\s+){0,2}$", re.IGNORECASE)
_CRAFT_AFTER = re.compile(r"\w*\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,3}?" + _CRAFT + r"\b"
                          r"(?!\s+(?:[\w-]+\s+){0,1}" + _CRAFT_WORK + r"\b)", re.IGNORECASE)
# … a stay told by its days or place ("staying from 16 to 18 June", "stayed in Suva until Friday")
_STAY_WHERE = re.compile(r"\w*\s+(?:on\s+)?(?:from|until|till|through|between|in\s+[A-Z]|at\s+(?:the\s+)?[A-Z]|for\s+(?:a|an|one|two|three|"
                         r"four|five|six|seven|several|\d+)\b|there\b|here\b)")
# a stay as a sentence's setting: "In Canberra, where the delegation is staying from 16 to 18 June,"
_WHERE_STAYING = re.compile(r"(?:In|At)\s+[A-Z][^,;]{1,40},\s+where\s+(?:the|its|our|a|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
                            r"(?:delegation|mission|team|minister|vice\s+minister|officials)\s+(?:is|are|was|were|will\s+be)\s+"
                            r"staying\b[^,;]{3,60}(?=,)")
# "opened" with no object: a time or place follows ("opened in March 2024", "opened last week", "opened its doors")
_INTRANSITIVE_OPEN = re.compile(r"\s+(?:in|on|at|last|this|earlier|yesterday|today|its\s+doors)\b")
_TO_BE_APPOSED = re.compile(r",\s*to\s+be\s+$")


def _en_last_noun(text: str) -> str | None:
    """The kind of the last event noun of a phrase (the one an apposition after it is said of)."""
    best, pos = None, -1
    for kind, nouns in KIND_NOUNS_EN.items():
        for n in nouns:
            for m in re.finditer(rf"\b{re.escape(n)}s?\b", text):
                if m.start() > pos:
                    best, pos = kind, m.start()
    return best


def _en_noun_after(after: str, bodies: bool = True) -> str | None:
    """An event noun as the predicate's object, within its first few words ("held a joint workshop");
    a body ("will begin … at three institutes") only after a verb of opening."""
    words = " ".join(after.split()[:8])
    found = []
    for kind, nouns in KIND_NOUNS_EN.items():
        for n in nouns:
            if not bodies and n in _OPENABLE_EN:
                continue
            m = re.search(rf"\b{re.escape(n)}s?\b", words)
            if m:
                found.append((m.start(), -m.end(), kind))
    if not found:
        return None
    found.sort()
    start, end, best = found[0]
    # "the second project workshop": a noun right before another event noun modifies it; the last is the head
    while (head := next(((st, e, k) for st, e, k in found if st == -end + 1), None)) is not None:
        start, end, best = head
    return best


# What is opened: an event noun for "opened a centre", a body for "the two institutes will hold …".
_OPENABLE_EN = {"centre", "center", "laboratory", "lab", "office", "institute"}


_SIDELINES = re.compile(r"\b(?:sidelines|margins|fringes?)\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,6}$", re.IGNORECASE)


_UNDER_NOUN = re.compile(r"\bunder\s+(?:the|this|that|its|their|an?)\s+(?:[\w-]+\s+){0,2}$")


def _en_noun_kind(text: str, start: int, end: int, bodies: bool = True) -> str | None:
    """An event noun next to the predicate: before it ("the forum was held") or after ("held a forum")."""
    best, dist = None, 10**6
    for kind, nouns in KIND_NOUNS_EN.items():
        for n in nouns:
            if not bodies and n in _OPENABLE_EN:
                continue
            for m in re.finditer(rf"\b{re.escape(n)}s?\b", text):
                if _SIDELINES.search(text, 0, m.start()):
                    continue  # "met … on the sidelines of the General Conference": the setting, not what was held
                if kind == "signing" and _UNDER_NOUN.search(text, 0, m.start()):
                    continue  # "The first project under the new agreement … will start": what it is under, not what starts
                d = start - m.end() if m.end() <= start else m.start() - end
                if 0 <= d < dist or (d < 0 and 0 < dist):
                    best, dist = kind, max(d, 0)
    return best


# the next sentence telling of the plan just told that it was moved or dropped: "It was postponed, …", "That trip
# has been called off."
_MOVED_NEXT = re.compile(r"\s*(?:It|This|That|The (?:meeting|visit|trip|event|forum|workshop|opening|signing|ceremony|"
                         r"plan))\s+(?:was|has been|had been|is being|got)\s+(?:\w+\s+)?"
                         r"(?P<word>postponed|delayed|put off|pushed back|deferred|cancell?ed|called off|scrapped|dropped)\b")


def moved_next(nxt: Sentence | None, s: Sentence) -> str | None:
    """"postponed" or "cancelled" when the sentence after `s`, in its paragraph, says so of the plan `s` told."""
    if nxt is None or nxt.paragraph != s.paragraph or not (m := _MOVED_NEXT.match(nxt.text)):
        return None
    return "cancelled" if m["word"] in ("cancelled", "canceled", "called off", "scrapped", "dropped") else "postponed"
