"""Admin forms of page models (imported by the models: they import no model at load time)."""

from wagtail.admin.forms import WagtailAdminPageForm


class TrainingPlanPageForm(WagtailAdminPageForm):
    """A new plan starts from the priority competences agreed in the latest needs-assessment minutes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "target_competences" in self.fields:
            from .plans import agreed_priorities

            if not self.initial.get("target_competences"):
                self.initial["target_competences"] = [c.pk for c in agreed_priorities()]
