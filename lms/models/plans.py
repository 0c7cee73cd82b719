"""The training plan, approved by the OTE, and its face-to-face workshops with their attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester

from courses.panels import TranslationStatusPanel

from ..page_forms import TrainingPlanPageForm
from .followup import WorkshopKind

NARRATIVE_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class PlanPermissionTester(PagePermissionTester):
    """A training plan is published only by its approval in the OTE approval workflow.

    Trainers draft and submit it; they cannot publish or unpublish it themselves. OTE approvers
    approve it (which publishes it) and may unpublish it; they have no "Publish" of their own.
    The rule lives in `lms.training.plans.may_publish_plan`.
    """

    def _is_approver(self) -> bool:
        from home.roles import Role, has_role

        return has_role(self.user, Role.OTE_APPROVER)

    def can_publish(self):
        from ..training.plans import may_publish_plan

        return self.user.is_active and may_publish_plan(user=self.user, plan=self.page)

    def can_unpublish(self):
        return self._is_approver()


class TrainingPlanPage(RoutablePageMixin, Page):
    period_start = models.DateField(_("start of the period"), null=True, blank=True)
    period_end = models.DateField(_("end of the period"), null=True, blank=True)
    objectives = RichTextField(_("objectives"), blank=True, features=NARRATIVE_FEATURES)
    target_competences = ParentalManyToManyField(
        "courses.Competence",
        verbose_name=_("target competences"),
        blank=True,
        help_text=_("Start from the priority competences agreed in the needs-assessment minutes."),
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report_context = RichTextField(_("context"), blank=True, features=NARRATIVE_FEATURES)
    report_observations = RichTextField(_("observations"), blank=True, features=NARRATIVE_FEATURES)
    report_recommendations = RichTextField(_("recommendations"), blank=True, features=NARRATIVE_FEATURES)
    application_survey = models.ForeignKey(
        "assessments.QuestionnairePage",
        verbose_name=_("six-month application survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Opened automatically six months after the plan's last workshop, for the plan's cohort."),
    )
    # The evaluation's targets (indicator sheet of the evaluation report, lms/followup/evaluation.py).
    target_completed = models.PositiveSmallIntegerField(
        _("target: trainees who complete the training"), null=True, blank=True
    )
    target_improvement_rate = models.PositiveSmallIntegerField(
        _("target: percentage reporting improved competences"), null=True, blank=True
    )
    target_application_rate = models.PositiveSmallIntegerField(
        _("target: percentage applying at least one competence at six months"), null=True, blank=True
    )
    target_actions = models.PositiveSmallIntegerField(
        _("target: mobilisation actions carried out"), null=True, blank=True
    )
    target_contacts = models.PositiveSmallIntegerField(
        _("target: member-state contacts established"), null=True, blank=True
    )
    target_concept_notes = models.PositiveSmallIntegerField(
        _("target: concept notes submitted"), null=True, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("cohort"),
        FieldPanel("objectives"),
        FieldPanel("target_competences"),
        InlinePanel("workshops", label=_("Workshop"), heading=_("Workshops")),
        TranslationStatusPanel(),
    ]
    report_panels = [
        MultiFieldPanel(
            [
                FieldPanel("report_context"),
                FieldPanel("report_observations"),
                FieldPanel("report_recommendations"),
            ],
            heading=_("Training report: the trainer's narrative"),
        ),
        FieldPanel("application_survey"),
        MultiFieldPanel(
            [
                FieldPanel("target_completed"),
                FieldPanel("target_improvement_rate"),
                FieldPanel("target_application_rate"),
                FieldPanel("target_actions"),
                FieldPanel("target_contacts"),
                FieldPanel("target_concept_notes"),
            ],
            heading=_("Evaluation: targets"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Plan")),
            ObjectList(report_panels, heading=_("Report")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    base_form_class = TrainingPlanPageForm

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")

    def permissions_for_user(self, user):
        return PlanPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from ..handover.notes import may_read_notes
        from ..training.plans import approval_of

        context = super().get_context(request, *args, **kwargs)
        context["approval"] = approval_of(self)
        context["workshops"] = self.workshops.order_by("starts_at")
        context["calendar_links"] = True  # "add to my calendar" on the page, not in its PDF
        context["notes_links"] = may_read_notes(user=request.user)  # each workshop's, for trainers
        return context

    @path("")
    def plan(self, request):
        from ..training.report_views import plan_page

        return plan_page(request, plan=self)

    @path("pdf/")
    def pdf(self, request):
        from ..training.report_views import plan_pdf

        return plan_pdf(request, plan=self)


class Workshop(ClusterableModel, Orderable):
    """A face-to-face session of the plan."""

    plan = ParentalKey(TrainingPlanPage, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, choices=WorkshopKind.choices, default=WorkshopKind.WORKSHOP
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_hours = models.DecimalField(_("duration (hours)"), max_digits=4, decimal_places=1, default=6)
    place = models.CharField(_("place"), max_length=200, blank=True)
    facilitators = models.CharField(_("facilitators"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    modules = ParentalManyToManyField("courses.ModulePage", verbose_name=_("modules covered"), blank=True)
    pre_test = models.ForeignKey(
        "assessments.QuizPage",
        verbose_name=_("pre-test"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    post_test = models.ForeignKey(
        "assessments.QuizPage",
        verbose_name=_("post-test"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Paired with the pre-test to measure knowledge gain."),
    )
    satisfaction_survey = models.ForeignKey(
        "assessments.QuestionnairePage",
        verbose_name=_("satisfaction survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration_hours")]),
        FieldPanel("place"),
        FieldPanel("facilitators"),
        FieldPanel("agenda"),
        FieldPanel("modules"),
        FieldRowPanel([FieldPanel("pre_test"), FieldPanel("post_test")]),
        FieldPanel("satisfaction_survey"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendance")
    trainee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("attendance"), max_length=8, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "trainee"], name="one_attendance_per_trainee_and_workshop"
            )
        ]

    def __str__(self) -> str:
        return f"{self.workshop_id}:{self.trainee_id}={self.status}"
