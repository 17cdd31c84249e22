"""The contact journey's text fields under hostile bytes: a form error or harmless text, never a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.intake.walker import DEFAULT_ANSWERS, fill_in
from waypost.intake.models import ContactDraft

pytestmark = pytest.mark.django_db

NUL_ERROR = "Null characters are not allowed."
# (page, field) for every free-text answer of the journey
TEXT_FIELDS = [
    ("phone", "phone"),
    ("email", "email"),
    ("times", "safe_contact_notes"),
    ("name", "name"),
    ("area", "region"),
    ("help", "help_with"),
]
FREE_TEXT_FIELDS = TEXT_FIELDS[2:]


@pytest.fixture
def attacker() -> Client:
    """A client that sees a 500 as a response rather than as a test error."""
    client = Client(raise_request_exception=False)
    fill_in(client)
    return client


def post_encoded(client: Client, page: str, encoded_fields: str) -> bytes:
    response = client.post(f"/contact/{page}", data=encoded_fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code in {200, 302}, response.status_code
    return bytes(response.content)


def other_answers(page: str, field: str) -> str:
    """The page's other answers, url-encoded, so only the field under test can be wrong."""
    answers = {name: value for name, value in DEFAULT_ANSWERS[page].items() if name != field}
    return "".join(f"&{name}={value}" for name, values in answers.items() for value in as_list(values))


def as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize(("page", "field"), TEXT_FIELDS)
def test_a_nul_byte_is_a_form_error(attacker: Client, page: str, field: str) -> None:
    html = post_encoded(attacker, page, f"{field}=Sam%00{other_answers(page, field)}").decode()

    assert "Error: " in html
    assert NUL_ERROR in html or "Enter" in html


@pytest.mark.parametrize(("page", "field"), FREE_TEXT_FIELDS)
def test_a_lone_surrogate_is_kept_as_a_replacement_character(attacker: Client, page: str, field: str) -> None:
    """A surrogate's UTF-8 bytes are not valid UTF-8: Django reads them as U+FFFD, which encrypts safely."""
    post_encoded(attacker, page, f"{field}=Sam%ED%A0%80{other_answers(page, field)}")

    assert json.loads(ContactDraft.objects.get().answers)[field] == "Sam\ufffd\ufffd\ufffd"


@pytest.mark.parametrize(("page", "field"), [("phone", "phone"), ("email", "email")])
def test_a_lone_surrogate_in_a_phone_number_or_email_is_a_form_error(attacker: Client, page: str, field: str) -> None:
    html = post_encoded(attacker, page, f"{field}=%ED%A0%80{other_answers(page, field)}").decode()

    assert "Error: " in html


def test_the_whole_journey_survives_replacement_characters(attacker: Client) -> None:
    post_encoded(attacker, "name", "name=%ED%A0%80%FF")

    response = attacker.post("/contact/send")

    assert response.status_code == 302
