"""A clinician assesses a request in the browser, beside what the person shared, and confirms the level of care."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import BrowserContext
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, axe_violations, describe_violations
from tests.e2e.test_triage_journey import given_i_sign_in
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.treatment.models import Assessment


def assert_staff_page_is_sound(recorder: PageRecorder, url: str) -> None:
    """As browser.assert_page_is_sound, less the 30 KB budget for public pages: a long staff form is heavier."""
    violations = axe_violations(recorder.page)
    assert violations == [], f"{url}:\n{describe_violations(violations)}"
    assert recorder.off_site_requests() == [], f"{url} sent requests off this machine"
    assert recorder.console_errors == [], f"{url} logged errors: {recorder.console_errors}"


SHARED = [{"questionnaire": "bladder-signs", "band": "many", "flags": ["blood-in-urine"]}]


@pytest.mark.django_db(transaction=True)
def test_a_clinician_rates_six_areas_sees_the_suggestion_and_confirms_it(
    recorder: PageRecorder, live_server: LiveServer, clinician_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a, selfcheck_summary=SHARED)
    page = recorder.page
    url = f"{live_server.url}/staff/requests/{request.reference}/assessment"

    # Given I sign in and open the assessment, with the self-check they shared beside it
    given_i_sign_in(recorder, url, clinician_a)
    assert page.url == url
    assert "Red flag: said they have seen blood in their urine" in page.locator(".assessment__shared").inner_text()
    assert_staff_page_is_sound(recorder, page.url)

    # When I rate each area, giving evidence where there is a problem, and say they pay through private insurance
    for group in page.locator(".assessment__dimension").all():
        group.get_by_label("0 — no current problem").check()
    relapse = page.locator(".assessment__dimension").nth(4)
    relapse.get_by_label("3 — severe").check()
    relapse.get_by_role("textbox").fill("Used again within a day of each of three attempts to stop")
    page.get_by_label("Private insurance", exact=True).check()
    assert page.get_by_label("Insurer", exact=True).is_visible()
    page.get_by_label("Insurer", exact=True).fill("Acme Health Plan")
    page.get_by_label("Member number").fill("ZX-998877")
    recorder.click_and_wait("Save the assessment")

    # Then the suggestion and its reasons are shown, and I confirm it
    assert page.locator(".notice-box").inner_text() == "The assessment is saved."
    assert "Suggested level of care: Day programme" in page.inner_text("main")
    assert "Visible blood in urine → urology referral as well" in page.inner_text("main")
    assert_staff_page_is_sound(recorder, page.url)
    if os.environ.get("WAYPOST_SCREENSHOT"):
        page.screenshot(path=os.environ["WAYPOST_SCREENSHOT"], full_page=True)
    page.get_by_label("Day programme (suggested)").check()
    recorder.click_and_wait("Record the level of care")

    assert page.locator(".notice-box").inner_text() == "The level of care is recorded."
    saved = Assessment.objects.get()
    assert (saved.relapse_rating, saved.suggested_level, saved.confirmed_level) == (3, "day-programme", "day-programme")
    assert (saved.insurer, saved.confirmed_by) == ("Acme Health Plan", clinician_a)


@pytest.mark.django_db(transaction=True)
def test_the_insurer_fields_show_only_for_private_insurance_with_javascript(
    recorder: PageRecorder, live_server: LiveServer, clinician_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    page = recorder.page
    given_i_sign_in(recorder, f"{live_server.url}/staff/requests/{request.reference}/assessment", clinician_a)

    assert page.get_by_label("Insurer", exact=True).is_hidden()
    page.get_by_label("Private insurance", exact=True).check()
    assert page.get_by_label("Insurer", exact=True).is_visible()
    page.get_by_label("Self-pay", exact=True).check()
    assert page.get_by_label("Member number").is_hidden()


@pytest.mark.django_db(transaction=True)
def test_with_javascript_off_the_insurer_fields_are_shown_and_an_override_needs_a_reason(
    live_server: LiveServer, context_without_javascript: BrowserContext, clinician_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    recorder = PageRecorder(context_without_javascript.new_page())
    page = recorder.page
    given_i_sign_in(recorder, f"{live_server.url}/staff/requests/{request.reference}/assessment", clinician_a)

    # Given the insurer fields are there without JavaScript, I rate withdrawal as mild and save
    assert page.get_by_label("Insurer", exact=True).is_visible()
    page.locator(".assessment__dimension").first.get_by_label("1 — mild").check()
    page.locator(".assessment__dimension").first.get_by_role("textbox").fill("Restless for a day after stopping")
    recorder.click_and_wait("Save the assessment")
    assert "Suggested level of care: Outpatient" in page.inner_text("main")

    # When I choose a different level without a reason, I am told what to do, and then do it
    page.get_by_label("Intensive outpatient", exact=True).check()
    recorder.click_and_wait("Record the level of care")
    assert page.title().startswith("Error: ")
    assert "Enter why you chose a different level of care" in page.locator(".error-summary").inner_text()
    page.get_by_label("Why a different level?").fill("Lives alone and has no one to call in the evenings")
    recorder.click_and_wait("Record the level of care")

    # axe needs JavaScript, so it runs in the journeys above; here nothing may leave the machine either
    assert recorder.off_site_requests() == []
    assert page.locator(".notice-box").inner_text() == "The level of care is recorded."
    assert Assessment.objects.get().confirmed_level == "intensive-outpatient"
