"""Unlink existing anonymous responses from their participations (issue 17).

Participations lose their date. Each anonymous questionnaire's submitted responses (with their
answers) and its participations are written anew in a random order, so that ids no longer pair
up. Results of an anonymous questionnaire already visible (closed with at least 5 responses) count
as shown: their responses are marked released, and later ones join them only 5 or more at a time.
"""

import random

from django.db import migrations, models
from django.utils import timezone

THRESHOLD = 5  # ANONYMITY_THRESHOLD when this migration was written


def unlink(apps, schema_editor):
    QuestionnairePage = apps.get_model("assessments", "QuestionnairePage")
    Response = apps.get_model("assessments", "Response")
    ItemAnswer = apps.get_model("assessments", "ItemAnswer")
    Participation = apps.get_model("assessments", "Participation")
    shuffle = random.SystemRandom().shuffle
    now = timezone.now()
    fields = ("item_id", "number", "importance", "selection", "text")
    for questionnaire in QuestionnairePage.objects.filter(anonymity="anonymous"):
        kept = list(Response.objects.filter(questionnaire=questionnaire, respondent=None, status="submitted"))
        is_open = (questionnaire.opens_at is None or questionnaire.opens_at <= now) and (
            questionnaire.closes_at is None or now < questionnaire.closes_at
        )
        released = not is_open and len(kept) >= THRESHOLD
        stored = [
            (
                response.submitted_on,
                [
                    {name: getattr(answer, name) for name in fields}
                    for answer in ItemAnswer.objects.filter(response=response)
                ],
            )
            for response in kept
        ]
        shuffle(stored)
        Response.objects.filter(pk__in=[response.pk for response in kept]).delete()
        for submitted_on, answers in stored:
            response = Response.objects.create(
                questionnaire=questionnaire, status="submitted", submitted_on=submitted_on, released=released
            )
            ItemAnswer.objects.bulk_create(ItemAnswer(response=response, **answer) for answer in answers)
        users = list(
            Participation.objects.filter(questionnaire=questionnaire).values_list("user_id", flat=True)
        )
        shuffle(users)
        Participation.objects.filter(questionnaire=questionnaire).delete()
        Participation.objects.bulk_create(
            Participation(questionnaire=questionnaire, user_id=pk) for pk in users
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_shuffle_choices_by_default"),
    ]

    operations = [
        migrations.RemoveField(model_name="participation", name="submitted_on"),
        migrations.AddField(model_name="response", name="released", field=models.BooleanField(default=False)),
        migrations.RunPython(unlink, migrations.RunPython.noop),
    ]
