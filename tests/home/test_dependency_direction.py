"""Dependencies run one way, `lms` → `assessments` → `courses` → `home`, in Python and in templates
(issue 24): a lower app never imports a higher one, and a lower app's templates never name a higher
app's URLs; the higher app plugs in through the lower one's hooks (registries, context)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEVEL = {"home": 0, "courses": 1, "assessments": 2, "lms": 3}
# Templates outside an app's folder are shared by every page: they sit at the bottom (home).
TEMPLATE_LEVEL = {"courses": 1, "assessments": 2, "lms": 3, "pdf": 3, "registration": 3, "wagtailadmin": 3}
URL_NAME = re.compile(r"""{%\s*url\s+['"]([\w:-]+)['"]""")
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
EXTENDS = re.compile(r"""{%\s*(?:extends|include)\s+['"]([\w/.-]+)['"]""")
# URL names that belong to an app of the project (other names are Django's, Wagtail's or the
# project's own accounts and theme routes, routed in `lms/urls.py`).
URL_OWNERS = {"lms": "lms"}


def imported_apps(path: Path) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
    return {(app, line) for app, line in found if app in LEVEL}


def python_violations(root: Path = ROOT) -> list[str]:
    violations = []
    for app, level in LEVEL.items():
        for path in (root / app).rglob("*.py"):
            for imported, line in imported_apps(path):
                if LEVEL[imported] > level:
                    violations.append(f"{path.relative_to(root)}:{line} imports {imported}")
    return sorted(violations)


def template_level(path: Path, templates: Path) -> int:
    first = path.relative_to(templates).parts[0]
    return TEMPLATE_LEVEL.get(first, 0)


def tag_library_owners(root: Path) -> dict[str, str]:
    """Each template tag library of the project and the app it belongs to."""
    return {
        path.stem: app
        for app in LEVEL
        for path in (root / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def template_violations(root: Path = ROOT) -> list[str]:
    templates = root / "templates"
    libraries = tag_library_owners(root)
    violations = []
    for path in templates.rglob("*.*"):
        level = template_level(path, templates)
        for number, text in enumerate(path.read_text().splitlines(), start=1):
            for loaded in LOAD.findall(text):
                for library in loaded.split():
                    owner = libraries.get(library)
                    if owner is not None and LEVEL[owner] > level:
                        violations.append(f"{path.relative_to(root)}:{number} loads {library}")
            for name in EXTENDS.findall(text):
                # Wagtail's own templates (wagtailadmin/...) are the framework's, not an app's of ours.
                first = name.split("/")[0]
                if first != "wagtailadmin" and TEMPLATE_LEVEL.get(first, 0) > level:
                    violations.append(f"{path.relative_to(root)}:{number} uses {name}")
            for name in URL_NAME.findall(text):
                owner = URL_OWNERS.get(name.split(":")[0]) if ":" in name else None
                if owner is not None and LEVEL[owner] > level:
                    violations.append(f"{path.relative_to(root)}:{number} names {name}")
    return sorted(violations)


def test_no_app_imports_a_higher_one():
    assert python_violations() == []


def test_no_template_names_a_higher_apps_url_or_template():
    assert template_violations() == []


def test_the_checks_find_what_they_look_for(tmp_path):
    (tmp_path / "courses").mkdir()
    (tmp_path / "courses" / "bad.py").write_text(
        "from lms.training.plans import next_workshop\nimport home.text\n"
    )
    for app in ("home", "assessments", "lms"):
        (tmp_path / app).mkdir()
    assert python_violations(tmp_path) == ["courses/bad.py:1 imports lms"]
    (tmp_path / "templates" / "includes").mkdir(parents=True)
    (tmp_path / "lms" / "templatetags").mkdir()
    (tmp_path / "lms" / "templatetags" / "landing_tags.py").write_text("")
    (tmp_path / "templates" / "includes" / "x.html").write_text(
        "{% load i18n landing_tags %}<a href=\"{% url 'lms:dashboard' %}\">"
    )
    (tmp_path / "templates" / "lms").mkdir()
    (tmp_path / "templates" / "lms" / "y.html").write_text("<a href=\"{% url 'lms:dashboard' %}\">")
    (tmp_path / "templates" / "courses").mkdir()
    (tmp_path / "templates" / "courses" / "z.html").write_text(
        '{% extends "wagtailadmin/base.html" %}{% include "lms/y.html" %}'
    )
    assert template_violations(tmp_path) == [
        "templates/courses/z.html:1 uses lms/y.html",
        "templates/includes/x.html:1 loads landing_tags",
        "templates/includes/x.html:1 names lms:dashboard",
    ]
