"""The default satisfaction survey (reaction level): the questions a new survey starts with."""

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from home.languages import language_codes, localized

from .models import QuestionnaireItem, QuestionnairePage
from .models.questionnaires import ItemKind

RATINGS = [
    gettext_noop("How relevant was the workshop to your job? (1 = not at all, 5 = very)"),
    gettext_noop("How satisfied are you with the content? (1 = not at all, 5 = very)"),
    gettext_noop("How satisfied are you with the facilitation? (1 = not at all, 5 = very)"),
    gettext_noop(
        "How satisfied are you with the organisation (place, timing, materials)? (1 = not at all, 5 = very)"
    ),
    gettext_noop("Overall, how satisfied are you with the workshop? (1 = not at all, 5 = very)"),
]
RECOMMEND = gettext_noop("Would you recommend this workshop to a colleague?")
RECOMMEND_OPTIONS = [gettext_noop("Yes"), gettext_noop("Maybe"), gettext_noop("No")]
COMMENTS = gettext_noop("Comments and suggestions")


def _in_every_language(text: str) -> dict[str, str]:
    values = {}
    for language in language_codes():
        with translation.override(language):
            values[language] = gettext(text)
    return values


def _item(kind: str, name: str, texts: dict[str, str], **fields) -> dict:
    return {"kind": kind, **{localized(name, lang): value for lang, value in texts.items()}, **fields}


def add_default_satisfaction_items(survey: QuestionnairePage) -> None:
    """Give an empty satisfaction survey the default reaction questions, in French and Arabic."""
    if survey.items.exists():
        return
    rows = [_item(ItemKind.RATING, "label", _in_every_language(text)) for text in RATINGS]
    options = {
        localized("options", lang): "\n".join(
            value[lang] for value in map(_in_every_language, RECOMMEND_OPTIONS)
        )
        for lang in language_codes()
    }
    rows.append(_item(ItemKind.SINGLE_CHOICE, "label", _in_every_language(RECOMMEND), **options))
    rows.append(_item(ItemKind.FREE_TEXT, "label", _in_every_language(COMMENTS), required=False))
    for order, row in enumerate(rows):
        QuestionnaireItem.objects.create(questionnaire=survey, sort_order=order, **row)
