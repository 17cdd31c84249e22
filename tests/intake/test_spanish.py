"""A contact request in Spanish: the pages, their errors, the request's language and region, and its messages
in the person's language with their region's numbers (issue 18, docs/adr/0046, H-095)."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test import Client, override_settings

from tests.intake.walker import fill_in
from waypost.core.helplines import Region
from waypost.intake.models import ContactRequest
from waypost.notifications.models import Channel, OutboundMessage

pytestmark = pytest.mark.django_db

BOTH_REGIONS = override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])
SPANISH_US = "/us/es/contact/"
US_PHONE: dict[str, object] = {"phone": "(201) 555-0123"}
Answers = dict[str, dict[str, object]]


def page_text(client: Client, path: str, data: dict[str, object] | None = None) -> str:
    response = client.post(path, data or {}) if data is not None else client.get(path)
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def sent_request(client: Client, answers: Answers, prefix: str) -> ContactRequest:
    fill_in(client, answers, prefix=prefix)
    response = client.post(f"{prefix}send")
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}sent"
    return ContactRequest.objects.get()


@BOTH_REGIONS
def test_the_spanish_pages_ask_and_explain_in_spanish(member_of_the_public: Client) -> None:
    start = page_text(member_of_the_public, SPANISH_US)
    missing = page_text(member_of_the_public, f"{SPANISH_US}who", {})

    assert "<h1>Pida que alguien le contacte</h1>" in start
    assert "por lo general en un plazo de 1 día hábil" in start
    assert "<title>Error: ¿Para quién quiere ayuda?" in missing
    assert "Seleccione para quién pide ayuda" in missing
    assert "Alguien que me importa" in missing


@BOTH_REGIONS
def test_a_wrong_number_is_explained_in_spanish_with_us_examples(member_of_the_public: Client) -> None:
    member_of_the_public.post(f"{SPANISH_US}who", {"for_whom": "self"})
    member_of_the_public.post(f"{SPANISH_US}how", {"contact_methods": ["text"]})

    wrong = page_text(member_of_the_public, f"{SPANISH_US}phone", {"phone": "123"})

    assert "Escriba un número de teléfono, como (201) 555-0123 o +1 201 555 0123" in wrong
    assert "Para números internacionales, incluya el código del país, como +1." in wrong


@BOTH_REGIONS
def test_too_long_answers_are_refused_in_spanish(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public, {"phone": US_PHONE}, prefix=SPANISH_US)

    too_long = page_text(member_of_the_public, f"{SPANISH_US}help", {"help_with": "x" * 1001})

    assert "Lo que quiere contarnos debe tener 1\u00a0000 caracteres o menos" in too_long  # Spanish grouping


@BOTH_REGIONS
def test_check_answers_reads_the_answers_in_spanish_but_typed_words_as_given(member_of_the_public: Client) -> None:
    fill_in(member_of_the_public, {"phone": US_PHONE, "name": {"name": "Friend"}}, prefix=SPANISH_US)

    check = page_text(member_of_the_public, f"{SPANISH_US}check-answers")

    assert "<h1>Revise sus respuestas antes de enviar su solicitud</h1>" in check
    assert "Llamada telefónica, Correo electrónico" in check
    assert "Noches de lunes a viernes (5 p. m. a 8 p. m.)" in check
    # A name that happens to be an English option's label is the person's own word, not translated
    assert '<dd class="summary-list__value">Friend</dd>' in check


@BOTH_REGIONS
def test_a_spanish_request_in_the_us_keeps_es_and_us_and_confirms_in_spanish_with_us_numbers(
    member_of_the_public: Client,
) -> None:
    request = sent_request(member_of_the_public, {"phone": US_PHONE}, SPANISH_US)
    sent = page_text(member_of_the_public, f"{SPANISH_US}sent")

    confirmation = OutboundMessage.objects.get(template="request-received")
    alert = OutboundMessage.objects.get(template="team-alert")
    assert (request.language, request.site_region, request.person_region) == ("es", "us", Region.US)
    assert request.phone == "+12015550123"
    assert "Solicitud recibida" in sent
    assert confirmation.channel == Channel.EMAIL
    assert confirmation.subject == f"Recibimos su solicitud (referencia {request.reference})"
    assert confirmation.body.startswith(
        "Hola:\n\nGracias por pedir que le contactemos por teléfono o correo electrónico."
    )
    assert "en un plazo de 1 día hábil, de la forma que usted eligió." in confirmation.body
    assert "Si está en peligro o necesita ayuda ahora, llame al 911." in confirmation.body
    # The team's alert is for staff: in English whatever the person's language
    assert alert.subject == f"New call-back request {request.reference} (red flag: no)"


@BOTH_REGIONS
def test_a_spanish_text_confirmation_is_spanish_and_names_the_us_emergency_number(
    member_of_the_public: Client,
) -> None:
    answers: Answers = {"how": {"contact_methods": ["text"]}, "phone": US_PHONE}
    request = sent_request(member_of_the_public, answers, SPANISH_US)

    text = OutboundMessage.objects.get(template="request-received")
    assert text.channel == Channel.SMS
    assert text.body == (
        f"Recibimos su solicitud (referencia {request.reference}). Le contactaremos por mensaje de texto en un plazo "
        "de 1 día hábil. En una emergencia, llame al 911."
    )


@BOTH_REGIONS
def test_the_english_journey_is_unchanged_and_confirms_with_the_uk_number(member_of_the_public: Client) -> None:
    request = sent_request(member_of_the_public, {}, "/contact/")

    confirmation = OutboundMessage.objects.get(template="request-received")
    assert (request.language, request.site_region, request.person_region) == ("en-gb", "uk", Region.UK)
    assert confirmation.subject == f"We have your request (reference {request.reference})"
    assert "Thank you for your request to be contacted by phone or email." in confirmation.body
    assert "If you are in danger or need help now, call 999." in confirmation.body


def insert_as_the_previous_release(request: ContactRequest) -> int:
    """A row written by code that does not know the new columns: they are left out of the INSERT."""
    fields = [
        field
        for field in ContactRequest._meta.local_concrete_fields
        if field.name not in {"id", "language", "site_region"}
    ]
    values = [field.get_db_prep_save(getattr(request, field.attname), connection) for field in fields]
    table = ContactRequest._meta.db_table
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)  # noqa: S608
    return ContactRequest.objects.get(reference=request.reference).pk


@BOTH_REGIONS
def test_rows_from_before_the_language_was_kept_are_english_in_the_default_region(
    member_of_the_public: Client,
) -> None:
    template = sent_request(member_of_the_public, {}, "/contact/")
    ContactRequest.objects.all().delete()

    old = ContactRequest.objects.get(pk=insert_as_the_previous_release(template))

    assert (old.language, old.site_region, old.person_region) == ("en-gb", "", Region.UK)
