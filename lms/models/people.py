"""What the platform keeps of a staff member beyond their account: the function they sign with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.people import display_name


class StaffProfile(models.Model):
    """A staff member's function, as printed under their name on what they approve."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    function = models.CharField(
        _("function"),
        max_length=200,
        help_text=_(
            "As it appears under the person's name on the documents they approve, e.g. "
            "“Director of international cooperation, OTE”."
        ),
    )

    panels = [FieldPanel("user"), FieldPanel("function")]

    class Meta:
        verbose_name = _("staff function")
        verbose_name_plural = _("staff functions")

    def __str__(self) -> str:
        return f"{display_name(self.user)}: {self.function}"


class ApprovalSignature(models.Model):
    """The approver's function as it stood when they approved: the stamp is a record, and a later
    change of function does not rewrite what was signed."""

    task_state = models.OneToOneField(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="approval_signature"
    )
    function = models.CharField(_("function"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("approval signature")
        verbose_name_plural = _("approval signatures")

    def __str__(self) -> str:
        return f"{self.task_state_id}: {self.function}"


class Institution(models.TextChoices):
    OTE = "ote", _("OTE")
    ANETI = "aneti", _("ANETI")
    CGPS = "cgps", _("CGPS")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class TraineeProfile(models.Model):
    """What a trainee chose to tell about themselves for the evaluation's breakdowns: every attribute
    optional, kept only with their consent (`consented_at`), shown in "my data", removed on erasure."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="trainee_profile",
    )
    institution = models.CharField(_("institution"), max_length=8, choices=Institution.choices, blank=True)
    unit = models.CharField(_("unit or regional branch"), max_length=200, blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, blank=True)
    consented_at = models.DateTimeField(_("consent given at"))

    class Meta:
        verbose_name = _("trainee profile")
        verbose_name_plural = _("trainee profiles")

    def __str__(self) -> str:
        return f"{self.user_id}"
