"""Uploads: no SVG or HTML (they can carry scripts); documents go through Wagtail's serve view,
which applies collection privacy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from tests.paths import path_to

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
HTML = b"<html><script>alert(1)</script></html>"


@pytest.mark.parametrize(("name", "content"), [("evil.html", HTML), ("evil.svg", SVG), ("evil.htm", HTML)])
def test_trainers_cannot_upload_html_or_svg_documents(client, trainer, name, content):
    client.force_login(trainer)
    response = client.post(
        path_to("wagtaildocs:add"),
        {
            "title": "Evil",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200  # the form again, with an error
    assert not Document.objects.exists()


def test_trainers_cannot_upload_svg_images(client, trainer):
    client.force_login(trainer)
    client.post(
        path_to("wagtailimages:add"),
        {
            "title": "Evil",
            "file": SimpleUploadedFile("evil.svg", SVG, content_type="image/svg+xml"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert not Image.objects.exists()


@pytest.fixture
def private_document(site_tree):
    private = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return Document.objects.create(
        title="Note interne", file=SimpleUploadedFile("note.pdf", b"%PDF-1.4 note"), collection=private
    )


def test_documents_of_a_private_collection_need_a_login(client, private_document, trainee):
    url = private_document.url
    assert url.startswith("/documents/")  # served by the view, which checks the restriction
    assert client.get(url).status_code == 302
    client.force_login(trainee)
    assert client.get(url).status_code == 200


def test_the_development_server_serves_images_but_not_documents_from_media(settings):
    from lms.urls import development_media_patterns

    settings.DEBUG = True
    patterns = development_media_patterns()

    def served(path: str) -> bool:
        return any(pattern.resolve(path) for pattern in patterns)

    assert served("media/images/photo.width-800.jpg")
    assert served("media/original_images/photo.jpg")
    assert not served("media/documents/note.pdf")


@pytest.mark.parametrize(
    ("setting", "url_name", "name", "content"),
    [
        ("WAGTAILDOCS_MAX_UPLOAD_SIZE", "wagtaildocs:add", "gros.pdf", b"%PDF-1.4 " + b"x" * 4096),
        ("WAGTAILIMAGES_MAX_UPLOAD_SIZE", "wagtailimages:add", "grande.gif", None),
    ],
)
def test_uploads_over_the_size_limit_are_refused(client, trainer, settings, setting, url_name, name, content):
    from io import BytesIO

    from PIL import Image as PILImage

    if content is None:
        buffer = BytesIO()
        PILImage.effect_noise((200, 200), 90).convert("RGB").save(buffer, "GIF")
        content = buffer.getvalue()
    setattr(settings, setting, 1024)
    client.force_login(trainer)
    response = client.post(
        path_to(url_name),
        {
            "title": "Trop gros",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200  # the form again, with the size error
    assert not Document.objects.exists() and not Image.objects.exists()


@pytest.fixture
def lesson_document(site_tree):
    from tests.factories.courses import add_lesson, make_course

    course = make_course(modules=1, lessons=0)
    document = Document.objects.create(
        title="Guide du formateur", file=SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide")
    )
    add_lesson(
        course.get_children().first().specific,
        body=[("document", {"document": document, "label": "Guide"})],
    )
    return course, document


def test_a_document_of_an_enrolment_only_lesson_needs_the_enrolment(
    client, lesson_document, trainee, make_user
):
    from home.roles import Role
    from tests.factories.courses import enrol

    course, document = lesson_document
    response = client.get(document.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(trainee)
    response = client.get(document.url)
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    enrol(trainee, course)
    assert client.get(document.url).status_code == 200
    client.force_login(make_user(Role.TASK_FORCE))
    assert client.get(document.url).status_code == 200


def test_trainers_read_documents_used_only_in_a_draft(client, lesson_document, trainer):
    course, document = lesson_document
    course.unpublish()
    client.force_login(trainer)
    assert client.get(document.url).status_code == 200


def test_a_document_used_on_a_public_page_or_nowhere_stays_public(client, lesson_document):
    course, document = lesson_document
    unused = Document.objects.create(title="Affiche", file=SimpleUploadedFile("affiche.pdf", b"%PDF-1.4 a"))
    assert client.get(unused.url).status_code == 200
    course.objectives_fr = f'<p>Lire <a linktype="document" id="{document.pk}">le guide</a>.</p>'
    course.save_revision().publish()
    assert client.get(document.url).status_code == 200


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is `width` × `height` (a decompression bomb's header), without its pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_decompression_bomb_image_is_refused_with_a_form_error(client, trainer, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = language
    profile.save()
    client.force_login(trainer)
    response = client.post(
        path_to("wagtailimages:add"),
        {
            "title": "Bombe",
            "file": SimpleUploadedFile("bombe.png", png_header(30_000, 30_000), content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Image.objects.exists()
    expected = {"fr": "trop de pixels", "ar": "عدد البكسلات في هذه الصورة كبير جدًّا"}[language]
    assert expected in response.content.decode()
