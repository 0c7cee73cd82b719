from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from courses.matrix import (
            register_graded_steps_provider,
            register_matrix_notice,
            register_progress_refresher,
        )
        from courses.todo import register_todo_provider
        from home.roles import Role, grant

        from .assignments import review_notice
        from .attempts import expire_overdue_attempts
        from .outcome import graded_quiz_ids
        from .todo import assignments_to_hand_in, questionnaires_to_fill, quizzes_to_take

        for model in ("question", "choice", "acceptedanswer"):
            grant(Role.TRAINER, *(f"assessments.{action}_{model}" for action in ("add", "change", "delete")))
        grant(Role.TRAINER, "assessments.view_attempt")
        register_todo_provider(quizzes_to_take)
        register_todo_provider(questionnaires_to_fill)
        register_todo_provider(assignments_to_hand_in)
        # Attempts whose time is over (or whose quiz has closed) count as submitted, as they stand.
        register_progress_refresher(expire_overdue_attempts)
        register_graded_steps_provider(graded_quiz_ids)
        register_matrix_notice(review_notice())
