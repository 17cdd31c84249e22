"""Erasure must erase: after `erase-request` (command or console) no table holds anything about the person."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Iterator

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.test import Client

from tests.triage.factories import make_request
from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent
from waypost.intake.choices import Source, Status
from waypost.intake.details import check_contact_details
from waypost.intake.models import ContactRequest, IdempotencyRecord
from waypost.intake.services import erase_contact_request, submit_contact_request
from waypost.notifications.models import OutboundMessage
from waypost.triage import services
from waypost.triage.models import Activity, AttemptChannel, AttemptResult

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]

PERSON = {
    "for_whom": "self",
    "contact_methods": ["call", "text", "email"],
    "phone": "07911 128642",
    "email": "Zebedee.Quartermaine@example.net",
    "name": "Zebedee Quartermaine",
    "best_times": ["weekend"],
    "voicemail_ok": False,
    "safe_to_text": True,
    "safe_contact_notes": "Ask for Zebedee, never mention Quartermaine",
    "help_with": "Zebedee's bladder pain",
    "consent": True,
}
# Everything that would identify the person, as it could be stored: typed, normalised or lower-cased
DETAILS = ("zebedee", "quartermaine", "7911128642", "07911 128642", "128642", "bladder")
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.BinaryField)


def text_columns(model: type[models.Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields if isinstance(field, TEXT_FIELDS)]


def details_in_models() -> list[str]:
    """Every text and binary column of every model, read through the ORM so encrypted columns are decrypted."""
    found = []
    for model in apps.get_models():
        columns = text_columns(model)
        if not columns:
            continue
        for row in model._base_manager.values_list("pk", *columns):
            text = repr(row).lower()
            found += [f"{model._meta.label} {row[0]}: {detail}" for detail in DETAILS if detail in text]
    return found


def raw_rows() -> Iterator[tuple[str, str]]:
    """Every row of every table as stored, below the ORM, binary columns read as text."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from the database)
            for row in cursor.fetchall():
                yield table, " ".join(as_text(value) for value in row).lower()


def as_text(value: object) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def details_in_raw_rows() -> list[str]:
    return [f"{table}: {detail}" for table, text in raw_rows() for detail in DETAILS if detail in text]


def person_with_history(organisation: Organisation, worker: User) -> ContactRequest:
    """A request about the person with notes, an attempt, messages, an idempotency record and a merged duplicate."""
    details, errors = check_contact_details(PERSON)
    assert details is not None, errors
    request = submit_contact_request(
        details=details, source=Source.API, idempotency_key=f"zebedee-{uuid.uuid4()}", body_fingerprint="f" * 64
    ).request
    ContactRequest.objects.filter(pk=request.pk).update(organisation=organisation)
    request.refresh_from_db()
    duplicate = make_request(organisation, **PERSON)
    services.claim_request(actor=worker, contact_request=request, page="/test")
    services.add_note(
        actor=worker, contact_request=request, text="Zebedee Quartermaine rang from 07911 128642", page="/t"
    )
    services.record_contact_attempt(
        actor=worker,
        contact_request=request,
        channel=AttemptChannel.CALL,
        result=AttemptResult.SPOKE,
        version=request.version,
        page="/test",
    )
    services.add_note(actor=worker, contact_request=duplicate, text="Same person: Zebedee", page="/test")
    request.refresh_from_db()
    services.merge_duplicate(actor=worker, keep=request, duplicate=duplicate, page="/test")
    return request


def test_the_fixture_really_stores_the_details_everywhere_it_is_searched(
    organisation_a: Organisation, triage_worker_a: User
) -> None:
    request = person_with_history(organisation_a, triage_worker_a)

    found = "\n".join(details_in_models())
    assert "intake.ContactRequest" in found
    assert "triage.Activity" in found
    assert "notifications.OutboundMessage" in found
    assert IdempotencyRecord.objects.filter(contact_request=request).exists()
    assert ContactRequest.objects.filter(duplicate_of=request).exists()


def erase_by_command(request: ContactRequest, staff_client: StaffClient, admin: User) -> None:
    call_command("erase_request", request.reference.lower(), stdout=io.StringIO())


def erase_in_the_console(request: ContactRequest, staff_client: StaffClient, admin: User) -> None:
    response = staff_client(admin).post(f"/staff/requests/{request.reference}/erase")
    assert response.status_code == 302


@pytest.mark.parametrize("erase", [erase_by_command, erase_in_the_console], ids=["command", "console"])
def test_no_table_holds_the_persons_details_after_erasure(
    erase: Callable[[ContactRequest, StaffClient, User], None],
    staff_client: StaffClient,
    organisation_a: Organisation,
    triage_worker_a: User,
    organisation_admin_a: User,
) -> None:
    request = person_with_history(organisation_a, triage_worker_a)

    erase(request, staff_client, organisation_admin_a)

    assert details_in_models() == []
    assert details_in_raw_rows() == []
    tombstone = ContactRequest.objects.get(pk=request.pk)
    assert (tombstone.reference, tombstone.status) == (request.reference, Status.ERASED)
    assert not Activity.objects.filter(contact_request=request).exists()
    assert not IdempotencyRecord.objects.exists()
    assert set(OutboundMessage.objects.values_list("recipient", "body")) == {("", "")}


def test_erasure_removes_the_merge_links_and_the_merged_duplicates_details(
    organisation_a: Organisation, triage_worker_a: User
) -> None:
    request = person_with_history(organisation_a, triage_worker_a)
    duplicate = ContactRequest.objects.get(duplicate_of=request)

    assert erase_contact_request(reference=request.reference)

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.duplicate_of, duplicate.phone, duplicate.name) == (
        Status.ERASED,
        None,
        None,
        None,
    )


def test_erasing_a_merged_duplicate_erases_the_request_it_was_merged_into(
    organisation_a: Organisation, triage_worker_a: User
) -> None:
    request = person_with_history(organisation_a, triage_worker_a)
    duplicate = ContactRequest.objects.get(duplicate_of=request)

    assert erase_contact_request(reference=duplicate.reference)

    assert details_in_models() == []
    assert set(ContactRequest.objects.values_list("status", flat=True)) == {Status.ERASED}


def test_erasure_leaves_other_peoples_requests_alone(organisation_a: Organisation, triage_worker_a: User) -> None:
    request = person_with_history(organisation_a, triage_worker_a)
    someone_else = make_request(organisation_a, name="Ada Other")
    services.add_note(actor=triage_worker_a, contact_request=someone_else, text="Ada rang back", page="/test")

    erase_contact_request(reference=request.reference)

    someone_else.refresh_from_db()
    assert (someone_else.status, someone_else.name) == (Status.NEW, "Ada Other")
    assert [activity.note for activity in Activity.objects.filter(contact_request=someone_else)] == ["Ada rang back"]


def test_the_command_and_the_audit_record_name_every_request_erased(
    staff_client: StaffClient, organisation_a: Organisation, triage_worker_a: User, organisation_admin_a: User
) -> None:
    first = person_with_history(organisation_a, triage_worker_a)
    first_duplicate = ContactRequest.objects.get(duplicate_of=first)
    second = person_with_history(organisation_a, triage_worker_a)
    second_duplicate = ContactRequest.objects.get(duplicate_of=second)
    output = io.StringIO()

    call_command("erase_request", first.reference, stdout=output)
    staff_client(organisation_admin_a).post(f"/staff/requests/{second.reference}/erase")

    assert output.getvalue() == (
        f"Erased the personal details of {first.reference}, "
        f"and of the requests merged with it: {first_duplicate.reference}.\n"
    )
    event = AuditEvent.objects.get(action=AuditAction.ERASED)
    assert (event.request_reference, event.detail) == (second.reference, f"with merged {second_duplicate.reference}")
