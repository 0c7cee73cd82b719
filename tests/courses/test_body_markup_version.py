"""Rendered lesson bodies are cached under `courses.rendering.MARKUP_VERSION`: a deployment sharing
its cache with the previous code must not serve bodies marked up for the previous stylesheet. This
test ties the version to the templates a body is made of, so that changing their markup without
moving the version on fails here."""

import hashlib
from pathlib import Path

from django.conf import settings

from courses.rendering import MARKUP_VERSION

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# MARKUP_VERSION → the fingerprint of the body's templates it was set for.
FINGERPRINTS = {3: "24dffe8e20820a25"}


def body_templates_fingerprint() -> str:
    paths = sorted(TEMPLATES.glob("blocks/*.html")) + [TEMPLATES / "courses/knowledge/glossary_term.html"]
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def test_the_body_cache_version_moves_on_with_the_body_templates():
    assert FINGERPRINTS.get(MARKUP_VERSION) == body_templates_fingerprint(), (
        "The lesson body's templates changed: move MARKUP_VERSION on (courses/rendering.py) and "
        f"record {{{MARKUP_VERSION + 1}: {body_templates_fingerprint()!r}}} here."
    )
