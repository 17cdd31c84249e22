"""Each staff member chooses their console's language; it follows them on addresses that name no language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from waypost.accounts.models import User
from waypost.core.audit import AuditEvent

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]


def test_a_new_staff_member_reads_the_console_in_english(supervisor_a: User) -> None:
    assert User.objects.get(pk=supervisor_a.pk).console_language == "en-gb"


@pytest.mark.parametrize("path", ["/staff/", "/staff/dashboard", "/staff/audit", "/staff/reports"])
def test_the_language_page_is_one_click_from_every_console_page(
    staff_client: StaffClient, supervisor_a: User, path: str
) -> None:
    response = staff_client(supervisor_a).get(path)

    assert response.status_code == 200
    assert '<a href="/staff/account/language">Language / Idioma</a>' in response.content.decode()


def test_choosing_spanish_saves_it_and_shows_the_console_in_spanish(
    staff_client: StaffClient, supervisor_a: User
) -> None:
    client = staff_client(supervisor_a)

    response = client.post("/staff/account/language", {"language": "es"})

    assert response.status_code == 302
    assert response["Location"] == "/staff/account/language?saved=1"
    assert User.objects.get(pk=supervisor_a.pk).console_language == "es"
    html = client.get("/staff/account/language?saved=1").content.decode()
    assert '<html lang="es">' in html
    assert "Guardado. Su consola del personal ahora está en este idioma." in html


def test_choosing_english_again_puts_the_console_back_in_english(staff_client: StaffClient, supervisor_a: User) -> None:
    User.objects.filter(pk=supervisor_a.pk).update(console_language="es")
    client = staff_client(supervisor_a)

    client.post("/staff/account/language", {"language": "en-gb"})

    html = client.get("/staff/").content.decode()
    assert '<html lang="en-GB">' in html
    assert "<h1>Requests</h1>" in html


@pytest.mark.parametrize(
    ("data", "error"),
    [({}, "Select the language of your staff console"), ({"language": "fr"}, "Select English or Español")],
)
def test_the_language_form_refuses_no_choice_or_an_unknown_one(
    staff_client: StaffClient, supervisor_a: User, data: dict[str, str], error: str
) -> None:
    response = staff_client(supervisor_a).post("/staff/account/language", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert "<title>Error: Language of your staff console" in html
    assert User.objects.get(pk=supervisor_a.pk).console_language == "en-gb"


def test_the_language_page_needs_both_factors(supervisor_a: User) -> None:
    response = Client().post("/staff/account/language", {"language": "es"})

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login?next=")
    assert User.objects.get(pk=supervisor_a.pk).console_language == "en-gb"


def test_an_address_that_names_a_language_wins_over_the_choice(staff_client: StaffClient, supervisor_a: User) -> None:
    client = staff_client(supervisor_a)

    english_chooser_in_spanish = client.get("/es/staff/").content.decode()
    User.objects.filter(pk=supervisor_a.pk).update(console_language="es")
    spanish_chooser_on_public_page = client.get("/learn/").content.decode()

    assert '<html lang="es">' in english_chooser_in_spanish
    assert '<html lang="en-GB">' in spanish_chooser_on_public_page


def test_choosing_a_language_writes_no_audit_record_and_touches_no_one_else(
    staff_client: StaffClient, supervisor_a: User, triage_worker_a: User
) -> None:
    staff_client(supervisor_a).post("/staff/account/language", {"language": "es"})

    assert User.objects.get(pk=triage_worker_a.pk).console_language == "en-gb"
    assert not AuditEvent.objects.exists()
