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
# preposition (و ب ك ف), and لل (li- + the article), each with the shortest stem it may leave. They
# are looked for before folding: the article's alef is a bare alef (or wasla), so that the madda of
# "آلية" (ا once folded) never reads as an article.
ARABIC_ARTICLE_PREFIXES = tuple(
    (prefix.replace("ا", alef), shortest_stem)
    for prefix, shortest_stem in (("وال", 3), ("بال", 3), ("كال", 3), ("فال", 3), ("لل", 3), ("ال", 2))
    for alef in ("ا", "ٱ")
)
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # tashkeel, tatweel


def _without_article(word: str) -> str:
    bare = ARABIC_MARKS.sub("", word)
    for prefix, shortest_stem in ARABIC_ARTICLE_PREFIXES:
        if bare.startswith(prefix) and len(bare) - len(prefix) >= shortest_stem:
            return bare[len(prefix) :]
    return word


def search_words(text: str) -> list[str]:
    """The words search compares, query and indexed text alike: `fold`ed, and Arabic words without
    their article, so that "الاتحاد الأوروبي", "الاتحاد الاوروبى" and "اتحاد اوروبي" are the same
    words, as are "Européen" and "europeen"."""
    words = []
    for part in fold_separators(unicodedata.normalize("NFC", text)).split():
        words.extend(fold(_without_article(part)).split())
    return words


def fold_separators(text: str) -> str:
    """`text` with punctuation, symbols and spaces as spaces, format characters (direction marks,
    soft hyphens) dropped as `fold` drops them, letters and marks untouched."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category != "Cf":
            kept.append(" " if category[0] in {"P", "S", "Z", "C"} else char)
    return "".join(kept)
