"""Rules read from where a sentence stands in the page, not from its words alone.

* A report's section heading that names the one foreign country of its part ("가. 1차 방문국
  리투아니아(10. 14. ~ 10. 17.)", "Leg 2: Portugal, 18–21 October"): the list items under it, up to
  the next heading, tell that country's part of the trip, though they no longer name it
  ("○ 10. 15.(화) 시의회 방문, 의장과 면담"). Such an item's event, whose sides name no foreign
  country, is with the heading's country.
* An interview's answer (a paragraph that is one quotation, under a question line) tells events.
* A photo's caption line retells the story.
* An opening or project of ours in a sentence that names one foreign country is with that country.
* Delegations that attended, right after an event, are that event's attendance, not a visit.
"""
from __future__ import annotations

import re

from services.query.drafts import places, records


def heading_countries(sents, text: str, home: str | None, is_header, is_sub_item, is_list_line) -> dict[int, str]:
    """Where each sentence on a list line under a one-country heading starts → that heading's country."""
    ours = {"KR", home} - {None}
    out: dict[int, str] = {}
    country = None
    for s in sents:
        start = text.rfind("\n", 0, s.start) + 1
        end = text.find("\n", s.start)
        line = text[start:end if end >= 0 else len(text)].strip()
        if text[start:s.start].strip():  # a sentence that goes on a line (the analyser cut it): the line's
            if country is not None and is_list_line(line):
                out[s.start] = country
            continue
        if is_header(line) and not is_sub_item(line):
            codes = _countries_named(line) - ours
            country = next(iter(codes)) if len(codes) == 1 else None
        elif country is not None and is_list_line(line):
            out[s.start] = country
    return out


def give_heading_country(drafts: list[dict], under: dict[int, str], home: str | None, lang: str) -> None:
    """A list item's event that names no foreign side takes the country of the heading it stands under."""
    ours = {"KR", home} - {None}
    for d in drafts:
        code = under.get(d.get("_at", -1))
        rec = d["record"]
        if code is None or {p.get("country") for p in rec["participants"]} - ours - {None}:
            continue
        _add_side(d, code, lang)


# an interview's question line: "- 인연은 언제 시작됐나.", "- 앞으로 계획은.", "Q: How did it start?", "▶ 앞으로 계획은?"
# (a bulleted line asks only in a question's ending: "- 향후 추진 방향" is a heading, not a question)
_QUESTION = re.compile(r"^\s*(?:[-–―▶◆■].{0,80}(?:[나까가냐지요은는데]|[?？]|들었다|알려졌다)\.?|(?:Q\s*[.:：]|질문\s*[:：]).{0,80})\s*$"
                       r"|^.{0,120}\?\s*$")
_WHOLE_QUOTE = re.compile(r"^\s*[“\"][^“”\"]+[”\"]\s*$")


def interview_answer(text: str, at: int) -> bool:
    """The paragraph at `at` is an interview's answer: one quotation, all of the paragraph, under a
    question line ("- 공식 협력은 어떻게 이어졌나." then "\"2017년 … 업무협약을 맺었다. …\""). The one who
    answers tells what happened; it is no remark quoted within a story."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    if not _WHOLE_QUOTE.match(text[start:end if end >= 0 else len(text)]):
        return False
    before = [line for line in text[:start].splitlines() if line.strip()]
    return bool(before) and bool(_QUESTION.match(before[-1]))


# a photo's caption line: "[사진] …", "(사진) …", "사진=…", "[Photo] …", "Photo: …", "Caption: …", or labelled in
# words: "사진 설명: 4월 20일 … 서명한 뒤 …", "Photo caption: …"
_CAPTION = re.compile(r"[ \t]*(?:\[\s*(?:사진|Photo|PHOTO)\b[^\]\n]*\]|\(\s*사진[^)\n]*\)|사진\s*=|(?:Photo|PHOTO|Caption)\s*:"
                      r"|(?:사진\s*설명|(?:Photo|PHOTO|Picture|Image)\s+(?:caption|Caption|CAPTION))\s*[:：])")


def caption_label(text: str, at: int) -> bool:
    """The line at `at` is a photo's caption, which retells the story."""
    return bool(_CAPTION.match(text, text.rfind("\n", 0, at) + 1))


def give_named_country(drafts: list[dict], home: str | None, lang: str) -> None:
    """An event whose sides name no foreign country, in a sentence that names one ("진흥청은 다음 달 에티오피아
    아므하라 지역에 실증단지를 개소할 예정이다": where it happens, not a party's name) is with that country."""
    ours = {"KR", home} - {None}
    for d in drafts:
        rec = d["record"]
        countries = {p.get("country") for p in rec["participants"]} - {None}
        if rec["kind"] not in ("opening", "project") or countries - ours or not countries:
            continue  # (a thing set up or carried out somewhere, by a side of ours)
        codes = _countries_named(d["quote"]) - ours
        if len(codes) != 1:
            continue
        code = next(iter(codes))
        _add_side(d, code, lang)


# "Delegations from Korea, Germany and Paraguay attended in person": who came to the event just told (no object)
_CAME_TO_IT_EN = re.compile(r"^\W*(?:The\s+)?(?:delegations?|delegates|representatives)\s+(?:from|of)\s+[^.;]{0,120}?\s"
                            r"(?:also\s+)?(?:attended|took part|participated|joined)\b(?!\s+(?:a|an|the|its|their|this)\s)",
                            re.IGNORECASE)


def attendance_of_event_before(drafts: list[dict], text: str) -> list[dict]:
    """A visit told only as delegations attending, with no event named, right after an event of the same
    paragraph: that event's attendance. Its sides join that event; it is no visit of its own."""
    out: list[dict] = []
    for d in drafts:
        at = d.get("_at", -1)
        before = [e for e in out if -1 < e.get("_at", -1) <= at and "\n" not in text[e["_at"]:at]]
        if d["record"]["kind"] != "visit" or not before or not _CAME_TO_IT_EN.match(d["quote"]):
            out.append(d)
            continue
        host = before[-1]["record"]
        have = {p.get("country") for p in host["participants"]}
        host["participants"] += [p for p in d["record"]["participants"] if p.get("country") not in have]
        records.recheck(before[-1])
    return out


def _add_side(d: dict, code: str, lang: str) -> None:
    """The country's side, unnamed ("에티오피아 측", "Ethiopia side"), as a participant of the draft."""
    name = f"{places.name_en(code)} side" if lang == "en" else f"{places.name_ko(code)} 측"
    d["record"]["participants"].append({"name": name, "country": code, "type": "other", "role": "participant"})
    records.recheck(d)


def _countries_named(text: str) -> set[str]:
    """The countries `text` names as countries (a city's country is not counted, nor a compound's)."""
    return {c for p in places.find(text) if not p.city and len(p.codes) == 1 for c in p.codes}
