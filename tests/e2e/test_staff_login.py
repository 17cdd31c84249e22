"""Staff sign-in in a real browser: password, then a code; first-time set-up from the QR page; every page audited."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.conftest import STAFF_PASSWORD
from tests.e2e.browser import PageRecorder, assert_page_is_sound
from waypost.accounts.models import AuthenticatorApp, User

PROTECTED_PAGE = "/staff/recovery-codes"


class StaffSignIn:
    def __init__(self, recorder: PageRecorder, live_server: LiveServer) -> None:
        self.recorder = recorder
        self.page: Page = recorder.page
        self.base_url = live_server.url

    def given_i_open_a_staff_page(self) -> None:
        self.recorder.open(self.base_url + PROTECTED_PAGE)
        assert self.page.url == f"{self.base_url}/staff/login?next={PROTECTED_PAGE}"
        self.then_the_page_is_sound()

    def when_i_enter_my_password(self, username: str, password: str = STAFF_PASSWORD) -> None:
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.recorder.click_and_wait("Continue")

    def when_i_enter_the_code(self, label: str, code: str) -> None:
        self.then_the_page_is_sound()
        self.page.get_by_label(label).fill(code)
        self.recorder.click_and_wait("Continue")

    def then_the_heading_is(self, heading: str) -> None:
        assert self.page.get_by_role("heading", level=1).inner_text() == heading
        self.then_the_page_is_sound()

    def then_the_page_is_sound(self) -> None:
        assert_page_is_sound(self.recorder, self.page.url)


def app_code_for(key: bytes) -> str:
    return f"{totp(key):06d}"


@pytest.mark.django_db(transaction=True)
def test_a_staff_member_signs_in_with_password_and_app_code_then_out(
    recorder: PageRecorder, live_server: LiveServer, triage_worker_a: User
) -> None:
    journey = StaffSignIn(recorder, live_server)
    journey.given_i_open_a_staff_page()

    journey.when_i_enter_my_password("triage-worker-a")
    key = AuthenticatorApp.objects.get(user=triage_worker_a).bin_key
    journey.when_i_enter_the_code("Enter the code from your authenticator app", app_code_for(key))

    assert journey.page.url == live_server.url + PROTECTED_PAGE
    journey.then_the_heading_is("Recovery codes")
    recorder.open(live_server.url + "/staff/logout")
    journey.then_the_page_is_sound()
    recorder.click_and_wait("Sign out")
    assert journey.page.locator(".notice-box").inner_text() == "You have signed out."
    journey.then_the_page_is_sound()


@pytest.mark.django_db(transaction=True)
def test_a_new_starter_sets_up_their_app_from_the_qr_code(
    recorder: PageRecorder, live_server: LiveServer, triage_worker_a: User
) -> None:
    AuthenticatorApp.objects.filter(user=triage_worker_a).delete()
    journey = StaffSignIn(recorder, live_server)
    journey.given_i_open_a_staff_page()

    journey.when_i_enter_my_password("triage-worker-a")
    journey.then_the_heading_is("Set up your authenticator app")
    assert journey.page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    key = b32decode(journey.page.locator("p.reference code").inner_text().replace(" ", ""))
    journey.when_i_enter_the_code("Enter the 6-digit code the app shows", app_code_for(key))

    journey.then_the_heading_is("Save your recovery codes")
    assert journey.page.locator(".recovery-codes li").count() == 10
    recorder.click_and_wait("I have saved my codes")
    assert journey.page.url == live_server.url + PROTECTED_PAGE


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_is_announced_in_the_error_summary(
    recorder: PageRecorder, live_server: LiveServer, triage_worker_a: User
) -> None:
    journey = StaffSignIn(recorder, live_server)
    journey.given_i_open_a_staff_page()

    journey.when_i_enter_my_password("triage-worker-a", "not my password at all")

    assert journey.page.title().startswith("Error: Sign in")
    assert journey.page.locator(".error-summary").inner_text().endswith("Enter a correct username and password")
    assert journey.page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert journey.page.get_by_label("Password").input_value() == ""
    journey.then_the_page_is_sound()
