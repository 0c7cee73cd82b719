"""Page weight of a cold load (empty cache) in headless Chromium, as the DevTools network log sees it.

Bytes are what went over the wire (`encodedDataLength`: compressed bodies plus headers), for every
request that reached the server, including any the browser makes by itself (an icon); a second
use of an address already loaded (the logo as icon) comes from the browser's memory, not counted.

gunicorn sends pages uncompressed: in production nginx compresses them (`gzip_comp_level 5`,
deploy/nginx.conf), static files arriving already compressed from WhiteNoise. `behind_proxy_*`
counts the page as nginx sends it (the same body, gzip level 5); the targets read those.
"""

import gzip
import shutil
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
]


def page_weight(base_url: str, path: str, session: str) -> dict:
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is missing ({CHROMIUM}): apt-get install chromium")
    requests: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="fr-FR")
        host = urlsplit(base_url).hostname
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": host, "path": "/"}]
        )
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")  # a new context: empty cache, as on a first visit

        def sent(event):
            requests.setdefault(event["requestId"], {"url": event["request"]["url"], "bytes": 0})

        def cached(event):
            requests.pop(event["requestId"], None)  # the same address again, from memory

        def received(event):
            entry = requests.get(event["requestId"])
            if entry is not None and event["response"].get("fromDiskCache"):
                requests.pop(event["requestId"], None)
            elif entry is not None:
                headers = {name.lower(): value for name, value in event["response"]["headers"].items()}
                entry["status"] = event["response"]["status"]
                entry["encoding"] = headers.get("content-encoding", "")
                entry["cache"] = headers.get("cache-control", "")

        def finished(event):
            if event["requestId"] in requests:
                requests[event["requestId"]]["bytes"] = event["encodedDataLength"]

        devtools.on("Network.requestWillBeSent", sent)
        devtools.on("Network.requestServedFromCache", cached)
        devtools.on("Network.responseReceived", received)
        devtools.on("Network.loadingFinished", finished)
        response = page.goto(base_url + path, wait_until="networkidle")
        status = response.status if response else None
        document = response.body() if response else b""
        compressed_by_server = bool(response and response.headers.get("content-encoding"))
        page.wait_for_timeout(500)  # anything requested late (icons) is counted too
        context.close()
        browser.close()
    entries = sorted(requests.values(), key=lambda entry: entry["url"])
    total = sum(entry["bytes"] for entry in entries)
    saved = 0 if compressed_by_server else len(document) - len(gzip.compress(document, compresslevel=5))
    return {
        "status": status,
        "html_bytes": len(document),
        "behind_proxy_bytes": total - saved,
        "behind_proxy_kilobytes": round((total - saved) / 1024, 1),
        "requests": len(entries),
        "bytes": total,
        "kilobytes": round(total / 1024, 1),
        "resources": [_describe(entry) for entry in entries],
        "detail": entries,
    }


def _describe(entry: dict) -> str:
    name = urlsplit(entry["url"]).path.rsplit("/", 1)[-1] or urlsplit(entry["url"]).path
    encoding = f" {entry['encoding']}" if entry.get("encoding") else ""
    return f"{name} {entry['bytes'] / 1024:.1f} KB{encoding}"
