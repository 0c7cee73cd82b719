"""The printed table (results beside the issue's targets) and the JSON summary."""

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    limit: float
    unit: str
    strict: bool = False  # "under" (<) rather than "at most" (≤)
    at_least: bool = False  # a floor (≥) rather than a ceiling

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        if self.at_least:
            return value >= self.limit
        return value < self.limit if self.strict else value <= self.limit

    @property
    def text(self) -> str:
        sign = "≥" if self.at_least else "<" if self.strict else "≤"
        return f"{sign} {self.limit:g}{self.unit}"


TARGETS = [
    # Against the floor (a fresh Wagtail page), under gunicorn: medians of the per-round ratios.
    Target("lesson_fr_time", "Lesson FR server time ÷ floor", 1.2, "×"),
    Target("lesson_fr_throughput", "Lesson FR throughput ÷ floor", 0.85, "×", at_least=True),
    Target("lesson_ar_time", "Lesson AR server time ÷ floor", 1.2, "×"),
    Target("lesson_ar_throughput", "Lesson AR throughput ÷ floor", 0.85, "×", at_least=True),
    Target("course_time", "Course page server time ÷ floor", 1.3, "×"),
    Target("course_throughput", "Course page throughput ÷ floor", 0.75, "×", at_least=True),
    Target("dashboard_time", "Dashboard server time ÷ floor", 1.3, "×"),
    Target("dashboard_throughput", "Dashboard throughput ÷ floor", 0.75, "×", at_least=True),
    Target("lesson_html_per_word", "Lesson FR HTML per word ÷ floor", 2, "×"),
    Target("lesson_kb", "Lesson cold load, compressed (page by nginx)", 50, " KB"),
    Target("lesson_requests", "Lesson cold load, requests", 5, ""),
    # In process, at the data set's size.
    Target("lesson_queries", "Lesson queries", 12, ""),
    Target("dashboard_queries", "Dashboard queries (3 courses)", 15, ""),
    Target("matrix_queries", "Progress matrix queries", 10, ""),
    Target("matrix_s", "Progress matrix median time", 0.5, " s", strict=True),
    Target("needs_results_s", "Needs results median time", 0.3, " s", strict=True),
    Target("report_pdf_s", "Workshop report PDF median time", 3, " s", strict=True),
]


def measured_values(result: dict) -> dict[str, float | None]:
    pages = {page["key"]: page for page in result["pages"]}
    against = {page["key"]: page for page in (result.get("rounds") or {}).get("pages", [])}

    def page(key: str, field: str):
        return pages[key][field] if key in pages else None

    def ratio(key: str, field: str):
        return against[key].get(field) if key in against else None

    browser = result.get("browser") or {}
    return {
        "lesson_fr_time": ratio("lesson_fr", "time_ratio"),
        "lesson_fr_throughput": ratio("lesson_fr", "throughput_ratio"),
        "lesson_ar_time": ratio("lesson_ar", "time_ratio"),
        "lesson_ar_throughput": ratio("lesson_ar", "throughput_ratio"),
        "course_time": ratio("course", "time_ratio"),
        "course_throughput": ratio("course", "throughput_ratio"),
        "dashboard_time": ratio("dashboard", "time_ratio"),
        "dashboard_throughput": ratio("dashboard", "throughput_ratio"),
        "lesson_html_per_word": ratio("lesson_fr", "html_per_word_ratio"),
        "lesson_kb": browser.get("behind_proxy_kilobytes"),
        "lesson_requests": browser.get("requests"),
        "lesson_queries": page("lesson", "queries"),
        "dashboard_queries": page("dashboard", "queries"),
        "matrix_queries": page("matrix", "queries"),
        "matrix_s": page("matrix", "median_s"),
        "needs_results_s": page("needs_results", "median_s"),
        "report_pdf_s": page("report_pdf", "median_s"),
    }


def summary(*, timings, browser, rounds, counts, machine, durations, date) -> dict:
    result = {
        "date": date,
        "machine": machine,
        "data": counts,
        "durations": durations,
        "pages": [
            {
                "key": t.key,
                "label": t.label,
                "url": t.url,
                "status": t.status,
                "queries": t.queries,
                "median_s": round(t.median, 4),
                "p95_s": round(t.p95, 4),
                "requests": len(t.samples),
                "html_bytes": t.size,
            }
            for t in timings
        ],
        "browser": browser,
        "rounds": rounds,
    }
    values = measured_values(result)
    result["targets"] = [
        {
            "key": t.key,
            "label": t.label,
            "target": t.text,
            "value": values[t.key],
            "met": t.met(values[t.key]),
        }
        for t in TARGETS
    ]
    return result


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "MISSED", None: "not measured"}[met]


def _machine_line(machine: dict) -> str:
    start, end = machine["load_average_at_start"], machine["load_average_at_end"]
    return (
        f"Machine: {machine['cpus']} CPUs, {machine['memory_gib']} GiB, {machine['platform']}, "
        f"Python {machine['python']}, cache {machine['cache']}; "
        f"load average {start[0]:.1f} at start, {end[0]:.1f} at end"
    )


def _cold_load(name: str, browser: dict) -> str:
    return (
        f"{name} cold load in Chromium: {browser['kilobytes']:.1f} KB from gunicorn "
        f"({browser.get('behind_proxy_kilobytes', 0):.1f} KB with the page gzipped as nginx does) in "
        f"{browser['requests']} requests ({', '.join(browser['resources'])})"
    )


def rounds_lines(rounds: dict) -> list[str]:
    settings = rounds["settings"]
    loads = ", ".join(f"{entry['load_average'][0]:.2f}" for entry in rounds["rounds"])
    lines = [
        "",
        f"Against the floor, under gunicorn (2 sync workers each): {settings['rounds']} interleaved rounds "
        f"of {settings['sequential_requests']} sequential requests, then {settings['clients']} clients "
        f"for {settings['seconds']:g} s; load average at each round's start: {loads}",
        f"{'Page':<30}{'server':>10}{'÷ floor':>9}{'req/s':>8}{'÷ floor':>9}{'queries':>9}"
        f"{'HTML':>9}{'B/word':>8}  time ratio per round",
    ]
    for page in rounds["pages"]:
        per_word = f"{page['html_bytes_per_word']:.1f}" if "html_bytes_per_word" in page else "—"
        per_round = " ".join(f"{value:.2f}" for value in page["time_ratios"])
        lines.append(
            f"{page['label']:<30}{_ms(page['server_s']):>10}{page['time_ratio']:>8.2f}×"
            f"{page['throughput_rps']:>8.1f}{page['throughput_ratio']:>8.2f}×{page['queries']:>9}"
            f"{page['html_bytes'] / 1024:>7.1f}KB{per_word:>8}  {per_round}"
        )
    errors = sum(page["errors"] for page in rounds["pages"])
    if errors:
        lines.append(f"Errors under load: {errors}")
    return lines


def table_lines(result: dict) -> list[str]:
    lines = [
        f"Tounesna Academy benchmark — {result['date']}",
        _machine_line(result["machine"]),
        f"Data: {', '.join(f'{value:,} {key}'.replace('_', ' ') for key, value in result['data'].items())}",
    ]
    if result["pages"]:
        lines += [
            "",
            f"{'Page (server time, in process)':<44}{'median':>11}{'p95':>11}{'queries':>9}{'status':>8}",
        ]
        for page in result["pages"]:
            lines.append(
                f"{page['label']:<44}{_ms(page['median_s']):>11}{_ms(page['p95_s']):>11}"
                f"{page['queries']:>9}{page['status']:>8}"
            )
        pages = {page["key"]: page for page in result["pages"]}
        if "lesson" in pages and "bare" in pages:
            ratio = pages["lesson"]["median_s"] / pages["bare"]["median_s"]
            lines.append(f"Diagnostic: lesson ÷ this site's bare page (same body, same layout) {ratio:.2f}×")
    if result.get("browser"):
        browser = result["browser"]
        lines += ["", _cold_load("Lesson", browser)]
        if browser.get("floor"):
            lines.append(_cold_load("Floor", browser["floor"]))
    if result.get("rounds"):
        lines += rounds_lines(result["rounds"])
    lines += ["", f"{'Target':<44}{'result':>12}{'target':>12}  verdict"]
    for target in result["targets"]:
        value = "—" if target["value"] is None else f"{target['value']:g}"
        lines.append(f"{target['label']:<44}{value:>12}{target['target']:>12}  {_verdict(target['met'])}")
    durations = result["durations"]
    lines.append(f"\nBuilt in {durations['build_s']} s; whole run {durations['total_s']} s.")
    return lines


def print_table(result: dict) -> None:
    print("\n".join(table_lines(result)), flush=True)


def write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Summary written to {path}")
