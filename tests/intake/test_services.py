from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from waypost.accounts.models import Organisation
from waypost.core.encryption import keyed_hash
from waypost.intake.choices import Source, Status
from waypost.intake.details import check_contact_details
from waypost.intake.models import ContactDraft, ContactRequest, RateLimitWindow
from waypost.intake.ratelimit import RateLimited, count_attempt
from waypost.intake.services import contact_by, erase_contact_request, purge, submit_contact_request
from waypost.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "for_whom": "self",
    "contact_methods": ["call", "email"],
    "phone": "07911 123456",
    "email": "Sam@Example.com",
    "best_times": ["weekend"],
    "voicemail_ok": True,
    "safe_to_text": False,
    "safe_contact_notes": "Ask for Sam",
    "help_with": "My bladder hurts",
    "consent": True,
}


def submit() -> ContactRequest:
    details, errors = check_contact_details(PAYLOAD)
    assert details is not None, errors
    return submit_contact_request(details=details, source=Source.WEB).request


def allow_submission(*, client_address: str) -> bool:
    """Count an attempt in its own transaction, as submit_contact_request does."""
    try:
        with transaction.atomic():
            count_attempt(client_address)
    except RateLimited:
        return False
    return True


def raw_row(request: ContactRequest) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_contactrequest WHERE id = %s", [request.pk])
        return repr(cursor.fetchone())


def test_a_request_goes_to_the_first_organisation_that_receives_public_requests(
    organisation_a: Organisation, organisation_b: Organisation
) -> None:
    Organisation.objects.filter(pk=organisation_b.pk).update(receives_public_requests=True)

    request = submit()

    assert request.organisation == organisation_a
    assert ContactRequest.objects.get(pk=request.pk).organisation_id == organisation_a.pk


def test_a_request_waits_without_an_organisation_when_none_receives_public_requests(
    organisation_b: Organisation,
) -> None:
    assert submit().organisation is None


@override_settings(TEAM_ALERT_EMAIL="team@example.org")
def test_a_submission_is_four_writes_and_no_reads(organisation_a: Organisation) -> None:
    details, errors = check_contact_details(PAYLOAD)
    assert details is not None, errors

    with CaptureQueriesContext(connection) as queries:
        submit_contact_request(
            details=details, source=Source.API, client_address="203.0.113.9", idempotency_key="k", body_fingerprint="f"
        )

    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    statements = [statement for statement in statements if statement not in ("SAVEPOINT", "RELEASE")]
    # rate-limit count, request (choosing its organisation), idempotency record, both outbox messages
    assert statements == ["INSERT"] * 4
    assert sorted(OutboundMessage.objects.values_list("template", flat=True)) == ["request-received", "team-alert"]


def test_personal_fields_are_encrypted_in_the_table() -> None:
    request = submit()

    row = raw_row(request)
    for secret in ("7911123456", "Sam@Example.com", "Ask for Sam", "bladder"):
        assert secret not in row


def test_blind_indexes_find_repeats_without_decrypting() -> None:
    first, second = submit(), submit()

    assert first.phone_hash == second.phone_hash == keyed_hash("+447911123456", purpose="phone")
    assert first.email_hash == keyed_hash("sam@example.com", purpose="email")
    assert first.reference != second.reference


def test_confirmation_goes_by_email_when_allowed_with_neutral_words() -> None:
    request = submit()

    confirmation = OutboundMessage.objects.get(reference=request.reference, template="request-received")
    assert confirmation.channel == "email"
    assert confirmation.recipient == "Sam@Example.com"
    assert "ketamine" not in (confirmation.subject + confirmation.body).lower()


def test_erasure_leaves_a_tombstone_without_personal_data() -> None:
    request = submit()

    assert erase_contact_request(reference=request.reference)

    tombstone = ContactRequest.objects.get(pk=request.pk)
    assert tombstone.status == Status.ERASED
    assert tombstone.reference == request.reference
    assert (tombstone.phone, tombstone.email, tombstone.help_with, tombstone.phone_hash) == (None, None, None, "")
    assert not erase_contact_request(reference=request.reference)


def test_erasure_also_clears_the_outbox_messages_for_that_request() -> None:
    request = submit()

    erase_contact_request(reference=request.reference)

    messages = OutboundMessage.objects.filter(reference=request.reference)
    assert messages.count() == 2
    assert {message.recipient for message in messages} == {""}


def test_erase_command_names_an_unknown_reference() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No request with reference ZZZZ-ZZZZ"):
        call_command("erase_request", "zzzz-zzzz")


def test_purge_deletes_closed_requests_after_the_retention_period_only() -> None:
    old, recent, open_request = submit(), submit(), submit()
    now = timezone.now()
    ContactRequest.objects.filter(pk=old.pk).update(status=Status.CLOSED, closed_at=now - datetime.timedelta(days=200))
    ContactRequest.objects.filter(pk=recent.pk).update(
        status=Status.CLOSED, closed_at=now - datetime.timedelta(days=10)
    )

    summary = purge(closed_for=datetime.timedelta(days=180))

    assert summary.closed_requests == 1
    assert set(ContactRequest.objects.values_list("pk", flat=True)) == {recent.pk, open_request.pk}


def test_purge_removes_idle_drafts_and_old_rate_limit_records() -> None:
    now = timezone.now()
    ContactDraft.objects.create(answers=json.dumps({"phone": "x"}), updated_at=now - datetime.timedelta(hours=2))
    ContactDraft.objects.create(answers=json.dumps({}), updated_at=now)
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    RateLimitWindow.objects.create(client_hash="a" * 64, window_start=this_hour - datetime.timedelta(hours=1))
    RateLimitWindow.objects.create(client_hash="a" * 64, window_start=this_hour, attempts=2)

    summary = purge(closed_for=datetime.timedelta(days=180))

    assert (summary.drafts, summary.rate_limit_windows) == (1, 1)
    assert ContactDraft.objects.count() == 1
    assert list(RateLimitWindow.objects.values_list("window_start", flat=True)) == [this_hour]


@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=2)
def test_rate_limit_counts_per_client_per_hour_and_stores_no_address() -> None:
    start = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        allowed = [allow_submission(client_address="203.0.113.9") for _ in range(3)]
        other_client = allow_submission(client_address="198.51.100.4")
    with time_machine.travel(start + datetime.timedelta(minutes=59), tick=False):
        later_that_hour = allow_submission(client_address="203.0.113.9")
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        next_hour = allow_submission(client_address="203.0.113.9")

    assert allowed == [True, True, False]
    assert other_client
    assert not later_that_hour
    assert next_hour
    assert "203.0.113.9" not in repr(list(RateLimitWindow.objects.values_list()))


@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=2)
def test_refused_attempts_are_not_counted() -> None:
    for _ in range(5):
        allow_submission(client_address="203.0.113.9")

    assert list(RateLimitWindow.objects.values_list("attempts", flat=True)) == [2]


def test_rotate_keys_re_encrypts_every_row_under_the_new_key() -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[old_key]):
        request = submit()
    with override_settings(ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with override_settings(ENCRYPTION_KEYS=[new_key]):
        assert ContactRequest.objects.get(pk=request.pk).phone == "+447911123456"


@pytest.mark.parametrize(
    ("methods", "words"),
    [
        (("text",), "text"),
        (("call",), "phone"),
        (("email",), "email"),
        (("text", "call"), "phone or text"),
        (("email", "text"), "text or email"),
        (("email", "text", "call"), "phone, text or email"),
    ],
)
def test_the_confirmation_names_the_ways_of_contact_chosen_in_journey_order(
    methods: tuple[str, ...], words: str
) -> None:
    assert contact_by(methods) == words
