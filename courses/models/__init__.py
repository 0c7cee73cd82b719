from ..knowledge.models import FundingSource, FundingStatusChange, GlossaryTerm
from .actors import Actor, ActorKind
from .cohorts import Cohort
from .competences import Competence, Domain
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .progress import CourseCompletion, StepProgress
from .search import SearchText, SearchWord
from .worksheets import WorksheetTemplate

__all__ = [
    "Actor",
    "ActorKind",
    "Cohort",
    "Competence",
    "CourseCompletion",
    "CourseIndexPage",
    "CoursePage",
    "Domain",
    "FundingSource",
    "FundingStatusChange",
    "GlossaryTerm",
    "LessonPage",
    "ModulePage",
    "SearchText",
    "SearchWord",
    "StepProgress",
    "WorksheetTemplate",
]
