"""Builders for questionnaires: `make_questionnaire(anonymity=..., kinds=[...])`."""

from itertools import count

from django.utils import translation

from assessments.models import QuestionnaireItem, QuestionnairePage
from assessments.models.questionnaires import ItemKind
from courses.models import Competence, Domain
from home.site_tree import ensure_home_page

_sequence = count(1)


def make_competences(number: int = 3) -> list[Competence]:
    domain, _ = Domain.objects.get_or_create(key="domain", defaults={"name_fr": "Domaine", "name_ar": "مجال"})
    competences = []
    for index in range(1, number + 1):
        competence, _ = Competence.objects.get_or_create(
            key=f"C{index:02d}",
            defaults={
                "domain": domain,
                "sort_order": index,
                "name_fr": f"Compétence {index}",
                "name_ar": f"الكفاءة {index}",
                **{f"level_{level}_fr": f"Niveau {level}" for level in range(1, 6)},
                **{f"level_{level}_ar": f"المستوى {level}" for level in range(1, 6)},
            },
        )
        competences.append(competence)
    return competences


def make_questionnaire(*, anonymity: str = "named", competences=None, **fields) -> QuestionnairePage:
    n = next(_sequence)
    competences = competences if competences is not None else make_competences()
    with translation.override("fr"):
        questionnaire = QuestionnairePage(
            title=f"Questionnaire {n}",
            title_fr=f"Questionnaire {n}",
            title_ar=f"استبيان {n}",
            slug=f"questionnaire-{n}",
            slug_fr=f"questionnaire-{n}",
            slug_ar=f"istibyan-{n}",
            anonymity=anonymity,
            **fields,
        )
        ensure_home_page().add_child(instance=questionnaire)
        rows = [{"kind": ItemKind.COMPETENCE_RATING, "competence": c} for c in competences]
        rows += [
            {"kind": ItemKind.RANKING, "label_fr": "Vos trois priorités", "label_ar": "أولوياتكم الثلاث"},
            {
                "kind": ItemKind.SINGLE_CHOICE,
                "label_fr": "Format préféré",
                "label_ar": "الصيغة المفضلة",
                "options_fr": "Présentiel\nÀ distance",
                "options_ar": "حضوري\nعن بعد",
            },
            {
                "kind": ItemKind.AVAILABILITY,
                "label_fr": "Disponibilités",
                "label_ar": "التوفر",
                "options_fr": "Matin\nAprès-midi\nSamedi",
                "options_ar": "صباحًا\nبعد الظهر\nالسبت",
            },
            {"kind": ItemKind.RATING, "label_fr": "Fréquence", "label_ar": "التواتر"},
            {
                "kind": ItemKind.FREE_TEXT,
                "label_fr": "Commentaires",
                "label_ar": "ملاحظات",
                "required": False,
            },
        ]
        for order, row in enumerate(rows):
            QuestionnaireItem.objects.create(questionnaire=questionnaire, sort_order=order, **row)
    return questionnaire


def full_answers(
    questionnaire: QuestionnairePage, *, level: int = 2, importance: int = 4, text: str = ""
) -> dict:
    """POST data answering every question of a questionnaire built by make_questionnaire."""
    data: dict = {}
    competences = list(Competence.objects.order_by("sort_order"))
    for item in questionnaire.items.order_by("sort_order"):
        key = f"i{item.pk}"
        if item.kind == ItemKind.COMPETENCE_RATING:
            data[f"{key}_level"] = str(level)
            data[f"{key}_importance"] = str(importance)
        elif item.kind == ItemKind.RANKING:
            for rank, competence in enumerate(competences[:3], start=1):
                data[f"{key}_rank{rank}"] = str(competence.pk)
        elif item.kind == ItemKind.SINGLE_CHOICE:
            data[key] = "0"
        elif item.kind == ItemKind.AVAILABILITY:
            data[key] = ["0", "2"]
        elif item.kind == ItemKind.RATING:
            data[key] = "3"
        elif text:
            data[key] = text
    return data
