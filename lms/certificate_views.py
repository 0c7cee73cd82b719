from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from .certificates import eligible_items, issue, verify
from .pdf import render_pdf


@login_required
def my_certificates(request):
    return render(request, "lms/certificates.html", {"items": eligible_items(user=request.user)})


def _download(request, predicate):
    item = next((item for item in eligible_items(user=request.user) if predicate(item)), None)
    if item is None:
        raise Http404
    certificate = issue(user=request.user, item=item)
    verify_url = request.build_absolute_uri(reverse("lms:verify_certificate")) + f"?code={certificate.code}"
    return render_pdf(
        request,
        "lms/certificate_pdf.html",
        {"certificate": certificate, "verify_url": verify_url},
        "certificat",
    )


@login_required
def course_certificate(request, course_id: int):
    return _download(request, lambda item: item.course is not None and item.course.pk == course_id)


@login_required
def workshop_certificate(request, workshop_id: int):
    return _download(request, lambda item: item.workshop is not None and item.workshop.pk == workshop_id)


def verify_certificate(request):
    code = request.GET.get("code", "").strip()[:64]
    certificate = verify(code) if code else None
    return render(
        request,
        "lms/certificate_verify.html",
        {"code": code, "certificate": certificate, "checked": bool(code)},
    )
