"""Web chat in Spanish at /us/es/chat/: the pages, the automatic notes and the hours in Spanish, the chat's language
kept so staff see it; texts stay in English, since a text says nothing of its sender's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

from tests.conversations.conftest import SignedPost, text
from waypost.accounts.models import Organisation, User
from waypost.conversations import hours
from waypost.conversations.models import Conversation, Message, Sender
from waypost.conversations.services import claim_conversation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def both_regions(settings: Settings) -> None:
    settings.WAYPOST_REGION, settings.WAYPOST_REGIONS = "uk", ["uk", "us"]


def start_spanish_chat(client: Client, first_name: str = "Ana") -> Conversation:
    response = client.post("/us/es/chat/", {"first_name": first_name})
    conversation = Conversation.objects.latest("pk")
    assert response["Location"] == f"/us/es/chat/{conversation.public_id}/"
    return conversation


def test_the_spanish_start_page_is_in_spanish_with_the_us_lines(organisation_a: Organisation) -> None:
    html = Client().get("/us/es/chat/").content.decode()

    assert "<h1>Chatee con nosotros</h1>" in html
    assert "Su nombre (opcional)" in html
    assert "<li>Abierto todo el día, todos los días.</li>" in html
    assert "Si necesita ayuda ahora" in html
    assert 'href="tel:911"' in html


def test_a_chat_started_in_spanish_keeps_its_language_and_greets_in_spanish(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_spanish_chat(client)
    html = client.get(f"/us/es/chat/{conversation.public_id}/").content.decode()

    assert conversation.language == "es"
    assert Message.objects.get(conversation=conversation).body == (
        f"Le damos la bienvenida a {settings.SITE_NAME}. Una persona capacitada se unirá aquí pronto. "
        "Si está en peligro ahora, use Ayuda urgente en la parte de arriba de la página."
    )
    assert "Le damos la bienvenida a" in html
    assert "Una persona capacitada se unirá aquí pronto." in html
    assert "Ver si hay mensajes nuevos" in html
    assert "Terminar el chat y borrar esta pantalla" in html


def test_a_spanish_message_error_and_the_end_are_in_spanish(organisation_a: Organisation) -> None:
    client = Client()
    conversation = start_spanish_chat(client)
    refused = client.post(f"/us/es/chat/{conversation.public_id}/messages", {"body": ""}).content.decode()
    ended = client.post(f"/us/es/chat/{conversation.public_id}/end")
    page = client.get(ended["Location"]).content.decode()

    assert "Escriba un mensaje" in refused
    assert ended["Location"] == "/us/es/chat/ended"
    assert "<h1>Su chat terminó</h1>" in page
    assert Message.objects.filter(sender=Sender.SYSTEM).last().body == "La persona terminó el chat."  # type: ignore[union-attr]


def test_a_chat_started_at_an_english_address_is_english(organisation_a: Organisation) -> None:
    client = Client()
    client.post("/chat/", {"first_name": ""})
    conversation = Conversation.objects.get()

    assert conversation.language == "en-gb"
    assert Message.objects.get().body == (
        f"Welcome to {settings.SITE_NAME}. A trained person will join you here soon. "
        "If you are in danger now, use Urgent help at the top of the page."
    )


def test_staff_see_that_a_chat_is_in_spanish(
    organisation_a: Organisation, staff_client: Callable[[User], Client], triage_worker_a: User
) -> None:
    spanish = start_spanish_chat(Client())
    Client().post("/chat/", {"first_name": "Sam"})
    english = Conversation.objects.latest("pk")
    staff = staff_client(triage_worker_a)

    inbox = staff.get("/staff/conversations/").content.decode()
    spanish_page = staff.get(f"/staff/conversations/{spanish.public_id}").content.decode()
    english_page = staff.get(f"/staff/conversations/{english.public_id}").content.decode()

    assert inbox.count('<strong class="tag">Spanish</strong>') == 1
    assert '<dt class="summary-list__key">Language</dt><dd class="summary-list__value">Spanish</dd>' in spanish_page
    assert "Language</dt>" not in english_page
    assert '<dt class="summary-list__key">Started</dt>' in english_page


def test_a_spanish_speaking_member_of_staff_reads_the_inbox_in_spanish(
    organisation_a: Organisation, staff_client: Callable[[User], Client], triage_worker_a: User
) -> None:
    start_spanish_chat(Client())
    html = staff_client(triage_worker_a).get("/es/staff/conversations/").content.decode()

    assert "<h1>Conversaciones</h1>" in html
    assert '<strong class="tag">Español</strong>' in html
    assert "Nadie todavía" in html


def test_a_text_conversation_stays_in_english(twilio: SignedPost) -> None:
    twilio("/sms/inbound", text("Hola"))
    conversation = Conversation.objects.get()

    assert conversation.language == "en-gb"


@pytest.mark.parametrize(
    ("setting", "spanish", "english"),
    [
        (
            "mon-fri 09:00-17:00; sat 10:00-14:00",
            "Abierto de lunes a viernes de 09:00 a 17:00, sábado de 10:00 a 14:00.",
            "Open Monday to Friday 09:00 to 17:00, Saturday 10:00 to 14:00.",
        ),
        (
            "sat-sun 09:00-12:00; sat-sun 13:00-17:00",
            "Abierto sábado y domingo de 09:00 a 12:00 y de 13:00 a 17:00.",
            "Open Saturday and Sunday 09:00 to 12:00 and 13:00 to 17:00.",
        ),
        ("never", "Cerrado en este momento.", "Closed at the moment."),
        ("always", "Abierto todo el día, todos los días.", "Open all day, every day."),
    ],
)
def test_opening_hours_are_told_in_the_pages_language(
    settings: Settings, setting: str, spanish: str, english: str
) -> None:
    settings.CHAT_HOURS = setting
    with translation.override("es"):
        assert hours.hours_in_words() == spanish
    with translation.override("en-gb"):
        assert hours.hours_in_words() == english


@pytest.mark.parametrize(
    ("first_name", "note"),
    [("Jo", "Jo se ha unido a la conversación."), ("", "Una persona del equipo se ha unido a la conversación.")],
)
def test_the_person_is_told_in_spanish_who_joined(
    organisation_a: Organisation, triage_worker_a: User, first_name: str, note: str
) -> None:
    User.objects.filter(pk=triage_worker_a.pk).update(first_name=first_name)
    triage_worker_a.refresh_from_db()
    conversation = start_spanish_chat(Client())

    with translation.override("en-gb"):  # the staff member's console is English
        claim_conversation(actor=triage_worker_a, conversation=conversation, page="/staff/conversations/")

    assert Message.objects.filter(conversation=conversation).latest("sequence").body == note
