from .certificates import Certificate, CertificateCompetence, CertificateKind
from .handover import CheckoutRecord, CheckoutStep, FacilitatorNote
from .people import ApprovalSignature, StaffProfile
from .plans import Attendance, AttendanceStatus, TrainingPlanPage, Workshop
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
    "Erasure",
    "FacilitatorNote",
    "StaffProfile",
    "TrainingPlanPage",
    "Workshop",
]
