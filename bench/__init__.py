"""`make bench`: a large data set on PostgreSQL, then server time, queries, page weight and load.

Run with `python -m bench` (see `python -m bench --help`); nothing here is imported by the app or
the tests.
"""
