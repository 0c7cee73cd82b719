"""The catalogues follow docs/terminology.md: one term per concept, in French and in Arabic."""

import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"

# concept in the msgid → (what its French must contain, what its Arabic must contain)
CONCEPTS = {
    r"\btrainees?\b": (r"apprenant", r"متكو[ِّ]*ن"),
    r"\btrainers?\b": (r"format(eur|rice)", r"مكو[ِّ]*ن"),
    r"\bpasswords?\b": (r"mot(s)? de passe", r"كلم(ة|ات) (ال)?مرور"),
    r"(?<![\d)] )\bminutes\b(?! left)(?!\))": (r"compte(s)? rendu", r"محضر|محاضر"),
    r"\bcohorts?\b": (r"cohorte", r"فوج|أفواج"),
    r"\bcertificates?\b": (r"certificat", r"شهاد"),
    r"\bworkshops?\b": (r"atelier", r"ورش"),
    r"\bfeedback\b": (r"commentaire|retour", r"ملاحظات"),
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
# variants that the list rules out, wherever they appear
NOT_FRENCH = [r"\bstagiaires?\b", r"rétroaction", r"procès-verbal", r"\battestation"]
NOT_ARABIC = [r"رمز المرور", r"كلمة السر", r"متدر[ّ]?ب", r"مدر[ّ]?ب", r"التغذية الراجعة", r"خطة التكوين"]


STRING = r'"(?:[^"\\]|\\.)*"'
ENTRY = re.compile(
    rf"^(?:msgctxt (?:{STRING}\n)+)?msgid ((?:{STRING}\n)+)(?:msgid_plural (?:{STRING}\n)+)?"
    rf"((?:msgstr(?:\[\d\])? (?:{STRING}\n)+)+)",
    re.M,
)


def joined(lines: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lines))


def entries(language: str) -> dict[str, list[str]]:
    """msgid → its msgstr forms, from the project's catalogue (obsolete entries left out)."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("#")) + "\n"
    found = {}
    for match in ENTRY.finditer(text):
        forms = re.split(r"^msgstr(?:\[\d\])? ", match.group(2), flags=re.M)
        found[joined(match.group(1))] = [joined(form) for form in forms if form]
    found.pop("", None)
    return found


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_listed_concept_has_its_one_term(language):
    catalogue = entries(language)
    column = 0 if language == "fr" else 1
    wrong = [
        (msgid, form)
        for concept, terms in CONCEPTS.items()
        for msgid, forms in catalogue.items()
        if re.search(concept, PLACEHOLDER.sub("0", msgid), re.I)
        for form in forms
        if form and not re.search(terms[column], form, re.I)
    ]
    assert not wrong, "\n".join(f"{msgid!r} → {form!r}" for msgid, form in wrong)


@pytest.mark.parametrize(("language", "variants"), [("fr", NOT_FRENCH), ("ar", NOT_ARABIC)])
def test_no_variant_the_list_rules_out(language, variants):
    found = [
        (msgid, form)
        for msgid, forms in entries(language).items()
        for form in forms
        if any(re.search(variant, form, re.I) for variant in variants)
    ]
    assert not found, "\n".join(f"{msgid!r} → {form!r}" for msgid, form in found)


# The reader is addressed in the plural of respect (docs/terminology.md, "Form of address"): these
# markers of the second person singular must not appear in the Arabic catalogue. Each is a whole
# word (Arabic letters and short vowels around it excluded), so that "أنتم" or "لكم" do not match.
LETTER = r"[\w\u064B-\u0652]"
SINGULAR_ADDRESS = [
    # pronouns and "you can / you must / you have"
    r"أنت[َِ]?",
    r"(يمكن|بإمكان|علي|لدي|ل|ب|إلي|من)ك[َِ]?",
    # "your ..." on the nouns the interface uses
    r"(إجابت|إجابات|نتيجت|تقد[ّ]?م|حساب|معطيات|بريد|اختيار|محاولت|شهادت|شهادات|حقوق|إتمام|حضور|رضا"
    r"|لعمل|احتياجات|هويت|تعل[ّ]?م)ك[َِ]?",
    # verbs in the past, second person singular
    r"(أتممت|أجبت|أرسلت|قبلت|نسيت|تجاوزت|استنفدت)[َِ]?",
    # imperatives in the singular (the plural "اختاروا", or "يُرجى" + noun, is the rule)
    r"(اختر|أدخل|اضغط|اكتب|اطلب|أضف|أنشئ|انطلق|اترك|املأ|اتبع|أتمم)",
    r"هل تريد(?!ون)",
]
SINGULAR = re.compile(rf"(?<!{LETTER})(?:{'|'.join(SINGULAR_ADDRESS)})(?!{LETTER})")


def test_arabic_addresses_the_reader_in_the_plural_of_respect():
    found = [
        (msgid, match.group(0), form)
        for msgid, forms in entries("ar").items()
        for form in forms
        for match in SINGULAR.finditer(form)
    ]
    assert not found, "\n".join(f"{msgid!r}: {word!r} in {form!r}" for msgid, word, form in found)


def test_the_singular_markers_catch_the_singular_and_spare_the_plural():
    for singular in ["أنتَ", "يمكنك العودة", "إجاباتك.", "تقدّمك", "اختر فوجًا", "أدخل", "لقد أتممت الدورة"]:
        assert SINGULAR.search(singular), singular
    for plural in ["أنتم", "يمكنكم العودة", "إجاباتكم.", "تقدّمكم", "اختاروا", "يُرجى إدخال", "ذلك", "كانت"]:
        assert not SINGULAR.search(plural), plural


def test_french_writes_out_its_plurals_and_genders():
    """No "question(s) répondue(s)" nor "un(e)": a count gets a sentence that holds for any number."""
    found = [
        (msgid, form)
        for msgid, forms in entries("fr").items()
        for form in forms
        if re.search(r"\w\((e|s|es|x)\)", form)
    ]
    assert not found, "\n".join(f"{msgid!r} → {form!r}" for msgid, form in found)
