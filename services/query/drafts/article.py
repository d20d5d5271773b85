"""The article as the drafter reads it: main text, headline, publication date, language.

HTML pages go through trafilatura (main text and headline, without menus and comments) and
htmldate (the publication date). Neither fetches anything: both are given the page itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.query.drafts.analyser import language
from shared import edtf

_EDTF_DAY = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?[?~%]?(?:/(?:\.\.|\d{4}(?:-\d\d(?:-\d\d)?)?[?~%]?))?|\.\./\d{4}(?:-\d\d(?:-\d\d)?)?[?~%]?")


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    title: str | None
    published: str | None  # EDTF
    url: str | None
    publisher: str | None
    lang: str  # 'ko' | 'en' (or what the caller said)
    given: str | None = None  # the text as given, when line breaks were joined or page furniture blanked

    def header(self) -> dict:
        return {"title": self.title, "published": self.published, "url": self.url,
                "publisher": self.publisher, "lang": self.lang}


def read(body: dict) -> Article:
    """`{text | html, url?, published?, publisher?, lang?}` → Article."""
    html = body.get("html")
    title = published = given = None
    if html:
        text, title, published = _from_html(html)
    else:
        text = body.get("text") or ""
        given, text = text, without_furniture(unwrapped(text))
        title = _headline(text)
    if body.get("published"):
        published = body["published"]
    if published and not (_EDTF_DAY.fullmatch(published) and _real_day(published)):
        published = None
    lang = body.get("lang") or language(text)
    return Article(text, title, published, body.get("url"), body.get("publisher"), lang.split("-")[0].lower(),
                   None if html or given == text else given)


def _real_day(published: str) -> bool:
    """A publication date the calendar has ("2026-02-30" has the form, not the day): what relative dates resolve
    against must be one (the API refuses such a date with a 422; the CLI and other callers pass it on)."""
    try:
        edtf.parse(published)
    except edtf.EDTFError:
        return False
    return True


# a line that ends a sentence, a heading's colon or a quotation: no line broken at a fixed width inside a sentence
_LINE_DONE = re.compile(r"[.!?。:;\"'”’)\]]\s*$")
# a line that opens an item of its own: a bullet, a numbered or lettered item, a Korean heading mark
_ITEM = re.compile(r"\s*(?:[-*•·▪■□○●◦◆◇▲△▶►※☞]|\d{1,2}[.)]\s|[a-zA-Z가-하][.)]\s|\(\d{1,2}\))")


# a Korean line ending on a sentence's final ending with no full stop (a script's "…협약을 맺었습니다", a list's "…
# 개최한다"): a sentence done ("보다", than, and the adverb "다" go on)
_KO_DONE = re.compile(r"[가-힣](?<!보)다[\"'”’)]*\s*$")
# a row of a table set as text: columns apart by two spaces or a tab
_ROW = re.compile(r"\S(?: {2,}|\t)\S")
# an English break inside a sentence: the next line goes on in lower case or a number, or the line ends on a comma,
# a hyphen or a word no sentence ends on
_GOES_ON = re.compile(r"(?:[,\-–]|\b(?:the|a|an|of|in|on|at|to|for|and|or|with|by|from|as|its|their|that|which|is|are|"
                      r"was|were|will|would|has|have|had|be|this|between|into|about|than|who|whose)\b)\s*$", re.IGNORECASE)


def unwrapped(text: str) -> str:
    """Plain text broken into lines at a fixed width (copied from a PDF, an e-mail or a terminal), with each
    break inside a sentence replaced by a space, so that a sentence cut across lines reads as one. A break is
    joined when its line is filled close to the width the text is wrapped at and ends no sentence, and the next
    line goes on (no blank line, no bullet or numbered item). Text written a paragraph a line (lines of free length,
    most far longer than any wrap width) comes back unchanged, and so do a table's rows, a Korean line ending on a
    final -다, and English lines that each start anew (no line going on in lower case, after a comma or a function
    word, for a third of the breaks: a list of headlines, a script). The result has the text's length, every character
    but the joined breaks in place, so that offsets (and quotes taken by them) stay where they were."""
    lines = text.split("\n")
    lengths = sorted(len(x.rstrip()) for x in lines if len(x.strip()) >= 20)
    if len(lengths) < 3:
        return text
    # the width most lines stop at (a short excerpt's longest line: a few lines tell no ninetieth percentile)
    width = lengths[-1] if len(lengths) < 8 else lengths[int(0.9 * (len(lengths) - 1))]
    full = [n for n in lengths if 0.75 * width <= n <= width]
    if width > 120 or len(full) < min(4, len(lengths) - 1) or len(full) < 0.5 * len(lengths):
        return text
    out = list(text)
    at = 0
    joins, goes_on = [], 0
    for line, nxt in zip(lines, lines[1:], strict=False):
        at += len(line)
        body = line.rstrip()
        if 0.75 * width <= len(body) and not _LINE_DONE.search(body) and not _KO_DONE.search(body) and nxt.strip() \
                and not _ITEM.match(nxt) and not _ROW.search(body) and not _ROW.search(nxt.strip()):
            joins.append(at)
            goes_on += bool(re.match(r"\s*[a-z0-9]", nxt) or _GOES_ON.search(body))
        at += 1
    latin = sum("a" <= c.lower() <= "z" for c in text) > sum("가" <= c <= "힣" for c in text)
    if latin and goes_on < len(joins) / 3:
        return text  # lines that each start anew (a list of headlines, a script's lines of one sentence): no wrapping
    for at in joins:
        out[at] = " "
    return "".join(out)


# a line of running text: long, with a sentence's end in it
_SENTENCE_END = re.compile(r"(?:[.!?。]|다\.?|요\.?)[\"'”’)]*(?:\s|$)")
# where a page's own story ends, when the whole page was copied: its lists of other stories, comments, copyright
_STORY_ENDS = re.compile(
    r"\s*(?:<\s*)?(?:(?:관련\s*(?:기사|뉴스|보도\s*자료|자료|게시물|소식)|많이\s*본\s*(?:기사|뉴스|자료|게시물|글)|"
    r"인기\s*(?:기사|뉴스)|추천\s*기사|최신\s*(?:기사|뉴스)|주요\s*뉴스|이\s*시각\s*(?:주요\s*)?뉴스|"
    r"(?:이전|다음)\s*(?:글|기사|게시물)|첨부\s*파일|댓글(?:\s*\(?\d+\)?|\s*쓰기)?)(?=\s*(?:[\]>)】:：|·]|더\s*보기|$))|"
    r"저작권자|ⓒ|©|Copyright\s*(?:©|\(c\)|\d{4}|$)|무단\s*전재|"
    r"Related(?:\s+[\w-]+){0,2}\s*:?\s*$|More\s+(?:stories|news|from|in)\b|"
    r"Most\s+(?:read|popular|viewed|shared)\b|Popular\s*(?:stories|now|news)?\s*$|Trending(?:\s+(?:now|stories|news|topics))?\s*:?\s*$|"
    r"Recommended(?:\s+(?:for\s+you|stories|articles|reading|news))?\s*:?\s*$|"
    r"(?:Previous|Next)\s+(?:article|story|post|release)\b|Attachments?\s*:?\s*$|Tags?\s*:|"
    r"Comments?\s*(?:\(\d+\)|\d+)?\s*$|Leave a (?:comment|reply)\b|You (?:may|might) also like\b|Read (?:more|next)\s*$|"
    r"All rights reserved\b)", re.IGNORECASE)
# a news ticker's label above a story ("BREAKING", "Latest:", "[속보]"): it and its lines up to a blank one
_TICKER = re.compile(r"\s*\[?(?:BREAKING(?:\s+NEWS)?|Latest(?:\s+news)?|Just in|Top stories|Trending now|속보|실시간\s*뉴스|"
                     r"주요\s*뉴스|헤드라인)\]?\s*:?\s*$", re.IGNORECASE)
# where a page's top ends: its navigation path ("Home › Science & Tech › Environment", "홈 > 뉴스 > 과학")
_PATH = re.compile(r"\S[^\n]{0,40}\s[>›»]\s[^\n]{1,40}(?:\s[>›»]\s[^\n]{1,40})*")


def _running(line: str) -> bool:
    body = line.strip()
    return len(body) >= 60 and len(body.split()) >= 6 and _SENTENCE_END.search(body) is not None


def without_furniture(text: str) -> str:
    """A whole web page copied as text: its menus above the story's navigation path, and what follows the
    story's end (lists of other stories, "most read", comments, copyright lines), blanked out — each character
    a space, lines kept, so that offsets stay where they were. Text without those marks comes back unchanged.

    The story is its running text (long lines with sentences); its end is the first mark of a page's tail
    after it ("관련기사", "Related Stories", "Most Read", "댓글", "ⓒ", "Copyright") that less than a third of the
    running text follows (an inline "관련기사" box inside a story leaves the story's text after it)."""
    lines = text.split("\n")
    running = [i for i, x in enumerate(lines) if _running(x)]
    if len(running) < 2:
        return text
    first = running[0]
    starts = [0]
    for x in lines:
        starts.append(starts[-1] + len(x) + 1)
    out = list(text)

    def blank(a: int, b: int) -> None:  # lines a..b-1
        for i in range(a, b):
            for j in range(starts[i], starts[i] + len(lines[i])):
                if not out[j].isspace():
                    out[j] = " "

    top = [i for i in range(first) if _PATH.fullmatch(lines[i].strip() or "-") and len(lines[i].strip()) <= 120]
    if top:
        blank(0, top[-1] + 1)  # the site's name, menus, a ticker, and the path itself
    for i in range(first):
        if _TICKER.match(lines[i]):
            end = next((k for k in range(i + 1, first) if not lines[k].strip()), first)
            blank(i, end)  # other stories' headlines running above this one
    story = sum(len(lines[i]) for i in running)
    for i in range(first + 1, len(lines)):
        if _STORY_ENDS.match(lines[i]) and sum(len(lines[k]) for k in running if k > i) < 0.3 * story:
            blank(i, len(lines))
            break
    return "".join(out)


# a site's navigation line ("Home > News > Global", "대학소식 > 한빛뉴스")
_BREADCRUMB = re.compile(r"\S\s+[>›»]\s+\S")


def _headline(text: str) -> str | None:
    """A plain text's first line when it reads like a headline: short, not a finished sentence. A page's
    header block (the site's name over its navigation line, "Home > News > Global") comes before it."""
    start = 0
    block = re.match(r"\s*(?P<lines>[^\n]+(?:\n[^\n]+)?)\n[ \t]*\n", text[:600])
    if block and _BREADCRUMB.search(block["lines"]) and not re.search(r"\d", block["lines"]):
        start = block.end()  # "Test Hanbit University News" over "Home > News > Global": the site's, not the story's
    for m in re.finditer(r"[^\n]+", text[start:]):
        line = m.group().strip()
        if not line:
            continue
        # "…개발자 키운다", "…협력 2막 연다": a headline's present tense, with no full stop, set apart
        # from the text by a blank line
        apart = re.match(r"[ \t]*\n[ \t]*\n", text[start + m.end():]) is not None
        if len(line) <= 150 and not re.search(r"(?:요|\.|:)$", line) and (not line.endswith("다") or apart):
            return line
        return None
    return None


def _from_html(html: str) -> tuple[str, str | None, str | None]:
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else None
    try:
        published = find_date(html, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)  # the wide search mistakes any year in the text for the date
    except (ValueError, TypeError):
        published = None
    if not text:  # a fragment trafilatura finds no main text in: fall back to its bare text
        text = trafilatura.html2txt(html) or ""
    return text, title, published
