from .cohorts import Cohort
from .competences import Competence, Domain
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from .progress import CourseCompletion, StepProgress

__all__ = [
    "Cohort",
    "Competence",
    "CourseCompletion",
    "CourseIndexPage",
    "CoursePage",
    "Domain",
    "LessonPage",
    "ModulePage",
    "StepProgress",
]
