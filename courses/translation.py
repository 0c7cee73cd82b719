from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    Actor,
    Competence,
    CourseIndexPage,
    CoursePage,
    Domain,
    FundingSource,
    GlossaryTerm,
    LessonPage,
    ModulePage,
    WorksheetTemplate,
)


@register(Domain)
class DomainTR(TranslationOptions):
    fields = ("name",)


@register(Competence)
class CompetenceTR(TranslationOptions):
    fields = ("name", "description", "level_1", "level_2", "level_3", "level_4", "level_5")


@register(CourseIndexPage)
class CourseIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(CoursePage)
class CoursePageTR(TranslationOptions):
    fields = ("summary", "objectives", "audience")


@register(ModulePage)
class ModulePageTR(TranslationOptions):
    fields = ("introduction",)


@register(LessonPage)
class LessonPageTR(TranslationOptions):
    fields = ("summary", "body")


@register(Actor)
class ActorTR(TranslationOptions):
    fields = ("name", "country", "role", "contact_role")


@register(WorksheetTemplate)
class WorksheetTemplateTR(TranslationOptions):
    fields = ("title", "introduction")


@register(FundingSource)
class FundingSourceTR(TranslationOptions):
    fields = ("name", "country_or_agency", "funds", "management_requirements", "windows_and_deadlines")


@register(GlossaryTerm)
class GlossaryTermTR(TranslationOptions):
    fields = ("term", "definition", "section")
