"""Languages are data (issue 24): a settings variant with a third language runs its own tests in a
process of its own, and the application code lists no language outside the settings and the demo."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("home", "courses", "assessments", "lms")
# Where languages are named on purpose: the settings, and the demo's bilingual starter content.
ALLOWED = ("lms/settings/", "lms/demo/", "/migrations/")
SHIPPED = {"fr", "ar"}


def literal_language_lists(path: Path) -> list[int]:
    """Lines of `path` holding a tuple, list or set literal of the shipped language codes."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            values = {elt.value for elt in node.elts if isinstance(elt, ast.Constant)}
            if len(values) >= 2 and values <= SHIPPED:
                lines.append(node.lineno)
    return lines


def test_the_code_lists_no_language_outside_the_settings_and_the_demo():
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if any(part in f"/{relative}" for part in ALLOWED):
                continue
            if lines := literal_language_lists(path):
                found[relative] = lines
    assert found == {}


def test_the_scan_finds_a_language_list_where_there_is_one(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('LANGUAGES = ("fr", "ar")\nfor code in ["ar", "fr"]:\n    pass\nOTHER = ("fr", "x")\n')
    assert literal_language_lists(sample) == [1, 2]


def test_a_third_language_migrates_and_renders_the_home_a_lesson_and_a_pdf():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.third_language"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-q",
            "--ds=lms.settings.third_language",
            "tests/third_language/",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-2000:]
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in summary and "skipped" not in summary and "failed" not in summary, summary
