"""A triage worker's day in the browser: sign in with a code, take a request, log an attempt, close it."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from pytest_django.live_server_helper import LiveServer

from tests.conftest import STAFF_PASSWORD
from tests.e2e.browser import PageRecorder, assert_page_is_sound
from tests.triage.factories import make_request
from waypost.accounts.models import AuthenticatorApp, Organisation, User
from waypost.intake.choices import Status
from waypost.intake.models import ContactRequest


def given_i_sign_in(recorder: PageRecorder, url: str, user: User) -> None:
    """Open a staff page, then sign in with the password and the code the person's app shows."""
    recorder.open(url)
    recorder.page.get_by_label("Username").fill(user.username)
    recorder.page.get_by_label("Password").fill(STAFF_PASSWORD)
    recorder.click_and_wait("Continue")
    code = f"{totp(AuthenticatorApp.objects.get(user=user).bin_key):06d}"
    recorder.page.get_by_label("Enter the code from your authenticator app").fill(code)
    recorder.click_and_wait("Continue")


@pytest.mark.django_db(transaction=True)
def test_a_worker_signs_in_takes_a_request_logs_an_attempt_and_closes_it(
    recorder: PageRecorder, live_server: LiveServer, triage_worker_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    page = recorder.page

    # Given I sign in with my password and the code from my app
    given_i_sign_in(recorder, live_server.url + "/staff/", triage_worker_a)
    assert page.url == live_server.url + "/staff/"
    assert_page_is_sound(recorder, page.url)

    # When I open the request and take it
    recorder.click_and_wait(request.reference, role="link")
    assert_page_is_sound(recorder, page.url)
    recorder.click_and_wait("Take this request")
    assert page.locator(".notice-box").inner_text() == "You have taken this request."
    assert_page_is_sound(recorder, page.url)

    # And I log a call that was not answered
    page.get_by_label("Phone call", exact=True).check()
    page.get_by_label("No answer", exact=True).check()
    recorder.click_and_wait("Log attempt")
    assert_page_is_sound(recorder, page.url)

    # And I close it because we could not reach them
    page.get_by_label("Could not reach", exact=True).check()
    recorder.click_and_wait("Close request")
    assert_page_is_sound(recorder, page.url)

    # Then the request is closed with that outcome, and the timeline says what happened
    request.refresh_from_db()
    assert (request.status, request.outcome, request.assigned_to) == (Status.CLOSED, "could-not-reach", triage_worker_a)
    assert "Contact attempt: Phone call, no answer" in page.locator(".timeline").inner_text()


@pytest.mark.django_db(transaction=True)
def test_supervisor_dashboard_and_audit_log_pass_axe(
    recorder: PageRecorder, live_server: LiveServer, supervisor_a: User, organisation_a: Organisation
) -> None:
    make_request(organisation_a)
    page = recorder.page
    given_i_sign_in(recorder, live_server.url + "/staff/dashboard", supervisor_a)

    assert page.url == live_server.url + "/staff/dashboard"
    assert_page_is_sound(recorder, page.url)
    recorder.open(live_server.url + "/staff/audit")
    assert_page_is_sound(recorder, page.url)
    assert ContactRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_admissions_worker_is_offered_only_their_pages_and_told_plainly_when_a_page_is_not_theirs(
    recorder: PageRecorder, live_server: LiveServer, triage_worker_a: User, organisation_a: Organisation
) -> None:
    page = recorder.page

    # Given I sign in as an admissions worker
    given_i_sign_in(recorder, live_server.url + "/staff/", triage_worker_a)
    staff_links = page.get_by_role("navigation", name="Staff").get_by_role("link")

    # Then the staff navigation offers their casework (the queue, conversations and recovery support) and their own
    # console language, not the supervisors' dashboard and audit log
    assert staff_links.all_inner_texts() == ["Queue", "Conversations", "Recovery support", "Language / Idioma"]

    # When I open the dashboard's address anyway
    response = recorder.open(live_server.url + "/staff/dashboard")

    # Then I am told plainly that it is not for my role, on a staff page that passes axe
    assert response is not None
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "You do not have access to this page"
    assert_page_is_sound(recorder, page.url)
