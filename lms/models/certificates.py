from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Certificate(models.Model):
    """A certificate as issued: what it states is frozen at issue, so verification shows exactly that."""

    code = models.CharField(_("verification code"), max_length=20, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    course = models.ForeignKey(
        "courses.CoursePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    workshop = models.ForeignKey(
        "lms.Workshop", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    holder_name = models.CharField(_("holder"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255)
    completed_on = models.DateField(_("completed on"))
    issued_on = models.DateField(_("issued on"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(course__isnull=False),
                name="one_certificate_per_course",
            ),
            models.UniqueConstraint(
                fields=["user", "workshop"],
                condition=Q(workshop__isnull=False),
                name="one_certificate_per_workshop",
            ),
        ]

    def __str__(self) -> str:
        return self.code
