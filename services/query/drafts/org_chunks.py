"""Pieces of a Korean noun chunk: the body at its head ("국립축산과학원 상호협력을"), the body a
titled person speaks for ("유영민 과학기술정보통신부 장관"), and joint bodies whose name holds two
countries ("벨라루스-한국 정보기술협력센터").
"""

from __future__ import annotations

from services.query.drafts import places
from services.query.drafts.org_types import is_org_name


def words_of(run) -> list[list]:
    words, word = [], []
    for t in run:
        if word and t.start - word[-1].end >= 1:
            words.append(word)
            word = []
        word.append(t)
    if word:
        words.append(word)
    return words


MAX_NAME_WORDS = 12


def leading_org(run) -> list | None:
    """The longest run of whole words at the start of a chunk that names an institution."""
    words = words_of(run)
    # no institution's name runs to more than a dozen words; without the bound a run of
    # thousands of words (a page with no sentence breaks) cost its length squared
    for k in range(min(len(words) - 1, MAX_NAME_WORDS), 0, -1):
        head = [t for w in words[:k] for t in w]
        if is_org_name("".join(t.form for t in head)) and not joint(head):
            return head
    return None


def joint(run) -> bool:
    """Two countries in one name (벨라루스-한국 정보기술협력센터, 한·러 혁신센터): a joint body."""
    codes = {c for t in run for p in places.find(t.form) if not p.city for c in p.codes}
    return len(codes) >= 2


def organisation_of_person(run):
    """"유영민 과학기술정보통신부" → 과학기술정보통신부: the shortest run of whole words at the
    end that names an institution, with a country word before it kept (러시아 … 통신언론부)."""
    words = words_of(run)
    # the body may also come before the name: "벨라루스 … 행정아카데미 팔치크 총장"
    for stop in range(len(words), 0, -1):
        for k in range(stop - 1, -1, -1):
            tail = [t for w in words[k:stop] for t in w]
            if is_org_name("".join(t.form for t in tail)):
                country = [t for w in words[:k] for t in w if places.find(t.form) and not places.find(t.form)[0].city]
                return country[:1] + tail
    return []
