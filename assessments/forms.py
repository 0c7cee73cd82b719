from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .question_kinds import structure_errors


def _live_forms(formset):
    return [
        form
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class QuestionAdminForm(WagtailAdminModelForm):
    """Checks that the choices or accepted answers fit the question type."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        choices = _live_forms(self.formsets["choices"])
        answers = _live_forms(self.formsets["accepted_answers"])
        for message in structure_errors(
            kind=kind,
            correct_flags=[form.cleaned_data.get("is_correct", False) for form in choices],
            accepted_answers=len(answers),
        ):
            self.add_error(None, message)
        return cleaned


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The quiz must close after it opens."))
        self._check_pre_test_attempts(cleaned)
        slots = _live_forms(self.formsets["slots"])
        if not slots:
            self.add_error(None, _("Add at least one question to the quiz."))
        for form in slots:
            question, count = form.cleaned_data.get("question"), form.cleaned_data.get("random_count")
            competence = form.cleaned_data.get("random_competence")
            if bool(question) == bool(count or competence):
                form.add_error(
                    None,
                    _("Choose either one question, or a number of random questions of a competence."),
                )
            elif not question and not (count and competence):
                form.add_error(None, _("Random questions need both a number and a competence."))
        return cleaned

    def _check_pre_test_attempts(self, cleaned) -> None:
        from .pre_post import stored_attempt_limit  # imports the models, which import this module

        if "max_attempts" not in cleaned or "purpose" not in cleaned:
            return
        stored = stored_attempt_limit(purpose=cleaned["purpose"], max_attempts=cleaned["max_attempts"] or 0)
        if stored is None:
            self.add_error(
                "max_attempts", _("A pre-test allows one attempt only, to measure the starting point.")
            )
        else:
            cleaned["max_attempts"] = stored


class QuestionnairePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        page = self.instance
        if (
            page.pk
            and "anonymity" in cleaned
            and cleaned["anonymity"] != type(page).objects.get(pk=page.pk).anonymity
            and page.responses.exists()
        ):
            self.add_error("anonymity", _("Anonymity cannot change once responses exist."))
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The questionnaire must close after it opens."))
        for form in _live_forms(self.formsets["items"]):
            self._check_item(form)
        return cleaned

    @staticmethod
    def _check_item(form) -> None:
        from .questionnaire_kinds import definition_errors  # imports the models, which import this module

        data = form.cleaned_data
        for name, message in definition_errors(kind=data.get("kind"), data=data):
            form.add_error(name, message)


class AssignmentPageForm(WagtailAdminPageForm):
    """A rubric criterion describes at least three levels: a criterion without levels could never be
    marked, and the feedback on the work could never be released."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("comments_only"):
            return cleaned
        for form in _live_forms(self.formsets["criteria"]):
            self._check_criterion(form)
        return cleaned

    @staticmethod
    def _check_criterion(form) -> None:
        from home.languages import language_codes, localized

        from .models.assignments import MIN_RUBRIC_LEVELS, RUBRIC_LEVELS  # the models import this module

        data = form.cleaned_data
        described = [
            number
            for number in RUBRIC_LEVELS
            if any((data.get(localized(f"level_{number}", code)) or "").strip() for code in language_codes())
        ]
        if len(described) < MIN_RUBRIC_LEVELS:
            form.add_error(
                None,
                _("Describe at least three levels of this criterion (a fourth is optional)."),
            )
