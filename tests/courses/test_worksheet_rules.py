"""Worksheet templates as data: the rules of the two shipped templates, read from the starter
content's data file, checked without a database (issue 20: each objective has a measure and a date,
each target an ask, each roadmap action an owner and a date)."""

import pytest
from django.utils import translation

from courses.worksheets import KINDS, power_interest_grid, spec_from_data, timeline, validate, worksheet_form
from lms.demo.course_content import read_toml
from lms.demo.practice_content import TEMPLATES_FILE, template_sections

ACTORS = {1: "OFII", 2: "GIZ"}


def shipped(slug: str):
    data = next(t for t in read_toml(TEMPLATES_FILE)["template"] if t["slug"] == slug)
    return spec_from_data(title={"fr": data["title_fr"]}, sections=template_sections(data))


@pytest.fixture(scope="module")
def plan():
    return shipped("plan-de-plaidoyer")


def complete_plan() -> dict:
    return {
        "problem": "Tounesna reste peu connu.",
        "evidence": "Plus de 500 projets financés depuis 2011 (OFII).",
        "goal": "Un service public national durable.",
        "objectives": [{"objective": "Convention signée", "measure": "1 convention", "due": "2027-06-30"}],
        "targets": [{"actor": 1, "influence": 5, "alignment": 4, "ask": "Cofinancer deux antennes"}],
        "actions": [{"action": "Note conceptuelle", "date": "2027-01-15", "owner": "Chef de projet"}],
        "indicators": "Nombre de conventions signées.",
    }


def problems(plan, values):
    return [
        (p.field, p.row, p.message) for p in validate(template=plan, values=values, actor_ids=set(ACTORS))
    ]


def test_a_complete_plan_has_no_problem(plan):
    assert problems(plan, complete_plan()) == []


@pytest.mark.parametrize(
    ("group", "column", "label"),
    [
        ("objectives", "measure", "Mesure"),
        ("objectives", "due", "Échéance"),
        ("targets", "ask", "Demande"),
        ("actions", "owner", "Responsable"),
        ("actions", "date", "Date"),
    ],
)
def test_each_row_needs_its_required_columns(plan, group, column, label):
    values = complete_plan()
    del values[group][0][column]
    found = problems(plan, values)
    assert [(f, row) for f, row, _m in found] == [(group, 1)]
    assert label in found[0][2]


def test_required_fields_and_minimum_rows(plan):
    values = complete_plan()
    del values["goal"]
    del values["targets"]
    found = {f for f, _row, _m in problems(plan, values)}
    assert found == {"goal", "targets"}


def test_values_of_the_wrong_kind_are_refused(plan):
    values = complete_plan()
    values["targets"][0].update(influence=9, actor=99)
    values["actions"][0]["date"] = "demain"
    found = problems(plan, values)
    assert {(f, row) for f, row, _m in found} == {("targets", 1), ("actions", 1)}
    assert len(found) == 3


def test_maximum_rows(plan):
    values = complete_plan()
    values["objectives"] = values["objectives"] * 6
    assert [f for f, _r, _m in problems(plan, values)] == ["objectives"]


def test_the_form_keeps_a_draft_and_drops_empty_rows(plan):
    data = {
        "goal": "But",
        "objectives-rows": "2",
        "objectives-0-objective": "Objectif",
        "objectives-0-due": "2027-06-30",
        "objectives-1-objective": "",
        "targets-rows": "1",
        "actions-rows": "1",
    }
    form = worksheet_form(template=plan, data=data, actors=_no_actors())
    assert form.is_valid(), form.errors
    assert form.values() == {"goal": "But", "objectives": [{"objective": "Objectif", "due": "2027-06-30"}]}


def test_the_form_refuses_a_bad_date_in_a_row(plan):
    data = {
        "objectives-rows": "1",
        "objectives-0-due": "31/31/2027",
        "targets-rows": "1",
        "actions-rows": "1",
    }
    form = worksheet_form(template=plan, data=data, actors=_no_actors())
    assert not form.is_valid()
    assert "objectives-0-due" in form.errors


def test_posted_row_counts_are_bounded(plan):
    form = worksheet_form(template=plan, data={"objectives-rows": "100000"}, actors=_no_actors())
    assert (
        len([name for name in form.fields if name.startswith("objectives-") and name.endswith("-due")]) == 5
    )


def test_labels_follow_the_language(plan):
    with translation.override("ar"):
        assert str(plan.sections[0].title) == "المشكلة والأدلة"
    assert str(plan.sections[0].title) == "Problème et données probantes"


def test_the_grid_places_targets_by_influence_and_alignment(plan):
    values = complete_plan()
    values["targets"].append({"actor": 2, "influence": 2})  # no alignment yet: listed apart
    grid = power_interest_grid(template=plan, values=values, actors=ACTORS)
    assert grid.rows[5 - 4][5 - 1] == ["OFII"]  # alignment 4 (rows from 5 down), influence 5
    assert grid.unplaced == ["GIZ"]


def test_the_timeline_orders_actions_by_date(plan):
    values = complete_plan()
    values["actions"].insert(0, {"action": "Comité", "date": "2027-03-01", "owner": "DG"})
    values["actions"].append({"action": "Atelier", "date": "2026-12-01", "owner": "DG", "status": "done"})
    steps = timeline(template=plan, values=values, actors=ACTORS).steps
    assert [s.label for s in steps] == ["Atelier", "Note conceptuelle", "Comité"]
    assert [s.offset for s in steps][0::2] == [0, 100]
    assert "Réalisée" in steps[0].details


def test_every_kind_is_in_one_registry():
    assert set(KINDS) == {"short_text", "long_text", "number", "date", "scale", "choice", "actor", "group"}


def test_the_country_sheet_asks_for_dated_sourced_amounts():
    sheet = shipped("fiche-pays")
    values = {
        "country": "France",
        "updated": "2026-12-01",
        "links": "PAD",
        "schemes": [{"scheme": "Aide au retour"}],
    }
    found = [(p.field, p.row) for p in validate(template=sheet, values=values, actor_ids=set())]
    assert found == [("schemes", 1), ("schemes", 1)]  # its date and its source


def _no_actors():
    from courses.models import Actor

    return Actor.objects.none()
