from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation

from .dashboard import trainee_dashboard
from .privacy import personal_data
from .search import search_pages


@login_required
def my_dashboard(request):
    return render(request, "lms/dashboard.html", trainee_dashboard(user=request.user))


def search(request):
    outcome = search_pages(
        query=request.GET.get("q", ""), request=request, language=translation.get_language() or "fr"
    )
    return render(request, "lms/search.html", {"outcome": outcome})


@login_required
def my_data(request):
    data = personal_data(user=request.user)
    if request.GET.get("format") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    return render(request, "lms/my_data.html", {"data": data})
