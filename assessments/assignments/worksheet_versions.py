"""Template (worksheet) versions read as they were handed in, for the trainee's page and the
trainer's review."""

from courses.worksheets import spec_from_data
from courses.worksheets.presentation import WorksheetView, actor_names_in, present

from ..models import SubmissionVersion


def _snapshot_spec(version: SubmissionVersion):
    return spec_from_data(title=version.template_titles or {}, sections=version.template_structure)


def version_worksheets(versions: list[SubmissionVersion]) -> dict[int, WorksheetView]:
    """The template versions among `versions` as they were handed in (each with its own snapshot of
    the template: a later edit of it never changes them), read-only, by version id: sections, grid
    and roadmap. Text and file versions are left out. One query for the actors' names, whatever
    the number of versions."""
    specs = {v.pk: _snapshot_spec(v) for v in versions if v.template_structure is not None}
    if not specs:
        return {}
    values = {v.pk: v.values for v in versions}
    names = actor_names_in(filled=[(spec, values[pk]) for pk, spec in specs.items()])
    return {
        pk: present(template=spec, values=values[pk], actors=names.full, short_names=names.short)
        for pk, spec in specs.items()
    }


def version_worksheet(version: SubmissionVersion) -> WorksheetView | None:
    return version_worksheets([version]).get(version.pk)
