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

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value < self.limit if self.strict else value <= self.limit

    @property
    def text(self) -> str:
        return f"{'<' if self.strict else '≤'} {self.limit:g}{self.unit}"


TARGETS = [
    Target("lesson_ratio", "Lesson time / bare page time", 1.3, "×"),
    Target("lesson_queries", "Lesson queries", 12, ""),
    Target("dashboard_queries", "Dashboard queries", 15, ""),
    Target("matrix_queries", "Progress matrix queries", 10, ""),
    Target("matrix_s", "Progress matrix median time", 0.5, " s", strict=True),
    Target("needs_results_s", "Needs results median time", 0.3, " s", strict=True),
    Target("lesson_kb", "Lesson cold load, compressed", 100, " KB"),
    Target("lesson_requests", "Lesson cold load, requests", 6, ""),
    Target("report_pdf_s", "Workshop report PDF median time", 3, " s", strict=True),
]


def measured_values(result: dict) -> dict[str, float | None]:
    pages = {page["key"]: page for page in result["pages"]}

    def page(key: str, field: str):
        return pages[key][field] if key in pages else None

    lesson, bare = page("lesson", "median_s"), page("bare", "median_s")
    browser = result.get("browser") or {}
    return {
        "lesson_ratio": round(lesson / bare, 2) if lesson and bare else None,
        "lesson_queries": page("lesson", "queries"),
        "dashboard_queries": page("dashboard", "queries"),
        "matrix_queries": page("matrix", "queries"),
        "matrix_s": page("matrix", "median_s"),
        "needs_results_s": page("needs_results", "median_s"),
        "lesson_kb": browser.get("kilobytes"),
        "lesson_requests": browser.get("requests"),
        "report_pdf_s": page("report_pdf", "median_s"),
    }


def summary(*, timings, browser, load, counts, machine, durations, date) -> dict:
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
        "load": load,
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


def table_lines(result: dict) -> list[str]:
    lines = [
        f"Tounesna Academy benchmark — {result['date']}",
        _machine_line(result["machine"]),
        f"Data: {', '.join(f'{value:,} {key}'.replace('_', ' ') for key, value in result['data'].items())}",
        "",
        f"{'Page (server time, in process)':<44}{'median':>11}{'p95':>11}{'queries':>9}{'status':>8}",
    ]
    for page in result["pages"]:
        lines.append(
            f"{page['label']:<44}{_ms(page['median_s']):>11}{_ms(page['p95_s']):>11}"
            f"{page['queries']:>9}{page['status']:>8}"
        )
    if result.get("browser"):
        browser = result["browser"]
        lines += [
            "",
            f"Lesson cold load in Chromium: {browser['kilobytes']:.1f} KB transferred in "
            f"{browser['requests']} requests ({', '.join(browser['resources'])})",
        ]
    for run in result.get("load") or []:
        lines.append(
            f"Lesson, gunicorn (2 workers), {run['clients']} clients: {run['throughput_rps']:.1f} req/s, "
            f"p95 {_ms(run['p95_s'])}, median {_ms(run['median_s'])}, {run['errors']} errors"
        )
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
