from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .dashboard import trainee_dashboard


@login_required
def my_dashboard(request):
    return render(request, "lms/dashboard.html", trainee_dashboard(user=request.user))
