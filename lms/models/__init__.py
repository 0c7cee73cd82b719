from .certificates import Certificate
from .plans import Attendance, AttendanceStatus, TrainingPlanPage, Workshop

__all__ = ["Certificate", "Attendance", "AttendanceStatus", "TrainingPlanPage", "Workshop"]
