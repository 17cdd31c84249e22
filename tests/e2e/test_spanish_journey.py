"""One person's whole journey in Spanish in the US region, as issue 18 asks: from the home page through the
self-check to its results, then a contact request, with every page in Spanish, in the US, and sound (axe)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import PageRecorder, assert_page_is_sound
from tests.e2e.test_selfcheck_journey import SPANISH_BUTTONS, SelfCheckJourney
from waypost.intake.models import ContactRequest
from waypost.notifications.models import OutboundMessage

# What this person chooses on the contact pages, by label; any other page is optional and skipped
CONTACT_CHOICES = ("Mensaje de texto", "Noches de lunes a viernes (5 p. m. a 8 p. m.)")
CONSENT = "Entiendo cómo se usará mi información"
PHONE_QUESTION = "¿A qué número le llamamos o escribimos?"


def then_the_page_is_spanish_in_the_us(recorder: PageRecorder) -> None:
    page = recorder.page
    assert page.locator("html").get_attribute("lang") == "es-US", page.url
    assert "/us/es/" in page.url, page.url
    assert_page_is_sound(recorder, page.url)


def answer_this_contact_page(page: Page) -> None:
    for label in (*CONTACT_CHOICES, CONSENT):
        option = page.get_by_label(label, exact=True)
        if option.count():
            option.check()
    phone = page.get_by_label(PHONE_QUESTION)
    if phone.count():
        phone.fill("(201) 555-0123")
    summary = page.locator("input[type=radio][name=send_summary]")
    if summary.count():
        summary.first.check()


@pytest.mark.django_db(transaction=True)
def test_a_person_in_the_us_goes_from_the_home_page_to_a_contact_request_in_spanish(
    recorder: PageRecorder, live_server: LiveServer, settings: Settings
) -> None:
    settings.WAYPOST_REGION = "uk"
    settings.WAYPOST_REGIONS = ["uk", "us"]
    page = recorder.page

    # Given I open the Spanish home page for the US and follow its link to the self-check
    recorder.open(live_server.url + "/us/es/")
    then_the_page_is_spanish_in_the_us(recorder)
    with page.expect_navigation():
        page.locator('main a[href="/us/es/check/"]').first.click()
    then_the_page_is_spanish_in_the_us(recorder)

    # When I take the check about myself, answering no to everything
    journey = SelfCheckJourney(recorder, live_server, "/us/es", SPANISH_BUTTONS)
    recorder.click_and_wait(SPANISH_BUTTONS["start"])
    journey.when_i_answer("No")
    journey.when_i_answer("Sobre mí")
    journey.when_i_answer_every_question_with({}, default="No")
    journey.then_i_see_my_answers_and_go_to_results()
    then_the_page_is_spanish_in_the_us(recorder)

    # Then from the results I ask to be contacted, in Spanish, without telling again who the help is for
    with page.expect_navigation():
        page.locator('main a[href^="/us/es/contact/"]').first.click()
    then_the_page_is_spanish_in_the_us(recorder)
    recorder.click_and_wait("Empezar ahora")
    for _ in range(15):
        if page.url.endswith("/us/es/contact/check-answers"):
            break
        then_the_page_is_spanish_in_the_us(recorder)
        answer_this_contact_page(page)
        recorder.click_and_wait("Continuar")
    then_the_page_is_spanish_in_the_us(recorder)
    recorder.click_and_wait("Enviar solicitud")
    then_the_page_is_spanish_in_the_us(recorder)

    assert page.get_by_role("heading", level=1).inner_text() == "Solicitud recibida"
    request = ContactRequest.objects.get()
    assert (request.language, request.site_region, request.for_whom) == ("es", "us", "self")
    text = OutboundMessage.objects.get(template="request-received")
    assert text.body.endswith("En una emergencia, llame al 911.")
