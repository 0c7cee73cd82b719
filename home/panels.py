"""Admin panels shared by the apps."""

from wagtail.admin.panels import InlinePanel


class LabelledInlinePanel(InlinePanel):
    """An InlinePanel whose add button is a whole sentence, translated as one ("Add a choice":
    « Ajouter un choix », « إضافة خيار »), rather than Wagtail's "Add %(label)s", which French
    renders "Ajouter un(e) Choix" whatever the gender of the label."""

    def __init__(self, *args, add_label, **kwargs):
        self.add_label = add_label
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "home/panels/labelled_inline_panel.html"
