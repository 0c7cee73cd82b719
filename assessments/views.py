"""Quiz views: thin wrappers around assessments.attempts, reached through QuizPage routes."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from courses.access import StepContext
from courses.dashboard import step_navigation
from courses.progress import record_visit

from .attempt_forms import AttemptForm, initial_answers, shown_questions
from .attempts import (
    AlreadySubmitted,
    AttemptError,
    attempts_left,
    ends_at,
    expire_if_overdue,
    may_start,
    overdue_refusal,
    review_shows_answers,
    save_answers,
    start_attempt,
    submit_attempt,
)
from .models import Attempt
from .outcome import trainee_outcome
from .pre_post import answers_may_show
from .review import review_questions


def _url(request, quiz, name, *args) -> str:
    return routablepageurl({"request": request}, quiz, name, *args)


def _own_attempt(request, quiz, attempt_id: int) -> Attempt:
    attempt = Attempt.objects.filter(pk=attempt_id, quiz=quiz, user=request.user).first()
    if attempt is None:
        raise Http404
    attempt.quiz = quiz  # the page being served: its closing date is the current one
    return attempt


def _own_attempts(request, quiz) -> list[Attempt]:
    """The trainee's attempts at this quiz, those whose time is over submitted first."""
    attempts = list(Attempt.objects.filter(quiz=quiz, user=request.user).order_by("number"))
    for attempt in attempts:
        attempt.quiz = quiz
    if [attempt for attempt in attempts if expire_if_overdue(attempt)]:
        attempts = list(Attempt.objects.filter(quiz=quiz, user=request.user).order_by("number"))
    return attempts


def quiz_overview(request, *, context: StepContext):
    quiz = context.step
    record_visit(user=request.user, page=quiz)
    attempts = _own_attempts(request, quiz)
    used = len(attempts)
    context = {
        "attempts": attempts,
        "open_attempt": next((a for a in attempts if a.is_open), None),
        "attempts_left": attempts_left(quiz=quiz, used=used),
        "outcome": trainee_outcome(user=request.user, quiz=quiz),
        "quiz_is_open": quiz.is_open(),
        "can_start": may_start(quiz=quiz, used=used),
        "question_count": quiz.slots.count(),
        **step_navigation(context=context, request=request),
    }
    return quiz.render(request, context_overrides=context)


def start_attempt_view(request, *, quiz):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        attempt = start_attempt(user=request.user, quiz=quiz, language=translation.get_language())
    except AttemptError as refusal:
        messages.error(request, str(refusal))
        return redirect(_url(request, quiz, "overview"))
    return redirect(_url(request, quiz, "attempt", attempt.pk))


def _attempt_questions(attempt: Attempt):
    items = list(
        attempt.items.select_related("question").prefetch_related("question__choices", "selected_choices")
    )
    return shown_questions(items)


def attempt_view(request, *, quiz, attempt_id: int):
    attempt = _own_attempt(request, quiz, attempt_id)
    if expire_if_overdue(attempt):
        messages.warning(request, str(overdue_refusal(attempt)))
        return redirect(_url(request, quiz, "review", attempt.pk))
    if not attempt.is_open:
        if request.method == "POST":
            messages.warning(request, str(AlreadySubmitted.message))
        return redirect(_url(request, quiz, "review", attempt.pk))
    questions = _attempt_questions(attempt)
    if request.method == "POST":
        form = AttemptForm(request.POST, questions=questions)
        if form.is_valid():
            return _save_or_submit(request, quiz, attempt, form)
    else:
        form = AttemptForm(initial=initial_answers(questions), questions=questions)
    remaining = None
    if attempt.deadline:
        remaining = max(0, int((ends_at(attempt) - timezone.now()).total_seconds() // 60))
    return TemplateResponse(
        request,
        "assessments/attempt.html",
        {
            "page": quiz,
            "quiz": quiz,
            "attempt": attempt,
            "form": form,
            "rows": form.rows(),
            "minutes_left": remaining,
            "closes_at": quiz.closes_at,
        },
        status=400 if form.is_bound else 200,
    )


def _save_or_submit(request, quiz, attempt, form):
    submitting = request.POST.get("action") == "submit"
    try:
        if submitting:
            submit_attempt(attempt=attempt, answers=form.answers())
            messages.success(request, _("Your answers have been submitted."))
            return redirect(_url(request, quiz, "review", attempt.pk))
        save_answers(attempt=attempt, answers=form.answers())
    except AttemptError as refusal:
        messages.warning(request, str(refusal))
        return redirect(_url(request, quiz, "review", attempt.pk))
    messages.success(request, _("Your answers have been saved. You can come back and finish later."))
    return redirect(_url(request, quiz, "attempt", attempt.pk))


def review_view(request, *, context: StepContext, attempt_id: int):
    quiz = context.step
    attempt = _own_attempt(request, quiz, attempt_id)
    expire_if_overdue(attempt)
    attempt.refresh_from_db()
    if attempt.is_open:
        return redirect(_url(request, quiz, "attempt", attempt.pk))
    shows_answers = review_shows_answers(attempt=attempt)
    questions = []
    if shows_answers:
        items = list(
            attempt.items.select_related("question").prefetch_related(
                "question__choices", "question__accepted_answers", "selected_choices"
            )
        )
        questions = review_questions(questions=shown_questions(items), language=translation.get_language())
    navigation = step_navigation(context=context, request=request)
    return TemplateResponse(
        request,
        "assessments/review.html",
        {
            "page": quiz,
            "quiz": quiz,
            "attempt": attempt,
            "shows_answers": shows_answers,
            "answers_wait_for_post_test": not answers_may_show(quiz=quiz, user=request.user),
            "questions": questions,
            "outcome": trainee_outcome(user=request.user, quiz=quiz),
            "next_step": navigation["next_step"],
        },
    )
