"""A backup restored into a fresh database (SQLite or PostgreSQL) finds the same rows (same counts,
same data hash, link tables included); a damaged backup changes nothing."""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import AutoField
from django.utils import translation
from psycopg import sql

from assessments.attempts import Answer, start_attempt, submit_attempt
from courses.models import Domain
from lms.operations.backup import backup, fingerprint, restore
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, make_course

ROOT = Path(__file__).resolve().parents[2]


def manage(database: str, media: Path, *args: str, check: bool = True) -> str:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(media),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout if result.returncode == 0 else ""


@contextmanager
def new_postgres_database(server: str, name: str) -> Iterator[str]:
    """An empty database `name` on the PostgreSQL server of the URL `server`, dropped afterwards."""
    base, _name = server.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}"')
        maintenance.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as maintenance:
            maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def source_database(tmp_path):
    """The database backed up: on CI's PostgreSQL pass a fresh PostgreSQL database (so a PostgreSQL
    backup is restored into SQLite), otherwise SQLite."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'original.sqlite3'}"
        return
    with new_postgres_database(server, f"tounesna_backup_{os.getpid()}") as database:
        yield database


@pytest.mark.slow
def test_restore_into_a_fresh_database_gives_back_the_same_data(tmp_path, source_database):
    original = source_database
    restored = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "guide.txt").write_text("Guide du formateur", encoding="utf-8")
    manage(original, media, "migrate", "--noinput")
    restored_media = tmp_path / "uploads"  # another folder name than the original's
    if original.startswith("sqlite"):
        # A copy of the freshly migrated, still empty SQLite file is the same fresh database as a
        # second `migrate` gives, in a fraction of its time.
        shutil.copyfile(tmp_path / "original.sqlite3", tmp_path / "restored.sqlite3")
    else:
        manage(restored, restored_media, "migrate", "--noinput")
    manage(original, media, "load_demo")
    manage(original, media, "backup", str(tmp_path / "backup"))
    before = json.loads(manage(original, media, "data_fingerprint"))

    manage(restored, restored_media, "restore", str(tmp_path / "backup"), "--yes")
    after = json.loads(manage(restored, restored_media, "data_fingerprint"))

    assert sum(count for count, _digest in before.values()) > 1000
    assert after == before
    assert (restored_media / "documents" / "guide.txt").read_text(encoding="utf-8") == "Guide du formateur"

    # A damaged backup is refused and leaves the database exactly as it was.
    damaged = tmp_path / "damaged"
    shutil.copytree(tmp_path / "backup", damaged)
    data = (damaged / "data.json").read_text(encoding="utf-8")
    (damaged / "data.json").write_text(data[: len(data) // 2], encoding="utf-8")
    manage(restored, restored_media, "restore", str(damaged), "--yes", check=False)
    assert json.loads(manage(restored, restored_media, "data_fingerprint")) == before


@pytest.mark.django_db
def test_the_fingerprint_sees_a_lost_cohort_member_but_not_new_link_ids(site_tree, make_user):
    first, second = make_user(), make_user()
    cohort = enrol(first, make_course(modules=0))
    cohort.trainees.add(second)
    before = fingerprint()

    cohort.trainees.remove(second)
    assert fingerprint()["courses.cohort_trainees"] != before["courses.cohort_trainees"]

    # loaddata re-creates link rows with new ids, possibly in another order.
    cohort.trainees.clear()
    cohort.trainees.add(second, first)
    assert fingerprint() == before


@pytest.mark.django_db
def test_the_fingerprint_is_the_same_in_french_and_arabic():
    Domain.objects.create(key="funding", name_fr="Financement", name_ar="التمويل")
    with translation.override("fr"):
        in_french = fingerprint()
    with translation.override("ar"):
        in_arabic = fingerprint()
    assert in_arabic == in_french


def tables_whose_next_id_is_taken(database: str) -> list[str]:
    """The tables of a PostgreSQL database whose id sequence would give a new row an id already used."""
    tables = {
        (model._meta.db_table, model._meta.pk.column)
        for model in apps.get_models(include_auto_created=True)
        if isinstance(model._meta.pk, AutoField) and model._meta.managed
    }
    taken = []
    with psycopg.connect(database) as restored:
        for table, column in sorted(tables):
            serial = restored.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            (sequence,) = serial.fetchone()
            if sequence is None:
                continue
            highest = sql.SQL("SELECT coalesce(max({}), 0) FROM {}").format(
                sql.Identifier(column), sql.Identifier(table)
            )
            (highest_id,) = restored.execute(highest).fetchone()
            (next_id,) = restored.execute("SELECT nextval(%s)", [sequence]).fetchone()
            if next_id <= highest_id:
                taken.append(f"{table} (next id {next_id}, highest {highest_id})")
    return taken


@pytest.fixture
def restored_postgres_database():
    name = f"tounesna_backup_restored_{os.getpid()}"
    with new_postgres_database(os.environ["DATABASE_URL"], name) as database:
        yield database


@pytest.mark.postgres
@pytest.mark.slow
def test_a_postgresql_backup_restores_into_a_fresh_postgresql_database(
    tmp_path, settings, site_tree, trainee, restored_postgres_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    course = make_course(modules=1, lessons=2)
    enrol(trainee, course)
    quiz = make_quiz(course.get_children().first().specific, questions=[make_question(), make_question()])
    attempt = start_attempt(user=trainee, quiz=quiz)
    item = attempt.items.select_related("question").first()
    choice = item.question.choices.first()
    submit_attempt(attempt=attempt, answers={item.position: Answer(choices=frozenset({choice.pk}))})
    backup(tmp_path / "backup")
    before = fingerprint()

    restored, media = restored_postgres_database, tmp_path / "restored-media"
    manage(restored, media, "migrate", "--noinput")
    manage(restored, media, "restore", str(tmp_path / "backup"), "--yes")

    assert before["assessments.attemptquestion_selected_choices"][0] == 1
    assert json.loads(manage(restored, media, "data_fingerprint")) == before
    assert tables_whose_next_id_is_taken(restored) == []


def cut_short(archive: Path) -> None:
    """Keep the first three quarters: the first files unpack, then the archive ends."""
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size * 3 // 4])


def add_escaping_member(archive: Path) -> None:
    """Replace the archive by one whose first file unpacks and whose second would land outside."""
    with tarfile.open(archive, "w:gz") as replaced:
        for name in ("./documents/guide.txt", "../escaped.txt"):
            member = tarfile.TarInfo(name)
            member.size = 3
            replaced.addfile(member, io.BytesIO(b"bad"))


@pytest.fixture
def media_backup(tmp_path, settings, site_tree) -> Path:
    """A backup whose media holds a guide and a large file, after which the guide and the data change."""
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "guide.txt").write_text("Guide sauvegardé", encoding="utf-8")
    (media / "documents" / "video.bin").write_bytes(os.urandom(300_000))
    backup(tmp_path / "backup")
    (media / "documents" / "guide.txt").write_text("Guide actuel", encoding="utf-8")
    Domain.objects.create(key="after-backup", name_fr="Ajouté après", name_ar="أضيف بعد")
    return tmp_path / "backup"


@pytest.mark.django_db
@pytest.mark.parametrize("damage", [cut_short, add_escaping_member])
def test_a_damaged_media_archive_changes_neither_data_nor_media(media_backup, tmp_path, damage):
    damage(media_backup / "media.tar.gz")
    before = fingerprint()

    with pytest.raises(CommandError, match="cannot be unpacked.*Nothing was changed"):
        call_command("restore", str(media_backup), "--yes")

    assert fingerprint() == before
    assert (tmp_path / "media" / "documents" / "guide.txt").read_text(encoding="utf-8") == "Guide actuel"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup", "media"]  # no staging left


@pytest.fixture
def fresh_content_type_cache():
    """A restore in the test database re-creates the content types with other ids, which the rollback
    undoes but the process-wide ContentType cache would keep."""
    yield
    ContentType.objects.clear_cache()


@pytest.mark.django_db
def test_restore_puts_the_backup_media_back_and_keeps_newer_files(
    media_backup, tmp_path, fresh_content_type_cache
):
    media = tmp_path / "media"
    (media / "images").mkdir()
    (media / "images" / "new.png").write_bytes(b"uploaded after the backup")
    # PostgreSQL refuses to empty tables while this test's deferred foreign-key checks are pending.
    connection.check_constraints()

    restore(media_backup)

    assert not Domain.objects.filter(key="after-backup").exists()
    assert (media / "documents" / "guide.txt").read_text(encoding="utf-8") == "Guide sauvegardé"
    assert (media / "images" / "new.png").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup", "media"]
