"""Who may do what in the review area: the one place for its access rules."""

from home.roles import REVIEWERS, Role, has_role, role_required

# The trainer drafts the meeting minutes and adopts them; the task force reads them (superusers too).
MINUTES_EDITORS = (Role.TRAINER,)

# The review area is read-only and for the task force and trainers (superusers too).
reviewers_only = role_required(*REVIEWERS)
minutes_editors_only = role_required(*MINUTES_EDITORS)


def may_edit_minutes(user) -> bool:
    return has_role(user, *MINUTES_EDITORS)
