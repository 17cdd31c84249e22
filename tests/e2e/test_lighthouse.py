"""Lighthouse (pinned, run offline with Debian's Chromium) on the home page, a learn article and a question page."""

from __future__ import annotations

from pathlib import Path

from benchmarks.lighthouse import category_scores, install_lighthouse, loading_scores, reports_for_pages
from playwright.sync_api import Browser

from tests.servers import running_waypost


def test_public_pages_score_100_for_accessibility_and_for_every_loading_metric(
    tmp_path: Path, browser: Browser
) -> None:
    install_lighthouse()  # npm ci into benchmarks/lighthouse/ the first time
    with running_waypost(["serve"], environment={"WAYPOST_HTTPS": "false"}, cwd=tmp_path) as server:
        reports = reports_for_pages(server.base_url, browser)

    assert [path for path, _ in reports][:2] == ["/", "/learn/what-is-ketamine"]
    assert reports[2][0].startswith("/check/question/")
    for path, report in reports:
        # Total blocking time, and so the performance score, follows how busy the machine is: see ADR 0032
        assert category_scores(report)["accessibility"] == 100, path
        assert set(loading_scores(report).values()) == {100}, f"{path}: {loading_scores(report)}"
