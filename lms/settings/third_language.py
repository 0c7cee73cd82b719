"""Test settings with a third language (English) beside French and Arabic: the proof that a language
is data (tests/third_language/). The migrations hold the columns of the two shipped languages;
modeltranslation's `sync_translation_fields` adds the third language's after migrating, as the README's
"Adding a language" says."""

from .test import *  # noqa: F403

LANGUAGES = [*LANGUAGES, ("en", "English")]  # noqa: F405
MODELTRANSLATION_LANGUAGES = (*MODELTRANSLATION_LANGUAGES, "en")  # noqa: F405
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
