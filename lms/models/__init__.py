from .certificates import Certificate, CertificateCompetence, CertificateKind
from .plans import Attendance, AttendanceStatus, TrainingPlanPage, Workshop
from .privacy import ConsentRecord, Erasure

__all__ = [
    "Attendance",
    "AttendanceStatus",
    "Certificate",
    "CertificateCompetence",
    "CertificateKind",
    "ConsentRecord",
    "Erasure",
    "TrainingPlanPage",
    "Workshop",
]
