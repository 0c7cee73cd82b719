"""`<id:...>` in URL patterns: a database id, at most the largest 64-bit signed integer.

Django's `<int:...>` accepts any number of digits; a larger number than the database holds reaches
the query, where SQLite raises OverflowError (a 500) on a page model's primary key. An id out of
range does not match the pattern, so the address is a 404 like any unknown one.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class DatabaseIdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(DatabaseIdConverter, "id")
