from .certificates import Certificate, CertificateCompetence, CertificateKind
from .handover import CheckoutRecord, CheckoutStep, FacilitatorNote
from .notifications import DeliveryStatus, Frequency, Notification, NotificationPreference, Weekday
from .people import ApprovalSignature, StaffProfile
from .plans import Attendance, AttendanceStatus, TrainingPlanPage, Workshop
from .practice import ReflectionAnswer, Worksheet
from .privacy import ConsentRecord, Erasure

__all__ = [
    "ApprovalSignature",
    "Attendance",
    "AttendanceStatus",
    "Certificate",
    "CertificateCompetence",
    "CertificateKind",
    "CheckoutRecord",
    "CheckoutStep",
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
