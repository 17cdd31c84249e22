"""Fixtures for conversations: chat open all day, a Twilio auth token, and a client that signs like Twilio."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from waypost.accounts.models import Organisation
from waypost.conversations.twilio_signature import expected_signature

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

AUTH_TOKEN = "twilio-test-auth-token"
BASE_URL = "https://help.example.org"
PERSON_PHONE = "+447700900123"
SERVICE_NUMBER = "+447700900999"

SignedPost = Callable[..., "TestResponse"]


@pytest.fixture(autouse=True)
def conversation_settings(settings: Settings) -> None:
    settings.CHAT_HOURS = "always"
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.BASE_URL = BASE_URL
    settings.SMS_OPENING_WORD = "HELLO"


def signature_for(path: str, data: Mapping[str, str], token: str = AUTH_TOKEN) -> str:
    return expected_signature(BASE_URL + path, data.items(), auth_token=token)


@pytest.fixture
def twilio(organisation_a: Organisation) -> SignedPost:
    """Posts a form to a webhook signed as Twilio would sign it with the configured auth token."""
    client = Client()

    def post(path: str, data: Mapping[str, str], *, signature: str | None = None) -> TestResponse:
        given = signature if signature is not None else signature_for(path, data)
        headers = {"X-Twilio-Signature": given} if given else {}
        return client.post(path, dict(data), headers=headers)

    return post


def text(body: str, phone: str = PERSON_PHONE) -> dict[str, str]:
    return {"From": phone, "To": SERVICE_NUMBER, "Body": body, "MessageSid": "SM" + "0" * 32, "NumMedia": "0"}
