from .certificates import Certificate
from .plans import Attendance, AttendanceStatus, TrainingPlanPage, Workshop
from .privacy import ConsentRecord, Erasure

__all__ = [
    "Attendance",
    "AttendanceStatus",
    "Certificate",
    "ConsentRecord",
    "Erasure",
    "TrainingPlanPage",
    "Workshop",
]
