"""PostgreSQL timestamps parsed by psycopg's C parser.

To give each timestamp Django's time zone, Django registers a loader that subclasses psycopg's
pure-Python one, so every value is parsed in Python, some 10 µs each: the progress matrix of
fifty thousand cells spent half a second on it. This loader gives the same values from psycopg's
C parser (its binary build, a dependency of this project).
"""

from psycopg import adapters, pq
from psycopg.adapt import Loader


class CTimestamptzLoader(Loader):
    # Before each cursor, Django compares `timezone` with its connection's, as it does with its own
    # loader, and puts its own back only when they differ.
    timezone = None
    parser_class: type[Loader]

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        self._parse = self.parser_class(oid, context).load

    def load(self, data):
        return self._parse(data).replace(tzinfo=self.timezone)


def use_c_timestamptz_loader(sender, connection, **kwargs) -> None:
    """connection_created receiver."""
    if connection.vendor != "postgresql":
        return
    parser_class = adapters.get_loader(adapters.types["timestamptz"].oid, pq.Format.TEXT)
    if pq.__impl__ not in ("c", "binary") or parser_class is None:
        return
    loader = type(
        "CTimestamptzLoader",
        (CTimestamptzLoader,),
        {"timezone": connection.timezone, "parser_class": parser_class},
    )
    connection.connection.adapters.register_loader("timestamptz", loader)
