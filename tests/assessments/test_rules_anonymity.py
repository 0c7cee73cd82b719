"""Anonymous responses cannot be paired with the people who gave them by anyone holding the database.

The trainees answer one after the other in a known order, each with a recognisable text. A script
that reads the tables (ordered by id, by any column, or as stored on disk) must find no order of the
responses or of their answers that follows the order of the participations, of the drafts or of
the submissions.
"""

import importlib
import statistics

import pytest
from django.apps import apps
from django.db import connection

from assessments.models import ItemAnswer, Participation, Response
from assessments.questionnaires import ItemValue, save_draft, submit_response
from home.roles import Role
from tests.factories.questionnaires import make_questionnaire

pytestmark = pytest.mark.django_db

TRAINEES = 40
# With 40 independent random orders, |rank correlation| > 0.8 has a chance below one in a million.
LIMIT = 0.8


def rank_correlation(first: list, second: list) -> float:
    """Spearman's rho of two orders of the same people."""
    position = {person: rank for rank, person in enumerate(second)}
    return statistics.correlation(list(range(len(first))), [position[person] for person in first])


def stored_order(table: str, column: str) -> list[int]:
    """`column` of every row in the order the database keeps them on disk (SQLite's rowid,
    PostgreSQL's ctid), which survives even when ids are random."""
    physical = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" ORDER BY {physical}')  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def response_orders(questionnaire, author_of_text: dict[str, int]) -> dict[str, list[int]]:
    """Every order a script could read the responses in, as the list of their authors (the ground
    truth that only the test knows, through the texts)."""
    answers = ItemAnswer.objects.filter(response__questionnaire=questionnaire)
    author = {a.response_id: author_of_text[a.text] for a in answers}
    responses = Response.objects.filter(questionnaire=questionnaire)
    orders = {}
    for field in Response._meta.concrete_fields:  # every column, whatever the schema
        pks = responses.order_by(field.attname, "pk").values_list("pk", flat=True)
        orders[f"response by {field.attname}"] = [author[pk] for pk in pks]
    for name in ("pk", "response_id"):  # the answers' other columns are their content
        texts = answers.order_by(name, "pk").values_list("text", flat=True)
        orders[f"answer by {name}"] = [author_of_text[text] for text in texts]
    orders["response as stored"] = [
        author[pk] for pk in stored_order(Response._meta.db_table, "id") if pk in author
    ]
    answer_text = dict(answers.values_list("pk", "text"))
    orders["answer as stored"] = [
        author_of_text[answer_text[pk]]
        for pk in stored_order(ItemAnswer._meta.db_table, "id")
        if pk in answer_text
    ]
    return orders


def participation_orders(questionnaire) -> dict[str, list[int]]:
    rows = Participation.objects.filter(questionnaire=questionnaire)
    by_pk = dict(rows.values_list("pk", "user_id"))
    return {
        "participation by pk": list(rows.order_by("pk").values_list("user_id", flat=True)),
        "participation by user": list(rows.order_by("user_id").values_list("user_id", flat=True)),
        "participation as stored": [
            by_pk[pk] for pk in stored_order(Participation._meta.db_table, "id") if pk in by_pk
        ],
    }


def assert_unlinkable(questionnaire, author_of_text, known_orders: dict[str, list[int]]) -> None:
    assert not Response.objects.filter(questionnaire=questionnaire, respondent__isnull=False).exists()
    responses = response_orders(questionnaire, author_of_text)
    assert all(len(order) == TRAINEES for order in responses.values()), responses
    known = {**participation_orders(questionnaire), **known_orders}
    for response_name, response_order in responses.items():
        for known_name, known_order in known.items():
            rho = rank_correlation(response_order, known_order)
            assert abs(rho) < LIMIT, f"{response_name} follows {known_name} (rho = {rho:.2f})"


def test_anonymous_responses_follow_no_order_of_participations_drafts_or_submissions(site_tree, make_user):
    questionnaire = make_questionnaire(anonymity="anonymous")
    text_item = questionnaire.items.get(kind="text")
    trainees = [make_user(Role.TRAINEE, username=f"t{n:02d}") for n in range(TRAINEES)]
    author_of_text = {f"Avis {t.username}": t.pk for t in trainees}

    def values(trainee) -> dict:
        return {text_item.pk: ItemValue(text=f"Avis {trainee.username}")}

    drafts = trainees[::2] + trainees[1::2]  # the draft fixed the response's id before the fix
    for trainee in drafts:
        save_draft(user=trainee, questionnaire=questionnaire, values={text_item.pk: ItemValue(text="…")})
    for trainee in trainees:
        submit_response(user=trainee, questionnaire=questionnaire, values=values(trainee))

    assert_unlinkable(
        questionnaire,
        author_of_text,
        {
            "submission order": [t.pk for t in trainees],
            "draft order": [t.pk for t in drafts],
        },
    )


def test_the_migration_unlinks_responses_given_before_it(site_tree, make_user):
    """Data written in step (as before the fix) comes out of the migration unlinkable."""
    questionnaire = make_questionnaire(anonymity="anonymous")
    text_item = questionnaire.items.get(kind="text")
    trainees = [make_user(Role.TRAINEE, username=f"t{n:02d}") for n in range(TRAINEES)]
    for trainee in trainees:
        response = Response.objects.create(questionnaire=questionnaire, status="submitted")
        ItemAnswer.objects.create(response=response, item=text_item, text=f"Avis {trainee.username}")
        Participation.objects.create(questionnaire=questionnaire, user=trainee)
    migration = importlib.import_module("assessments.migrations.0005_anonymous_responses_unlinkable")

    migration.unlink(apps, None)

    author_of_text = {f"Avis {t.username}": t.pk for t in trainees}
    assert_unlinkable(questionnaire, author_of_text, {"submission order": [t.pk for t in trainees]})
