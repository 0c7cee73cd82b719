from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    ApprovalSignature,
    Certificate,
    CertificateCompetence,
    FacilitatorNote,
    StaffProfile,
    TrainingPlanPage,
    Workshop,
)


@register(TrainingPlanPage)
class TrainingPlanPageTR(TranslationOptions):
    fields = ("objectives", "report_context", "report_observations", "report_recommendations")


@register(Workshop)
class WorkshopTR(TranslationOptions):
    fields = ("title", "place", "agenda")


@register(StaffProfile)
class StaffProfileTR(TranslationOptions):
    fields = ("function",)


@register(ApprovalSignature)
class ApprovalSignatureTR(TranslationOptions):
    fields = ("function",)


@register(FacilitatorNote)
class FacilitatorNoteTR(TranslationOptions):
    fields = ("session_plan", "timing", "materials", "answers")


# A certificate's record, in every language as it was at issue (lms/certificates/issuing.py).
@register(Certificate)
class CertificateTR(TranslationOptions):
    fields = ("title",)


@register(CertificateCompetence)
class CertificateCompetenceTR(TranslationOptions):
    fields = ("name",)
