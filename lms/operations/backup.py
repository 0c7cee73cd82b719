"""Backup and restore of the whole site's data (any database Django supports) and its media.

The data goes through Django's serialisers with natural keys, so a backup taken from PostgreSQL
restores into SQLite and back. Tables that are rebuilt by the application (content types,
permissions, sessions, lockout logs, the search index, Wagtail's reference index) are left out.
"""

import gzip
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, time
from functools import partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model
from django.utils import translation

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "wagtailsearch",
    "wagtailcore.referenceindex",
]


def _dumpdata_excludes() -> list[str]:
    """The excluded labels dumpdata knows (apps not installed here are skipped)."""
    labels = {config.label for config in apps.get_app_configs()}
    labels |= {model._meta.label_lower for model in apps.get_models()}
    return [item for item in EXCLUDED if item in labels]


def _excluded(model) -> bool:
    label = model._meta.label_lower
    return any(label == item or label.startswith(item + ".") for item in EXCLUDED)


def backup(output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    with (output / "data.json").open("w", encoding="utf-8") as stream:
        call_command(
            "dumpdata",
            *[f"--exclude={item}" for item in _dumpdata_excludes()],
            natural_foreign=True,
            indent=None,
            stdout=stream,
        )
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(output / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    (output / "fingerprint.json").write_text(json.dumps(fingerprint(), indent=1), encoding="utf-8")


class DamagedBackup(Exception):
    """The backup cannot be read; restore changed nothing."""


def restore(source: Path) -> None:
    """Replace every row of the (migrated) database by the backup's, and put the media back.

    The media archive is unpacked beside MEDIA_ROOT first; only then is the data replaced and are the
    files moved in, in one transaction. A backup whose data or media is damaged changes nothing.
    Media files the backup does not have stay.
    """
    media = Path(settings.MEDIA_ROOT)
    with _unpacked(source / "media.tar.gz", beside=media) as staged, transaction.atomic():
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(source / "data.json"), verbosity=0)
        _move_files(staged, into=media)
    call_command("update_index", verbosity=0)


@contextmanager
def _unpacked(archive: Path, *, beside: Path) -> Iterator[Path]:
    """A new folder next to `beside` holding the archive's files, removed afterwards.

    Next to it, so that moving the files in is a rename on the same disk.
    """
    beside.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{beside.name}-restore-", dir=beside.parent))
    try:
        _extract(archive, into=folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _extract(archive: Path, *, into: Path) -> None:
    try:
        with tarfile.open(archive, "r:gz") as opened:
            # The "data" filter refuses members that would land outside the folder (`..`), links
            # leading out of it and device files; it drops leading slashes.
            opened.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise DamagedBackup(f"{archive} cannot be unpacked ({error})") from error


def _move_files(staged: Path, *, into: Path) -> None:
    """Move every file (and link) of `staged` to the same place under `into`, replacing the file there."""
    for folder, subfolders, files in os.walk(staged):
        here = Path(folder)
        target = into / here.relative_to(staged)
        target.mkdir(parents=True, exist_ok=True)
        links = [name for name in subfolders if (here / name).is_symlink()]
        subfolders[:] = [name for name in subfolders if name not in links]
        for name in [*files, *links]:
            if (target / name).is_dir():
                raise IsADirectoryError(f"{target / name} is a folder, the backup has a file there")
            shutil.move(here / name, target / name)


def _content_type_labels() -> dict[int, str]:
    return {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}


def _permission_labels() -> dict[int, str]:
    return {
        p.pk: f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }


def _comparable(field, value, content_types: dict[int, str], permissions: dict[int, str]):
    related = getattr(field, "related_model", None)
    if related is ContentType:
        return content_types.get(value, value)
    if related is Permission:
        return permissions.get(value, value)
    if hasattr(value, "raw_data"):  # StreamField
        return json.dumps(list(value.raw_data), sort_keys=True, default=str)
    if isinstance(value, datetime | time):
        # The JSON backup keeps milliseconds, not microseconds.
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def _fingerprinted_models() -> list[type[Model]]:
    """The backed-up models, with the link tables Django creates for many-to-many fields."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if not (
            _excluded(model)
            or model._meta.proxy
            or not model._meta.managed
            or model._meta.app_label == "modelsearch"
        )
    ]
    return sorted(models, key=lambda model: model._meta.label_lower)


def _row_lines(model: type[Model], comparable: Callable) -> Iterable[str]:
    """One line per row, ordered by primary key. A link table's rows are compared without their id
    and sorted instead: loaddata re-creates them with new ids."""
    is_link_table = bool(model._meta.auto_created)
    fields = [f for f in model._meta.concrete_fields if not (is_link_table and f.primary_key)]
    rows = model._base_manager.order_by("pk").values_list(*[f.attname for f in fields])
    lines = (
        repr([comparable(field, value) for field, value in zip(fields, row, strict=True)]) for row in rows
    )
    return sorted(lines) if is_link_table else lines


def fingerprint() -> dict[str, list]:
    """Row count and SHA-256 of every backed-up table, many-to-many link tables included.

    Content types and permissions are compared by name, since their ids depend on the database.
    """
    comparable = partial(_comparable, content_types=_content_type_labels(), permissions=_permission_labels())
    result = {}
    # modeltranslation reads a translated field (`name`) as its column in the active language (`name_ar`).
    with translation.override(settings.LANGUAGE_CODE):
        for model in _fingerprinted_models():
            digest = hashlib.sha256()
            count = 0
            for line in _row_lines(model, comparable):
                digest.update(line.encode())
                count += 1
            result[model._meta.label_lower] = [count, digest.hexdigest()]
    return result
