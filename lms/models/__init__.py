from .certificates import Certificate, CertificateCompetence, CertificateKind
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
    "ConsentRecord",
    "Erasure",
    "ReflectionAnswer",
    "StaffProfile",
    "TrainingPlanPage",
    "Workshop",
    "Worksheet",
]
