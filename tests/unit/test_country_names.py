"""A country given by name where a code is expected: the code(s) it may mean, from CLDR names."""

from __future__ import annotations

import pytest

from shared import countries


@pytest.mark.parametrize("given, codes", [
    ("Korea", ["KP", "KR"]), ("벨라루스", ["BY"]), ("belarus", ["BY"]), ("Denmark", ["DK"]), ("덴마크", ["DK"]),
    ("뉴질랜드", ["NZ"]), ("KOR", ["KR"]), ("Korea, Republic of", ["KR"]), ("zz", []), ("", []), ("Atlantis", []),
])
def test_suggest(given, codes):
    assert countries.suggest(given) == codes


def test_the_message_names_the_code_to_use():
    assert countries.not_a_code("벨라루스") == "'벨라루스' is not an ISO 3166-1 alpha-2 country code; did you mean BY (Belarus)?"
    assert countries.not_a_code("XX") == "'XX' is not an ISO 3166-1 alpha-2 country code"
