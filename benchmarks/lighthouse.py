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

from playwright.sync_api import sync_playwright
from tests.e2e.browser import CHROMIUM_FLAGS, CHROMIUM_PATH

from benchmarks.harness import production_server

LIGHTHOUSE_FOLDER = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_FOLDER / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility")
PAGES = ["/", "/learn/what-is-ketamine"]


def install_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_FOLDER, check=True)


def scores(url: str, *, cookie: str | None = None) -> dict[str, int]:
    """Each category's score out of 100 for one page, mobile emulation (Lighthouse's default form factor)."""
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
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    report = json.loads(result.stdout)
    return {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}


def first_question(base_url: str) -> tuple[str, str]:
    """The first question's address and the session cookie that opens it, from pressing "Start now"."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page()
        page.goto(base_url + "/check/")
        with page.expect_navigation():
            page.get_by_role("button", name="Start now", exact=True).click()
        cookie = "; ".join(f"{item['name']}={item['value']}" for item in page.context.cookies())
        url = page.url
        browser.close()
    return url, cookie


def score_pages(base_url: str) -> list[tuple[str, dict[str, int]]]:
    results = [(path, scores(base_url + path)) for path in PAGES]
    question_url, cookie = first_question(base_url)
    results.append((question_url.removeprefix(base_url), scores(question_url, cookie=cookie)))
    return results


def main() -> int:
    install_lighthouse()
    with production_server() as (base_url, _environment):
        results = score_pages(base_url)
    print(f"{'page':<44} " + " ".join(f"{category:>14}" for category in CATEGORIES))
    for path, page_scores in results:
        print(f"{path:<44} " + " ".join(f"{page_scores[category]:>14}" for category in CATEGORIES))
    return 0 if all(score == 100 for _, page_scores in results for score in page_scores.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
