"""A referral from an assessed request to an admission, on both sides, in the browser; and a provider's link page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound
from tests.e2e.test_triage_journey import given_i_sign_in
from tests.treatment.conftest import assessed_request
from waypost.accounts.models import Organisation, User
from waypost.treatment.models import ProviderProfile, Referral
from waypost.treatment.services import Destination, send_referral


@pytest.mark.django_db(transaction=True)
def test_a_clinician_refers_and_the_provider_accepts_books_and_admits(
    recorder: PageRecorder,
    browser: Browser,
    live_server: LiveServer,
    clinician_a: User,
    triage_worker_b: User,
    organisation_a: Organisation,
    organisation_b: Organisation,
) -> None:
    ProviderProfile.objects.create(organisation=organisation_b)
    request = assessed_request(organisation_a)
    page = recorder.page

    # Given I am a clinician at the referral service, on the refer page of an assessed request
    given_i_sign_in(recorder, f"{live_server.url}/staff/requests/{request.reference}/refer", clinician_a)
    assert_page_is_sound(recorder, page.url)

    # When I choose the provider on Waypost, tick what the person agreed to share, confirm consent and send
    page.get_by_label("Organisation B (on Waypost)").check()
    page.get_by_label("Their name").check()
    page.get_by_label("The assessment and level of care").check()
    page.get_by_label("The person agreed to this referral and to sharing exactly what is ticked").check()
    recorder.click_and_wait("Send referral")

    # Then the referral page says it was sent
    referral = Referral.objects.get()
    assert page.locator(".notice-box").inner_text() == "The referral was sent."
    assert_page_is_sound(recorder, page.url)

    # When the provider's admissions worker signs in and opens their inbox, in their own browser
    provider_context = browser.new_context()
    provider_context.set_default_timeout(10_000)
    provider = PageRecorder(provider_context.new_page())
    given_i_sign_in(provider, f"{live_server.url}/staff/referrals/inbox", triage_worker_b)
    assert_page_is_sound(provider, provider.page.url)
    provider.click_and_wait(referral.reference, role="link")
    assert "Name: Sam Example" in provider.page.inner_text("main")
    assert_page_is_sound(provider, provider.page.url)

    # And accepts, books the intake and records the admission
    provider.click_and_wait("Accept")
    assert_page_is_sound(provider, provider.page.url)
    provider.page.get_by_label("Intake date and time").fill("2026-12-07T10:30")
    provider.click_and_wait("Book intake")
    assert provider.page.locator("#referral-status").inner_text() == "Intake booked for 7 Dec 2026 10:30"
    assert_page_is_sound(provider, provider.page.url)
    provider.click_and_wait("Admitted")
    assert_page_is_sound(provider, provider.page.url)
    provider_context.close()

    # Then I see the admission and every step on my side
    recorder.open(f"{live_server.url}/staff/referrals/{referral.reference}")
    assert page.locator("#referral-status").inner_text() == "Admitted"
    timeline = page.locator(".timeline").inner_text()
    for step in ("Sent, waiting for the provider", "Accepted", "Intake booked", "Admitted"):
        assert step in timeline
    assert_page_is_sound(recorder, page.url)
    assert Referral.objects.get().status == "completed"


@pytest.mark.django_db(transaction=True)
def test_a_provider_not_on_waypost_declines_through_its_link_and_the_link_is_then_gone(
    recorder: PageRecorder, live_server: LiveServer, clinician_a: User, organisation_a: Organisation
) -> None:
    sent = send_referral(
        contact_request=assessed_request(organisation_a),
        actor=clinician_a,
        destination=Destination(name="Riverside Clinic", email="intake@riverside.example"),
        shared_items=["name"],
        person_updates=[],
        page="/test",
    )
    page = recorder.page

    recorder.open(f"{live_server.url}/referral-link/{sent.link_token}")
    assert_page_is_sound(recorder, page.url)
    page.get_by_label("Decline").check()
    page.get_by_label("Your name").fill("Alex Intake")
    page.get_by_label("No place available").check()
    recorder.click_and_wait("Send answer")
    assert page.get_by_role("heading", level=1).inner_text() == "Answer sent"
    assert_page_is_sound(recorder, page.url)

    response = recorder.open(f"{live_server.url}/referral-link/{sent.link_token}")
    assert response is not None
    assert response.status == 410
    assert_page_is_sound(recorder, page.url)
    assert (Referral.objects.get().status, Referral.objects.get().reason_code) == ("rejected", "no-capacity")
