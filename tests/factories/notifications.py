"""Worlds for the notification tests."""

from assessments.models import QuestionnairePage
from assessments.questionnaires import submit_response
from home.roles import Role
from lms.privacy.consent import record_consent

from .questionnaires import make_questionnaire


def answered_by_one_of_two(*, trainee, make_user) -> QuestionnairePage:
    """An anonymous questionnaire that a second trainee ("answered") has answered and `trainee` has
    not, both having accepted the privacy notice: the trainer's reminder goes to `trainee` only."""
    answered = make_user(Role.TRAINEE, username="answered")
    for person in (trainee, answered):
        record_consent(user=person, language="fr")
    questionnaire = make_questionnaire(anonymity="anonymous")
    submit_response(user=answered, questionnaire=questionnaire, values={})
    return questionnaire
