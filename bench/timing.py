"""Server time and SQL queries of each response, as headers the benchmark's client reads.

The outermost middleware of both servers measured under gunicorn (this site with bench.settings,
the floor project with a copy of this file): `Server-Timing: app;dur=<ms>` is the time from the
first middleware in to the last one out, template rendering included; `X-Bench-Queries` is the
number of SQL statements executed meanwhile. Plain Django, no import from this site: the floor
project copies the file as it is.
"""

import time

from django.db import connection


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.3f}"
        response["X-Bench-Queries"] = str(queries)
        return response
