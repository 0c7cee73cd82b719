from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import translation

from .dashboard import trainee_dashboard
from .search import search_pages


@login_required
def my_dashboard(request):
    return render(request, "lms/dashboard.html", trainee_dashboard(user=request.user))


def search(request):
    outcome = search_pages(
        query=request.GET.get("q", ""), user=request.user, language=translation.get_language() or "fr"
    )
    return render(request, "lms/search.html", {"outcome": outcome})
