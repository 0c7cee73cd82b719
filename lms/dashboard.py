"""The trainee's dashboard: enrolled courses, next steps, the next workshop, recent activity, things to do."""

from courses.access import enrolled_courses
from courses.dashboard import course_cards, recent_steps
from courses.progress import courses_progress
from courses.todo import todo_items

from .training.plans import next_workshop


def trainee_dashboard(*, user, request=None, now=None) -> dict:
    """One read of the trainee's progress serves the course cards, the recent activity and the to-do
    list's providers; with
    `request`, the steps' addresses come with it (read once per page tree version)."""
    courses = enrolled_courses(user)
    progress = courses_progress(user=user, courses=courses, request=request)
    return {
        "course_cards": course_cards(progress),
        "recent_activity": recent_steps(progress),
        "todo_items": todo_items(user=user, progress=progress),
        # One query, the plan with it: the workshop links to its plan (the navigation always does).
        "next_workshop": next_workshop(user=user, now=now),
    }
