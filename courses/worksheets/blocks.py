"""The blocks a trainer builds a worksheet template with: sections of fields, one block per kind."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.languages import default_language, label_in, language_codes

DISPLAYS = [
    ("table", _("Table")),
    ("power_interest_grid", _("Influence × alignment grid (first two 1–5 columns)")),
    ("timeline", _("Roadmap timeline (first date column)")),
]


def translated_text(label, *, required: bool = True, multiline: bool = False) -> blocks.StructBlock:
    """One text per site language (the default one required), so a template reads in each."""
    kind = blocks.TextBlock if multiline else blocks.CharBlock
    return blocks.StructBlock(
        [
            (code, kind(label=label_in(label, code), required=required and code == default_language()))
            for code in language_codes()
        ],
        label=label,
    )


def display_choice() -> blocks.ChoiceBlock:
    return blocks.ChoiceBlock(choices=DISPLAYS, default="table", label=_("shown as"))


class OptionBlock(blocks.StructBlock):
    key = blocks.RegexBlock(regex=r"^[a-z0-9_]+$", max_length=40, label=_("key"))
    label = translated_text(_("label"))


def field_block(handler) -> blocks.StructBlock:
    return blocks.StructBlock(
        [
            (
                "key",
                blocks.RegexBlock(
                    regex=r"^[a-z0-9_]+$",
                    max_length=40,
                    label=_("key"),
                    help_text=_("Lower-case letters, digits and _; unique in the template."),
                ),
            ),
            ("label", translated_text(_("label"))),
            ("help", translated_text(_("help"), required=False, multiline=True)),
            ("required", blocks.BooleanBlock(required=False, label=_("required"))),
            *handler.settings_blocks(),
        ],
        label=handler.label,
    )


def column_stream() -> blocks.StreamBlock:
    from .kinds import KINDS

    return blocks.StreamBlock(
        [(kind, field_block(handler)) for kind, handler in KINDS.items() if handler.in_groups],
        label=_("columns"),
    )


def field_stream() -> blocks.StreamBlock:
    from .kinds import KINDS

    return blocks.StreamBlock(
        [(kind, field_block(handler)) for kind, handler in KINDS.items()], label=_("fields")
    )


class SectionBlock(blocks.StructBlock):
    key = blocks.RegexBlock(regex=r"^[a-z0-9_]+$", max_length=40, label=_("key"))
    title = translated_text(_("title"))
    help = translated_text(_("help"), required=False, multiline=True)
    fields = field_stream()

    class Meta:
        icon = "form"
        label = _("Section")


class TemplateSectionsBlock(blocks.StreamBlock):
    section = SectionBlock()
