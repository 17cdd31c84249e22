"""A supervisor chooses Spanish for their own console on a phone, and works in it (ADR 0047, H-097)."""

from __future__ import annotations

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.e2e.browser import STAFF_PAGE_WEIGHT_LIMIT_BYTES, PageRecorder, assert_page_is_sound
from tests.e2e.test_triage_journey import given_i_sign_in
from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User

RED_FLAGGED = [{"questionnaire": "safety", "band": None, "flags": ["danger-now"]}]


@pytest.mark.django_db(transaction=True)
def test_a_supervisor_chooses_spanish_and_reads_the_console_in_it_on_a_phone(
    recorder: PageRecorder, live_server: LiveServer, supervisor_a: User, organisation_a: Organisation
) -> None:
    request = make_request(organisation_a, selfcheck_summary=RED_FLAGGED)
    page = recorder.page
    page.set_viewport_size({"width": 375, "height": 800})

    # Given I sign in to the console, which is in English
    given_i_sign_in(recorder, live_server.url + "/staff/", supervisor_a)
    assert page.get_by_role("heading", level=1).inner_text() == "Requests"

    # When I follow "Language / Idioma" and choose Español
    recorder.click_and_wait("Language / Idioma", role="link")
    assert_page_is_sound(recorder, page.url, weight_limit=STAFF_PAGE_WEIGHT_LIMIT_BYTES)
    page.get_by_label("Español").check()
    recorder.click_and_wait("Save")

    # Then the console is in Spanish, on every page, and each page is sound at 375 px
    assert page.locator(".notice-box").inner_text() == "Guardado. Su consola del personal ahora está en este idioma."
    assert page.locator("html").get_attribute("lang") == "es"
    expected_headings = {
        "/staff/": "Solicitudes",
        f"/staff/requests/{request.reference}": f"Solicitud {request.reference} Señal de alerta",
        "/staff/dashboard": "Panel: Organisation A",
        "/staff/audit": "Registro de auditoría: Organisation A",
    }
    for path, heading in expected_headings.items():
        recorder.forget()
        recorder.open(live_server.url + path)
        assert page.get_by_role("heading", level=1).inner_text() == heading, path
        assert_page_is_sound(recorder, page.url, weight_limit=STAFF_PAGE_WEIGHT_LIMIT_BYTES)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    recorder.open(live_server.url + f"/staff/requests/{request.reference}")
    assert "Señal de alerta: dijo que alguien está en peligro en este momento" in page.locator("main").inner_text()
