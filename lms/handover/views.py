from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from courses.models import LessonPage

from ..models import Workshop
from .notes import note_for


@login_required
def lesson_notes(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    note = note_for(user=request.user, lesson=lesson)
    return render(request, "lms/handover/notes.html", {"subject": lesson, "note": note})


@login_required
def workshop_notes(request, workshop_id: int):
    workshop = get_object_or_404(Workshop.objects.select_related("plan"), pk=workshop_id)
    note = note_for(user=request.user, workshop=workshop)
    return render(request, "lms/handover/notes.html", {"subject": workshop, "note": note})
