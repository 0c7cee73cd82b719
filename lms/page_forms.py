"""Admin forms of page models (imported by the models: they import no model at load time)."""

from wagtail.admin.forms import WagtailAdminPageForm


class TrainingPlanPageForm(WagtailAdminPageForm):
    """A new plan starts from the priority competences agreed in the latest needs-assessment minutes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "target_competences" in self.fields:
            from .training.plans import agreed_priorities

            if not self.initial.get("target_competences"):
                self.initial["target_competences"] = [c.pk for c in agreed_priorities()]

    def clean(self):
        """A workshop whose attendance is recorded (a record) is neither deleted nor moved to a date
        that has not come yet."""
        cleaned_data = super().clean()
        from .training.plans import removal_error, reschedule_error

        workshops = self.formsets.get("workshops")
        for form in workshops.forms if workshops is not None else []:
            if not form.is_valid():
                continue
            if form.cleaned_data.get("DELETE"):
                if error := removal_error(workshop=form.instance):
                    self.add_error(None, error)  # a deleted line's own errors are not shown
                continue
            if "starts_at" not in form.changed_data:
                continue
            error = reschedule_error(workshop=form.instance, starts_at=form.cleaned_data.get("starts_at"))
            if error:
                form.add_error("starts_at", error)
        return cleaned_data
