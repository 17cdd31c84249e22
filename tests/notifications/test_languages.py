"""Messages in the person's language and region, whoever sends them, and discreet in Spanish too (H-094, H-095)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import translation

from tests.notifications.builders import PERSON_EMAIL, PERSON_PHONE, REQUEST_CONTEXT
from waypost.core.helplines import Region
from waypost.core.regions import current_region, region_of_request
from waypost.notifications.errors import RevealingWordingError
from waypost.notifications.models import Channel, OutboundMessage, Status
from waypost.notifications.presenters import message_rows
from waypost.notifications.rendering import (
    REVEALING_WORDS,
    TEMPLATE_ROOT,
    check_discreet,
    load_templates,
    render_message,
    template_names,
)
from waypost.notifications.services import queue_message
from waypost.notifications.speaking import Audience, speaking_to

# Messages a person reads; the others (team alert, referrals to providers) go to staff and stay English
PERSON_TEMPLATES = [
    "conversation-help",
    "conversation-resumed",
    "conversation-stopped",
    "conversation-welcome",
    "recovery-code",
    "recovery-invite",
    "recovery-reminder",
    "referral-update",
    "request-received",
]
STAFF_TEMPLATES = ["referral-link", "referral-outcome", "referral-overdue", "referral-received", "team-alert"]
SPANISH_IN_THE_US = Audience(language="es", region=Region.US)


def placeholders(name: str) -> dict[str, set[str]]:
    return {file: set(template.get_identifiers()) for file, template in load_templates(name).items()}


def test_every_template_is_either_for_the_person_or_for_staff() -> None:
    assert sorted([*PERSON_TEMPLATES, *STAFF_TEMPLATES, "conversation-reply"]) == template_names()


@pytest.mark.parametrize("name", PERSON_TEMPLATES)
def test_the_spanish_wording_keeps_every_placeholder_and_changes_the_words(name: str) -> None:
    english = {file: template.template for file, template in load_templates(name).items()}
    english_placeholders = placeholders(name)
    with translation.override("es"):
        spanish = {file: template.template for file, template in load_templates(name).items()}
        spanish_placeholders = placeholders(name)

    assert spanish_placeholders == english_placeholders
    worded = {file for file in english if "translate" in (TEMPLATE_ROOT / name / file).read_text(encoding="utf-8")}
    assert worded
    assert {file for file in english if english[file] != spanish[file]} == worded


@pytest.mark.parametrize("name", STAFF_TEMPLATES)
def test_staff_messages_stay_in_english_under_a_spanish_page(name: str) -> None:
    english = {file: template.template for file, template in load_templates(name).items()}
    with translation.override("es"):
        assert {file: template.template for file, template in load_templates(name).items()} == english


@pytest.mark.parametrize("name", PERSON_TEMPLATES)
def test_spanish_lock_screen_text_reveals_nothing(name: str) -> None:
    with translation.override("es"):
        for file, template in load_templates(name).items():
            if file in ("subject.txt", "sms.txt"):
                shown = template.template.lower()
                assert [word for word in REVEALING_WORDS if word in shown] == [], file


@pytest.mark.parametrize(
    "text",
    [
        "Su cita sobre la ketamina",
        "Ayuda con la ADICCIÓN",
        "Ayuda para personas adictas",
        "Servicio de drogas",
        "Consumo de sustancias",
        "Centro de desintoxicación",
        "Riesgo de sobredosis",
    ],
)
def test_spanish_revealing_words_are_refused_in_a_text(text: str) -> None:
    with pytest.raises(RevealingWordingError):
        check_discreet("request-received", "SMS", text)


@pytest.mark.django_db
def test_a_message_queued_from_an_english_uk_page_is_written_for_a_spanish_person_in_the_us() -> None:
    context = {**REQUEST_CONTEXT, "contact_by": "mensaje de texto", "first_contact_within": "1 día hábil"}
    with transaction.atomic():
        message = queue_message(
            channel=Channel.SMS,
            recipient=PERSON_PHONE,
            template="request-received",
            context={**context, "emergency_number": "911"},
            reference="K7P-4QX",
            audience=SPANISH_IN_THE_US,
        )
        english = queue_message(
            channel=Channel.EMAIL,
            recipient=PERSON_EMAIL,
            template="request-received",
            context=REQUEST_CONTEXT,
            reference="K7P-4QX",
        )

    assert message.body == (
        "Recibimos su solicitud (referencia K7P-4QX). Le contactaremos por mensaje de texto en un plazo de "
        "1 día hábil. En una emergencia, llame al 911."
    )
    assert english.subject == "We have your request (reference K7P-4QX)"
    assert translation.get_language() == "en-gb"


def test_speaking_to_a_person_sets_their_region_and_language_then_gives_the_callers_back() -> None:
    token = region_of_request.set(Region.UK)
    try:
        with speaking_to(SPANISH_IN_THE_US):
            inside = (translation.get_language(), current_region())
        after = (translation.get_language(), current_region())
    finally:
        region_of_request.reset(token)

    assert inside == ("es", Region.US)
    assert after == ("en-gb", Region.UK)


def test_a_language_the_site_does_not_serve_falls_back_to_english() -> None:
    with speaking_to(Audience(language="fr", region=Region.UK)):
        rendered = render_message("request-received", channel=Channel.EMAIL, context=REQUEST_CONTEXT)

    assert rendered.subject == "We have your request (reference K7P-4QX)"


def test_the_messages_screen_advice_is_in_the_staff_members_language() -> None:
    failed = OutboundMessage(channel=Channel.SMS, template="request-received", status=Status.FAILED, attempts=4)

    english = message_rows([failed])[0].advice
    with translation.override("es"):
        spanish = message_rows([failed])[0].advice

    assert english == "It was not delivered after 4 attempts. Check the contact details, then resend it."
    assert spanish == "No se entregó después de 4 intentos. Revise los datos de contacto y luego reenvíelo."
