"""The reports page follows the console's language; its CSV stays English for whoever downloads it (ADR 0047)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from waypost.accounts.models import User

pytestmark = pytest.mark.django_db
StaffClient = Callable[[User], Client]


def test_the_reports_page_is_in_spanish_for_a_spanish_supervisor(
    staff_client: StaffClient, spanish_supervisor: User
) -> None:
    html = staff_client(spanish_supervisor).get("/staff/reports?from=2026-01&to=2026-03").content.decode()

    assert "<h1>Embudo de derivaciones</h1>" in html
    assert '<th scope="col">Primer contacto</th>' in html
    assert '<th scope="row">Solicitada a primer contacto</th>' in html


def test_a_period_error_is_in_spanish(staff_client: StaffClient, spanish_supervisor: User) -> None:
    response = staff_client(spanish_supervisor).get("/staff/reports?from=2026-05&to=2026-03")

    assert response.status_code == 400
    assert "El primer mes debe ser igual o anterior al último mes" in response.content.decode()


def test_the_csv_keeps_english_words_whatever_the_console_language(
    staff_client: StaffClient, spanish_supervisor: User
) -> None:
    response = staff_client(spanish_supervisor).get("/staff/reports.csv?from=2026-01&to=2026-03")

    text = response.content.decode()
    assert "funnel,total,First contact,0" in text
    assert "Primer contacto" not in text
