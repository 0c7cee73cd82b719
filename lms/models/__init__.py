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
from .people import ApprovalSignature, Institution, Sex, StaffProfile, TraineeProfile
from .plans import Attendance, AttendanceStatus, TrainingPlanPage, Workshop
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
    "CertificateTier",
    "ConsentRecord",
    "Erasure",
    "StaffProfile",
    "TrainingPlanPage",
    "Workshop",
]
