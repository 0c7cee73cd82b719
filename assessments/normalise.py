"""Fair comparison of typed answers in French and Arabic.

Case, spaces and punctuation never matter; French accents are optional; Arabic short vowels
(tashkeel) and the tatweel are ignored, the hamza forms of alef (أ إ آ) count as ا, ى as ي, ة as ه,
and Arabic-Indic digits as Western digits.
"""

import unicodedata

ARABIC_LETTER_EQUIVALENTS = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "ى": "ي",  # alef maqsura
        "ة": "ه",  # taa marbuta
        "ـ": None,  # tatweel
    }
)
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def normalise_answer(text: str) -> str:
    # NFKD splits accented Latin letters, alef with hamza or madda, and tashkeel into a base
    # letter followed by combining marks, which are then dropped.
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (
        char
        for char in decomposed
        if unicodedata.category(char)[0] not in {"M", "P", "Z", "C", "S"} and not char.isspace()
    )
    return "".join(kept).translate(ARABIC_LETTER_EQUIVALENTS).translate(DIGITS).casefold()


def answers_match(given: str, accepted: str) -> bool:
    normalised = normalise_answer(given)
    return bool(normalised) and normalised == normalise_answer(accepted)
