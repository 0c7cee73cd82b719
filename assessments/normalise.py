"""Fair comparison of typed answers in French and Arabic (see home.text.fold for the rules);
spaces do not matter either."""

from home.text import fold


def normalise_answer(text: str) -> str:
    return fold(text).replace(" ", "")


def answers_match(given: str, accepted: str) -> bool:
    normalised = normalise_answer(given)
    return bool(normalised) and normalised == normalise_answer(accepted)
