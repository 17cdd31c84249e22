"""The public correction form (issue 12): contacts encrypted and purged, CSRF, a per-client limit, refusals said."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, override_settings
from django.utils import timezone

from tests.directory.builders import service_record
from waypost.directory.models import Correction, Service
from waypost.directory.services import MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY, save_service_records, submit_correction
from waypost.intake.ratelimit import RateLimited, count_attempt

REPORT = {"problem": "contact", "details": "The number rings out.", "contact": "reporter@example.org"}
BEFORE_ENCRYPTION = ("directory", "0002_hsds_ids_derived_not_stored")


@pytest.fixture
def service(db: None) -> Service:
    save_service_records(records=[service_record(1), service_record(2)])
    return Service.objects.order_by("pk").first() or pytest.fail("no service")


def raw_contacts() -> list[object]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporter_contact FROM directory_correction ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def report(client: Client, service: Service, address: str = "203.0.113.9", **changes: str) -> Any:
    return client.post(f"/services/{service.pk}/correction", {**REPORT, **changes}, REMOTE_ADDR=address)


def test_the_reporters_contact_is_encrypted_at_rest(member_of_the_public: Client, service: Service) -> None:
    report(member_of_the_public, service)

    assert Correction.objects.get().reporter_contact == "reporter@example.org"
    [stored] = raw_contacts()
    assert "reporter" not in str(stored)


def test_rotate_keys_re_encrypts_correction_contacts(service: Service) -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[old_key]):
        correction = submit_correction(service=service, problem="other", details="x", reporter_contact="07700 900982")
    with override_settings(ENCRYPTION_KEYS=[new_key, old_key]):
        output = io.StringIO()
        call_command("rotate_keys", stdout=output)
    with override_settings(ENCRYPTION_KEYS=[new_key]):
        assert Correction.objects.get(pk=correction.pk).reporter_contact == "07700 900982"
    assert "directory.Correction: re-encrypted 1 rows" in output.getvalue()


@override_settings(RETENTION_DAYS=180)
def test_purge_deletes_corrections_older_than_the_retention_period(service: Service) -> None:
    now = timezone.now()
    old = submit_correction(service=service, problem="other", details="Old", reporter_contact="a@example.org")
    recent = submit_correction(service=service, problem="other", details="New", reporter_contact="b@example.org")
    Correction.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=181))
    Correction.objects.filter(pk=recent.pk).update(created_at=now - timedelta(days=179))
    output = io.StringIO()

    call_command("purge", stdout=output)

    assert list(Correction.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "1 directory corrections" in output.getvalue()


def test_a_correction_without_a_csrf_token_is_refused(service: Service) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/services/{service.pk}/correction", REPORT)

    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert Correction.objects.count() == 0


def test_a_correction_with_the_pages_token_is_accepted(service: Service) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/services/{service.pk}").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None

    response = client.post(f"/services/{service.pk}/correction", {**REPORT, "csrfmiddlewaretoken": token[1]})

    assert response.status_code == 302
    assert Correction.objects.count() == 1


@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=2)
def test_one_client_may_send_as_many_reports_an_hour_as_contact_requests(
    member_of_the_public: Client, service: Service
) -> None:
    statuses = [report(member_of_the_public, service).status_code for _ in range(3)]
    other_client = report(member_of_the_public, service, address="198.51.100.4")

    assert statuses == [302, 302, 429]
    assert other_client.status_code == 302
    assert Correction.objects.count() == 3


@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=2)
def test_a_refused_report_is_explained_with_what_to_do_instead(member_of_the_public: Client, service: Service) -> None:
    for _ in range(2):
        report(member_of_the_public, service)

    response = report(member_of_the_public, service)

    html = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Your report was not sent</h1>" in html
    assert "several reports from your connection in the last hour" in html
    assert "try again in an hour" in html
    assert 'href="/urgent"' in html


@override_settings(CONTACT_RATE_LIMIT_PER_HOUR=2)
def test_reports_do_not_use_up_the_limit_on_asking_for_help(member_of_the_public: Client, service: Service) -> None:
    for _ in range(3):
        report(member_of_the_public, service)

    try:
        with transaction.atomic():
            count_attempt("203.0.113.9")
    except RateLimited:
        pytest.fail("A person who reported listings could not ask for help")


def test_past_the_daily_limit_for_a_listing_the_sender_is_told(member_of_the_public: Client, service: Service) -> None:
    for number in range(MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY):
        report(member_of_the_public, service, address=f"198.51.100.{number + 1}")

    response = report(member_of_the_public, service, address="203.0.113.200")

    html = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Your report was not sent</h1>" in html
    assert "This listing has already been reported many times today" in html
    assert Correction.objects.count() == MAXIMUM_CORRECTIONS_PER_SERVICE_PER_DAY


@pytest.mark.parametrize(
    "contact",
    ["x@localhost", "victim@[127.0.0.1]", "someone@intranet"],
    ids=["localhost", "ip-literal", "single-label"],
)
def test_a_contact_address_on_a_local_host_or_ip_literal_is_refused(
    member_of_the_public: Client, service: Service, contact: str
) -> None:
    response = report(member_of_the_public, service, contact=contact)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the correct format, like name@example.com, or a phone number" in html
    assert Correction.objects.count() == 0


def test_a_phone_number_is_still_a_fine_contact(member_of_the_public: Client, service: Service) -> None:
    report(member_of_the_public, service, contact="0161 496 0000")

    assert Correction.objects.get().reporter_contact == "0161 496 0000"


@pytest.mark.django_db(transaction=True)
def test_migration_encrypts_contacts_stored_before_it() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_ENCRYPTION])
    old = executor.loader.project_state([BEFORE_ENCRYPTION]).apps
    organization = old.get_model("directory", "Organization").objects.create(source="t", source_id="o", name="Trust")
    old_service = old.get_model("directory", "Service").objects.create(
        source="t", source_id="s", organization=organization, name="Clinic", fingerprint="f", updated_at=timezone.now()
    )
    old_correction = old.get_model("directory", "Correction")
    moment = timezone.make_aware(datetime(2026, 11, 1, 9, 0))  # noqa: DTZ001 - made aware here
    with_contact = old_correction.objects.create(
        service=old_service, problem="other", details="Wrong", reporter_contact="old@example.org", created_at=moment
    )
    anonymous = old_correction.objects.create(service=old_service, problem="other", details="Wrong", created_at=moment)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert "old@example.org" not in repr(raw_contacts())
    assert Correction.objects.get(pk=with_contact.pk).reporter_contact == "old@example.org"
    assert Correction.objects.get(pk=anonymous.pk).reporter_contact in (None, "")
    assert Correction.objects.get(pk=with_contact.pk).details == "Wrong"
