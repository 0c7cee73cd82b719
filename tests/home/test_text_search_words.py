"""The one folding rule search applies to the query and to the pages' text alike."""

import pytest

from home.text import search_words


@pytest.mark.parametrize(
    "variant",
    [
        "الاتحاد الأوروبي",
        "الاتحاد الاوروبى",
        "اتحاد أوروبي",
        "الإتحاد الأوروبيّ",
        "والاتحاد الأُوروبي",
        "بالاتحاد الاوروبي",
        "الاتحـــاد الأوروبي",
    ],
)
def test_arabic_spellings_of_one_phrase_fold_to_the_same_words(variant):
    assert search_words(variant) == ["اتحاد", "اوروبي"]


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("مؤسسة", ["موسسه"]),  # hamza on waw, taa marbuta
        ("للمهاجرين", ["مهاجرين"]),  # li- and the article
        ("الله", ["له"]),
        ("والي", ["والي"]),  # too short to carry "وال"
        ("آلية", ["اليه"]),  # alef madda, not an article
        ("الآلية", ["اليه"]),
    ],
)
def test_arabic_prefixes_go_only_when_a_word_remains(typed, words):
    assert search_words(typed) == words


def test_direction_marks_and_soft_hyphens_do_not_split_words():
    assert search_words("finance\u00admen\u200ft") == ["financement"]


def test_french_accents_case_and_punctuation_fold():
    assert search_words("Financement EUROPÉEN, l'Union : « réinsertion » !") == [
        "financement",
        "europeen",
        "l",
        "union",
        "reinsertion",
    ]
    assert search_words("?! … «»") == []
