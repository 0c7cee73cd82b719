"""The task force's read-only review area on the public site."""

from django.shortcuts import get_object_or_404, render

from assessments.models import QuestionnairePage, QuizPage
from assessments.models.quiz import QuizPurpose
from assessments.results import knowledge_gain

from ...models import TrainingPlanPage
from .access import reviewers_only


@reviewers_only
def review_index(request):
    post_tests = QuizPage.objects.live().filter(purpose=QuizPurpose.POST_TEST).order_by("path")
    questionnaires = QuestionnairePage.objects.live().order_by("path")
    plans = TrainingPlanPage.objects.prefetch_related("workshops").order_by("path")
    return render(
        request,
        "lms/review/index.html",
        {"post_tests": post_tests, "questionnaires": questionnaires, "plans": plans},
    )


@reviewers_only
def gain_view(request, post_test_id: int):
    post_test = get_object_or_404(QuizPage, pk=post_test_id, purpose=QuizPurpose.POST_TEST)
    return render(request, "lms/review/gain.html", {"report": knowledge_gain(post_test=post_test)})
