"""Lighthouse (pinned, run offline with Debian's Chromium) on the home page, a learn article and a question page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.lighthouse import category_scores, install_lighthouse, loading_scores, reports_for_pages
from playwright.sync_api import Browser

from tests.servers import running_waypost


def test_public_pages_score_100_for_accessibility_and_for_every_loading_metric(
    tmp_path: Path, browser: Browser
) -> None:
    install_lighthouse()  # npm ci into benchmarks/lighthouse/ the first time
    with running_waypost(["serve"], environment={"WAYPOST_HTTPS": "false"}, cwd=tmp_path) as server:
        attempts = [reports_for_pages(server.base_url, browser)]
        # The loading metrics are timed on this machine, which the rest of the suite keeps busy: a page passes
        # when one of three runs scores 100, while accessibility must be 100 in every run (ADR 0032)
        while len(attempts) < LOADING_ATTEMPTS and not all(loads_at_full_score(report) for _, report in attempts[-1]):
            attempts.append(reports_for_pages(server.base_url, browser))

    reports = attempts[0]
    assert [path for path, _ in reports][:2] == ["/", "/learn/what-is-ketamine"]
    assert reports[2][0].startswith("/check/question/")
    for attempt in attempts:
        for path, report in attempt:
            assert category_scores(report)["accessibility"] == 100, path
    for page_index, (path, _) in enumerate(reports):
        scores = [loading_scores(attempt[page_index][1]) for attempt in attempts]
        assert any(set(score.values()) == {100} for score in scores), f"{path}: {scores}"


LOADING_ATTEMPTS = 3


def loads_at_full_score(report: dict[str, Any]) -> bool:
    return set(loading_scores(report).values()) == {100}
