"""Where a new step goes in its module's outline."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page

from .models import LessonPage


@transaction.atomic
def place_new_lesson(*, lesson: LessonPage) -> None:
    """A lesson added to a module lands before the module's closing assessments (the trailing run of
    steps that are not lessons: its final test), not after them. The trainer can still reorder; other
    step types keep Wagtail's place, last.
    """
    lesson_type = ContentType.objects.get_for_model(LessonPage).pk
    earlier = list(
        Page.objects.sibling_of(lesson, inclusive=False)
        .filter(path__lt=lesson.path)
        .order_by("-path")
        .only("id", "path", "depth", "numchild", "content_type_id")
    )
    closing = None
    for sibling in earlier:
        if sibling.content_type_id == lesson_type:
            break
        closing = sibling
    if closing is not None:
        lesson.move(closing, pos="left")
