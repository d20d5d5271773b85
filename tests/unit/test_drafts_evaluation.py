"""The drafts' development evaluation: recall and precision per article (same countries, same
kind, overlapping dates), printed with `pytest -s`. Our own articles carry floors; the seed
articles (read from ../shared/seeds beside the checkout, when present) are reported only.

Our articles come in groups: by name, the first written (`ko_*`, `en_*`), a held-out batch
(`heldout_*`) and the blind batches (`blind_*`, `blind3_*` … `blind9_*`); by folder, the unseen
batch (`unseen/`), the late batches (`late/` … `late7/`, each written after a round of rule
changes and scored before the next) and three batches written by another hand in other styles
(`fresh/`, `fresh3/` and `fresh4/`, which the rules after them were written against, and
`fresh2/`, `fresh5/` and `fresh6/`, not tuned on, and `fresh7/`, written before the recall pass first
ran on it, with three general fixes after that run; `fresh8/`, written and committed before its first run,
then tuned on for general rules of status, dates by reference and two events in a sentence, under a
floor of its own and outside the total's floor; `fresh9/`, written and committed unseen after every rule
of this round, its first run under a floor of its own and outside the total's floor, then tuned on for general
rules of restatements, non-events, spans told by length and parties by reference; `fresh10/`, written and
committed unseen after those rules, its first run under a floor of its own and outside the total's floor, then
tuned on for general rules of dates (plans called off, "this November", lengths in days, dates by reference),
countries by their names, tables, kinds and non-events; `fresh11/`, written and committed unseen after those rules, its
first run under a floor of its own and outside the total's floor, then tuned on for general rules of summary lines,
visits (a return visit, an arrival, a delegation as topic, meetings on a visit's programme), countries by groups and
officials, kinds (bound nouns, "organised", a relative "that") and non-events ("its own" centre, a name's "Open", an
event on one's own premises, the home's own fair); `fresh12/`, written and committed unseen after those rules, its
first run under a floor of its own and outside the total's floor, then tuned on for general rules of non-events (a
draft of no country, a body's own centre or occasion, a wish, an overtaken plan), structure (a list item's date, an
item's title line, a photo's caption, a quotation of several sentences), an event drafted twice (a noun modifying
another, the event told before as a subject, a body dated by its first meeting), dates (a weekday in brackets, a
plan called off dated by the next sentence) and countries (accents, 키르기스, sides counted); `fresh13/`, written and
committed unseen after those rules, its first run under a floor of its own and outside the total's floor, then tuned
on for general rules of non-events (a wish with an aside, a country's national body, a site visit, a trade show's
pavilion, an event denied over a long subject), an event told twice (a plan told on by a pronoun, "the item above"),
a plan's tense ("set for") and kinds (a hall named after an event); `fresh14/`, written and committed unseen
after those rules, its first run under a floor of its own and outside the total's floor, then one general fix of
country names (the demonym of a name of several words, "Papua New Guinean") and tuned on for general rules of dates
told against another event ("A year before the opening", "The following spring", "on the Wednesday of our trip")
and the event such a phrase names being no event of the sentence's own) and of a body's abbreviation after its full
name ("…, KITOS"); `fresh15/`, written and committed unseen after those rules, its first run under a floor of its own
and outside the total's floor, then tuned on for general rules of remarks ("방문한 것은 이번이 처음이다"), references (a
passive's topic after an adverbial particle, "all three countries", a reference naming a new country, an event named
before 이후), agreements' terms ("Under the memorandum, …" without a date), a headline folded into the lead, trips (a
leg to a third country called off, a stay in a named place, a trip told leg by leg, people invited to a country), an
event in a relative clause with its own tense and date, a project told by its period, a year opening a quoted title
and one country's own occasion or a domestic audience); `fresh16/`, written and committed unseen after the rules tuned on
fresh14 (before fresh15's), its first run under a floor of its own and outside the total's floor, then tuned on for general rules of countries (names
joined by "and", a name after "New", "PNG", a person introduced with a country, the place a subject is put in), sides (an occasion
of another kind, Korea's side, sides counted, a delegation's own stop), non-events (a country's own occasion, a question,
a partner sought, a report at home, a tally, an agreement's contents, what an agreement provides), events told twice (a
document signed in apposition, a visit's programme, a project's start, a tour told by its stops, a stay), dates and
tense ("next May", a moved plan's weekday, a span said as one, a participle in apposition, a start and its "until")
and visits (arrival and stay, "followed up with a visit", the recall pass under a foreign dateline); `fresh17/` and
`fresh18/`, written and committed unseen while those two rounds were made, their first runs after both, each under a
floor of its own and outside the total's floor, then tuned on for general rules of references (a clause's own two
bodies, an event of no country lends no sides), figures of speech ("opening a new chapter"), dates by a trip ("on the
last day of the visit"), sides (an event told again with more countries, a page of no dateline naming one country, a
signing abroad, a body named again by its head noun), non-events (a wish "to hold", talks "a day before the forum
opened", "disrupted travel", a separate story), a headline under a site's header, an event the clause follows
("협약식에 이어"), a conference's sidelines (the setting, its city the venue), a reference counting two and a remark's own clause);
`fresh19/` and `fresh20/`, written and committed unseen after those rounds, their first runs on them, each under a floor of
its own and outside the total's floor, then tuned on for general rules of dates ("전날" by the report's day, a start day and
a length in days, "In 2012" opening a sentence, "On the second day" of the event before), kinds (벌이다, -는 일정이다, a
summer school, "gathered … for a symposium", "문 연다", a chamber's 회의소), events told twice (every event of a lead of a
lent date, a section heading, "During her stay", "이번 공동위원회는" in the recall pass), non-events (a correction note,
related stories, relations established, travel before a noun, travellers counted, a date ahead of another event, "체결
여부"), parties (a body in a city before an aside, a university named after a city, "the two universities", "the three
partner institutions", a shared facility, a topic naming its own foreign party, who was in a delegation, those invited to
a forum, the schedule called off, legs told in one clause, a meeting in a clause of a visit), a training course and a
joint survey as projects, a roundtable, a session opened, "The pilot", a signing's day and a time's particle;
`fresh21/` and `fresh22/`, written and committed unseen while that round was made, their first runs after it, each under
a floor of its own and outside the total's floor, then tuned on for general rules of tense ("are also preparing to"),
dates (an N-year project begun in a month), events told twice (a day of a visit in a "□" item's full sentence, an
event of the lead paragraph's later sentence only lent a date) and non-events (a ▲ caption placing who stands where);
`fresh23/` and `fresh24/`, written and committed unseen while that round was made, their first runs after it, each under
a floor of its own and outside the total's floor, then tuned on for general rules of structure (a heading that names one
country gives it to the items under it, an interview's answer), dates (a year opening a quotation, "The following day",
"On the last day" of a trip, a start and a length in years), sides (an opening or project of ours where a named country
is) and non-events (a caption labelled in words, delegations attending the meeting told, "the first meeting since");
`fresh25/` and `fresh26/`, written and committed unseen while that round was made, their first runs after it, each under
a floor of its own and outside the total's floor, then tuned on for general rules of non-events (an agreement told as
the grounds of the work that follows), tense (an event "following" the plan, with its participle, came before), kinds (a
passive's subject read past a possessor) and spans (a visit's schedule by its length in days, a project's start verb and
its length in years); `fresh27/` and `fresh28/`, written and committed unseen after that round, their first runs after
it, each under a floor of its own and outside the total's floor, then tuned on (Korean and English articles apart) for
general rules of trips and partners (legs as objects, partners each with their own day, "3국", a page of two foreign
countries), pairs written as one word ("한중"), the analyser's misreadings inside names, a committee told as a setting,
a project's next phase, a weekday before a date, irregular demonyms and "the Indian Ocean", a moved plan's first date,
a past day later in the report's month, "the delegation" told before, a trip for a course, field surveys, a relative
clause without "that", a wish ("I'd love for them to visit") and dash lists in English; `fresh29/` and `fresh30/`, written and committed
unseen while that round was made, their first runs after it, each under a floor of its own and outside the total's floor,
then tuned on (Korean and English apart) for general rules of postponing (smoke is no 연기), interviews' questions,
projects carried on, a delegation's tour and stay, plans (방안을 추진, 앞두고), a later clause's own date, "N월 중",
그해, weekdays in spans, bodies named again, a forum's participants and attendance counted by countries, "The Forum
was opened by", delegations holding talks, "They agreed", calls and exchanges as projects, a paragraph's country for
an English event of Korea alone, domestic programmes, people met on a visit, "began operations" and the first project
under an agreement; `fresh31/` and `fresh32/`, written and committed unseen while that round was made, their first runs after it,
each under a floor of its own and outside the total's floor, then tuned on (Korean and English apart) for general rules
of people invited as sides, 실시 and courses as projects, joint field work, a "when" cleft, researchers sent to each
other, a desk opened, parts of the day and weeks by their weekdays, days beside "last week", an arrival "until Friday",
", where they agreed", flights and a programme's length in days, the stop flown from, "the visitors" and "the centre",
a summer school, a new subject after ", and", "since the signing of", "host" before a noun, a call's opening, sessions
and researchers travelling to the event before, and an agreement with an international body; `fresh33/` and `fresh34/`, written and
committed unseen while that round was made, their first runs after it, each under a floor of its own and outside the
total's floor, then tuned on (Korean and English apart) for general rules of day ranges and ranges ending in a relative
year, days of the event before by their order, "우리 학회", particles read inside names, countries after a compound and
"3국은", an infinitive after a comma, events followed by others, "the two sides" in the dateline's city, a later
clause's date, wishes, "received a delegation", openings without an object, cohorts and bootcamps, "last Monday" said
on a Tuesday, weekdays after a relative week, projects launched by a relative clause, launches of satellites, a
session "following" another, "bring … for a course", a review meeting, habits, and a stay in a city as a leg;
`fresh35/` to `fresh40/`, written and committed unseen while the rounds tuned on `fresh31/` to `fresh34/` were made,
their first runs after the last of them, each under a floor of its own and outside the total's floor;
`fresh41/` to `fresh46/`, written and committed unseen after the short round tuned on `fresh35/` to `fresh40/`, their
first runs after it, each under a floor of its own and outside the total's floor; `fresh47/`, eight whole HTML pages
(menus, tickers, related and most-read lists naming other cooperation, comments, footers) written and committed unseen
at the same time, under a floor of its own too; `fresh48/` to `fresh51/` (`fresh50/` whole HTML pages), written and
committed unseen after the rounds tuned on `fresh35/` to `fresh47/` of the same day, their first runs after them, each
under a floor of its own and outside the total's floor; `fresh52/` to `fresh55/` (`fresh52/` text copied out of PDFs,
broken at a fixed width; `fresh53/` whole web pages pasted as text), written and committed unseen after the rounds on
`fresh41/` to `fresh47/`, their first runs after them, each under a floor of its own and outside the total's floor.
Each row also prints `status`: of the matched
events, how many have the expected status (reported, not part of the match). Each batch was first run before any rule was changed for it
(docs/drafts.md gives those first-run figures too). The floors sit a few events below today's
figures: the drafter is deterministic, so they fail on a real regression, not at random.
"""

import pytest

from services.query.drafts import draft
from services.query.drafts.evaluation import score
from shared.edtf import EDTFError, parse
from tests.unit.drafts_corpus import own_articles, seed_articles


def _table(rows) -> str:
    lines = [f"{'article':30} {'expected':>8} {'drafts':>6} {'matched':>7} {'recall':>6} {'precision':>9} {'status':>6}"]
    for name, s in rows:
        lines.append(f"{name:30} {s['expected']:>8} {s['drafts']:>6} {s['matched']:>7} {s['recall']:>6} {s['precision']:>9} {s['status']:>6}")
    return "\n".join(lines)


def _totals(rows) -> dict:
    exp = sum(s["expected"] for _, s in rows)
    got = sum(s["drafts"] for _, s in rows)
    hit = sum(s["matched"] for _, s in rows)
    right = sum(s["status"] for _, s in rows)
    return {"expected": exp, "drafts": got, "matched": hit, "status": right, "recall": round(hit / exp, 2) if exp else 1.0,
            "precision": round(hit / got, 2) if got else 1.0}


BLIND = ("blind", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9")
LATE = ("late", "late2", "late3", "late4", "late5", "late6", "late7")
FRESH = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19", "fresh20", "fresh21", "fresh22", "fresh23", "fresh24", "fresh25", "fresh26", "fresh27", "fresh28", "fresh29", "fresh30", "fresh31", "fresh32", "fresh33", "fresh34", "fresh35", "fresh36", "fresh37", "fresh38", "fresh39", "fresh40", "fresh41", "fresh42", "fresh43", "fresh44", "fresh45", "fresh46", "fresh47", "fresh48", "fresh49", "fresh50", "fresh51", "fresh52", "fresh53", "fresh54", "fresh55")
GROUPS = ("first", "heldout", *BLIND, "unseen", *LATE, *FRESH)


def _group(name: str) -> str:
    if "/" in name:
        return name.split("/")[0]
    return name.split("_")[0] if name.split("_")[0] in ("heldout", *BLIND) else "first"


# The batches from fresh8 on, each written and committed unseen, scored once before any rule changed for
# it (its first run: found of expected, right of drafted), then in most cases tuned on for general rules.
# Each has a floor of its own, a few events below its figure now, and stays outside the total's floor.
UNSEEN_FLOORS = {
    "fresh8": (0.75, 0.75),    # first 27 of 46, 27 of 42; 37 of 46, 37 of 46 after the status, reference-date and two-event rules
    "fresh9": (0.85, 0.88),    # first 31 of 47, 31 of 51; 41 of 47, 41 of 45 after the restatement, non-event, span and reference rules
    "fresh10": (0.9, 0.93),    # first 26 of 47, 26 of 48; 45 of 47, 45 of 45 after the rules of dates, countries, tables, kinds, non-events
    "fresh11": (0.94, 0.94),   # first 44 of 52, 44 of 57 (0.85 / 0.77); 52 of 52, 52 of 52 after the rules of summary lines, visits, …
    "fresh12": (0.75, 0.78),   # first 27 of 44, 27 of 63 (0.61 / 0.43); 36 of 44, 36 of 42 after the rules of non-events, structure, …
    "fresh13": (0.75, 0.7),    # first 24 of 32, 24 of 42 (0.75 / 0.57); 26 of 32, 26 of 34 after the rules of non-events, plans' tense, …
    "fresh14": (0.65, 0.57),   # first 20 of 35, 20 of 41 (0.57 / 0.49); 25 of 35, 25 of 40 after dates told against another event, …
    "fresh15": (0.9, 0.85),    # first 28 of 36, 28 of 40 (0.78 / 0.70); 36 of 36, 36 of 39 after remarks, references, headlines, trips
    "fresh16": (0.9, 0.9),     # first 33 of 49, 33 of 62 (0.67 / 0.53); 48 of 49, 48 of 48 after countries, sides, non-events, dates, …
    "fresh17": (0.88, 0.86),   # first 34 of 45, 34 of 47 (0.76 / 0.72); 43 of 45, 43 of 46 after references, figures of speech, …
    "fresh18": (0.82, 0.82),   # first 39 of 47, 39 of 52 (0.83 / 0.75); 42 of 47, 42 of 47 after the same and a conference's sidelines
    "fresh19": (0.84, 0.86),   # first 43 of 52, 43 of 63 (0.83 / 0.68); 47 of 52, 47 of 50 after dates by the report, leads, …
    "fresh20": (0.86, 0.88),   # first 43 of 58, 43 of 60 (0.74 / 0.72); 54 of 58, 54 of 57 after the same, related stories, legs
    "fresh21": (0.82, 0.78),   # first 48 of 56, 48 of 59 (0.86 / 0.81); 48 of 56, 48 of 57 after captions, a lead's …
    "fresh22": (0.7, 0.72),    # first 40 of 54, 40 of 53 (0.74 / 0.75); 41 of 54, 41 of 52 after plans made ready, …
    "fresh23": (0.82, 0.8),    # first 47 of 61, 47 of 59 (0.77 / 0.80); 53 of 61, 53 of 62 after headings, interviews, …
    "fresh24": (0.76, 0.78),   # first 33 of 51, 33 of 48 (0.65 / 0.69); 42 of 51, 42 of 50 after the same, legs' days
    "fresh25": (0.73, 0.72),   # first 41 of 56, 41 of 58 (0.73 / 0.71); 44 of 56, 44 of 56 after grounds, tenses, possessors
    "fresh26": (0.73, 0.66),   # first 41 of 53, 41 of 58 (0.77 / 0.71); 41 of 53, 41 of 58 after the same (two dates made exact)
    "fresh27": (0.88, 0.78),   # first 36 of 55, 36 of 56 (0.65 / 0.64); 51 of 55, 51 of 62 after trip legs, pairs, …
    "fresh28": (0.77, 0.77),   # first 33 of 57, 33 of 53 (0.58 / 0.62); 46 of 57, 46 of 57 after the same, demonyms, moves
    "fresh29": (0.86, 0.88),   # first 40 of 55, 40 of 55 (0.73 / 0.73); 50 of 55, 50 of 54 after 연기, interviews, lists, …
    "fresh30": (0.8, 0.81),    # first 41 of 60, 41 of 56 (0.68 / 0.73); 51 of 60, 51 of 59 after the same, "They agreed", …
    "fresh31": (0.9, 0.85),    # first 47 of 57, 47 of 58 (0.82 / 0.81); 54 of 57, 54 of 60 after invitations, courses, weeks, …
    "fresh32": (0.87, 0.9),    # first 44 of 59, 44 of 54 (0.75 / 0.81); 54 of 59, 54 of 56 after the same, flights, clefts, …
    "fresh33": (0.88, 0.86),   # first 46 of 56, 46 of 58 (0.82 / 0.79); 52 of 56, 52 of 57 after days by their order, …
    "fresh34": (0.85, 0.84),   # first 38 of 51, 38 of 52 (0.75 / 0.73); 46 of 51, 46 of 52 after the same, weekdays, legs, …
    "fresh35": (0.75, 0.7),    # first 43 of 53, 43 of 57 (0.81 / 0.75)
    "fresh36": (0.74, 0.72),   # first 46 of 58, 46 of 59 (0.79 / 0.78)
    "fresh37": (0.8, 0.7),     # first 44 of 52, 44 of 58 (0.85 / 0.76)
    "fresh38": (0.72, 0.72),   # first 41 of 53, 41 of 53 (0.77 / 0.77)
    "fresh39": (0.76, 0.74),   # first 45 of 55, 45 of 57 (0.82 / 0.79)
    "fresh40": (0.72, 0.76),   # first 43 of 56, 43 of 53 (0.77 / 0.81)
    "fresh41": (0.78, 0.75),   # first 45 of 54, 45 of 56 (0.83 / 0.80)
    "fresh42": (0.72, 0.7),    # first 44 of 57, 44 of 59 (0.77 / 0.75)
    "fresh43": (0.75, 0.82),   # first 48 of 60, 48 of 55 (0.80 / 0.87)
    "fresh44": (0.8, 0.8),     # first 51 of 61, 51 of 59 (0.84 / 0.86)
    "fresh45": (0.75, 0.72),   # first 44 of 56, 44 of 57 (0.79 / 0.77)
    "fresh46": (0.72, 0.64),   # first 44 of 58, 44 of 64 (0.76 / 0.69)
    "fresh47": (0.73, 0.75),   # HTML pages; first 47 of 60, 47 of 59 (0.78 / 0.80)
    "fresh48": (0.78, 0.76),   # first 48 of 58, 48 of 59 (0.83 / 0.81)
    "fresh49": (0.72, 0.64),   # first 44 of 58, 44 of 64 (0.76 / 0.69)
    "fresh50": (0.79, 0.72),   # HTML pages; first 48 of 57, 48 of 62 (0.84 / 0.77)
    "fresh51": (0.72, 0.71),   # first 42 of 55, 42 of 55 (0.76 / 0.76)
    "fresh52": (0.73, 0.75),   # PDF copies; first 47 of 60, 47 of 59 (0.78 / 0.80)
    "fresh53": (0.77, 0.77),   # whole pages as text; first 50 of 61, 50 of 61 (0.82 / 0.82)
    "fresh54": (0.7, 0.7),     # first 43 of 57, 43 of 57 (0.75 / 0.75)
    "fresh55": (0.67, 0.65),   # first 43 of 60, 43 of 61 (0.72 / 0.70)
}


def test_expected_dates_are_dates_coopline_takes():
    """Every expected date is in the EDTF subset records accept (a season's or a quarter's code is not: the
    expected files give those as their months)."""
    wrong = []
    for name, _, expected in own_articles():
        for e in expected:
            try:
                parse(e["date"])
            except EDTFError as err:
                wrong.append(f"{name}: {err}")
    assert not wrong


def test_own_articles_reach_their_floors():
    rows = [(name, score(draft(body)["drafts"], expected)) for name, body, expected in own_articles()]
    groups = {g: [r for r in rows if _group(r[0]) == g] for g in GROUPS}
    assert all(groups.values()), "a batch of articles is missing"
    summary = [(f"all ({g})", _totals(rs)) for g, rs in groups.items()]
    total = _totals(rows)
    before = _totals([r for r in rows if _group(r[0]) not in UNSEEN_FLOORS])
    print("\nDrafts evaluation, our own articles\n"
          + _table(rows + summary + [("all before fresh8", before), ("all", total)]))
    # before fresh8: 445 of 496 expected, 445 of 469 drafts (429 and 464 before the verbless, multilateral, week
    # and departure rules and the gazetteer; the engine before the recall pass: 411 and 443); the floors went
    # from 0.86/0.93 to 0.85/0.92 with fresh7 joining the total and the pass (+13 events found, +4 wrong drafts).
    # fresh8 stays outside this floor rather than lowering it (its first run: 27 of 46 found, 42 drafts;
    # the total with it then read 0.84 / 0.90), and keeps a floor of its own below
    assert before["recall"] >= 0.85 and before["precision"] >= 0.92
    for name, s in rows:  # the blind and late batches keep their misses in view rather than under a floor
        if _group(name) in ("first", "heldout", "unseen"):
            assert s["recall"] >= 0.5 and s["precision"] >= 0.5, name
    unseen = _totals(groups["unseen"])  # 16 articles, the batch the latest rules were written against
    assert unseen["recall"] >= 0.9 and unseen["precision"] >= 0.9
    for group in LATE:  # 6 articles each, first scored as written: recall 0.71-0.89, precision 0.71-1.0
        late = _totals(groups[group])
        assert late["recall"] >= 0.7 and late["precision"] >= 0.75, group
    fresh = _totals(groups["fresh"])  # 11 articles: 26 of 64 found at first, 55 with the rules written for them
    assert fresh["recall"] >= 0.8 and fresh["precision"] >= 0.85
    fresh3 = _totals(groups["fresh3"])  # 5 articles: 11 of 23 found at first (16 drafts), 17 of 18 now
    assert fresh3["recall"] >= 0.6 and fresh3["precision"] >= 0.8
    fresh4 = _totals(groups["fresh4"])  # 9 articles: 22 of 40 found at first (30 drafts), 33 of 35 now
    assert fresh4["recall"] >= 0.75 and fresh4["precision"] >= 0.85
    fresh5 = _totals(groups["fresh5"])  # 6 articles written last, not tuned on: 12 of 22 found, 12 of 16 drafts
    assert fresh5["recall"] >= 0.5 and fresh5["precision"] >= 0.7
    fresh6 = _totals(groups["fresh6"])  # 5 articles after one more round of rules, not tuned on: 9 of 22, 9 of 14
    assert fresh6["recall"] >= 0.35 and fresh6["precision"] >= 0.55
    fresh7 = _totals(groups["fresh7"])  # 7 articles, first run with the recall pass 21 of 41 found, 21 of 29 drafts
    assert fresh7["recall"] >= 0.5 and fresh7["precision"] >= 0.7  # (before it: 17, 24); 31 and 36 after the fixes
    for group, (recall, precision) in UNSEEN_FLOORS.items():  # each written and committed unseen, floored alone
        batch = _totals(groups[group])
        assert batch["recall"] >= recall and batch["precision"] >= precision, group
    # status is reported, not matched on: of the matched events, those with the expected status
    # (451 of 467 before the status rules, 463 of 475 after); its floor is on the total
    assert total["status"] >= 0.95 * total["matched"]
    fresh2 = _totals(groups["fresh2"])  # 6 articles, not tuned on: 15 of 25 expected, 15 of 23 drafts at first; 18 and 23 now
    assert fresh2["recall"] >= 0.5 and fresh2["precision"] >= 0.5
    for group in BLIND:
        assert _totals(groups[group])["recall"] >= 0.5 and _totals(groups[group])["precision"] >= 0.5, group
    for name in ("ko_none", "blind_ko_markets", "blind4_en_markets", "blind5_en_obituary", "blind6_en_weather",
                 "blind7_ko_sports", "blind9_ko_rnd", "late5/ko_exports", "late6/ko_budget",
                 "late7/en_solar"):  # no cooperation event, though countries and dates
        assert dict(rows)[name]["drafts"] == 0


def test_seed_articles_are_reported():
    articles = seed_articles()
    if not articles:
        pytest.skip("the seed articles are not beside the checkout (../shared/seeds)")
    rows = [(name, score(draft(body)["drafts"], expected)) for name, body, expected in articles]
    total = _totals(rows)
    print("\nDrafts evaluation, seed articles\n" + _table(rows + [("all", total)]))
    assert total["matched"] > 0
