import pytest

from assessments.normalise import answers_match, normalise_answer


@pytest.mark.parametrize(
    ("given", "accepted"),
    [
        ("reinsertion", "Réinsertion"),
        ("  RÉINSERTION. ", "réinsertion"),
        ("Plan d'action", "plan daction"),
        ("ndici-global europe", "NDICI – Global Europe"),
        ("إعادة الإدماج", "اعاده الادماج"),
        ("إِعَادَةُ الإِدْمَاجِ", "إعادة الإدماج"),  # tashkeel
        ("المنـــاصرة", "المناصرة"),  # tatweel
        ("آلية", "الية"),
        ("مستوى", "مستوي"),
        ("٢٠٢١", "2021"),
        ("۲۰۲۱", "2021"),
        ("الاستراتيجية ٢٠٢١", "الإستراتيجية 2021"),
    ],
)
def test_equivalent_answers_match(given, accepted):
    assert answers_match(given, accepted)


@pytest.mark.parametrize(
    ("given", "accepted"),
    [
        ("insertion", "réinsertion"),
        ("", "réinsertion"),
        ("...", "..."),  # punctuation alone is no answer
        ("الادماج", "إعادة الإدماج"),
        ("2020", "٢٠٢١"),
    ],
)
def test_different_answers_do_not_match(given, accepted):
    assert not answers_match(given, accepted)


def test_normalisation_is_stable():
    once = normalise_answer("Réinsertion durable ٢٠٢١ — إعادة")
    assert normalise_answer(once) == once
