from django.db import transaction
from django.utils import translation

from .models import CourseIndexPage

CATALOGUE_TEXT = {
    "title_fr": "Formations",
    "title_ar": "الدورات التكوينية",
    "slug_fr": "formations",
    "slug_ar": "dawrat",
    "introduction_fr": "<p>Les formations du parcours, à suivre à votre rythme, en français ou en arabe.</p>",
    "introduction_ar": "<p>دورات المسار التكويني، تتابعها وفق نسقك الخاص، باللغة العربية أو الفرنسية.</p>",
}


@transaction.atomic
def ensure_course_index(home) -> CourseIndexPage:
    """The course catalogue, under the home page and shown in menus. Idempotent."""
    existing = CourseIndexPage.objects.first()
    if existing is not None:
        return existing
    with translation.override("fr"):
        catalogue = CourseIndexPage(show_in_menus=True, **CATALOGUE_TEXT)
        catalogue.title = CATALOGUE_TEXT["title_fr"]
        catalogue.slug = CATALOGUE_TEXT["slug_fr"]
        home.add_child(instance=catalogue)
    return catalogue
