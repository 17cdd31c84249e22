"""The directory in Spanish: the search form, its errors, results with distances in millas and the region's
payment words, a service's page and the correction form (issue 18)."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from tests.directory.builders import service_record
from waypost.directory.models import Service
from waypost.directory.services import save_service_records
from waypost.directory.taxonomy import Accepting

pytestmark = pytest.mark.django_db

BOTH_REGIONS = override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])
NEW_YORK = {"latitude": 40.7506, "longitude": -73.9972}


@pytest.fixture
def clinic() -> Service:
    save_service_records(
        records=[
            service_record(
                1,
                **NEW_YORK,
                name="Chelsea Recovery (fictional)",
                care_types=("harm-reduction",),
                payment_options=("free", "medicaid"),
                accepting=Accepting.YES,
                typical_wait_weeks=2,
                last_verified_on=timezone.localdate() - timedelta(days=3),
                url="https://example.org/chelsea",
            )
        ]
    )
    return Service.objects.get()


def text_of(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@BOTH_REGIONS
def test_results_are_in_spanish_with_millas_and_the_us_payment_words(
    member_of_the_public: Client, clinic: Service
) -> None:
    page = text_of(member_of_the_public, "/us/es/services/?where=10001&radius=10")

    assert "1 servicio cerca de código postal 10001" in page
    assert "<p>A 0,2 millas (0,2 km)" in page  # the Spanish decimal comma
    assert "Gratis o con fondos públicos, Medicaid" in page
    assert "Acepta nuevos pacientes. Espera habitual de unas 2 semanas." in page
    assert "Revisado por última vez hace 3 días" in page
    assert '<option value="10" selected>A 10 millas o menos</option>' in page


@BOTH_REGIONS
def test_a_missing_place_is_explained_in_spanish(member_of_the_public: Client) -> None:
    page = text_of(member_of_the_public, "/us/es/services/?where=")

    assert "<title>Error: Buscar un servicio" in page
    assert "Escriba un código postal (postcode o ZIP), o la latitud y la longitud" in page


@BOTH_REGIONS
def test_a_service_page_and_its_correction_form_are_in_spanish(member_of_the_public: Client, clinic: Service) -> None:
    page = text_of(member_of_the_public, f"/us/es/services/{clinic.pk}")

    assert "Avísenos si algo está mal" in page
    assert "El número de teléfono o el sitio web están mal" in page
    assert (
        '<dt class="summary-list__key">Tipo de atención</dt><dd class="summary-list__value">Reducción de daños' in page
    )


@BOTH_REGIONS
def test_the_english_results_are_unchanged(member_of_the_public: Client, clinic: Service) -> None:
    page = text_of(member_of_the_public, "/us/services/?where=10001&radius=10")

    assert "1 service near ZIP code 10001" in page
    assert "<p>0.2 miles away (0.2 km)" in page
    assert "Free or publicly funded, Medicaid" in page
    assert "Accepting new clients. Usual wait about 2 weeks." in page
    assert '<option value="10" selected>Within 10 miles</option>' in page


@BOTH_REGIONS
def test_a_zip_code_that_is_not_found_is_explained_in_spanish(member_of_the_public: Client) -> None:
    spanish = text_of(member_of_the_public, "/us/es/services/?where=00000")
    english = text_of(member_of_the_public, "/us/services/?where=00000")

    assert "No encontramos el código ZIP 00000. Revíselo e inténtelo de nuevo" in spanish
    assert "We could not find the ZIP code 00000. Check it and try again" in english
