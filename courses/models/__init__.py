from ..knowledge.models import FundingSource, FundingStatusChange, GlossaryTerm
from .cohorts import Cohort
from .competences import Competence, Domain
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .progress import CourseCompletion, StepProgress
from .search import SearchText, SearchWord

__all__ = [
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
]
