from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import home.converters  # noqa: F401  (registers <id:...>)
from home.admin_menu import TrainerMenuItem
from home.choosers import PermissionGatedSnippetChooserViewSet

from .models import Question
from .views_admin import QuizResultsView, quiz_list


@hooks.register("register_admin_urls")
def quiz_result_urls():
    return [
        path("quiz-results/", quiz_list, name="assessments_quiz_list"),
        path("quiz-results/<id:quiz_id>/", QuizResultsView.as_view(), name="assessments_quiz_results"),
    ]


@hooks.register("register_admin_menu_item")
def quiz_results_menu_item():
    return TrainerMenuItem(_("Quiz results"), reverse("assessments_quiz_list"), icon_name="help", order=221)


class QuestionViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    add_to_admin_menu = True
    menu_order = 215
    list_display = ["__str__", "kind", "competence"]
    list_filter = ["kind", "competence"]
    search_fields = ["stem"]


register_snippet(QuestionViewSet)


@hooks.register("after_create_page")
def start_satisfaction_surveys_from_the_template(request, page):
    from .models import QuestionnairePage
    from .models.questionnaires import QuestionnairePurpose
    from .survey_templates import add_default_satisfaction_items

    specific = page.specific
    if isinstance(specific, QuestionnairePage) and specific.purpose == QuestionnairePurpose.SATISFACTION:
        add_default_satisfaction_items(specific)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_a_post_test_repeats_its_pre_test(request, page):
    """A post-test measures gain on a parallel question set: say which questions it shares."""
    from django.contrib import messages
    from django.utils.translation import ngettext

    from .models import QuizPage
    from .pre_post import shared_questions

    specific = page.specific
    if not isinstance(specific, QuizPage):
        return
    shared = shared_questions(post_test=specific)
    if shared:
        count = len(shared)
        messages.warning(
            request,
            ngettext(
                "This post-test shares %(count)d question with its paired pre-test: %(questions)s. "
                "Draw the post-test from a parallel set of questions on the same competences, "
                "or the gain measures memory of the pre-test.",
                "This post-test shares %(count)d questions with its paired pre-test: %(questions)s. "
                "Draw the post-test from a parallel set of questions on the same competences, "
                "or the gain measures memory of the pre-test.",
                count,
            )
            % {"count": count, "questions": "; ".join(str(question) for question in shared)},
        )


@hooks.register("before_delete_snippet")
def questions_answered_in_an_attempt_are_kept(request, instances):
    """A question answered in an attempt stays: the attempt's record refers to it (PROTECT). The
    delete view and the bulk action answer with a message instead of an error page; nothing is
    deleted, not even the other questions of a bulk deletion."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .models import AttemptQuestion, Question

    questions = [instance for instance in instances if isinstance(instance, Question)]
    if not questions:
        return None
    answered = set(
        AttemptQuestion.objects.filter(question__in=questions).values_list("question_id", flat=True)
    )
    if not answered:
        return None
    names = ", ".join(f"« {question} »" for question in questions if question.pk in answered)
    messages.error(
        request,
        _(
            "Nothing was deleted: trainees have already answered %(questions)s in a quiz, and their "
            "results keep it. Remove the question from the quizzes instead."
        )
        % {"questions": names},
    )
    return redirect("wagtailsnippets_assessments_question:list")


@hooks.register("register_admin_urls")
def assignment_review_urls():
    from django.urls import path

    from .assignment_admin import reopen_submission, review_queue, review_submission, version_file

    return [
        path("to-review/", review_queue, name="assessments_review_queue"),
        path("to-review/<id:submission_id>/", review_submission, name="assessments_review_submission"),
        path("to-review/<id:submission_id>/reopen/", reopen_submission, name="assessments_reopen_submission"),
        path("to-review/file/<id:version_id>/", version_file, name="assessments_version_file"),
    ]


@hooks.register("register_admin_menu_item")
def review_queue_menu_item():
    from django.urls import reverse

    from home.admin_menu import TrainerMenuItem

    return TrainerMenuItem(
        _("To review"), reverse("assessments_review_queue"), icon_name="doc-full", order=220
    )


class ReviewQueuePanel(Component):
    """On the trainer's dashboard: "To review (n)", linking to the queue."""

    name = "review_queue"
    template_name = "assessments/admin/review_queue_panel.html"
    order = 40  # before the nudge board

    def __init__(self, count: int):
        self.count = count

    def get_context_data(self, parent_context):
        return {"count": self.count}


@hooks.register("construct_homepage_panels")
def review_queue_panel(request, panels):
    from home.roles import Role, has_role

    from .assignments import awaiting_feedback_count

    if has_role(request.user, Role.TRAINER):
        panels.append(ReviewQueuePanel(awaiting_feedback_count()))
