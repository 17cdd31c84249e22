"""The audit log filters by person, request, action and date, keeps them in the URL, and its CSV honours them."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable

import pytest
from django.test import Client

from waypost.accounts.models import Organisation, User
from waypost.core.audit import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]
LONDON_NOON = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)


def event(organisation: Organisation, actor: str, action: AuditAction, reference: str, at: datetime.datetime) -> None:
    AuditEvent.objects.create(
        at=at, actor_name=actor, organisation=organisation, action=action, request_reference=reference, page="/x"
    )


@pytest.fixture
def log(organisation_a: Organisation, organisation_b: Organisation) -> None:
    event(organisation_a, "ada", AuditAction.VIEWED_REQUEST, "AAAA-1111", LONDON_NOON)
    event(organisation_a, "ada", AuditAction.CLAIMED, "BBBB-2222", LONDON_NOON + datetime.timedelta(days=1))
    event(organisation_a, "ben", AuditAction.CLAIMED, "AAAA-1111", LONDON_NOON + datetime.timedelta(days=2))
    event(organisation_b, "ada", AuditAction.CLAIMED, "CCCC-3333", LONDON_NOON + datetime.timedelta(days=1))


def csv_rows(response: object) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "references"),
    [
        ("", ["AAAA-1111", "BBBB-2222", "AAAA-1111"]),
        ("actor=ADA", ["BBBB-2222", "AAAA-1111"]),
        ("reference=aaaa-1111", ["AAAA-1111", "AAAA-1111"]),
        ("action=claimed", ["AAAA-1111", "BBBB-2222"]),
        ("from=2026-11-21", ["AAAA-1111", "BBBB-2222"]),
        ("to=2026-11-21", ["BBBB-2222", "AAAA-1111"]),
        ("actor=ada&action=claimed&from=2026-11-21&to=2026-11-21", ["BBBB-2222"]),
    ],
)
def test_the_audit_csv_holds_only_the_rows_the_filters_choose(
    staff_client: StaffClient, supervisor_a: User, log: None, query: str, references: list[str]
) -> None:
    response = staff_client(supervisor_a).get(f"/staff/audit.csv?{query}")

    assert response.status_code == 200
    assert [row[3] for row in csv_rows(response)[1:]] == references
    export = AuditEvent.objects.get(action=AuditAction.EXPORTED_AUDIT)
    assert export.page == (f"/staff/audit.csv?{query}" if query else "/staff/audit.csv")


def test_the_audit_page_lists_the_filtered_rows_and_keeps_the_filters_in_its_links(
    staff_client: StaffClient, supervisor_a: User, log: None
) -> None:
    response = staff_client(supervisor_a).get("/staff/audit?actor=ben&action=claimed")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<td>ben</td>") == 1
    assert "<td>ada</td>" not in html
    assert "Sun 22 Nov 2026, 12:00 GMT" in html
    assert 'href="/staff/audit.csv?organisation=organisation-a&amp;actor=ben&amp;action=claimed"' in html
    assert 'id="id_actor" name="actor" type="text" value="ben"' in html
    assert AuditEvent.objects.count() == 4


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=yesterday", "Enter the date as year-month-day, like 2026-11-30"),
        ("to=2026-02-30", "Enter the date as year-month-day, like 2026-11-30"),
        ("action=deleted-everything", "Select an action from the list"),
        (
            "from=2026-11-22&to=2026-11-21",
            "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date",
        ),
        ("reference=" + "X" * 40, "Ensure this value has at most 16 characters (it has 40)."),
    ],
)
def test_a_bad_filter_gets_a_clear_message_not_an_error_page(
    staff_client: StaffClient, supervisor_a: User, log: None, query: str, message: str
) -> None:
    client = staff_client(supervisor_a)

    page = client.get(f"/staff/audit?{query}")
    download = client.get(f"/staff/audit.csv?{query}")

    assert page.status_code == 400
    assert message in page.content.decode()
    assert "There is a problem" in page.content.decode()
    assert "<td>ada</td>" not in page.content.decode()
    assert download.status_code == 400
    assert download.content.decode().startswith("The filters are not valid:")
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORTED_AUDIT).exists()


def test_the_audit_page_shows_fifty_rows_a_page_with_a_link_to_older_ones(
    staff_client: StaffClient, supervisor_a: User, organisation_a: Organisation
) -> None:
    for minute in range(51):
        event(
            organisation_a,
            f"person-{minute}",
            AuditAction.ADDED_NOTE,
            "",
            LONDON_NOON + datetime.timedelta(minutes=minute),
        )
    client = staff_client(supervisor_a)

    first = client.get("/staff/audit?action=added-note").content.decode()
    second = client.get("/staff/audit?action=added-note&page=2").content.decode()

    assert first.count("<td>person-") == 50
    assert "<td>person-0</td>" not in first
    assert 'href="?organisation=organisation-a&amp;action=added-note&amp;page=2">Older records</a>' in first
    assert second.count("<td>person-") == 1
    assert "<td>person-0</td>" in second
    assert "Older records" not in second
