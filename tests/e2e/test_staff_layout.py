"""The supervisor's pages in the browser at a desk (1280 px) and on a phone (375 px): axe-clean, nothing wider
than the screen, and a stuck message resent from the messages screen."""

from __future__ import annotations

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import STAFF_PAGE_WEIGHT_LIMIT_BYTES, PageRecorder, assert_page_is_sound
from tests.e2e.test_triage_journey import given_i_sign_in
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.models import ContactRequest
from waypost.notifications.models import Channel, OutboundMessage, Status

PAGES = ("/staff/", "/staff/dashboard", "/staff/audit?action=claimed", "/staff/messages", "/staff/reports")
WIDTHS = (1280, 375)


def stuck_message(reference: str) -> OutboundMessage:
    message = OutboundMessage.objects.create(
        channel=Channel.EMAIL, template="request-received", reference=reference, recipient="p@example.org", body="x"
    )
    OutboundMessage.objects.filter(pk=message.pk).update(status=Status.UNCERTAIN)
    return message


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_staff_pages_pass_axe_and_fit_the_screen(
    recorder: PageRecorder, live_server: LiveServer, supervisor_a: User, organisation_a: Organisation, width: int
) -> None:
    request = make_request(organisation_a)
    ContactRequest.objects.filter(pk=request.pk).update(has_red_flag=True, assigned_to=supervisor_a)
    stuck_message(request.reference)
    page = recorder.page
    page.set_viewport_size({"width": width, "height": 900})
    given_i_sign_in(recorder, live_server.url + "/staff/", supervisor_a)

    request_pages = (f"/staff/requests/{request.reference}", f"/staff/requests/{request.reference}/assessment")
    for path in (*PAGES, *request_pages):
        recorder.forget()
        recorder.open(live_server.url + path)
        assert_page_is_sound(recorder, page.url, weight_limit=STAFF_PAGE_WEIGHT_LIMIT_BYTES)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert page.locator(".quick-exit").count() == 0, path


@pytest.mark.django_db(transaction=True)
def test_a_supervisor_resends_an_uncertain_message_on_a_phone(
    recorder: PageRecorder, live_server: LiveServer, supervisor_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a)
    message = stuck_message(request.reference)
    page = recorder.page
    page.set_viewport_size({"width": 375, "height": 800})

    # Given I sign in and open the messages screen
    given_i_sign_in(recorder, live_server.url + "/staff/messages", supervisor_a)
    assert page.get_by_role("heading", level=1).inner_text() == "Messages to check: Organisation A"

    # When I resend the uncertain message
    recorder.click_and_wait(f"Resend message {message.pk} about {request.reference}")

    # Then a fresh copy is queued, the screen says so and no longer lists it, and the audit log records it
    assert page.locator(".notice-box").inner_text() == "A fresh copy was queued. The worker sends it within a minute."
    assert "No messages need checking." in page.locator("main").inner_text()
    assert_page_is_sound(recorder, page.url)
    assert OutboundMessage.objects.filter(reference=request.reference, status=Status.QUEUED).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.RESENT_MESSAGE, actor=supervisor_a).count() == 1
