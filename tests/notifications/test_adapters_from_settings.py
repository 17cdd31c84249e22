"""Which adapter each channel uses, and the demo's outbox folder where messages become files."""

from __future__ import annotations

import email
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from tests.notifications.builders import FROM_ADDRESS, PERSON_EMAIL, PERSON_PHONE
from waypost.notifications.adapters import Delivery, DeliveryError, adapters_from_settings
from waypost.notifications.adapters.files import EmailFileAdapter, SmsFileAdapter
from waypost.notifications.adapters.smtp import SmtpAdapter
from waypost.notifications.adapters.twilio import TwilioAdapter
from waypost.notifications.models import Channel

EMAIL_DELIVERY = Delivery(recipient=PERSON_EMAIL, subject="Hello", body="Body text.", delivery_key="0f1e")
SMS_DELIVERY = Delivery(recipient=PERSON_PHONE, subject="", body="Short text.", delivery_key="0f1e")
TWILIO = {"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "token", "TWILIO_FROM_NUMBER": "+447700900999"}


def test_the_demo_default_writes_both_channels_to_the_outbox_folder() -> None:
    adapters = adapters_from_settings()

    assert isinstance(adapters[Channel.EMAIL], EmailFileAdapter)
    assert isinstance(adapters[Channel.SMS], SmsFileAdapter)


@override_settings(EMAIL_DELIVERY="smtp", SMS_DELIVERY="twilio", EMAIL_HOST="mail.example.org", **TWILIO)
def test_production_choices_use_smtp_and_twilio() -> None:
    adapters = adapters_from_settings()

    email_adapter, sms_adapter = adapters[Channel.EMAIL], adapters[Channel.SMS]
    assert isinstance(email_adapter, SmtpAdapter)
    assert email_adapter.server.host == "mail.example.org"
    assert isinstance(sms_adapter, TwilioAdapter)
    assert sms_adapter.from_number == "+447700900999"


@override_settings(SMS_DELIVERY="twilio", **{**TWILIO, "TWILIO_AUTH_TOKEN": ""})
def test_twilio_without_its_token_stops_the_worker_at_start_and_names_the_setting() -> None:
    with pytest.raises(ImproperlyConfigured, match="WAYPOST_SMS_BACKEND=twilio needs WAYPOST_TWILIO_AUTH_TOKEN"):
        adapters_from_settings()


def test_an_email_becomes_an_eml_file_only_its_owner_can_read(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"

    provider_id = EmailFileAdapter(folder=folder, from_address=FROM_ADDRESS).send(EMAIL_DELIVERY)

    written = folder / "0f1e.eml"
    message = email.message_from_bytes(written.read_bytes())
    assert provider_id == "file:0f1e.eml"
    assert (message["To"], message["Subject"], message["Message-ID"]) == (
        PERSON_EMAIL,
        "Hello",
        "<0f1e@help.example.org>",
    )
    assert written.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700


def test_an_sms_becomes_a_text_file(tmp_path: Path) -> None:
    provider_id = SmsFileAdapter(folder=tmp_path).send(SMS_DELIVERY)

    assert provider_id == "file:0f1e.sms.txt"
    assert (tmp_path / "0f1e.sms.txt").read_text() == f"To: {PERSON_PHONE}\n\nShort text.\n"


def test_sending_the_same_message_twice_leaves_one_file(tmp_path: Path) -> None:
    adapter = SmsFileAdapter(folder=tmp_path)

    adapter.send(SMS_DELIVERY)
    adapter.send(SMS_DELIVERY)

    assert [path.name for path in tmp_path.iterdir()] == ["0f1e.sms.txt"]


def test_an_unwritable_outbox_is_a_delivery_error(tmp_path: Path) -> None:
    blocker = tmp_path / "outbox"
    blocker.write_text("a file where the folder should be")

    with pytest.raises(DeliveryError, match="outbox folder cannot be written"):
        SmsFileAdapter(folder=blocker).send(SMS_DELIVERY)
