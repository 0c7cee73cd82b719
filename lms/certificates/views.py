from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from home.languages import current_language, is_right_to_left, language_codes, text_attributes

from ..models import Certificate
from ..pdf import render_pdf
from .issuing import certificate_entries, certificate_for, issued_certificate, verify


@login_required
def my_certificates(request):
    return render(request, "lms/certificates.html", {"entries": certificate_entries(user=request.user)})


def sides(*, first: str | None = None) -> list[dict]:
    """The languages a certificate is stated in, `first` first (else the default language): each
    with its `lang` and `dir`."""
    codes = sorted(language_codes(), key=lambda code: code != first) if first else language_codes()
    return [{**text_attributes(code), "rtl": is_right_to_left(code)} for code in codes]


def _pdf(request, certificate: Certificate | None):
    """The certificate's PDF, from what it stated when issued."""
    if certificate is None:
        raise Http404
    verify_url = request.build_absolute_uri(reverse("lms:verify_certificate")) + f"?code={certificate.code}"
    return render_pdf(
        request,
        "lms/certificate_pdf.html",
        {
            "certificate": certificate,
            "competences": list(certificate.competences.all()),
            "sides": sides(),
            "verify_url": verify_url,
        },
        "certificat",
    )


@login_required
def course_certificate(request, course_id: int):
    return _pdf(request, certificate_for(user=request.user, course_id=course_id))


@login_required
def workshop_certificate(request, workshop_id: int):
    return _pdf(request, certificate_for(user=request.user, workshop_id=workshop_id))


@login_required
def certificate_pdf(request, code: str):
    return _pdf(request, issued_certificate(user=request.user, code=code))


def verify_certificate(request):
    code = request.GET.get("code", "").strip()[:64]
    certificate = verify(code) if code else None
    return render(
        request,
        "lms/certificate_verify.html",
        {
            "code": code,
            "certificate": certificate,
            "checked": bool(code),
            "sides": sides(first=current_language()),  # the reader's language first
        },
    )
