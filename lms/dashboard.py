"""The trainee's dashboard: enrolled courses, next steps, the next workshop, recent activity, things to do."""

from courses.access import enrolled_courses
from courses.progress import courses_progress, recent_activity
from courses.todo import todo_items

from .plans import next_workshop


def trainee_dashboard(*, user, now=None) -> dict:
    courses = enrolled_courses(user)
    return {
        "course_progress": courses_progress(user=user, courses=courses),
        "recent_activity": recent_activity(user=user),
        "todo_items": todo_items(user=user),
        # One query, the plan with it: the workshop links to its plan (the navigation always does).
        "next_workshop": next_workshop(user=user, now=now),
    }
