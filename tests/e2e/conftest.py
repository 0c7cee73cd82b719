"""Browser tests: Playwright drives Debian's Chromium (browsers cannot be downloaded here).

Every journey runs in French and Arabic, on a desktop and on a 360×740 phone (`JOURNEY_RUNS`).
Each step of a journey goes through `step(page, name)`: a screenshot in
test-artifacts/screenshots/, axe-core's WCAG 2.1 AA check and the horizontal-overflow check.
"""

import os
import shutil
import time
import zlib
from pathlib import Path

import pytest
from django.utils import translation

from tests.conftest import PASSWORD
from tests.paths import path_to

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# Each journey: French and Arabic, desktop and phone.
JOURNEY_RUNS = pytest.mark.parametrize(
    "language, viewport",
    [("fr", DESKTOP), ("fr", PHONE), ("ar", DESKTOP), ("ar", PHONE)],
    ids=["fr-desktop", "fr-phone", "ar-desktop", "ar-phone"],
)

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],  # passes are not listed node by node: twice as fast
}

# Violations in the Wagtail admin's own markup, which our code cannot change: (rule, a piece of
# the offending element's HTML). Only these exact elements are let through; anything else in the
# admin (our views, our panels, our admin.css) must pass like the public site.
WAGTAIL_CORE_EXCEPTIONS = {
    # Wagtail 7.4's rich-text editor (Draftail): its editable area is a role="textbox" described
    # by its placeholder but not labelled; the field's <label> is not linked to it.
    ("aria-input-field-name", "public-DraftEditor-content"),
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if config.getoption("one_variant"):
        keep_one_variant(config, items)


def representative(test: str) -> tuple[str, dict]:
    """The one language and screen a test runs in with `--one-variant`: Arabic on a phone (right to
    left, narrow) or French on a desktop, alternating from test to test. Chosen from the test's own
    name, so a test keeps its variant when tests are added around it."""
    return ("ar", PHONE) if zlib.crc32(test.encode()) % 2 == 0 else ("fr", DESKTOP)


def keep_one_variant(config, items) -> None:
    """`--one-variant` (make test): each browser test parametrised by language and/or screen runs
    once, in its representative variant (or the nearest of those it has); `make test-complete` and
    CI run every variant."""
    variants: dict[str, list] = {}
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "/e2e/" in str(item.fspath) and ("language" in params or "viewport" in params):
            variants.setdefault(item.nodeid.split("[")[0], []).append(item)
    dropped = []
    for test, group in variants.items():
        language, viewport = representative(test)

        def closeness(item, language=language, viewport=viewport) -> int:
            params = item.callspec.params
            return (params.get("language") == language) + (params.get("viewport") == viewport)

        kept = max(group, key=closeness)  # the first of the closest, in collection order
        dropped += [item for item in group if item is not kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        ids = {id(item) for item in dropped}
        items[:] = [item for item in items if id(item) not in ids]


def ui(text: str, language: str) -> str:
    """An interface string as shown in `language` (French is the source of no msgid: check it)."""
    with translation.override(language):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no {language} translation"
    return translated


def log_in(page, base_url: str, username: str, language: str = "fr", password: str = PASSWORD) -> None:
    page.goto(base_url + path_to("login", language=language))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def open_admin(page, base_url: str, username: str, language: str) -> None:
    """Log in and open the Wagtail admin, which follows the account's preferred language."""
    log_in(page, base_url, username, language)
    page.goto(base_url + path_to("wagtailadmin_home"))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")


def serious_violations(page, *, admin: bool = False) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options=WCAG_AA).response
    problems = []
    for violation in response["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        for node in violation["nodes"]:
            if admin and any(
                rule == violation["id"] and snippet in node["html"]
                for rule, snippet in WAGTAIL_CORE_EXCEPTIONS
            ):
                continue
            where = f"{node['target']} {node['html'][:90]}"
            problems.append(f"{violation['id']} ({violation['impact']}): {where}")
    return problems


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing overflows)."""
    return page.evaluate(
        "Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"
    )


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test` (it installs Debian's chromium as root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    contexts = []

    def make(viewport=DESKTOP, locale="fr-FR"):
        # Reduced motion: Bootstrap's menus open at once, so a click never lands mid-animation.
        context = browser.new_context(viewport=viewport, locale=locale, reduced_motion="reduce")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        for page in context.pages:
            # A Wagtail edit view releases its editing session as it goes away (a request to the
            # live server): now, while the test's database is still there, not during its flush.
            page.goto("about:blank")
        context.close()
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        wait_for_released_editing_sessions()


def wait_for_released_editing_sessions(timeout: float = 5.0) -> None:
    from wagtail.admin.models import EditingSession

    deadline = time.monotonic() + timeout
    while EditingSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture
def screenshot(request):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, step: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}-{step}.png", full_page=True)

    return take


@pytest.fixture
def step(screenshot):
    """One step of a journey: screenshot, no serious accessibility violation, no sideways scroll."""

    def check(page, name: str, *, admin: bool = False, overflow: bool = True, axe: bool = True) -> None:
        """`admin`: a Wagtail admin page (known Wagtail findings let through); `axe=False` for a
        page that is Wagtail's alone (its dashboard, its page listing); `overflow=False` where
        the Wagtail admin's own layout decides."""
        page.wait_for_load_state()
        # Let fading messages and menus finish, so colours are measured as a person sees them.
        page.evaluate(
            """Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
                .map(a => a.finished.catch(() => null)))"""
        )
        screenshot(page, name)
        if axe:
            assert serious_violations(page, admin=admin) == [], f"{name}: {page.url}"
        if overflow:
            assert horizontal_overflow(page) == 0, f"{name}: {page.url} scrolls sideways"

    return check
