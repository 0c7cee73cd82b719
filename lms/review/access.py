from home.roles import Role, role_required

REVIEWERS = (Role.TASK_FORCE, Role.TRAINER)

# The review area is read-only and for the task force and trainers (superusers too).
reviewers_only = role_required(*REVIEWERS)
