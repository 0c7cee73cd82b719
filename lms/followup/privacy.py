"""The follow-up in the trainee's "my data" (right of access) and in their erasure."""

from django.db import transaction

from ..models import CheckIn, CoachingSession, Commitment, TraineeProfile


def _date(value):
    return value.isoformat() if value else None


def follow_up_data(*, user) -> dict:
    """The trainee's profile attributes, commitments with their check-ins, and coaching sessions."""
    profile = TraineeProfile.objects.filter(user=user).first()
    commitments = (
        Commitment.objects.filter(trainee=user)
        .select_related("workshop", "competence")
        .prefetch_related("check_ins")
        .order_by("pk")
    )
    return {
        "profile": {
            "institution": profile.get_institution_display() if profile.institution else "",
            "unit": profile.unit,
            "function": profile.function,
            "sex": profile.get_sex_display() if profile.sex else "",
            "consented_at": _date(profile.consented_at),
        }
        if profile
        else None,
        "commitments": [
            {
                "workshop": commitment.workshop.title,
                "action": commitment.action,
                "due_on": _date(commitment.due_on),
                "competence": commitment.competence.name,
                "done_when": commitment.done_when,
                "check_ins": [
                    {
                        "milestone": str(check_in.get_milestone_display()),
                        "status": str(check_in.get_status_display()),
                        "note": check_in.note,
                        "evidence": check_in.evidence.name.rsplit("/", 1)[-1] if check_in.evidence else "",
                        "self_rating": check_in.self_rating,
                        "coaching_requested": check_in.coaching_requested,
                        "submitted_at": _date(check_in.submitted_at),
                    }
                    for check_in in commitment.check_ins.all()
                ],
            }
            for commitment in commitments
        ],
        "coaching_sessions": [
            {
                "held_on": _date(session.held_on),
                "duration_minutes": session.duration_minutes,
                "topics": session.topics,
                "next_step": session.next_step,
            }
            for session in CoachingSession.objects.filter(trainee=user)
        ],
    }


@transaction.atomic
def erase_follow_up(*, user) -> None:
    """Erasure: the commitments, check-ins (their evidence files too), coaching notes and profile
    attributes go. The evaluation report's figures already printed are records and stay as they are."""
    # The files go once the erasure is committed: an erasure that fails halfway leaves them in place.
    for check_in in CheckIn.objects.filter(commitment__trainee=user).exclude(evidence=""):
        stored = check_in.evidence
        transaction.on_commit(lambda storage=stored.storage, name=stored.name: storage.delete(name))
    CheckIn.objects.filter(commitment__trainee=user).delete()
    Commitment.objects.filter(trainee=user).delete()
    CoachingSession.objects.filter(trainee=user).delete()
    TraineeProfile.objects.filter(user=user).delete()
