import pytest

from tests.paths import home_path, path_to


def test_public_pages_have_a_strict_policy(client, site_tree):
    response = client.get(home_path())
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_gets_only_the_allowances_it_needs(client, trainer):
    client.force_login(trainer)
    policy = client.get(path_to("wagtailadmin_home"))["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "object-src 'none'" in policy


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("trainee", path_to("lms:dashboard")),
        ("trainee", path_to("lms:my_data")),
        ("trainee", path_to("lms:certificates", language="ar")),
        ("task_force", path_to("lms:review:index")),
        ("trainer", path_to("wagtailadmin_home")),
    ],
)
def test_signed_in_pages_are_never_cached(client, request, role, path):
    client.force_login(request.getfixturevalue(role))
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_anonymous_pages_are_not_marked_private(client, site_tree):
    assert "no-store" not in client.get(home_path()).get("Cache-Control", "")


@pytest.mark.parametrize(
    "path", [path_to("logout"), path_to("logout", language="ar"), path_to("wagtailadmin_logout")]
)
def test_logout_clears_site_data(client, trainer, path):
    client.force_login(trainer)
    response = client.post(path)
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def test_https_is_enforced_with_hsts_and_pages_keep_their_own_window(client, site_tree, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    plain = client.get(home_path())
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get(home_path(), secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert secure["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", [home_path(), path_to("login")])
def test_public_pages_have_no_inline_script_or_style(client, site_tree, path):
    html = client.get(path).content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_site_colour_comes_from_the_site_settings(client, site_tree):
    from home.models import SiteSettings

    settings = SiteSettings.objects.get()
    settings.primary_colour = "#1a5fb4"
    settings.save()
    css = client.get(path_to("theme_css"))
    assert css["Content-Type"].startswith("text/css")
    assert "--ta-primary: #1a5fb4" in css.content.decode()
    assert path_to("theme_css") in client.get(home_path()).content.decode()


def test_the_theme_stylesheet_is_kept_until_the_colour_changes(client, site_tree):
    """Linked at an address versioned by the colour, kept a year; a new colour, a new address."""
    from bs4 import BeautifulSoup

    from home.models import SiteSettings

    def theme_link() -> str:
        page = BeautifulSoup(client.get(home_path()).content, "html.parser")
        links = [link["href"] for link in page.select('link[rel="stylesheet"]')]
        return next(href for href in links if path_to("theme_css") in href)

    before = theme_link()
    assert "immutable" in client.get(before)["Cache-Control"]
    settings = SiteSettings.objects.get()
    settings.primary_colour = "#1a5fb4"
    settings.save()
    after = theme_link()
    assert after != before
    assert "--ta-primary: #1a5fb4" in client.get(after).content.decode()
    assert "immutable" not in client.get(before)["Cache-Control"]  # the old address: five minutes
