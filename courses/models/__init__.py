from .cohorts import Cohort
from .competences import Competence, Domain
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .progress import StepProgress

__all__ = [
    "Cohort",
    "Competence",
    "CourseIndexPage",
    "CoursePage",
    "Domain",
    "LessonPage",
    "ModulePage",
    "StepProgress",
]
