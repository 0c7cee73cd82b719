"""The shared actor register and the worksheet templates of the starter content
(`data/actors.toml`, `data/worksheet_templates.toml`)."""

from django.db import transaction

from courses.models import Actor, WorksheetTemplate

from .course_content import DATA, LANGUAGES, read_toml

ACTORS_FILE = DATA / "actors.toml"
TEMPLATES_FILE = DATA / "worksheet_templates.toml"


def _texts(item: dict, name: str) -> dict[str, str]:
    return {lang: item.get(f"{name}_{lang}", "") for lang in LANGUAGES}


def _field(item: dict) -> dict:
    value = {
        "key": item["key"],
        "label": _texts(item, "label"),
        "help": _texts(item, "help"),
        "required": bool(item.get("required")),
    }
    if item["kind"] == "choice":
        value["options"] = [{"key": o["key"], "label": _texts(o, "label")} for o in item.get("option", [])]
    if item["kind"] == "group":
        value["columns"] = [_field(column) for column in item.get("column", [])]
        value["min_rows"] = item.get("min_rows", 0)
        value["max_rows"] = item.get("max_rows")
        value["display"] = item.get("display", "table")
    return {"type": item["kind"], "value": value}


def template_sections(data: dict) -> list[dict]:
    """A template of the data file as the StreamField's data."""
    return [
        {
            "type": "section",
            "value": {
                "key": section["key"],
                "title": _texts(section, "title"),
                "help": _texts(section, "help"),
                "fields": [_field(item) for item in section.get("field", [])],
            },
        }
        for section in data.get("section", [])
    ]


@transaction.atomic
def load_actors(path=ACTORS_FILE) -> list[Actor]:
    found = []
    for item in read_toml(path)["actor"]:
        fields = {"acronym": item.get("acronym", ""), "kind": item["kind"], "live": True}
        for name in ("name", "country", "role", "contact_role"):
            for lang, text in _texts(item, name).items():
                fields[f"{name}_{lang}"] = text
        actor, _created = Actor.objects.update_or_create(name_fr=item["name_fr"], defaults=fields)
        found.append(actor)
    return found


@transaction.atomic
def load_worksheet_templates(path=TEMPLATES_FILE) -> list[WorksheetTemplate]:
    found = []
    for item in read_toml(path)["template"]:
        fields = {"sections": template_sections(item), "live": True}
        for name in ("title", "introduction"):
            for lang, text in _texts(item, name).items():
                fields[f"{name}_{lang}"] = text
        template, _created = WorksheetTemplate.objects.update_or_create(slug=item["slug"], defaults=fields)
        found.append(template)
    return found
