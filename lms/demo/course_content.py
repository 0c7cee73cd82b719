"""The starter course and the competence framework, read from `data/` and kept in step with it.

Every item has a stable key (competences) or slug (pages); loading again updates what changed and
creates nothing twice. A page whose content is unchanged is left alone (no new revision).
"""

import json
import tomllib
import uuid
from pathlib import Path

from django.db import transaction
from django.utils import translation

from courses.models import (
    Competence,
    CourseIndexPage,
    CoursePage,
    Domain,
    FundingSource,
    LessonPage,
    ModulePage,
)

from .markup import rich_text

DATA = Path(__file__).parent / "data"
LANGUAGES = ("fr", "ar")


def read_toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# Competence framework -------------------------------------------------------------------------


@transaction.atomic
def load_competences(path: Path = DATA / "competences.toml") -> dict[str, Competence]:
    data = read_toml(path)
    domains = {}
    for order, item in enumerate(data["domain"]):
        domains[item["key"]], _created = Domain.objects.update_or_create(
            key=item["key"],
            defaults={"sort_order": order, **{f"name_{lang}": item[f"name_{lang}"] for lang in LANGUAGES}},
        )
    competences = {}
    for order, item in enumerate(data["competence"]):
        fields = {"domain": domains[item["domain"]], "sort_order": order}
        for lang in LANGUAGES:
            fields[f"name_{lang}"] = item[f"name_{lang}"]
            fields[f"description_{lang}"] = item[f"description_{lang}"]
            for level, descriptor in enumerate(item[f"levels_{lang}"], start=1):
                fields[f"level_{level}_{lang}"] = descriptor
        competences[item["key"]], _created = Competence.objects.update_or_create(
            key=item["key"], defaults=fields
        )
    return competences


# Lesson bodies --------------------------------------------------------------------------------


def _block_id(key: str, language: str, index: int) -> str:
    """Stable block ids, so that reloading unchanged content produces identical data."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"tounesna:{key}:{language}:{index}"))


def _block_value(block: dict):
    kind = block["type"]
    if kind == "paragraph":
        return rich_text(block["text"])
    if kind == "heading":
        return {"text": block["text"], "level": block.get("level", "h2")}
    if kind == "callout":
        return {"kind": block["kind"], "title": block.get("title", ""), "text": rich_text(block["text"])}
    if kind == "quote":
        return {"text": block["text"], "attribution": block.get("attribution", "")}
    if kind == "case_study":
        return {
            "title": block["title"],
            "context": rich_text(block["context"]),
            "question": block["question"],
            "asks_for_answer": block.get("asks_for_answer", False),
        }
    if kind == "faq":
        return {
            "items": [
                {"question": item["question"], "answer": rich_text(item["answer"])} for item in block["items"]
            ]
        }
    if kind == "further_reading":
        return {
            "links": [
                {"title": link["title"], "url": link["url"], "source": link.get("source", "")}
                for link in block["links"]
            ]
        }
    if kind == "verified_fact":
        return {
            "statement": block["statement"],
            "source_url": block.get("source_url", ""),
            "source_label": block.get("source_label", ""),
            "status": block["status"],
            "checked_on": block.get("checked_on"),
            "recheck_by": block.get("recheck_by"),
        }
    if kind == "funding_source":
        return {"source": _funding_source_pk(block["source"]), "comment": block.get("comment", "")}
    raise ValueError(f"Unknown block type {kind!r}")


def _funding_source_pk(key: str) -> int:
    """The register entry with this key in `funding_sources.toml` (loaded before the course)."""
    names = {item["key"]: item["name_fr"] for item in read_toml(DATA / "funding_sources.toml")["source"]}
    if key not in names:
        raise ValueError(f"No funding source {key!r} in funding_sources.toml")
    return FundingSource.objects.get(name_fr=names[key]).pk


def stream_data(key: str, language: str, blocks: list[dict]) -> list[dict]:
    return [
        {"type": block["type"], "value": _block_value(block), "id": _block_id(key, language, index)}
        for index, block in enumerate(blocks)
    ]


# Pages ----------------------------------------------------------------------------------------


def _translated(item: dict, *names: str, markdown_fields: tuple[str, ...] = ()) -> dict:
    fields = {}
    for name in names:
        for lang in LANGUAGES:
            value = item.get(f"{name}_{lang}", "")
            fields[f"{name}_{lang}"] = rich_text(value) if name in markdown_fields else value
    return fields


def _current_value(page, name: str):
    value = getattr(page, name)
    if hasattr(value, "raw_data"):
        return [dict(block) for block in value.raw_data]
    return value


def upsert_child(parent, model, slug_fr: str, fields: dict):
    """Create the child page of `parent` with this French slug, or update it if it changed."""
    with translation.override("fr"):
        page = model.objects.child_of(parent).filter(slug_fr=slug_fr).first()
        comparable = {
            name: json.loads(value) if name.startswith("body_") else value for name, value in fields.items()
        }
        if page is not None and all(
            _current_value(page, name) == value for name, value in comparable.items()
        ):
            return page
        if page is None:
            page = model(slug=slug_fr, title=fields["title_fr"], **fields)
            parent.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            page.title = fields["title_fr"]
        page.save_revision().publish()
        return page


def load_lesson(module: ModulePage, path: Path) -> LessonPage:
    item = read_toml(path)
    fields = _translated(item, "title", "slug", "summary")
    for lang in LANGUAGES:
        fields[f"body_{lang}"] = json.dumps(stream_data(item["key"], lang, item[lang]))
    return upsert_child(module, LessonPage, item["slug_fr"], fields)


def load_module(course: CoursePage, folder: Path) -> ModulePage:
    item = read_toml(folder / "module.toml")
    fields = _translated(item, "title", "slug", "introduction", markdown_fields=("introduction",))
    module = upsert_child(course, ModulePage, item["slug_fr"], fields)
    for lesson_file in sorted(folder.glob("[0-9]*.toml")):
        load_lesson(module, lesson_file)
    return module


@transaction.atomic
def load_course(
    catalogue: CourseIndexPage, competences: dict[str, Competence], folder: Path = DATA / "course"
) -> tuple[CoursePage, dict[str, ModulePage]]:
    """The course and its modules by key."""
    item = read_toml(folder / "course.toml")
    fields = _translated(
        item, "title", "slug", "summary", "objectives", "audience", markdown_fields=("objectives",)
    )
    fields["duration_hours"] = item.get("duration_hours")
    course = upsert_child(catalogue, CoursePage, item["slug_fr"], fields)
    wanted = {competences[key].pk for key in item.get("competences", [])}
    if set(course.competences.values_list("pk", flat=True)) != wanted:
        course.competences.set(wanted)
        course.save_revision().publish()
    modules = {}
    for module_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        modules[read_toml(module_folder / "module.toml")["key"]] = load_module(course, module_folder)
    return course, modules
