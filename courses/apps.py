from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from home.roles import Role, grant

        for model in ("domain", "competence", "cohort", "actor", "worksheettemplate", "glossaryterm"):
            grant(Role.TRAINER, *(f"courses.{action}_{model}" for action in ("add", "change", "delete")))
        grant(
            Role.TRAINER,
            *(f"courses.{action}_fundingsource" for action in ("add", "change", "delete", "publish", "lock")),
        )
        grant(
            Role.TRAINER,
            "courses.view_stepprogress",
            "courses.publish_actor",
            "courses.publish_worksheettemplate",
        )

        from django.db.models.signals import post_delete, post_save

        from .knowledge import navigation  # noqa: F401  (the glossary and the register in the footer)
        from .knowledge.glossary import glossary_changed
        from .models import FundingSource, GlossaryTerm

        # Lesson bodies are cached with the glossary's version, which a saved funding-register
        # entry moves on too (lessons show entries by reference): an edited term shows at once,
        # and an entry no longer verified leaves the trainees' lessons at once.
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid=f"glossary-{name}")
            signal.connect(glossary_changed, sender=FundingSource, dispatch_uid=f"funding-{name}")

        from .search import keep_search_text, reindex_pages_using, searchable_models

        # The site search's words follow each save of a page's content (publishing included), and
        # each save of a funding-register entry that lessons show by reference.
        for model in searchable_models():
            post_save.connect(keep_search_text, sender=model, dispatch_uid=f"search-text-{model.__name__}")
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(reindex_pages_using, sender=FundingSource, dispatch_uid=f"search-funding-{name}")
