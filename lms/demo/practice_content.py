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


WORKBOOKS_FILE = DATA / "workbooks.toml"


def _with_actor_ids(values: dict, template: WorksheetTemplate) -> dict:
    """The data file names actors by acronym; the worksheet stores their ids."""
    from courses.worksheets import spec_of

    by_acronym = {actor.acronym: actor.pk for actor in Actor.objects.exclude(acronym="")}
    found = dict(values)
    for _section, item in spec_of(template).fields():
        if item.kind == "actor" and item.key in found:
            found[item.key] = by_acronym[found[item.key]]
        for column in item.columns_of_kind("actor") if item.kind == "group" else []:
            found[item.key] = [
                {**row, column.key: by_acronym[row[column.key]]} if column.key in row else row
                for row in found.get(item.key, [])
            ]
    return found


@transaction.atomic
def load_workbooks(cohort, templates: list[WorksheetTemplate], path=WORKBOOKS_FILE) -> None:
    from django.contrib.auth import get_user_model

    from courses.models import LessonPage
    from courses.reflections import reflection_prompts
    from lms.models import ReflectionAnswer, Worksheet
    from lms.practice.workbook import save_reflection, start_worksheet

    data = read_toml(path)
    users = {user.username: user for user in get_user_model().objects.filter(cohorts=cohort)}
    by_slug = {template.slug: template for template in templates}
    for item in data.get("reflection", []):
        lesson = LessonPage.objects.get(slug=item["lesson_slug"])
        prompt = reflection_prompts(page=lesson)[0]
        if not ReflectionAnswer.objects.filter(owner=users[item["username"]], lesson=lesson).exists():
            save_reflection(
                user=users[item["username"]], lesson=lesson, block_id=prompt.block_id, answer=item["answer"]
            )
    for item in data.get("worksheet", []):
        owner, template = users[item["username"]], by_slug[item["template"]]
        if Worksheet.objects.filter(owner=owner, title=item["title"]).exists():
            continue
        worksheet = start_worksheet(user=owner, template=template)
        worksheet.title = item["title"]
        worksheet.values = _with_actor_ids(item["values"], template)
        worksheet.save()
    for item in data.get("proposal", []):
        if not Actor.objects.filter(acronym=item["acronym"]).exists():
            from courses.actors import propose_actor

            fields = {k: v for k, v in item.items() if k != "username"}
            propose_actor(user=users[item["username"]], **fields)
