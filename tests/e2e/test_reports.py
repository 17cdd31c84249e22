"""A supervisor reads the referral funnel in the browser, wide and narrow, and is told plainly about a bad month."""

from __future__ import annotations

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound
from tests.e2e.test_triage_journey import given_i_sign_in
from tests.treatment.report_data import organisation_data
from waypost.accounts.models import Organisation, User

WIDEST = """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)
  .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
REPORT = "/staff/reports?from=2026-01&to=2026-02"


def page_width_fits(recorder: PageRecorder) -> bool:
    return bool(recorder.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 375])
def test_a_supervisor_reads_the_funnel_chart_and_tables_at_desktop_and_phone_widths(
    recorder: PageRecorder, live_server: LiveServer, supervisor_a: User, organisation_a: Organisation, width: int
) -> None:
    organisation_data(organisation_a)
    page = recorder.page
    page.set_viewport_size({"width": width, "height": 900})

    # Given I sign in and choose Reports in the staff navigation
    given_i_sign_in(recorder, live_server.url + "/staff/", supervisor_a)
    recorder.click_and_wait("Reports", role="link")
    assert page.url == live_server.url + "/staff/reports"
    assert_page_is_sound(recorder, page.url)

    # When I ask for January and February
    page.get_by_label("First month").fill("2026-01")
    page.get_by_label("Last month").fill("2026-02")
    recorder.click_and_wait("Show")

    # Then the chart and its table show the same funnel, and the page fits the screen
    assert page.url == live_server.url + "/staff/reports?organisation=organisation-a&from=2026-01&to=2026-02"
    chart = page.get_by_role("img", name="Requests from 2026-01 to 2026-02, step by step")
    assert chart.locator("desc").text_content() == (
        "Requested: 2. First contact: 2. Assessed: 2. Referred: 2. Accepted: 1. Admitted: 1. "
    )
    totals = page.get_by_role("table", name="Requests by the month they were made").locator("tfoot td")
    assert totals.all_inner_texts() == ["2", "2", "2", "2", "1", "1"]
    assert page_width_fits(recorder), page.evaluate(WIDEST)
    assert_page_is_sound(recorder, page.url)


@pytest.mark.django_db(transaction=True)
def test_a_month_that_is_not_a_month_is_explained_on_the_page(
    recorder: PageRecorder, live_server: LiveServer, supervisor_a: User
) -> None:
    page = recorder.page
    given_i_sign_in(recorder, live_server.url + REPORT, supervisor_a)

    page.get_by_label("First month").fill("January")
    recorder.click_and_wait("Show")

    assert page.get_by_role("alert").get_by_role("link").all_inner_texts() == [
        "Enter the first month as a year and month, like 2026-01"
    ]
    assert page.title().startswith("Error: Reports")
    assert_page_is_sound(recorder, page.url)
