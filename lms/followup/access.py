"""Who sees what of the follow-up: one place for its rules.

A trainee's commitments, check-ins, evidence and coaching notes are seen by that trainee and by the
trainers (superusers too); the task force sees only the evaluation report's aggregates; the OTE
approvers see none of it.
"""

from home.roles import Role, has_role, role_required

FOLLOW_UP_READERS = (Role.TRAINER,)

trainers_only = role_required(*FOLLOW_UP_READERS)


def may_see_commitment(*, user, commitment) -> bool:
    return commitment.trainee_id == user.pk or has_role(user, *FOLLOW_UP_READERS)
