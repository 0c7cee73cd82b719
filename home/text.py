"""Text folding shared by answer matching and search, fair to French and Arabic.

Case and punctuation never matter; French accents are optional; Arabic short vowels (tashkeel) and
the tatweel are ignored, the hamza forms of alef (أ إ آ) count as ا, ى as ي, ة as ه, and
Arabic-Indic digits as Western digits.
"""

import re
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
SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case words without accents, tashkeel or punctuation, separated by single spaces."""
    # NFKD splits accented Latin letters, alef with hamza or madda, and tashkeel into a base
    # letter followed by combining marks, which are then dropped.
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category[0] == "M" or category == "Cf":
            continue
        kept.append(" " if category[0] in {"P", "S", "Z", "C"} else char)
    folded = "".join(kept).translate(ARABIC_LETTER_EQUIVALENTS).translate(DIGITS).casefold()
    return SPACES.sub(" ", folded).strip()


# Arabic prefixes a search ignores: the article and the article after a one-letter conjunction or
# preposition (و ب ك ف), and لل (li- + the article), each with the shortest stem it may leave.
ARABIC_ARTICLE_PREFIXES = (("وال", 3), ("بال", 3), ("كال", 3), ("فال", 3), ("لل", 3), ("ال", 2))


def _without_article(word: str) -> str:
    for prefix, shortest_stem in ARABIC_ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= shortest_stem:
            return word[len(prefix) :]
    return word


def search_words(text: str) -> list[str]:
    """The words search compares, query and indexed text alike: `fold`ed, and Arabic words without
    their article, so that "الاتحاد الأوروبي", "الاتحاد الاوروبى" and "اتحاد اوروبي" are the same
    words, as are "Européen" and "europeen"."""
    return [_without_article(word) for word in fold(text).split()]
