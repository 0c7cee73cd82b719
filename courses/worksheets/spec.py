"""A worksheet template read as plain data: sections, fields, options and rules.

The admin stores a template as a StreamField; `spec_of` reads its stored data (or a snapshot of it
kept with a worksheet) into these frozen objects, which every other function takes. Texts are held
per language and shown in the active one, falling back to the default language.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from home.languages import current_language, default_language


@dataclass(frozen=True)
class Text:
    """A text in each language: `str(text)` gives it in the active language, else the default one."""

    by_language: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.by_language.get(current_language()) or self.by_language.get(default_language()) or ""

    def __bool__(self) -> bool:
        return any(self.by_language.values())

    def in_language(self, code: str) -> str:
        return self.by_language.get(code) or self.by_language.get(default_language()) or ""


@dataclass(frozen=True)
class Option:
    key: str
    label: Text


@dataclass(frozen=True)
class FieldSpec:
    kind: str
    key: str
    label: Text
    help: Text = Text()
    required: bool = False
    options: tuple[Option, ...] = ()  # choice
    columns: tuple["FieldSpec", ...] = ()  # repeating group: its sub-fields
    min_rows: int = 0
    max_rows: int | None = None
    display: str = "table"  # repeating group: table, power_interest_grid or timeline

    @property
    def handler(self):
        from .kinds import handler_for

        return handler_for(self.kind)

    def column(self, key: str) -> "FieldSpec | None":
        return next((c for c in self.columns if c.key == key), None)

    def columns_of_kind(self, kind: str) -> list["FieldSpec"]:
        return [c for c in self.columns if c.kind == kind]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: Text
    help: Text
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class TemplateSpec:
    title: Text
    sections: tuple[SectionSpec, ...]

    def fields(self) -> Iterator[tuple[SectionSpec, FieldSpec]]:
        for section in self.sections:
            for item in section.fields:
                yield section, item


def _items(raw) -> list:
    """A ListBlock's stored items: plain values, or `{"type": "item", "value": …}` (Wagtail ≥ 2.16)."""
    return [item["value"] if isinstance(item, dict) and "value" in item else item for item in raw or []]


def _text(raw) -> Text:
    return Text({code: (value or "").strip() for code, value in (raw or {}).items()})


def _field(kind: str, value: Mapping) -> FieldSpec:
    return FieldSpec(
        kind=kind,
        key=value["key"],
        label=_text(value.get("label")),
        help=_text(value.get("help")),
        required=bool(value.get("required")),
        options=tuple(Option(o["key"], _text(o.get("label"))) for o in _items(value.get("options"))),
        columns=tuple(_field(col["type"], col["value"]) for col in value.get("columns") or []),
        min_rows=int(value.get("min_rows") or 0),
        max_rows=int(value["max_rows"]) if value.get("max_rows") else None,
        display=value.get("display") or "table",
    )


def spec_from_data(*, title: Mapping[str, str], sections: list) -> TemplateSpec:
    """A template from its stored StreamField data (a list of `{"type": "section", "value": …}`)."""
    return TemplateSpec(
        title=Text(dict(title)),
        sections=tuple(
            SectionSpec(
                key=section["value"]["key"],
                title=_text(section["value"].get("title")),
                help=_text(section["value"].get("help")),
                fields=tuple(
                    _field(item["type"], item["value"]) for item in section["value"].get("fields") or []
                ),
            )
            for section in sections
        ),
    )


def spec_of(template) -> TemplateSpec:
    """The spec of a `WorksheetTemplate` (or a spec, returned as it is)."""
    if isinstance(template, TemplateSpec):
        return template
    return spec_from_data(title=template.titles(), sections=template.structure())
