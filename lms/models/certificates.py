from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    COURSE = "course", _("course")
    WORKSHOP = "workshop", _("workshop")


class CertificateTier(models.TextChoices):
    """What the certificate attests: attendance at a workshop, or a course completed and passed
    (a graded quiz counts as completed only once passed, `assessments.outcome`)."""

    PARTICIPATION = "participation", _("Certificate of participation")
    ACHIEVEMENT = "achievement", _("Certificate of achievement")


class Certificate(models.Model):
    """A certificate as issued: what it states (holder, titles, completion date, hours, competences)
    is a snapshot taken at issue, so its PDF and its verification show exactly that, whatever the
    course or workshop becomes (edited, unpublished, deleted)."""

    code = models.CharField(_("verification code"), max_length=20, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(
        _("kind"), max_length=10, choices=CertificateKind.choices, default=CertificateKind.COURSE
    )
    course = models.ForeignKey(
        "courses.CoursePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    workshop = models.ForeignKey(
        "lms.Workshop", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Empty on the certificates issued before tiers existed: a record keeps what it stated.
    tier = models.CharField(_("tier"), max_length=14, choices=CertificateTier.choices, blank=True)
    holder_name = models.CharField(_("holder"), max_length=200)
    # One column per language (`title_fr`, `title_ar`…, modeltranslation: lms/translation.py), each
    # written at issue; a language added later reads the default language's title.
    title = models.CharField(_("title"), max_length=255)
    completed_on = models.DateField(_("completed on"))
    hours = models.DecimalField(_("duration (hours)"), max_digits=5, decimal_places=1, null=True, blank=True)
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

    @property
    def whole_hours(self) -> int | None:
        """The hours as a whole number, when they are one (to say "12 hours" rather than "12.0")."""
        return int(self.hours) if self.hours is not None and self.hours == int(self.hours) else None


class CertificateCompetence(models.Model):
    """A competence a certificate states, as named when it was issued."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="competences")
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.CharField(_("key"), max_length=20)
    name = models.CharField(_("name"), max_length=200)  # one column per language, as the title

    class Meta:
        ordering = ["position"]
        verbose_name = _("competence of a certificate")
        verbose_name_plural = _("competences of a certificate")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "position"], name="one_certificate_competence_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id}:{self.key}"
