"""Creates the minimal site tree (root → home page) and the default Site. Idempotent."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site, Workflow, WorkflowPage

from .models import HomePage, SiteSettings

HOME_TEXT = {
    "title_fr": "Tounesna Academy",
    "title_ar": "أكاديمية تونسنا",
    "lead_fr": (
        "Le parcours de formation du personnel de l'Office des Tunisiens à l'Étranger au "
        "plaidoyer et à la mobilisation des financements européens pour le Dispositif Tounesna."
    ),
    "lead_ar": (
        "مسار تكوين أعوان ديوان التونسيين بالخارج في مجال المناصرة وتعبئة التمويلات الأوروبية "
        "لفائدة آلية تونسنا."
    ),
    "call_to_action_fr": "Découvrir les formations",
    "call_to_action_ar": "اكتشف الدورات التكوينية",
}


@transaction.atomic
def ensure_home_page() -> HomePage:
    with translation.override("fr"):
        return _ensure_home_page()


def _ensure_roots() -> Page:
    """Wagtail's migrations create these; a flushed test database may lack them."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", title_fr="Root", slug_fr="root")
    return root


def _fill_root_translations() -> None:
    """The root page comes from Wagtail's migrations, before the translated columns existed."""
    root = _ensure_roots()
    if root.url_path_fr is None:
        Page.objects.filter(pk=root.pk).update(
            url_path_fr="/",
            url_path_ar="/",
            slug_fr="root",
            slug_ar="root",
            title_fr="Root",
            title_ar="Root",
        )


def remove_root_workflows() -> int:
    """No workflow on the root page. Wagtail's migrations put a "Moderators approval" workflow
    there, for a group this site removes: every page without a workflow of its own would inherit
    it. Workflows are given to the pages that need one (the training plan: OTE approval). A
    workflow left on no page is deactivated (its reviews in progress are cancelled). Idempotent;
    the data migration home.0002 does the same for existing databases. Returns how many links it
    removed."""
    root = Page.get_first_root_node()
    if root is None:
        return 0
    links = WorkflowPage.objects.filter(page=root)
    workflow_ids = list(links.values_list("workflow_id", flat=True))
    removed, _details = links.delete()
    for workflow in Workflow.objects.filter(pk__in=workflow_ids, active=True, workflow_pages__isnull=True):
        if not workflow.workflow_content_types.exists():
            workflow.deactivate()
    return removed


def _ensure_home_page() -> HomePage:
    _fill_root_translations()
    remove_root_workflows()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(slug="accueil", slug_fr="accueil", slug_ar="home-ar", **HOME_TEXT)
        home.title = HOME_TEXT["title_fr"]
        root.add_child(instance=home)
        # Wagtail's placeholder page from its initial migration.
        Page.objects.filter(depth=2).exclude(pk=home.pk).filter(content_type__model="page").delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Tounesna Academy",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    _ensure_site_settings(Site.objects.get(is_default_site=True))
    return home


SITE_SETTINGS_TEXT = {
    "organisation_name_fr": "Tounesna Academy",
    "organisation_name_ar": "أكاديمية تونسنا",
    "tagline_fr": "Office des Tunisiens à l'Étranger — Dispositif Tounesna",
    "tagline_ar": "ديوان التونسيين بالخارج — آلية تونسنا",
}


def _ensure_site_settings(site: Site) -> None:
    site_settings = SiteSettings.for_site(site)
    missing = {
        field: value for field, value in SITE_SETTINGS_TEXT.items() if not getattr(site_settings, field)
    }
    if missing:
        for field, value in missing.items():
            setattr(site_settings, field, value)
        site_settings.save()
