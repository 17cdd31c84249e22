"""A day's casework in the browser: find a closed request by reference, set a follow-up, close a red-flagged
request deliberately; axe on every page at desktop (1280 px) and phone (375 px) widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import ViewportSize
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, axe_violations, describe_violations
from tests.e2e.test_triage_journey import given_i_sign_in
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import Outcome, Status
from waypost.intake.models import ContactRequest
from waypost.triage.models import Activity, ActivityKind

SCREENS = (ViewportSize(width=1280, height=800), ViewportSize(width=375, height=667))


def assert_sound_on_every_screen(recorder: PageRecorder) -> None:
    """axe-clean at both widths, nothing loaded from another site, no script errors. Not the 30 KB budget: that is
    for public pages, and a staff request page with its forms and errors is larger by design."""
    for screen in SCREENS:
        recorder.page.set_viewport_size(screen)
        where = f"{recorder.page.url} at {screen['width']} px"
        violations = axe_violations(recorder.page)
        assert violations == [], f"{where}:\n{describe_violations(violations)}"
        assert recorder.off_site_requests() == [], f"{where} sent requests off this machine"
        assert recorder.console_errors == [], f"{where} logged errors: {recorder.console_errors}"


@pytest.mark.django_db(transaction=True)
def test_a_worker_finds_a_closed_request_sets_a_follow_up_and_closes_a_red_flag_deliberately(
    recorder: PageRecorder, live_server: LiveServer, triage_worker_a: User, organisation_a: Organisation
) -> None:
    closed = make_request(organisation_a)
    ContactRequest.objects.filter(pk=closed.pk).update(status=Status.CLOSED, outcome=Outcome.DECLINED)
    flagged = make_request(
        organisation_a, selfcheck_summary=[{"questionnaire": "phq-9", "band": None, "flags": ["self-harm-thoughts"]}]
    )
    page = recorder.page
    given_i_sign_in(recorder, live_server.url + "/staff/", triage_worker_a)
    assert_sound_on_every_screen(recorder)

    # When I search for the closed request by its reference
    page.get_by_label("Reference (any status)").fill(closed.reference)
    recorder.click_and_wait("Find")
    # Then it is found, with the filter kept in the address
    assert f"q={closed.reference}" in page.url
    assert page.get_by_role("link", name=closed.reference).count() == 1
    assert_sound_on_every_screen(recorder)

    # When I open the red-flagged request, its risk is said in plain words
    recorder.open(live_server.url + "/staff/")
    recorder.click_and_wait(flagged.reference, role="link")
    assert "Red flag: said they have thoughts of harming themselves" in page.locator("#risk-summary + ul").inner_text()
    assert_sound_on_every_screen(recorder)

    # And I set a follow-up for Tuesday evening
    page.get_by_label("Follow up on (YYYY-MM-DD)").fill("2026-12-01")
    page.get_by_label("At (HH:MM, 24-hour clock)").fill("18:00")
    page.get_by_label("What to do then").fill("Call again after 6 pm")
    recorder.click_and_wait("Set follow-up")
    assert "The follow-up is set." in page.locator(".notice-box").inner_text()
    assert_sound_on_every_screen(recorder)

    # And I try to close it with only an outcome: I am asked for the rest
    page.get_by_label("Referred elsewhere", exact=True).check()
    recorder.click_and_wait("Close request")
    assert "Enter a closing note saying what was done about the red flags" in page.content()
    assert_sound_on_every_screen(recorder)

    # And I close it with the destination, a note and my confirmation
    page.get_by_label("Referred elsewhere", exact=True).check()
    page.get_by_label("Where were they referred or admitted? (if they were)").fill("Bristol Drugs Project")
    page.get_by_label("Closing note").fill("Safety plan agreed")
    page.get_by_label("I have checked the red flags and want to close this request").check()
    recorder.click_and_wait("Close request")
    assert_sound_on_every_screen(recorder)

    # Then the request is closed and the timeline records the outcome
    flagged.refresh_from_db()
    assert (flagged.status, flagged.outcome) == (Status.CLOSED, Outcome.REFERRED_ELSEWHERE)
    assert "Closed the request: Referred elsewhere: to Bristol Drugs Project. Safety plan agreed" in (
        page.locator(".timeline").inner_text()
    )
    assert Activity.objects.filter(kind=ActivityKind.FOLLOW_UP, contact_request=flagged).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.SET_FOLLOW_UP, request_reference=flagged.reference).count() == 1
