"""Lighthouse's performance and accessibility scores, mobile emulation, with Debian's Chromium, offline.

Run: `python -m benchmarks.lighthouse`. Lighthouse is pinned in benchmarks/lighthouse/package.json and installed
there with `npm ci` the first time (Node 20). It scores the home page, a learn article and the first question of
the self-check (opened with the session cookie a person would have after pressing "Start now").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from tests.e2e.browser import CHROMIUM_FLAGS, CHROMIUM_PATH

from benchmarks.harness import production_server

LIGHTHOUSE_FOLDER = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_FOLDER / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility")
PAGES = ["/", "/learn/what-is-ketamine"]
# Runs of Lighthouse for one page before its failure counts: a run, not a score, is what fails under load
LIGHTHOUSE_RUNS = 3
LOADING_METRICS = ("first-contentful-paint", "largest-contentful-paint", "cumulative-layout-shift", "speed-index")


class LighthouseFailed(Exception):
    """Lighthouse could not produce a report for a page, with the end of what it printed."""


def install_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_FOLDER, check=True)


def run_lighthouse(url: str, *, cookie: str | None = None) -> dict[str, Any]:
    """Lighthouse's JSON report for one page, mobile emulation (its default form factor and throttling)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    if cookie is not None:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    environment = {**os.environ, "CHROME_PATH": CHROMIUM_PATH}
    failures: list[str] = []
    # On a busy machine Chromium can miss Lighthouse's start-up or first-paint deadlines: try again before failing
    while len(failures) < LIGHTHOUSE_RUNS:
        result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
        if result.returncode == 0:
            report: dict[str, Any] = json.loads(result.stdout)
            return report
        failures.append(result.stderr.strip()[-600:] or f"exit status {result.returncode}")
    raise LighthouseFailed(f"Lighthouse failed {len(failures)} times on {url}; last: {failures[-1]}")


def category_scores(report: dict[str, Any]) -> dict[str, int]:
    return {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}


def loading_scores(report: dict[str, Any]) -> dict[str, int]:
    """The metrics our bytes decide; total blocking time is left out, as it follows the machine's load."""
    return {metric: round(report["audits"][metric]["score"] * 100) for metric in LOADING_METRICS}


def first_question(browser: Browser, base_url: str) -> tuple[str, str]:
    """The first question's address and the session cookie that opens it, from pressing "Start now"."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/check/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now", exact=True).click()
    cookie = "; ".join(f"{item['name']}={item['value']}" for item in context.cookies())
    url = page.url
    context.close()
    return url, cookie


def reports_for_pages(base_url: str, browser: Browser) -> list[tuple[str, dict[str, Any]]]:
    """The home page, a learn article and the first question, each with its Lighthouse report."""
    reports = [(path, run_lighthouse(base_url + path)) for path in PAGES]
    question_url, cookie = first_question(browser, base_url)
    reports.append((question_url.removeprefix(base_url), run_lighthouse(question_url, cookie=cookie)))
    return reports


def main() -> int:
    install_lighthouse()
    with production_server() as (base_url, _environment), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_FLAGS, headless=True)
        reports = reports_for_pages(base_url, browser)
        browser.close()
    columns = [*CATEGORIES, "blocking ms"]
    print(f"{'page':<40} " + " ".join(f"{column:>14}" for column in columns))
    for path, report in reports:
        blocking = round(report["audits"]["total-blocking-time"]["numericValue"])
        figures = [*category_scores(report).values(), blocking]
        print(f"{path:<40} " + " ".join(f"{figure:>14}" for figure in figures))
    perfect = all(score == 100 for _, report in reports for score in category_scores(report).values())
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
