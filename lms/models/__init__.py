from .certificates import Certificate, CertificateCompetence, CertificateKind, CertificateTier
from .followup import (
    CheckIn,
    CheckInStatus,
    CoachingSession,
    Commitment,
    Milestone,
    Outcome,
    OutcomeKind,
    WorkshopKind,
)
from .handover import CheckoutRecord, CheckoutStep, FacilitatorNote
from .notifications import DeliveryStatus, Frequency, Notification, NotificationPreference, Weekday
from .people import ApprovalSignature, Institution, Sex, StaffProfile, TraineeProfile
from .plans import Attendance, AttendanceStatus, TrainingPlanPage, Workshop
from .practice import ReflectionAnswer, Worksheet
from .privacy import ConsentRecord, Erasure

__all__ = [
    "ApprovalSignature",
    "CheckIn",
    "CheckInStatus",
    "CoachingSession",
    "Commitment",
    "Institution",
    "Milestone",
    "Outcome",
    "OutcomeKind",
    "Sex",
    "TraineeProfile",
    "WorkshopKind",
    "Attendance",
    "AttendanceStatus",
    "Certificate",
    "CertificateCompetence",
    "CertificateKind",
    "CheckoutRecord",
    "CheckoutStep",
    "CertificateTier",
    "ConsentRecord",
    "DeliveryStatus",
    "Erasure",
    "Frequency",
    "Notification",
    "NotificationPreference",
    "ReflectionAnswer",
    "FacilitatorNote",
    "StaffProfile",
    "TrainingPlanPage",
    "Weekday",
    "Workshop",
    "Worksheet",
]
