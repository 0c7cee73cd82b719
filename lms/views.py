from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from home.languages import current_language

from .dashboard import trainee_dashboard
from .landing import landing_url, lands_on_dashboard
from .privacy.my_data import personal_data
from .search import search_pages
from .training.plans import plans_of_trainee


@login_required
def my_dashboard(request):
    if not lands_on_dashboard(user=request.user):
        return redirect(landing_url(user=request.user))
    return render(request, "lms/dashboard.html", trainee_dashboard(user=request.user, request=request))


@login_required
def my_workshops(request):
    """The approved plan of the trainee's cohort, with every workshop; else the dashboard says none."""
    plan = plans_of_trainee(user=request.user).first()
    if plan is None:
        return redirect(reverse("lms:dashboard") + "#workshops")
    return redirect(plan.get_url(request=request))


def search(request):
    outcome = search_pages(query=request.GET.get("q", ""), request=request, language=current_language())
    # The header's search box shows the query too.
    return render(request, "lms/search.html", {"outcome": outcome, "search_query": outcome.query})


@login_required
def my_data(request):
    data = personal_data(user=request.user)
    if request.GET.get("format") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    return render(request, "lms/my_data.html", {"data": data})
