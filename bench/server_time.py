"""Server time and SQL queries of each key page, measured in process with Django's test client.

The client goes through the whole stack (middleware, sessions, routing, templates) but no network.
Each page is requested once to warm caches, once inside CaptureQueriesContext to count queries,
then `repeat` times without query capture (it slows the database layer) for the timings.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class PageCheck:
    key: str
    label: str
    url: str
    user: object
    repeat: int = 30


@dataclass(frozen=True)
class Timing:
    key: str
    label: str
    url: str
    status: int
    queries: int
    samples: list[float]
    size: int

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)


def percentile(samples: list[float], rank: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(rank / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(client: Client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def count_queries(client: Client, url: str) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as queries:
        response, body = _get(client, url)
    return response.status_code, len(queries), len(body)


def sample(client: Client, url: str) -> float:
    started = time.perf_counter()
    _get(client, url)
    return time.perf_counter() - started


class UnexpectedStatus(Exception):
    pass


def warm_up(client: Client, check: PageCheck) -> None:
    response, _body = _get(client, check.url)
    if response.status_code != 200:
        raise UnexpectedStatus(f"{check.url}: {response.status_code} {response.get('Location', '')}")


def measure(check: PageCheck) -> Timing:
    client = client_for(check.user)
    warm_up(client, check)
    status, queries, size = count_queries(client, check.url)
    samples = [sample(client, check.url) for _ in range(check.repeat)]
    return Timing(check.key, check.label, check.url, status, queries, samples, size)


def measure_pair(first: PageCheck, second: PageCheck) -> tuple[Timing, Timing]:
    """Two pages measured alternately, so that both see the same machine state (for a ratio)."""
    clients = [client_for(first.user), client_for(second.user)]
    counted = []
    for client, check in zip(clients, (first, second), strict=True):
        warm_up(client, check)
        counted.append(count_queries(client, check.url))
    samples: list[list[float]] = [[], []]
    for _ in range(first.repeat):
        for index, check in enumerate((first, second)):
            samples[index].append(sample(clients[index], check.url))
    return tuple(
        Timing(check.key, check.label, check.url, status, queries, found, size)
        for check, (status, queries, size), found in zip((first, second), counted, samples, strict=True)
    )


def run_all(checks: list[PageCheck], log: Callable[[str], None] = print) -> list[Timing]:
    timings = []
    for check in checks:
        timing = measure(check)
        log(f"  {check.label}: {timing.median * 1000:.0f} ms median, {timing.queries} queries")
        timings.append(timing)
    return timings
