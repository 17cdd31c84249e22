"""The checks themselves must be able to fail: each is shown a page that breaks its rule."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.browser import PageRecorder, axe_violations, is_local


def test_axe_reports_an_image_without_alternative_text(page: Page) -> None:
    page.set_content("<!doctype html><html lang='en'><title>t</title><main><img src='data:,'></main></html>")

    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}


def test_recorder_sees_requests_that_would_leave_this_machine(recorder: PageRecorder) -> None:
    recorder.page.route("https://cdn.example.net/**", lambda route: route.fulfill(status=200, body=""))
    recorder.page.set_content("<script src='https://cdn.example.net/tracker.js'></script>")

    assert recorder.off_site_requests() == ["https://cdn.example.net/tracker.js"]


def test_only_loopback_and_inline_addresses_count_as_local() -> None:
    assert is_local("http://127.0.0.1:8000/urgent")
    assert is_local("http://localhost:8000/")
    assert is_local("data:image/svg+xml,")
    assert not is_local("https://fonts.example.com/font.woff2")
