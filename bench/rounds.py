"""This site's key pages against the floor (a fresh Wagtail page, bench/floor.py), both under gunicorn,
in interleaved rounds.

Each round measures every page in turn, the floor first: server time (the `Server-Timing` header of
bench/timing.py, median of sequential requests from one client), SQL queries and HTML bytes of the
page, then its throughput with 10 concurrent clients (bench/load.py). Each page's figures are then
divided by the floor's of the same round, so that a busier machine during one round weighs on both
sides of its ratios; the ratios' median over the rounds is what the targets read. The load average
at the start of each round goes with it: other work on the machine shows there.
"""

import http.client
import os
import statistics
from dataclasses import dataclass
from urllib.parse import urlsplit

from .load import load_test


@dataclass(frozen=True)
class Measured:
    """One page of one server: where it is, who asks for it."""

    key: str
    label: str
    base_url: str
    path: str
    cookies: list[str]  # one per concurrent client (repeated when a page belongs to one user)
    words: int | None = None  # words of lesson text on the page, for HTML bytes per word


@dataclass(frozen=True)
class Settings:
    rounds: int = 6
    sequential: int = 25  # requests of one client, for the server time
    clients: int = 10
    seconds: float = 8  # of load, after warm_up
    warm_up: float = 2


QUICK = Settings(rounds=2, sequential=10, seconds=3, warm_up=1)


def _clients(cookies: list[str], count: int) -> list[str]:
    return [cookies[index % len(cookies)] for index in range(count)]


def sequential(page: Measured, count: int) -> dict:
    """`count` requests one after the other on one connection: server time, queries, HTML bytes."""
    parts = urlsplit(page.base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Cookie": f"sessionid={page.cookies[0]}", "Accept-Encoding": "identity"}
    times, queries, sizes = [], [], set()
    try:
        for _ in range(count + 1):  # the first one warms this worker's caches: not counted
            connection.request("GET", page.path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"{page.base_url}{page.path}: {response.status}")
            timing = response.getheader("Server-Timing", "")
            times.append(float(timing.rsplit("dur=", 1)[1]) / 1000)
            queries.append(int(response.getheader("X-Bench-Queries")))
            sizes.add(len(body))
    finally:
        connection.close()
    return {
        "server_s": round(statistics.median(times[1:]), 5),
        # Each worker's first requests fill its caches: the usual count is the median's.
        "queries": statistics.median_low(queries[1:]),
        "html_bytes": max(sizes),
    }


def measure_round(pages: list[Measured], settings: Settings, *, log=print) -> dict:
    load = os.getloadavg()
    figures = {}
    for page in pages:
        measured = sequential(page, settings.sequential)
        loaded = load_test(
            page.base_url,
            page.path,
            _clients(page.cookies, settings.clients),
            seconds=settings.seconds,
            warm_up=settings.warm_up,
            log=lambda _message: None,
        )
        measured.update(
            throughput_rps=loaded["throughput_rps"], p95_s=loaded["p95_s"], errors=loaded["errors"]
        )
        figures[page.key] = measured
    floor = figures[pages[0].key]
    for page in pages:
        entry = figures[page.key]
        entry["time_ratio"] = round(entry["server_s"] / floor["server_s"], 3)
        entry["throughput_ratio"] = round(entry["throughput_rps"] / floor["throughput_rps"], 3)
        if page.words:
            entry["html_bytes_per_word"] = round(entry["html_bytes"] / page.words, 2)
    log(
        f"  load {load[0]:.2f}: "
        + ", ".join(f"{page.key} {figures[page.key]['time_ratio']:.2f}×" for page in pages[1:])
    )
    return {"load_average": [round(value, 2) for value in load], "pages": figures}


def summarise(pages: list[Measured], rounds: list[dict]) -> list[dict]:
    """Per page: the medians over the rounds of its figures and of its ratios to the floor."""
    floor_per_word = None
    summary = []
    for page in pages:
        entries = [entry["pages"][page.key] for entry in rounds]

        def median(field: str, entries=entries):
            return round(statistics.median(entry[field] for entry in entries), 5)

        row = {
            "key": page.key,
            "label": page.label,
            "path": page.path,
            "server_s": median("server_s"),
            "throughput_rps": median("throughput_rps"),
            "time_ratio": round(median("time_ratio"), 2),
            "throughput_ratio": round(median("throughput_ratio"), 2),
            "time_ratios": [entry["time_ratio"] for entry in entries],
            "throughput_ratios": [entry["throughput_ratio"] for entry in entries],
            "queries": statistics.median_low(entry["queries"] for entry in entries),
            "html_bytes": max(entry["html_bytes"] for entry in entries),
            "errors": sum(entry["errors"] for entry in entries),
        }
        if page.words:
            row["words"] = page.words
            row["html_bytes_per_word"] = round(row["html_bytes"] / page.words, 1)
            if floor_per_word is None:
                floor_per_word = row["html_bytes_per_word"]
            row["html_per_word_ratio"] = round(row["html_bytes_per_word"] / floor_per_word, 2)
        summary.append(row)
    return summary


def measure_against_floor(pages: list[Measured], settings: Settings, *, log=print) -> dict:
    """`pages[0]` is the floor. Rounds alternate the order of the others (first to last, then last
    to first), so that none always follows the floor."""
    rounds = []
    for number in range(settings.rounds):
        order = pages[1:] if number % 2 == 0 else list(reversed(pages[1:]))
        log(f"Round {number + 1} of {settings.rounds} …")
        rounds.append(measure_round([pages[0], *order], settings, log=log))
    return {
        "settings": {
            "rounds": settings.rounds,
            "sequential_requests": settings.sequential,
            "clients": settings.clients,
            "seconds": settings.seconds,
        },
        "rounds": rounds,
        "pages": summarise(pages, rounds),
    }
