from .certificates import Certificate, CertificateCompetence, CertificateKind
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
    "ConsentRecord",
    "Erasure",
    "StaffProfile",
    "TrainingPlanPage",
    "Workshop",
]
