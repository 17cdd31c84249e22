"""Asking to be contacted, in a real browser: every page audited, then the same journey with JavaScript off."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound
from tests.e2e.test_selfcheck_journey import SelfCheckJourney
from waypost.intake.models import ContactRequest
from waypost.notifications.models import OutboundMessage


class ContactJourney:
    def __init__(self, recorder: PageRecorder, live_server: LiveServer) -> None:
        self.recorder = recorder
        self.page: Page = recorder.page
        self.base_url = live_server.url

    def given_i_start_a_request(self) -> None:
        self.recorder.open(self.base_url + "/contact/")
        assert_page_is_sound(self.recorder, self.page.url)
        self.recorder.click_and_wait("Start now")

    def when_i_choose(self, *labels: str) -> None:
        assert_page_is_sound(self.recorder, self.page.url)
        for label in labels:
            self.page.get_by_label(label, exact=True).check()
        self.recorder.click_and_wait("Continue")

    def when_i_type(self, label: str, text: str) -> None:
        assert_page_is_sound(self.recorder, self.page.url)
        self.page.get_by_label(label).fill(text)
        self.recorder.click_and_wait("Continue")

    def when_i_skip(self) -> None:
        assert_page_is_sound(self.recorder, self.page.url)
        self.recorder.click_and_wait("Continue")

    def then_i_send_it_from_check_answers(self) -> str:
        assert self.page.url == self.base_url + "/contact/check-answers"
        assert_page_is_sound(self.recorder, self.page.url)
        self.recorder.click_and_wait("Send request")
        assert_page_is_sound(self.recorder, self.page.url)
        return self.page.locator(".reference").inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_person_asks_to_be_called_back_safely(recorder: PageRecorder, live_server: LiveServer) -> None:
    journey = ContactJourney(recorder, live_server)
    journey.given_i_start_a_request()

    journey.when_i_choose("Me")
    journey.when_i_choose("Phone call")
    journey.when_i_type("What number should we use?", "07911 123456")
    journey.when_i_choose("Weekday evenings (5pm to 8pm)")
    journey.when_i_choose("No")
    journey.when_i_choose("No")
    journey.when_i_type("What name should we use? (optional)", "Sam")
    journey.when_i_skip()
    journey.when_i_type("What would you like help with? (optional)", "Please do not leave a message")
    journey.when_i_choose("I understand how my information will be used")
    reference = journey.then_i_send_it_from_check_answers()

    request = ContactRequest.objects.get()
    assert reference == request.reference
    assert (request.phone, request.voicemail_ok, request.safe_to_text) == ("+447911123456", False, False)


@pytest.mark.django_db(transaction=True)
def test_character_count_tells_how_many_are_left(recorder: PageRecorder, live_server: LiveServer) -> None:
    journey = ContactJourney(recorder, live_server)
    journey.given_i_start_a_request()
    journey.when_i_choose("Me")
    journey.when_i_choose("Email")
    journey.when_i_type("What email address should we use?", "sam@example.com")
    journey.when_i_choose("Any time")
    journey.when_i_skip()
    journey.when_i_skip()

    journey.page.get_by_label("What would you like help with? (optional)").fill("Hello")

    assert journey.page.locator(".character-count").inner_text() == "You have 995 characters remaining"


@pytest.mark.django_db(transaction=True)
def test_a_friend_asks_with_javascript_off(live_server: LiveServer, context_without_javascript: BrowserContext) -> None:
    page = context_without_javascript.new_page()
    page.goto(live_server.url + "/contact/")
    page.get_by_role("button", name="Start now").click()

    for labels in (["Someone I care about"], ["Friend"], ["I am not sure"], ["Email"]):
        for label in labels:
            page.get_by_label(label, exact=True).check()
        page.get_by_role("button", name="Continue").click()
    page.get_by_label("What email address should we use?").fill("friend@example.com")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Weekends", exact=True).check()
    for _ in range(4):
        page.get_by_role("button", name="Continue").click()
    page.get_by_label("I understand how my information will be used").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send request").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Request received"
    assert ContactRequest.objects.get().relationship == "friend"


@pytest.mark.django_db(transaction=True)
def test_a_carer_coming_from_the_self_check_is_not_asked_again_who_the_help_is_for(
    recorder: PageRecorder, live_server: LiveServer
) -> None:
    check = SelfCheckJourney(recorder, live_server)
    check.given_i_start_the_check()
    check.when_i_answer("No")
    check.when_i_answer("Someone I care about")
    check.when_i_answer_every_question_with({}, default="No")
    check.then_i_see_my_answers_and_go_to_results()
    recorder.forget()
    with recorder.page.expect_navigation(wait_until="load"):
        recorder.page.get_by_role("link", name="Ask someone to contact you").first.click()
    recorder.page.wait_for_load_state("networkidle")
    journey = ContactJourney(recorder, live_server)
    assert_page_is_sound(recorder, recorder.page.url)
    recorder.click_and_wait("Start now")

    assert recorder.page.get_by_role("heading", level=1).inner_text() == "How do you know them?"
    journey.when_i_choose("Friend")
    journey.when_i_choose("I am not sure")
    journey.when_i_choose("Email")
    journey.when_i_type("What email address should we use?", "friend@example.com")
    journey.when_i_choose("Weekends")
    journey.when_i_skip()
    journey.when_i_skip()
    journey.when_i_skip()
    assert recorder.page.get_by_role("heading", level=1).inner_text() == "Do you want to send your self-check results?"
    journey.when_i_choose("Send a summary of my self-check results with my request")
    journey.when_i_choose("I understand how my information will be used")
    assert recorder.page.locator(".summary-list__row", has_text="Help for").inner_text().count("Someone I care about")
    journey.then_i_send_it_from_check_answers()

    request = ContactRequest.objects.get()
    assert (request.for_whom, request.relationship) == ("someone-else", "friend")
    assert "ketamine-signs-observed" in (request.selfcheck_summary or "")


class SpanishContactJourney(ContactJourney):
    """The same journey at a Spanish address in the US region: /us/es/contact/."""

    def given_i_start_a_request_in_spanish(self) -> None:
        self.recorder.open(self.base_url + "/us/es/contact/")
        assert_page_is_sound(self.recorder, self.page.url)
        assert self.page.get_by_role("heading", level=1).inner_text() == "Pida que alguien le contacte"
        self.recorder.click_and_wait("Empezar ahora")

    def when_i_choose(self, *labels: str) -> None:
        assert_page_is_sound(self.recorder, self.page.url)
        for label in labels:
            self.page.get_by_label(label, exact=True).check()
        self.recorder.click_and_wait("Continuar")

    def when_i_type(self, label: str, text: str) -> None:
        assert_page_is_sound(self.recorder, self.page.url)
        self.page.get_by_label(label).fill(text)
        self.recorder.click_and_wait("Continuar")

    def when_i_skip(self) -> None:
        assert_page_is_sound(self.recorder, self.page.url)
        self.recorder.click_and_wait("Continuar")

    def then_i_send_it_in_spanish(self) -> str:
        assert self.page.url == self.base_url + "/us/es/contact/check-answers"
        assert_page_is_sound(self.recorder, self.page.url)
        self.recorder.click_and_wait("Enviar solicitud")
        assert_page_is_sound(self.recorder, self.page.url)
        assert self.page.get_by_role("heading", level=1).inner_text() == "Solicitud recibida"
        return self.page.locator(".reference").inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_person_asks_in_spanish_to_be_texted_in_the_us(
    recorder: PageRecorder, live_server: LiveServer, settings: Settings
) -> None:
    settings.WAYPOST_REGIONS = ["uk", "us"]
    journey = SpanishContactJourney(recorder, live_server)
    journey.given_i_start_a_request_in_spanish()

    journey.when_i_choose("Yo")
    journey.when_i_choose("Mensaje de texto")
    journey.when_i_type("¿A qué número le llamamos o escribimos?", "(201) 555-0123")
    journey.when_i_choose("Noches de lunes a viernes (5 p. m. a 8 p. m.)")
    journey.when_i_skip()
    journey.when_i_skip()
    journey.when_i_skip()
    journey.when_i_choose("Entiendo cómo se usará mi información")
    reference = journey.then_i_send_it_in_spanish()

    request = ContactRequest.objects.get()
    text = OutboundMessage.objects.get(template="request-received")
    assert (reference, request.language, request.site_region) == (request.reference, "es", "us")
    assert text.body.startswith(f"Recibimos su solicitud (referencia {reference}).")
    assert text.body.endswith("En una emergencia, llame al 911.")
