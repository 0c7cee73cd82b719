"""The trainee's dashboard: enrolled courses, next steps, recent activity, things to do."""

from courses.access import enrolled_courses
from courses.progress import courses_progress, recent_activity
from courses.todo import todo_items


def trainee_dashboard(*, user) -> dict:
    courses = enrolled_courses(user)
    return {
        "course_progress": courses_progress(user=user, courses=courses),
        "recent_activity": recent_activity(user=user),
        "todo_items": todo_items(user=user),
    }
