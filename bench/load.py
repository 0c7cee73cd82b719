"""Throughput and latency of one page under N concurrent clients (threads, one connection each).

Each client is a different trainee (its own session) requesting the same lesson in a loop, as a
class reading the same lesson at the same time would. The client runs on the same machine as the
server and takes a little of its CPU.
"""

import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

from .server_time import percentile


def _client(host, port, path, cookie, stop_at, warm_until, latencies, errors):
    headers = {"Cookie": f"sessionid={cookie}", "Accept-Encoding": "gzip, br"}
    connection = None
    while True:
        now = time.perf_counter()
        if now >= stop_at:
            break
        try:
            if connection is None:
                connection = http.client.HTTPConnection(host, port, timeout=30)
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                errors.append(response.status)
            elif started >= warm_until:
                latencies.append(elapsed)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as error:
            errors.append(type(error).__name__)
            connection = None
    if connection is not None:
        connection.close()


def load_test(
    base_url: str, path: str, cookies: list[str], *, seconds: float = 15, warm_up: float = 3, log=print
):
    parts = urlsplit(base_url)
    started = time.perf_counter()
    warm_until = started + warm_up
    stop_at = warm_until + seconds
    latencies: list[float] = []
    errors: list = []
    threads = [
        threading.Thread(
            target=_client,
            args=(parts.hostname, parts.port, path, cookie, stop_at, warm_until, latencies, errors),
        )
        for cookie in cookies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = {
        "clients": len(cookies),
        "seconds": seconds,
        "requests": len(latencies),
        "throughput_rps": round(len(latencies) / seconds, 1),
        "median_s": round(statistics.median(latencies), 4) if latencies else None,
        "p95_s": round(percentile(latencies, 95), 4) if latencies else None,
        "errors": len(errors),
    }
    log(
        f"  {result['clients']} clients: {result['throughput_rps']} req/s, "
        f"p95 {result['p95_s']} s, {result['errors']} errors"
    )
    return result
