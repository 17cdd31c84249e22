"""When chat cannot be answered, the person can write what they wanted to say and take it into a contact request,
where it is the answer to "What would you like help with?" until they change it or send the request."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from tests.intake.walker import fill_in
from waypost.accounts.models import Organisation
from waypost.conversations.models import Conversation
from waypost.intake.models import ContactDraft, ContactRequest

pytestmark = pytest.mark.django_db

MESSAGE = "I can't sleep and I keep thinking about using again."
TEXTAREA = re.compile(r'<textarea[^>]*name="help_with"[^>]*>(.*?)</textarea>', re.S)


@pytest.fixture(autouse=True)
def chat_closed(settings: Settings) -> None:
    settings.CHAT_HOURS = "mon-fri 09:00-09:01"


def test_the_closed_page_offers_to_carry_a_message_after_the_crisis_lines(organisation_a: Organisation) -> None:
    html = Client().get("/chat/").content.decode()

    assert '<form method="post" action="/chat/contact-instead" novalidate>' in html
    assert 'name="help_with"' in html
    assert html.index("If you need help now") < html.index("Write what you wanted to say")


def test_a_message_goes_with_the_person_into_the_contact_request(organisation_a: Organisation) -> None:
    client = Client()

    answer = client.post("/chat/contact-instead", {"help_with": MESSAGE})
    help_page = client.get("/contact/help").content.decode()

    assert answer.status_code == 302
    assert answer["Location"] == "/contact/"
    assert ">I can&#x27;t sleep and I keep thinking about using again.</textarea>" in help_page
    assert Conversation.objects.count() == 0
    assert ContactDraft.objects.count() == 1


def test_the_carried_message_is_what_the_request_sends(organisation_a: Organisation) -> None:
    client = Client()
    client.post("/chat/contact-instead", {"help_with": MESSAGE})
    shown = html.unescape(TEXTAREA.search(client.get("/contact/help").content.decode()).group(1))  # type: ignore[union-attr]

    fill_in(client, {"help": {"help_with": shown}})  # the person presses Continue on the filled-in page
    check_answers = client.get("/contact/check-answers").content.decode()
    client.post("/contact/send")

    assert "I can&#x27;t sleep and I keep thinking about using again." in check_answers
    assert ContactRequest.objects.get().help_with == MESSAGE


def test_nothing_written_goes_straight_to_the_contact_request_and_keeps_nothing(organisation_a: Organisation) -> None:
    answer = Client().post("/chat/contact-instead", {"help_with": "  "})

    assert answer["Location"] == "/contact/"
    assert ContactDraft.objects.count() == 0


def test_a_message_too_long_is_shown_again_with_the_error_and_nothing_kept(organisation_a: Organisation) -> None:
    answer = Client().post("/chat/contact-instead", {"help_with": "a" * 1001})
    html = answer.content.decode()

    assert answer.status_code == 400
    assert "<title>Error: Chat is not available right now" in html
    assert 'class="error-summary"' in html
    assert "If you need help now" in html
    assert ContactDraft.objects.count() == 0


def test_only_a_post_is_accepted(organisation_a: Organisation) -> None:
    assert Client().get("/chat/contact-instead").status_code == 405


def test_in_spanish_the_form_is_in_spanish_and_leads_to_the_spanish_contact_request(
    organisation_a: Organisation, settings: Settings
) -> None:
    settings.WAYPOST_REGION, settings.WAYPOST_REGIONS = "uk", ["uk", "us"]
    client = Client()
    html = client.get("/us/es/chat/").content.decode()

    answer = client.post("/us/es/chat/contact-instead", {"help_with": "No puedo dormir."})

    assert '<form method="post" action="/us/es/chat/contact-instead" novalidate>' in html
    assert "Escriba lo que quería decir" in html
    assert answer["Location"] == "/us/es/contact/"
