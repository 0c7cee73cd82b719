"""Meeting minutes are a record.

- Their figures are the questionnaire's results as they stood at the end of the meeting date: only
  responses submitted on or before it count (`questionnaire_results(as_of=...)`).
- A draft is written, then adopted (by whom, when). Adoption freezes what the minutes show, in every
  language: the questionnaire's title, the names of the agreed competences and the figures. The page
  and the PDF of adopted minutes render from that snapshot, so that nothing changed later (a response,
  a reopened questionnaire, an edited question, a renamed competence) changes them.
- Adopted minutes are never changed again (`MeetingMinutes.save` refuses too). A correction is a new
  version, started from the current one; once adopted it supersedes the earlier versions, which stay
  readable and printable.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.people import display_name

from .models import MeetingMinutes, QuestionnairePage
from .models.questionnaires import AdoptedMinutesAreFinal, MinutesStatus
from .questionnaire_kinds import OtherResult
from .survey_figures import Bar, ChoiceResult, CompetenceNeed, Distribution, RankedCompetence, TextAnswers
from .survey_figures import bars as shared_bars
from .survey_results import QuestionnaireResults, questionnaire_results

SNAPSHOT_FORMAT = 1
TRANSLATED_FIELDS = ("place", "participants", "summary", "decisions")


# Versions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MinutesVersions:
    """Every version of a questionnaire's minutes, oldest first."""

    versions: list[MeetingMinutes]

    @property
    def draft(self) -> MeetingMinutes | None:
        return next((m for m in self.versions if not m.is_adopted), None)

    @property
    def adopted(self) -> list[MeetingMinutes]:
        return [m for m in self.versions if m.is_adopted]

    @property
    def current(self) -> MeetingMinutes | None:
        """The latest adopted version; while none is adopted, the draft."""
        adopted = self.adopted
        return adopted[-1] if adopted else self.draft

    def get(self, version: int) -> MeetingMinutes | None:
        return next((m for m in self.versions if m.version == version), None)

    def listing(self) -> list[tuple[MeetingMinutes, MeetingMinutes | None]]:
        """Each version, newest first, with the version that superseded it."""
        return [(m, self.superseded_by(m)) for m in reversed(self.versions)]

    def superseded_by(self, minutes: MeetingMinutes) -> MeetingMinutes | None:
        """The adopted version that replaced `minutes`, if any."""
        if not minutes.is_adopted:
            return None
        return next((m for m in self.adopted if m.version > minutes.version), None)


def minutes_versions(*, questionnaire: QuestionnairePage) -> MinutesVersions:
    versions = (
        MeetingMinutes.objects.filter(questionnaire=questionnaire)
        .select_related("adopted_by", "updated_by")
        .prefetch_related("priority_competences")
        .order_by("version")
    )
    return MinutesVersions(list(versions))


# Writing ---------------------------------------------------------------------------------------


def _lock(questionnaire_id: int) -> MinutesVersions:
    """Lock the questionnaire's minutes for the rest of the transaction (adoption and correction race)."""
    QuestionnairePage.objects.select_for_update().filter(pk=questionnaire_id).exists()
    return MinutesVersions(
        list(MeetingMinutes.objects.filter(questionnaire_id=questionnaire_id).order_by("version"))
    )


def editable_draft(*, questionnaire: QuestionnairePage) -> MeetingMinutes:
    """The draft to edit: the existing one, or version 1 when there are no minutes yet.
    Refused (AdoptedMinutesAreFinal) when the minutes are adopted and no correction is under way."""
    versions = minutes_versions(questionnaire=questionnaire)
    if versions.draft is not None:
        return versions.draft
    if versions.versions:
        raise AdoptedMinutesAreFinal
    return MeetingMinutes(questionnaire=questionnaire, version=1)


@transaction.atomic
def adopt_minutes(*, minutes: MeetingMinutes, user, now: datetime | None = None) -> MeetingMinutes:
    """Adopt a draft: record who and when, and freeze what the minutes show in every language."""
    now = now or timezone.now()
    versions = _lock(minutes.questionnaire_id)
    draft = versions.get(minutes.version)
    if draft is None or draft.is_adopted:
        raise AdoptedMinutesAreFinal
    if draft.meeting_date > timezone.localdate(now):
        raise ValidationError(
            _("Minutes can only be adopted once the meeting has taken place."), code="future_meeting"
        )
    draft.full_clean()
    draft.snapshot = {**freeze(minutes=draft), "adopted_by": display_name(user)}
    draft.status = MinutesStatus.ADOPTED
    draft.adopted_at = now
    draft.adopted_by = user
    draft.save()
    return draft


@transaction.atomic
def start_correction(*, questionnaire: QuestionnairePage, user) -> MeetingMinutes:
    """A new draft version copied from the current adopted one; the adopted versions stay as they are.
    When a correction is already under way, that draft is returned."""
    versions = _lock(questionnaire.pk)
    if versions.draft is not None:
        return versions.draft
    current = versions.current
    if current is None:
        raise ValidationError(_("There are no minutes to correct yet."), code="no_minutes")
    number = versions.versions[-1].version + 1
    copied = {
        f"{name}_{language}": getattr(current, f"{name}_{language}")
        for name in TRANSLATED_FIELDS
        for language, _name in settings.LANGUAGES
    }
    correction = MeetingMinutes(
        questionnaire_id=questionnaire.pk,
        version=number,
        meeting_date=current.meeting_date,
        updated_by=user,
        **copied,
    )
    correction.full_clean()
    correction.save()
    correction.priority_competences.set(current.priority_competences.all())
    return correction


# What the minutes show -------------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """A competence or a question as the adopted minutes named it."""

    name: str = ""
    key: str = ""

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class FrozenResults:
    """The figures of adopted minutes: what `QuestionnaireResults` offers the templates, as stored."""

    responses: int
    expected: int
    response_rate: int
    hidden: bool
    threshold: int
    non_respondent_names: list[str]
    needs: list[CompetenceNeed]
    heatmap_competences: list[Named]
    heatmap: list[tuple[str, list[int | None]]]
    choices: list[ChoiceResult]
    rankings: list[tuple[Named, list[RankedCompetence]]]
    texts: list[TextAnswers]
    others: list[OtherResult]


@dataclass(frozen=True)
class MinutesDocument:
    """One version of the minutes as its page and PDF show it."""

    minutes: MeetingMinutes
    title: str
    priority_competences: list[str]
    results: QuestionnaireResults | FrozenResults
    adopted_by_name: str = ""
    superseded_by: MeetingMinutes | None = None


def minutes_document(*, minutes: MeetingMinutes, versions: MinutesVersions) -> MinutesDocument:
    """In the active language: adopted minutes from their snapshot, a draft from the questionnaire's
    results as of its meeting date."""
    if minutes.is_adopted:
        frozen = _snapshot_in_active_language(minutes.snapshot)
        return MinutesDocument(
            minutes=minutes,
            title=frozen["title"],
            priority_competences=frozen["priority_competences"],
            results=thaw_results(frozen["results"]),
            adopted_by_name=minutes.snapshot["adopted_by"],
            superseded_by=versions.superseded_by(minutes),
        )
    return MinutesDocument(
        minutes=minutes,
        title=minutes.questionnaire.title,
        priority_competences=[c.name for c in _in_order(minutes.priority_competences.all())],
        results=questionnaire_results(questionnaire=minutes.questionnaire, as_of=minutes.meeting_date),
    )


def _in_order(competences) -> list:
    return sorted(competences, key=lambda competence: (competence.sort_order, competence.pk))


def _snapshot_in_active_language(snapshot: dict) -> dict:
    by_language = snapshot["languages"]
    active = translation.get_language() or settings.LANGUAGE_CODE
    return by_language.get(active) or by_language[settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


# The snapshot ----------------------------------------------------------------------------------


def freeze(*, minutes: MeetingMinutes) -> dict:
    """What `minutes` show, in every language, as plain JSON values."""
    questionnaire = QuestionnairePage.objects.get(pk=minutes.questionnaire_id)
    languages = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            results = questionnaire_results(questionnaire=questionnaire, as_of=minutes.meeting_date)
            languages[language] = {
                "title": questionnaire.title,
                "priority_competences": [c.name for c in _in_order(minutes.priority_competences.all())],
                "results": freeze_results(results),
            }
    return {"format": SNAPSHOT_FORMAT, "as_of": date.isoformat(minutes.meeting_date), "languages": languages}


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _bars(bars: list[Bar]) -> list[list]:
    return [[bar.label, bar.count, bar.total] for bar in bars]


def _distribution(dist: Distribution) -> dict:
    return {"bars": _bars(dist.bars), "values": list(dist.values)}


def freeze_results(results: QuestionnaireResults) -> dict:
    frozen = {
        "responses": results.responses,
        "expected": results.expected,
        "response_rate": results.response_rate,
        "hidden": results.hidden,
        "threshold": results.threshold,
        "non_respondents": results.non_respondent_names,
        "needs": [
            {
                "competence": [need.competence.name, need.competence.key],
                "level": _distribution(need.level),
                "importance": _distribution(need.importance),
                "priority": _decimal(need.priority),
            }
            for need in results.needs
        ],
        "heatmap_competences": [[c.name, c.key] for c in results.heatmap_competences],
        "heatmap": [[name, levels] for name, levels in results.heatmap],
        "choices": [
            {
                "label": choice.item.label,
                "bars": _bars(choice.bars),
                "answered": choice.answered,
                "mean": _decimal(choice.mean),
            }
            for choice in results.choices
        ],
        "rankings": [
            {
                "label": item.label,
                "rows": [[r.competence.name, r.points, r.mentions, r.first_choices] for r in ranked],
            }
            for item, ranked in results.rankings
        ],
        "texts": [
            {"label": text.item.label, "answers": [list(a) for a in text.answers]} for text in results.texts
        ],
    }
    if results.others:  # kinds with their own display; snapshots without them keep their shape
        frozen["others"] = [
            {
                "label": other.item.label,
                "template": other.template_name,
                "lines": [list(line) for line in other.lines],
            }
            for other in results.others
        ]
    return frozen


def _thaw_decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _thaw_bars(rows: list[list]) -> list[Bar]:
    if not rows:
        return []
    return shared_bars(labels=[row[0] for row in rows], counts=[row[1] for row in rows], total=rows[0][2])


def _thaw_distribution(data: dict) -> Distribution:
    return Distribution(_thaw_bars(data["bars"]), list(data["values"]))


def thaw_results(data: dict) -> FrozenResults:
    return FrozenResults(
        responses=data["responses"],
        expected=data["expected"],
        response_rate=data["response_rate"],
        hidden=data["hidden"],
        threshold=data["threshold"],
        non_respondent_names=list(data["non_respondents"]),
        needs=[
            CompetenceNeed(
                Named(*need["competence"]),
                _thaw_distribution(need["level"]),
                _thaw_distribution(need["importance"]),
                _thaw_decimal(need["priority"]),
            )
            for need in data["needs"]
        ],
        heatmap_competences=[Named(name, key) for name, key in data["heatmap_competences"]],
        heatmap=[(name, levels) for name, levels in data["heatmap"]],
        choices=[
            ChoiceResult(
                Named(choice["label"]),
                _thaw_bars(choice["bars"]),
                choice["answered"],
                _thaw_decimal(choice["mean"]),
            )
            for choice in data["choices"]
        ],
        rankings=[
            (
                Named(ranking["label"]),
                [RankedCompetence(Named(name), *figures) for name, *figures in ranking["rows"]],
            )
            for ranking in data["rankings"]
        ],
        texts=[
            TextAnswers(Named(text["label"]), [tuple(a) for a in text["answers"]]) for text in data["texts"]
        ],
        others=[
            OtherResult(Named(other["label"]), other["template"], [tuple(line) for line in other["lines"]])
            for other in data.get("others", [])
        ],
    )
