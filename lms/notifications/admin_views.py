"""Trainer views in the Wagtail admin: the outbox (what failed and will be tried again), the
"remind those who have not answered" action, and the weekly summary for the group chat."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.models import QuestionnairePage
from courses.models import Cohort
from home.people import by_name
from home.roles import Role, role_required

from ..models import DeliveryStatus, Notification
from .builtin import QuestionnaireReminder, not_answered
from .outbox import dispatch, record_all, retry_now
from .summary import weekly_summaries

trainers_only = role_required(Role.TRAINER)
OUTBOX_SHOWN = 100


@trainers_only
def outbox(request):
    waiting = (
        Notification.objects.exclude(status=DeliveryStatus.SENT)
        .select_related("recipient")
        .order_by("-status", "next_attempt_at")[:OUTBOX_SHOWN]
    )
    sent = (
        Notification.objects.filter(status=DeliveryStatus.SENT)
        .select_related("recipient")
        .order_by("-sent_at")
    )
    return TemplateResponse(
        request,
        "lms/admin/notification_outbox.html",
        {
            "page_title": _("E-mail notifications"),
            "header_icon": "mail",
            "waiting": list(waiting),
            "sent": list(sent[:OUTBOX_SHOWN]),
            "failed": DeliveryStatus.FAILED,
        },
    )


@trainers_only
@require_POST
def outbox_retry(request):
    ids = [int(pk) for pk in request.POST.getlist("notification") if pk.isdigit()]
    count = retry_now(ids=ids, now=timezone.now())
    messages.success(request, _("E-mails to be sent again: %(count)d.") % {"count": count})
    return redirect("lms_notification_outbox")


@trainers_only
def remind(request, questionnaire_id: int):
    questionnaire = get_object_or_404(QuestionnairePage, pk=questionnaire_id)
    if request.method == "POST":
        now = timezone.now()
        trigger = QuestionnaireReminder()
        occurrences = trigger.for_questionnaire(questionnaire=questionnaire, today=timezone.localdate(now))
        count = record_all(trigger=trigger, occurrences=occurrences, now=now)
        dispatch(now=now)
        messages.success(request, _("Reminders to be sent: %(count)d.") % {"count": count})
        return redirect("lms_notification_remind", questionnaire_id=questionnaire.pk)
    return TemplateResponse(
        request,
        "lms/admin/notification_remind.html",
        {
            "page_title": _("Remind those who have not answered"),
            "header_icon": "mail",
            "questionnaire": questionnaire,
            "people": list(by_name(not_answered(questionnaire=questionnaire))),
        },
    )


@trainers_only
def weekly_summary(request):
    cohorts = list(Cohort.objects.order_by("name"))
    chosen = request.GET.get("cohort", "")
    cohort = next((c for c in cohorts if str(c.pk) == chosen), cohorts[0] if cohorts else None)
    return TemplateResponse(
        request,
        "lms/admin/weekly_summary.html",
        {
            "page_title": _("Weekly summary for the group chat"),
            "header_icon": "doc-full",
            "cohorts": cohorts,
            "cohort": cohort,
            "summaries": weekly_summaries(cohort=cohort) if cohort is not None else [],
        },
    )
