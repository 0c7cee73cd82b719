"""Everything the platform holds about a trainee, for them to download (right of access)."""

from django.utils.translation import gettext as _

from assessments.assignments import released_feedback
from assessments.attempts import review_shows_answers
from assessments.models import Attempt, Participation, Response, Submission
from courses.models import Actor, StepProgress
from home.languages import default_language, language_codes, localized

from ..followup.privacy import follow_up_data
from ..models import Attendance, Certificate, ConsentRecord, ReflectionAnswer, Worksheet


def _date(value):
    return value.isoformat() if value else None


def _titles(certificate: Certificate) -> dict:
    """The certificate's title as issued: `title` in the default language, `title_<code>` in the others."""
    default = default_language()
    titles = {"title": getattr(certificate, localized("title", default))}
    for code in language_codes():
        if code != default:
            titles[localized("title", code)] = getattr(certificate, localized("title", code))
    return titles


def _attempt_answers(attempt: Attempt) -> list[dict]:
    """The trainee's answers; the points per question only where the quiz's review shows them."""
    shows_points = review_shows_answers(attempt=attempt)
    return [
        {
            "question": str(item.question),
            "choices": [choice.text for choice in item.selected_choices.all()],
            "text": item.text_answer,
            "points": str(item.points) if shows_points and item.points is not None else None,
        }
        for item in attempt.items.all()
    ]


def _feedback(version) -> dict | None:
    """The feedback released on a version (a draft the trainer has not sent is not the trainee's yet)."""
    feedback = released_feedback(version)
    if feedback is None:
        return None
    return {
        "decision": feedback.decision,
        "decision_label": str(feedback.get_decision_display()),
        "released": _date(feedback.released_at),
        "points": feedback.points,
        "out_of": feedback.max_points,
        "overall_comment": feedback.overall_comment,
        "criteria": [
            {
                "criterion": mark.criterion.title if mark.criterion else None,
                "level": mark.level,
                "points": mark.points,
                "comment": mark.comment,
            }
            for mark in feedback.marks.all()
        ],
    }


def _submissions(user) -> list[dict]:
    submissions = (
        Submission.objects.filter(user=user)
        .select_related("assignment")
        .prefetch_related("versions__feedback__marks__criterion")
    )
    return [
        {
            "assignment": submission.assignment.title,
            "status": submission.status,
            "status_label": str(submission.get_status_display()),
            "draft_text": submission.text,
            "draft_file": submission.file_name,
            "draft_saved": _date(submission.saved_at),
            "versions": [
                {
                    "number": version.number,
                    "submitted": _date(version.submitted_at),
                    "text": version.text,
                    "file": version.file_name,
                    "values": version.values,
                    "feedback": _feedback(version),
                }
                for version in submission.versions.all()
            ],
        }
        for submission in submissions
    ]


def personal_data(*, user) -> dict:
    """All rows tied to `user`, as plain data. Anonymous responses are no longer tied to anyone."""
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related("items__question", "items__selected_choices")
    )
    responses = (
        Response.objects.filter(respondent=user)
        .select_related("questionnaire")
        .prefetch_related("answers__item")
    )
    return {
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _date(user.date_joined),
            "last_login": _date(user.last_login),
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "cohorts": sorted(user.cohorts.values_list("name", flat=True)),
        "progress": [
            {
                "step": row.page.title,
                "first_opened": _date(row.first_opened_at),
                "last_opened": _date(row.last_opened_at),
                "completed": _date(row.completed_at),
                "score": str(row.score) if row.score is not None else None,
            }
            for row in StepProgress.objects.filter(user=user)
            .select_related("page")
            .order_by("first_opened_at")
        ],
        "quiz_attempts": [
            {
                "quiz": attempt.quiz.title,
                "number": attempt.number,
                "status": attempt.status,
                "status_label": str(attempt.get_status_display()),
                "started": _date(attempt.started_at),
                "submitted": _date(attempt.submitted_at),
                "score": str(attempt.score) if attempt.score is not None else None,
                "answers": _attempt_answers(attempt),
            }
            for attempt in attempts
        ],
        "questionnaire_responses": [
            {
                "questionnaire": response.questionnaire.title,
                "status": response.status,
                "status_label": str(response.get_status_display()),
                "submitted_on": _date(response.submitted_on),
                "answers": [
                    {
                        "question": str(answer.item),
                        "value": answer.number,
                        "importance": answer.importance,
                        "selection": answer.selection,
                        "text": answer.text,
                    }
                    for answer in response.answers.all()
                ],
            }
            for response in responses
        ],
        "anonymous_questionnaires_answered": [
            {"questionnaire": p.questionnaire.title}
            for p in Participation.objects.filter(
                user=user, questionnaire__anonymity="anonymous"
            ).select_related("questionnaire")
        ],
        "assignments": _submissions(user),
        "attendance": [
            {
                "workshop": a.workshop.title,
                "date": _date(a.workshop.starts_at),
                "status": a.status,
                "status_label": str(a.get_status_display()),
                "note": a.note,
            }
            for a in Attendance.objects.filter(trainee=user).select_related("workshop")
        ],
        "certificates": [
            {"code": c.code, **_titles(c), "issued_on": _date(c.issued_on)}
            for c in Certificate.objects.filter(user=user)
        ],
        "workbook_answers": [
            {
                "lesson": answer.lesson_title,
                "question": answer.prompt,
                "answer": answer.answer,
                "answered": _date(answer.answered_at),
            }
            for answer in ReflectionAnswer.objects.filter(owner=user).order_by("answered_at")
        ],
        "worksheets": [
            {
                "title": sheet.title,
                "template": sheet.template_titles,
                "created": _date(sheet.created_at),
                "last_saved": _date(sheet.updated_at),
                "values": sheet.values,
            }
            for sheet in Worksheet.objects.filter(owner=user).order_by("created_at")
        ],
        "actor_register_proposals": [
            {"name": str(actor), "approved": actor.live, "proposed": _date(actor.proposed_at)}
            for actor in Actor.objects.filter(proposed_by=user).order_by("proposed_at")
        ],
        "follow_up": follow_up_data(user=user),
        "privacy_notice_accepted": [
            {"version": c.notice_version, "accepted_at": _date(c.accepted_at), "language": c.language}
            for c in ConsentRecord.objects.filter(user=user).order_by("accepted_at")
        ],
        "note": _(
            "Answers to anonymous questionnaires are not linked to you once submitted: they cannot be "
            "listed here, and nobody can trace them back to you."
        ),
    }
