"""PDFs find their stylesheets and images under production's content-hashed static names."""

from lms.pdf import static_file


def test_collected_hashed_files_are_found(settings, tmp_path):
    (tmp_path / "css").mkdir()
    hashed = tmp_path / "css" / "pdf.0123456789ab.css"
    hashed.write_text("body { margin: 0 }")
    settings.STATIC_ROOT = tmp_path
    assert static_file("css/pdf.0123456789ab.css") == str(hashed)


def test_files_are_found_in_the_apps_before_collectstatic(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    assert static_file("css/pdf.css").endswith("static/css/pdf.css")


def test_nothing_outside_the_static_files_is_read(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    (tmp_path / "secret.txt").write_text("secret")
    assert static_file("../secret.txt") is None
