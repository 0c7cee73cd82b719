"""Typed text's direction, as a browser's dir="auto" decides it: from its first strong character."""

import pytest

from home.languages import text_direction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plan OFII", "ltr"),
        ("تمويل مكتبين", "rtl"),
        ("2027 : « OFII »", "ltr"),  # digits and punctuation are weak: the first letter decides
        ("« تونسنا » et OFII", "rtl"),
        ("12/01/2027", "auto"),
        ("", "auto"),
    ],
)
def test_the_first_strong_character_decides(text, expected):
    assert text_direction(text) == expected
